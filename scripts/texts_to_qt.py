"""Move a text module of the old shape into Qt's translation system, in one step.

    .venv/bin/python scripts/texts_to_qt.py ui/counter/texts.py counter

The module must hold only `TEXTS: dict[str, tuple[str, str]]` ((el, en) pairs) and a
`text(key, locale, **params)` function, as ui/texts.py did. It is rewritten to declare
its Greek strings with QT_TRANSLATE_NOOP under the given context (same keys, same
`text()`), then scripts/translations.sh extracts them, their English goes into
resources/translations/periferia_en.ts as finished translations, and the .qm is compiled
again. Commit the module, the .ts and the .qm together."""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "periferia_en.ts"
WIDTH = 100


def read_pairs(path: Path) -> tuple[str, dict[str, tuple[str, str]]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree) or "Interface strings."
    pairs: dict[str, tuple[str, str]] | None = None
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        if isinstance(target, ast.Name) and target.id == "TEXTS":
            pairs = ast.literal_eval(node.value)  # type: ignore[attr-defined]
        elif not (
            isinstance(node, ast.Expr | ast.ImportFrom)
            or (isinstance(node, ast.FunctionDef) and node.name == "text")
        ):
            sys.exit(f"{path}: holds more than TEXTS and text(); convert it by hand")
    if not pairs:
        sys.exit(f"{path}: no TEXTS = {{key: (el, en)}} found")
    english: dict[str, str] = {}
    for key, (greek, en) in pairs.items():
        if english.setdefault(greek, en) != en:
            sys.exit(f"{path}: {key}: «{greek}» has two English texts; give it another context")
    return docstring, pairs


def literal(source: str, indent: str) -> list[str]:
    """The string as one literal, or as adjacent literals cut at spaces to fit."""
    room = WIDTH - len(indent) - 3
    if len(json.dumps(source, ensure_ascii=False)) <= room:
        return [f"{indent}{json.dumps(source, ensure_ascii=False)},"]
    lines, current = [], ""
    for word in source.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and len(json.dumps(candidate + " ", ensure_ascii=False)) > room:
            lines.append(f"{indent}{json.dumps(current + ' ', ensure_ascii=False)}")
            current = word
        else:
            current = candidate
    lines.append(f"{indent}{json.dumps(current, ensure_ascii=False)},")
    return lines


def module_source(docstring: str, context: str, pairs: dict[str, tuple[str, str]]) -> str:
    body = []
    for key, (greek, _english) in pairs.items():
        one_line = f'        "{key}": QT_TRANSLATE_NOOP("{context}", {json.dumps(greek, ensure_ascii=False)}),'
        if len(one_line) <= WIDTH:
            body.append(one_line)
        else:
            body += [f'        "{key}": QT_TRANSLATE_NOOP(', f'            "{context}",']
            body += literal(greek, "            ")
            body.append("        ),")
    entries = "\n".join(body)
    return f'''"""{docstring}

Greek is the source; English is in resources/translations/periferia_en.ts (ui/i18n.py)."""

from __future__ import annotations

from ui.i18n import QT_TRANSLATE_NOOP, declare_texts

TEXTS = declare_texts(
    "{context}",
    {{
{entries}
    }},
)


def text(key: str, locale: str, **params: object) -> str:
    return TEXTS.text(key, locale, **params)
'''


def fill_translations(context: str, pairs: dict[str, tuple[str, str]]) -> int:
    english = {greek: en for greek, en in pairs.values()}
    content = TS.read_text(encoding="utf-8")
    pattern = re.compile(
        r"(<context>\s*<name>" + re.escape(context) + r"</name>.*?</context>)", re.S
    )
    block = pattern.search(content)
    if block is None:
        sys.exit(f"lupdate found no context {context!r}: is the module under ui/?")
    filled = 0

    def finish(match: re.Match[str]) -> str:
        nonlocal filled
        source = unescape(match.group(1))
        if source not in english:
            return match.group(0)
        filled += 1
        return (
            f"<source>{match.group(1)}</source>\n"
            f"        <translation>{escape(english[source])}</translation>"
        )

    unfinished = re.compile(
        # [^<]*: a source never spans messages (.*? with re.S could, and skip one)
        r'<source>([^<]*)</source>\n        <translation type="unfinished"></translation>'
    )
    new_block = unfinished.sub(finish, block.group(1))
    TS.write_text(content.replace(block.group(1), new_block), encoding="utf-8")
    return filled


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    path, context = Path(sys.argv[1]), sys.argv[2]
    docstring, pairs = read_pairs(path)
    path.write_text(module_source(docstring, context, pairs), encoding="utf-8")
    subprocess.run(["bash", str(ROOT / "scripts" / "translations.sh")], check=True)
    filled = fill_translations(context, pairs)
    subprocess.run(["bash", str(ROOT / "scripts" / "translations.sh")], check=True)
    print(f"{path}: {len(pairs)} strings under {context!r}, {filled} English translations added")


if __name__ == "__main__":
    main()
