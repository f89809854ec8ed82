"""Bad input on the intake page: a clear Vietnamese message, the person's text kept, nothing created, no crash."""

from __future__ import annotations

import io
import time
import zipfile

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dangvu.conftest import Cast
from dangvu.intake.models import IntakeDraft
from dangvu.intake.reading import MAX_FILE_BYTES, MAX_TEXT_CHARS
from dangvu.intake.tests.helpers import REFERENCE

TEXT = REFERENCE.read_text(encoding="utf-8")


def post(cast: Cast, **data: object) -> str:
    response = cast.client("office").post(reverse("intake:draft_create"), {"org": cast.root.pk, **data})
    assert response.status_code == 200, "a refused input stays on the form"
    assert not IntakeDraft.objects.exists()
    return response.content.decode()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def test_an_empty_text_is_refused(cast: Cast) -> None:
    assert "Văn bản trống" in post(cast, text="   \n  ")


def test_an_empty_file_is_refused(cast: Cast) -> None:
    assert "trống (0 byte)" in post(cast, file=upload("bien-ban.txt", b""))


def test_a_binary_file_is_refused(cast: Cast) -> None:
    body = post(cast, file=upload("bien-ban.txt", bytes(range(256)) * 40))
    assert "không phải văn bản UTF-8" in body


def test_a_file_over_the_limit_is_refused(cast: Cast) -> None:
    body = post(cast, file=upload("bien-ban.txt", ("Đảng bộ " * (MAX_FILE_BYTES // 8)).encode()))
    assert "quá lớn" in body and "2 MB" in body


def test_a_docx_that_is_not_a_zip_is_refused(cast: Cast) -> None:
    assert "không phải tài liệu Word .docx hợp lệ" in post(cast, file=upload("bien-ban.docx", b"PK\x03\x04 hong"))


def test_a_zip_without_a_word_document_is_refused(cast: Cast) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "xin chào")
    assert "không phải tài liệu Word .docx hợp lệ" in post(cast, file=upload("bien-ban.docx", buffer.getvalue()))


def test_another_kind_of_file_is_refused(cast: Cast) -> None:
    assert "chỉ nhận tệp .txt hoặc .docx" in post(cast, file=upload("bien-ban.pdf", b"%PDF-1.4"))


def test_a_text_without_vietnamese_is_refused_and_kept_in_the_form(cast: Cast) -> None:
    body = post(cast, text="The party committee held its annual review on 17/01/2020.")
    assert "Văn bản không có tiếng Việt" in body
    assert "The party committee held its annual review on 17/01/2020." in body


def test_text_and_file_together_are_refused(cast: Cast) -> None:
    body = post(cast, text=TEXT, file=upload("bai.txt", TEXT.encode()))
    assert "không dùng cả hai cùng lúc" in body


def test_a_one_megabyte_paste_is_refused_quickly_with_the_limit_named(cast: Cast) -> None:
    big = (TEXT + "\n") * (1_048_576 // len(TEXT) + 1)
    started = time.monotonic()
    body = post(cast, text=big)
    assert time.monotonic() - started < 5
    assert "Văn bản quá dài" in body and "100.000" in body
    assert TEXT[:200] in body  # the text stays in the form


def test_a_long_text_within_the_limit_is_read_and_shown(cast: Cast) -> None:
    long = "\n".join([TEXT] * (MAX_TEXT_CHARS // (len(TEXT) + 1)))
    assert len(long) <= MAX_TEXT_CHARS
    client = cast.client("office")
    started = time.monotonic()
    response = client.post(reverse("intake:draft_create"), {"org": cast.root.pk, "text": long}, follow=True)
    assert response.status_code == 200 and time.monotonic() - started < 20
    assert IntakeDraft.objects.get().source_text == long


def test_a_docx_of_the_reference_article_gives_the_same_proposals(cast: Cast) -> None:
    document = docx.Document()
    for paragraph in TEXT.split("\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    response = cast.client("office").post(
        reverse("intake:draft_create"), {"org": cast.root.pk, "file": upload("tong-ket-2019.docx", buffer.getvalue())}
    )
    assert response.status_code == 302
    draft = IntakeDraft.objects.get()
    assert draft.file_name == "tong-ket-2019.docx"
    assert draft.proposals["event"]["date"] == "2020-01-17"
    assert [p["name"] for p in draft.proposals["people"]] == ["Nguyễn Hồng Minh", "Phí Mạnh Thắng"]


def test_text_is_stored_exactly_as_given_in_nfc(cast: Cast) -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", TEXT)
    cast.client("office").post(reverse("intake:draft_create"), {"org": cast.root.pk, "text": "  " + decomposed})
    assert IntakeDraft.objects.get().source_text == "  " + TEXT


@pytest.mark.parametrize("role", ["inspection", "observer", "cell_secretary", "member", "outsider"])
def test_other_roles_cannot_take_in_a_report(cast: Cast, role: str) -> None:
    response = cast.client(role).post(reverse("intake:draft_create"), {"org": cast.root.pk, "text": TEXT})
    assert response.status_code == 403
    assert not IntakeDraft.objects.exists()


def test_the_office_cannot_file_a_draft_under_another_party_organization(cast: Cast) -> None:
    response = cast.client("office").post(reverse("intake:draft_create"), {"org": cast.other_root.pk, "text": TEXT})
    assert response.status_code == 200 and not IntakeDraft.objects.exists()


def test_the_command_refuses_a_binary_file_with_the_same_message(tmp_path: object) -> None:
    from pathlib import Path

    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = Path(str(tmp_path)) / "bien-ban.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(CommandError, match="không phải văn bản UTF-8"):
        call_command("intake", "extract", str(path))
