"""The cell's rating table on a phone-sized window: readable rows, no sideways scrolling, the step's button."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dangvu.conftest import Cast, assert_fits_phone, log_in, require_browser, screenshot

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402

from dangvu.core.audit import acting_as  # noqa: E402
from dangvu.core.models import Regulation, RuleSet  # noqa: E402
from dangvu.rating import rule_data  # noqa: E402
from dangvu.rating.tests.helpers import cycle, rating, run, self_assess  # noqa: E402


def test_the_cell_page_on_a_phone(cast: Cast, live_server: Any, browser: Browser) -> None:
    with acting_as(None, source="test"):
        rule_data.install(Regulation, RuleSet)  # live_server tests are transactional: the migration's rows are gone
    c = cycle(cast)
    run(rating(cast, cast.member_a), "httnv")
    self_assess(rating(cast), "htnv")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    log_in(page, live_server.url, "cell_secretary")
    page.goto(f"{live_server.url}{reverse('rating:cell_detail', args=[c.pk, cast.cell_a.pk])}")
    expect(page.get_by_role("heading", name="Chi bộ A")).to_be_visible()
    expect(page.get_by_text("Đặng Thị Lan")).to_be_visible()
    expect(page.get_by_role("link", name="Ghi đề nghị")).to_be_visible()
    assert_fits_phone(page)
    # The decided member has nothing left to do: their "Việc cần làm" shows a dash, not a bare label.
    todo = page.locator("td[data-label='Việc cần làm']").evaluate_all(
        "cells => cells.map(c => c.textContent.trim() || getComputedStyle(c, '::after').content)"
    )
    assert sorted(todo) == ['"—"', "Ghi đề nghị"], todo
    screenshot(page, "rating-cell-phone")
    page.get_by_role("link", name="Ghi đề nghị").click()
    expect(page.get_by_text("Căn cứ đánh giá")).to_be_visible()
    page.get_by_label("Nhận xét, góp ý của chi bộ").fill("Chi bộ nhất trí")
    page.get_by_label("Số phiếu tán thành").fill("2")
    page.get_by_label("Số phiếu không tán thành").fill("0")
    page.get_by_label("Chi bộ đề nghị mức xếp loại").select_option("htnv")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã ghi đề nghị của chi bộ.")).to_be_visible()
    screenshot(page, "rating-cell-phone-after-review")
    page.get_by_role("link", name="Đặng Thị Lan").click()
    expect(page.get_by_text("Chi bộ đề nghị", exact=True)).to_be_visible()
    assert_fits_phone(page)
    screenshot(page, "rating-detail-phone")
    page.close()
