"""Văn bản of a synthetic province (`dangvu demo --members N`): enough register entries to measure search and the
register at the size of a province.

Each non-cell committee keeps both books for the last two years: incoming guidance from above and its own
outgoing plans, reports, notices and resolutions, numbered in order per type and term like the register would
(IssuedNumber + NumberSequence rows); each cell's book holds the documents it received. Bulk inserts: no audit
entries, no signals (the demo command rebuilds the search index afterwards). Deterministic: no randomness.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import transaction

from dangvu.core.aggregates import changed
from dangvu.documents.apps import TOPIC
from dangvu.documents.models import DocType, Document, IssuedNumber, NumberSequence
from dangvu.documents.services import issuer_abbr, term_label
from dangvu.organization.models import PartyOrg

BATCH = 2000

# (type, summary) of what a committee issues each year, in date order
OUTGOING = [
    (DocType.KH, "Kế hoạch công tác kiểm tra, giám sát năm {y}"),
    (DocType.NQ, "Nghị quyết lãnh đạo thực hiện nhiệm vụ chính trị năm {y}"),
    (DocType.BC, "Báo cáo sơ kết 6 tháng đầu năm {y}, phương hướng nhiệm vụ 6 tháng cuối năm"),
    (DocType.TB, "Thông báo kết luận của Ban Thường vụ về công tác sinh hoạt chi bộ"),
    (DocType.HD, "Hướng dẫn kiểm điểm, đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên năm {y}"),
    (DocType.BC, "Báo cáo tổng kết công tác xây dựng Đảng năm {y}"),
]
# (type, issuer, summary) of what every book receives from above each year
INCOMING = [
    (DocType.HD, "Ban Tổ chức Tỉnh ủy", "Hướng dẫn sinh hoạt chi bộ theo chuyên đề năm {y}"),
    (DocType.CT, "Tỉnh ủy", "Chỉ thị về tăng cường học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"),
    (DocType.KH, "Ủy ban Kiểm tra Tỉnh ủy", "Kế hoạch giám sát chuyên đề việc thực hiện chế độ báo cáo năm {y}"),
]
TEXT = (
    "{summary}. Căn cứ Điều lệ Đảng và các quy định của Trung ương, {issuer} đề nghị các cấp ủy, chi bộ quán triệt "
    "đầy đủ, xây dựng kế hoạch thực hiện, báo cáo kết quả đúng thời hạn; chú trọng đổi mới nội dung sinh hoạt chi "
    "bộ, tăng cường tự kiểm tra và đánh giá, xếp loại thực chất."
)


def load_province_documents(root: PartyOrg, *, years: tuple[int, ...]) -> int:
    """Add the documents of the province under `root` for `years`; return how many (nothing if it has some)."""
    orgs = list(PartyOrg.objects.active().filter(path__startswith=root.path).order_by("path"))
    if Document.objects.filter(org__path__startswith=root.path).exists():
        return 0
    added = 0
    with transaction.atomic():
        sequences: Counter[tuple[int, str, str]] = Counter()
        numbers: list[IssuedNumber] = []
        outgoing: list[Document] = []
        incoming: list[Document] = []
        for org in orgs:
            for year in years:
                for index, (doc_type, issuer, summary) in enumerate(INCOMING):
                    text = summary.format(y=year)
                    date = datetime.date(year, 2 + 3 * index, 10)
                    incoming.append(
                        Document(
                            org=org,
                            direction=Document.Direction.INCOMING,
                            doc_type=doc_type,
                            number=10 + index,
                            symbol=f"{10 + index}-{doc_type}/TU",
                            date=date,
                            issuer_name=issuer,
                            summary=text,
                            text=TEXT.format(summary=text, issuer=issuer),
                        )
                    )
                if org.is_cell:
                    continue
                for index, (doc_type, summary) in enumerate(OUTGOING):
                    date = datetime.date(year, 1 + 2 * index, 15)
                    term = term_label(date)
                    sequences[(org.pk, doc_type, term)] += 1
                    number = sequences[(org.pk, doc_type, term)]
                    symbol = f"{number:02d}-{doc_type}/{issuer_abbr(org)}"
                    text = summary.format(y=year)
                    numbers.append(
                        IssuedNumber(issuer=org, doc_type=doc_type, term=term, number=number, symbol=symbol, title=text)
                    )
                    outgoing.append(
                        Document(
                            org=org,
                            direction=Document.Direction.OUTGOING,
                            doc_type=doc_type,
                            number=number,
                            symbol=symbol,
                            date=date,
                            issuer_name=org.name,
                            recipients="Các chi bộ trực thuộc",
                            summary=text,
                            text=TEXT.format(summary=text, issuer=org.name),
                        )
                    )
        IssuedNumber.objects.bulk_create(numbers, batch_size=BATCH)
        for document, issued in zip(outgoing, numbers, strict=True):
            document.issued_number = issued
        Document.objects.bulk_create(outgoing + incoming, batch_size=BATCH)
        NumberSequence.objects.bulk_create(
            [
                NumberSequence(issuer_id=org_pk, doc_type=doc_type, term=term, last_number=last)
                for (org_pk, doc_type, term), last in sequences.items()
            ],
            batch_size=BATCH,
        )
        added = len(outgoing) + len(incoming)
        changed(TOPIC)  # bulk_create sends no signals: the register's cached total (core.aggregates)
    return added
