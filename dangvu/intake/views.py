"""Pages of the intake: the drafts, a new intake (paste or upload), and the review page beside the source text.

Thin: access first (intake.selectors, which asks organization.access), then a service, then a template.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.intake import selectors, services
from dangvu.intake.forms import (
    DirectiveFormSet,
    EventForm,
    ItemFormSet,
    PersonFormSet,
    SourceForm,
    span_initial,
)
from dangvu.intake.models import IntakeDraft
from dangvu.intake.spans import segments
from dangvu.organization.models import PartyOrg


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@login_required
def draft_list(request: HttpRequest) -> HttpResponse:
    """Nhập liệu: the drafts of the user's organizations, newest first."""
    if not selectors.can_take_in(request.user):
        raise PermissionDenied
    page = Paginator(selectors.draft_list(request.user), settings.DANGVU_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "intake/draft_list.html", {"page": page, "drafts": page.object_list})


@login_required
def draft_create(request: HttpRequest) -> HttpResponseBase:
    """Paste a text or upload a file; the proposals are kept as a draft, nothing else is created."""
    orgs = selectors.intake_orgs(request.user)
    if not orgs.exists():
        raise PermissionDenied
    form = SourceForm(request.POST or None, request.FILES or None, orgs=orgs)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        draft = services.draft_create(
            org=data["org"], text=data["source"], file_name=data["file_name"], user=request.user
        )
        messages.success(request, _("Đã đọc văn bản: hãy kiểm tra các đề xuất bên cạnh văn bản rồi xác nhận."))
        return redirect("intake:draft_detail", pk=draft.pk)
    return render(request, "intake/draft_create.html", {"form": form, "single_org": orgs.count() == 1})


def _forms(draft: IntakeDraft, data: Any = None) -> dict[str, Any]:
    """The event form and the four formsets, filled from the stored proposals (or bound to the posted data)."""
    proposals = draft.proposals or {}
    event = proposals.get("event") or {}
    event_form = EventForm(
        data,
        prefix="event",
        initial={**event, "date": services._date(event.get("date")), "span": span_initial(event.get("span"))},
    )
    people = proposals.get("people", [])
    person_initial = [
        {**p, "titles": "; ".join(p.get("titles") or []), "span": span_initial(p.get("span"))} for p in people
    ]
    people_forms = PersonFormSet(data, prefix="people", initial=person_initial)
    options = selectors.member_options(draft.org, [p.get("name", "") for p in people])
    linked = selectors.member_labels([p.get("member") for p in people if p.get("member")])
    for index, form in enumerate(people_forms.forms):
        choices: list[tuple[Any, str]] = [("", _("— không liên kết —"))]
        if index < len(people):
            own = options.get(selectors._given(people[index].get("name", "")), [])
            choices += own
            current = people[index].get("member")
            if current and current not in {pk for pk, _label in own} and current in linked:
                choices.append((current, linked[current]))
        form.fields["member"].choices = choices  # type: ignore[attr-defined]
        form.fields["role_in_event"].initial = "attendee"
    statement_forms = {
        key: ItemFormSet(
            data,
            prefix=key,
            initial=[{"text": i["text"], "span": span_initial(i.get("span"))} for i in proposals.get(key, [])],
        )
        for key in ("achievements", "shortcomings")
    }
    directives = proposals.get("directives", [])
    directive_forms = DirectiveFormSet(
        data,
        prefix="directives",
        initial=[
            {**d, "due_date": services._date(d.get("due_date")), "span": span_initial(d.get("span"))}
            for d in directives
        ],
    )
    owners: list[tuple[Any, str]] = [("", "—")] + [
        (org.pk, org.name)
        for org in PartyOrg.objects.active().filter(path__startswith=draft.org.path).only("pk", "name").order_by("path")
    ]
    for directive_form in directive_forms.forms:
        directive_form.fields["owner"].choices = owners  # type: ignore[attr-defined]
    return {
        "event_form": event_form,
        "people_forms": people_forms,
        "achievement_forms": statement_forms["achievements"],
        "shortcoming_forms": statement_forms["shortcomings"],
        "directive_forms": directive_forms,
    }


def _kept(formset: Any) -> list[dict[str, Any]]:
    """The posted items to keep: not ticked "drop", and an empty extra row is no item."""
    deleted = set(map(id, formset.deleted_forms))
    return [
        form.proposal()
        for index, form in enumerate(formset.forms)
        if id(form) not in deleted and (index < formset.initial_form_count() or form.has_changed())
    ]


def _marks(draft: IntakeDraft) -> list[tuple[str, str, str]]:
    proposals = draft.proposals or {}
    marks: list[tuple[int, int, str, str]] = []
    event_span = (proposals.get("event") or {}).get("span")
    if event_span:
        marks.append((event_span[0], event_span[1], "span-event", "event"))
    for key in ("people", "achievements", "shortcomings", "directives"):
        for index, item in enumerate(proposals.get(key, [])):
            if item.get("span"):
                marks.append((item["span"][0], item["span"][1], f"span-{key}-{index}", key))
    return segments(draft.source_text, marks)


@login_required
def draft_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The review page: the source text with each proposal's span highlighted, the proposals beside it."""
    draft = selectors.get_draft_for_user(request.user, pk)
    editable = draft.status == IntakeDraft.Status.DRAFT
    if request.method == "POST":
        if not editable:
            messages.error(request, str(services.NOT_DRAFT))
            return redirect("intake:draft_detail", pk=draft.pk)
        forms = _forms(draft, request.POST)
        if all(f.is_valid() for f in forms.values()):
            proposals = {
                **(draft.proposals or {}),
                "event": forms["event_form"].proposal(),
                "people": _kept(forms["people_forms"]),
                "achievements": _kept(forms["achievement_forms"]),
                "shortcomings": _kept(forms["shortcoming_forms"]),
                "directives": _kept(forms["directive_forms"]),
            }
            try:
                services.draft_save(draft=draft, proposals=proposals)
                if request.POST.get("action") == "confirm":
                    conference = services.draft_confirm(draft=draft, user=request.user)
                    messages.success(
                        request, _("Đã xác nhận: đã tạo hội nghị “%(title)s”.") % {"title": conference.title}
                    )
                else:
                    messages.success(request, _("Đã lưu bản nháp."))
                return redirect("intake:draft_detail", pk=draft.pk)
            except ValidationError as exc:
                _errors(request, exc)
                if request.POST.get("action") == "confirm":
                    # the edits were saved; the page shows them with what confirmation still needs
                    return redirect("intake:draft_detail", pk=draft.pk)
        else:
            messages.error(request, _("Có mục chưa hợp lệ: hãy xem các ô được đánh dấu."))
    else:
        forms = _forms(draft) if editable else {}
    context = {
        "draft": draft,
        "editable": editable,
        "proposals": draft.proposals or {},
        "segments": _marks(draft),
        "participants": draft.participants.select_related("member") if not editable else [],
        **forms,
    }
    return render(request, "intake/draft_detail.html", context)


@login_required
@require_POST
def draft_discard(request: HttpRequest, pk: int) -> HttpResponseBase:
    draft = selectors.get_draft_for_user(request.user, pk)
    try:
        services.draft_discard(draft=draft)
        messages.success(request, _("Đã bỏ bản nháp (vẫn được lưu lại, không bị xóa)."))
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("intake:draft_list")
