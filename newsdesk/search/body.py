"""The text of an article body, for snippets, read from the stored JSON.

StreamField's own get_searchable_content() first turns every block into Python, which loads
each image and linked page of the body from the database: several queries per result. The
snippet only needs the words, which are all in the raw data: rich text (as HTML), and the
character and text blocks (captions, quotes, subheadings).
"""

from __future__ import annotations

from wagtail import blocks
from wagtail.rich_text import get_text_for_indexing

from newsdesk.articles.models import ArticlePage


def body_text(article: ArticlePage) -> str:
    stream_block = ArticlePage._meta.get_field("body").stream_block
    return " ".join(block_texts(stream_block, list(article.body.raw_data)))


def block_texts(block: blocks.Block, value: object) -> list[str]:
    """The text in a block's raw (JSON) value, as a list of strings."""
    if value in (None, "") or not getattr(block, "search_index", True):
        return []
    if isinstance(block, blocks.RichTextBlock):
        return [get_text_for_indexing(str(value))]
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return [str(value)]
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return [
            text
            for name, child in block.child_blocks.items()
            for text in block_texts(child, value.get(name))
        ]
    if isinstance(block, blocks.StreamBlock) and isinstance(value, list):
        return [
            text
            for item in value
            if isinstance(item, dict) and item.get("type") in block.child_blocks
            for text in block_texts(block.child_blocks[item["type"]], item.get("value"))
        ]
    if isinstance(block, blocks.ListBlock) and isinstance(value, list):
        items = [
            item["value"] if isinstance(item, dict) and "value" in item else item for item in value
        ]
        return [text for item in items for text in block_texts(block.child_block, item)]
    return []  # images, embeds, page choosers: nothing a reader would search for in a snippet
