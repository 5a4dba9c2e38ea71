"""A dashboard over seeded synthetic usage, for the demo and the README screenshot.

    python -m ui.dashboard.demo docs/screenshots/dashboard.png [en]

Eight weeks of a made-up office (kiosk_analytics' synthetic journeys through the real
recorder into a real store), then the screen rendered offscreen to a PNG."""

from __future__ import annotations

import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from kiosk.analytics.dashboard import DashboardData, build_dashboard
from kiosk.analytics.events import MemorySink
from kiosk.analytics.synthetic import Scenario, simulate
from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from kiosk.store import open_usage

DEMO_OFFICE = "thessaloniki-1"
DEMO_START = date(2026, 9, 7)  # a Monday; eight weeks to 1 November
DEMO_DAYS = 56


def demo_data(store_path: Path, *, seed: int = 11) -> DashboardData:
    """Seed a store at `store_path` with synthetic usage and read it back as the dashboard."""
    catalog = dict(load_catalog(sample_catalog_dir()).procedures)
    seeded = MemorySink()
    with open_usage(store_path) as usage:  # usage counters need no device key
        simulate(
            seeded,
            [
                (
                    catalog["taxi-driver-licence"],
                    Scenario(
                        daily_mean=14, weekly_growth=0.03,
                        leave={"eligibility": 0.3, "contact": 0.05},
                        fail={"afm": ("afm", 0.22), "phone": ("phone", 0.08),
                              "exam_date": ("future_date", 0.05)},
                    ),
                ),
                (
                    catalog["animal-transporter-licence-type2"],
                    Scenario(daily_mean=5, weekly_growth=0.05, leave={"vehicles_step": 0.15}),
                ),
            ],
            DEMO_START,
            DEMO_DAYS,
            seed=seed,
        )  # fmt: skip
        usage.record_all(seeded.events)
        today = DEMO_START + timedelta(days=DEMO_DAYS)
        days = usage.daily(DEMO_OFFICE, "2", DEMO_START, today)
    return build_dashboard(days, catalog, office_id=DEMO_OFFICE, today=today)


def save_screenshot(path: Path, locale: str = "el", width: int = 1440) -> Path:
    """Render the demo dashboard offscreen to `path` (PNG). Needs a QApplication."""
    from PySide6.QtWidgets import QApplication

    from ui.dashboard.screen import DashboardScreen
    from ui.theme import stylesheet

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        data = demo_data(Path(folder) / "demo.sqlite3")
    screen = DashboardScreen(data, locale, export_path=Path(folder) / "dashboard.csv")
    screen.setStyleSheet(stylesheet(scale=0.8))
    screen.resize(width, 900)
    screen.show()
    app.processEvents()
    screen.resize(width, screen.content.sizeHint().height())  # the whole page, no scroll
    app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not screen.grab().save(str(path), "PNG"):
        raise OSError(f"{path}: could not write the screenshot")
    screen.close()
    return path


if __name__ == "__main__":  # pragma: no cover - a developer's command
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "dashboard.png")
    print(save_screenshot(target, sys.argv[2] if len(sys.argv) > 2 else "el"))
