"""What a device's start makes before its first screen: no dataclass (each costs ~0.4-1 ms
on Python 3.11, its methods compiled by exec one by one). Records made that early are
NamedTuples; the rest of the app's values are msgspec Structs, made in ~15 µs
(docs/STACK-NOTES.md, issue #24)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.probes import enrolled_device
from tests.ui.startup.test_start_imports import what_a_start_said

# The real `kiosk run --report-start` of an enrolled device, every class
# dataclasses.dataclass processes written down; when the start says its first screen is
# up, it first says which had been made by then.
RUN = """
import dataclasses, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
made = []
process_class = dataclasses._process_class
def recording(cls, *args, **kwargs):
    made.append(f"{cls.__module__}.{cls.__qualname__}")
    return process_class(cls, *args, **kwargs)
dataclasses._process_class = recording
class Said:
    def __init__(self, out):
        self.out = out
    def write(self, text):
        if text.startswith("first screen up"):
            self.out.write("made before it: " + " ".join(made) + "\\n")
        return self.out.write(text)
    def flush(self):
        self.out.flush()
sys.stdout = Said(sys.stdout)
from ui.cli import main
sys.exit(main(["run", "--report-start", "--exit-when-loaded"]))
"""


def _made_before_the_first_screen(folder: Path) -> list[str]:
    output = what_a_start_said(folder, RUN)
    said = [line for line in output.splitlines() if line.startswith("made before it:")]
    assert len(said) == 1, output  # the first screen did come up
    return said[0].removeprefix("made before it:").split()


@pytest.mark.parametrize("mode", ["kiosk", "counter"])
def test_a_second_start_makes_no_dataclass_before_its_first_screen(
    tmp_path: Path, mode: str
) -> None:
    enrolled_device(tmp_path, mode)
    _made_before_the_first_screen(tmp_path)  # the first start ever builds the store
    assert _made_before_the_first_screen(tmp_path) == []
