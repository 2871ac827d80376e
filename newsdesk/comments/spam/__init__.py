"""Spam defence for reader comments, in layers (see docs/security.md).

Refusing layers answer the post with a message and store nothing:

* `gate`: the request size, the origin (another site's page may not post here), the per-client
  rate limit, the signed form token (newsdesk.comments.tokens: too fast, expired, replayed);
* after the form has validated: the per-email rate limit and duplicate detection.

Scoring layers (`scoring`) let the comment in but add to its spam score, with a reason a
moderator sees: the honeypot field, too many links, the editors' moderation and disallowed
word lists. The score then decides: spam, held for moderation, or the usual rule.
"""

from .gate import Refusal, check_after_form, check_client, check_request, check_token
from .scoring import score_comment, status_for_score

__all__ = [
    "Refusal",
    "check_after_form",
    "check_client",
    "check_request",
    "check_token",
    "score_comment",
    "status_for_score",
]
