"""Report periods and deadlines: pure date arithmetic, no database."""

from __future__ import annotations

import calendar
import datetime
from typing import NamedTuple

from django.utils.translation import gettext as _

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class Period(NamedTuple):
    start: datetime.date
    end: datetime.date
    label: str


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _day_in_month(year: int, month: int, day: int) -> datetime.date:
    """Day D of a month, or its last day when the month is shorter (D=31 in February)."""
    return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def periods_of_year(period_kind: str, year: int) -> list[Period]:
    """The periods of `year` for a periodic kind ("monthly", "quarterly", "six_monthly", "yearly")."""
    if period_kind == "monthly":
        return [
            Period(datetime.date(year, m, 1), _month_end(year, m), _("Tháng %(m)02d/%(y)d") % {"m": m, "y": year})
            for m in range(1, 13)
        ]
    if period_kind == "quarterly":
        return [
            Period(
                datetime.date(year, 3 * q - 2, 1),
                _month_end(year, 3 * q),
                _("Quý %(q)s/%(y)d") % {"q": ROMAN[q], "y": year},
            )
            for q in range(1, 5)
        ]
    if period_kind == "six_monthly":
        return [
            Period(datetime.date(year, 1, 1), datetime.date(year, 6, 30), _("6 tháng đầu năm %(y)d") % {"y": year}),
            Period(datetime.date(year, 7, 1), datetime.date(year, 12, 31), _("6 tháng cuối năm %(y)d") % {"y": year}),
        ]
    if period_kind == "yearly":
        return [Period(datetime.date(year, 1, 1), datetime.date(year, 12, 31), _("Năm %(y)d") % {"y": year})]
    return []


def due_date(rule: str, day: int, period_end: datetime.date) -> datetime.date:
    """The deadline of a period under a kind's rule (see ReportKind.DueRule)."""
    if rule == "day_next_month":
        nxt = period_end + datetime.timedelta(days=1)
        return _day_in_month(nxt.year, nxt.month, day)
    if rule == "day_last_month":
        return _day_in_month(period_end.year, period_end.month, day)
    if rule == "days_after_end":
        return period_end + datetime.timedelta(days=day)
    raise ValueError(rule)
