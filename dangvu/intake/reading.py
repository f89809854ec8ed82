"""Reading the source of an intake: a pasted text or an uploaded .txt / .docx, refused with a clear message.

Shared by the page and the `dangvu intake extract` command. Every refusal is a ValidationError in Vietnamese;
nothing here raises anything else for bad input, so a hostile file cannot take the server down.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from dangvu.lib.vn_text import nfc

# An article is 5–20 thousand characters, a set of minutes rarely more than 50 thousand: 200 thousand leaves room
# and keeps the review page (every proposal in a form beside the text) usable. Larger texts are refused.
MAX_TEXT_CHARS = 100_000
MAX_FILE_BYTES = 2 * 1024 * 1024
# word/document.xml of a .docx is compressed; refuse one that would inflate past this (a "zip bomb").
MAX_DOCX_XML_BYTES = 30 * 1024 * 1024
ALLOWED_SUFFIXES = (".txt", ".docx")

# Letters that exist only in Vietnamese writing (and đ): a text without any is not Vietnamese with diacritics.
_VIETNAMESE = re.compile(r"[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.IGNORECASE)


def check_text(text: str) -> str:
    """The text NFC-normalised, or a ValidationError: empty, too long, binary, or not Vietnamese."""
    text = nfc(text or "")
    if not text.strip():
        raise ValidationError(_("Văn bản trống: hãy dán nội dung bài viết, biên bản hoặc chọn tệp."))
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(
            _("Văn bản quá dài (%(n)s ký tự): chỉ nhận tới %(max)s ký tự một lần. Hãy tách thành nhiều phần.")
            % {"n": f"{len(text):,}".replace(",", "."), "max": f"{MAX_TEXT_CHARS:,}".replace(",", ".")}
        )
    if "\x00" in text:
        raise ValidationError(_("Nội dung có ký tự nhị phân: đây không phải văn bản."))
    if not _VIETNAMESE.search(text):
        raise ValidationError(
            _("Văn bản không có tiếng Việt (không có chữ nào có dấu): hãy dán bài viết, biên bản tiếng Việt có dấu.")
        )
    return text


def read_bytes(data: bytes, name: str) -> str:
    """The text of a .txt (UTF-8) or .docx file given as bytes, NFC-normalised; ValidationError if unreadable."""
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise ValidationError(_("Không nhận tệp “%(name)s”: chỉ nhận tệp .txt hoặc .docx.") % {"name": name})
    if not data:
        raise ValidationError(_("Tệp “%(name)s” trống (0 byte).") % {"name": name})
    if len(data) > MAX_FILE_BYTES:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size).1f MB): chỉ nhận tệp tới %(max)d MB.")
            % {"name": name, "size": len(data) / 1048576, "max": MAX_FILE_BYTES // 1048576}
        )
    if suffix == ".docx":
        return _read_docx(data, name)
    try:
        return nfc(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ValidationError(
            _("Tệp “%(name)s” không phải văn bản UTF-8 (có thể là tệp nhị phân).") % {"name": name}
        ) from None


def _read_docx(data: bytes, name: str) -> str:
    not_word = _("Tệp “%(name)s” không phải tài liệu Word .docx hợp lệ.") % {"name": name}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ValidationError(not_word) from None
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise ValidationError(not_word)
    import docx  # python-docx: imported here so that .txt works without it

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a damaged package; all mean the same to the user
        raise ValidationError(not_word) from None
    return nfc("\n".join(paragraph.text for paragraph in document.paragraphs))


def read_path(path: Path) -> str:
    """The command's reading: the same checks as the page's upload, on a file of the disk."""
    return read_bytes(path.read_bytes(), path.name)
