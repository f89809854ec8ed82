"""Input validation only: the services save. Choices are limited to what the user may touch."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms.models import fields_for_model, model_to_dict
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.core.uploads import validate_upload
from dangvu.organization.access import visible_members, visible_orgs
from dangvu.organization.forms import DateInput, NFCFormMixin, TreeSelect, org_choices
from dangvu.organization.models import GovUnit
from dangvu.planning.access import editable_orgs, managed_orgs
from dangvu.planning.models import AnnualPlan, KeyTask, Resolution
from dangvu.planning.selectors import TaskFilters

PERCENT_ERROR = _("Phần trăm hoàn thành phải từ 0 đến 100.")


class VersionMixin(forms.Form):
    """Carries the version the user opened, so the later of two saves is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PlanForm(NFCFormMixin, VersionMixin):
    def __init__(self, *args: Any, user: Any, instance: AnnualPlan | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {**model_to_dict(instance), "version": instance.version})
        super().__init__(*args, **kwargs)
        names = ["year", "title", "description"] if instance else ["owner", "year", "title", "description"]
        self.fields.update(fields_for_model(AnnualPlan, fields=names))
        if "owner" in self.fields:
            self.fields["owner"].queryset = editable_orgs(user)  # type: ignore[attr-defined]
            use_lookup(self, "owner")
        self.fields["year"].initial = self.fields["year"].initial or timezone.localdate().year
        self.order_fields([*names, "version"])


TASK_FIELDS = [
    "title",
    "description",
    "org",
    "plan",
    "lead",
    "start_date",
    "due_date",
    "target",
    "target_number",
    "target_unit",
    "priority",
    "weight",
    "status",
    "gov_units",
    "party_orgs",
]


class TaskForm(NFCFormMixin, VersionMixin):
    def __init__(self, *args: Any, user: Any, instance: KeyTask | None = None, **kwargs: Any) -> None:
        if instance is not None:
            kwargs.setdefault("initial", {**model_to_dict(instance, fields=TASK_FIELDS), "version": instance.version})
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                KeyTask,
                fields=TASK_FIELDS,
                widgets={
                    "start_date": DateInput(),
                    "due_date": DateInput(),
                    "description": forms.Textarea(attrs={"rows": 3}),
                },
            )
        )
        orgs = editable_orgs(user)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        self.fields["plan"].queryset = (  # type: ignore[attr-defined]
            AnnualPlan.objects.active().filter(owner__in=orgs).select_related("owner")
        )
        self.fields["lead"].queryset = visible_members(user).filter(archived_at__isnull=True)  # type: ignore[attr-defined]
        self.fields["party_orgs"].queryset = visible_orgs(user)  # type: ignore[attr-defined]
        self.fields["gov_units"].queryset = GovUnit.objects.active()  # type: ignore[attr-defined]
        self.fields["gov_units"].required = False
        self.fields["party_orgs"].required = False
        use_lookup(self, "org", "plan", "lead", "party_orgs")
        self.order_fields([*TASK_FIELDS, "version"])

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, due = data.get("start_date"), data.get("due_date")
        if start and due and due < start:
            self.add_error(
                "due_date",
                _("Hạn hoàn thành (%(due)s) không được trước ngày bắt đầu (%(start)s).")
                % {"due": f"{due:%d/%m/%Y}", "start": f"{start:%d/%m/%Y}"},
            )
        return data


class ProgressForm(NFCFormMixin, forms.Form):
    date = forms.DateField(label=_("Ngày cập nhật"), widget=DateInput())
    percent = forms.IntegerField(
        label=_("% hoàn thành"),
        min_value=0,
        max_value=100,
        error_messages={"min_value": PERCENT_ERROR, "max_value": PERCENT_ERROR},
    )
    status = forms.ChoiceField(
        label=_("Trạng thái mới"),
        required=False,
        choices=[("", _("Theo % hoàn thành")), *KeyTask.Status.choices],
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Minh chứng (tệp)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date"].initial = timezone.localdate()

    def clean_evidence(self) -> UploadedFile | None:
        upload: UploadedFile | None = self.cleaned_data.get("evidence")
        if upload:
            validate_upload(upload)
        return upload

    def clean_date(self) -> datetime.date:
        day: datetime.date = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("Ngày cập nhật không được sau hôm nay."))
        return day


class CommentForm(NFCFormMixin, forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ResolutionForm(NFCFormMixin, forms.Form):
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = ["owner", "kind", "number", "issued_on", "issuer", "title", "summary"]
        self.fields.update(fields_for_model(Resolution, fields=names, widgets={"issued_on": DateInput()}))
        self.fields["owner"].queryset = managed_orgs(user)  # type: ignore[attr-defined]
        use_lookup(self, "owner")


class TaskFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=2000, max_value=2100)
    org = forms.ModelChoiceField(
        label=_("Tổ chức / đơn vị"),
        queryset=GovUnit.objects.none(),
        required=False,
        empty_label=_("Tất cả"),
        widget=TreeSelect,
    )
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả")), *KeyTask.DisplayStatus.choices]
    )
    due_from = forms.DateField(label=_("Hạn từ ngày"), required=False, widget=DateInput())
    due_to = forms.DateField(label=_("đến ngày"), required=False, widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = visible_orgs(user).filter(is_external=False).order_by("path")
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]  # validation accepts any org in scope
        self.fields["org"].widget.choices = org_choices(orgs, selected=self.data.get("org") if self.is_bound else None)


def task_filters(request: HttpRequest, *, default_year: int | None) -> tuple[TaskFilterForm, TaskFilters]:
    data = request.GET.copy()
    if "year" not in data and default_year:
        data["year"] = str(default_year)
    form = TaskFilterForm(data, user=request.user)
    filters = TaskFilters()
    if form.is_valid():
        c = form.cleaned_data
        filters = TaskFilters(
            year=c["year"], org=c["org"], status=c["status"], due_from=c["due_from"], due_to=c["due_to"]
        )
    return form, filters


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp XLSX đã sửa"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
        error_messages={"required": _("Hãy chọn tệp XLSX để nhập.")},
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        validate_upload(upload, allowed=(".xlsx",))
        return upload
