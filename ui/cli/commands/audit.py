"""`kiosk audit verify`: check the tamper-evident audit chain of the device store."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("audit", help="the device's audit log")
    actions = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = actions.add_parser("verify", help="check the hash chain; names the first broken link")
    verify.add_argument("--db", type=Path, help="database file (default: this device's)")
    verify.set_defaults(handler=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from kiosk.paths import app_paths
    from kiosk.store import StoreError, verify_audit

    path = args.db or app_paths().database
    if not path.exists():
        print(f"{path}: no database here")
        return 2
    try:
        result = verify_audit(path)  # the chain needs no key: it holds no personal data
    except StoreError as error:
        print(error)
        return 2
    if result.ok:
        print(f"audit chain OK ({result.rows} entries)")
        return 0
    print(f"audit chain BROKEN at entry {result.first_broken_id}: {result.reason}")
    return 1
