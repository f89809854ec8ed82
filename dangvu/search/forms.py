"""The search form (GET): the query and its filters. Every field is optional; a bad value is simply ignored."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.organization.forms import DateInput, TreeSelect, org_choices
from dangvu.organization.models import PartyOrg
from dangvu.search.models import Kind


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, strip=True)
    kind = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả")), *Kind.choices])
    org = forms.ModelChoiceField(
        label=_("Tổ chức"), required=False, queryset=PartyOrg.objects.none(), widget=TreeSelect
    )
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["org"]
        field.queryset = orgs  # type: ignore[attr-defined]  # validation accepts any organization in scope
        selected = self.data.get("org") if self.is_bound else None
        field.widget.choices = org_choices(orgs.order_by("path"), selected=selected)

    def value(self, name: str) -> Any:
        """The cleaned value of a field, or None when it was missing or invalid (a bad filter is ignored)."""
        if not self.is_bound or name in self.errors:
            return None
        return self.cleaned_data.get(name) or None
