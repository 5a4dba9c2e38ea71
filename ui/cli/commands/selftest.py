"""`kiosk self-test`: load the catalog, open a database, render the home screen and make
a receipt, offscreen and in a temporary folder; exit 0 when nothing failed. The frozen
binary also accepts `--self-test` (installers/kiosk_entry.py maps it)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "self-test",
        help="smoke-test this build offscreen (libraries, catalog, database, screen, receipt, printing, charts)",
    )
    parser.add_argument("--keep", type=Path, help="keep the screenshot and receipt in this folder")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ui.self_test import run_self_test

    return run_self_test(say=lambda line: print(line, flush=True), keep=args.keep)
