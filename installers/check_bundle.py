"""Checks that a built bundle holds only what installers/bundle_policy.py allows and that
every library it links is either inside it or provided by a bare Debian 12 with the
package's Depends. scripts/build.sh runs it after PyInstaller; a failure fails the build.

    python installers/check_bundle.py dist/periferia-kiosk \
        [--sonames installers/linux/debian12-sonames.txt] [--virtual-keyboard]

Prints one line per problem and exits 1, or one summary line and exits 0.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from elftools.common.exceptions import ELFError
from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bundle_policy import host_library_allowed, plugin_allowed

PLUGINS = "PySide6/Qt/plugins/"
ELF_MAGIC = b"\x7fELF"


@dataclass(frozen=True)
class Binary:
    relative: str  # path inside the bundle's library folder
    needed: tuple[str, ...]


def _needed(path: Path) -> tuple[str, ...] | None:
    """The DT_NEEDED entries of an ELF file, or None if it is not one."""
    with path.open("rb") as handle:
        if handle.read(4) != ELF_MAGIC:
            return None
        handle.seek(0)
        try:
            elf = ELFFile(handle)
            return tuple(
                tag.needed
                for section in elf.iter_sections()
                if isinstance(section, DynamicSection)
                for tag in section.iter_tags()
                if tag.entry.d_tag == "DT_NEEDED"
            )
        except ELFError:
            return None


def library_folder(bundle: Path) -> Path:
    """PyInstaller 6 puts everything but the executable in _internal/."""
    internal = bundle / "_internal"
    return internal if internal.is_dir() else bundle


def binaries(folder: Path) -> Iterator[Binary]:
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        needed = _needed(path)
        if needed is not None:
            yield Binary(path.relative_to(folder).as_posix(), needed)


def _is_extension_module(name: str) -> bool:
    return ".cpython-" in name or ".abi3." in name


def problems(bundle: Path, sonames: set[str] | None, virtual_keyboard: bool = False) -> list[str]:
    folder = library_folder(bundle)
    found = list(binaries(folder))
    executable = bundle / "kiosk"
    if folder != bundle and executable.is_file():
        needed = _needed(executable)
        if needed is not None:
            found.append(Binary("../kiosk", needed))
    names = {path.name for path in folder.rglob("*")}
    issues: list[str] = []
    for binary in found:
        name = binary.relative.rsplit("/", 1)[-1]
        top_level = "/" not in binary.relative
        if top_level and not (_is_extension_module(name) or host_library_allowed(name)):
            issues.append(
                f"{binary.relative}: a library outside the allowlist "
                "(installers/bundle_policy.py); declare it in the .deb's Depends instead"
            )
        if binary.relative.startswith(PLUGINS) and not plugin_allowed(
            binary.relative[len(PLUGINS) :], virtual_keyboard
        ):
            issues.append(f"{binary.relative}: a Qt plugin outside the allowlist")
        if sonames is None:
            continue
        for library in binary.needed:
            if library not in names and library not in sonames:
                issues.append(
                    f"{binary.relative}: links {library}, which is neither bundled nor on a "
                    "bare Debian 12 with the package's Depends"
                )
    return issues


def read_sonames(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("bundle", type=Path)
    parser.add_argument("--sonames", type=Path, help="sonames a bare target system provides")
    parser.add_argument("--virtual-keyboard", action="store_true")
    args = parser.parse_args(argv)
    if not args.bundle.is_dir():
        print(f"{args.bundle}: no such bundle folder; build it with scripts/build.sh")
        return 2
    if args.sonames and not args.sonames.is_file():
        print(
            f"{args.sonames}: no such list; make it with scripts/test-deb-chroot.sh --list-sonames"
        )
        return 2
    sonames = read_sonames(args.sonames) if args.sonames else None
    issues = problems(args.bundle, sonames, args.virtual_keyboard)
    for issue in issues:
        print(f"bundle: {issue}")
    if issues:
        return 1
    count = len(list(binaries(library_folder(args.bundle))))
    against = f" against {args.sonames.name}" if args.sonames else ""
    print(f"bundle: {count} binaries, all on the allowlist, every linked library resolves{against}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
