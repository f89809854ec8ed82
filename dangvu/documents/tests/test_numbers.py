from __future__ import annotations

import datetime
import threading
from typing import Any

import pytest
from django.db import connection

from dangvu.conftest import Cast
from dangvu.documents.models import DocType, IssuedNumber
from dangvu.documents.services import number_issue, term_label


def test_numbers_run_per_type_and_never_repeat(cast: Cast) -> None:
    on = datetime.date(2020, 1, 17)
    first = number_issue(issuer=cast.root, doc_type=DocType.BC, title="Báo cáo tổng kết 2019", on=on)
    second = number_issue(issuer=cast.root, doc_type=DocType.BC, on=on)
    plan = number_issue(issuer=cast.root, doc_type=DocType.KH, on=on)
    cell = number_issue(issuer=cast.cell_a, doc_type=DocType.BC, on=on)
    assert [first.symbol, second.symbol, plan.symbol] == ["01-BC/ĐU", "02-BC/ĐU", "01-KH/ĐU"]
    assert cell.symbol == "01-BC/CB"


def test_numbering_restarts_with_the_committee_term(cast: Cast) -> None:
    assert term_label(datetime.date(2020, 1, 17)) == "2015–2020"
    assert term_label(datetime.date(2020, 7, 1)) == "2020–2025"
    number_issue(issuer=cast.root, doc_type=DocType.BC, on=datetime.date(2020, 6, 30))
    number_issue(issuer=cast.root, doc_type=DocType.BC, on=datetime.date(2020, 6, 30))
    assert number_issue(issuer=cast.root, doc_type=DocType.BC, on=datetime.date(2020, 7, 2)).symbol == "01-BC/ĐU"


@pytest.mark.django_db(transaction=True)
def test_two_clerks_at_the_same_moment_get_different_numbers(cast: Cast) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers itself; the row lock is exercised on PostgreSQL in CI")
    results: list[str] = []
    errors: list[Any] = []
    barrier = threading.Barrier(4)

    def clerk() -> None:
        try:
            barrier.wait()
            results.append(number_issue(issuer=cast.root, doc_type=DocType.TB).symbol)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=clerk) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert sorted(results) == ["01-TB/ĐU", "02-TB/ĐU", "03-TB/ĐU", "04-TB/ĐU"]
    assert IssuedNumber.objects.filter(doc_type=DocType.TB).count() == 4
