"""The protocol's records in sync/openapi.json are written from the records themselves
(the submission and what it holds, the heartbeat, the daily aggregate), so that what is
documented is what the server validates. After changing one of them:
`python -m sync.openapi_records` (tests/sync/test_openapi.py fails while they are stale)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kiosk.analytics.aggregate import DailyAggregate
from kiosk.record_schemas import record_components
from kiosk.submission import submission_components
from sync.heartbeat import Heartbeat

OPENAPI = Path(__file__).with_name("openapi.json")
REF = "#/components/schemas/{name}"


def record_schemas() -> dict[str, dict[str, Any]]:
    """Component name -> schema of every record the protocol documents from code."""
    return {**submission_components(REF), **record_components([Heartbeat, DailyAggregate], REF)}


def main() -> int:
    document = json.loads(OPENAPI.read_text(encoding="utf-8"))
    document["components"]["schemas"].update(record_schemas())
    OPENAPI.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print(f"wrote {OPENAPI}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
