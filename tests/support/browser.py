"""A real browser for the pages the reference server serves: Debian's chromium, driven
by Playwright (which cannot download browsers of its own here; scripts/bootstrap.sh
installs chromium). One place for how it is started, for every browser test."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Root needs the sandbox off; the rest keeps chromium from calling out of this machine
# (its connections are refused here, many at a time) and from setting itself up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()
