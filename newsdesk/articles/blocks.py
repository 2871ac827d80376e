"""StreamField blocks of an article body."""

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "superscript", "subscript"]


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False)

    class Meta:
        icon = "openquote"
        template = "articles/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False)
    alt_text = blocks.CharBlock(
        required=False, help_text="Describes the image for screen readers; defaults to the caption."
    )

    class Meta:
        icon = "image"
        template = "articles/blocks/image.html"


class CaptionedEmbedBlock(blocks.StructBlock):
    embed = EmbedBlock(help_text="URL of a video, post or map to embed")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "media"
        template = "articles/blocks/embed.html"


class RelatedArticleBlock(blocks.StructBlock):
    """An "Other Topics of Interest" box pointing at another article."""

    article = blocks.PageChooserBlock(page_type="articles.ArticlePage")

    class Meta:
        icon = "link"
        label = "Related article box"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="articles/blocks/paragraph.html"
    )
    subheading = blocks.CharBlock(
        form_classname="title", icon="title", template="articles/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    embed = CaptionedEmbedBlock()
    related = RelatedArticleBlock()
