"""Rolling views keyed by (page, days), without an id and its indexes.

Django cannot turn an existing table's key into a composite one, and the rows are derived
data: the table is made again, empty, and the windows are marked as never built, so the next
flush (or ranking read) rebuilds them from the daily rows (windows.py). The database cascade
of 0002 is set again on the new table.
"""

from importlib import import_module

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

cascade = import_module("newsdesk.pageviews.migrations.0002_cascade_in_the_database")
ROLLING = ("pageviews_rollingviews",)


def windows_never_built(apps, schema_editor):
    apps.get_model("pageviews", "RollingWindow").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pageviews", "0004_site_views"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.DeleteModel(name="RollingViews"),
        migrations.CreateModel(
            name="RollingViews",
            fields=[
                (
                    "pk",
                    models.CompositePrimaryKey(
                        "page",
                        "days",
                        blank=True,
                        editable=False,
                        primary_key=True,
                        serialize=False,
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("days", models.PositiveSmallIntegerField()),
                ("views", models.PositiveBigIntegerField(default=0)),
            ],
            options={
                "verbose_name_plural": "rolling views",
                "indexes": [
                    models.Index(fields=["days", "-views"], name="pageviews_rolling_top")
                ],
            },
        ),
        migrations.RunPython(windows_never_built, windows_never_built),
        migrations.RunPython(
            cascade.set_cascade("ON DELETE CASCADE", ROLLING), cascade.set_cascade("", ROLLING)
        ),
    ]
