"""Uploaded files: size and type limits at the edge, and downloads only through checked views.

Types are judged by the file's first bytes as well as its name, so a renamed executable is refused.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

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


def attachment_response(file_field: object, *, download_name: str) -> FileResponse:
    """Serve a stored file. Call it only after the view has checked the user's access to its record."""
    content_type = mimetypes.guess_type(download_name)[0] or "application/octet-stream"
    response = FileResponse(file_field.open("rb"), as_attachment=True, filename=download_name)  # type: ignore[attr-defined]
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    return response
