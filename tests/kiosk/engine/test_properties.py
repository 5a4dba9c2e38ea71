"""Invariants of the engine, over many generated answer sets (hypothesis)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.engine.session import FillingSession
from tests.kiosk.engine.procedures import transporter_licence

PROCEDURE = transporter_licence()

answer_sets = st.fixed_dictionaries(
    {},
    optional={
        "applicant_type": st.sampled_from(["individual", "company", "bogus", ""]),
        "afm": st.sampled_from(["090000045", "123", ""]),
        "surname": st.text(max_size=8),
        "gemi_number": st.text(max_size=6),
        "first_issue": st.booleans(),
        "previous_licence_number": st.text(max_size=6),
        "vehicles": st.lists(st.fixed_dictionaries({"plate": st.text(max_size=4)}), max_size=3),
        "truthful": st.booleans(),
    },
)
moves = st.lists(st.sampled_from(["next", "back"]), max_size=12)


def _session(answers: dict[str, Any]) -> FillingSession:
    return FillingSession(
        PROCEDURE, "2", uuid.uuid4(), answers=dict(answers), today=date(2026, 11, 22)
    )


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets, path=moves)
def test_back_and_next_never_lose_answers(answers: dict[str, Any], path: list[str]) -> None:
    session = _session(answers)
    for move in path:
        session.next() if move == "next" else session.back()
    assert session.answers == answers


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets)
def test_a_hidden_field_never_blocks_submission(answers: dict[str, Any]) -> None:
    session = _session(answers)
    visible = {i.path.split("[")[0] for i in session.all_issues()}
    shown = {f.id for s in session.steps for f in s.fields} | {
        g.id for s in session.steps for g in s.groups
    }
    assert visible <= shown


@settings(max_examples=40, deadline=None)
@given(answers=answer_sets)
def test_validation_and_checklist_depend_only_on_the_answers(answers: dict[str, Any]) -> None:
    first, second = _session(answers), _session(answers)
    second.next()
    second.back()
    assert first.all_issues() == second.all_issues()
    assert [(i.document_id, i.status) for i in first.checklist()] == [
        (i.document_id, i.status) for i in second.checklist()
    ]
