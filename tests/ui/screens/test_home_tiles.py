"""The home screen fills a tall (portrait) kiosk with shortcuts to procedures, as many
whole rows of them as fit, and shows none where there is no room: the welcome never
scrolls to make room for them. A tile opens its procedure's overview."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kiosk.catalog.loader import load_catalog, sample_catalog_dir
from tests.ui.walkthrough import kiosk_window
from ui.screens.home import HomeScreen
from ui.screens.home_tiles import MAX_TILES, shortcuts
from ui.screens.overview import OverviewScreen


def _home(qtbot: QtBot, width: int, height: int) -> HomeScreen:
    window, flow = kiosk_window(qtbot, "el")
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    flow.show_home()
    home = window.current_screen()
    assert isinstance(home, HomeScreen)
    qtbot.waitUntil(lambda: bool(home.tiles.shown()) or height < 1000, timeout=2000)
    return home


def test_a_portrait_kiosk_shows_rows_of_procedure_tiles_under_the_welcome(qtbot: QtBot) -> None:
    home = _home(qtbot, 1080, 1920)
    shown = home.tiles.shown()
    assert len(shown) >= 12 and len(shown) % 2 == 0  # whole rows of two
    assert home.tiles.heading.isVisible()
    assert all(tile.height() >= 44 for tile in shown)  # touch targets
    last = max(tile.mapTo(home, tile.rect().bottomLeft()).y() for tile in shown)
    assert last <= home.height()  # nothing below the screen's edge


def test_a_short_screen_shows_no_tile_it_has_no_room_for(qtbot: QtBot) -> None:
    home = _home(qtbot, 1280, 640)
    assert not home.tiles.shown()
    assert not home.tiles.heading.isVisible()  # no heading over nothing


def test_a_tile_opens_the_overview_of_its_procedure(qtbot: QtBot) -> None:
    home = _home(qtbot, 1080, 1920)
    tile = home.tiles.shown()[0]
    tile.click()
    overview = home.window().current_screen()  # type: ignore[attr-defined]
    assert isinstance(overview, OverviewScreen)


def test_shortcuts_are_reviewed_procedures_for_citizens_first_in_greek_order() -> None:
    procedures = load_catalog(sample_catalog_dir()).procedures.values()
    chosen = shortcuts(procedures, "el")
    assert len(chosen) == MAX_TILES
    by_id = {p.id: p for p in procedures}
    audiences = [by_id[pid].audience == "businesses" for pid, _title in chosen]
    assert audiences == sorted(audiences)  # citizens' (and both) before businesses' only
    assert all(not by_id[pid].draft for pid, _title in chosen)
    english = shortcuts(procedures, "en")
    assert {pid for pid, _ in english} <= set(by_id)
    assert any(title == by_id[pid].title.en for pid, title in english)
