from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.views.defaults import permission_denied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from newsdesk.comments.models import Comment


class CommentPermissionPolicy(ModelPermissionPolicy):
    """The Django model permissions, except that nobody adds comments in the admin."""

    def user_has_permission(self, user: User | AnonymousUser, action: str) -> bool:
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet[User]:
        return super().users_with_any_permission([a for a in actions if a != "add"])


def _policy() -> ModelPermissionPolicy:
    return policy_registry.get_by_type(Comment)


def can_moderate(user: User | AnonymousUser) -> bool:
    """Moderating is changing a comment: the comments.change_comment permission."""
    return _policy().user_has_permission(user, "change")


def can_see_comments(user: User | AnonymousUser) -> bool:
    return _policy().user_has_any_permission(user, ["change", "delete", "view"])


def forbidden(request: HttpRequest) -> HttpResponse:
    """A plain 403 for a state-changing request without the permission. (Raising
    PermissionDenied would make the admin redirect to its home page with a message.)"""
    return permission_denied(request, PermissionDenied())
