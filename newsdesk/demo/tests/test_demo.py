"""`newsdesk demo`: the content it creates, how it renders, and its editor account."""

import stat
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from newsdesk.articles.factories import ArticleFactory
from newsdesk.articles.image_credits import credit_of
from newsdesk.articles.models import ArticlePage, Author, SectionPage
from newsdesk.comments.models import Comment
from newsdesk.demo.accounts import ensure_editor

pytestmark = pytest.mark.django_db


def run_demo(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """Run `newsdesk demo` once for a class of tests that only read (or roll back their own
    changes, as every test does): the run happens in a transaction rolled back at the end,
    and each test's own transaction nests inside it. Its password file and images go to a
    temporary directory, not to the real var/."""
    tmp = tmp_path_factory.mktemp("demo")
    var_dir = tmp / "var"
    with (
        override_settings(VAR_DIR=var_dir, MEDIA_ROOT=tmp / "media"),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield {"output": run_demo(), "var_dir": var_dir}
        transaction.set_rollback(True)


@pytest.fixture
def private_dirs(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.VAR_DIR


@pytest.mark.usefixtures("demo")
class TestDemoSite:
    def test_creates_a_newspaper(self, uncategorized):
        live = ArticlePage.objects.live()
        assert 25 <= live.count() <= 35

        sections = SectionPage.objects.filter(is_default=False)
        assert sections.count() >= 5
        for section in sections:
            assert live.child_of(section).count() >= 3, section.title
        assert live.child_of(uncategorized).count() >= 2
        assert live.filter(further_sections__isnull=False).exists()

        authors = Author.objects.all()
        assert authors.count() >= 4
        assert all(a.bio and a.website and a.email for a in authors)
        assert not live.filter(authors__isnull=True).exists()
        assert Tag.objects.count() >= 10
        shared = max(live.filter(tagged_items__tag=tag).count() for tag in Tag.objects.all())
        assert shared >= 3, "tags should link articles together"

        # Images: a featured image on most articles and some inside bodies.
        images = get_image_model().objects.all()
        assert {(i.width, i.height) for i in images} == {(1200, 675)}
        assert live.filter(image__isnull=False).count() >= live.count() * 2 // 3
        assert sum(1 for a in live for b in a.body if b.block_type == "image") >= 3
        assert all(sum(b.block_type == "paragraph" for b in a.body) >= 4 for a in live), (
            "every article has at least four paragraphs"
        )

    def test_publishes_through_revisions_over_a_month(self):
        now = timezone.now()
        live = ArticlePage.objects.live()
        for article in live:
            assert article.live_revision is not None
            assert article.first_published_at == article.publication_date
            assert now - timedelta(days=31) < article.publication_date <= now
            assert article.last_published_at <= now
        dates = sorted(a.publication_date for a in live)
        assert dates[-1] - dates[0] > timedelta(days=20)
        assert live.filter(publication_date__gte=now - timedelta(hours=36)).count() >= 4
        assert live.filter(comments_open=False).count() == 1

    def test_schedules_one_article_and_keeps_one_draft(self, client):
        not_live = ArticlePage.objects.filter(live=False)
        assert not_live.count() == 2
        scheduled = not_live.get(go_live_at__isnull=False)
        draft = not_live.get(go_live_at__isnull=True)
        now = timezone.now()

        assert timedelta(days=1) < scheduled.go_live_at - now < timedelta(days=3)
        assert scheduled.revisions.get().approved_go_live_at == scheduled.go_live_at
        assert scheduled.first_published_at is None

        assert draft.first_published_at is None
        assert draft.revisions.count() == 1
        assert draft.revisions.get().approved_go_live_at is None

        for page in (scheduled, draft):
            assert client.get(page.url).status_code == 404

    def test_editor_places_related_boxes(self):
        placed = [
            (article, block.value["article"])
            for article in ArticlePage.objects.live()
            for block in article.body
            if block.block_type == "related"
        ]
        assert len(placed) >= 2
        for article, target in placed:
            assert target.pk != article.pk and target.live
            # Added in a second pass, so published as a second revision.
            assert article.revisions.count() == 2
            assert article.live_revision == article.revisions.order_by("pk").last()

    def test_comments_are_threaded_and_moderated(self):
        approved = Comment.objects.approved()
        assert approved.values("page").distinct().count() >= 8
        assert approved.filter(depth__gte=3).exists()
        for reply in approved.filter(parent__isnull=False):
            assert reply.parent.page_id == reply.page_id
            assert reply.created_at > reply.parent.created_at
        assert Comment.objects.pending().count() >= 3
        assert Comment.objects.filter(status=Comment.Status.SPAM).count() == 1
        for comment in Comment.objects.select_related("page"):
            article = comment.page.specific
            assert article.publication_date < comment.created_at <= timezone.now()
            assert comment.author_email.endswith("@example.org")
            assert comment.ip_address
        assert Comment.objects.filter(body__contains="🦩").exists()

    def test_every_live_article_renders(self, client):
        commenter_emails = set(Comment.objects.values_list("author_email", flat=True))
        author_emails = set(Author.objects.values_list("email", flat=True))
        not_shown = list(
            Comment.objects.exclude(status=Comment.Status.APPROVED).values_list("body", flat=True)
        )
        placed = {
            article.pk: block.value["article"].title
            for article in ArticlePage.objects.live()
            for block in article.body
            if block.block_type == "related"
        }
        assert placed
        depth_three = 0
        for article in ArticlePage.objects.live():
            response = client.get(article.url)
            assert response.status_code == 200, article.title
            html = response.content.decode()
            assert article.title in html
            first_paragraph = next(b for b in article.body if b.block_type == "paragraph")
            assert strip_tags(first_paragraph.value.source)[:60] in strip_tags(html)
            for email in commenter_emails | author_emails:
                assert email not in html, f"{email} shown on {article.title}"
            for body in not_shown:
                assert body not in html
            if article.pk in placed:
                box = html.split('class="related-box"', 1)[1].split("</aside>", 1)[0]
                assert placed[article.pk] in box
            depth_three += "depth-3" in html
        assert depth_three >= 3

        lantern = ArticlePage.objects.get(
            slug="lantern-walk-draws-record-crowd-despite-the-drizzle"
        )
        html = client.get(lantern.url).content.decode()
        assert "🦩" in html and "“creatures of the river”" in html
        for url in ["/", *(s.url for s in SectionPage.objects.live())]:
            assert client.get(url).status_code == 200, url

    def test_shows_a_corrected_article(self, client):
        article = ArticlePage.objects.get(slug__startswith="fallowmere-by-election")
        html = client.get(article.url).content.decode()
        assert "said Ruth Kemble is a nurse" in html
        assert "second hustings has been set" in html
        log = client.get("/corrections/").content.decode()
        assert "said Ruth Kemble is a nurse" in log and article.url in log
        assert "second hustings" not in log  # an update, not a correction

    def test_credits_its_images(self, client):
        article = ArticlePage.objects.live().exclude(image=None).first()
        html = client.get(article.url).content.decode()
        assert "Illustration: newsdesk demo" in html and 'rel="license"' in html
        images = get_image_model().objects.all()
        assert images and all(credit_of(image) is not None for image in images)

    def test_second_run_with_if_empty_changes_nothing(self, demo):
        password_file = demo["var_dir"] / "editor-password.txt"
        password = password_file.read_text().strip()
        assert len(password) >= 16
        assert stat.S_IMODE(password_file.stat().st_mode) == 0o600
        editor = get_user_model().objects.get(username="editor")
        assert editor.is_superuser and editor.check_password(password)
        assert password in demo["output"]  # shown once, when created
        assert "http://127.0.0.1:8000/admin/" in demo["output"]

        models = [Page, ArticlePage, Comment, Author, get_image_model(), get_user_model(), Tag]
        before = {model: model.objects.count() for model in models}
        with override_settings(VAR_DIR=demo["var_dir"]):
            again = run_demo("--if-empty")
            with pytest.raises(CommandError, match="empty"):
                run_demo()
        assert {model: model.objects.count() for model in models} == before
        assert password not in again
        assert str(password_file) in again
        assert "http://127.0.0.1:8000/" in again and "http://127.0.0.1:8000/admin/" in again
        assert password_file.read_text().strip() == password
        assert get_user_model().objects.get(username="editor").check_password(password)


def test_refuses_a_site_with_articles(private_dirs, monkeypatch):
    ArticleFactory(title="Someone else’s article")
    with pytest.raises(CommandError, match="--if-empty"):
        run_demo()

    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8080")
    out = run_demo("--if-empty")
    assert ArticlePage.objects.count() == 1
    assert not get_user_model().objects.exists()
    assert not (private_dirs / "editor-password.txt").exists()
    assert "http://127.0.0.1:8080/" in out and "http://127.0.0.1:8080/admin/" in out
    assert "createsuperuser" in out


def test_keeps_an_existing_editor(private_dirs):
    get_user_model().objects.create_user("editor", password="mine-and-only-mine")
    editor, password = ensure_editor()
    assert password is None
    assert editor.check_password("mine-and-only-mine")
    assert not (private_dirs / "editor-password.txt").exists()
