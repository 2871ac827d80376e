"""Rows written in bulk, below the ORM's one-save-per-object: for the benchmark builder and
the WordPress import, which write tens of thousands of pages at a time.

Django's `bulk_create` refuses multi-table models such as Wagtail's pages (a page is a row
in `wagtailcore_page` plus one in its model's own table), and a `save()` per page costs
milliseconds of tree locking, signals and validation. `RowWriter` writes one table's rows
with one prepared INSERT run over many parameter rows; `reserve_ids` hands out primary keys
before the rows exist, so that what refers to a page can be built before the page is written.
"""

from __future__ import annotations

from django.db import connection, transaction


class Prepared(str):
    """A value already in its database form (a StreamField's JSON text)."""


class RowWriter:
    """Multi-row INSERTs into a model's table, from plain dicts or model instances; every
    column a dict does not give gets the field's default, so fields added to the model later
    need no change here. `local`: only the model's own table (a multi-table child's)."""

    def __init__(self, model, local: bool = False):
        meta = model._meta
        self.fields = list(meta.local_concrete_fields if local else meta.concrete_fields)
        self.defaults = {
            f.attname: f.get_db_prep_save(f.get_default(), connection) for f in self.fields
        }
        self.sql = self._insert(meta, self.fields)
        # Rows without an id take the table's next one (an AutoField's default is None).
        self.generated_pk = meta.pk if getattr(meta.pk, "db_returning", False) else None
        self.sql_without_pk = self._insert(meta, [f for f in self.fields if f is not meta.pk])

    @staticmethod
    def _insert(meta, fields) -> str:
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        table = connection.ops.quote_name(meta.db_table)
        placeholders = ", ".join(["%s"] * len(fields))
        return f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"

    def write(self, rows: list[dict]) -> None:
        pk = self.generated_pk
        if pk is not None and rows and pk.attname not in rows[0]:
            fields = [f for f in self.fields if f is not pk]
            params = [[self._value(f, row) for f in fields] for row in rows]
            self._execute(params, self.sql_without_pk)
        else:
            self._execute([[self._value(f, row) for f in self.fields] for row in rows])

    def write_objects(self, objects: list) -> None:
        """The rows of unsaved instances, each value prepared as `Model.save()` would
        (`pre_save` fills automatic fields; `get_db_prep_save` gives the database form)."""
        self._execute(
            [
                [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in self.fields]
                for obj in objects
            ]
        )

    def _execute(self, params: list[list], sql: str = "") -> None:
        if not params:
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql or self.sql, params)

    def _value(self, field, row: dict):
        if field.attname not in row:
            return self.defaults[field.attname]
        value = row[field.attname]
        if isinstance(value, Prepared):
            return str(value)
        return field.get_db_prep_save(value, connection)


class RowWriters:
    """One `RowWriter` per table, built when first asked for (each prepares its INSERT)."""

    def __init__(self):
        self._writers: dict[tuple[type, bool], RowWriter] = {}

    def __call__(self, model, local: bool = False) -> RowWriter:
        if (model, local) not in self._writers:
            self._writers[(model, local)] = RowWriter(model, local=local)
        return self._writers[(model, local)]


def reserve_ids(model, count: int) -> list[int]:
    """`count` primary keys for rows of `model` written later in this transaction.

    PostgreSQL takes them from the table's own sequence, so other writers never collide.
    SQLite has no sequence to draw from: the ids follow the largest one in the table, and the
    caller must write its rows before anything else inserts into that table.
    """
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [connection.ops.quote_name(table), column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        largest = cursor.fetchone()[0] or 0
        # AUTOINCREMENT never reuses the id of a deleted row: neither do these.
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        row = cursor.fetchone()
        first = max(largest, row[0] if row else 0) + 1
    return list(range(first, first + count))
