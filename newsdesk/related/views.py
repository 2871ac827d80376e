"""The side panel's "Use this" (admin.py): place a related box in a new draft revision.

A POST with Django's CSRF token (the middleware refuses one without); the editor must be
allowed to edit the page and hold no lock against it; the box goes into the latest draft and
is saved as a new revision (editor.place_box), never published. Any refusal is said in a
message on the editor page, and nothing of the draft is lost.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from newsdesk.articles.models import ArticlePage

from .editor import PlacementError, place_box


@require_POST
def use_this(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(ArticlePage, pk=page_id)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    editor = redirect("wagtailadmin_pages:edit", page.pk)
    lock = page.get_lock()
    if lock and lock.for_user(request.user):
        messages.error(request, lock.get_message(request.user) or "The page is locked.")
        return editor
    target_id = request.POST.get("target", "")
    target = ArticlePage.objects.filter(pk=int(target_id)).first() if target_id.isdigit() else None
    if target is None:
        messages.error(request, "Choose an article to place: none was given or it is gone.")
        return editor
    try:
        place_box(page, target, request.user)
    except PlacementError as error:
        messages.error(request, str(error))
        return editor
    messages.success(
        request,
        f"A box with “{target.title}” is in a new draft. Publish the article to show it.",
    )
    return editor
