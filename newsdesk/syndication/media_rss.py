"""Feed generators that add an item's image credit as Media RSS elements.

Media RSS (https://www.rssboard.org/media-rss) is what feed readers and aggregators read for
who made an image and under what licence; RSS's own <enclosure> carries only the file.
Each article item with a credited image gets, at item level:

    <media:credit role="author">Photo: Ana Ruiz</media:credit>
    <media:copyright url="https://…">© 2026 Ana Ruiz</media:copyright>
    <media:license type="text/html" href="https://creativecommons.org/licenses/by/4.0/">
      CC BY 4.0</media:license>

`item_extra_kwargs` of the feed passes the credit as `image_credit` (an ImageCredit or None).
"""

from __future__ import annotations

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

MEDIA_NAMESPACE = "http://search.yahoo.com/mrss/"


def add_credit_elements(handler, credit) -> None:
    if credit is None:
        return
    if credit.credit:
        handler.addQuickElement("media:credit", credit.credit, {"role": "author"})
    if credit.copyright_notice:
        attributes = {"url": credit.acquire_licence_url} if credit.acquire_licence_url else {}
        handler.addQuickElement("media:copyright", credit.copyright_notice, attributes)
    if credit.licence or credit.licence_url:
        attributes = {"type": "text/html"}
        if credit.licence_url:
            attributes["href"] = credit.licence_url
        handler.addQuickElement("media:license", credit.licence or credit.licence_url, attributes)


class _CreditElements:
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        add_credit_elements(handler, item.get("image_credit"))


class MediaRssFeed(_CreditElements, Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_NAMESPACE}


class MediaAtomFeed(_CreditElements, Atom1Feed):
    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:media": MEDIA_NAMESPACE}
