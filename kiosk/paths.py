"""Where the app keeps its data, configuration and logs on this device.

Platform directories come from platformdirs; each can be moved with an environment
variable so that an IT officer (or a test) can point a device at another folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NamedTuple

import platformdirs

APP_NAME = "periferia-kiosk"
APP_AUTHOR = "periferies"

DATA_DIR_ENV = "KIOSK_DATA_DIR"
CONFIG_DIR_ENV = "KIOSK_CONFIG_DIR"
LOG_DIR_ENV = "KIOSK_LOG_DIR"


class AppPaths(NamedTuple):  # not a dataclass: `kiosk run` makes one before its first screen
    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"

    @property
    def catalog_dir(self) -> Path:
        return self.data_dir / "catalog"

    @property
    def search_index_dir(self) -> Path:
        """Finder indexes kept between starts (catalog text only, nothing personal)."""
        return self.data_dir / "search-index"

    @property
    def kept_catalog_dir(self) -> Path:
        """The catalog as last loaded and checked (kiosk.catalog.kept), public text only."""
        return self.data_dir / "kept-catalog"

    @property
    def office_config(self) -> Path:
        return self.config_dir / "office.toml"


def app_paths() -> AppPaths:
    """The directories in force now: environment overrides, else the platform's."""
    return AppPaths(
        data_dir=_dir(DATA_DIR_ENV, platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        config_dir=_dir(CONFIG_DIR_ENV, platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
        log_dir=_dir(LOG_DIR_ENV, platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )


def resources_dir() -> Path:
    """The shipped resources: next to the packages in a checkout, or in the unpacked
    folder of a frozen (PyInstaller) bundle, which sets sys._MEIPASS."""
    override = os.environ.get("KIOSK_RESOURCES_DIR")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def _dir(env_name: str, default: str) -> Path:
    value = os.environ.get(env_name)
    return Path(value).expanduser() if value else Path(default)
