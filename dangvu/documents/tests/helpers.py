"""Register entries for tests: a normal incoming document in the Đảng ủy's register (inside the cast's scope) or in
the other Đảng bộ's (outside), with a small PDF attached."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document as Docx

from dangvu.conftest import Cast
from dangvu.documents import services
from dangvu.documents.models import Confidentiality, DocType, Document, DocumentFile


def docx_bytes(lines: list[str]) -> bytes:
    doc = Docx()
    for line in lines:
        doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def upload(name: str = "cv.docx", lines: list[str] | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, docx_bytes(lines or ["CÔNG VĂN", "V/v nộp báo cáo"]))


def incoming(
    c: Cast,
    *,
    inside: bool = True,
    symbol: str = "15-HD/ĐUK",
    confidentiality: str = Confidentiality.NORMAL,
    date: datetime.date = datetime.date(2019, 3, 5),
) -> Document:
    return services.document_register_incoming(
        org=c.root if inside else c.other_root,
        doc_type=DocType.HD,
        symbol=symbol,
        date=date,
        issuer_name="Đảng ủy Khối các cơ quan Trung ương",
        summary="Hướng dẫn kiểm điểm, đánh giá, xếp loại năm 2019",
        confidentiality=confidentiality,
        user=c.users["office"],
    )


def attached(c: Cast, *, inside: bool = True) -> DocumentFile:
    document = incoming(c, inside=inside)
    return services.file_upload(
        upload=upload("huong-dan.docx", ["HƯỚNG DẪN", "Kiểm điểm năm 2019"]), user=c.users["office"], document=document
    )
