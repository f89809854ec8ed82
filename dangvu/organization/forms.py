from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import options_html, use_lookup
from dangvu.lib.vn_text import clean
from dangvu.organization.access import visible_orgs, visible_users
from dangvu.organization.models import GovUnit, Member, MembershipEvent, PartyOrg, Position
from dangvu.organization.selectors import MemberFilters


class DateInput(forms.DateInput):
    """dd/mm/yyyy typed as text: the native date picker shows the browser's locale, not ours."""

    input_type = "text"

    def __init__(self, **kwargs: Any) -> None:
        attrs = {
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "pattern": r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}",
            "autocomplete": "off",
        }
        attrs.update(kwargs.pop("attrs", {}))
        super().__init__(attrs=attrs, format="%d/%m/%Y", **kwargs)


class NFCFormMixin:
    """Every text a user types is stored in NFC, with white space tidied; nothing else is changed."""

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean()  # type: ignore[misc]
        return {k: clean(v) if isinstance(v, str) else v for k, v in data.items()}


class TreeSelect(forms.Select):
    """The select of an organization filter (org_choices: up to 300 options), written out here in Python.

    Django renders every option through two templates and a dictionary of attributes: 300 options took
    about 50 ms, most of the member list's time at province scale (bench/load.py). With format_html per
    option they took 1.8 ms; with the standard library's escape, 0.3 ms.
    """

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        options = options_html(self.choices, {str(v) for v in self.format_value(value)})
        attributes = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, attributes, options)


class MemberFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc số thẻ"), required=False)
    cell = forms.ModelChoiceField(
        label=_("Tổ chức đảng"),
        queryset=PartyOrg.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
        widget=TreeSelect,
    )
    gov_unit = forms.ModelChoiceField(
        label=_("Đơn vị công tác"), queryset=GovUnit.objects.none(), required=False, empty_label=_("Tất cả")
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            ("active", _("Đang sinh hoạt")),
            ("exempt", _("Miễn sinh hoạt")),
            *Member.Status.choices,
        ],
    )

    def __init__(self, *args: Any, orgs: Any, gov_units: Any, list_choices: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = orgs  # type: ignore[attr-defined]  # validation accepts any org in scope
        self.fields["gov_unit"].queryset = gov_units  # type: ignore[attr-defined]
        if list_choices:
            selected = self.data.get("cell") if self.is_bound else None
            self.fields["cell"].widget.choices = org_choices(orgs, selected=selected)


# A province has thousands of cells: past this many, a filter lists only the committees above them
# (a cell is reached from its own page, whose links carry its id).
MAX_LISTED_ORGS = 300


def org_choices(orgs: Any, *, selected: Any = None) -> list[tuple[Any, str]]:
    """The choices of an organization filter, indented as the tree; "All" first.

    Past MAX_LISTED_ORGS the cells and party groups are left out (the selected one stays listed), so that a
    province's filter is a few hundred options, not 13,000 (785 KB of HTML on the plans overview).
    """
    listed = list(orgs.values_list("pk", "name", "depth")[: MAX_LISTED_ORGS + 1])
    if len(listed) > MAX_LISTED_ORGS:
        committees = orgs.exclude(kind__in=[*PartyOrg.CELL_KINDS, PartyOrg.Kind.TO_DANG])
        listed = list(committees.values_list("pk", "name", "depth")[:MAX_LISTED_ORGS])
        if selected and str(selected).isdigit() and all(str(pk) != selected for pk, _n, _d in listed):
            listed += list(orgs.filter(pk=selected).values_list("pk", "name", "depth"))
    top = min((depth for _pk, _name, depth in listed), default=0)
    return [("", _("Tất cả")), *((pk, "\u2003" * (depth - top) + name) for pk, name, depth in listed)]


MEMBER_FIELDS = [
    "full_name",
    "birth_name",
    "gender",
    "date_of_birth",
    "place_of_birth",
    "hometown",
    "ethnicity",
    "religion",
    "citizen_id",
    "phone",
    "email",
    "residence",
    "education_general",
    "professional_qualification",
    "academic_degree",
    "political_theory",
    "foreign_language",
    "gov_unit",
    "gov_position",
    "card_number",
    "admission_date",
    "admission_place",
    "official_date",
    "sponsors",
    "youth_union_date",
    "cell",
]
DATE_FIELDS = ["date_of_birth", "admission_date", "official_date", "youth_union_date"]


def member_filters(request: HttpRequest, *, list_choices: bool = True) -> tuple[MemberFilterForm, MemberFilters]:
    """The member list's filters as typed in the query string (the list page and its export share them)."""
    orgs = visible_orgs(request.user).filter(is_external=False).order_by("path")
    form = MemberFilterForm(
        request.GET or None, orgs=orgs, gov_units=GovUnit.objects.active(), list_choices=list_choices
    )
    if not form.is_valid():
        return form, MemberFilters()
    data = form.cleaned_data
    return form, MemberFilters(q=data["q"], cell=data["cell"], gov_unit=data["gov_unit"], status=data["status"])


class MemberForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Member
        fields = MEMBER_FIELDS
        widgets = {name: DateInput() for name in DATE_FIELDS}

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cell"].queryset = cells  # type: ignore[attr-defined]
        self.fields["gov_unit"].queryset = GovUnit.objects.active()  # type: ignore[attr-defined]
        use_lookup(self, "cell")
        if self.instance.pk:
            # A member changes cell through a lifecycle event, so that the move is dated.
            self.fields["cell"].disabled = True
            self.fields["cell"].help_text = _("Đổi chi bộ bằng sự kiện “Chuyển chi bộ trong Đảng bộ”.")


class MembershipEventForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = MembershipEvent
        fields = ["kind", "date", "to_org", "external_org", "decision_ref", "note"]
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = [c for c in MembershipEvent.Kind.choices if c[0] != MembershipEvent.Kind.ADMISSION]
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]
        self.fields["to_org"].queryset = cells  # type: ignore[attr-defined]
        use_lookup(self, "to_org")
        self.fields["to_org"].label = _("Đến chi bộ (khi chuyển)")


class PositionForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Position
        fields = ["title", "title_text", "party_org", "gov_unit", "term", "start_date", "end_date"]
        widgets = {"start_date": DateInput(), "end_date": DateInput()}

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party_org"].queryset = orgs  # type: ignore[attr-defined]
        use_lookup(self, "party_org")
        self.fields["gov_unit"].queryset = GovUnit.objects.active()  # type: ignore[attr-defined]
        self.fields["end_date"].help_text = _("Để trống khi đang giữ chức vụ; ghi ngày khi thôi giữ.")


class AuditFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Người thực hiện"), queryset=get_user_model().objects.none(), required=False, empty_label=_("Tất cả")
    )
    model = forms.ChoiceField(label=_("Loại bản ghi"), required=False)
    object_id = forms.CharField(label=_("Mã bản ghi"), required=False)
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())

    def __init__(self, *args: Any, models: list[tuple[str, str]], user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = visible_users(user).order_by("username")  # type: ignore[attr-defined]
        use_lookup(self, "actor")
        self.fields["model"].choices = [("", _("Tất cả")), *models]  # type: ignore[attr-defined]
