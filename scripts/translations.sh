#!/usr/bin/env bash
# Refresh the translation sources from the code, then compile them.
#   1. pyside6-lupdate scans every .py under ui/ for QT_TRANSLATE_NOOP(...) (and tr())
#      and merges new Greek sources into resources/translations/periferia_<lang>.ts
#      (new ones come in "unfinished"; strings gone from the code are dropped);
#   2. pyside6-lrelease compiles each .ts into the .qm the app loads (committed).
# Translate the unfinished entries (Qt Linguist: `pyside6-linguist FILE.ts`, or any
# editor), run this again, and commit both files; tests/ui/test_translations.py fails
# while one is missing, unfinished or out of date.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

LANGUAGES=(en)
for lang in "${LANGUAGES[@]}"; do
  ts="resources/translations/periferia_${lang}.ts"
  # No source locations: line numbers would change the .ts on every edit and make
  # merges between branches conflict for nothing.
  pyside6-lupdate -extensions py -source-language el -target-language "$lang" \
    -locations none -no-obsolete ui -ts "$ts"
  pyside6-lrelease "$ts" -qm "${ts%.ts}.qm"
done
