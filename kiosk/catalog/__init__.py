"""Procedure definitions as data: the format, the catalog, regional variants, search,
and signed bundles."""
