"""installers/trim_icu.py: Qt's ICU data cut to Greek and English, still a working ICU."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
QT_LIB = Path(importlib.util.find_spec("PySide6").origin).parent / "Qt" / "lib"  # type: ignore[arg-type, union-attr]


def _load_trim_icu():  # installers/ is a folder of build scripts, not a package
    spec = importlib.util.spec_from_file_location("trim_icu", ROOT / "installers" / "trim_icu.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


trim_icu = _load_trim_icu()


@pytest.mark.parametrize(
    "item",
    [
        "root.res",
        "el.res",
        "el_GR.res",
        "en_US_POSIX.res",
        "coll/el.res",
        "coll/ucadata.icu",
        "zone/el.res",
        "supplementalData.res",
        "nfkc.nrm",
        "cnvalias.icu",
        "brkitr/word.brk",
        "ibm-9005_X110-2007.cnv",
        "zoneinfo64.res",
    ],
)
def test_greek_english_and_core_data_are_kept(item: str) -> None:
    assert trim_icu.keep_item(item)


@pytest.mark.parametrize(
    "item",
    [
        "fr.res",
        "zh_Hant_TW.res",
        "coll/zh.res",
        "coll/de_.res",
        "lang/ja.res",
        "brkitr/cjdict.dict",
        "translit/root.res",
        "gb18030.cnv",
        "ibm-943_P15A-2003.cnv",
    ],
)
def test_other_locales_codepages_and_dictionaries_are_dropped(item: str) -> None:
    assert not trim_icu.keep_item(item)


needs_tools = pytest.mark.skipif(
    not sys.platform.startswith("linux")
    or not all(shutil.which(tool) for tool in ("icupkg", "cc", "objcopy", "readelf"))
    or not list(QT_LIB.glob("libicudata.so.*")),
    reason="needs Linux, Qt's ICU, icupkg (icu-devtools) and cc (gcc)",
)


@needs_tools
def test_the_trimmed_icu_still_sorts_greek_and_opens_greek_codepages(tmp_path: Path) -> None:
    source = next(QT_LIB.glob("libicudata.so.*"))
    version = source.name.rsplit(".", 1)[-1]
    trimmed = trim_icu.trim_icu_data(source, tmp_path / "work")
    assert trimmed.stat().st_size < source.stat().st_size / 4

    # ICU's own libraries beside the trimmed data, in a separate process: libicuuc
    # finds its data library next to itself ($ORIGIN), so this loads the trimmed one.
    lib = tmp_path / "lib"
    lib.mkdir()
    for name in (f"libicuuc.so.{version}", f"libicui18n.so.{version}"):
        shutil.copy(QT_LIB / name, lib / name)
    shutil.copy(trimmed, lib / source.name)
    probe = PROBE.replace("@V@", version)
    output = subprocess.run(
        [sys.executable, "-c", probe], cwd=lib, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert output == [
        "el: αβγ άλφα Βήτα ωμέγα Alpha zeta",  # Greek collation: Greek letters first
        "fr: Alpha zeta αβγ άλφα Βήτα ωμέγα",  # a dropped locale falls back to root
        "ISO-8859-7 ibm-9005_X110-2007",
        "windows-1253 ibm-5349_P100-1998",
    ]


PROBE = """
import ctypes, functools
ctypes.CDLL("./libicudata.so.@V@", mode=ctypes.RTLD_GLOBAL)
uc = ctypes.CDLL("./libicuuc.so.@V@", mode=ctypes.RTLD_GLOBAL)
i18n = ctypes.CDLL("./libicui18n.so.@V@")
p = ctypes.c_void_p
i18n.ucol_open_@V@.restype = p
i18n.ucol_open_@V@.argtypes = [ctypes.c_char_p, p]
i18n.ucol_strcollUTF8_@V@.argtypes = [p, ctypes.c_char_p, ctypes.c_int32, ctypes.c_char_p, ctypes.c_int32, p]
uc.ucnv_open_@V@.restype = p
uc.ucnv_open_@V@.argtypes = [ctypes.c_char_p, p]
uc.ucnv_getName_@V@.restype = ctypes.c_char_p
uc.ucnv_getName_@V@.argtypes = [p, p]
words = ["ωμέγα", "άλφα", "Βήτα", "αβγ", "zeta", "Alpha"]
for locale in ("el", "fr"):
    status = ctypes.c_int(0)
    collator = i18n.ucol_open_@V@(locale.encode(), ctypes.byref(status))
    assert status.value <= 0 and collator, (locale, status.value)
    def compare(a, b):
        a, b = a.encode(), b.encode()
        return i18n.ucol_strcollUTF8_@V@(collator, a, len(a), b, len(b), ctypes.byref(status))
    print(locale + ":", " ".join(sorted(words, key=functools.cmp_to_key(compare))))
for name in ("ISO-8859-7", "windows-1253"):
    status = ctypes.c_int(0)
    converter = uc.ucnv_open_@V@(name.encode(), ctypes.byref(status))
    assert converter, (name, status.value)
    print(name, uc.ucnv_getName_@V@(converter, ctypes.byref(status)).decode())
"""
