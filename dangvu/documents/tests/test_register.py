"""The register's numbering rules and bad input: what a clerk sees when issuing and entering documents."""

from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import connection

from dangvu.conftest import Cast
from dangvu.documents.models import Confidentiality, DocType, Document
from dangvu.documents.services import (
    document_archive,
    document_issue_outgoing,
    document_register_incoming,
    document_update,
)
from dangvu.documents.tests.helpers import incoming

D = datetime.date


MARCH = D(2019, 3, 1)


def issue(c: Cast, doc_type: str = DocType.KH, on: datetime.date = MARCH, **kw: Any) -> Document:
    return document_issue_outgoing(
        issuer=c.root, doc_type=doc_type, summary=kw.pop("summary", "Kế hoạch"), user=c.users["office"], date=on, **kw
    )


def test_outgoing_numbers_run_from_01_for_each_type(cast: Cast) -> None:
    symbols = [issue(cast).symbol, issue(cast).symbol, issue(cast, DocType.BC).symbol, issue(cast).symbol]
    assert symbols == ["01-KH/ĐU", "02-KH/ĐU", "01-BC/ĐU", "03-KH/ĐU"]
    document = Document.objects.get(symbol="02-KH/ĐU")
    assert document.number == 2 and document.issued_number is not None
    assert document.issued_number.symbol == "02-KH/ĐU" and document.issuer_name == "Đảng bộ Thử nghiệm"


def test_numbering_restarts_at_01_in_a_new_committee_term_not_a_new_year(cast: Cast) -> None:
    issue(cast, on=D(2019, 12, 30))
    assert issue(cast, on=D(2020, 1, 2)).symbol == "02-KH/ĐU"  # same term 2015–2020: a new year goes on
    assert issue(cast, on=D(2020, 7, 2)).symbol == "01-KH/ĐU"  # term 2020–2025 starts again


def test_secret_and_ordinary_documents_share_one_sequence(cast: Cast) -> None:
    ordinary = issue(cast)
    secret = issue(cast, confidentiality=Confidentiality.SECRET)
    top = issue(cast, confidentiality=Confidentiality.TOP_SECRET)
    assert [ordinary.symbol, secret.symbol, top.symbol] == ["01-KH/ĐU", "02-KH/ĐU", "03-KH/ĐU"]


def test_an_archived_number_is_never_issued_again(cast: Cast) -> None:
    first = issue(cast)
    document_archive(document=first, user=cast.users["office"])
    assert issue(cast).symbol == "02-KH/ĐU"
    assert Document.objects.filter(symbol="01-KH/ĐU").get().is_archived


def test_an_issued_number_type_and_date_never_change(cast: Cast) -> None:
    document = issue(cast)
    with pytest.raises(ValidationError, match="Không sửa được số"):
        document_update(document=document, user=cast.users["office"], symbol="07-KH/ĐU")
    document_update(document=document, user=cast.users["office"], summary="Kế hoạch kiểm tra năm 2019")
    document.refresh_from_db()
    assert document.symbol == "01-KH/ĐU" and document.summary == "Kế hoạch kiểm tra năm 2019"


def test_a_record_keeps_its_number_when_its_docx_is_made_again(cast: Cast) -> None:
    first = issue(cast, DocType.TB, links=(cast.cell_a,))
    again = issue(cast, DocType.TB, links=(cast.cell_a,))
    other = issue(cast, DocType.TB, links=(cast.cell_b,))
    assert again.pk == first.pk and first.symbol == "01-TB/ĐU" and other.symbol == "02-TB/ĐU"


@time_machine.travel(datetime.datetime(2019, 6, 1, 9, tzinfo=datetime.UTC), tick=False)
def test_a_date_in_the_future_is_refused_with_a_message(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Ngày văn bản 02/06/2019 ở tương lai"):
        issue(cast, on=D(2019, 6, 2))
    with pytest.raises(ValidationError, match="ở tương lai"):
        incoming(cast, date=D(2019, 12, 1))
    assert not Document.objects.exists()


def test_a_type_that_does_not_exist_is_refused_with_a_message(cast: Cast) -> None:
    with pytest.raises(ValidationError, match="Thể loại văn bản “XY” không có trong danh mục"):
        issue(cast, "XY")


def test_the_same_incoming_document_cannot_be_entered_twice(cast: Cast) -> None:
    incoming(cast, symbol="15-HD/ĐUK")
    with pytest.raises(ValidationError, match="Văn bản số 15-HD/ĐUK ngày 05/03/2019 của Đảng ủy Khối"):
        document_register_incoming(
            org=cast.root,
            doc_type=DocType.HD,
            symbol="Số: 15-HD/ĐUK",
            date=D(2019, 3, 5),
            issuer_name="ĐẢNG ỦY KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
            summary="Bản gửi lại",
            user=cast.users["office"],
        )
    # the same number from the same issuer on another date is another document
    assert incoming(cast, symbol="15-HD/ĐUK", date=D(2019, 3, 6)).number == 15


@pytest.mark.django_db(transaction=True)
def test_two_clerks_issuing_at_the_same_moment_get_consecutive_numbers(cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row lock is exercised on PostgreSQL")
    barrier = threading.Barrier(6)
    symbols: list[str] = []
    errors: list[BaseException] = []

    def clerk(n: int) -> None:
        try:
            barrier.wait()
            secret = Confidentiality.SECRET if n % 2 else Confidentiality.NORMAL
            symbols.append(issue(cast, DocType.TB, on=D(2019, 5, 1), confidentiality=secret).symbol)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(symbols) == [f"{n:02d}-TB/ĐU" for n in range(1, 7)]
    assert Document.objects.filter(doc_type=DocType.TB).count() == 6
