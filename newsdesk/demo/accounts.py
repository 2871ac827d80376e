"""The demo's `editor` account, whose random password is kept in a private file."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

EDITOR_USERNAME = "editor"


def password_file() -> Path:
    return Path(settings.VAR_DIR) / "editor-password.txt"


def get_editor():
    User = get_user_model()
    return User.objects.filter(**{User.USERNAME_FIELD: EDITOR_USERNAME}).first()


def ensure_editor():
    """The `editor` user, and its new password if it had to be created (else None).

    A new password is random and written to password_file(), readable by its owner only.
    An existing `editor` is left exactly as it is.
    """
    editor = get_editor()
    if editor is not None:
        return editor, None
    password = secrets.token_urlsafe(12)
    editor = get_user_model().objects.create_superuser(
        EDITOR_USERNAME, email="editor@example.org", password=password
    )
    _write_private(password_file(), password + "\n")
    return editor, password


def _write_private(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        file.write(text)
    path.chmod(0o600)  # an older file may have been created with wider permissions
