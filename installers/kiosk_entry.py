"""Entry point of the frozen (PyInstaller) binary.

The same `kiosk` command as the console script, plus `--self-test` (what release staff
and the package test type) as an alias of `kiosk self-test`. Nothing else lives here so
that the frozen and the installed app behave alike.
"""

from __future__ import annotations

import sys

from ui.cli import main

ALIASES = {"--self-test": "self-test", "--doctor": "doctor"}

if __name__ == "__main__":
    arguments = [ALIASES.get(argument, argument) for argument in sys.argv[1:2]] + sys.argv[2:]
    sys.exit(main(arguments))
