"""Build step (Linux): Qt's ICU data library cut down to the locales the app speaks.

PySide6's wheels ship ICU 73 with the data of every CLDR locale and codepage in
`libicudata.so.73` (31 MB, a quarter of the bundle). Qt reaches ICU only for collation,
locale-aware case mapping and codecs other than UTF-8/UTF-16/Latin-1; the app shows Greek
and English. This keeps ICU's core data (normalization, properties, time zones,
supplemental data, likely subtags...), the root, Greek and English locale trees, the
root and Greek collation, and the Greek and Western codepages; it drops the other
locales, the other codepages, the Thai/Lao/Khmer/Burmese/CJK word-break dictionaries
and the transliterators. A lookup for a dropped locale falls back to root, as ICU does
for any locale it lacks: no crash, English-like defaults. ~31 MB -> ~4.5 MB.

The new library is made with icupkg (Debian's icu-devtools) and the C toolchain
(`cc`, binutils): the data is `.incbin`-ed under the symbol libicuuc links against
(`icudt73_dat`), with the same soname. scripts/build.sh checks both tools are there.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

KEEP_LANGUAGES = ("el", "en")
# What ICU 73 opens for ISO-8859-7, windows-1253, cp737, cp869 (Greek), windows-1252,
# ISO-8859-15, cp850 and cp437 (Western); UTF-*, Latin-1 and ASCII are built into the code.
KEEP_CODEPAGES = {
    "ibm-9005_X110-2007",
    "ibm-813_P100-1995",
    "ibm-5349_P100-1998",
    "ibm-1253_P100-1995",
    "ibm-737_P100-1997",
    "ibm-869_P100-1995",
    "ibm-5348_P100-1997",
    "ibm-1252_P100-2000",
    "ibm-923_P100-1998",
    "ibm-850_P100-1995",
    "ibm-437_P100-1995",
}
_LOCALE = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")  # el, en_US_POSIX, sr_Latn_BA, de_


def keep_item(item: str) -> bool:
    """Whether an item of the ICU data package (`coll/el.res`, `ibm-813_P100-1995.cnv`) stays."""
    folder, _, file = item.rpartition("/")
    base, _, extension = file.rpartition(".")
    if extension == "cnv":
        return base in KEEP_CODEPAGES
    if extension == "dict" or folder == "translit":
        return False
    if extension == "res" and _LOCALE.match(base) and base != "pool":
        return base == "root" or base.split("_")[0] in KEEP_LANGUAGES
    return True  # core data: .icu, .nrm, .spp, .cfu, .brk, supplemental .res


def _run(*command: str | Path) -> str:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, command))} failed: {result.stderr.strip()}")
    return result.stdout


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """Name, address and size of the `icudtNN_dat` symbol, and where `.rodata` starts."""
    symbols = _run("readelf", "-sW", "--dyn-syms", library)
    found = re.search(
        r"\s([0-9a-f]+)\s+(0x[0-9a-f]+|\d+)\s+OBJECT\s+GLOBAL\s+\S+\s+\d+\s+(icudt\d+_dat)", symbols
    )
    if not found:
        raise RuntimeError(f"{library}: no icudtNN_dat symbol; is this ICU's data library?")
    address, size, name = int(found[1], 16), int(found[2], 0), found[3]
    sections = _run("readelf", "-SW", library)
    rodata = re.search(r"\]\s+\.rodata\s+PROGBITS\s+([0-9a-f]+)", sections)
    if not rodata or int(rodata[1], 16) != address:
        raise RuntimeError(f"{library}: {name} is not at the start of .rodata; not trimmed")
    return name, address, size


def _remove_items(drop_list: Path, full: Path, trimmed: Path) -> None:
    """icupkg -r, accepting only the word-break dictionaries as missing dependencies.

    brkitr/root.res names the Thai/Lao/Khmer/Burmese/CJK dictionaries; without them a
    word-break iterator over those scripts falls back to its rules. Any other missing
    dependency means the keep rules are wrong, and the build stops.
    """
    command = ["icupkg", "-r", str(drop_list), str(full), str(trimmed)]
    first = subprocess.run(command, capture_output=True, text=True, check=False)
    if first.returncode == 0:
        return
    missing = re.findall(r"depends on missing item (\S+)", first.stderr)
    if not missing or any(not item.endswith(".dict") for item in missing):
        raise RuntimeError(f"icupkg -r failed: {first.stderr.strip()}")
    _run(*command, "--ignore-deps")


def trim_icu_data(library: Path, work: Path) -> Path:
    """Write the trimmed copy of `library` (libicudata.so.NN) into `work`; return its path."""
    work.mkdir(parents=True, exist_ok=True)
    symbol, _, size = _data_symbol(library)
    package = symbol.removesuffix("_dat") + "l"  # icudt73l: little-endian package name
    rodata = work / "rodata.bin"
    _run("objcopy", "-O", "binary", "--only-section=.rodata", library, rodata)
    full = work / f"{package}.dat"
    full.write_bytes(rodata.read_bytes()[:size])

    items = _run("icupkg", "-l", full).split()
    dropped = [item for item in items if not keep_item(item)]
    (work / "drop.txt").write_text("\n".join(dropped) + "\n", encoding="ascii")
    # icupkg names the items after the output file: same name as ICU's, another folder.
    (work / "trimmed").mkdir(exist_ok=True)
    trimmed = work / "trimmed" / f"{package}.dat"
    _remove_items(work / "drop.txt", full, trimmed)

    source = work / "icudata.S"
    source.write_text(
        "\t.section .rodata\n\t.balign 16\n"
        f"\t.globl {symbol}\n\t.type {symbol}, @object\n"
        f"\t.size {symbol}, {trimmed.stat().st_size}\n"
        f'{symbol}:\n\t.incbin "{trimmed}"\n'
        '\t.section .note.GNU-stack,"",@progbits\n',
        encoding="ascii",
    )
    output = work / library.name
    _run("cc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", output, source)
    return output


if __name__ == "__main__":  # python installers/trim_icu.py LIBICUDATA WORKDIR
    out = trim_icu_data(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{out}: {out.stat().st_size} bytes (was {Path(sys.argv[1]).stat().st_size})")
