#!/usr/bin/env bash
# The benchmark suite (not part of the test gate): full sizes, 5 runs, table + JSON.
# A full run installs its anchor, Debian's chromium (the web form a Region might pick
# instead), so every figure stands beside it; without root it says how to install it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "[bench] installing the anchor: Debian's chromium" >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null \
            || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
    else
        echo "[bench] chromium (the anchor) is missing: sudo apt-get install -y chromium" >&2
    fi
fi
exec python -m benchmarks --json "${BENCH_JSON:-benchmarks-latest.json}" "$@"
