"""Demo records of this app for the reference organization (called by `dangvu demo`, after the other apps).

The draft of the Đảng bộ's 2019 summary report, drawn from the demo year of the other apps. Idempotent: nothing
is added when the 2019 report exists.
"""

from __future__ import annotations

from dangvu.annual import services
from dangvu.annual.models import AnnualReport
from dangvu.organization.models import PartyOrg

LABEL = "Báo cáo tổng kết năm 2019"
YEAR = 2019


def load(root: PartyOrg) -> dict[str, int]:
    if AnnualReport.objects.filter(org=root, year=YEAR).exists():
        return {"báo cáo tổng kết": 0}
    services.report_create(org=root, year=YEAR)
    return {"báo cáo tổng kết": 1}
