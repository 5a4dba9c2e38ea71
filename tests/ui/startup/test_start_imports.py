"""What a device's start leaves for later: modules the first screen and everything
behind it do not need are imported where they are used, not at every start
(docs/benchmarks.md, "Where start-up time and memory go")."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from benchmarks.probes import ROOT, _env, enrolled_device

# The real `kiosk run` of an enrolled kiosk, as the startup benchmark starts it; at exit
# it names every module it imported.
RUN = """
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from ui.cli import main
status = main(["run", "--exit-when-loaded"])
print("\\n".join(sorted(sys.modules)))
sys.exit(status)
"""
# The same, naming the modules imported at the moment the app says it has loaded (its
# network lane starts then, on its own thread), then running `then` there (Python source;
# `say` prints).
_AT_LOADED = """
import builtins, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
say = builtins.print
def print(*words, **options):
    if words and str(words[0]).startswith("loaded after"):
        say("\\n".join(sorted(sys.modules)), flush=True)
{then}
    else:
        say(*words, **options)
builtins.print = print
from ui.cli import main
sys.exit(main(["run", "--report-start", "--exit-when-loaded"]))
"""


def at_loaded(then: str = "pass") -> str:
    """A real start's script that, once loaded, names its modules and runs `then`."""
    return _AT_LOADED.format(then=textwrap.indent(then, " " * 8))


AT_LOADED = at_loaded()
# What a citizen or clerk needs only once they do something: imported then, not by the
# time the app says it has loaded (issue 24). Not listed: ssl and subprocess, which the
# test's file-backed keyring imports (keyring's jaraco.context) where a device's Secret
# Service does not (tests/sync/test_security.py checks ssl on its own).
AFTER_LOADED = {
    "stdnum": "payment codes' check digits (it imports ssl and pydoc): at the first RF code",
    "pydoc": "python-stdnum's: at the first RF code",
    "logging.handlers": "socket, pickle, queue: the log rotates with kiosk.logs.RotatingFile",
    "kiosk.engine": "the engine (sessions, rules, review, submission): at the first application",
    "ui.screens.step_form": "the step screen and its field editors: at the first step",
    "ui.screens.review": "the review screen: at the first application reviewed",
    "ui.screens.done": "the done screen: at the first submission",
    "ui.widgets.phone_receipt": "the receipt for a phone: at the first submission",
    "ui.widgets.qr_code": "its QR code: at the first submission",
    "ui.screens.evidence_panel": "Once Only's panel: at the first step that fetches",
    "kiosk.scanning.sane": "scanimage: only where the office has a scanner",
    "concurrent.futures.thread": "the lane's send workers: at its first batch",
    "zoneinfo": "Greek time (kiosk.regions.ATHENS): at the first event counted",
}
# As AT_LOADED, then how many of the patterns of kiosk.record_problems (the words of a
# refused document) are compiled by then.
AT_LOADED_PATTERNS = at_loaded(
    "from kiosk.record_problems import _re\n"
    'say("patterns-compiled", _re.cache_info().currsize, flush=True)'
)
LATER = {
    "snowballstemmer": "the Greek stemmer: at the first word a citizen types",
    "cryptography.hazmat.primitives.serialization": "catalog signing keys: the Region's side",
    "sqlite_utils": "the store's migrations: only when one is due",
    "reportlab": "receipts: at the first one printed",
    "pypdf": "documents: at the first one attached",
}


def what_a_start_said(folder: Path, script: str) -> str:
    """Standard output of `script`, a real start of the device in `folder`."""
    run = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=_env(folder),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return run.stdout


def _modules_after_a_start(folder: Path, script: str = RUN) -> set[str]:
    return set(what_a_start_said(folder, script).split())


def test_a_second_start_imports_nothing_it_does_not_use_until_later(tmp_path: Path) -> None:
    enrolled_device(tmp_path, "kiosk")
    _modules_after_a_start(tmp_path)  # the first start ever builds the search index
    modules = _modules_after_a_start(tmp_path)

    assert "ui.flow" in modules and "sync.engine" in modules  # it did load: the flow, the lane
    imported_early = {name: why for name, why in LATER.items() if name in modules}
    assert imported_early == {}


def test_a_device_not_enrolled_imports_no_http_client(tmp_path: Path) -> None:
    enrolled_device(tmp_path, "kiosk")
    (tmp_path / "keyring.json").write_text("{}", "utf-8")  # no device token: not enrolled
    _modules_after_a_start(tmp_path)
    modules = _modules_after_a_start(tmp_path)

    assert "ui.flow" in modules  # it did start, everything on the device
    assert {name for name in modules if name.partition(".")[0] in {"httpx", "httpcore"}} <= {
        "httpx._main"  # the placeholder that keeps httpx's command line out (ui.cli)
    }


def test_an_enrolled_device_has_loaded_before_its_lane_imports_the_http_client(
    tmp_path: Path,
) -> None:
    enrolled_device(tmp_path, "kiosk")
    _modules_after_a_start(tmp_path)
    modules = _modules_after_a_start(tmp_path, AT_LOADED)

    assert "sync.transport" in modules and "sync.engine" in modules  # its clients are made
    assert {name for name in modules if name.partition(".")[0] in {"httpx", "httpcore"}} <= {
        "httpx._main"
    }


def test_an_enrolled_kiosk_has_loaded_before_anything_an_application_needs(
    tmp_path: Path,
) -> None:
    enrolled_device(tmp_path, "kiosk")
    _modules_after_a_start(tmp_path)
    said = what_a_start_said(tmp_path, AT_LOADED_PATTERNS).split()
    modules = set(said)

    assert "ui.flow" in modules and "sync.engine" in modules  # it did load: the flow, the lane
    assert {name: why for name, why in AFTER_LOADED.items() if name in modules} == {}
    assert said[said.index("patterns-compiled") + 1] == "0"
