from tests.kiosk.store.conftest import store

__all__ = ["store"]
