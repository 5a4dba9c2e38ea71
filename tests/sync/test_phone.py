"""The phone-upload link on the reference server: one file, for its office only, not
after it expires, and only a document."""

from __future__ import annotations

import httpx
import pytest

from sync.errors import RejectedError
from sync.phone import PhoneUploads
from tests.kiosk.documents import samples
from tests.sync.conftest import Platform


def test_one_document_per_link_collected_once_by_its_office(platform: Platform) -> None:
    phone = PhoneUploads(platform.client())
    link = phone.begin()
    assert phone.collect(link) is None  # not sent yet
    assert httpx.put(link.url, content=b"plain words").status_code == 415
    document = samples.pdf(1)
    assert httpx.put(link.url, content=document).status_code == 200
    assert httpx.put(link.url, content=document).status_code == 409  # one file per link
    store = platform.store
    other = store.redeem_code(store.create_enrolment_code("another-office"))
    assert other is not None
    stranger = PhoneUploads(platform.client(token=other[1]))
    assert httpx.get(link.url).status_code == 200
    with pytest.raises(RejectedError, match="404"):
        stranger.collect(link)  # another office's device
    assert phone.collect(link) == document
    assert httpx.get(link.url).status_code == 404  # collected: gone


def test_an_expired_link_opens_nothing(platform: Platform) -> None:
    phone = PhoneUploads(platform.client())
    link = phone.begin()
    with platform.store._lock:
        platform.store._db.execute("UPDATE phone_uploads SET expires_at = '2000-01-01T00:00:00Z'")
    assert httpx.get(link.url).status_code == 404
    assert httpx.put(link.url, content=samples.pdf(1)).status_code == 404
