"""The scoring layers: each adds points and a reason a moderator reads in the admin.

    score, reasons = score_comment(comment, honeypot="")

A layer is a function `(comment, honeypot) -> list[(points, reason)]`; add one to LAYERS.
"""

import re
from collections.abc import Callable

from django.conf import settings

from ..models import Comment, CommentWordLists

# Points that file a comment as spam on their own, and points that only hold it.
CERTAIN = 10
SUSPECT = 2
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
Findings = list[tuple[int, str]]  # (points, reason)


def honeypot_layer(comment: Comment, honeypot: str) -> Findings:
    if settings.NEWSDESK_COMMENT_HONEYPOT and honeypot.strip():
        return [(CERTAIN, "The hidden honeypot field was filled in (a bot fills every field).")]
    return []


def link_layer(comment: Comment, honeypot: str) -> Findings:
    links = len(LINK.findall(comment.body))
    limit = settings.NEWSDESK_COMMENT_MAX_LINKS
    if links > limit:
        return [(SUSPECT, f"{links} links in the comment (more than {limit}).")]
    return []


def word_list_layer(comment: Comment, honeypot: str) -> Findings:
    lists = CommentWordLists.load()
    text = " ".join(
        [
            comment.author_name,
            comment.author_email,
            comment.author_url,
            comment.body,
            comment.ip_address or "",
        ]
    ).lower()
    found: Findings = []
    for word in CommentWordLists.entries(lists.disallowed_words):
        if word in text:
            found.append((CERTAIN, f"Contains the disallowed word “{word}”."))
            break
    for word in CommentWordLists.entries(lists.moderation_words):
        if word in text:
            found.append((SUSPECT, f"Contains the moderation word “{word}”."))
            break
    return found


LAYERS: list[Callable[[Comment, str], Findings]] = [honeypot_layer, link_layer, word_list_layer]


def score_comment(comment: Comment, honeypot: str = "") -> tuple[int, list[str]]:
    score = 0
    reasons: list[str] = []
    for layer in LAYERS:
        for points, reason in layer(comment, honeypot):
            score += points
            reasons.append(reason)
    return score, reasons


def status_for_score(score: int, usual: str) -> str:
    """Spam, held (pending), or the usual status (approved for a known commenter)."""
    if score >= settings.NEWSDESK_SPAM_SPAM_SCORE:
        return Comment.Status.SPAM
    if score >= settings.NEWSDESK_SPAM_HOLD_SCORE:
        return Comment.Status.PENDING
    return usual
