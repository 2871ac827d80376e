"""The breaking-news banner: off by default, on every public page while it is on and not
expired, and refused when an editor leaves it without what it needs."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Site

from newsdesk.articles.banner import BreakingNews
from newsdesk.articles.factories import ArticleFactory, SectionFactory
from newsdesk.security.factories import SuperuserFactory

pytestmark = pytest.mark.django_db


def turn_on(**fields) -> BreakingNews:
    values = {
        "enabled": True,
        "text": "Flood warning for the Ollery <now>",
        "link": "/news/flood-warning/",
        "expires_at": timezone.now() + timedelta(hours=2),
        **fields,
    }
    banner, _ = BreakingNews.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults=values
    )
    return banner


def test_no_banner_by_default(client, home):
    assert 'class="breaking-news"' not in client.get("/").content.decode()
    assert not BreakingNews.objects.exists()  # a reader's GET creates no setting row


def test_banner_shows_on_every_page_escaped(client, home):
    section = SectionFactory(title="Harbour")
    article = ArticleFactory(parent=section)
    turn_on()
    for url in ["/", section.url, article.url, "/corrections/", "/search/?q=flood"]:
        html = client.get(url).content.decode()
        assert (
            '<p class="breaking-news"><strong>Breaking:</strong> '
            '<a href="/news/flood-warning/">Flood warning for the Ollery &lt;now&gt;</a></p>'
        ) in html, url


def test_banner_is_gone_after_expiry_or_when_off(client, home):
    banner = turn_on(expires_at=timezone.now() - timedelta(seconds=1))
    assert 'class="breaking-news"' not in client.get("/").content.decode()
    banner.expires_at = timezone.now() + timedelta(hours=1)
    banner.enabled = False
    banner.save()
    assert 'class="breaking-news"' not in client.get("/").content.decode()


def test_expire_due_turns_off_only_expired_banners(home):
    banner = turn_on(expires_at=timezone.now() - timedelta(seconds=1))
    assert BreakingNews.expire_due() == 1
    banner.refresh_from_db()
    assert not banner.enabled
    turn_on()
    assert BreakingNews.expire_due() == 0


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": " "}, "text"),
        ({"link": ""}, "link"),
        ({"link": "javascript:alert(1)"}, "link"),
        ({"link": "//elsewhere.example/"}, "link"),
        ({"expires_at": None}, "expires_at"),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "expires_at"),
    ],
)
def test_a_banner_without_what_it_needs_is_refused(home, fields, field):
    banner = BreakingNews(site=Site.objects.get(is_default_site=True))
    values = {
        "enabled": True,
        "text": "Flood warning",
        "link": "https://example.org/x",
        "expires_at": timezone.now() + timedelta(hours=1),
        **fields,
    }
    for name, value in values.items():
        setattr(banner, name, value)
    with pytest.raises(ValidationError) as refused:
        banner.full_clean()
    assert field in refused.value.message_dict


def test_an_editor_turns_it_on_in_the_admin(client, home):
    client.force_login(SuperuserFactory())
    site = Site.objects.get(is_default_site=True)
    url = f"/admin/settings/articles/breakingnews/{site.pk}/"
    assert client.get(url).status_code == 200
    expires = (timezone.localtime() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    form = {"enabled": "on", "text": "Bridge closed", "link": "/x/", "expires_at": expires}
    assert client.post(url, form).status_code == 302
    client.logout()
    assert '<a href="/x/">Bridge closed</a>' in client.get("/").content.decode()
    client.force_login(SuperuserFactory())
    refused = client.post(url, {**form, "expires_at": ""})
    assert refused.status_code == 200 and b"needs an expiry time" in refused.content
