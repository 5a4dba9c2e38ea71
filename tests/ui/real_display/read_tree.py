"""Read an application's accessibility tree the way Orca does, over AT-SPI.

Run by the SYSTEM python3 (Debian's python3-pyatspi needs its gi bindings, not the
venv): `/usr/bin/python3 read_tree.py PID`. Prints one JSON list of what is showing:
role, name, description, states, for every node of the application with that process
id. Standard library and pyatspi only."""

from __future__ import annotations

import json
import sys

import pyatspi  # type: ignore[import-not-found]  # the system python's, not the venv's

SKIPPED_ROLES = {"filler", "panel", "scroll pane", "viewport", "layered pane", "unknown"}


def _node(accessible: object) -> dict[str, object]:
    states = accessible.getState().getStates()  # type: ignore[attr-defined]
    return {
        "role": accessible.getRoleName(),  # type: ignore[attr-defined]
        "name": accessible.name or "",  # type: ignore[attr-defined]
        "description": accessible.description or "",  # type: ignore[attr-defined]
        "states": sorted(pyatspi.stateToString(s) for s in states),
    }


def _walk(accessible: object, depth: int, found: list[dict[str, object]]) -> None:
    if depth > 40:
        return
    node = _node(accessible)
    if "showing" not in node["states"]:  # type: ignore[operator]
        return
    if node["role"] not in SKIPPED_ROLES:
        found.append(node)
    for index in range(accessible.childCount):  # type: ignore[attr-defined]
        child = accessible.getChildAtIndex(index)  # type: ignore[attr-defined]
        if child is not None:
            _walk(child, depth + 1, found)


def main(pid: int) -> int:
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is None or app.get_process_id() != pid:
            continue
        found: list[dict[str, object]] = []
        for window in range(app.childCount):
            child = app.getChildAtIndex(window)
            if child is not None:
                _walk(child, 0, found)
        print(json.dumps(found, ensure_ascii=False))
        return 0
    print(json.dumps({"error": f"no application with process id {pid} on the bus"}))
    return 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1])))
