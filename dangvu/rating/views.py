"""Pages of the yearly rating. Thin: access (rating.access), a form, a service, a template."""

from __future__ import annotations

import tempfile
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.documents.docx_party import CONTENT_TYPE as DOCX_TYPE
from dangvu.lib.vn_text import fold
from dangvu.rating import access, exports, selectors, services
from dangvu.rating.forms import (
    CollectiveSelfForm,
    CommitmentForm,
    CycleForm,
    DecideForm,
    ProposeForm,
    ReviewForm,
    SelfForm,
)
from dangvu.rating.models import LEVEL_ORDER, CollectiveRating, MemberRating, RatingCycle


def _errors(form: Any, err: ValidationError) -> None:
    for message in err.messages:
        form.add_error(None, message)


def _points(cycle: RatingCycle) -> bool:
    return bool(cycle.rule.params.get("score_bands"))


@login_required
def cycle_list(request: HttpRequest) -> HttpResponse:
    access.require(access.can_list(request.user) or access.scope_for(request.user).member_id is not None)
    page = Paginator(selectors.cycle_list(request.user), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "rating/cycle_list.html",
        {"page": page, "can_open": access.openable_orgs(request.user).exists()},
    )


@login_required
def cycle_create(request: HttpRequest) -> HttpResponse:
    orgs = access.openable_orgs(request.user)
    access.require(orgs.exists())
    form = CycleForm(request.POST or None, orgs=orgs)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.cycle_open(**form.cleaned_data, by=request.user)
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã mở đợt kiểm điểm, xếp loại năm %(y)s.") % {"y": cycle.year})
            return redirect("rating:cycle_detail", pk=cycle.pk)
    return render(request, "rating/form.html", {"form": form, "title": _("Mở đợt kiểm điểm, xếp loại")})


@login_required
def cycle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    progress = selectors.cycle_progress(request.user, cycle)
    return render(
        request,
        "rating/cycle_detail.html",
        {
            "cycle": cycle,
            "progress": progress,
            "levels": selectors.levels(),
            "level_order": LEVEL_ORDER,
            "can_manage": access.scope_for(request.user).covers(cycle.org.path, access.OPEN_ROLES),
            "sees_all": access.sees_all_members(request.user, cycle),
            "own": selectors.own_rating(request.user),
        },
    )


@login_required
@require_POST
def cycle_close(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk, manage=True)
    try:
        services.cycle_close(cycle=cycle, on=timezone.localdate())
    except ValidationError as err:
        messages.error(request, " ".join(err.messages))
    else:
        messages.success(request, _("Đã kết thúc đợt xếp loại."))
    return redirect("rating:cycle_detail", pk=cycle.pk)


@login_required
def cycle_export(request: HttpRequest, pk: int) -> FileResponse:
    """Bảng tổng hợp của cấp ủy: every member the user may read, by cell."""
    cycle = access.get_cycle_for_user(request.user, pk)
    access.require(access.sees_all_members(request.user, cycle))
    out = tempfile.SpooledTemporaryFile()  # noqa: SIM115 - FileResponse closes it
    exports.write_table(
        title=_("BẢNG TỔNG HỢP XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM %(y)s") % {"y": cycle.year},
        subtitle=f"{cycle.org.name} — {services.rule_name(cycle.rule)}",
        ratings=selectors.cycle_ratings(request.user, cycle).iterator(chunk_size=1000),
        out=out,
        by_cell=True,
    )
    out.seek(0)
    name = f"xep-loai-{cycle.year}-{fold(cycle.org.name).replace(' ', '-')}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name, content_type=exports.CONTENT_TYPE)


@login_required
def cell_detail(request: HttpRequest, pk: int, cell_pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    cell = access.get_cell_for_user(request.user, cycle, cell_pk)
    ratings = selectors.cell_ratings(request.user, cycle, cell)
    return render(
        request,
        "rating/cell_detail.html",
        {
            "cycle": cycle,
            "cell": cell,
            "ratings": ratings,
            "totals": selectors.level_totals(ratings),
            "levels": selectors.levels(),
            "can_review": access.scope_for(request.user).covers(cell.path, access.CELL_ROLES),
            "can_decide": access.can_decide(request.user, cycle),
        },
    )


@login_required
def cell_export(request: HttpRequest, pk: int, cell_pk: int) -> FileResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    cell = access.get_cell_for_user(request.user, cycle, cell_pk)
    out = tempfile.SpooledTemporaryFile()  # noqa: SIM115 - FileResponse closes it
    exports.write_table(
        title=_("BẢNG TỔNG HỢP XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM %(y)s") % {"y": cycle.year},
        subtitle=f"{cell.name} — {services.rule_name(cycle.rule)}",
        ratings=selectors.cell_ratings(request.user, cycle, cell).iterator(chunk_size=1000),
        out=out,
    )
    out.seek(0)
    name = f"xep-loai-{cycle.year}-{fold(cell.name).replace(' ', '-')}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name, content_type=exports.CONTENT_TYPE)


def _rating_page(request: HttpRequest, rating: MemberRating, forms: dict[str, Any]) -> HttpResponse:
    user = request.user
    cycle = rating.cycle
    return render(
        request,
        "rating/rating_detail.html",
        {
            "rating": rating,
            "cycle": cycle,
            "inputs": selectors.inputs(user, rating),
            "rule_name": services.rule_name(cycle.rule),
            "can_self": access.can_self(user, rating),
            "can_review": access.can_review(user, rating),
            "can_decide": access.can_decide(user, cycle),
            "sections": [
                (getattr(MemberRating._meta.get_field(name), "verbose_name", name), getattr(rating, name))
                for name in services.SELF_TEXT_FIELDS
            ],
            **forms,
        },
    )


@login_required
def rating_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.get_rating_for_user(request.user, pk)
    return _rating_page(request, rating, {})


def _initial_self(rating: MemberRating) -> dict[str, Any]:
    data: dict[str, Any] = {name: getattr(rating, name) for name in services.SELF_TEXT_FIELDS}
    data.update(level=rating.self_level, score=rating.self_score)
    return data


@login_required
def rating_self(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.get_rating_for_user(request.user, pk)
    access.require(access.can_self(request.user, rating))
    form = SelfForm(request.POST or None, initial=_initial_self(rating), points=_points(rating.cycle))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        level, score = data.pop("level"), data.pop("score", None)
        try:
            services.rating_self_assess(
                rating=rating, level=level, score=score, on=timezone.localdate(), by=request.user, **data
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã nộp bản tự kiểm điểm."))
            return redirect("rating:rating_detail", pk=rating.pk)
    return _rating_page(request, rating, {"form": form, "form_title": _("Bản tự kiểm điểm")})


@login_required
def rating_review(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.get_rating_for_user(request.user, pk)
    access.require(access.can_review(request.user, rating))
    initial = {
        "comment": rating.cell_comment,
        "votes_for": rating.votes_for,
        "votes_against": rating.votes_against,
        "disciplined": rating.disciplined,
        "score": rating.cell_score,
        "level": rating.cell_level or rating.self_level,
    }
    form = ReviewForm(request.POST or None, initial=initial, points=_points(rating.cycle))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.rating_cell_review(
                rating=rating,
                level=d["level"],
                comment=d["comment"],
                votes_for=d["votes_for"],
                votes_against=d["votes_against"],
                disciplined=d["disciplined"],
                score=d.get("score"),
                on=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã ghi đề nghị của chi bộ."))
            return redirect("rating:cell_detail", pk=rating.cycle_id, cell_pk=rating.cell_id)
    return _rating_page(request, rating, {"form": form, "form_title": _("Kiểm điểm tại chi bộ")})


@login_required
def rating_decide(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.get_rating_for_user(request.user, pk)
    access.require(access.can_decide(request.user, rating.cycle))
    initial = {"level": rating.decided_level or rating.cell_level, "note": rating.decision_note}
    form = DecideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_decide(
                rating=rating,
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
                on=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã ghi quyết định xếp loại."))
            return redirect("rating:cell_detail", pk=rating.cycle_id, cell_pk=rating.cell_id)
    return _rating_page(request, rating, {"form": form, "form_title": _("Cấp ủy quyết định")})


@login_required
def rating_docx(request: HttpRequest, pk: int) -> HttpResponse:
    rating = access.get_rating_for_user(request.user, pk)
    response = HttpResponse(exports.self_assessment_docx(rating), content_type=DOCX_TYPE)
    name = f"ban-kiem-diem-{rating.cycle.year}-{fold(rating.member.full_name).replace(' ', '-')}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def my_rating(request: HttpRequest) -> HttpResponse:
    """Xếp loại của tôi: the user's own rating in the latest cycle."""
    rating = selectors.own_rating(request.user)
    if rating is not None:
        return redirect("rating:rating_detail", pk=rating.pk)
    return render(request, "rating/my_rating.html", {})


@login_required
def collective_list(request: HttpRequest, pk: int) -> HttpResponse:
    cycle = access.get_cycle_for_user(request.user, pk)
    rows: list[Any] = list(selectors.collectives(request.user, cycle))
    for row in rows:
        row.can_self = access.can_collective_self(request.user, row)
        row.can_propose = access.can_collective_propose(request.user, row)
    return render(
        request,
        "rating/collective_list.html",
        {"cycle": cycle, "rows": rows, "can_decide": access.can_decide(request.user, cycle)},
    )


def _collective_form(request: HttpRequest, collective: CollectiveRating, form: Any, title: str) -> HttpResponse:
    return render(request, "rating/form.html", {"form": form, "title": title, "collective": collective})


@login_required
def collective_self(request: HttpRequest, pk: int) -> HttpResponse:
    collective = access.get_collective_for_user(request.user, pk)
    access.require(access.can_collective_self(request.user, collective))
    cycle = collective.cycle
    initial = {"report": collective.report, "level": collective.self_level, "score": collective.self_score}
    form = CollectiveSelfForm(request.POST or None, initial=initial, points=_points(cycle))
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.collective_self_assess(
                collective=collective,
                level=d["level"],
                report=d["report"],
                score=d.get("score"),
                on=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã nộp báo cáo kiểm điểm của tập thể."))
            return redirect("rating:collective_list", pk=cycle.pk)
    return _collective_form(request, collective, form, _("Tập thể tự kiểm điểm: %(o)s") % {"o": collective.org.name})


@login_required
def collective_propose(request: HttpRequest, pk: int) -> HttpResponse:
    collective = access.get_collective_for_user(request.user, pk)
    access.require(access.can_collective_propose(request.user, collective))
    initial = {"level": collective.proposed_level or collective.self_level, "comment": collective.proposal_comment}
    form = ProposeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.collective_propose(
                collective=collective,
                level=form.cleaned_data["level"],
                comment=form.cleaned_data["comment"],
                on=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã ghi đề nghị xếp loại tập thể."))
            return redirect("rating:collective_list", pk=collective.cycle_id)
    return _collective_form(request, collective, form, _("Thẩm định, đề nghị: %(o)s") % {"o": collective.org.name})


@login_required
def collective_decide(request: HttpRequest, pk: int) -> HttpResponse:
    collective = access.get_collective_for_user(request.user, pk)
    access.require(access.can_decide(request.user, collective.cycle))
    initial = {"level": collective.decided_level or collective.proposed_level, "note": collective.decision_note}
    form = DecideForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.collective_decide(
                collective=collective,
                level=form.cleaned_data["level"],
                note=form.cleaned_data["note"],
                on=timezone.localdate(),
                by=request.user,
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã ghi quyết định xếp loại tập thể."))
            return redirect("rating:collective_list", pk=collective.cycle_id)
    return _collective_form(request, collective, form, _("Quyết định xếp loại: %(o)s") % {"o": collective.org.name})


@login_required
def commitment_list(request: HttpRequest) -> HttpResponse:
    scope = access.scope_for(request.user)
    access.require(access.can_list(request.user) or scope.member_id is not None)
    year_text = request.GET.get("year") or ""
    year = int(year_text) if year_text.isdigit() else None
    page = Paginator(selectors.commitments(request.user, year=year), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rating/commitment_list.html",
        {
            "page": page,
            "year": year or "",
            "year_query": f"year={year}" if year else "",
            "can_register": access.commitment_members(request.user).exists(),
        },
    )


@login_required
def commitment_create(request: HttpRequest) -> HttpResponse:
    members = access.commitment_members(request.user)
    access.require(members.exists())
    scope = access.scope_for(request.user)
    initial = {"year": timezone.localdate().year, "member": scope.member_id}
    form = CommitmentForm(request.POST or None, initial=initial, members=members)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.commitment_register(
                member=d["member"], year=d["year"], text=d["text"], on=timezone.localdate(), by=request.user
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã đăng ký cam kết."))
            return redirect("rating:commitment_list")
    return render(request, "rating/form.html", {"form": form, "title": _("Đăng ký cam kết tu dưỡng, rèn luyện")})
