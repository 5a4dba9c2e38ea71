"""`kiosk catalog check|search`: validate a catalog folder, try the procedure finder."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser("catalog", help="check a procedure catalog, search it")
    commands = parser.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    check = commands.add_parser("check", help="validate a catalog folder; prints every problem")
    check.add_argument(
        "path", type=Path, nargs="?", help="catalog folder (default: the shipped sample)"
    )
    check.set_defaults(handler=run_check)
    search = commands.add_parser("search", help="search procedures as the kiosk finder does")
    search.add_argument("query")
    search.add_argument("--path", type=Path, help="catalog folder (default: the shipped sample)")
    search.add_argument("--lang", choices=("el", "en"), default="el")
    search.set_defaults(handler=run_search)


def _folder(path: Path | None) -> Path:
    from kiosk.catalog.loader import sample_catalog_dir

    return path or sample_catalog_dir()


def run_check(args: argparse.Namespace) -> int:
    from kiosk.catalog.loader import load_catalog

    folder = _folder(args.path)
    if not (folder / "procedures").is_dir():
        print(f"{folder}: not a catalog folder (no procedures/ inside)")
        return 2
    load = load_catalog(folder)
    for problem in load.problems:
        print(problem)
    print(
        f"{len(load.procedures)} procedures, {len(load.overrides)} Region overrides, {len(load.problems)} problems"
    )
    return 1 if load.problems else 0


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
