"""Domain core of the regional counter and kiosk client.

Pure Python: procedures, the guided form engine, the local store, receipts and
configuration. Nothing here imports Qt or an HTTP library (checked by import-linter).
"""

__version__ = "0.1.0"
