"""Demo records of the document register for the reference organization (called by `dangvu demo`).

The Đảng ủy's 2019 register: documents received from the upper committees (Đảng ủy Bộ, Đảng ủy Khối các cơ quan
Trung ương, guidance of the Ban Tổ chức Trung ương) and the Đảng ủy's own plans, resolutions, reports and notices,
numbered in date order by the register and linked to the demo's plan, inspection program and review conference when
they exist. An entry is added only when missing (same register, type and summary): a second run adds nothing.
Deterministic: fixed dates, no randomness. The numbers and dates are illustrative, not the real 2019 documents.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Model

from dangvu.documents import services
from dangvu.documents.models import Confidentiality, Document
from dangvu.organization.models import PartyOrg, RoleAssignment

LABEL = "Sổ đăng ký văn bản 2019"
D = datetime.date
MAT = Confidentiality.SECRET

BO = "Đảng ủy Bộ Lao động – Thương binh và Xã hội"
KHOI = "Đảng ủy Khối các cơ quan Trung ương"
BTC = "Ban Tổ chức Trung ương"

# (symbol, date, issuer, type, summary, confidentiality)
INCOMING: list[tuple[str, datetime.date, str, str, str, str]] = [
    ("42-KH/ĐUK", D(2019, 1, 8), KHOI, "KH", "Kế hoạch công tác kiểm tra, giám sát năm 2019", "thuong"),
    ("03-CT/ĐU", D(2019, 1, 14), BO, "CT", "Về lãnh đạo thực hiện nhiệm vụ chính trị năm 2019", "thuong"),
    (
        "05-HD/ĐUK",
        D(2019, 3, 12),
        KHOI,
        "HD",
        "Hướng dẫn tổ chức sinh hoạt chuyên đề của chi bộ năm 2019",
        "thuong",
    ),
    ("118-CV/ĐU", D(2019, 6, 10), BO, "CV", "V/v báo cáo sơ kết 6 tháng đầu năm 2019", "thuong"),
    (
        "21-HD/BTCTW",
        D(2019, 10, 2),
        BTC,
        "HD",
        "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng hằng năm đối với tập thể, cá nhân trong hệ thống chính trị",
        "thuong",
    ),
    (
        "96-KH/ĐU",
        D(2019, 11, 15),
        BO,
        "KH",
        "Kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng, đảng viên năm 2019",
        "thuong",
    ),
    ("12-TB/ĐU", D(2019, 12, 2), BO, "TB", "Thông báo kết quả kiểm tra dấu hiệu vi phạm đối với đảng viên", MAT),
    ("135-CV/ĐUK", D(2019, 12, 16), KHOI, "CV", "V/v chuẩn bị đại hội đảng bộ cơ sở nhiệm kỳ 2020–2025", "thuong"),
]

# (type, date, summary, recipients, confidentiality, link key)
OUTGOING: list[tuple[str, datetime.date, str, str, str, str]] = [
    (
        "NQ",
        D(2019, 1, 21),
        "Nghị quyết về nhiệm vụ công tác xây dựng Đảng năm 2019",
        "Các chi bộ trực thuộc",
        "thuong",
        "",
    ),
    ("KH", D(2019, 1, 25), "Kế hoạch công tác Đảng năm 2019", "Các chi bộ trực thuộc", "thuong", "plan"),
    ("KH", D(2019, 2, 20), "Kế hoạch kiểm tra, giám sát năm 2019", "Các chi bộ trực thuộc", "thuong", "program"),
    ("TB", D(2019, 3, 5), "Thông báo phân công nhiệm vụ các đồng chí cấp ủy viên", "Các cấp ủy viên", "thuong", ""),
    ("BC", D(2019, 6, 25), "Báo cáo sơ kết công tác Đảng 6 tháng đầu năm 2019", BO, "thuong", ""),
    ("CV", D(2019, 8, 15), "V/v đôn đốc các chi bộ nộp báo cáo tháng đúng hạn", "Các chi bộ trực thuộc", "thuong", ""),
    (
        "KH",
        D(2019, 11, 25),
        "Kế hoạch kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm 2019",
        "Các chi bộ trực thuộc",
        "thuong",
        "",
    ),
    (
        "TB",
        D(2019, 12, 20),
        "Thông báo kết luận kiểm tra đảng viên khi có dấu hiệu vi phạm",
        "Đảng viên liên quan",
        MAT,
        "",
    ),
    (
        "QĐ",
        D(2019, 12, 27),
        "Quyết định thành lập Tiểu ban Văn kiện Đại hội Đảng bộ lần thứ VI, nhiệm kỳ 2020–2025",
        "Các đồng chí có tên",
        "thuong",
        "",
    ),
    (
        "BC",
        D(2020, 1, 10),
        "Báo cáo tổng kết công tác xây dựng Đảng năm 2019, phương hướng, nhiệm vụ năm 2020",
        f"{BO}\nCác chi bộ trực thuộc",
        "thuong",
        "conference",
    ),
]


def _office(root: PartyOrg) -> Any:
    ra = RoleAssignment.objects.active().filter(role=RoleAssignment.Role.OFFICE, org=root).select_related("user")
    first = ra.first()
    return first.user if first else None


def _records(root: PartyOrg) -> dict[str, Model | None]:
    """The demo's records the register links to, found by their natural keys (None when that app has none)."""
    from dangvu.meetings.models import Conference
    from dangvu.planning.models import AnnualPlan
    from dangvu.supervision.models import Program

    return {
        "plan": AnnualPlan.objects.filter(owner=root, year=2019).first(),
        "program": Program.objects.filter(org=root, year=2019, body=Program.Body.COMMITTEE).first(),
        "conference": Conference.objects.filter(org=root, held_at__year=2020).order_by("held_at").first(),
    }


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many entries of each register were added (nothing on a second run)."""
    counter: Counter[str] = Counter()
    office = _office(root)
    existing = set(Document.objects.filter(org=root).values_list("direction", "doc_type", "summary"))
    for symbol, date, issuer, doc_type, summary, secrecy in INCOMING:
        if (Document.Direction.INCOMING, doc_type, summary) in existing:
            continue
        services.document_register_incoming(
            org=root,
            doc_type=doc_type,
            symbol=symbol,
            date=date,
            issuer_name=issuer,
            summary=summary,
            recipients=root.name,
            confidentiality=secrecy,
            user=office,
        )
        counter["văn bản đến"] += 1
    records = _records(root)
    for doc_type, date, summary, recipients, secrecy, link in OUTGOING:
        if (Document.Direction.OUTGOING, doc_type, summary) in existing:
            continue
        target = records.get(link) if link else None
        services.document_issue_outgoing(
            issuer=root,
            doc_type=doc_type,
            summary=summary,
            date=date,
            recipients=recipients,
            confidentiality=secrecy,
            links=(target,) if target is not None else (),
            user=office,
        )
        counter["văn bản đi"] += 1
    return dict(counter)
