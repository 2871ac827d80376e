"""The default UI strings of the public site: translatable, and overridable through the
NEWSDESK_STRINGS setting, e.g. NEWSDESK_STRINGS = {"related_heading": "Read also"}."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

DEFAULT_STRINGS = {
    "default_section": _("Uncategorized"),
    "related_heading": _("Other Topics of Interest"),
    "related_list_heading": _("Related"),
    "most_read_heading": _("Most read"),
    "view_counter": _("Visited {total} times, {today} visit(s) today"),
    "reply_heading": _("Leave a Reply"),
    "reply_to_heading": _("Leave a Reply to {name}"),
    "email_notice": _("Your email address will not be published. Required fields are marked *"),
    "submit_comment": _("Post Comment"),
    "reply_link": _("Reply"),
    "cancel_reply": _("Cancel reply"),
    "awaiting_moderation": _("Your comment is awaiting moderation."),
    "comments_closed": _("Comments are closed."),
    "remember_commenter": _(
        "Save my name and website in this browser for the next time I comment."
    ),
    "more_from_section": _("More from {section}"),
    "previous_in_section": _("Previous in {section}"),
    "next_in_section": _("Next in {section}"),
    "share_heading": _("Share this article"),
    "share_email": _("Email"),
    "share_email_subject": _("{title}"),
    "lead_story": _("Top story"),
    "section_more_link": _("More in {section}"),
}


def ui_string(key: str, **values) -> str:
    text = str(settings.NEWSDESK_STRINGS.get(key, DEFAULT_STRINGS[key]))
    return text.format(**values) if values else text
