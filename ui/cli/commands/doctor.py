"""`kiosk doctor`: one line per check with the fix for each failure; exit 1 if any
failed. `--bundle FILE` also writes a support zip (no personal data, no secrets)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "doctor", help="check this device (configuration, database, keyring, Qt, server...)"
    )
    parser.add_argument("--config", type=Path, help="office configuration (default: the device's)")
    parser.add_argument("--bundle", type=Path, metavar="FILE", help="also write a support zip here")
    parser.add_argument("--probe", choices=("qt", "printers", "camera"), help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.probe:
        from ui.doctor import probe

        return probe(args.probe)

    from kiosk.config import office_config_path
    from kiosk.diagnostics.last_run import save_run
    from kiosk.diagnostics.support import write_support_bundle
    from kiosk.paths import app_paths
    from sync.enrolment import keyring_token
    from ui.doctor import run_checks, versions

    config_path = office_config_path(args.config)
    results = run_checks(config_path, say=lambda result: print(result.line(), flush=True))
    failed = [result for result in results if result.failed]
    save_run(results)  # its summary rides on the heartbeat to the fleet page
    summary = (
        f"doctor: {len(failed)} of {len(results)} checks failed"
        if failed
        else "doctor: all checks passed"
    )
    print(summary)
    if args.bundle:
        try:
            token = keyring_token()
        except Exception:  # a broken keyring is already a failed check above
            token = None
        written = write_support_bundle(
            args.bundle,
            config_path=config_path,
            log_dir=app_paths().log_dir,
            doctor_lines=[result.line() for result in results] + [summary],
            versions=versions(),
            secrets=[token] if token else [],
        )
        print(f"support bundle written to {written.resolve()}")
    return 1 if failed else 0
