#!/usr/bin/env bash
# The whole test gate: setup, lint, format, types, layering, dead code, then the test
# suite. Any failing gate fails the run. What each gate is for: docs/testing.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"

gate() { printf '\n== %s\n' "$1" >&2; }

gate "ruff check";            ruff check .
gate "ruff format --check";   ruff format --check .
gate "mypy (kiosk/, sync/, ui/)"; mypy kiosk sync ui
gate "import layering";       lint-imports
gate "dead code (vulture)";   vulture  # paths, confidence and allowlist: pyproject.toml
gate "pytest";                QT_QPA_PLATFORM=offscreen KIOSK_TESTS_NO_SKIP=1 pytest "$@"
