#!/usr/bin/env bash
# Sets everything up, then runs the demo: the app against the bundled reference
# central server and the sample catalog. With no display it runs a scripted
# walk-through offscreen and prints the folder with its screenshots and receipt.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/bootstrap.sh
source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
exec kiosk demo "$@"
