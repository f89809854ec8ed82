"""Forms of the intake page: the source (text or file), then the proposals as formsets to edit, drop or add."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.intake import reading
from dangvu.intake.models import ConferenceParticipant
from dangvu.intake.services import EVENT_TYPES
from dangvu.meetings.models import Conference
from dangvu.organization.forms import DateInput, NFCFormMixin
from dangvu.organization.models import PartyOrg

EVENT_TYPE_CHOICES = [
    ("review_conference", _("Hội nghị tổng kết")),
    ("mid_year_review", _("Hội nghị sơ kết")),
    ("congress", _("Đại hội")),
    ("committee_session", _("Hội nghị Ban Chấp hành, phiên họp")),
    ("cell_meeting", _("Sinh hoạt chi bộ")),
    ("thematic_meeting", _("Sinh hoạt chuyên đề")),
    ("other", _("Khác")),
]
assert {key for key, _label in EVENT_TYPE_CHOICES} == set(EVENT_TYPES)


class SourceForm(forms.Form):
    """Dán văn bản hoặc chọn tệp: the text is kept exactly as given (NFC only), its offsets are the highlights'."""

    org = forms.ModelChoiceField(label=_("Đảng bộ"), queryset=PartyOrg.objects.none(), empty_label=None)
    text = forms.CharField(
        label=_("Dán nội dung bài viết hoặc biên bản"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )
    file = forms.FileField(
        label=_("hoặc chọn tệp (.txt hoặc .docx, tới 2 MB)"),
        required=False,
        allow_empty_file=True,  # our message for an empty file, not the generic one
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        use_lookup(self, "org")
        first = orgs.order_by("path").first()
        if first is not None:
            self.fields["org"].initial = first.pk

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        text, upload = data.get("text") or "", data.get("file")
        if upload is not None and text.strip():
            raise ValidationError(_("Hãy dán văn bản hoặc chọn tệp, không dùng cả hai cùng lúc."))
        if upload is not None:
            if (upload.size or 0) > reading.MAX_FILE_BYTES:
                # refused before reading it into memory
                raise ValidationError(
                    _("Tệp “%(name)s” quá lớn (%(size).1f MB): chỉ nhận tệp tới %(max)d MB.")
                    % {"name": upload.name, "size": upload.size / 1048576, "max": reading.MAX_FILE_BYTES // 1048576}
                )
            data["source"] = reading.check_text(reading.read_bytes(upload.read(), upload.name or ""))
            data["file_name"] = upload.name or ""
        else:
            data["source"] = reading.check_text(text)
            data["file_name"] = ""
        return data


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


class EventForm(NFCFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300, required=False)
    type = forms.ChoiceField(label=_("Loại sự kiện (theo bài viết)"), choices=EVENT_TYPE_CHOICES)
    kind = forms.ChoiceField(label=_("Ghi thành hội nghị loại"), choices=Conference.Kind.choices)
    date = forms.DateField(label=_("Ngày diễn ra"), required=False, widget=DateInput())
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    organizer = forms.CharField(label=_("Đơn vị tổ chức"), max_length=255, required=False)
    span = forms.CharField(required=False, widget=forms.HiddenInput)

    def proposal(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "type": data["type"],
            "kind": data["kind"],
            "date": _iso(data["date"]),
            "place": data["place"] or None,
            "organizer": data["organizer"] or None,
            "span": _span(data["span"]),
        }


def _span(value: str) -> list[int] | None:
    try:
        start, end = (int(part) for part in (value or "").split("-"))
    except ValueError:
        return None
    return [start, end] if 0 <= start < end else None


def span_initial(span: Any) -> str:
    return f"{span[0]}-{span[1]}" if span else ""


class ItemForm(NFCFormMixin, forms.Form):
    """One achievement or shortcoming."""

    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    span = forms.CharField(required=False, widget=forms.HiddenInput)

    def proposal(self) -> dict[str, Any]:
        return {"text": self.cleaned_data["text"], "span": _span(self.cleaned_data["span"])}


class PersonForm(NFCFormMixin, forms.Form):
    name = forms.CharField(label=_("Họ và tên"), max_length=255)
    titles = forms.CharField(
        label=_("Chức danh"), required=False, max_length=1000, help_text=_("Nhiều chức danh cách nhau bởi dấu “;”.")
    )
    role_in_event = forms.ChoiceField(label=_("Vai trò"), choices=ConferenceParticipant.Role.choices)
    member = forms.TypedChoiceField(label=_("Liên kết với đảng viên"), required=False, coerce=int, empty_value=None)
    span = forms.CharField(required=False, widget=forms.HiddenInput)
    match_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def proposal(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "name": data["name"],
            "titles": [t.strip() for t in data["titles"].split(";") if t.strip()],
            "role_in_event": data["role_in_event"],
            "member": data["member"],
            "span": _span(data["span"]),
            "match_key": data["match_key"],
        }


class DirectiveForm(NFCFormMixin, forms.Form):
    text = forms.CharField(label=_("Nội dung chỉ đạo"), widget=forms.Textarea(attrs={"rows": 3}))
    addressee = forms.CharField(label=_("Đối tượng thực hiện"), max_length=255, required=False)
    deadline = forms.CharField(label=_("Thời hạn (theo bài viết)"), max_length=255, required=False)
    make_task = forms.BooleanField(label=_("Giao thành nhiệm vụ trọng tâm"), required=False)
    owner = forms.TypedChoiceField(label=_("Tổ chức đảng chủ trì"), required=False, coerce=int, empty_value=None)
    due_date = forms.DateField(label=_("Hạn hoàn thành"), required=False, widget=DateInput())
    span = forms.CharField(required=False, widget=forms.HiddenInput)

    def proposal(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "text": data["text"],
            "addressee": data["addressee"] or None,
            "deadline": data["deadline"] or None,
            "make_task": data["make_task"],
            "owner": data["owner"],
            "due_date": _iso(data["due_date"]),
            "span": _span(data["span"]),
        }


ItemFormSet = forms.formset_factory(ItemForm, extra=1, can_delete=True, max_num=2000)
PersonFormSet = forms.formset_factory(PersonForm, extra=1, can_delete=True, max_num=2000)
DirectiveFormSet = forms.formset_factory(DirectiveForm, extra=1, can_delete=True, max_num=2000)
