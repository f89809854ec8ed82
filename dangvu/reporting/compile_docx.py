"""The compiled report as a Party document (documents.docx_party), regenerated from the stored text."""

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext as _

from dangvu.documents.docx_party import PartyDocument, Section, build_party_docx
from dangvu.reporting.models import Compilation

ROMAN = ["I", "II", "III", "IV"]


def issuer_name(org_name: str) -> str:
    """The committee issues the document: "Đảng bộ X" -> "Đảng ủy X" (a cell issues in its own name)."""
    for prefix in ("Đảng bộ cơ sở ", "Đảng bộ "):
        if org_name.startswith(prefix):
            return "Đảng ủy " + org_name[len(prefix) :]
    return org_name


def compilation_docx(compilation: Compilation) -> bytes:
    org = compilation.org
    with translation.override("vi"):
        titles = [_("Kết quả"), _("Hạn chế"), _("Kiến nghị"), _("Phương hướng")]
        texts = [compilation.results, compilation.shortcomings, compilation.proposals, compilation.next_steps]
        sections = [
            Section(f"{ROMAN[i]}. {title}", [line for line in text.split("\n") if line.strip()])
            for i, (title, text) in enumerate(zip(titles, texts, strict=True))
        ]
        capacity = _("T/M CHI BỘ") if org.is_cell else _("T/M ĐẢNG ỦY")
        document = PartyDocument(
            upper_body=org.parent.name if org.parent_id and org.parent else "",
            issuer=issuer_name(org.name),
            symbol=compilation.symbol,
            place=compilation.place,
            date=compilation.issued_on,
            doc_type_name=_("Báo cáo"),
            summary=compilation.title,
            sections=sections,
            signer_capacity=capacity,
            signer_title=_("BÍ THƯ"),
            signer_name=compilation.signer,
            recipients=[line for line in compilation.recipients.split("\n") if line.strip()],
        )
    return build_party_docx(document)
