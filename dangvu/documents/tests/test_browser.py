"""A clerk registers an incoming document from its DOCX in a real browser (no JavaScript needed)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from dangvu.conftest import Cast, log_in, require_browser, screenshot

require_browser()

from playwright.sync_api import Browser, expect  # noqa: E402

from dangvu.documents.docx_party import PartyDocument, build_party_docx  # noqa: E402
from dangvu.documents.models import Document  # noqa: E402


def test_a_clerk_confirms_the_header_read_from_a_docx(
    cast: Cast, live_server: Any, browser: Browser, tmp_path: Path
) -> None:
    source = tmp_path / "ke-hoach-96.docx"
    source.write_bytes(
        build_party_docx(
            PartyDocument(
                upper_body="ĐẢNG BỘ KHỐI CÁC CƠ QUAN TRUNG ƯƠNG",
                issuer="ĐẢNG ỦY BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI",
                symbol="96-KH/ĐU",
                place="Hà Nội",
                date=datetime.date(2019, 11, 15),
                doc_type_name="Kế hoạch",
                summary="Kiểm điểm, đánh giá, xếp loại chất lượng năm 2019",
            )
        )
    )
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    log_in(page, live_server.url, "office")
    page.goto(f"{live_server.url}/documents/den/moi/")
    page.get_by_label("Tệp văn bản (DOCX hoặc PDF)").set_input_files(str(source))
    page.get_by_role("button", name="Đọc tệp").click()
    # expect() waits for the page the button loads; a plain read could still see the empty form
    expect(page.get_by_label("Số và ký hiệu")).to_have_value("96-KH/ĐU")
    expect(page.get_by_label("Ngày văn bản")).to_have_value("15/11/2019")
    expect(page.get_by_label("Cơ quan ban hành")).to_have_value("ĐẢNG ỦY BỘ LAO ĐỘNG – THƯƠNG BINH VÀ XÃ HỘI")
    screenshot(page, "documents-incoming-proposed")
    page.get_by_role("button", name="Vào sổ", exact=True).click()
    expect(page.get_by_text("Đã vào sổ văn bản đến 96-KH/ĐU")).to_be_visible()
    page.goto(f"{live_server.url}/documents/?direction=den")
    screenshot(page, "documents-register")
    expect(page.get_by_role("main")).to_contain_text("96-KH/ĐU")
    # The filter's select, date field and button line up: one height, one top edge.
    boxes = [page.get_by_label("Thể loại").bounding_box(), page.get_by_label("Từ ngày").bounding_box()]
    boxes.append(page.get_by_role("button", name="Lọc").bounding_box())
    assert all(b is not None for b in boxes)
    assert len({round(b["height"]) for b in boxes}) == 1 and len({round(b["y"]) for b in boxes}) == 1, boxes
    page.close()
    assert Document.objects.get().files.get().name == "ke-hoach-96.docx"
