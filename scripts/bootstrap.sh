#!/usr/bin/env bash
# Sets up everything the app and its tests need, idempotently:
#   1. the system libraries Qt needs (apt-get when root, else prints the one command);
#   2. a virtual environment in .venv with the pinned dependencies (constraints.txt).
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again and again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${KIOSK_VENV:-$ROOT/.venv}"

say() { printf '[setup] %s\n' "$*" >&2; }

# --- 1. System libraries ----------------------------------------------------
# shared library -> Debian/Ubuntu packages that provide it (first known one wins;
# Ubuntu 24.04 renamed some with a t64 suffix). Measured on a bare Debian 12 (STACK-NOTES).
QT_LIBS=(
  "libglib-2.0.so.0:libglib2.0-0t64 libglib2.0-0"
  "libGL.so.1:libgl1"
  "libEGL.so.1:libegl1"
  "libX11.so.6:libx11-6"
  "libxkbcommon.so.0:libxkbcommon0"
  "libfontconfig.so.1:libfontconfig1"
  "libfreetype.so.6:libfreetype6"
  "libdbus-1.so.3:libdbus-1-3"
  # The xcb platform (X11): kiosks on X, and the test that types on Qt's virtual keyboard
  # under Xvfb (it has no panel offscreen). Measured with ldd on the PySide6 6.11 plugin.
  "libX11-xcb.so.1:libx11-xcb1"
  "libxkbcommon-x11.so.0:libxkbcommon-x11-0"
  "libxcb-cursor.so.0:libxcb-cursor0"
  "libxcb-icccm.so.4:libxcb-icccm4"
  "libxcb-image.so.0:libxcb-image0"
  "libxcb-keysyms.so.1:libxcb-keysyms1"
  "libxcb-randr.so.0:libxcb-randr0"
  "libxcb-render-util.so.0:libxcb-render-util0"
  "libxcb-shape.so.0:libxcb-shape0"
  "libxcb-shm.so.0:libxcb-shm0"
  "libxcb-sync.so.1:libxcb-sync1"
  "libxcb-xfixes.so.0:libxcb-xfixes0"
  "libxcb-xkb.so.1:libxcb-xkb1"
  # Qt's virtual keyboard (virtual_keyboard = "qt"): its keys link QtMultimedia -> libpulse.
  "libpulse.so.0:libpulse0"
  # Photographing documents (ui/documents/camera.py): Qt Multimedia's FFmpeg plugin links
  # these too (ldd on the PySide6 6.11 plugin); libxrandr2 comes with nothing above, and
  # without it the plugin does not load. It dlopens PipeWire and VA-API only if present.
  "libXrandr.so.2:libxrandr2"
  "libXext.so.6:libxext6"
  "libdrm.so.2:libdrm2"
)
# command -> package: tools the tests run.
TOOLS=(
  "xvfb-run:xvfb"  # a virtual X display for the Qt virtual keyboard test
  # A window manager on one of the real-display walks (tests/ui/test_real_screens.py):
  # a counter's window maximised and decorated as on a desktop.
  "openbox:openbox"
  # tests/installers/test_trim_icu.py trims Qt's ICU data as scripts/build.sh does: the
  # gate forbids skips (docs/testing.md), so what it needs is installed here.
  "icupkg:icu-devtools"
  "cc:gcc"
  "objcopy:binutils"
  "readelf:binutils"
  # Web pages the platform serves (citizen sign-in, phone upload, receipts, fleet) are tested
  # in a real browser: Debian's chromium, driven by Playwright (it cannot fetch its own).
  "chromium:chromium"
  # Documents: SANE's own `test` backend is a real driver (scanimage -d test).
  "scanimage:sane-utils"
  # PDFs looked at as pages (pdftoppm) in tests and screenshots.
  "pdftoppm:poppler-utils"
  # The accessibility bus a screen reader uses (AT-SPI), read by the system python3.
  "dbus-run-session:dbus"
  "dbus-launch:dbus-x11"
  # A real Secret Service (the kiosk session's keyring on Linux): the device key is read
  # from it without the keyring library (tests/kiosk/store/test_secret_service.py).
  "gnome-keyring-daemon:gnome-keyring"
)
# file -> package: what is not a command on PATH.
FILES=(
  "/usr/libexec/at-spi-bus-launcher:at-spi2-core"
  "/usr/lib/python3/dist-packages/pyatspi/__init__.py:python3-pyatspi"
)
FONT_PACKAGES="fonts-dejavu-core"

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

missing_packages() {
  local entry lib candidates pkg
  for entry in "${QT_LIBS[@]}"; do
    lib="${entry%%:*}"; candidates="${entry#*:}"
    have_lib "$lib" && continue
    pkg=""
    for c in $candidates; do
      if command -v apt-cache >/dev/null && apt-cache show "$c" >/dev/null 2>&1; then pkg="$c"; break; fi
    done
    printf '%s\n' "${pkg:-${candidates##* }}"
  done
  for entry in "${TOOLS[@]}"; do
    command -v "${entry%%:*}" >/dev/null || printf '%s\n' "${entry#*:}"
  done
  for entry in "${FILES[@]}"; do
    [ -e "${entry%%:*}" ] || printf '%s\n' "${entry#*:}"
  done
  # fc-list may be absent (it is in `fontconfig`, not `libfontconfig1`): look for the file.
  if ! ls /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf >/dev/null 2>&1; then
    printf '%s\n' $FONT_PACKAGES
  fi
}

ensure_system_libraries() {
  command -v ldconfig >/dev/null || PATH="$PATH:/sbin:/usr/sbin"
  local missing
  missing="$(missing_packages | sort -u | tr '\n' ' ')"
  # python3 -m venv needs ensurepip, a separate package on Debian/Ubuntu.
  if ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    missing="$missing python3-venv"
  fi
  missing="$(echo "$missing" | xargs)"
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing system libraries: $missing"
    if [ ! -d /var/lib/apt/lists ] || [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v lock)" ]; then
      apt-get update -qq
    fi
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; }
  else
    say "missing system libraries. Run this once, then try again:"
    say "    sudo apt-get install -y $missing"
    exit 1
  fi
}

# --- 2. Python --------------------------------------------------------------
find_python() {
  local p
  for p in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$p" ] || continue
    if command -v "$p" >/dev/null && "$p" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$p"; return 0
    fi
  done
  say "Python 3.11 or newer is needed (python3 --version says: $(python3 --version 2>&1 || echo none))."
  exit 1
}

ensure_venv() {
  local stamp="$VENV/.bootstrap-stamp" want
  want="$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" | sha256sum | cut -c1-16)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$VENV/bin/kiosk" ]; then
    return 0
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating virtual environment in $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  say "installing pinned dependencies (constraints.txt); the first time takes a minute or two"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip \
    || say "could not upgrade pip; continuing with $("$VENV/bin/python" -m pip --version)"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check \
    -c "$ROOT/constraints.txt" -e "$ROOT[test]"
  echo "$want" > "$stamp"
}

PYTHON="$(find_python)"
ensure_system_libraries
ensure_venv
export PATH="$VENV/bin:$PATH"
