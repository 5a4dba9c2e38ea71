#!/usr/bin/env bash
# Release build: the one-folder bundle (installers/kiosk.spec), smoke-tested with
# `--self-test` offscreen; with --deb also the Debian package.
#   bash scripts/build.sh            -> dist/periferia-kiosk/
#   bash scripts/build.sh --deb      -> also dist/periferia-kiosk_<version>_<arch>.deb
# Fails if the unpacked bundle is over MAX_BUNDLE_MIB (du's "M").
set -euo pipefail
cd "$(dirname "$0")/.."

# The size budget of the unpacked bundle (issue #9): the one place it is set. A build
# with Qt's virtual keyboard (KIOSK_VIRTUAL_KEYBOARD=1) carries QtQuick and QML besides
# (measured 152 MiB) and has a budget of its own.
MAX_BUNDLE_MIB=120
if [ "${KIOSK_VIRTUAL_KEYBOARD:-0}" = 1 ]; then
    MAX_BUNDLE_MIB=160
fi

deb=0
for argument in "$@"; do
    case "$argument" in
        --deb) deb=1 ;;
        -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
        *) echo "unknown option $argument" >&2; exit 2 ;;
    esac
done

# shellcheck source=scripts/bootstrap.sh
source scripts/bootstrap.sh  # the venv ($VENV) and the system libraries Qt needs
if ! "$VENV/bin/python" -c "import PyInstaller" 2>/dev/null; then
    "$VENV/bin/pip" install -q -c constraints.txt -e '.[build]'
fi

# The spec trims Qt's ICU data (installers/trim_icu.py) with icupkg and the C toolchain.
if [[ "$(uname -s)" == Linux ]]; then
    missing=""
    command -v icupkg >/dev/null || missing="$missing icu-devtools"
    command -v cc >/dev/null || missing="$missing gcc"
    command -v objcopy >/dev/null || missing="$missing binutils"
    if [ -n "$missing" ]; then
        if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
            echo "installing the build tools:$missing"
            # shellcheck disable=SC2086
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
                || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; }
        else
            echo "missing build tools. Run this once, then try again:" >&2
            echo "    sudo apt-get install -y$missing" >&2
            exit 1
        fi
    fi
fi

started=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller installers/kiosk.spec
built=$(date +%s)
bytes=$(du -sb dist/periferia-kiosk | cut -f1)
mib=$(( (bytes + 1048575) / 1048576 ))
echo "bundle: dist/periferia-kiosk, ${mib} MiB unpacked ($bytes bytes; limit $MAX_BUNDLE_MIB MiB), built in $((built - started)) s"
if [ "$mib" -gt "$MAX_BUNDLE_MIB" ]; then
    echo "the bundle is over its $MAX_BUNDLE_MIB MiB budget: see what grew with" >&2
    echo "    du -ah dist/periferia-kiosk | sort -h | tail -40" >&2
    echo "and trim it in installers/kiosk.spec" >&2
    exit 1
fi

# Hermetic: only what installers/bundle_policy.py allows is inside, and everything the
# bundle links is inside or on a bare Debian 12 with the package's Depends (issue #22).
keyboard_flag=""
[ "${KIOSK_VIRTUAL_KEYBOARD:-0}" = 1 ] && keyboard_flag="--virtual-keyboard"
# shellcheck disable=SC2086
"$VENV/bin/python" installers/check_bundle.py dist/periferia-kiosk $keyboard_flag \
    --sonames installers/linux/debian12-sonames.txt

echo "smoke test (frozen binary, offscreen):"
QT_QPA_PLATFORM=offscreen dist/periferia-kiosk/kiosk --self-test

if [ "$deb" = 1 ]; then
    bash installers/linux/build_deb.sh
fi
