"""From the engine's answers to usage events: one line per intent in the flow.

The flow already holds a FillingSession and gets a `Changes` back from every intent;
`SessionUsage` reads what it needs from them (the procedure id, the current step, the
issues' field paths and rule names, the checklist statuses) and never an answer value.

    usage = SessionUsage(UsageRecorder(store.usage))
    usage.started(session, channel)            # after the session is made
    usage.after(session, session.next())       # any intent that returns Changes
    usage.submitted(session)                   # after the submission is queued
    usage.abandoned("idle")                    # the kiosk's wipe, or "home"/"overview"
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.analytics.events import REVIEW, AbandonReason, UsageRecorder

if TYPE_CHECKING:  # the engine loads with the first session, not at start
    from kiosk.engine.changes import Changes
    from kiosk.engine.session import FillingSession
    from kiosk.submission import Channel


def place(session: FillingSession) -> str:
    """The step the person is on, or REVIEW."""
    return REVIEW if session.at_review else session.current_step.id


class SessionUsage:
    def __init__(self, recorder: UsageRecorder) -> None:
        self.recorder = recorder

    def started(self, session: FillingSession, channel: Channel) -> None:
        self.recorder.procedure_started(session.procedure.id, channel)
        self.recorder.step_reached(session.procedure.id, place(session))

    def after(self, session: FillingSession, changes: Changes) -> Changes:
        """Record what an intent changed (a move, validation issues); returns `changes`
        so that it can wrap the call: `changes = usage.after(s, s.set_answer(...))`."""
        procedure_id = session.procedure.id
        where = place(session)
        for issue in changes.issues:
            self.recorder.validation_failed(procedure_id, where, issue.path, issue.rule)
        if changes.moved:
            self.recorder.step_reached(procedure_id, where)
        return changes

    def submitted(self, session: FillingSession) -> None:
        procedure_id = session.procedure.id
        self.recorder.step_reached(procedure_id, REVIEW)
        statuses = {item.document_id: item.status for item in session.checklist()}
        self.recorder.documents_marked(procedure_id, statuses)
        self.recorder.submitted(procedure_id)

    def abandoned(self, reason: AbandonReason) -> None:
        """The applicant left (idle wipe, home, back to the overview) before submitting;
        after a submission, or with no procedure open, nothing is recorded."""
        self.recorder.abandon_open_journey(reason)
