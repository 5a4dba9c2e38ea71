#!/bin/sh
# /usr/bin/kiosk: the bundled app (a one-folder PyInstaller build in /opt), or the
# signed update installed beside it (docs/updates.md). The packaged build decides on
# each start: a pending version that passes its --self-test becomes current, one that
# fails is refused and the current one runs. Any trouble here runs the packaged build.
# KIOSK_PACKAGED_DIR: where the packaged build is (tests point it at a fake one).
BASE=${KIOSK_PACKAGED_DIR:-/opt/periferia-kiosk}
case "$1" in
  run|"")
    folder=$("$BASE/kiosk" update start 2>/dev/null) || folder=""
    if [ -n "$folder" ] && [ -x "$folder/kiosk" ]; then
      exec "$folder/kiosk" "$@"
    fi
    ;;
esac
exec "$BASE/kiosk" "$@"
