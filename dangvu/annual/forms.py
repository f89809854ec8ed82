from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dangvu.annual.models import SECTION_KEYS
from dangvu.core.lookup import use_lookup
from dangvu.organization.forms import DateInput, NFCFormMixin
from dangvu.organization.models import PartyOrg


class ReportCreateForm(forms.Form):
    org = forms.ModelChoiceField(label=_("Tổ chức đảng"), queryset=PartyOrg.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]
        use_lookup(self, "org")
        if not self.is_bound:
            self.fields["year"].initial = timezone.localdate().year - 1
            first = orgs.order_by("path").first()
            if first is not None:
                self.fields["org"].initial = first.pk


class SectionForm(NFCFormMixin, forms.Form):
    section = forms.ChoiceField(choices=[(k, k) for k in SECTION_KEYS], widget=forms.HiddenInput)
    text = forms.CharField(label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 12}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ConferenceOpenForm(NFCFormMixin, forms.Form):
    day = forms.DateField(label=_("Ngày họp"), widget=DateInput())
    time = forms.TimeField(label=_("Giờ"), initial=datetime.time(8, 0), widget=forms.TimeInput(format="%H:%M"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)

    def when(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.cleaned_data["day"], self.cleaned_data["time"]))


class CompareForm(forms.Form):
    a = forms.IntegerField(label=_("Phiên bản cũ"), min_value=1)
    b = forms.IntegerField(label=_("Phiên bản mới"), min_value=1)
