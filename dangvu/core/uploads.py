"""Uploaded files: size and type limits at the edge, and downloads only through checked views.

Types are judged by the file's first bytes as well as its name, so a renamed executable is refused.
"""

from __future__ import annotations

import mimetypes
import zipfile
from pathlib import Path
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from django.utils.translation import gettext as _

# extension -> the magic bytes its content must start with (None: any text, checked as UTF-8)
ALLOWED_TYPES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".txt": None,
    ".csv": None,
}

# Office files are zips: the part that makes each one what it claims to be.
ZIP_MAIN_PART = {
    ".docx": "word/document.xml",
    ".xlsx": "xl/workbook.xml",
    ".pptx": "ppt/presentation.xml",
    ".odt": "content.xml",
    ".ods": "content.xml",
}
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024  # a small upload must not expand into gigabytes when read (zip bomb)


def validate_upload(upload: UploadedFile, *, allowed: tuple[str, ...] | None = None) -> None:
    """Refuse a file that is too large, of a forbidden type, or whose content does not match its name."""
    name = upload.name or ""
    limit = settings.DANGVU_MAX_UPLOAD_BYTES
    if (upload.size or 0) > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB): chỉ nhận tệp tới %(max)d MB.")
            % {"name": name, "size": (upload.size or 0) / 1048576, "max": limit // 1048576}
        )
    if not upload.size:
        raise ValidationError(_("Tệp “%(name)s” trống (0 byte).") % {"name": name})
    extension = Path(name).suffix.lower()
    kinds = allowed or tuple(ALLOWED_TYPES)
    if extension not in kinds or extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Không nhận tệp “%(name)s”: chỉ nhận các loại %(types)s.") % {"name": name, "types": ", ".join(kinds)}
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = ALLOWED_TYPES[extension]
    if signatures is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # a multi-byte character cut at 2048 bytes is still text
            if exc.start < len(head) - 4:
                raise ValidationError(_("Tệp “%(name)s” không phải văn bản UTF-8.") % {"name": name}) from None
    elif not head.startswith(signatures):
        raise ValidationError(
            _("Nội dung tệp “%(name)s” không đúng với đuôi %(ext)s: tệp có thể bị đổi tên hoặc hỏng.")
            % {"name": name, "ext": extension}
        )
    if extension in ZIP_MAIN_PART:
        _check_zip(upload, name, extension)


def zip_contents(upload: IO[bytes]) -> tuple[set[str], int]:
    """The names a zip (an office file) holds and the size they unzip to; (set(), 0) if it is no zip.

    zipfile never reads past an entry's declared size, so the declared sizes can be trusted."""
    try:
        with zipfile.ZipFile(upload) as archive:
            return set(archive.namelist()), sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return set(), 0
    finally:
        upload.seek(0)


def _check_zip(upload: UploadedFile, name: str, extension: str) -> None:
    """The zip opens, holds the part its extension promises, and does not expand beyond the limit."""
    names, unzipped = zip_contents(upload)
    if ZIP_MAIN_PART[extension] not in names:
        raise ValidationError(
            _("Tệp “%(name)s” không phải tệp %(ext)s hợp lệ: không mở được hoặc thiếu nội dung chính.")
            % {"name": name, "ext": extension.lstrip(".").upper()}
        )
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” khi giải nén lớn tới %(size)d MB (giới hạn %(max)d MB): không nhận.")
            % {"name": name, "size": unzipped // 1048576, "max": MAX_UNZIPPED_BYTES // 1048576}
        )


def attachment_response(file_field: object, *, download_name: str) -> FileResponse:
    """Serve a stored file. Call it only after the view has checked the user's access to its record."""
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=download_name)  # type: ignore[attr-defined]
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
