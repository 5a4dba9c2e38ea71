"""PySide6 presentation and the command line: the outermost layer, which wires
kiosk/ (domain) and sync/ (platform protocol) together. Thin: no business rules."""
