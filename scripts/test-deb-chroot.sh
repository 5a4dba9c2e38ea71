#!/usr/bin/env bash
# Install the .deb in a minimal Debian 12 chroot and smoke-test it there, end to end:
#   1. debootstrap --variant=minbase bookworm (cached in $CHROOT_BASE, reused next time);
#   2. a fresh copy of it, `apt-get install ./periferia-kiosk_*.deb` resolving Depends and
#      Recommends from the Debian archive (as an IT officer would install it);
#   3. inside: ldd over every bundled library (nothing "not found"), `kiosk --self-test`
#      offscreen, `kiosk catalog search`, then a reference server on 127.0.0.1,
#      `kiosk enroll` (token into gnome-keyring on a D-Bus session), `kiosk doctor`
#      against it, and `kiosk doctor` on Xvfb (Qt's xcb platform starts).
# Part of CI (.ci/run, after the test gate): it needs root (mount, chroot), Debian's mirror
# and a few minutes (the debootstrap base is cached).
#   sudo bash scripts/test-deb-chroot.sh [dist/periferia-kiosk_<version>_<arch>.deb]
#   sudo bash scripts/test-deb-chroot.sh --list-sonames [DEB] > installers/linux/debian12-sonames.txt
#     prints the sonames a bare Debian 12 with the package's Depends (no Recommends)
#     provides: the list installers/check_bundle.py checks a build against.
# Environment: CHROOT_BASE (default /var/tmp/periferia-chroot-base), MIRROR (default
# http://deb.debian.org/debian), KEEP_CHROOT=1 keeps the test chroot for a look around.
set -euo pipefail
cd "$(dirname "$0")/.."

[ "$(id -u)" = 0 ] || { echo "run as root (it mounts and chroots)" >&2; exit 2; }
list_sonames=0
if [ "${1:-}" = --list-sonames ]; then list_sonames=1; shift; fi
deb="${1:-$(ls -t dist/periferia-kiosk_*.deb 2>/dev/null | head -1)}"
[ -f "$deb" ] || { echo "no .deb: run bash scripts/build.sh --deb first" >&2; exit 2; }
base="${CHROOT_BASE:-/var/tmp/periferia-chroot-base}"
mirror="${MIRROR:-http://deb.debian.org/debian}"

say() { printf '\n== %s\n' "$*" >&2; }
# A clean environment inside: the host's (SSL_CERT_FILE, proxies...) is not the target's.
in_chroot() {
    chroot "$root" env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$@"
}

if [ ! -x "$base/usr/bin/apt-get" ]; then
    command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
    say "debootstrap --variant=minbase bookworm $base"
    rm -rf "$base"
    debootstrap --variant=minbase bookworm "$base" "$mirror" >/dev/null
fi

root="$(mktemp -d /var/tmp/periferia-deb-test.XXXXXX)"
cleanup() {
    for mount in dev/pts dev proc; do
        mountpoint -q "$root/$mount" && umount -l "$root/$mount"
    done
    if [ "${KEEP_CHROOT:-0}" = 1 ]; then echo "chroot kept in $root"; else rm -rf "$root"; fi
}
trap cleanup EXIT
cp -a "$base/." "$root/"
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount --bind /dev/pts "$root/dev/pts"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
package="$(basename "$deb")"

if [ "$list_sonames" = 1 ]; then
    in_chroot sh -c "apt-get update -qq && cd /tmp && apt-get install -y -qq --no-install-recommends ./$package" >&2
    echo "# Sonames on a bare Debian 12 (debootstrap minbase) with $package's Depends, no Recommends."
    echo "# Made by: sudo bash scripts/test-deb-chroot.sh --list-sonames (installers/check_bundle.py reads it)."
    in_chroot ldconfig -p | sed -n 's/^\t\([^ ]*\) (.*/\1/p' | sort -u
    exit 0
fi

say "apt-get install ./$package ($(du -h "$deb" | cut -f1)) in a bare Debian 12"
in_chroot sh -c \
    "apt-get update -qq && cd /tmp && apt-get install -y -q ./$package" \
    | grep -E "^(The following NEW|[0-9]+ upgraded|Setting up periferia)" || true
# Test tools only (not in Depends): a virtual screen for the xcb check below.
in_chroot apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null
in_chroot dpkg -s periferia-kiosk | grep -E "^(Status|Version|Installed-Size)"
echo "chroot now $(du -sh --exclude=proc --exclude=dev "$root" | cut -f1) ($(du -sh "$base" | cut -f1) bare)"

say "the committed soname list (installers/check_bundle.py's) holds only what the chroot has"
listed="$(grep -v '^#' installers/linux/debian12-sonames.txt | sort -u)"
present="$(in_chroot ldconfig -p | sed -n 's/^\t\([^ ]*\) (.*/\1/p' | sort -u)"
absent="$(comm -23 <(echo "$listed") <(echo "$present"))"
if [ -n "$absent" ]; then
    echo "listed but not on the target: $absent"
    echo "remake it: sudo bash scripts/test-deb-chroot.sh --list-sonames > installers/linux/debian12-sonames.txt"
    exit 1
fi
echo "$(echo "$listed" | wc -l) sonames, all present"

say "inside the chroot"
cat > "$root/tmp/smoke.sh" <<'SMOKE'
set -u
export QT_QPA_PLATFORM=offscreen
status=0
echo "-- every bundled library resolves (ldd): Depends are complete"
missing="$(find /opt/periferia-kiosk -type f -name '*.so*' -exec ldd {} + 2>/dev/null | grep 'not found' | sort -u)"
if [ -n "$missing" ]; then echo "$missing"; status=1; else echo "all resolve"; fi
echo "-- kiosk --self-test"
kiosk --self-test || status=1
echo "-- kiosk catalog search \"αδεια ταξι\" (SQLite FTS5 from Debian's libsqlite3)"
kiosk catalog search "αδεια ταξι" || status=1

# The code is for the template office file's office (enrolment binds a device to it).
kiosk server --host 127.0.0.1 --port 8765 --db /tmp/server.sqlite3 --office ATT-BTA-01 \
    >/tmp/server.log 2>&1 &
server=$!
for _ in $(seq 60); do grep -q "^Enrolment code" /tmp/server.log && break; sleep 0.5; done
code="$(sed -n 's/^Enrolment code for one device[^:]*: //p' /tmp/server.log)"
# The server prints the URL exactly as `kiosk enroll --server` takes it.
url="$(sed -n 's|^Reference platform server on \([^ ]*\) .*|\1|p' /tmp/server.log)"
[ -n "$code" ] || { echo "the reference server did not start:"; cat /tmp/server.log; exit 1; }
sed -e 's/^mode = .*/mode = "counter"/' -e "s|^server_url = .*|server_url = \"$url\"|" \
    /usr/share/doc/periferia-kiosk/office.example.toml >/tmp/office.toml

# The kiosk session's keyring: gnome-keyring's Secret Service on a D-Bus session bus.
dbus-run-session -- sh -c '
    printf chroot | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    echo "-- kiosk enroll --server $1 --code ... --config /tmp/office.toml"
    kiosk enroll --server "$1" --code "$2" --config /tmp/office.toml || exit 1
    echo "-- kiosk doctor --config /tmp/office.toml"
    kiosk doctor --config /tmp/office.toml
' sh "$url" "$code" || status=1
echo "-- kiosk doctor on a virtual X screen (the xcb platform a kiosk screen uses)"
xvfb-run -a env -u QT_QPA_PLATFORM kiosk doctor >/tmp/doctor-x.txt 2>&1
grep -E "qt platform|fonts" /tmp/doctor-x.txt
grep -q "ok  qt platform    xcb" /tmp/doctor-x.txt || status=1
kill "$server" 2>/dev/null
exit $status
SMOKE
if in_chroot sh /tmp/smoke.sh; then
    say "chroot test passed"
else
    say "chroot test FAILED"
    exit 1
fi
