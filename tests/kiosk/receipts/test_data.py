from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from kiosk.receipts import check_code, mask_name, verification_reference


def test_a_greek_name_keeps_only_its_initials() -> None:
    assert mask_name("Μαρία Παπαδοπούλου") == "Μ**** Π***********"


def test_each_part_of_a_double_surname_is_masked_and_the_hyphen_kept() -> None:
    assert mask_name("Ελένη Παπαδοπούλου-Νίκα") == "Ε**** Π***********-Ν***"


@given(st.text(alphabet="ΑΒΓΔΕΖαβγδεζάέήabc -", min_size=1, max_size=40))
def test_no_letter_after_the_first_of_each_word_survives(name: str) -> None:
    masked = mask_name(name)
    for word in masked.split():
        for part in word.split("-"):
            assert set(part[1:]) <= {"*"}


def test_the_reference_carries_the_id_and_its_check_code_only() -> None:
    submission = uuid.UUID("245ec2e0-c8e7-4d89-b84f-01e11aaa8841")
    reference = verification_reference(submission)
    assert reference.endswith(f"/{submission}?c={check_code(submission)}")
    assert len(check_code(submission)) == 6
    other = uuid.UUID("245ec2e0-c8e7-4d89-b84f-01e11aaa8842")
    assert check_code(other) != check_code(submission)  # one digit off is caught
