"""`kiosk demo`: the app against the bundled reference server and sample catalog.

With a display it opens the window. Without one (a server, CI, a fresh VM) it runs a
scripted walk-through offscreen and writes a screenshot of each screen it reaches,
then prints the folder."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "demo", help="run the demo (offscreen walk-through without a display)"
    )
    parser.add_argument("--out", type=Path, help="folder for screenshots and the receipt")
    parser.add_argument(
        "--offscreen", action="store_true", help="run the scripted walk-through even with a display"
    )
    parser.set_defaults(handler=run)


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) or sys.platform in (
        "win32",
        "darwin",
    )


def run(args: argparse.Namespace) -> int:
    offscreen = args.offscreen or not has_display()
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    out = args.out or Path(tempfile.mkdtemp(prefix="kiosk-demo-"))
    out.mkdir(parents=True, exist_ok=True)

    from ui.demo_walkthrough import run_interactive, run_scripted

    if offscreen:
        written = run_scripted(out)
        print(f"Demo walk-through written to {out.resolve()}")
        for path in written:
            print(f"  {path.name}")
        return 0
    return run_interactive()
