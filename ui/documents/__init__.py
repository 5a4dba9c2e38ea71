"""Supporting documents at the counter and at a kiosk with a scanner: scan, import,
reorder, attach (docs/documents.md)."""
