"""On PostgreSQL, the view rows' foreign keys to the page cascade in the database itself.

Django deletes a page's view rows, then the page. A server flushing views in between adds a
row for that page, and the page's DELETE then failed on the foreign key: an editor deleting
an article while it was being read got an error. With ON DELETE CASCADE the database removes
that row with the page; a flush that comes after the page is gone fails instead, and
retries without it (store.add_views skips pages that no longer exist).

SQLite needs nothing: one writer at a time, so nothing comes in between. (A later
migration that alters these fields would recreate the constraints without the cascade:
repeat this there, as 0003 does for the rolling views.)
"""

from django.db import migrations

TABLES = ("pageviews_pageviewtotal", "pageviews_dailypageviews")


def constraint_names(cursor, table: str) -> list[str]:
    cursor.execute(
        "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f' "
        "AND confrelid = 'wagtailcore_page'::regclass",
        [table],
    )
    return [name for (name,) in cursor.fetchall()]


def set_cascade(on_delete: str, tables: tuple[str, ...] = TABLES):
    def change(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            for table in tables:
                for name in constraint_names(cursor, table):
                    cursor.execute(
                        f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}", '
                        f'ADD CONSTRAINT "{name}" FOREIGN KEY ("page_id") '
                        f'REFERENCES "wagtailcore_page" ("id") {on_delete} '
                        "DEFERRABLE INITIALLY DEFERRED"
                    )

    return change


class Migration(migrations.Migration):
    dependencies = [("pageviews", "0001_initial"), ("wagtailcore", "0001_initial")]

    operations = [
        migrations.RunPython(set_cascade("ON DELETE CASCADE"), set_cascade("")),
    ]
