from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.meetings.models import Attendance, Conference, ConferenceConclusion, Meeting, Topic
from dangvu.organization.forms import DateInput, NFCFormMixin
from dangvu.organization.models import Member, PartyOrg


class WhenMixin(forms.Form):
    day = forms.DateField(label=_("Ngày"), widget=DateInput())
    time = forms.TimeField(label=_("Giờ"), initial=datetime.time(14, 0), widget=forms.TimeInput(format="%H:%M"))

    def when(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"]))


class MeetingForm(NFCFormMixin, WhenMixin):
    org = forms.ModelChoiceField(label=_("Chi bộ"), queryset=PartyOrg.objects.none())
    kind = forms.ChoiceField(label=_("Loại sinh hoạt"), choices=Meeting.Kind.choices)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    topic = forms.CharField(label=_("Nội dung, chủ đề"), max_length=300, required=False)
    topic_ref = forms.ModelChoiceField(label=_("Chuyên đề"), queryset=Topic.objects.active(), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, cells: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = cells  # type: ignore[attr-defined]
        use_lookup(self, "org")


class AgendaForm(NFCFormMixin, forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=300)
    presenter = forms.ModelChoiceField(label=_("Người trình bày"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Member.objects.active().filter(cell=meeting.org)  # type: ignore[attr-defined]


class DocumentForm(forms.Form):
    file = forms.FileField(label=_("Tài liệu"))


class MinutesForm(NFCFormMixin, forms.Form):
    opinions = forms.CharField(label=_("Ý kiến thảo luận"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TextForm(NFCFormMixin, forms.Form):
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))


class DatedTextForm(TextForm):
    date = forms.DateField(label=_("Ngày"), widget=DateInput())


class TaskForm(NFCFormMixin, forms.Form):
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500, required=False)
    due_date = forms.DateField(label=_("Hạn hoàn thành"), widget=DateInput())


ATTENDANCE_CHOICES = Attendance.Status.choices


class TopicForm(NFCFormMixin, forms.ModelForm):
    class Meta:
        model = Topic
        fields = ["title", "description", "resolution"]


class ConferenceForm(NFCFormMixin, WhenMixin):
    kind = forms.ChoiceField(label=_("Loại hội nghị"), choices=Conference.Kind.choices)
    title = forms.CharField(label=_("Tên hội nghị"), max_length=300)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)
    chair = forms.CharField(label=_("Chủ trì"), max_length=255, required=False)
    agenda = forms.CharField(label=_("Chương trình"), widget=forms.Textarea(attrs={"rows": 4}), required=False)


class ConferenceItemForm(NFCFormMixin, forms.Form):
    PART_CHOICES = [
        ("report", _("Báo cáo trình bày")),
        ("opinion", _("Ý kiến đại biểu")),
        (ConferenceConclusion.Kind.CONCLUSION, _("Kết luận")),
        (ConferenceConclusion.Kind.DIRECTIVE, _("Chỉ đạo")),
    ]
    part = forms.ChoiceField(label=_("Phần"), choices=PART_CHOICES)
    who = forms.CharField(label=_("Người trình bày / phát biểu"), max_length=255, required=False)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
    link = forms.URLField(label=_("Liên kết"), required=False, assume_scheme="https")
