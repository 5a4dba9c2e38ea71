#!/bin/sh
# The "Periferia kiosk" X session (/usr/share/xsessions/periferia-kiosk.desktop):
# the app full screen, started again whenever it stops, for as long as the session
# lasts. Settings: /etc/default/periferia-kiosk (KIOSK_ARGS, KIOSK_CONFIG).
set -u
[ -r /etc/default/periferia-kiosk ] && . /etc/default/periferia-kiosk
: "${KIOSK_ARGS:=}"
: "${KIOSK_CONFIG:=}"
[ -n "$KIOSK_CONFIG" ] && export KIOSK_OFFICE_CONFIG="$KIOSK_CONFIG"

# Secrets live in the keyring: give the session a bus and a Secret Service when the
# display manager did not.
if [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] && command -v dbus-run-session >/dev/null; then
    exec dbus-run-session -- "$0" "$@"
fi
if command -v gnome-keyring-daemon >/dev/null; then
    eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)" || true
    export GNOME_KEYRING_CONTROL SSH_AUTH_SOCK 2>/dev/null || true
fi

# No screen saver or power-down on a kiosk.
if command -v xset >/dev/null; then xset s off -dpms s noblank 2>/dev/null || true; fi

export KIOSK_FULLSCREEN=1 QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
delay=1
while :; do
    started=$(date +%s)
    # shellcheck disable=SC2086  # KIOSK_ARGS is a word list on purpose
    /opt/periferia-kiosk/kiosk $KIOSK_ARGS
    status=$?
    logger -t periferia-kiosk "app exited with status $status; restarting in ${delay}s" 2>/dev/null || true
    # A crash loop backs off to 30 s; a long, healthy run resets the delay.
    if [ $(( $(date +%s) - started )) -gt 60 ]; then delay=1; fi
    sleep "$delay"
    delay=$(( delay * 2 > 30 ? 30 : delay * 2 ))
done
