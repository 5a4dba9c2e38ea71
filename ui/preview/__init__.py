"""`kiosk catalog preview FILE|DIR`: the kiosk's own screens on a definition being
written, reloaded whenever the file is saved."""
