"""Authors, categories (sections) and tags."""

from __future__ import annotations

from urllib.parse import unquote

from django.utils.text import slugify
from taggit.models import Tag

from newsdesk.articles.models import Author, HomePage, SectionPage

from ..reader import Author as WPAuthor
from ..reader import Term
from .mapping import Kind

DEFAULT_CATEGORY = "uncategorized"


def clean_slug(value: str, fallback: str) -> str:
    return slugify(unquote(value or ""), allow_unicode=True)[:255] or fallback


def import_author(run, site: str, record: WPAuthor) -> Author:
    login = record.login.strip()
    existing = run.mapping.object_id(site, Kind.AUTHOR, login)
    author = Author.objects.filter(pk=existing).first() if existing else None
    created = author is None
    if created:
        author = Author(slug=_free_author_slug(clean_slug(login, "author")))
    full_name = f"{record.first_name} {record.last_name}".strip()
    author.name = (record.display_name or full_name or login).strip()[:255] or login
    author.email = record.email.strip() if "@" in record.email else author.email
    author.save()
    run.to_index.add(author)
    run.cache[(site, Kind.AUTHOR, login)] = author
    run.mapping.set(site, Kind.AUTHOR, login, author.pk)
    run.report.done("author", created, login)
    return author


def author_for_login(run, site: str, login: str) -> Author | None:
    login = login.strip()
    if not login:
        return None
    return cached(run, site, Kind.AUTHOR, login, lambda: _load_author(run, site, login))


def _load_author(run, site: str, login: str) -> Author:
    author_id = run.mapping.object_id(site, Kind.AUTHOR, login)
    if author_id is not None:
        author = Author.objects.filter(pk=author_id).first()
        if author is not None:
            return author
    return import_author(run, site, WPAuthor(login=login))


def _free_author_slug(slug: str) -> str:
    candidate, number = slug, 1
    while Author.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def import_term(run, site: str, term: Term) -> None:
    if term.taxonomy == "category":
        import_category(run, site, term)
    elif term.taxonomy == "post_tag":
        import_tag(run, site, term)
    elif term.taxonomy == "nav_menu":
        run.report.skip("term", "navigation menu")
    else:
        run.report.skip("term", f"taxonomy {term.taxonomy or 'unknown'}")


def import_category(run, site: str, term: Term, report=True) -> SectionPage:
    slug = clean_slug(term.slug, "category")
    existing = run.mapping.object_id(site, Kind.CATEGORY, term.slug)
    section = SectionPage.objects.filter(pk=existing).first() if existing else None
    created = section is None
    if created and slug == DEFAULT_CATEGORY:
        section = SectionPage.get_default()
    elif created:
        section = SectionPage(slug=free_child_slug(run.home, slug))
    section.title = (term.name or term.slug).strip()[:255] or slug
    section.draft_title = section.title
    if term.description:
        section.description = term.description.strip()
    if section.pk is None:
        run.new_pages.flush(forget=True)  # a page-by-page insert: queued pages go first
        run.home.add_child(instance=section)
    else:
        section.save()
    run.to_index.add(section)
    run.mapping.set(
        site, Kind.CATEGORY, term.slug, section.pk, parent_key=term.parent, guid=term.id
    )
    run.cache[(site, Kind.CATEGORY, term.slug)] = section
    if report:
        run.report.done("category", created, term.slug)
    run.redirects.category(term, section)
    return section


def cached(run, site: str, kind: str, key: str, load):
    """One instance per object for the whole run (tree parents must not go stale)."""
    cache_key = (site, kind, key)
    if cache_key not in run.cache:
        run.cache[cache_key] = load()
    return run.cache[cache_key]


def section_for(run, site: str, slug: str, name: str) -> SectionPage:
    return cached(run, site, Kind.CATEGORY, slug, lambda: _load_section(run, site, slug, name))


def _load_section(run, site: str, slug: str, name: str) -> SectionPage:
    section_id = run.mapping.object_id(site, Kind.CATEGORY, slug)
    if section_id is not None:
        section = SectionPage.objects.filter(pk=section_id).first()
        if section is not None:
            return section
    return import_category(run, site, Term("category", slug, name or slug))


def import_tag(run, site: str, term: Term) -> Tag:
    slug = clean_slug(term.slug, "tag")
    name = (term.name or term.slug).strip()[:100] or slug
    tag_id = run.mapping.object_id(site, Kind.TAG, term.slug)
    tag = Tag.objects.filter(pk=tag_id).first() if tag_id else None
    created = tag is None
    if created:
        tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        tag = Tag.objects.create(name=free_tag_name(name, slug), slug=slug)
    # The WordPress name, when the tag had to be named apart (the export writes it back).
    meta = {"name": name} if tag.name != name else {}
    run.mapping.set(site, Kind.TAG, term.slug, tag.pk, guid=term.id, meta=meta)
    run.report.done("tag", created, term.slug)
    run.redirects.tag(term, tag)
    return tag


def free_tag_name(name: str, slug: str) -> str:
    """`name`, or `name (slug)` when another tag has that name already: WordPress tells two
    tags apart by slug, taggit by name too, so two tags of one name stay two tags."""
    if not Tag.objects.filter(name__iexact=name).exists():
        return name
    return f"{name[: 100 - len(slug) - 3]} ({slug})"


def tag_for(run, site: str, slug: str, name: str) -> Tag:
    return cached(run, site, Kind.TAG, slug, lambda: _load_tag(run, site, slug, name))


def _load_tag(run, site: str, slug: str, name: str) -> Tag:
    tag_id = run.mapping.object_id(site, Kind.TAG, slug)
    tag = Tag.objects.filter(pk=tag_id).first() if tag_id is not None else None
    return tag or import_tag(run, site, Term("post_tag", slug, name or slug))


def free_child_slug(parent, slug: str, exclude_id: int | None = None) -> str:
    """`slug`, or `slug-2`, `slug-3`... if a sibling already has it."""
    siblings = parent.get_children()
    if exclude_id is not None:
        siblings = siblings.exclude(pk=exclude_id)
    return free_slug(
        slug, set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    )


def free_slug(slug: str, taken: set[str]) -> str:
    """`slug`, or the first of `slug-2`, `slug-3`... that is not in `taken`."""
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug[:240]}-{number}"
    return candidate


def home_page() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        raise LookupError("The site has no home page yet: run `newsdesk migrate`.")
    return home
