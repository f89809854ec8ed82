from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from dangvu.core.lookup import use_lookup
from dangvu.organization.forms import DateInput, NFCFormMixin
from dangvu.organization.models import Member, PartyOrg
from dangvu.rating.models import Level, MemberRating

LEVEL_CHOICES = [("", "---------"), *Level.choices]


def _text(label: Any, required: bool = False) -> forms.CharField:
    return forms.CharField(label=label, required=required, widget=forms.Textarea(attrs={"rows": 4}))


def _score() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Điểm (thang 100)"), required=False, min_value=0, max_value=100, help_text=_("Theo Quy định 366-QĐ/TW")
    )


class CycleForm(NFCFormMixin, forms.Form):
    org = forms.ModelChoiceField(label=_("Đảng bộ, chi bộ cơ sở"), queryset=PartyOrg.objects.none())
    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=2000, max_value=2100)
    self_from = forms.DateField(label=_("Tự kiểm điểm từ ngày"), widget=DateInput())
    self_to = forms.DateField(label=_("Tự kiểm điểm đến ngày"), widget=DateInput())
    cell_review_by = forms.DateField(label=_("Chi bộ kiểm điểm trước ngày"), widget=DateInput())
    decision_by = forms.DateField(label=_("Cấp ủy quyết định trước ngày"), widget=DateInput())

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs.order_by("path")  # type: ignore[attr-defined]
        use_lookup(self, "org")


def _self_fields() -> dict[str, forms.Field]:
    labels = {f.name: f.verbose_name for f in MemberRating._meta.get_fields() if hasattr(f, "verbose_name")}
    return {
        "politics": _text(labels["politics"]),
        "ethics": _text(labels["ethics"]),
        "discipline": _text(labels["discipline"]),
        "duties": _text(labels["duties"], required=True),
        "commitment_result": _text(labels["commitment_result"]),
        "shortcomings": _text(labels["shortcomings"]),
        "remedies": _text(labels["remedies"]),
        "plan": _text(labels["plan"]),
    }


class SelfForm(NFCFormMixin, forms.Form):
    """Bản kiểm điểm cá nhân."""

    level = forms.ChoiceField(label=_("Tự nhận mức xếp loại"), choices=LEVEL_CHOICES)
    score = _score()

    def __init__(self, *args: Any, points: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = _self_fields()
        for name, f in fields.items():
            self.fields[name] = f
        self.order_fields([*fields, "level", "score"])
        if not points:
            del self.fields["score"]


class ReviewForm(NFCFormMixin, forms.Form):
    """Kiểm điểm tại chi bộ."""

    comment = _text(_("Nhận xét, góp ý của chi bộ"), required=True)
    votes_for = forms.IntegerField(label=_("Số phiếu tán thành"), min_value=0)
    votes_against = forms.IntegerField(label=_("Số phiếu không tán thành"), min_value=0)
    disciplined = forms.BooleanField(label=_("Bị kỷ luật trong năm"), required=False)
    score = _score()
    level = forms.ChoiceField(label=_("Chi bộ đề nghị mức xếp loại"), choices=LEVEL_CHOICES)

    def __init__(self, *args: Any, points: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not points:
            del self.fields["score"]


class DecideForm(NFCFormMixin, forms.Form):
    level = forms.ChoiceField(label=_("Cấp ủy quyết định mức xếp loại"), choices=LEVEL_CHOICES)
    note = _text(_("Ghi chú"))


class CollectiveSelfForm(NFCFormMixin, forms.Form):
    report = _text(_("Báo cáo kiểm điểm của tập thể"), required=True)
    level = forms.ChoiceField(label=_("Tự nhận mức xếp loại"), choices=LEVEL_CHOICES)
    score = _score()

    def __init__(self, *args: Any, points: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not points:
            del self.fields["score"]


class ProposeForm(NFCFormMixin, forms.Form):
    comment = _text(_("Ý kiến thẩm định"))
    level = forms.ChoiceField(label=_("Đề nghị mức xếp loại"), choices=LEVEL_CHOICES)


class CommitmentForm(NFCFormMixin, forms.Form):
    member = forms.ModelChoiceField(label=_("Đảng viên"), queryset=Member.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    text = _text(_("Nội dung cam kết tu dưỡng, rèn luyện"), required=True)

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members.order_by("sort_key")  # type: ignore[attr-defined]
        use_lookup(self, "member")
