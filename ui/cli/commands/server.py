"""`kiosk server`: the reference central platform server, for demos on one machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "server", help="run the reference platform server (prints an enrolment code)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 picks a free one)")
    parser.add_argument("--db", type=Path, help="SQLite file (default: in the data folder)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from kiosk.paths import app_paths
    from sync.server.run import run_server

    if args.host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"warning: serving plain http on {args.host}; devices refuse http:// "
            "to non-loopback hosts, put a TLS proxy in front",
            file=sys.stderr,
        )
    db_path = args.db or app_paths().data_dir / "reference-server" / "platform.sqlite3"
    run_server(args.host, args.port, db_path, say=lambda line: print(line, flush=True))
    return 0
