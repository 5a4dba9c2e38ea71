"""`kiosk admin-pin`: set (or remove) the PIN of the kiosk's hidden administrator exit.
Asked twice without echo, or read from standard input (`--stdin`) for scripted set-up;
kept as a scrypt verifier in the OS keyring, never printed or logged."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "admin-pin",
        help="set the PIN of the kiosk's hidden administrator exit (OS keyring)",
        description=(
            "The administrator leaves a locked kiosk by tapping the Region's name in the "
            "header five times within four seconds, then typing this PIN (6 to 12 digits)."
        ),
    )
    parser.add_argument("--stdin", action="store_true", help="read the PIN from standard input")
    parser.add_argument("--remove", action="store_true", help="remove the PIN (no exit then)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.admin_exit import AdminExit, ExitRefusedError

    admin = AdminExit()
    try:
        if args.remove:
            removed = admin.remove_pin()
            print("admin PIN removed" if removed else "no admin PIN was set")
            return 0
        pin = _read_pin(args.stdin)
        if pin is None:
            return 2
        admin.set_pin(pin)
    except ValueError as error:
        print(f"admin-pin: {error}", file=sys.stderr)
        return 2
    except ExitRefusedError as refused:
        print(f"admin-pin: {refused.message('en')}", file=sys.stderr)
        return 1
    print("admin PIN set: tap the Region's name in the kiosk's header 5 times to use it")
    return 0


def _read_pin(from_stdin: bool) -> str | None:
    if from_stdin:
        return sys.stdin.readline().strip()
    import getpass

    first = getpass.getpass("New admin PIN (6-12 digits): ").strip()
    if getpass.getpass("The same PIN again: ").strip() != first:
        print("admin-pin: the two PINs differ; nothing was changed", file=sys.stderr)
        return None
    return first
