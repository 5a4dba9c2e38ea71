"""Invariants of the engine, over many generated answer sets and paths (hypothesis)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.engine.session import FillingSession
from tests.kiosk.engine.procedures import transporter_licence

PROCEDURE = transporter_licence()
GARBAGE = {"gemi_number": "", "previous_licence_number": "", "vehicles": [{"plate": ""}] * 9}

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
intents = st.lists(
    st.one_of(
        st.sampled_from([("next",), ("back",), ("jump",)]),
        st.tuples(st.just("answer"), st.sampled_from(["surname", "first_issue"]), st.booleans()),
    ),
    max_size=12,
)


def _session(answers: dict[str, Any], **options: Any) -> FillingSession:
    return FillingSession(
        PROCEDURE, "2", uuid.uuid4(), answers=dict(answers), today=date(2026, 11, 22), **options
    )


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets, path=intents)
def test_back_next_and_jump_never_lose_answers(answers: dict[str, Any], path: list[Any]) -> None:
    stored: dict[str, Any] = dict(answers)
    session = _session(answers, on_answer=stored.__setitem__)
    expected = dict(answers)
    for intent in path:
        if intent[0] == "next":
            session.next()
        elif intent[0] == "back":
            session.back()
        elif intent[0] == "jump":
            session.jump(session.visited[0])
        else:
            value = intent[2] if intent[1] == "first_issue" else str(intent[2])
            session.set_answer(intent[1], value)
            expected[intent[1]] = value
    assert session.answers == expected
    assert {k: v for k, v in stored.items() if k != "_session"} == expected


@settings(max_examples=60, deadline=None)
@given(answers=answer_sets)
def test_a_hidden_field_never_blocks_submission(answers: dict[str, Any]) -> None:
    session = _session(answers)
    hidden = {k: v for k, v in GARBAGE.items() if k not in session.visible_field_ids()}
    with_garbage = _session({**answers, **hidden})
    assert with_garbage.ready_to_submit() == session.ready_to_submit()
    assert with_garbage.all_issues() == session.all_issues()
    assert with_garbage.submitted_answers() == session.submitted_answers()


@settings(max_examples=40, deadline=None)
@given(answers=answer_sets)
def test_validation_is_deterministic(answers: dict[str, Any]) -> None:
    first, second = _session(answers), _session(answers)
    second.next()
    second.back()
    assert first.all_issues() == second.all_issues() == first.all_issues()


@settings(max_examples=40, deadline=None)
@given(answers=answer_sets, path=st.lists(st.sampled_from(["next", "back"]), max_size=6))
def test_the_checklist_depends_only_on_the_answers(
    answers: dict[str, Any], path: list[str]
) -> None:
    plain = _session(answers)
    walked = _session(answers, locale="en")
    for move in path:
        walked.next() if move == "next" else walked.back()
    assert [(i.document_id, i.status, i.required) for i in plain.checklist()] == [
        (i.document_id, i.status, i.required) for i in walked.checklist()
    ]
