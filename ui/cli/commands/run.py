"""`kiosk run`: the app as an office device runs it, from its office configuration.

Kiosk mode: the locked full-screen window with the idle wipe; counter mode: a normal
window. Drafts go to the device store as they are typed; a network lane (its own
thread and its own database connection) sends the outbox whenever the link allows.

The first screen comes first (ui.startup.first_screen): it is painted from Qt and three
settings while a worker loads the configuration in full, the stores and the catalog
(ui.startup.loading); then the flow or console takes that screen over
(ui.startup.assembly). A configuration that is new or changed since the last start is
validated before anything is shown."""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.config import OfficeConfig


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "run", help="start the app with this device's office configuration"
    )
    parser.add_argument("--config", type=Path, help="office configuration (default: the device's)")
    parser.add_argument(
        "--report-start",
        action="store_true",
        help="print when the first screen is up and when everything behind it has loaded",
    )
    parser.add_argument(
        "--exit-when-loaded",
        action="store_true",
        help="quit once everything has loaded (exit status 0): checks that this device starts",
    )
    # Logging starts on the loading thread, once the first screen is up (ui.startup).
    parser.set_defaults(handler=run, logs_later=True)


def refused_office(text: str, path: Path) -> bool:
    """An office file naming another office than the enrolment is refused before any
    window opens, with the fix in Greek and English: everything the device sent would
    go to an office the platform does not let it write to."""
    from kiosk.enrolment import mismatch, office_id_of

    found = mismatch(office_id_of(text), path)
    if found is None:
        return False
    text_, words = found
    print(text_.message("el", **words), file=sys.stderr)
    print(text_.message("en", **words), file=sys.stderr)
    return True


def run(args: argparse.Namespace) -> int:
    began = time.perf_counter()
    # Python's cyclic garbage collector is paused while the app starts: the ~600 modules,
    # classes and widgets made then all live as long as the app, and collecting them again
    # and again as they arrive cost ~10 % of the time to loaded (benchmarks/startup.py).
    # It resumes once the app has loaded (ui.startup.progressive.resume_collection), or
    # here whatever happened.
    gc.disable()
    try:
        return _run(args, began)
    finally:
        gc.enable()


def _run(args: argparse.Namespace, began: float) -> int:
    from kiosk.office_file import ConfigError, read_office_file, validated_before

    config: OfficeConfig | None = None
    try:
        office = read_office_file(args.config)
        first = validated_before(office)
        if first is None:  # new or changed: every problem is told before a window opens
            from kiosk.config import parse_office_config

            config = parse_office_config(office.text, office.path)
            first = config.first_screen()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    if refused_office(office.text, office.path):
        return 2
    from ui.startup.pyside_scan import narrow_pyside_source_scan

    narrow_pyside_source_scan()  # before the first PySide6 import: ~14 ms to the first screen
    from ui.startup.progressive import start

    started = start(office, first, config, began)
    if args.report_start or args.exit_when_loaded:
        started.report(printing=args.report_start, exit_when_loaded=args.exit_when_loaded)
    try:
        status = started.app.exec()
    finally:
        started.close()
    return started.failure or status
