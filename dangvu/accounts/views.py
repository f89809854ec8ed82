"""The user's own personal API tokens (mã truy cập cá nhân): list, create (the secret shown once), revoke."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dangvu.accounts import services
from dangvu.accounts.forms import TokenForm
from dangvu.accounts.models import PersonalToken


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    """Mã truy cập cá nhân: the user's tokens, and the form to create one."""
    secret = None
    if request.method == "POST":
        form = TokenForm(request.POST)
        if form.is_valid():
            try:
                token, secret = services.token_create(
                    user=request.user, name=form.cleaned_data["name"], expires_on=form.cleaned_data["expires_on"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Đã tạo mã truy cập “%(name)s”.") % {"name": token.name})
                form = TokenForm()
    else:
        form = TokenForm(initial={"expires_on": timezone.localdate() + datetime.timedelta(days=90)})
    user: Any = request.user  # signed in (login_required)
    tokens = PersonalToken.objects.filter(user=user)
    context = {"form": form, "tokens": tokens, "secret": secret, "today": timezone.localdate()}
    return render(request, "accounts/token_list.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    token = get_object_or_404(PersonalToken, pk=pk, user=user)  # another user's token: 404
    services.token_revoke(token=token)
    messages.success(request, _("Đã thu hồi mã truy cập “%(name)s”.") % {"name": token.name})
    return redirect("accounts:token_list")
