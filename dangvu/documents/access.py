"""Who reads and keeps the document register. Built on organization.access only.

- A document belongs to one organization's register. The office of that organization (or above) registers
  incoming documents, issues numbers, edits and archives.
- committee, inspection, observer and the office read the register of every organization in their subtree; a cell
  secretary reads their cell's register.
- Secret documents (mật, tối mật, tuyệt mật) are read only by the office and the committee; for everyone else they
  do not exist (404, left out of every list and printed book).
- A member without a role has no register (403 on the list, 404 on a document).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from dangvu.documents.models import SECRET_LEVELS, Document, DocumentFile
from dangvu.organization.access import path_q, scope_for
from dangvu.organization.models import PartyOrg, RoleAssignment

Role = RoleAssignment.Role
READ_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE, Role.INSPECTION, Role.OBSERVER, Role.CELL_SECRETARY}
SECRET_ROLES: set[str] = {Role.OFFICE, Role.COMMITTEE}
REGISTER_ROLES: set[str] = {Role.OFFICE}


def can_list(user: Any) -> bool:
    return scope_for(user).has_role(*READ_ROLES)


def document_q(user: Any, prefix: str = "") -> Q:
    """The documents `user` may read (prefix: the lookup from another model to Document)."""
    scope = scope_for(user)
    if scope.superuser:
        return Q()
    secret = Q(**{f"{prefix}confidentiality__in": SECRET_LEVELS})
    return (~secret & path_q(scope.paths(READ_ROLES), f"{prefix}org__path")) | (
        secret & path_q(scope.paths(SECRET_ROLES), f"{prefix}org__path")
    )


def visible_documents(user: Any) -> QuerySet[Document]:
    return Document.objects.active().filter(document_q(user))


def can_register(user: Any, org: PartyOrg) -> bool:
    return scope_for(user).covers(org.path, REGISTER_ROLES)


def register_orgs(user: Any) -> QuerySet[PartyOrg]:
    """The registers the user keeps."""
    scope = scope_for(user)
    qs = PartyOrg.objects.active()
    return qs if scope.superuser else qs.filter(path_q(scope.paths(REGISTER_ROLES), "path"))


def can_register_any(user: Any) -> bool:
    return scope_for(user).has_role(*REGISTER_ROLES)


def get_document_for_user(user: Any, pk: int, *, write: bool = False) -> Document:
    try:
        document = visible_documents(user).select_related("org", "registered_by", "issued_number").get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None
    if write and not can_register(user, document.org):
        raise PermissionDenied
    return document


def get_file_for_user(user: Any, pk: int) -> DocumentFile:
    qs = DocumentFile.objects.active().filter(document__archived_at__isnull=True).filter(document_q(user, "document__"))
    try:
        return qs.select_related("document").get(pk=pk)
    except DocumentFile.DoesNotExist:
        raise Http404 from None


def require(ok: bool) -> None:
    if not ok:
        raise PermissionDenied
