"""The `kiosk` command. Each module in ui/cli/commands/ adds one subcommand group
through a `register(subparsers)` function, so commands are added without touching
this file. Heavy imports (Qt, the server) happen inside the commands, not here, so
`kiosk catalog check` or `kiosk doctor` start fast on a machine with a broken Qt."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Callable, Sequence

import kiosk
from kiosk.logs import configure_logging
from kiosk.paths import app_paths

from . import commands

Handler = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description=(
            "Counter and kiosk client for the procedures of the Greek Regions. "
            "Works offline; submissions reach the central platform once the link returns."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kiosk {kiosk.__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{commands.__name__}.{module_info.name}")
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    configure_logging(app_paths().log_dir)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
