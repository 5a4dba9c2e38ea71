"""The protocol with the central platform: client engine, wire models, and a reference
central server for demos and tests. Imports no Qt (checked by import-linter)."""
