"""Replace Wagtail's welcome page with the newsdesk home page and the default section."""

from django.db import migrations


def create_site_structure(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("articles.HomePage")
    SectionPage = apps.get_model("articles.SectionPage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home").delete()
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    home_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="articles")
    section_type, _ = ContentType.objects.get_or_create(model="sectionpage", app_label="articles")

    # Tree paths are written by hand: migrations see historical models without treebeard's API.
    home = HomePage.objects.create(
        title="Home", draft_title="Home", slug="home", content_type=home_type,
        path=root.path + "0001", depth=2, numchild=1, url_path="/home/", locale=locale,
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    SectionPage.objects.create(
        title="Uncategorized", draft_title="Uncategorized", slug="uncategorized",
        content_type=section_type, path=home.path + "0001", depth=3, numchild=0,
        url_path="/home/uncategorized/", locale=locale, live=True, is_default=True,
    )
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                        site_name="newsdesk")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(create_site_structure, migrations.RunPython.noop)]
