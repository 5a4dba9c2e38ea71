"""`kiosk catalog ...`: validate a catalog folder or bundle, try the procedure finder,
import the ΜΙΤΟΣ registry as drafts, make a signing key, sign a catalog, install one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "catalog", help="check, search, import, sign and install procedure catalogs"
    )
    commands = parser.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)

    check = commands.add_parser(
        "check", help="validate a catalog folder or bundle file; prints every problem"
    )
    check.add_argument(
        "path", type=Path, nargs="?", help="catalog folder or bundle (default: the shipped sample)"
    )
    check.add_argument(
        "--public-key",
        metavar="KEY",
        help="for a bundle: also verify its signature (base64, hex or key file)",
    )
    check.set_defaults(handler=run_check)

    search = commands.add_parser("search", help="search procedures as the kiosk finder does")
    search.add_argument("query")
    search.add_argument("--path", type=Path, help="catalog folder (default: the shipped sample)")
    search.add_argument("--lang", choices=("el", "en"), default="el")
    search.set_defaults(handler=run_search)

    mitos = commands.add_parser(
        "import-mitos", help="turn a ΜΙΤΟΣ registry export into draft definitions"
    )
    mitos.add_argument("file", type=Path, help="the export (JSON list), e.g. resources/data/mitos/")
    mitos.add_argument("--out", type=Path, required=True, help="new catalog folder to write")
    mitos.add_argument("--catalog-id", default="mitos-import")
    mitos.add_argument("--version", help="catalog version (default: today, e.g. 2026.11.23)")
    mitos.add_argument(
        "--since",
        type=Path,
        metavar="EARLIER",
        help="an earlier export: list what changed in the registry for each authored procedure",
    )
    mitos.add_argument(
        "--catalog",
        type=Path,
        metavar="DIR",
        help="the authored catalog --since reviews (default: the shipped sample)",
    )
    mitos.set_defaults(handler=run_import_mitos)

    from_sheet = commands.add_parser(
        "from-sheet", help="spreadsheets (.xlsx, .ods) -> a checked catalog folder"
    )
    from_sheet.add_argument(
        "file", type=Path, metavar="FILE", help="a workbook or a folder of them"
    )
    from_sheet.add_argument("--out", type=Path, required=True, metavar="DIR")
    from_sheet.set_defaults(handler=run_from_sheet)

    to_sheet = commands.add_parser(
        "to-sheet", help="a catalog folder -> one workbook per procedure (with its overrides)"
    )
    to_sheet.add_argument("path", type=Path, metavar="DIR")
    to_sheet.add_argument("--out", type=Path, required=True, metavar="FOLDER|FILE")
    to_sheet.add_argument("--procedure", metavar="ID", help="only this procedure (--out a file)")
    to_sheet.add_argument("--format", choices=("xlsx", "ods"), default="xlsx")
    to_sheet.set_defaults(handler=run_to_sheet)

    preview = commands.add_parser(
        "preview", help="the kiosk's screens on a workbook or catalog folder, reloaded on save"
    )
    preview.add_argument("path", type=Path, metavar="FILE|DIR")
    preview.add_argument("--region", default="1", help="Region code (1-13) whose overrides apply")
    preview.add_argument("--procedure", metavar="ID", help="which procedure of a folder")
    preview.set_defaults(handler=run_preview)

    keygen = commands.add_parser("keygen", help="make an Ed25519 catalog signing key")
    keygen.add_argument("--out", type=Path, required=True, metavar="KEYFILE")
    keygen.set_defaults(handler=run_keygen)

    sign = commands.add_parser("sign", help="sign a catalog folder into one bundle file")
    sign.add_argument("path", type=Path, metavar="DIR")
    sign.add_argument("--key", type=Path, required=True, metavar="KEYFILE")
    sign.add_argument("--out", type=Path, required=True, metavar="BUNDLE")
    sign.set_defaults(handler=run_sign)

    install = commands.add_parser(
        "install", help="verify a bundle with the office's key and install it on this device"
    )
    install.add_argument("bundle", type=Path, metavar="BUNDLE")
    install.add_argument("--config", type=Path, help="office configuration (default: the device's)")
    install.set_defaults(handler=run_install)


def _folder(path: Path | None) -> Path:
    from kiosk.catalog.loader import sample_catalog_dir

    return path or sample_catalog_dir()


def _fail(message: str, code: int = 1) -> int:
    print(f"catalog: {message}", file=sys.stderr)
    return code


def run_check(args: argparse.Namespace) -> int:
    from kiosk.catalog.loader import load_catalog

    folder = _folder(args.path)
    if folder.is_file():
        return _check_bundle(folder, args.public_key)
    if not (folder / "procedures").is_dir():
        print(f"{folder}: not a catalog folder (no procedures/ inside) nor a bundle file")
        return 2
    load = load_catalog(folder)
    for problem in load.problems:
        print(problem)
    print(
        f"{len(load.procedures)} procedures, {len(load.overrides)} Region overrides, "
        f"{len(load.problems)} problems"
    )
    return 1 if load.problems else 0


def _check_bundle(path: Path, public_key: str | None) -> int:
    from kiosk.catalog.bundle import (
        BundleError,
        check_definitions,
        read_bundle,
        read_bundle_file,
        verify_bundle,
    )
    from kiosk.config import decode_public_key

    key: bytes | None = None
    if public_key:
        try:  # only the key: a bundle's own errors are never blamed on --public-key
            key = decode_public_key(public_key, Path.cwd())
        except ValueError as error:
            return _fail(f"--public-key: {error}", 2)
    try:
        data = read_bundle_file(path)
        if key is not None:
            bundle = verify_bundle(data, key)
            problems: list[str] = []
            signed = "signature verifies"
        else:
            bundle = read_bundle(data)
            problems = check_definitions(bundle)
            signed = "signature not checked (give --public-key)"
    except BundleError as error:
        for problem in error.problems:
            print(problem)
        print(f"{path}: refused: {error}")
        return 1
    for problem in problems:
        print(problem)
    count = sum(name.startswith("procedures/") for name in bundle.files)
    print(
        f"bundle {bundle.catalog_id} version {bundle.version}, signed {bundle.created} "
        f"(key id {bundle.key_id}): {count} procedures, {len(problems)} problems; {signed}"
    )
    return 1 if problems else 0


def run_search(args: argparse.Namespace) -> int:
    from kiosk.catalog.loader import load_catalog
    from kiosk.catalog.search import SearchIndex

    index = SearchIndex()
    index.rebuild(load_catalog(_folder(args.path)).procedures.values())
    hits = index.search(args.query, locale=args.lang)
    for number, hit in enumerate(hits, start=1):
        print(f"{number:2}. {hit.title}  [{hit.procedure_id}]")
    if not hits:
        print("no procedure matches")
    return 0


def run_import_mitos(args: argparse.Namespace) -> int:
    from kiosk.catalog.mitos_import import (
        COMMON_GAPS,
        MitosImportError,
        import_entries,
        read_export,
        write_catalog,
    )

    try:
        result = import_entries(read_export(args.file))
        write_catalog(result, args.out, catalog_id=args.catalog_id, version=args.version)
    except MitosImportError as error:
        return _fail(str(error), 2)
    for item in result.imported:
        for note in item.notes:
            print(f"{item.procedure.id}: not mapped: {note}")
    for failure in result.failures:
        print(f"FAILED {failure}")
    print(f"note: {COMMON_GAPS}")
    print(f"{result.summary()}; written to {args.out} (check it: kiosk catalog check {args.out})")
    if args.since is not None:
        _review_changes(args)
    return 1 if result.failures else 0


def _review_changes(args: argparse.Namespace) -> None:
    from kiosk.catalog.loader import load_catalog
    from kiosk.catalog.mitos_import import MitosImportError, read_export, registry_changes

    try:
        previous, current = read_export(args.since), read_export(args.file)
    except MitosImportError as error:
        print(f"review not made: {error}")
        return
    authored = list(load_catalog(_folder(args.catalog)).procedures.values())
    changes = registry_changes(previous, current, authored)
    for change in changes:
        print(f"review: {change}")
    print(
        f"{len(changes)} registry changes to review in "
        f"{len({c.procedure_id for c in changes})} of {len(authored)} authored procedures"
    )


def run_from_sheet(args: argparse.Namespace) -> int:
    from kiosk.catalog.sheets import sheet_files, sheets_to_catalog

    if not args.file.exists():
        return _fail(f"{args.file}: no such file or folder", 2)
    sources = sheet_files(args.file)
    if not sources:
        return _fail(f"{args.file}: no .xlsx or .ods workbook in it", 2)
    procedures, failures = sheets_to_catalog(sources, args.out)
    for source, problems in failures.items():
        if isinstance(problems, str):
            print(problems)  # already names the file
            continue
        for problem in problems:
            print(f"{source.name}: {problem}")
    if failures:
        return _fail(f"{len(failures)} of {len(sources)} workbooks have problems; nothing written")
    print(f"{len(procedures)} procedures written to {args.out}")
    return 0


def run_to_sheet(args: argparse.Namespace) -> int:
    from kiosk.catalog.loader import load_catalog
    from kiosk.catalog.sheets import NotRepresentableError, write_sheet

    if not (args.path / "procedures").is_dir():
        return _fail(f"{args.path}: not a catalog folder (no procedures/ inside)", 2)
    load = load_catalog(args.path)
    for problem in load.problems:
        print(problem)
    chosen = list(load.procedures.values())
    if args.procedure:
        chosen = [p for p in chosen if p.id == args.procedure]
        if not chosen:
            return _fail(f"no procedure '{args.procedure}' in {args.path}", 2)
    single = args.procedure and args.out.suffix.lower() in (".xlsx", ".ods")
    if not single:
        args.out.mkdir(parents=True, exist_ok=True)
    for procedure in chosen:
        target = args.out if single else args.out / f"{procedure.id}.{args.format}"
        overrides = [o for o in load.overrides if o.procedure_id == procedure.id]
        try:
            write_sheet(procedure, overrides, target)
        except NotRepresentableError as error:
            print(f"{procedure.id}: not written: {error}")
            continue
        except OSError as error:
            return _fail(f"cannot write {target}: {error.strerror}", 2)
        print(f"{procedure.id} -> {target}")
    return 0


def run_preview(args: argparse.Namespace) -> int:
    if not args.path.exists():
        return _fail(f"{args.path}: no such file or folder", 2)
    from PySide6.QtWidgets import QApplication

    from ui.preview.window import PreviewWindow

    app = QApplication.instance() or QApplication([])
    window = PreviewWindow(args.path, region_code=args.region, procedure_id=args.procedure)
    window.resize(1400, 900)
    window.show()
    return app.exec()


def run_keygen(args: argparse.Namespace) -> int:
    from kiosk.catalog.bundle import BundleError, generate_key_file

    try:
        public = generate_key_file(args.out)
    except BundleError as error:
        return _fail(str(error), 2)
    print(f"private key written to {args.out} (owner-only): keep it off the devices")
    print(f"public key also in {args.out}.pub; put this line in each office configuration:")
    print(f'catalog_public_key = "{public}"')
    return 0


def run_sign(args: argparse.Namespace) -> int:
    from kiosk.catalog.bundle import BundleError, build_bundle, load_private_key, read_bundle

    try:
        data = build_bundle(args.path, load_private_key(args.key))
    except BundleError as error:
        for problem in error.problems:
            print(problem)
        return _fail(f"not signed: {error}")
    args.out.write_bytes(data)
    bundle = read_bundle(data)
    print(
        f"signed catalog {bundle.catalog_id} version {bundle.version} "
        f"({len(bundle.files)} files, key id {bundle.key_id}) into {args.out}"
    )
    return 0


def run_install(args: argparse.Namespace) -> int:
    from kiosk.catalog.bundle import BundleError, read_bundle_file
    from kiosk.catalog.install import install_bundle
    from kiosk.config import ConfigError, load_office_config
    from kiosk.paths import app_paths

    try:
        config = load_office_config(args.config)
    except ConfigError as error:
        return _fail(str(error), 2)
    try:
        data = read_bundle_file(args.bundle)
    except BundleError as error:
        return _fail(f"{args.bundle}: {error}", 2)
    keep = _open_definition_versions()
    if keep is None:
        return 1
    try:
        result = install_bundle(data, app_paths().catalog_dir, config.public_key_bytes(), keep)
    except BundleError as error:
        for problem in error.problems:
            print(problem)
        return _fail(f"{args.bundle} refused, the installed catalog is unchanged: {error}")
    print(result)
    return 0


def _open_definition_versions() -> set[tuple[str, str]] | None:
    """The versions open drafts use; None (after saying why) if the store cannot tell:
    installing blind could strand a citizen's draft."""
    from kiosk.paths import app_paths
    from kiosk.store import StoreError, open_store

    if not app_paths().database.exists():
        return set()
    try:
        store = open_store(actor="catalog-install")
    except StoreError as error:
        _fail(f"cannot read the open drafts, nothing installed: {error}")
        return None
    try:
        return store.drafts.open_definition_versions()
    finally:
        store.close()
