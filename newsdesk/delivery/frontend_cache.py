"""A CDN in front (Varnish, nginx, CloudFront): what it may keep, and purging it.

What changed is decided in one place, signal_handlers.py: every change that drops the hot
path's pages (publish, edit, unpublish, move, delete, comment approval, images, authors…)
also purges the CDN, in the same on-commit callback. The generation is global (a publish
changes every listing, related box and section menu), so the purge is too: one wildcard
URL per site, `<root_url>/*`, sent through Wagtail's frontend-cache backends
(`wagtail.contrib.frontend_cache`, configured by WAGTAILFRONTENDCACHE). The shipped VCL
(deploy/varnish.vcl) turns a PURGE of `/*` into a ban of everything under it; CloudFront
takes `/*` as an invalidation path as it is.

The Wagtail app itself is not installed: its ready() connects page_published handlers that
purge the published page's own URLs only, a second, narrower answer to "what changed".

What the origin lets a CDN keep (Cache-Control, read by any CDN):
- listings, feeds and sitemaps: `public, max-age=0, s-maxage=N` when a purge is configured
  (browsers revalidate, the CDN keeps them N seconds or until the next purge); without a
  purge, `public, no-cache` as before, so that no CDN serves a stale home page;
- articles: `no-cache` always, so that every view reaches the origin and is counted;
- static files (immutable, a year) and public images keep their own headers.
"""

from __future__ import annotations

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

UNPURGED_LISTING_CACHE_CONTROL = "public, no-cache"


def enabled() -> bool:
    return bool(getattr(settings, "WAGTAILFRONTENDCACHE", None))


def listing_cache_control() -> str:
    """Cache-Control for a listing, feed or sitemap answered by the hot path."""
    max_age = settings.NEWSDESK_FRONTEND_CACHE_MAX_AGE
    if not enabled() or max_age <= 0:
        return UNPURGED_LISTING_CACHE_CONTROL
    return f"public, max-age=0, s-maxage={max_age}"


def purge_urls() -> list[str]:
    """One wildcard per site: everything a CDN may hold for it."""
    from wagtail.models import Site

    return sorted({site.root_url + "/*" for site in Site.objects.all()})


def purge_everything() -> None:
    """Purge every site from the configured CDNs; fails soft (a publish never fails on it)."""
    if not enabled():
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(purge_urls())
    except Exception:  # noqa: BLE001 - the CDN's own max age bounds what stays stale
        logger.exception("Could not purge the frontend cache")
