"""The app built around the first screen once everything behind it has loaded: the
network lane, the registry worker, then the kiosk's flow (with its idle wipe) or the
counter's console, each adopting the screen already on show."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from ui.startup.first_screen import Shown
    from ui.startup.loading import Loaded
    from ui.sync_lane import SyncLane


class Assembled(msgspec.Struct):
    lane: SyncLane | None
    # The flow or console, the idle watcher: alive as long as the window, whatever Qt does.
    parts: tuple[object, ...]
    # Where «back to the start» of the recoverable error screen leads (ui.crash).
    home: Callable[[], None]


def assemble(shown: Shown, loaded: Loaded) -> Assembled:
    from ui.backend import StoreBackend
    from ui.documents.desk import desk_for_office

    config, platform = loaded.config, loaded.platform
    lane = registry = None
    if platform is not None:  # a device not enrolled imports no HTTP client (httpx)
        from sync.registry import PlatformRegistry
        from ui.registry_lane import BackgroundRegistry
        from ui.startup.loading import apply_retention
        from ui.sync_lane import SyncLane

        lane_store = loaded.lane_store
        lane = SyncLane(
            platform.engine,
            catalog_sink=platform.sink,
            housekeeping=lambda: apply_retention(config, lane_store),
        )
        # Look-ups on their own worker thread and client: the screen never waits.
        registry = BackgroundRegistry(PlatformRegistry(platform.registry_client))
    parked = platform.parked if platform is not None else None
    fee_codes = phone = None
    if platform is not None:
        from sync.fees import PlatformFees
        from sync.phone import PhoneUploads

        fee_codes = PlatformFees(platform.client)
        phone = PhoneUploads(platform.client)
    parts: tuple[object, ...]
    go_home: Callable[[], None]
    shown.window.set_place(str(config.region_code), config.regional_unit, config.office_name)
    if config.mode == "kiosk":
        from ui.flow import ProcedureFlow
        from ui.kiosk_mode import IdleWatcher, KioskWindow, lock_kiosk
        from ui.screens.home import HomeScreen

        window, home = shown.window, shown.screen
        assert isinstance(window, KioskWindow) and isinstance(home, HomeScreen)
        flow = ProcedureFlow(
            window,
            loaded.catalog,
            region_code=str(config.region_code),
            backend=StoreBackend(loaded.store, lane=lane, parked=parked),
            channel="kiosk",
            registry=registry,
            printer_name=config.printer,
            lane=lane,
            usage=loaded.usage,
            definitions=loaded.definitions,
            index=loaded.index,
            documents=desk_for_office(
                config.documents, loaded.store.attachments, "kiosk", window, phone
            ),
            fee_codes=fee_codes,
            citizen_client=platform.registry_client if platform is not None else None,
            receipt_base=config.receipt_base if platform is not None else None,
        )
        watcher = IdleWatcher(config.idle_timeout_seconds * 1000, countdown_s=20, parent=window)
        lock_kiosk(window, watcher, flow.wipe, lambda: flow.session is not None)
        flow.show_home(home)
        parts, go_home = (flow, watcher), flow.wipe
    else:
        from kiosk.clerks import ClerkSignIn
        from sync.clerks import PlatformClerkDirectory
        from ui.counter.console import CounterConsole
        from ui.counter.sign_in import SignInScreen
        from ui.startup.loading import office_aggregates

        sign_in = shown.screen
        assert isinstance(sign_in, SignInScreen)
        client = platform.client if platform is not None else None
        directory = PlatformClerkDirectory(client) if client is not None else None
        clerk_registry = None
        if platform is not None and directory is not None:
            from ui.citizen_sign_in import clerk_registry_maker

            clerk_registry = clerk_registry_maker(
                platform.registry_client, lambda: directory.session
            )
        console = CounterConsole(
            shown.window,
            loaded.catalog,
            loaded.store,
            ClerkSignIn(directory),
            region_code=str(config.region_code),
            lane=lane,
            registry=registry,
            office_id=config.office_id,
            aggregates=office_aggregates(loaded),
            usage=loaded.usage,
            definitions=loaded.definitions,
            parked=parked,
            index=loaded.index,
            documents=desk_for_office(
                config.documents, loaded.store.attachments, "counter", shown.window
            ),
            fee_codes=fee_codes,
            clerk_registry=clerk_registry,
            platform=client,
        )
        console.show_sign_in(sign_in)
        parts, go_home = (console,), console.show_today
    shown.intents.replay()
    return Assembled(lane, parts, go_home)
