from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from dangvu.lib.vn_text import clean


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý chữ hoa, chữ thường."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class TokenForm(forms.Form):
    """A new personal token: a name to recognise it by and the day it stops working."""

    name = forms.CharField(label=_("Tên gợi nhớ"), max_length=80, help_text=_("Ví dụ: Máy chủ báo cáo, bảng tính"))
    expires_on = forms.DateField(
        label=_("Hết hạn ngày"),
        help_text=_("dd/mm/yyyy, tối đa một năm kể từ hôm nay"),
        widget=forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}
        ),
    )

    def clean_name(self) -> str:
        return clean(self.cleaned_data["name"])
