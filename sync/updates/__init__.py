"""The device's updater: python-tuf's ngclient over the project's httpx transport."""
