"""Writes of the yearly rating. Each service is one transaction; steps go in order and the rules of the cycle's
regulation (levels, top-level quota, discipline cap, 100-point bands) are enforced with a message that names them.

Who may take a step is decided by rating.access, asked by the views before they call these services.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from dangvu.core.models import RuleSet
from dangvu.core.rules import rules_in_force
from dangvu.lib.vn_text import clean
from dangvu.organization.models import Member, PartyOrg
from dangvu.rating.models import (
    STEP_ORDER,
    CollectiveRating,
    Commitment,
    Level,
    MemberRating,
    RatingCycle,
    Step,
    level_rank,
)

SELF_TEXT_FIELDS = (
    "politics",
    "ethics",
    "discipline",
    "duties",
    "commitment_result",
    "shortcomings",
    "remedies",
    "plan",
)


def rule_on_year(year: int) -> RuleSet:
    """The rating rule a cycle of `year` follows: the one in force on 31/12 of that year."""
    return rules_in_force(RuleSet.Kind.RATING, datetime.date(year, 12, 31))


def rule_name(rule: RuleSet) -> str:
    return str(rule.params.get("name") or f"Quy định {rule.regulation.code}")


def _label(level: str) -> str:
    return str(Level(level).label)


def _text(value: str) -> str:
    return clean(value or "")


def _position(member: Member) -> str:
    titles = [p.title_text or p.get_title_display() for p in member.positions.all() if p.end_date is None]
    return "; ".join(titles)[:255]


@transaction.atomic
def cycle_open(
    *,
    org: PartyOrg,
    year: int,
    self_from: datetime.date,
    self_to: datetime.date,
    cell_review_by: datetime.date,
    decision_by: datetime.date,
    by: Any = None,
) -> RatingCycle:
    """Mở đợt: the office opens the year's cycle; every active member who is not exempt gets a rating row, every
    cell and the organization itself a collective rating row."""
    if not self_from <= self_to <= cell_review_by <= decision_by:
        raise ValidationError(
            _("Các mốc thời gian phải theo thứ tự: tự kiểm điểm từ, đến, chi bộ kiểm điểm, cấp ủy quyết định.")
        )
    if RatingCycle.objects.filter(org=org, year=year).exists():
        raise ValidationError(_("%(o)s đã có đợt xếp loại năm %(y)s.") % {"o": org.name, "y": year})
    cycle = RatingCycle(
        org=org,
        year=year,
        rule=rule_on_year(year),
        self_from=self_from,
        self_to=self_to,
        cell_review_by=cell_review_by,
        decision_by=decision_by,
        opened_by=by,
    )
    cycle.full_clean()
    cycle.save()
    # Not rated (HD 21/2019): members exempt from work and meetings.
    members = (
        Member.objects.active()
        .filter(cell__path__startswith=org.path, status__in=Member.ACTIVE_STATUSES, is_exempt=False)
        .select_related("cell")
        .prefetch_related("positions")
        .order_by("cell__path", "sort_key")
    )
    for member in members:
        MemberRating.objects.create(cycle=cycle, member=member, cell=member.cell, position=_position(member))
    cells = PartyOrg.objects.active().filter(path__startswith=org.path).order_by("path")
    for unit in cells:
        if unit.pk == org.pk or unit.kind in PartyOrg.CELL_KINDS:
            CollectiveRating.objects.create(cycle=cycle, org=unit)
    return cycle


@transaction.atomic
def cycle_close(*, cycle: RatingCycle, on: datetime.date) -> RatingCycle:
    if not cycle.is_open:
        raise ValidationError(_("Đợt xếp loại đã kết thúc."))
    cycle.state = RatingCycle.State.CLOSED
    cycle.closed_on = on
    cycle.save()
    return cycle


def _check_open(cycle: RatingCycle) -> None:
    if not cycle.is_open:
        raise ValidationError(_("Đợt xếp loại đã kết thúc: không sửa được nữa."))


def _check_step(current: str, wanted: str) -> None:
    """`wanted` may follow the step before it, or be taken again while the next step is not taken yet."""
    before = STEP_ORDER[STEP_ORDER.index(wanted) - 1]
    if current in (before, wanted):
        return
    if STEP_ORDER.index(current) < STEP_ORDER.index(before):
        messages: dict[str, str] = {
            Step.CELL: _("Chưa thể đề nghị: đảng viên chưa nộp bản tự kiểm điểm."),
            Step.DECIDED: _("Chưa thể quyết định: chi bộ chưa kiểm điểm và đề nghị mức xếp loại."),
        }
        raise ValidationError(messages.get(wanted, _("Chưa đến bước này.")))
    raise ValidationError(
        _("Bước này đã xong và bước sau đã được thực hiện (%(s)s): không sửa được nữa.") % {"s": Step(current).label}
    )


def _check_date(on: datetime.date, after: datetime.date | None, what: str) -> None:
    if after is not None and on < after:
        raise ValidationError(
            _("Ngày %(w)s (%(d)s) không được trước ngày của bước trước (%(a)s).")
            % {"w": what, "d": f"{on:%d/%m/%Y}", "a": f"{after:%d/%m/%Y}"}
        )


def _check_level(rule: dict[str, Any], level: str, score: int | None, disciplined: bool, who: str) -> None:
    if not level:
        raise ValidationError(_("Chọn mức xếp loại."))
    bands = rule.get("score_bands")
    name = rule.get("name", "")
    if bands:
        if score is None:
            raise ValidationError(_("%(r)s chấm theo thang điểm 100: nhập số điểm.") % {"r": name})
        allowed = next(lv for lv in rule["levels"] if score >= bands[lv])
        if level_rank(level) < level_rank(allowed):
            raise ValidationError(
                _("%(w)s %(s)s điểm chỉ được xếp loại từ '%(a)s' trở xuống (mức '%(l)s' cần từ %(m)s điểm) theo %(r)s.")
                % {"w": who, "s": score, "a": _label(allowed), "l": _label(level), "m": bands[level], "r": name}
            )
    cap = rule.get("disciplined_max_level")
    if disciplined and cap and level_rank(level) < level_rank(cap):
        raise ValidationError(
            _("Đảng viên bị kỷ luật trong năm không được xếp loại cao hơn '%(c)s' theo %(r)s.")
            % {"c": _label(cap), "r": name}
        )


def _check_quota(rule: dict[str, Any], counts: dict[str, int], subject: str) -> None:
    """counts: level -> number, including the change being made."""
    top = rule.get("top_level", Level.EXCELLENT)
    pct = rule.get("top_quota_pct")
    if pct is None:
        return
    base_levels = rule.get("quota_base") or [Level.GOOD]
    base = sum(counts.get(lv, 0) for lv in base_levels)
    limit = base * int(pct) // 100
    n_top = counts.get(top, 0)
    if n_top > limit:
        base_label = " / ".join(f"'{_label(lv)}'" for lv in base_levels)
        raise ValidationError(
            _(
                "Số %(who)s xếp loại '%(top)s' (%(n)s) vượt %(pct)s%% số được xếp loại %(base)s "
                "(%(limit)s tối đa, trên %(b)s) theo %(rule)s."
            )
            % {
                "who": subject,
                "top": _label(top),
                "n": n_top,
                "pct": pct,
                "base": base_label,
                "limit": limit,
                "b": base,
                "rule": rule.get("name", ""),
            }
        )


def _counts(qs: Any, field: str) -> dict[str, int]:
    return {row[field]: row["n"] for row in qs.exclude(**{field: ""}).values(field).annotate(n=Count("pk"))}


@transaction.atomic
def rating_self_assess(
    *, rating: MemberRating, level: str, on: datetime.date, by: Any = None, score: int | None = None, **texts: str
) -> MemberRating:
    """Tự kiểm điểm: the member's own review (bản kiểm điểm) and proposed level."""
    rating = MemberRating.objects.select_for_update().select_related("cycle__rule__regulation").get(pk=rating.pk)
    cycle = rating.cycle
    _check_open(cycle)
    _check_step(rating.step, Step.SELF)
    if on < cycle.self_from:
        raise ValidationError(_("Chưa đến thời gian tự kiểm điểm (từ %(d)s).") % {"d": f"{cycle.self_from:%d/%m/%Y}"})
    unknown = set(texts) - set(SELF_TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    if not _text(texts.get("duties", "")):
        raise ValidationError(_("Bản kiểm điểm cần có phần kết quả thực hiện chức trách, nhiệm vụ."))
    _check_level({**cycle.rule.params}, level, score, False, _("Tự chấm"))
    for name in SELF_TEXT_FIELDS:
        setattr(rating, name, _text(texts.get(name, "")))
    rating.self_level = level
    rating.self_score = score
    rating.self_on = on
    rating.self_by = by
    rating.step = Step.SELF
    rating.full_clean()
    rating.save()
    commitment = Commitment.objects.active().filter(member=rating.member_id, year=cycle.year).first()
    if commitment is not None and rating.commitment_result:
        commitment.result = rating.commitment_result
        commitment.result_level = level
        commitment.save()
    return rating


@transaction.atomic
def rating_cell_review(
    *,
    rating: MemberRating,
    level: str,
    on: datetime.date,
    comment: str,
    votes_for: int,
    votes_against: int,
    by: Any = None,
    disciplined: bool = False,
    score: int | None = None,
) -> MemberRating:
    """Kiểm điểm tại chi bộ: the cell's comments, its vote and its proposed level, within the quota in the cell."""
    rating = MemberRating.objects.select_for_update().select_related("cycle__rule__regulation").get(pk=rating.pk)
    cycle = rating.cycle
    rule = dict(cycle.rule.params)
    _check_open(cycle)
    _check_step(rating.step, Step.CELL)
    _check_date(on, rating.self_on, _("chi bộ đề nghị"))
    if not _text(comment):
        raise ValidationError(_("Nhập nhận xét, góp ý của chi bộ."))
    if votes_for < 0 or votes_against < 0:
        raise ValidationError(_("Số phiếu không được âm."))
    if votes_for <= votes_against:
        raise ValidationError(
            _("Đề nghị chưa được quá nửa số phiếu tán thành (%(f)s tán thành, %(a)s không tán thành).")
            % {"f": votes_for, "a": votes_against}
        )
    _check_level(rule, level, score, disciplined, _("Chi bộ chấm"))
    others = MemberRating.objects.active().filter(cycle=cycle, cell=rating.cell_id).exclude(pk=rating.pk)
    counts = _counts(others, "cell_level")
    counts[level] = counts.get(level, 0) + 1
    _check_quota(rule, counts, _("đảng viên của chi bộ đề nghị"))
    rating.cell_comment = _text(comment)
    rating.votes_for = votes_for
    rating.votes_against = votes_against
    rating.disciplined = disciplined
    rating.cell_score = score
    rating.cell_level = level
    rating.cell_on = on
    rating.cell_by = by
    rating.step = Step.CELL
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def rating_decide(
    *, rating: MemberRating, level: str, on: datetime.date, by: Any = None, note: str = ""
) -> MemberRating:
    """Quyết định: the committee decides, within the quota of the whole grassroots organization."""
    rating = MemberRating.objects.select_for_update().select_related("cycle__rule__regulation").get(pk=rating.pk)
    cycle = rating.cycle
    rule = dict(cycle.rule.params)
    _check_open(cycle)
    _check_step(rating.step, Step.DECIDED)
    _check_date(on, rating.cell_on, _("quyết định"))
    _check_level(rule, level, rating.cell_score, rating.disciplined, _("Chi bộ chấm"))
    # Lock the cycle's rows so two decisions at once cannot both slip under the quota.
    list(MemberRating.objects.select_for_update().filter(cycle=cycle).values_list("pk", flat=True))
    others = MemberRating.objects.active().filter(cycle=cycle).exclude(pk=rating.pk)
    counts = _counts(others, "decided_level")
    counts[level] = counts.get(level, 0) + 1
    _check_quota(rule, counts, _("đảng viên"))
    rating.decided_level = level
    rating.decision_note = _text(note)
    rating.decided_on = on
    rating.decided_by = by
    rating.step = Step.DECIDED
    rating.full_clean()
    rating.save()
    return rating


@transaction.atomic
def collective_self_assess(
    *,
    collective: CollectiveRating,
    level: str,
    report: str,
    on: datetime.date,
    by: Any = None,
    score: int | None = None,
) -> CollectiveRating:
    """Tập thể tự kiểm điểm: the cell (or the organization) writes its review report and proposes its level."""
    collective = (
        CollectiveRating.objects.select_for_update().select_related("cycle__rule__regulation").get(pk=collective.pk)
    )
    _check_open(collective.cycle)
    _check_step(collective.step, Step.SELF)
    if not _text(report):
        raise ValidationError(_("Nhập báo cáo kiểm điểm của tập thể."))
    _check_level(dict(collective.cycle.rule.params), level, score, False, _("Tự chấm"))
    collective.report = _text(report)
    collective.self_level = level
    collective.self_score = score
    collective.self_on = on
    collective.self_by = by
    collective.step = Step.SELF
    collective.full_clean()
    collective.save()
    return collective


@transaction.atomic
def collective_propose(
    *, collective: CollectiveRating, level: str, on: datetime.date, by: Any = None, comment: str = ""
) -> CollectiveRating:
    """Thẩm định, đề xuất: the committee's office appraises and proposes a level."""
    collective = (
        CollectiveRating.objects.select_for_update().select_related("cycle__rule__regulation").get(pk=collective.pk)
    )
    _check_open(collective.cycle)
    _check_step(collective.step, Step.CELL)
    _check_date(on, collective.self_on, _("đề nghị"))
    _check_level(dict(collective.cycle.rule.params), level, collective.self_score, False, _("Tự chấm"))
    collective.proposed_level = level
    collective.proposal_comment = _text(comment)
    collective.proposed_on = on
    collective.proposed_by = by
    collective.step = Step.CELL
    collective.full_clean()
    collective.save()
    return collective


@transaction.atomic
def collective_decide(
    *, collective: CollectiveRating, level: str, on: datetime.date, by: Any = None, note: str = ""
) -> CollectiveRating:
    """Quyết định xếp loại tập thể; the cells' top level within the quota among the cells of the organization."""
    collective = (
        CollectiveRating.objects.select_for_update().select_related("cycle__rule__regulation").get(pk=collective.pk)
    )
    cycle = collective.cycle
    rule = dict(cycle.rule.params)
    _check_open(cycle)
    _check_step(collective.step, Step.DECIDED)
    _check_date(on, collective.proposed_on, _("quyết định"))
    _check_level(rule, level, collective.self_score, False, _("Tự chấm"))
    if not collective.is_party_org:
        others = (
            CollectiveRating.objects.active().filter(cycle=cycle).exclude(Q(pk=collective.pk) | Q(org=cycle.org_id))
        )
        counts = _counts(others, "decided_level")
        counts[level] = counts.get(level, 0) + 1
        _check_quota(rule, counts, _("chi bộ"))
    collective.decided_level = level
    collective.decision_note = _text(note)
    collective.decided_on = on
    collective.decided_by = by
    collective.step = Step.DECIDED
    collective.full_clean()
    collective.save()
    return collective


@transaction.atomic
def commitment_register(*, member: Member, year: int, text: str, on: datetime.date, by: Any = None) -> Commitment:
    """Đăng ký cam kết (Chỉ thị 05-CT/TW) at the start of the year; one per member and year."""
    if Commitment.objects.active().filter(member=member, year=year).exists():
        raise ValidationError(_("%(m)s đã đăng ký cam kết năm %(y)s.") % {"m": member.full_name, "y": year})
    if not _text(text):
        raise ValidationError(_("Nhập nội dung cam kết."))
    commitment = Commitment(member=member, year=year, text=_text(text), registered_on=on, registered_by=by)
    commitment.full_clean()
    commitment.save()
    return commitment
