from __future__ import annotations

import json
import re
from pathlib import Path

from starlette.routing import Route

from sync.server.app import routes

OPENAPI = Path(__file__).resolve().parents[2] / "sync" / "openapi.json"


def _document() -> dict:  # type: ignore[type-arg]
    return json.loads(OPENAPI.read_text(encoding="utf-8"))


def _served() -> set[tuple[str, str]]:
    served = set()
    for route in routes():
        assert isinstance(route, Route)
        for method in route.methods or ():
            if method != "HEAD":
                served.add((re.sub(r"\{(\w+)(:\w+)?\}", r"{\1}", route.path), method.lower()))
    return served


def test_every_served_route_is_documented_and_nothing_more() -> None:
    documented = {(path, method) for path, item in _document()["paths"].items() for method in item}
    assert _served() == documented


def test_every_schema_reference_resolves() -> None:
    text = OPENAPI.read_text(encoding="utf-8")
    schemas = _document()["components"]["schemas"]
    for name in re.findall(r'"#/components/schemas/(\w+)"', text):
        assert name in schemas, name


def test_the_records_documented_are_the_ones_the_server_validates() -> None:
    """The submission, heartbeat and aggregate schemas are written from the records
    (`python -m sync.openapi_records`): stale ones fail here."""
    from sync.openapi_records import record_schemas

    documented = _document()["components"]["schemas"]
    for name, schema in record_schemas().items():
        assert documented.get(name) == json.loads(json.dumps(schema)), name
