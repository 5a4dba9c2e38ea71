"""Entry point of the frozen (PyInstaller) binary.

The same `kiosk` command as the console script, plus `--self-test` (what release staff
and the package test type) as an alias of `kiosk self-test`. With no arguments (the
desktop entry, the kiosk session) it starts the app: the `run` command when the build
has one, else the demo window. Nothing else lives here so that the frozen and the
installed app behave alike.
"""

from __future__ import annotations

import sys

from ui.cli import build_parser, main

ALIASES = {"--self-test": "self-test", "--doctor": "doctor"}


def start_command() -> list[str]:
    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    return ["run"] if "run" in commands else ["demo"]


if __name__ == "__main__":
    arguments = [ALIASES.get(argument, argument) for argument in sys.argv[1:2]] + sys.argv[2:]
    sys.exit(main(arguments or start_command()))
