"""Demo records of this app for the reference organization (called by `dangvu demo`).

The 2019 year of the Đảng bộ Tổng cục Giáo dục nghề nghiệp: the committee's plan and one plan per cell,
with their key tasks and progress through the year; its 2020 plan with the key tasks that the review
conference of 17/01/2020 named (shared/seed); a few resolutions and directives with the tasks that carry
them out. Natural keys (plan: organization + year; task: plan + title; resolution: number) make a second
run add nothing. Everything is written through the services, so the audit trail is as in real use.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.utils import timezone

from dangvu.organization.models import Member, PartyOrg
from dangvu.planning import services
from dangvu.planning.models import AnnualPlan, KeyTask, Resolution

LABEL = "Kế hoạch 2019–2020"

Status = AnnualPlan.Status


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


RESOLUTIONS: list[dict[str, Any]] = [
    {
        "kind": "NQ",
        "number": "19-NQ/TW",
        "issued_on": datetime.date(2017, 10, 25),
        "issuer": "Ban Chấp hành Trung ương Đảng (khóa XII)",
        "title": "Về tiếp tục đổi mới hệ thống tổ chức và quản lý, nâng cao chất lượng và hiệu quả hoạt động của "
        "các đơn vị sự nghiệp công lập",
        "summary": "Sắp xếp, tổ chức lại các đơn vị sự nghiệp công lập; đẩy mạnh tự chủ; đổi mới cơ chế quản lý.",
        "tasks": [
            "Rà soát, sắp xếp các đơn vị sự nghiệp công lập trực thuộc Tổng cục theo Nghị quyết 19-NQ/TW",
            "Xây dựng lộ trình tự chủ của các cơ sở giáo dục nghề nghiệp công lập",
        ],
    },
    {
        "kind": "NQ",
        "number": "18-NQ/TW",
        "issued_on": datetime.date(2017, 10, 25),
        "issuer": "Ban Chấp hành Trung ương Đảng (khóa XII)",
        "title": "Một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, "
        "hoạt động hiệu lực, hiệu quả",
        "summary": "Sắp xếp tổ chức bộ máy tinh gọn, giảm đầu mối, tinh giản biên chế.",
        "tasks": ["Kiện toàn tổ chức bộ máy các vụ, đơn vị thuộc Tổng cục theo hướng tinh gọn"],
    },
    {
        "kind": "CT",
        "number": "05-CT/TW",
        "issued_on": datetime.date(2016, 5, 15),
        "issuer": "Bộ Chính trị",
        "title": "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "summary": "Đưa việc học tập và làm theo Bác thành việc làm thường xuyên của mỗi tổ chức đảng, đảng viên.",
        "tasks": ["Tổ chức học tập chuyên đề năm 2019 về tư tưởng, đạo đức, phong cách Hồ Chí Minh"],
    },
]

COMMITTEE_2019 = [
    "Lãnh đạo tạo sự bứt phá, chuyển biến mạnh mẽ về chất lượng, hiệu quả giáo dục nghề nghiệp",
    "Quán triệt, triển khai các nghị quyết, chỉ thị của Trung ương và Đảng ủy Khối",
    "Kiện toàn cấp ủy, củng cố tổ chức cơ sở đảng và đội ngũ đảng viên",
    "Thực hiện chương trình kiểm tra, giám sát năm 2019 của Đảng ủy",
]

COMMITTEE_2020 = [
    "Tiếp tục hoàn thiện thể chế quản lý về lĩnh vực giáo dục nghề nghiệp",
    "Tăng cường các hoạt động gắn kết giáo dục nghề nghiệp với doanh nghiệp, thị trường lao động",
    "Hoàn thiện các chuẩn về điều kiện đảm bảo chất lượng, tăng cường quản lý chất lượng giáo dục nghề nghiệp",
    "Nâng cao năng lực quản trị nhà trường",
    "Hoàn thiện quy hoạch mạng lưới cơ sở giáo dục nghề nghiệp",
    "Tập trung làm tốt công tác cán bộ",
    "Đào tạo chất lượng cao, phát triển nhân lực tay nghề cao, phát triển đội ngũ nhà giáo",
    "Các đơn vị khẩn trương xây dựng nhiệm vụ trọng tâm năm 2020",
]

CELL_TASKS = [
    "Xây dựng và thực hiện chương trình công tác năm của chi bộ",
    "Nâng cao chất lượng sinh hoạt chi bộ, sinh hoạt chuyên đề hằng quý",
    "Lãnh đạo đơn vị hoàn thành nhiệm vụ chuyên môn năm 2019",
    "Bồi dưỡng, giới thiệu quần chúng ưu tú để kết nạp Đảng",
    "Thực hiện công tác kiểm tra, giám sát đảng viên trong chi bộ",
    "Đánh giá, xếp loại chất lượng đảng viên cuối năm",
]
CHECKPOINTS = [
    datetime.date(2019, 3, 31),
    datetime.date(2019, 6, 30),
    datetime.date(2019, 9, 30),
    datetime.date(2019, 12, 10),
]


class _Loader:
    def __init__(self, root: PartyOrg) -> None:
        self.root = root
        self.added: Counter[str] = Counter()

    def plan(
        self, owner: PartyOrg, year: int, title: str, *, returned: bool = False, approve: bool = True
    ) -> AnnualPlan:
        existing = AnnualPlan.objects.filter(owner=owner, year=year).first()
        if existing is not None:
            return existing
        plan = services.plan_create(owner=owner, year=year, title=title)
        self.added["kế hoạch"] += 1
        if owner != self.root or approve:
            submitted = datetime.date(year - 1, 12, 20) if year == 2019 else datetime.date(year, 1, 20)
            services.plan_submit(plan=plan, user=None, at=_at(submitted))
            if returned:
                services.plan_return(
                    plan=plan,
                    user=None,
                    comment="Đề nghị bổ sung chỉ tiêu cụ thể và thời hạn cho từng nhiệm vụ.",
                    at=_at(submitted + datetime.timedelta(days=5)),
                )
                services.plan_submit(plan=plan, user=None, at=_at(submitted + datetime.timedelta(days=10)))
            if approve:
                services.plan_approve(plan=plan, user=None, at=_at(submitted + datetime.timedelta(days=15)))
        return plan

    def task(self, plan: AnnualPlan, org: PartyOrg, title: str, **fields: Any) -> KeyTask | None:
        if KeyTask.objects.filter(plan=plan, title=title).exists():
            return None
        fields.setdefault("start_date", datetime.date(plan.year, 1, 15))
        fields.setdefault("due_date", datetime.date(plan.year, 12, 15))
        task = services.task_create(org=org, plan=plan, title=title, **fields)
        self.added["nhiệm vụ"] += 1
        return task

    def progress(self, task: KeyTask | None, percents: list[int], status: str = "") -> None:
        if task is None:
            return
        for index, (day, percent) in enumerate(zip(CHECKPOINTS, percents, strict=False)):
            last = index == len(percents) - 1
            services.progress_add(
                task=task,
                user=None,
                date=day,
                percent=percent,
                note="Đã hoàn thành." if percent == 100 else "Đang triển khai theo kế hoạch.",
                status=status if last else "",
            )
            self.added["cập nhật tiến độ"] += 1

    def resolution(self, spec: dict[str, Any]) -> Resolution:
        existing = Resolution.objects.filter(owner=self.root, number=spec["number"]).first()
        if existing is not None:
            return existing
        fields = {k: v for k, v in spec.items() if k != "tasks"}
        self.added["văn bản trong sổ nghị quyết"] += 1
        return services.resolution_create(owner=self.root, **fields)


def _lead(org: PartyOrg, name: str = "") -> Member | None:
    members = Member.objects.active().filter(cell__path__startswith=org.path).order_by("pk")
    if name:
        return members.filter(full_name=name).first() or members.first()
    return members.first()


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many of each kind were added (nothing on a second run)."""
    loader = _Loader(root)
    cells = list(root.children.filter(kind=PartyOrg.Kind.CHI_BO, archived_at__isnull=True).order_by("path"))
    secretary = _lead(root, "Nguyễn Hồng Minh")
    deputy = _lead(root, "Phí Mạnh Thắng")

    committee_2019 = loader.plan(root, 2019, "Kế hoạch công tác năm 2019 của Đảng ủy Tổng cục")
    for i, title in enumerate(COMMITTEE_2019):
        task = loader.task(committee_2019, root, title, lead=secretary if i == 0 else deputy, weight=3 if i == 0 else 2)
        loader.progress(task, [25, 50, 80, 100])
    for spec in RESOLUTIONS:
        resolution = loader.resolution(spec)
        for title in spec["tasks"]:
            task = loader.task(committee_2019, root, title, source=resolution, lead=deputy, priority="high")
            loader.progress(task, [20, 45, 70, 100] if "tự chủ" not in title else [20, 40, 60])

    for index, cell in enumerate(cells):
        plan = loader.plan(cell, 2019, f"Kế hoạch công tác năm 2019 của {cell.name}", returned=index == 1)
        lead = _lead(cell)
        for j, title in enumerate(CELL_TASKS[: 3 + index % 4]):
            kind = (index * 7 + j) % 10
            due = datetime.date(2019, 6, 30) if j == 1 else datetime.date(2019, 12, 15)
            task = loader.task(
                plan,
                cell,
                title,
                lead=lead,
                due_date=due,
                weight=2 if j == 2 else 1,
                gov_units=list(cell.gov_units.all()),
            )
            if kind == 0:
                loader.progress(task, [30, 60, 70])  # stalled: overdue
            elif kind == 1:
                loader.progress(task, [20, 40], status=KeyTask.Status.PAUSED)
            else:
                loader.progress(task, [40, 100] if j == 1 else [30, 60, 90, 100])

    committee_2020 = loader.plan(root, 2020, "Kế hoạch công tác năm 2020 của Đảng ủy Tổng cục")
    for i, title in enumerate(COMMITTEE_2020):
        due = datetime.date(2020, 2, 28) if i == len(COMMITTEE_2020) - 1 else datetime.date(2020, 12, 15)
        loader.task(
            committee_2020,
            root,
            title,
            lead=secretary if i in (0, 5) else deputy,
            start_date=datetime.date(2020, 1, 17),
            due_date=due,
            priority="high" if i < 3 else "normal",
            weight=3 if i < 3 else 2,
            party_orgs=cells
            if i == len(COMMITTEE_2020) - 1
            else cells[i % max(len(cells), 1) : i % max(len(cells), 1) + 2],
        )
    return dict(loader.added)
