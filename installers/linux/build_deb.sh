#!/usr/bin/env bash
# Package dist/periferia-kiosk (built by scripts/build.sh) as a .deb with dpkg-deb only:
# no tool is downloaded. Output: dist/periferia-kiosk_<version>_<arch>.deb
# (KIOSK_BUNDLE, KIOSK_DEB_WORK and KIOSK_DEB_OUT move the bundle, the work folder and
# the output folder: the package test builds one from a fake bundle.)
set -euo pipefail
cd "$(dirname "$0")/../.."
here=installers/linux
bundle=${KIOSK_BUNDLE:-dist/periferia-kiosk}
work=${KIOSK_DEB_WORK:-build/deb}
outdir=${KIOSK_DEB_OUT:-dist}
[ -x "$bundle/kiosk" ] || { echo "no bundle in $bundle: run scripts/build.sh first" >&2; exit 1; }

version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' kiosk/__init__.py)
arch=$(dpkg --print-architecture)
root=$work/root
rm -rf "$work" && mkdir -p "$root/DEBIAN" "$root/opt" "$root/usr/bin" \
    "$root/usr/lib/periferia-kiosk" "$root/usr/lib/systemd/user" "$root/usr/share/applications" \
    "$root/usr/share/xsessions" "$root/usr/share/doc/periferia-kiosk" "$root/etc/default"

cp -a "$bundle" "$root/opt/periferia-kiosk"
install -m 0755 "$here/kiosk-wrapper.sh" "$root/usr/bin/kiosk"
install -m 0755 "$here/kiosk-session.sh" "$root/usr/lib/periferia-kiosk/kiosk-session"
install -m 0644 "$here/periferia-kiosk.desktop" "$root/usr/share/applications/"
install -m 0644 "$here/periferia-kiosk-session.desktop" \
    "$root/usr/share/xsessions/periferia-kiosk.desktop"
install -m 0644 "$here/default.conf" "$root/etc/default/periferia-kiosk"
# Signed updates at quiet times: a user timer, turned on for every user by postinst.
install -m 0644 "$here/periferia-kiosk-update.service" "$here/periferia-kiosk-update.timer" \
    "$root/usr/lib/systemd/user/"
install -m 0755 "$here/postinst" "$here/postrm" "$root/DEBIAN/"
install -m 0644 installers/office.example.toml "$root/usr/share/doc/periferia-kiosk/"
echo /etc/default/periferia-kiosk > "$root/DEBIAN/conffiles"

size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
# Qt's virtual keyboard (a KIOSK_VIRTUAL_KEYBOARD=1 build) links QtMultimedia -> libpulse.
extra=""
if [ -d "$bundle/_internal/PySide6/Qt/qml/QtQuick/VirtualKeyboard" ]; then
    extra=", libpulse0"
fi
sed -e "s/@VERSION@/$version/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
    -e "s/@EXTRA_DEPENDS@/$extra/" "$here/control.in" > "$root/DEBIAN/control"

mkdir -p "$outdir"
out="$outdir/periferia-kiosk_${version}_${arch}.deb"
# --root-owner-group: files owned by root in the package whoever builds it.
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "$out ($(du -h "$out" | cut -f1))"
