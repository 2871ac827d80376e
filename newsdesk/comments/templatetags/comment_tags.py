from django import template

from newsdesk.comments.text import render_comment_text

register = template.Library()


@register.filter
def comment_text(text):
    """Plain comment text as safe HTML: escaped, paragraphs kept, URLs linked."""
    return render_comment_text(text)
