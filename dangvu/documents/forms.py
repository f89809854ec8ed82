"""Forms of the document register. The number of an outgoing document is never a field: the register issues it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.documents import access
from dangvu.documents.models import Confidentiality, DocType
from dangvu.organization.forms import DateInput, NFCFormMixin
from dangvu.organization.models import PartyOrg

TYPE_CHOICES = [("", _("Tất cả"))] + list(DocType.choices)
TYPE_REQUIRED = [("", "—")] + list(DocType.choices)


class RegisterFilterForm(forms.Form):
    doc_type = forms.ChoiceField(label=_("Thể loại"), choices=TYPE_CHOICES, required=False)
    confidentiality = forms.ChoiceField(
        label=_("Độ mật"), choices=[("", _("Tất cả")), *Confidentiality.choices], required=False
    )
    date_from = forms.DateField(label=_("Từ ngày"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Đến ngày"), required=False, widget=DateInput())


class _RegisterOrgMixin(forms.Form):
    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = access.register_orgs(user).exclude(kind__in=PartyOrg.CELL_KINDS)
        field = self.fields["org"]
        field.queryset = orgs  # type: ignore[attr-defined]
        self._only_org = orgs.first() if orgs.count() == 1 else None
        if self._only_org is not None:
            # one register kept: nothing to choose
            field.initial = self._only_org
            field.required = False
            field.widget = forms.HiddenInput()
        else:
            use_lookup(self, "org")

    def clean_org(self) -> PartyOrg | None:
        org = self.cleaned_data.get("org") or self._only_org
        if org is None:
            raise forms.ValidationError(_("Hãy chọn sổ của tổ chức nào."))
        return org


class IncomingForm(NFCFormMixin, _RegisterOrgMixin):
    org = forms.ModelChoiceField(label=_("Sổ của"), queryset=PartyOrg.objects.none())
    doc_type = forms.ChoiceField(
        label=_("Thể loại"),
        choices=TYPE_REQUIRED,
        error_messages={"invalid_choice": _("Thể loại văn bản “%(value)s” không có trong danh mục.")},
    )
    symbol = forms.CharField(label=_("Số và ký hiệu"), max_length=60, help_text=_("Như in trên văn bản: 15-BC/ĐUK"))
    date = forms.DateField(label=_("Ngày văn bản"), widget=DateInput())
    issuer_name = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    summary = forms.CharField(label=_("Trích yếu"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    recipients = forms.CharField(label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confidentiality = forms.ChoiceField(label=_("Độ mật"), choices=Confidentiality.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)
    upload = forms.IntegerField(required=False, widget=forms.HiddenInput())


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp văn bản (DOCX hoặc PDF)"),
        help_text=_("Số, ngày, thể loại, cơ quan ban hành và trích yếu được đọc từ phần đầu văn bản để bạn xác nhận."),
    )


class OutgoingForm(NFCFormMixin, _RegisterOrgMixin):
    org = forms.ModelChoiceField(label=_("Cơ quan ban hành"), queryset=PartyOrg.objects.none())
    doc_type = forms.ChoiceField(
        label=_("Thể loại"),
        choices=TYPE_REQUIRED,
        error_messages={"invalid_choice": _("Thể loại văn bản “%(value)s” không có trong danh mục.")},
    )
    date = forms.DateField(
        label=_("Ngày ban hành"), required=False, widget=DateInput(), help_text=_("Để trống: hôm nay.")
    )
    summary = forms.CharField(label=_("Trích yếu"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
    recipients = forms.CharField(label=_("Nơi nhận"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    confidentiality = forms.ChoiceField(label=_("Độ mật"), choices=Confidentiality.choices)
    note = forms.CharField(label=_("Ghi chú"), max_length=500, required=False)


class EditForm(NFCFormMixin, forms.Form):
    """Sửa văn bản: for an outgoing document only what does not touch its number."""

    doc_type = IncomingForm.base_fields["doc_type"]
    symbol = IncomingForm.base_fields["symbol"]
    date = IncomingForm.base_fields["date"]
    issuer_name = IncomingForm.base_fields["issuer_name"]
    summary = IncomingForm.base_fields["summary"]
    recipients = IncomingForm.base_fields["recipients"]
    confidentiality = IncomingForm.base_fields["confidentiality"]
    note = IncomingForm.base_fields["note"]

    def __init__(self, *args: Any, outgoing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if outgoing:
            for name in ("doc_type", "symbol", "date", "issuer_name"):
                del self.fields[name]


class AttachForm(forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm (DOCX hoặc PDF)"))
