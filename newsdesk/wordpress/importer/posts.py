"""Posts to ArticlePages, pages to StandardPages: content, status, dates, filing, SEO, counts."""

from __future__ import annotations

import re
import uuid

from django.utils.text import slugify
from wagtail.blocks import StreamValue
from wagtail.models import Page, PageViewRestriction

from newsdesk.articles.models import ArticlePage
from newsdesk.pages.models import StandardPage

from ..convert import convert_content
from ..convert.body import plain_text
from ..reader import Item
from .comments import comments_open
from .context import PostContext
from .dates import item_date
from .mapping import Kind
from .slugs import page_slug
from .status import is_scheduled, schedule
from .terms import author_for_login, free_child_slug, section_for, tag_for

SKIPPED_STATUSES = {"trash": "in the trash", "auto-draft": "auto-draft", "inherit": "revision"}
VIEW_COUNT_KEYS = ("views", "post_views_count")
SEO_TITLE_KEYS = ("_yoast_wpseo_title", "rank_math_title")
SEO_DESCRIPTION_KEYS = ("_yoast_wpseo_metadesc", "rank_math_description")
_SEO_VARIABLE = re.compile(r"%%?([a-z_]+)%%?")


def import_post(run, site: str, item: Item) -> None:
    kind = Kind.POST if item.post_type == "post" else Kind.PAGE
    status = item.status
    if status in SKIPPED_STATUSES:
        run.report.skip(kind, SKIPPED_STATUSES[status])
        return
    if not item.id:
        run.report.skip(kind, "no wp:post_id")
        return
    row = run.mapping.get(site, kind, item.id)
    model = ArticlePage if kind == Kind.POST else StandardPage
    page = model.objects.filter(pk=row.object_id).first() if row and row.object_id else None
    created = page is None
    if created:
        page = model()
    context = PostContext(run, site, item.id)
    body = convert_content(item.get("content:encoded"), context)
    _fill_common(run, page, item, body, status)
    if kind == Kind.POST:
        _fill_article(run, site, page, item, body)
        parent = section_for(run, site, *_first_category(item))
    else:
        parent = _page_parent(run, site, item)
    # New posts go in with their batch (new_pages.py); what a save must write, one by one.
    queued = run.bulk and created and kind == Kind.POST and not is_scheduled(status)
    _place(run, page, parent, item, created, queued)
    _restrict(run, page, item, status, queued)
    if is_scheduled(status):
        schedule(page)  # a past date too: WordPress's "missed schedule" stays scheduled
    _seed_views(run, page, item)
    run.mapping.set(site, kind, item.id, page.pk, guid=item.get("guid"), url=item.get("link"))
    run.comments.add(site, page.pk, item.comments)
    run.add_post_redirects(site, kind, item, page)
    run.note_body(site, page, body)
    run.to_index.add(page)
    run.report.done(kind, created, f"{item.id}: {page.title}")


def _fill_common(run, page: Page, item: Item, body, status: str) -> None:
    title = " ".join(item.get("title").split())[:255] or f"Untitled {item.post_type} {item.id}"
    page.title = page.draft_title = title
    page.body = StreamValue(page.body.stream_block, _with_ids(body.blocks), is_lazy=True)
    page.comments_open = comments_open(item)  # posts and pages alike
    page.seo_title = _seo_text(_meta(item, SEO_TITLE_KEYS), title, run)[:255]
    page.search_description = _seo_text(_meta(item, SEO_DESCRIPTION_KEYS), title, run)
    date = item_date(item)
    public = status in ("publish", "private")
    page.live = public
    page.has_unpublished_changes = not public
    page.go_live_at = date if status == "future" else None
    if public:
        page.first_published_at = page.last_published_at = date or page.first_published_at
    page._import_date = date
    page._import_slug = page_slug(item.get("wp:post_name"))


def _fill_article(run, site: str, page: ArticlePage, item: Item, body) -> None:
    page.excerpt = plain_text(item.get("excerpt:encoded")) or body.excerpt()
    page.publication_date = page._import_date
    page.featured = item.get("wp:is_sticky", "0").strip() == "1"
    page.image_id = _thumbnail(run, site, item)
    _, *others = _categories(item) or [("uncategorized", "Uncategorized")]
    page.further_sections.set([section_for(run, site, slug, name) for slug, name in others])
    page.tags.set([tag_for(run, site, slug, name) for slug, name in _terms(item, "post_tag")])
    # One author in WordPress; newsdesk's own export lists the others in a meta field.
    logins = item.meta.get("_newsdesk_authors", "").split(",") or []
    logins = [login for login in logins if login.strip()] or [item.get("dc:creator")]
    authors = [author_for_login(run, site, login) for login in logins]
    page.authors.set([author for author in authors if author is not None])


def _first_category(item: Item) -> tuple[str, str]:
    return (_categories(item) or [("uncategorized", "Uncategorized")])[0]


def _categories(item: Item) -> list[tuple[str, str]]:
    return _terms(item, "category")


def _terms(item: Item, domain: str) -> list[tuple[str, str]]:
    seen, terms = set(), []
    for found_domain, slug, name in item.categories:
        slug = slug or slugify(name)
        if found_domain == domain and slug and slug not in seen:
            seen.add(slug)
            terms.append((slug, name))
    return terms


def _thumbnail(run, site: str, item: Item) -> int | None:
    attachment_id = item.meta.get("_thumbnail_id", "").strip()
    if not attachment_id:
        return None
    row = run.mapping.get(site, Kind.ATTACHMENT, attachment_id)
    if row is None:
        run.report.skip("featured image", "attachment not in the export")
        return None
    if row.object_id is None:
        run.report.remote_image(row.url)
    return row.object_id


def _page_parent(run, site: str, item: Item) -> Page:
    parent_id = item.get("wp:post_parent", "0").strip()
    if parent_id not in ("", "0"):
        found = run.mapping.object_id(site, Kind.PAGE, parent_id)
        if found is not None:
            return Page.objects.get(pk=found)
        run.deferred_parents.append((site, item.id, parent_id))
    return run.home


def _place(run, page: Page, parent: Page, item: Item, created: bool, queued: bool) -> None:
    slug = page._import_slug or slugify(page.title, allow_unicode=True)[:200] or f"post-{item.id}"
    if queued:
        page.slug = slug  # made free among its siblings by new_pages
        run.new_pages.add(page, parent)
        return
    run.new_pages.flush(forget=True)  # the tree changes here: queued pages first
    if created:
        page.slug = free_child_slug(parent, slug)
        parent.add_child(instance=page)
        return
    current_parent = page.get_parent()
    if current_parent.pk != parent.pk:
        page.slug = free_child_slug(parent, slug, exclude_id=page.pk)
        page.save(clean=False)
        page.move(parent, pos="last-child")
        return
    if page.slug != slug:
        page.slug = free_child_slug(parent, slug, exclude_id=page.pk)
    page.save(clean=False)


def _restrict(run, page: Page, item: Item, status: str, queued: bool) -> None:
    if not queued:
        PageViewRestriction.objects.filter(page=page).delete()
    password = item.get("wp:post_password")
    if password:
        restriction = PageViewRestriction(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password=password[:255]
        )
    elif status == "private":
        restriction = PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)
    else:
        return
    if queued:
        run.new_pages.restrict(restriction)
    else:
        restriction.save()


def _seed_views(run, page: Page, item: Item) -> None:
    """The WordPress plugin's count becomes the page's total, or raises it: views counted
    here since an earlier import are kept (and live counters show the new total). Written
    with the batch (`WordPressImport.flush_batches`)."""
    for key in VIEW_COUNT_KEYS:
        value = item.meta.get(key, "").strip()
        # ASCII only: "¹" is a digit to str.isdigit() but int() refuses it.
        if value.isascii() and value.isdigit():
            run.view_totals[page.pk] = int(value)
            return


def _meta(item: Item, keys: tuple[str, ...]) -> str:
    return next((item.meta[key] for key in keys if item.meta.get(key, "").strip()), "")


def _seo_text(value: str, title: str, run) -> str:
    """Yoast's `%%title%%` and Rank Math's `%title%` filled in; other variables dropped."""
    known = {"title": title, "sitename": run.site_title, "sep": "–", "page": ""}
    text = _SEO_VARIABLE.sub(lambda m: known.get(m.group(1), ""), value or "")
    return " ".join(text.split())


def _with_ids(blocks: list[dict]) -> list[dict]:
    return [{"id": str(uuid.uuid4()), **block} for block in blocks]
