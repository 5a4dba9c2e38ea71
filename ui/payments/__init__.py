"""The fee's e-παράβολο code on the review screen (docs/documents.md)."""
