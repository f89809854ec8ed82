"""Uploads are judged by content, not by name: lying extensions, broken office files and zip bombs are refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document
from openpyxl import Workbook

from dangvu.core.uploads import MAX_UNZIPPED_BYTES, validate_upload


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("Báo cáo của Chi bộ")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _xlsx() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def _refused(name: str, content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        validate_upload(SimpleUploadedFile(name, content))
    return caught.value.messages[0]


def test_real_office_files_are_accepted() -> None:
    validate_upload(SimpleUploadedFile("bao-cao.docx", _docx()))
    validate_upload(SimpleUploadedFile("danh-sach.xlsx", _xlsx()))


def test_a_file_with_a_lying_extension_is_refused() -> None:
    assert "không đúng với đuôi .docx" in _refused("bao-cao.docx", b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    assert "không đúng với đuôi .pdf" in _refused("bao-cao.pdf", b"MZ\x90\x00 an executable")


def test_a_zip_that_is_not_the_office_file_it_claims_is_refused() -> None:
    assert "không phải tệp DOCX hợp lệ" in _refused("bao-cao.docx", _xlsx())  # a workbook renamed .docx
    assert "không phải tệp DOCX hợp lệ" in _refused("bao-cao.docx", b"PK\x03\x04 but not a zip at all")
    assert "không phải tệp XLSX hợp lệ" in _refused("danh-sach.xlsx", _docx())


def test_a_zip_bomb_is_refused_before_anything_reads_it() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        with archive.open("word/media/zeros.bin", "w", force_zip64=True) as entry:
            chunk = b"\0" * (1 << 20)
            for _ in range(MAX_UNZIPPED_BYTES // len(chunk) + 8):
                entry.write(chunk)
    content = out.getvalue()
    assert len(content) < 1_000_000  # small on the wire
    assert "khi giải nén lớn tới" in _refused("bao-cao.docx", content)
