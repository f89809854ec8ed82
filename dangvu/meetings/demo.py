"""Demo records of this app for the reference organization (called by `dangvu demo`).

The 2019 monthly meetings of every cell of Đảng bộ Tổng cục Giáo dục nghề nghiệp with their roll-call,
most prepared on time and some late; one cell misses a month (July) and one a thematic meeting (second
quarter), the weaknesses named at the 2019 review. Then the review conference of 17/01/2020 from the
seed article. Deterministic; natural keys (cell + time; organization + time; title) make a second run
add nothing.
"""

from __future__ import annotations

import datetime
import zoneinfo

from dangvu.core.models import Regulation, RuleSet
from dangvu.meetings import rule_data, services
from dangvu.meetings.models import (
    Attendance,
    Conclusion,
    Conference,
    ConferenceConclusion,
    ConferenceOpinion,
    ConferenceReport,
    Meeting,
    Minutes,
    Topic,
)
from dangvu.organization.models import Member, PartyOrg
from dangvu.planning.models import KeyTask

LABEL = "Sinh hoạt chi bộ, hội nghị 2019–2020"
YEAR = 2019
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
MISSING_MONTH = (1, 7)  # (cell index, month): no meeting at all that month
MISSING_THEMATIC = (2, 6)  # (cell index, month): the quarter's thematic meeting not held
THEMATIC_MONTHS = (3, 6, 9, 12)

TOPICS = [
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về nêu gương", "Chỉ thị 05-CT/TW gắn với nhiệm vụ"),
    ("Quán triệt Nghị quyết 19-NQ/TW về đổi mới hệ thống tổ chức và quản lý đơn vị sự nghiệp công lập", ""),
    ("Tự phê bình và phê bình theo Nghị quyết Trung ương 4 khóa XII", ""),
    ("Thực hành tiết kiệm, phòng chống tham nhũng, lãng phí trong cơ quan", ""),
]
REGULAR_TOPICS = [
    "Đánh giá kết quả tháng, nhiệm vụ tháng tới",
    "Triển khai văn bản của cấp trên; thu đảng phí",
    "Kiểm điểm việc thực hiện nhiệm vụ chuyên môn của đơn vị",
]
CONFERENCE_TITLE = "Hội nghị tổng kết công tác Đảng năm 2019, phương hướng, nhiệm vụ giải pháp trọng tâm năm 2020"
OPINIONS = [
    "Báo cáo tổng kết cần có thêm bài học kinh nghiệm rút ra trong công tác chỉ đạo, điều hành để nâng cao chất "
    "lượng đảng viên.",
    "Cần phong phú hơn hoạt động chuyên đề thực hiện các Nghị quyết, Kết luận của Trung ương Đảng.",
    "Tiếp tục đẩy mạnh phong trào thực hiện kỷ cương, trách nhiệm, hiệu quả trong hoạt động của Đảng bộ, cơ quan, "
    "từng đảng viên; tính nêu gương của đảng viên là rất quan trọng.",
]
CONCLUSIONS = [
    "Công tác Đảng năm 2019 cơ bản đạt kết quả tốt; công tác xây dựng Đảng cơ bản hoàn thành các mục tiêu.",
    "Công tác tự kiểm tra, giám sát tại chi bộ chưa được quan tâm thường xuyên; chế độ báo cáo của một số đơn vị "
    "còn chậm; nội dung sinh hoạt của một số chi bộ chưa được đổi mới, chưa được cấp ủy chuẩn bị kỹ.",
]
DIRECTIVES = [
    "Đề nghị các đơn vị thuộc Tổng cục khẩn trương xây dựng nhiệm vụ trọng tâm năm 2020 để đưa ra kế hoạch năm 2020.",
    "Đảng ủy Tổng cục tập trung làm tốt công tác cán bộ; phát huy hơn nữa công tác phối hợp với các đoàn thể.",
    "Tập trung kết nối giáo dục nghề nghiệp với doanh nghiệp; đào tạo chất lượng cao, phát triển nhân lực tay nghề "
    "cao, phát triển đội ngũ nhà giáo; lãnh đạo các cấp hết sức nêu gương.",
]
KEY_TASK_2020 = "Các đơn vị khẩn trương xây dựng nhiệm vụ trọng tâm năm 2020"


def _status(index: int, month: int, member: Member) -> tuple[str, str]:
    if member.is_exempt:
        return Attendance.Status.EXEMPT, ""
    # One member in a dozen or so is away on a given month, never the whole cell.
    if (index + month + member.pk) % 13 == 0:
        return Attendance.Status.EXCUSED, "Đi công tác"
    if (index + month + member.pk) % 29 == 0:
        return Attendance.Status.LATE, ""
    return Attendance.Status.PRESENT, ""


def _topics(root: PartyOrg) -> tuple[list[Topic], int]:
    topics, added = [], 0
    for title, description in TOPICS:
        topic = Topic.objects.filter(owner=root, title=title).first()
        if topic is None:
            topic = Topic.objects.create(owner=root, title=title, description=description)
            added += 1
        topics.append(topic)
    return topics, added


def _meetings(cells: list[PartyOrg], topics: list[Topic]) -> tuple[int, int]:
    meetings = attendances = 0
    for index, cell in enumerate(cells):
        roster = list(Member.objects.active().filter(cell=cell).order_by("sort_key"))
        existing = set(Meeting.objects.filter(org=cell, planned_at__year=YEAR).values_list("planned_at", flat=True))
        for month in range(1, 13):
            if (index, month) == MISSING_MONTH:
                continue
            planned = datetime.datetime(YEAR, month, 10 + index % 5, 14, 0, tzinfo=HCM)
            if planned in existing:
                continue
            thematic = month in THEMATIC_MONTHS and (index, month) != MISSING_THEMATIC
            kind = Meeting.Kind.COMBINED if thematic else Meeting.Kind.REGULAR
            topic = topics[(index + month) % len(topics)] if thematic else None
            meeting = services.meeting_create(
                org=cell,
                kind=kind,
                planned_at=planned,
                place="Phòng họp đơn vị",
                topic=topic.title if topic else REGULAR_TOPICS[month % len(REGULAR_TOPICS)],
                topic_ref=topic,
                chair=roster[0] if roster else None,
                secretary=roster[1] if len(roster) > 1 else None,
            )
            late = (index + month) % 6 == 0
            ahead = datetime.timedelta(days=1 if late else 5)
            services.meeting_mark_prepared(meeting=meeting, at=planned - ahead)
            minutes = 150 if thematic else 100
            services.meeting_mark_held(
                meeting=meeting, started_at=planned, ended_at=planned + datetime.timedelta(minutes=minutes)
            )
            rows = [(member, *_status(index, month, member)) for member in roster]
            Attendance.objects.bulk_create(
                Attendance(meeting=meeting, member=m, status=s, reason=r) for m, s, r in rows
            )
            Minutes.objects.create(
                meeting=meeting,
                opinions="Các đảng viên thống nhất với báo cáo; đề nghị chuẩn bị kỹ nội dung sinh hoạt.",
                status=Minutes.Status.APPROVED,
                approved_at=planned + datetime.timedelta(days=1),
            )
            Conclusion.objects.create(
                meeting=meeting,
                date=planned.date(),
                text="Thống nhất nhiệm vụ tháng tới; phân công đảng viên thực hiện.",
            )
            meetings += 1
            attendances += len(rows)
    return meetings, attendances


def _conference(root: PartyOrg) -> tuple[int, int]:
    held_at = datetime.datetime(2020, 1, 17, 14, 0, tzinfo=HCM)
    conference = Conference.objects.filter(org=root, held_at=held_at).first()
    added = linked = 0
    if conference is None:
        conference = services.conference_create(
            org=root,
            kind=Conference.Kind.YEARLY,
            title=CONFERENCE_TITLE,
            held_at=held_at,
            place="Hà Nội",
            chair="Nguyễn Hồng Minh, Bí thư Đảng ủy, Tổng Cục trưởng",
            agenda="Báo cáo tổng kết công tác Đảng năm 2019\nÝ kiến của đại biểu\nPhát biểu kết luận",
        )
        ConferenceReport.objects.create(
            conference=conference,
            presenter="Phí Mạnh Thắng, Phó Bí thư Đảng ủy",
            title="Báo cáo tổng kết công tác Đảng năm 2019, nhiệm vụ, giải pháp trọng tâm năm 2020",
        )
        for text in OPINIONS:
            ConferenceOpinion.objects.create(conference=conference, speaker="Đại biểu dự Hội nghị", text=text)
        for text in CONCLUSIONS:
            ConferenceConclusion.objects.create(conference=conference, text=text)
        for text in DIRECTIVES:
            ConferenceConclusion.objects.create(
                conference=conference, kind=ConferenceConclusion.Kind.DIRECTIVE, text=text
            )
        added = 1
    directive = conference.conclusions.filter(kind=ConferenceConclusion.Kind.DIRECTIVE).order_by("pk").first()
    task = KeyTask.objects.filter(title=KEY_TASK_2020).order_by("pk").first()
    if (
        directive is not None
        and task is not None
        and not (task.source_type_id is not None and isinstance(task.source, ConferenceConclusion))
    ):
        services.directive_to_task(item=directive, due_date=task.due_date, task=task)
        linked = 1
    return added, linked


def load(root: PartyOrg) -> dict[str, int]:
    """Create what is missing; return how many of each kind were added (nothing on a second run)."""
    rules = rule_data.install(Regulation, RuleSet)
    cells = list(PartyOrg.objects.active().filter(parent=root, kind=PartyOrg.Kind.CHI_BO).order_by("path"))
    topics, topics_added = _topics(root)
    meetings, attendances = _meetings(cells, topics)
    conferences, linked = _conference(root)
    return {
        "quy định sinh hoạt": rules,
        "chuyên đề": topics_added,
        "buổi sinh hoạt": meetings,
        "lượt điểm danh": attendances,
        "hội nghị": conferences,
        "chỉ đạo gắn nhiệm vụ": linked,
    }
