"""Chọn trong danh sách dài: choosing members, organizations or plans among a province's.

A select writes every choice into the page. At province scale the key-task form listed all 200,000 members
for "người phụ trách" (13.8 MB, 21.7 s), and the new-member form all 10,000 cells. Past LISTED choices, a
lookup field shows a search box and, below it, only what is chosen. As the user types, htmx asks the page
itself for the matches (`answer`), so they come from the form's own queryset, scoped as the page is; Enter
in the search box searches too, rather than sending the form half filled (static/js/dangvu.js).
Without JavaScript the search box still works: its text is resolved when the form is sent, one match is
taken and several are listed to choose from, with the user's other input kept.

A model is chosen this way when it says how it is found and shown: its `lookup_by` (Searchable).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from dangvu.lib.vn_text import clean, fold

LISTED = 300  # up to this many choices, the field lists them all, as a plain select
SHOWN = 50  # matches listed for one search: more asks the user to type more
PARAM = "_lookup"  # the query parameter naming the field whose matches htmx asks for


@dataclass(frozen=True)
class Search:
    """What a lookup field was sent: the text of its search box and the choices selected or ticked."""

    text: str
    chosen: tuple[str, ...]

    @property
    def keys(self) -> list[str]:
        """The chosen that can be primary keys (a forged value is left for the field to refuse)."""
        return [key for key in self.chosen if key.isdigit()]


@dataclass(frozen=True)
class Searchable:
    """How a model's rows are found by what a user types, and shown so that two of one name differ."""

    words: tuple[str, ...]  # text without diacritics (vn_text.fold) whose words start with the words typed
    hint: Any  # what to type, as the search box's placeholder
    label: Callable[[Any], str] = str  # a row as listed: with its cell, its committee...
    # Fields that start with a word typed: a card number, a year, a username. As typed (PostgreSQL's
    # UPPER() on every member doubled the time of a search that matches nothing: 55 → 120 ms).
    starts: tuple[str, ...] = ()
    related: tuple[str, ...] = ()  # what the label reads, fetched with the rows


def _searchable(queryset: QuerySet[Any]) -> Searchable:
    return cast(Searchable, queryset.model.lookup_by)


def matching(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """The rows with a word starting with each word typed, diacritics ignored ("an" finds "Nguyễn Văn An",
    not "Trần Thị Lan"), or a field starting with it (a member's card number, a plan's year)."""
    searchable = _searchable(queryset)
    for word in fold(text).split():
        condition = Q()
        for name in searchable.words:
            condition |= Q(**{f"{name}__startswith": word}) | Q(**{f"{name}__contains": f" {word}"})
        for name in searchable.starts:
            condition |= Q(**{f"{name}__startswith": word})
        queryset = queryset.filter(condition)
    return queryset


def options_html(pairs: Iterable[tuple[Any, Any]], chosen: set[str]) -> SafeString:
    """The <option>s of (value, label) pairs, written with the standard library's escape: Django's templates,
    one per option, took about 50 ms for 300 options (organization.forms.TreeSelect)."""
    return mark_safe(  # noqa: S308  (every value is escaped)
        "".join(
            f'<option value="{escape(str(value))}"{" selected" if str(value) in chosen else ""}>'
            f"{escape(str(label))}</option>"
            for value, label in pairs
        )
    )


def _with_labels(queryset: QuerySet[Any]) -> QuerySet[Any]:
    related = _searchable(queryset).related
    return queryset.select_related(*related) if related else queryset


def _what(queryset: QuerySet[Any]) -> str:
    return str(queryset.model._meta.verbose_name)


def resolve(queryset: QuerySet[Any], search: Search, *, multiple: bool) -> list[str]:
    """The choices meant by what a lookup field was sent: what is chosen if it matches the search box's text,
    else the text's one match (added to the ticked ones of a multiple field); several or none is an error."""
    matches = matching(queryset, search.text)
    if search.keys and matches.filter(pk__in=search.keys).exists():
        return list(search.chosen)
    found = [str(pk) for pk in matches.values_list("pk", flat=True)[:2]]
    if len(found) == 1:
        return [*search.chosen, *found] if multiple else found
    values = {"what": _what(queryset), "text": search.text}
    if not found:
        message = _("Không tìm thấy %(what)s nào khớp “%(text)s”. Hãy gõ lại, hoặc xóa ô tìm kiếm.")
    else:
        message = _("Có nhiều %(what)s khớp “%(text)s”: hãy chọn trong danh sách, hoặc gõ thêm cho rõ.")
    raise forms.ValidationError(message % values, code="lookup")


class LookupSelect(forms.Select):
    """The widget of a lookup field: a plain select up to LISTED choices, else a search box and the chosen."""

    multiple = False
    field_label = ""  # set by use_lookup: the search box is named after its field

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        getter = getattr(data, "getlist", None)
        chosen = [v for v in (getter(name) if getter else [data.get(name)]) if v not in (None, "")]
        text = clean(data.get(f"{name}_q") or "")
        if text:
            return Search(text, tuple(str(v) for v in chosen))
        if self.multiple:
            return chosen
        return chosen[0] if chosen else None

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not self.multiple and name not in data and f"{name}_q" not in data

    def id_for_label(self, id_: str, index: str = "0") -> str:
        return "" if self.multiple else id_

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> SafeString:
        queryset: QuerySet[Any] = self.choices.queryset  # type: ignore[attr-defined]
        search = value if isinstance(value, Search) else Search("", self._keys(value))
        attrs = self.build_attrs(self.attrs, attrs)
        if attrs.get("disabled"):  # shown, not changed here: what is chosen is enough
            chosen = queryset.filter(pk__in=search.keys) if search.keys else []
            return self._plain(name, attrs, chosen, search.chosen)
        # counted unordered first: ordering a province's 20,000 plans costs more than counting 301 of them
        if not search.text and len(queryset.order_by().values_list("pk", flat=True)[: LISTED + 1]) <= LISTED:
            return self._plain(name, attrs, queryset, search.chosen)
        options, status = self.listing(name, search)
        box_id = attrs.get("id", f"id_{name}")
        target = f"{box_id}_box" if self.multiple else box_id
        hint = str(_searchable(queryset).hint)
        search_box = format_html(
            '<input type="search" name="{}_q" id="{}_q" value="{}" placeholder="{}" aria-label="{}"'
            ' aria-describedby="{}_status" autocomplete="off" class="lookup-q"'
            ' hx-get="" hx-trigger="input changed delay:300ms, search" hx-target="#{}" hx-swap="innerHTML"'
            ' hx-include="#{}" hx-vals="{}" hx-sync="this:replace">',
            name,
            box_id,
            search.text,
            hint + "…",
            _("Tìm: %(field)s") % {"field": self.field_label} if self.field_label else hint,
            box_id,
            target,
            target,
            json.dumps({PARAM: name}),
        )
        return format_html(
            '<div class="lookup">{}{}{}</div>', search_box, self._wrap(name, attrs, options), _status(box_id, status)
        )

    def listing(self, name: str, search: Search) -> tuple[SafeString, str]:
        """The chosen and the matches of the search box's text, as the control's inner HTML, and a status line."""
        queryset: QuerySet[Any] = self.choices.queryset  # type: ignore[attr-defined]
        chosen = list(_with_labels(queryset.filter(pk__in=search.keys))) if search.keys else []
        matches: list[Any] = []
        status = ""
        if search.text:
            picked = {obj.pk for obj in chosen}
            # The first matches in the table's order, then those put in the list's order: ordered by a name's
            # index, a text that matches nothing read 200,000 members through that index (SQLite: 350 ms, not 60).
            first = list(
                matching(queryset, search.text)
                .exclude(pk__in=picked)
                .order_by("pk")
                .values_list("pk", flat=True)[: SHOWN + 1]
            )
            found = list(_with_labels(queryset.filter(pk__in=first))) if first else []
            matches = found[:SHOWN]
            if not found and not chosen:
                status = _("Không tìm thấy “%(text)s”.") % {"text": search.text}
            elif len(found) > SHOWN:
                status = _("Hơn %(n)d kết quả: gõ thêm để thu hẹp.") % {"n": SHOWN}
            else:
                status = ngettext("%(n)d kết quả.", "%(n)d kết quả.", len(found)) % {"n": len(found)}
            if not chosen and len(found) == 1 and not self.multiple:
                chosen, matches = found, []  # the one match is what the form will take
        else:
            status = _("Gõ vài chữ để tìm; chỉ những mục khớp được liệt kê.")
        label = _searchable(queryset).label
        rows = [(obj, label(obj)) for obj in [*chosen, *matches]]
        return self._items(name, rows, {str(obj.pk) for obj in chosen}, lookup=True), status

    def _plain(self, name: str, attrs: dict[str, Any], rows: Any, chosen: tuple[str, ...]) -> SafeString:
        """Every choice, labelled as the field labels them: a short list, or a disabled field's chosen. Two
        choices of one label (two members named alike) get the searchable label instead, which tells them
        apart ("Nguyễn Văn An · 01000001 · Chi bộ A"): one more query, only when there are such twins."""
        field = self.choices.field  # type: ignore[attr-defined]
        labelled = [(obj, str(field.label_from_instance(obj))) for obj in rows]
        seen = Counter(text for _obj, text in labelled)
        twins = [obj.pk for obj, text in labelled if seen[text] > 1]
        if twins:
            queryset: QuerySet[Any] = self.choices.queryset  # type: ignore[attr-defined]
            label = _searchable(queryset).label
            detailed = {obj.pk: label(obj) for obj in _with_labels(queryset.filter(pk__in=twins))}
            labelled = [(obj, detailed.get(obj.pk, text)) for obj, text in labelled]
        return self._wrap(name, attrs, self._items(name, labelled, set(chosen), lookup=False))

    def _keys(self, value: Any) -> tuple[str, ...]:
        if value in (None, ""):
            return ()
        values = value if isinstance(value, list | tuple) else [value]
        return tuple(str(getattr(v, "pk", v)) for v in values if v not in (None, ""))

    def _wrap(self, name: str, attrs: dict[str, Any], inner: SafeString) -> SafeString:
        if self.multiple:
            box = {"id": f"{attrs.get('id', 'id_' + name)}_box", "class": "choice-box", "role": "group"}
            if self.field_label:
                box["aria-label"] = self.field_label
            return format_html("<div{}>{}</div>", forms.utils.flatatt(box), inner)
        return format_html('<select name="{}"{}>{}</select>', name, forms.utils.flatatt(attrs), inner)

    def _items(self, name: str, rows: list[Any], chosen: set[str], *, lookup: bool) -> SafeString:
        field = self.choices.field  # type: ignore[attr-defined]
        if self.multiple:
            name = escape(name)
            items = "".join(
                f'<label class="choice"><input type="checkbox" name="{name}" value="{escape(str(obj.pk))}"'
                f"{' checked' if str(obj.pk) in chosen else ''}> {escape(text)}</label>"
                for obj, text in rows
            )
            return mark_safe(items)  # noqa: S308  (every value above is escaped)
        empty = [("", field.empty_label or "---------")] if field.empty_label is not None or lookup else []
        return options_html([*empty, *((obj.pk, text) for obj, text in rows)], chosen)


class LookupSelectMultiple(LookupSelect):
    """Several choices: ticked boxes, all of them up to LISTED, else the ticked and the matches of a search."""

    multiple = True
    allow_multiple_selected = True


class LookupChoiceField(forms.ModelChoiceField):
    widget = LookupSelect

    def to_python(self, value: Any) -> Any:
        if isinstance(value, Search):
            value = resolve(cast("QuerySet[Any]", self.queryset), value, multiple=False)[0]
        return super().to_python(value)


class LookupMultipleChoiceField(forms.ModelMultipleChoiceField):
    widget = LookupSelectMultiple

    def clean(self, value: Any) -> Any:
        if isinstance(value, Search):
            value = resolve(cast("QuerySet[Any]", self.queryset), value, multiple=True)
        return super().clean(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        return isinstance(data, Search) or super().has_changed(initial, data)


def use_lookup(form: forms.BaseForm, *names: str) -> None:
    """Make the named model choice fields lookup fields, keeping their queryset, label and rules."""
    for name in names:
        old: Any = form.fields[name]
        multiple = isinstance(old, forms.ModelMultipleChoiceField)
        kind: Any = LookupMultipleChoiceField if multiple else LookupChoiceField
        options = {} if multiple else {"empty_label": old.empty_label}
        new = kind(
            queryset=old.queryset,
            required=old.required,
            label=old.label,
            help_text=old.help_text,
            initial=old.initial,
            disabled=old.disabled,
            **options,
        )
        new.widget.field_label = str(old.label or "")
        form.fields[name] = new


def answer(request: HttpRequest, form: forms.BaseForm) -> HttpResponse | None:
    """The matches for a lookup field's search box, when htmx asks the form's page for them; else None.

    The page's view builds its form, scoped to the user, before calling this: the matches are its choices.
    """
    name = request.GET.get(PARAM)
    if request.method != "GET" or not name:
        return None
    key = next((key for key in form.fields if form.add_prefix(key) == name), "")
    field = form.fields.get(key)
    if not isinstance(field, LookupChoiceField | LookupMultipleChoiceField):
        return HttpResponseBadRequest(_("Ô này không tìm kiếm được."))
    widget: LookupSelect = field.widget  # type: ignore[assignment]
    search = Search(clean(request.GET.get(f"{name}_q") or ""), tuple(request.GET.getlist(name)))
    options, status = widget.listing(name, search)
    return HttpResponse(options + _status(form[key].auto_id, status, swap=True))


def _status(box_id: str, text: str, *, swap: bool = False) -> SafeString:
    """The line under a search box that says what was found, read out by screen readers; `swap` for htmx to
    put it in place of the page's one."""
    oob = mark_safe(' hx-swap-oob="true"') if swap else ""  # noqa: S308  (a constant)
    return format_html('<p class="lookup-status muted" id="{}_status" role="status"{}>{}</p>', box_id, oob, text)
