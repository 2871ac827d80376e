"""WordPress post content to an article body: Gutenberg blocks or classic HTML with shortcodes."""

from .body import Body, Context, ImageRef
from .classic import convert_classic
from .gutenberg import convert_blocks, has_blocks


def convert_content(content: str, context: Context) -> Body:
    """The body of one post: `body.blocks` is StreamField raw data; the rest is for the report."""
    body = Body(context=context)
    if has_blocks(content):
        convert_blocks(content, body)
    else:
        convert_classic(content, body)
    return body


__all__ = ["Body", "Context", "ImageRef", "convert_content"]
