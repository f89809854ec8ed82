from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from dangvu.accounts.models import User
from dangvu.core.audit import acting_as
from dangvu.documents import demo
from dangvu.documents.models import Document
from dangvu.organization.demo.reference import load_reference


def test_the_demo_fills_the_2019_register_in_order_and_adds_nothing_twice(db: Any) -> None:
    result = load_reference()
    with acting_as(None, source="demo"):
        first = demo.load(result.root)
        second = demo.load(result.root)
    assert first == {"văn bản đến": len(demo.INCOMING), "văn bản đi": len(demo.OUTGOING)}
    assert not any(second.values())
    plans = Document.objects.filter(org=result.root, direction="di", doc_type="KH").order_by("date")
    assert [d.number for d in plans] == [1, 2, 3]  # numbered in date order within the term 2015–2020
    assert {d.issued_number.term for d in plans} == {"2015–2020"}  # type: ignore[union-attr]

    client = Client()
    client.force_login(User.objects.get(username="vanphong"))
    page = client.get(reverse("documents:document_list"), {"direction": "den", "date_from": "01/01/2019"})
    assert "21-HD/BTCTW" in page.content.decode() and "Ban Tổ chức Trung ương" in page.content.decode()
    observer = Client()
    observer.force_login(User.objects.get(username="quansat"))
    listed = observer.get(reverse("documents:document_list"), {"direction": "den"}).content.decode()
    assert "05-HD/ĐUK" in listed and "12-TB/ĐU" not in listed  # the secret notice stays with office and committee
