"""The counter's application services, without Qt: what a clerk's day holds (in the
office's local day), what may be done to each application, and the mutations (open,
correct, reprint, sign-in records) with their audit entries. Screens call these and
render what they return; each mutation returns what changed (Anki's model), so a
screen decides whether to redraw without reading the store itself."""

from kiosk.counter.actions import ItemAction, action_for, actions_for
from kiosk.counter.day import (
    ATHENS,
    CounterDay,
    DayItem,
    RefusedItem,
    Waiting,
    office_day,
    read_day,
)
from kiosk.counter.desk import CounterDesk, OpenedDraft, Reprinted
from kiosk.counter.texts import TEXTS

__all__ = [
    "ATHENS",
    "TEXTS",
    "CounterDay",
    "CounterDesk",
    "DayItem",
    "ItemAction",
    "OpenedDraft",
    "RefusedItem",
    "Reprinted",
    "Waiting",
    "action_for",
    "actions_for",
    "office_day",
    "read_day",
]
