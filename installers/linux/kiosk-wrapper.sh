#!/bin/sh
# /usr/bin/kiosk: the bundled app (a one-folder PyInstaller build in /opt).
exec /opt/periferia-kiosk/kiosk "$@"
