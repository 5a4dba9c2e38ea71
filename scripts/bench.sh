#!/usr/bin/env bash
# The benchmark suite (not part of the test gate): full sizes, 5 runs, table + JSON.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
exec python -m benchmarks --json "${BENCH_JSON:-benchmarks-latest.json}" "$@"
