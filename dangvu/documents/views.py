"""Pages of the document register. Thin: access (documents.access), a form, a service or selector, a template."""

from __future__ import annotations

import tempfile
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.core import lookup
from dangvu.core.aggregates import ListPaginator, cached_count
from dangvu.core.http import query_without, too_long
from dangvu.core.uploads import attachment_response
from dangvu.documents import access, book, selectors, services
from dangvu.documents.docx_party import CONTENT_TYPE as DOCX_TYPE
from dangvu.documents.forms import AttachForm, EditForm, IncomingForm, OutgoingForm, RegisterFilterForm, UploadForm
from dangvu.documents.models import DocType, Document
from dangvu.intake.extractors.header import parse_header
from dangvu.lib.vn_text import fold
from dangvu.organization.access import visible_orgs


def _errors(form: Any, err: ValidationError) -> None:
    for message in err.messages:
        form.add_error(None, message)


def _filters(request: HttpRequest) -> tuple[RegisterFilterForm, selectors.RegisterFilter]:
    direction = request.GET.get("direction")
    if direction not in Document.Direction.values:
        direction = Document.Direction.INCOMING
    form = RegisterFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, selectors.RegisterFilter(
        direction=direction,
        doc_type=data.get("doc_type") or "",
        confidentiality=data.get("confidentiality") or "",
        date_from=data.get("date_from"),
        date_to=data.get("date_to"),
    )


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    """Sổ đăng ký văn bản: incoming and outgoing tabs, filtered by period, type and confidentiality."""
    access.require(access.can_list(request.user))
    form, f = _filters(request)
    page = ListPaginator(selectors.register(request.user, f), settings.DANGVU_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "form": form,
            "direction": f.direction,
            "page": page,
            "query": query_without(request, "page"),
            "tab_query": query_without(request, "page", "direction"),
            "can_register": access.can_register_any(request.user),
            "Direction": Document.Direction,
        },
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_user(request.user, pk)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            **selectors.document_detail(document),
            "can_edit": access.can_register(request.user, document.org) and not document.is_archived,
            "attach_form": AttachForm(),
        },
    )


def _proposal(text: str) -> dict[str, Any]:
    header = parse_header(text)
    initial: dict[str, Any] = {}
    if header.symbol:
        initial["symbol"] = header.symbol
    if header.date:
        initial["date"] = header.date
    if header.doc_type in DocType.values:
        initial["doc_type"] = header.doc_type
    if header.issuer:
        initial["issuer_name"] = header.issuer
    if header.summary:
        initial["summary"] = header.summary
    return initial


@login_required
def incoming_create(request: HttpRequest) -> HttpResponse:
    """Vào sổ văn bản đến: typed, or proposed from an uploaded DOCX/PDF's header for the clerk to confirm."""
    access.require(access.can_register_any(request.user))
    upload_form = UploadForm()
    pending = None
    proposed: list[str] = []
    if request.method == "POST" and request.POST.get("step") == "read":
        upload_form = UploadForm(request.POST, request.FILES)
        form = IncomingForm(user=request.user)
        if upload_form.is_valid():
            try:
                pending = services.file_upload(upload=upload_form.cleaned_data["file"], user=request.user)
            except ValidationError as err:
                _errors(upload_form, err)
            else:
                initial = _proposal(pending.text)
                proposed = [str(form.fields[name].label) for name in initial]
                form = IncomingForm(initial={**form.initial, **initial, "upload": pending.pk}, user=request.user)
                if not pending.text:
                    messages.warning(request, _("Không đọc được chữ trong tệp (có thể là ảnh quét): hãy nhập tay."))
    elif request.method == "POST":
        form = IncomingForm(request.POST, user=request.user)
        pending = selectors.pending_upload(request.user, request.POST.get("upload") or None)
        if form.is_valid():
            data = form.cleaned_data
            try:
                document = services.document_register_incoming(
                    org=data["org"],
                    doc_type=data["doc_type"],
                    symbol=data["symbol"],
                    date=data["date"],
                    issuer_name=data["issuer_name"],
                    summary=data["summary"],
                    recipients=data["recipients"],
                    confidentiality=data["confidentiality"],
                    note=data["note"],
                    user=request.user,
                    upload=pending,
                )
            except ValidationError as err:
                _errors(form, err)
            else:
                messages.success(request, _("Đã vào sổ văn bản đến %(s)s.") % {"s": document.symbol})
                return redirect(document)
    else:
        form = IncomingForm(user=request.user)
        if (matches := lookup.answer(request, form)) is not None:
            return matches
    return render(
        request,
        "documents/incoming_form.html",
        {"form": form, "upload_form": upload_form, "pending": pending, "proposed": proposed},
    )


@login_required
def outgoing_create(request: HttpRequest) -> HttpResponse:
    """Cấp số văn bản đi: the register gives the next number when the clerk presses "Cấp số"."""
    access.require(access.can_register_any(request.user))
    form = OutgoingForm(request.POST or None, user=request.user)
    if (matches := lookup.answer(request, form)) is not None:
        return matches
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_issue_outgoing(
                issuer=data["org"],
                doc_type=data["doc_type"],
                summary=data["summary"],
                date=data["date"] or timezone.localdate(),
                recipients=data["recipients"],
                confidentiality=data["confidentiality"],
                note=data["note"],
                user=request.user,
            )
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã cấp số %(s)s.") % {"s": document.symbol})
            return redirect(document)
    return render(request, "documents/outgoing_form.html", {"form": form})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_user(request.user, pk, write=True)
    outgoing = document.direction == Document.Direction.OUTGOING
    initial = {name: getattr(document, name) for name in (*services.EDITABLE, *services.EDITABLE_INCOMING)}
    form = EditForm(request.POST or None, initial=initial, outgoing=outgoing)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.document_update(document=document, user=request.user, **changed)
        except ValidationError as err:
            _errors(form, err)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(document)
    return render(request, "documents/edit_form.html", {"form": form, "document": document})


@login_required
@require_POST
def document_archive(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_user(request.user, pk, write=True)
    services.document_archive(document=document, user=request.user)
    messages.success(request, _("Đã lưu trữ văn bản %(s)s; số của nó không được cấp lại.") % {"s": document.symbol})
    return redirect("documents:document_list")


@login_required
@require_POST
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = access.get_document_for_user(request.user, pk, write=True)
    form = AttachForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.file_upload(upload=form.cleaned_data["file"], user=request.user, document=document)
        except ValidationError as err:
            for message in err.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã đính kèm tệp."))
    else:
        messages.error(request, _("Chưa chọn tệp."))
    return redirect(document)


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    stored = access.get_file_for_user(request.user, pk)
    return attachment_response(stored.file, download_name=stored.name)


def _book_title(request: HttpRequest, f: selectors.RegisterFilter) -> book.BookTitle:
    root = access.register_orgs(request.user).order_by("depth", "path").first()
    if root is None:
        root = visible_orgs(request.user).order_by("depth", "path").first()
    return book.BookTitle(
        org_name=root.name if root else "",
        direction=f.direction,
        date_from=f.date_from,
        date_to=f.date_to,
        doc_type_label=str(DocType(f.doc_type).label) if f.doc_type else "",
    )


def _book_name(f: selectors.RegisterFilter, ext: str) -> str:
    kind = "so-van-ban-den" if f.direction == Document.Direction.INCOMING else "so-van-ban-di"
    parts = [kind, fold(f.doc_type) if f.doc_type else ""]
    if f.date_from:
        parts.append(f"{f.date_from:%Y%m%d}")
    if f.date_to:
        parts.append(f"{f.date_to:%Y%m%d}")
    return "-".join(p for p in parts if p) + "." + ext


def _too_long(request: HttpRequest, entries: Any, ext: str) -> HttpResponse | None:
    message = _(
        "Sổ theo bộ lọc có %(n)s văn bản, quá %(max)s để in một lần: "
        "hãy chọn khoảng thời gian ngắn hơn hoặc một thể loại."
    )
    return too_long(request, cached_count(entries), book.MAX_ENTRIES[ext], message, "documents:document_list")


@login_required
def book_xlsx(request: HttpRequest) -> HttpResponseBase:
    access.require(access.can_list(request.user))
    _form, f = _filters(request)
    entries = selectors.book(request.user, f)
    if refused := _too_long(request, entries, "xlsx"):
        return refused
    out = tempfile.SpooledTemporaryFile(max_size=5 * 1024 * 1024)  # noqa: SIM115 - FileResponse closes it
    book.write_xlsx(entries.iterator(chunk_size=1000), _book_title(request, f), out)
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=_book_name(f, "xlsx"), content_type=book.XLSX_TYPE)


@login_required
def book_docx(request: HttpRequest) -> HttpResponse:
    access.require(access.can_list(request.user))
    _form, f = _filters(request)
    entries = selectors.book(request.user, f)
    if refused := _too_long(request, entries, "docx"):
        return refused
    data = book.build_docx(entries.iterator(chunk_size=1000), _book_title(request, f))
    response = HttpResponse(data, content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{_book_name(f, "docx")}"'
    return response
