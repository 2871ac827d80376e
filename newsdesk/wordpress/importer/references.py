"""Wagtail's reference index ("Usage" of images, pages and snippets) for imported pages.

Wagtail records a page's references on each save. Pages written in bulk (`new_pages`) have
no save: they get their rows as they are written (`write_rows`). The bodies fixed at the end
of a run (links to posts imported later) change after that: they are indexed again
(`index_pages`). Both use the extraction Wagtail uses
(`ReferenceIndex._extract_references_from_object`).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from modelcluster.models import get_all_child_relations
from wagtail.models import Page, ReferenceIndex

BATCH = 500


def index_pages(page_ids) -> None:
    """Index the pages again, from the database: the bodies fixed at the end of a run."""
    ordered = sorted(set(page_ids))
    base = ContentType.objects.get_for_model(Page)
    for start in range(0, len(ordered), BATCH):
        chunk = ordered[start : start + BATCH]
        ReferenceIndex.objects.filter(
            base_content_type=base, object_id__in=[str(pk) for pk in chunk]
        ).delete()
        write_rows(_specific_pages(chunk))


def write_rows(pages) -> None:
    """The reference rows of `pages`, none indexed yet. New pages are indexed as they are
    written, from the objects in memory (their tags not yet committed): reading 20,000
    pages back with their bodies and tags cost 17 s of a 20,000-post import."""
    base = ContentType.objects.get_for_model(Page)
    rows = []
    for page in pages:
        if not ReferenceIndex.is_indexed(type(page)):
            continue
        content_type = ContentType.objects.get_for_model(page, for_concrete_model=False)
        for target_type, target_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(page)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=content_type,
                    base_content_type=base,
                    object_id=page.pk,
                    to_content_type_id=target_type,
                    to_object_id=target_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)


def _specific_pages(ids: list[int]) -> list[Page]:
    """The pages as their own models, with the child objects the extraction reads."""
    pages = []
    by_model: dict[type, list[int]] = {}
    for pk, content_type_id in Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        by_model.setdefault(model, []).append(pk)
    for model, model_ids in by_model.items():
        relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        pages += model.objects.filter(pk__in=model_ids).prefetch_related(*relations)
    return pages
