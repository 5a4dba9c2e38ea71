from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.catalog.model import Procedure


class StepClock:
    """A clock the test moves by hand (the recorder measures time with it)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 10:00 in Athens

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> StepClock:
    return StepClock()


@pytest.fixture(scope="session")
def catalog() -> dict[str, Procedure]:
    return dict(load_catalog(sample_catalog_dir()).procedures)


@pytest.fixture(scope="session")
def taxi(catalog: dict[str, Procedure]) -> Procedure:
    return catalog["taxi-driver-licence"]


@pytest.fixture(scope="session")
def animal(catalog: dict[str, Procedure]) -> Procedure:
    return catalog["animal-transporter-licence-type2"]
