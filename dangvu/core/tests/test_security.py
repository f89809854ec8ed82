"""Abuse and hardening: headers, CSRF on every form, stored script payloads, session expiry."""

from __future__ import annotations

import datetime
import io

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document

from dangvu.conftest import Cast
from dangvu.organization.tests.test_access import MATRIX

pytestmark = pytest.mark.django_db
PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_every_page_sends_the_security_headers(cast: Cast) -> None:
    response = cast.client("office").get(reverse("organization:dashboard"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy.split("style-src-attr")[0]  # no inline scripts, no <style> blocks
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_login_page_sends_them_too(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert "Content-Security-Policy" in response and response["X-Frame-Options"] == "DENY"


# Every page of the role matrix that the office may use, posted without the CSRF token: refused before any view runs.
# (The JSON API authenticates by token, which a forged cross-site request cannot carry; its session POSTs check
# the token themselves: dangvu/api/tests/test_routes.py.)
POSTABLE = [
    name
    for name, (_method, _kwargs, expected) in MATRIX.items()
    if expected.get("office") in {200, 302} and not name.startswith("api:")
]


@pytest.mark.parametrize("name", POSTABLE)
def test_a_post_without_the_csrf_token_is_refused(cast: Cast, name: str) -> None:
    _method, kwargs, _expected = MATRIX[name]
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.users["office"])
    url = reverse(name, kwargs=kwargs(cast, True) if kwargs else None)
    response = client.post(url, {"name": "x"})
    assert response.status_code == 403, f"POST {url} without a CSRF token gave {response.status_code}"


def test_a_stored_script_shows_as_text_on_pages(cast: Cast) -> None:
    cast.member_b.full_name = PAYLOAD
    cast.member_b.save()
    client = cast.client("office")
    for url in [
        reverse("organization:member_list"),
        reverse("organization:member_detail", kwargs={"pk": cast.member_b.pk}),
        reverse("organization:org_detail", kwargs={"pk": cast.cell_b.pk}),
    ]:
        body = client.get(url).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body, url


def test_a_stored_script_in_an_organization_name_shows_as_text_in_the_filters(cast: Cast) -> None:
    cast.cell_b.name = PAYLOAD
    cast.cell_b.save()
    client = cast.client("office")
    for url in [reverse("organization:member_list"), reverse("planning:overview"), reverse("search:results")]:
        body = client.get(url, {"q": "x"} if "search" in url else None).content.decode()
        assert "<script>alert" not in body and "<img src=x" not in body, url
        indent = "\u2003" * (cast.cell_b.depth - cast.root.depth)
        assert f'<option value="{cast.cell_b.pk}">{indent}&lt;script&gt;alert(&quot;x&quot;)' in body, url


def test_a_stored_script_is_plain_text_in_a_generated_docx(cast: Cast) -> None:
    from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx

    document = PartyDocument(
        upper_body="",
        issuer="ĐẢNG ỦY",
        symbol="01-BC/ĐU",
        place="Hà Nội",
        date=datetime.date(2026, 3, 2),
        doc_type_name="BÁO CÁO",
        summary=PAYLOAD,
        sections=[Section(heading=PAYLOAD, paragraphs=[PAYLOAD])],
    )
    text = "\n".join(p.text for p in Document(io.BytesIO(build_party_docx(document))).paragraphs)
    assert PAYLOAD in text  # kept as the user typed it, never interpreted


def test_a_session_expires_after_the_working_day(cast: Cast) -> None:
    start = datetime.datetime(2026, 3, 2, 1, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        client = Client()
        login = {"username": "office", "password": "pw-test-123456"}
        assert client.post(reverse("accounts:login"), login).status_code == 302
        assert client.get(reverse("organization:dashboard")).status_code == 200
    with time_machine.travel(start + datetime.timedelta(hours=9), tick=False):
        response = client.get(reverse("organization:dashboard"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
