"""Keeping rendered pages: what is kept, how an article is cut around its live parts, and
the memory bound."""

from newsdesk.delivery.pagecache import (
    ARTICLE,
    COUNTER,
    LISTING,
    TOKEN,
    PageCache,
    build_cached_page,
)

HTML = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "99")]
ARTICLE_BODY = (
    b'<p>body</p><footer><p class="view-counter"><!--live:counter-->'
    b"Visited 4 times, 1 visit(s) today<!--/live--></p>"
    b'</footer><form><input type="hidden" name="form_token" value="1.2.3.abc"></form>'
)


def test_an_article_is_cut_around_the_counter_and_the_token():
    page = build_cached_page(ARTICLE, 7, HTML, ARTICLE_BODY, now=0)
    assert page.slots == (COUNTER, TOKEN)
    assembled = page.assemble({COUNTER: b"N", TOKEN: b"T"})
    assert assembled == ARTICLE_BODY.replace(b"Visited 4 times, 1 visit(s) today", b"N").replace(
        b"1.2.3.abc", b"T"
    )
    assert ("Cache-Control", "no-cache") in page.headers
    assert not any(name == "Content-Length" for name, _ in page.headers)


def test_the_counter_is_found_by_its_live_marker_not_by_markup():
    """An editor's body may hold the counter's markup: only the live region is refilled."""
    body = b'<div><p class="view-counter">Body text</p></div>' + ARTICLE_BODY
    page = build_cached_page(ARTICLE, 7, HTML, body, now=0)
    assert page.slots == (COUNTER, TOKEN)
    assert b"Body text" in page.assemble({COUNTER: b"N", TOKEN: b"T"})
    without_marker = ARTICLE_BODY.replace(b"<!--live:counter-->", b"").replace(b"<!--/live-->", b"")
    assert build_cached_page(ARTICLE, 7, HTML, without_marker, now=0) is None


def test_an_article_without_a_counter_is_not_kept():
    assert build_cached_page(ARTICLE, 7, HTML, b"<p>draft</p>", now=0) is None


def test_personal_answers_are_never_kept():
    with_cookie = [*HTML, ("Set-Cookie", "csrftoken=abc; Path=/")]
    assert build_cached_page(LISTING, 1, with_cookie, b"<p>hi</p>", now=0) is None
    csrf = b'<input type="hidden" name="csrfmiddlewaretoken" value="x">'
    assert build_cached_page(LISTING, 1, HTML, csrf, now=0) is None
    # An editor's page with Wagtail's user bar (base.html shows it to signed-in editors).
    userbar = b"<p>hi</p><wagtail-userbar><template></template></wagtail-userbar>"
    assert build_cached_page(LISTING, 1, HTML, userbar, now=0) is None
    json = [("Content-Type", "application/json")]
    assert build_cached_page(LISTING, 1, json, b"{}", now=0) is None


def test_the_store_keeps_the_recently_used_pages_within_its_bound():
    cache = PageCache(max_bytes=400)

    def page(n):
        return build_cached_page(LISTING, n, HTML, bytes(100), now=0)

    for n in range(3):
        cache.put(n, page(n))
    cache.get(0)  # used: now the newest
    cache.put(3, page(3))
    cache.put(4, page(4))
    # 500 bytes would not fit: the least recently used page (1, not 0) made room.
    assert list(cache._entries) == [2, 0, 3, 4]
    cache.put(5, build_cached_page(LISTING, 5, HTML, bytes(101), now=0))  # > a quarter
    assert cache.get(5) is None
