#!/usr/bin/env bash
# Release build: the one-folder bundle (installers/kiosk.spec), smoke-tested with
# `--self-test` offscreen; with --deb also the Debian package.
#   bash scripts/build.sh            -> dist/periferia-kiosk/
#   bash scripts/build.sh --deb      -> also dist/periferia-kiosk_<version>_<arch>.deb
set -euo pipefail
cd "$(dirname "$0")/.."

deb=0
for argument in "$@"; do
    case "$argument" in
        --deb) deb=1 ;;
        -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
        *) echo "unknown option $argument" >&2; exit 2 ;;
    esac
done

# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh  # the venv and the system libraries Qt needs
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
    .venv/bin/pip install -q -c constraints.txt pyinstaller
fi

started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installers/kiosk.spec
built=$(date +%s)
echo "bundle: dist/periferia-kiosk, $(du -sh dist/periferia-kiosk | cut -f1) unpacked, built in $((built - started)) s"

echo "smoke test (frozen binary, offscreen):"
QT_QPA_PLATFORM=offscreen dist/periferia-kiosk/kiosk --self-test

if [ "$deb" = 1 ]; then
    bash installers/linux/build_deb.sh
fi
