from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.organization.access import visible_members, visible_orgs
from dangvu.organization.forms import DateInput, NFCFormMixin
from dangvu.organization.models import PartyOrg
from dangvu.supervision import access
from dangvu.supervision.models import Activity, Finding, Program

MONTHS = [(m, _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)]


class ProgramFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    body = forms.ChoiceField(label=_("Cơ quan"), required=False, choices=[("", _("Tất cả")), *Program.Body.choices])
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Activity.Kind.choices])


class ProgramForm(NFCFormMixin, forms.Form):
    body = forms.ChoiceField(label=_("Cơ quan thực hiện"), choices=Program.Body.choices)
    org = forms.ModelChoiceField(label=_("Tổ chức"), queryset=PartyOrg.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    title = forms.CharField(label=_("Tên chương trình"), max_length=300)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_body = access.manageable_program_orgs(user)
        pks = {pk for qs in self.by_body.values() for pk in qs.values_list("pk", flat=True)}
        self.fields["org"].queryset = PartyOrg.objects.filter(pk__in=pks).order_by("path")  # type: ignore[attr-defined]
        use_lookup(self, "org")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        org, body = data.get("org"), data.get("body")
        if org is not None and body and not self.by_body[body].filter(pk=org.pk).exists():
            self.add_error("org", _("Bạn không quản lý chương trình loại này của tổ chức đã chọn."))
        return data


class ActivityForm(NFCFormMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=Activity.Kind.choices)
    subject_org = forms.ModelChoiceField(
        label=_("Tổ chức được kiểm tra"), queryset=PartyOrg.objects.none(), required=False
    )
    subject_member = forms.ModelChoiceField(
        label=_("Đảng viên được kiểm tra"), queryset=PartyOrg.objects.none(), required=False
    )
    content = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    planned_month = forms.TypedChoiceField(label=_("Tháng dự kiến"), choices=MONTHS, coerce=int)
    period_from = forms.DateField(label=_("Mốc thời gian từ"), required=False, widget=DateInput())
    period_to = forms.DateField(label=_("Mốc thời gian đến"), required=False, widget=DateInput())
    lead = forms.ModelChoiceField(label=_("Trưởng đoàn"), queryset=PartyOrg.objects.none(), required=False)
    team = forms.ModelMultipleChoiceField(label=_("Thành viên đoàn"), queryset=PartyOrg.objects.none(), required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = visible_members(user).filter(archived_at__isnull=True).order_by("full_name")
        self.fields["subject_org"].queryset = visible_orgs(user).order_by("path")  # type: ignore[attr-defined]
        for name in ("subject_member", "lead", "team"):
            self.fields[name].queryset = members  # type: ignore[attr-defined]
        use_lookup(self, "subject_org", "subject_member", "lead", "team")
        if not access.sees_confidential(user):
            self.fields["kind"].choices = [c for c in Activity.Kind.choices if c[0] != Activity.Kind.VIOLATION]  # type: ignore[attr-defined]


class AdvanceForm(NFCFormMixin, forms.Form):
    to = forms.ChoiceField(label=_("Chuyển sang bước"), choices=Activity.State.choices)
    date = forms.DateField(label=_("Ngày"), widget=DateInput())
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    number_notice = forms.BooleanField(label=_("Cấp số thông báo kết luận (TB)"), required=False)


class FindingForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class RecommendationForm(NFCFormMixin, forms.Form):
    finding = forms.ModelChoiceField(label=_("Kết quả kiểm tra"), queryset=Finding.objects.none())
    text = forms.CharField(label=_("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}))
    owner_org = forms.ModelChoiceField(label=_("Tổ chức thực hiện"), queryset=PartyOrg.objects.none(), required=False)
    owner_member = forms.ModelChoiceField(
        label=_("Đảng viên thực hiện"), queryset=PartyOrg.objects.none(), required=False
    )
    deadline = forms.DateField(label=_("Thời hạn"), widget=DateInput())

    def __init__(self, *args: Any, user: Any, activity: Activity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = Finding.objects.active().filter(activity=activity)  # type: ignore[attr-defined]
        self.fields["owner_org"].queryset = visible_orgs(user).order_by("path")  # type: ignore[attr-defined]
        members = visible_members(user).filter(archived_at__isnull=True).order_by("full_name")
        self.fields["owner_member"].queryset = members  # type: ignore[attr-defined]
        use_lookup(self, "owner_org", "owner_member")


class FollowUpForm(NFCFormMixin, forms.Form):
    date = forms.DateField(label=_("Ngày"), widget=DateInput())
    note = forms.CharField(label=_("Nội dung theo dõi"), widget=forms.Textarea(attrs={"rows": 2}))
    done = forms.BooleanField(label=_("Đã khắc phục xong"), required=False)
