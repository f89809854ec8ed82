"""The report as files outside the browser: the command, and the DOCX turned into PDF by LibreOffice."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.core.management import CommandError, call_command

from dangvu.annual import exports, services
from dangvu.annual.models import AnnualReport
from dangvu.annual.tests.helpers import add_task, make_report
from dangvu.conftest import Cast


def test_the_command_writes_the_docx_and_its_annexes_and_refreshes_the_draft(cast: Cast, tmp_path: Path) -> None:
    add_task(cast.root, title="Nhiệm vụ trọng tâm của Đảng ủy")
    out = tmp_path / "bao-cao.docx"
    stdout = io.StringIO()
    call_command("report", "annual", "2019", "--org", str(cast.root.pk), "--output", str(out), stdout=stdout)
    assert "Báo cáo tổng kết năm 2019 của Đảng bộ Thử nghiệm" in stdout.getvalue()
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "triển khai 1 nhiệm vụ trọng tâm" in text
    assert openpyxl.load_workbook(out.with_suffix(".xlsx")).sheetnames[0] == "Nhiệm vụ"
    add_task(cast.cell_a, title="Nhiệm vụ thêm")
    call_command("report", "annual", "2019", "--org", str(cast.root.pk), "--output", str(out), stdout=io.StringIO())
    report = AnnualReport.objects.get()
    assert services.current_version(report).number == 2
    assert "triển khai 2 nhiệm vụ trọng tâm" in "\n".join(p.text for p in docx.Document(str(out)).paragraphs)


def test_the_command_refuses_a_year_without_data_in_vietnamese(cast: Cast, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Năm 2017 chưa có số liệu nào của Đảng bộ Thử nghiệm"):
        call_command("report", "annual", "2017", "--org", str(cast.root.pk), "--output", str(tmp_path / "x.docx"))
    assert not AnnualReport.objects.exists() and not (tmp_path / "x.docx").exists()


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=180).stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed (.ci/run installs it)")
def test_the_docx_converted_by_libreoffice_keeps_the_vietnamese_text_and_times_fonts(cast: Cast, tmp_path: Path) -> Any:
    report = make_report(cast.root)
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(exports.report_docx(report, services.current_version(report)))
    profile = tmp_path / "lo-profile"  # its own profile: another LibreOffice running does not block this one
    _run(
        "soffice",
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    )
    pdf = tmp_path / "bao-cao.pdf"
    text = " ".join(_run("pdftotext", "-layout", str(pdf), "-").split())
    for expected in (
        "Đảng ủy",
        "nhiệm vụ trọng tâm",
        "Tổng kết công tác xây dựng Đảng năm 2019",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
    ):
        assert expected in text, expected
    fonts = _run("pdffonts", str(pdf)).splitlines()[2:]
    names = {line.split()[0].split("+")[-1] for line in fonts if line.strip()}
    assert names and all(("Times" in n or "Liberation" in n) for n in names), names


def test_without_the_rating_app_the_report_says_so_plainly(cast: Cast, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "dangvu.rating.selectors", None)  # the import now fails
    report = make_report(cast.root)
    version = services.current_version(report)
    assert version.figures["ratings"] == {"available": False, "reason": "module"}
    assert "chức năng đánh giá, xếp loại chất lượng chưa được triển khai" in version.sections["results"]
    assert "Biểu 6" not in "\n".join(
        p.text for p in docx.Document(io.BytesIO(exports.report_docx(report, version))).paragraphs
    )
