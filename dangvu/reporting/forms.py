from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.organization.access import visible_orgs
from dangvu.organization.forms import DateInput, NFCFormMixin, TreeSelect, org_choices
from dangvu.organization.models import PartyOrg
from dangvu.reporting import selectors
from dangvu.reporting.models import Compilation, Obligation, ReportKind

TEXTAREA = forms.Textarea(attrs={"rows": 5})


class SubmissionFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    kind = forms.ModelChoiceField(
        label=_("Loại báo cáo"), queryset=ReportKind.objects.none(), required=False, empty_label=_("Tất cả")
    )
    period = forms.DateField(label=_("Kỳ bắt đầu từ"), required=False, widget=DateInput())
    org = forms.ModelChoiceField(
        label=_("Tổ chức đảng"), queryset=PartyOrg.objects.none(), required=False, widget=TreeSelect
    )
    state = forms.ChoiceField(
        label=_("Tình trạng"),
        required=False,
        choices=[
            ("", _("Tất cả")),
            (selectors.ON_TIME, _("Đúng hạn")),
            (selectors.LATE, _("Muộn")),
            (selectors.MISSING, _("Quá hạn, chưa gửi")),
            (selectors.PENDING, _("Chưa đến hạn")),
        ],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = selectors.kinds_for_user(user)  # type: ignore[attr-defined]
        # The organizations in scope, as a tree (a report of an organization counts for those above it): every
        # organization with a report listed one by one was 10,000 options, 566 KB, on a province's list.
        orgs = visible_orgs(user).order_by("path")
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]  # validation accepts any org in scope
        self.fields["org"].widget.choices = org_choices(orgs, selected=self.data.get("org") if self.is_bound else None)

    def filters(self) -> selectors.SubmissionFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return selectors.SubmissionFilters(
            kind=data.get("kind"),
            period_start=data.get("period"),
            org=data.get("org"),
            state=data.get("state") or "",
            year=data.get("year"),
        )


class SubmissionForm(NFCFormMixin, forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    results = forms.CharField(label=_("Kết quả"), required=False, widget=TEXTAREA)
    shortcomings = forms.CharField(label=_("Hạn chế"), required=False, widget=TEXTAREA)
    proposals = forms.CharField(label=_("Kiến nghị"), required=False, widget=TEXTAREA)
    next_steps = forms.CharField(label=_("Phương hướng"), required=False, widget=TEXTAREA)

    def sections(self) -> dict[str, str]:
        return {
            name: self.cleaned_data.get(name, "") for name in ("results", "shortcomings", "proposals", "next_steps")
        }


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm"))


class ReturnForm(NFCFormMixin, forms.Form):
    comment = forms.CharField(label=_("Yêu cầu bổ sung"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ReportKindForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = ReportKind
        fields = ["org", "name", "period", "due_rule", "due_day", "remind_before", "remind_after"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = selectors.manageable_orgs(user).exclude(  # type: ignore[attr-defined]
            kind__in=PartyOrg.CELL_KINDS
        )
        use_lookup(self, "org")


class ObligationForm(forms.ModelForm):
    class Meta:
        model = Obligation
        fields = ["kind", "org", "valid_from", "valid_to"]
        widgets = {"valid_from": DateInput(), "valid_to": DateInput()}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = selectors.kinds_for_user(user).filter(  # type: ignore[attr-defined]
            period__in=ReportKind.PERIODIC
        )
        self.fields["org"].queryset = selectors.manageable_orgs(user)  # type: ignore[attr-defined]
        use_lookup(self, "org")
        self.fields["valid_from"].initial = datetime.date(timezone.localdate().year, 1, 1)


class CompileForm(forms.Form):
    kind = forms.ModelChoiceField(label=_("Loại báo cáo"), queryset=ReportKind.objects.none())
    period = forms.DateField(label=_("Kỳ bắt đầu từ ngày"), widget=DateInput())
    org = forms.ModelChoiceField(label=_("Cấp ủy tổng hợp"), queryset=PartyOrg.objects.none())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = selectors.kinds_for_user(user)  # type: ignore[attr-defined]
        self.fields["org"].queryset = selectors.manageable_orgs(user).exclude(  # type: ignore[attr-defined]
            kind__in=PartyOrg.CELL_KINDS
        )
        use_lookup(self, "org")


class CompilationForm(NFCFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Compilation
        fields = ["title", "place", "results", "shortcomings", "proposals", "next_steps", "signer", "recipients"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 8}) for name in ["results", "shortcomings", "proposals", "next_steps"]
        }


class RequestForm(NFCFormMixin, forms.Form):
    """A thematic or ad hoc report asked of some organizations, with its own deadline."""

    kind = forms.ModelChoiceField(label=_("Loại báo cáo"), queryset=ReportKind.objects.none())
    label = forms.CharField(label=_("Tên kỳ / nội dung"), max_length=80)
    period_start = forms.DateField(label=_("Từ ngày"), widget=DateInput())
    period_end = forms.DateField(label=_("Đến ngày"), widget=DateInput())
    due_date = forms.DateField(label=_("Hạn nộp"), widget=DateInput())
    orgs = forms.ModelMultipleChoiceField(
        label=_("Các tổ chức phải báo cáo"), queryset=PartyOrg.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = selectors.kinds_for_user(user).exclude(  # type: ignore[attr-defined]
            period__in=ReportKind.PERIODIC
        )
        self.fields["orgs"].queryset = selectors.manageable_orgs(user).filter(  # type: ignore[attr-defined]
            kind__in=PartyOrg.CELL_KINDS
        )
        use_lookup(self, "orgs")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data
