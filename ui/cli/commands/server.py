"""`kiosk server`: the reference central platform server, for demos on one machine, and
`kiosk server admin ...`: what the Region's IT desk does to it (docs/deployment.md).

The admin commands work on the server's --db file directly, with the server running or
not (SQLite WAL: the running server sees the change at its next request):

    kiosk server admin codes create --office ATT-01 [--days 7]
    kiosk server admin codes revoke CODE
    kiosk server admin devices list [--office ATT-01]
    kiosk server admin devices revoke DEVICE_ID
    kiosk server admin fleet-token          (a token for the fleet page, shown once)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # subscriptable for the type checker only (Python 3.11 at run time)
    SubParsers: TypeAlias = argparse._SubParsersAction[argparse.ArgumentParser]
OFFICE_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"  # as the office file's office_id


def register(subparsers: SubParsers) -> None:
    parser = subparsers.add_parser(
        "server", help="run the reference platform server (prints an enrolment code)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument("--db", type=Path, help="SQLite file (default: in the data folder)")
    parser.add_argument(
        "--office", default="demo-office", help="office of the enrolment code printed at start"
    )
    parser.set_defaults(handler=run)
    admin = parser.add_subparsers(dest="server_command", metavar="admin")
    _register_admin(admin)


def _register_admin(subparsers: SubParsers) -> None:
    admin = subparsers.add_parser("admin", help="enrolment codes, devices, fleet token")
    admin.add_argument("--db", type=Path, help="the server's SQLite file")
    groups = admin.add_subparsers(dest="admin_group", metavar="GROUP", required=True)
    codes = groups.add_parser("codes", help="enrolment codes").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    create = codes.add_parser("create", help="a one-time code for a device of an office")
    create.add_argument("--office", required=True, help="the office's id, as in its office file")
    create.add_argument("--days", type=float, default=7.0, help="valid for (default 7 days)")
    create.set_defaults(handler=admin_command)
    revoke = codes.add_parser("revoke", help="withdraw an unused code")
    revoke.add_argument("code")
    revoke.set_defaults(handler=admin_command)
    devices = groups.add_parser("devices", help="enrolled devices").add_subparsers(
        dest="action", metavar="ACTION", required=True
    )
    listing = devices.add_parser("list", help="devices, their office and state")
    listing.add_argument("--office", help="only this office's")
    listing.set_defaults(handler=admin_command)
    cut = devices.add_parser("revoke", help="revoke a device's token")
    cut.add_argument("device_id")
    cut.set_defaults(handler=admin_command)
    token = groups.add_parser("fleet-token", help="a new token for the fleet page (shown once)")
    token.set_defaults(handler=admin_command, action="create")


def _db_path(args: argparse.Namespace) -> Path:
    from kiosk.paths import app_paths

    return args.db or app_paths().data_dir / "reference-server" / "platform.sqlite3"


def admin_command(args: argparse.Namespace) -> int:
    import re

    from sync.server import fleet, office
    from sync.server.store import ServerStore

    if getattr(args, "office", None) and not re.match(OFFICE_PATTERN, args.office):
        print("admin: an office id is 1-64 letters, digits, '-' or '_'", file=sys.stderr)
        return 2
    store = ServerStore(_db_path(args))
    try:
        match (args.admin_group, args.action):
            case ("codes", "create"):
                if not 0 < args.days <= 90:
                    print("admin: --days is between 0 and 90", file=sys.stderr)
                    return 2
                code = office.create_code(store, args.office, args.days)
                print(f"Enrolment code for one device of office {args.office}: {code}")
                print(f"The code works once, for {args.days:g} days.")
            case ("codes", "revoke"):
                if not office.revoke_code(store, args.code):
                    print("admin: no unused code like this (used, revoked or mistyped)")
                    return 1
                print("code revoked: it enrols nothing now")
            case ("devices", "list"):
                for row in fleet.device_lines(store, args.office):
                    print(row)
            case ("devices", "revoke"):
                if not office.revoke_device(store, args.device_id):
                    print(f"admin: no device {args.device_id} (see: devices list)")
                    return 1
                print(f"device {args.device_id} revoked: the platform refuses its token now")
            case _:  # fleet-token
                print(
                    f"Fleet page token (shown once, keep it safe): {fleet.new_admin_token(store)}"
                )
    finally:
        store.close()
    return 0


def run(args: argparse.Namespace) -> int:
    import re

    from sync.server.run import run_server

    if not re.match(OFFICE_PATTERN, args.office):
        print("server: an office id is 1-64 letters, digits, '-' or '_'", file=sys.stderr)
        return 2
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: serving plain http on {args.host}; devices refuse http:// "
            "to non-loopback hosts, put a TLS proxy in front",
            file=sys.stderr,
        )
    db_path = _db_path(args)
    run_server(
        args.host,
        args.port,
        db_path,
        say=lambda line: print(line, flush=True),
        office_id=args.office,
    )
    return 0
