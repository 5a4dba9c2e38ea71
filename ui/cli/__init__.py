"""The `kiosk` command. Each module in ui/cli/commands/ adds one subcommand group
through a `register(subparsers)` function, so commands are added without touching
this file. Heavy imports (Qt, the server) happen inside the commands, not here, so
`kiosk catalog check` or `kiosk doctor` start fast on a machine with a broken Qt."""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import sys
import types
from collections.abc import Callable, Iterator, Sequence

import kiosk

from . import commands

Handler = Callable[[argparse.Namespace], int]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or just the command module `only` (`kiosk run` is waited
    for by a person: it does not import the seven other commands first)."""
    parser = argparse.ArgumentParser(
        prog="kiosk",
        description=(
            "Counter and kiosk client for the procedures of the Greek Regions. "
            "Works offline; submissions reach the central platform once the link returns."
        ),
    )
    parser.add_argument("--version", action="version", version=f"kiosk {kiosk.__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in [only] if only else _command_modules():
        importlib.import_module(f"{commands.__name__}.{name}").register(subparsers)
    return parser


def _command_modules() -> Iterator[str]:
    import pkgutil

    yield from sorted(module.name for module in pkgutil.iter_modules(commands.__path__))


def _module_of(argv: Sequence[str]) -> str | None:
    """The command module the first argument names (`self-test` is selftest.py), if any."""
    if not argv or argv[0].startswith("-"):
        return None
    name = argv[0].replace("-", "")
    if not name.isidentifier():
        return None
    found = importlib.util.find_spec(f"{commands.__name__}.{name}")
    return name if found is not None else None


def _leave_out_command_line_tools() -> None:
    """httpx's command-line client (click, rich, pygments) and CEL's REPL (rich,
    prompt_toolkit) are imported by their packages when installed, and the app uses
    neither: the bundle leaves them out (installers/kiosk.spec, pyi_rth_cel_cli.py), and
    so does every start here (~70 ms and ~6 MiB in a development venv). A None entry
    makes httpx's own `try: from ._main import main` take its fallback."""
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    sys.modules.setdefault("cel.cli", types.ModuleType("cel.cli"))


def main(argv: Sequence[str] | None = None) -> int:
    _leave_out_command_line_tools()
    arguments = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_module_of(arguments))
    args = parser.parse_args(arguments)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 0
    if not getattr(args, "logs_later", False):  # `kiosk run`: once its first screen is up
        from kiosk.logs import configure_logging
        from kiosk.paths import app_paths

        configure_logging(app_paths().log_dir)
    try:
        return handler(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
