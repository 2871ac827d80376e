"""Rows written in bulk, below the ORM's one-save-per-object: for the benchmark builder and
the WordPress import, which write tens of thousands of pages at a time.

Django's `bulk_create` refuses multi-table models such as Wagtail's pages (a page is a row
in `wagtailcore_page` plus one in its model's own table), and a `save()` per page costs
milliseconds of tree locking, signals and validation. `RowWriter` writes one table's rows
with one prepared INSERT run over many parameter rows; `reserve_ids` hands out primary keys
before the rows exist, so that what refers to a page can be built before the page is written.
"""

from __future__ import annotations

from types import SimpleNamespace

from django.db import connection, transaction


class Prepared(str):
    """A value already in its database form (a StreamField's JSON text)."""


# Fields whose database form is the Python value itself when it has this type: preparing
# each of them through `get_db_prep_save` was most of the time of writing a comment row.
PLAIN_TYPES = {"CharField": str, "TextField": str, "SlugField": str, "BooleanField": bool}
PLAIN_TYPES.update(
    dict.fromkeys(
        [
            "AutoField",
            "BigAutoField",
            "SmallAutoField",
            "IntegerField",
            "BigIntegerField",
            "SmallIntegerField",
            "PositiveIntegerField",
            "PositiveSmallIntegerField",
            "PositiveBigIntegerField",
        ],
        int,
    )
)


def preparer(field):
    """A function giving a value of `field` in its database form, as `get_db_prep_save`."""
    target = field.target_field if field.is_relation else field
    plain = PLAIN_TYPES.get(target.get_internal_type())
    prepare = field.get_db_prep_save
    if plain is None:
        return lambda value: prepare(value, connection)
    return lambda value: (
        value if value is None or type(value) is plain else prepare(value, connection)
    )


class RowWriter:
    """Multi-row INSERTs into a model's table, from plain dicts or model instances; every
    column a dict does not give gets the field's default, so fields added to the model later
    need no change here. `local`: only the model's own table (a multi-table child's).

    A default that changes (a callable such as `timezone.now`) and an `auto_now` or
    `auto_now_add` date are taken once per `write`, as a `save()` at that moment would give
    them: every row of one write shares the value, so a default that must differ per row
    (`uuid4`) must be in the rows.

    Rows that do not give an automatic id (a dict without it, an instance whose pk is None)
    take the table's next one; the caller who needs the ids gives them (`reserve_ids`).
    `upsert`: (unique fields, fields to update), for rows that may exist already: a row
    whose unique fields match one in the table updates it instead (ON CONFLICT DO UPDATE,
    which SQLite and PostgreSQL both speak)."""

    def __init__(self, model, local: bool = False, upsert=None):
        meta = model._meta
        self.meta = meta
        self.fields = list(meta.local_concrete_fields if local else meta.concrete_fields)
        self.changing = [f for f in self.fields if _changes(f)]
        self.defaults = {
            f.attname: f.get_db_prep_save(f.get_default(), connection)
            for f in self.fields
            if f not in self.changing
        }
        self.prepare = {f.attname: preparer(f) for f in self.fields}
        self.upsert = upsert
        self.generated_pk = meta.pk if getattr(meta.pk, "db_returning", False) else None
        self.with_pk = (self.fields, self._insert(self.fields))
        fields = [f for f in self.fields if f is not self.generated_pk]
        self.without_pk = (fields, self._insert(fields))

    def _insert(self, fields) -> str:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {quote(self.meta.db_table)} ({columns}) VALUES ({placeholders})"
        if self.upsert:
            unique, update = (
                [quote(self.meta.get_field(name).column) for name in names] for names in self.upsert
            )
            changes = ", ".join(f"{column} = EXCLUDED.{column}" for column in update)
            sql += f" ON CONFLICT ({', '.join(unique)}) DO UPDATE SET {changes}"
        return sql

    def _shape(self, gives_pk: bool):
        return self.with_pk if gives_pk or self.generated_pk is None else self.without_pk

    def write(self, rows: list[dict]) -> None:
        if not rows:
            return
        pk = self.generated_pk
        fields, sql = self._shape(pk is None or pk.attname in rows[0])
        defaults = {**self.defaults, **{f.attname: self._now(f) for f in self.changing}}
        self._execute(sql, [[self._value(f, row, defaults) for f in fields] for row in rows])

    def write_objects(self, objects: list) -> None:
        """The rows of unsaved instances, each value prepared as `Model.save()` would
        (`pre_save` fills automatic fields; `get_db_prep_save` gives the database form)."""
        if not objects:
            return
        fields, sql = self._shape(objects[0].pk is not None)
        self._execute(
            sql,
            [[self.prepare[f.attname](f.pre_save(obj, True)) for f in fields] for obj in objects],
        )

    def _execute(self, sql: str, params: list[list]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, params)

    @staticmethod
    def _now(field):
        """The value a new instance's `save()` would write for the field now (`pre_save`
        turns the default into the time for an automatic date)."""
        instance = SimpleNamespace(**{field.attname: field.get_default()})
        return field.get_db_prep_save(field.pre_save(instance, True), connection)

    def _value(self, field, row: dict, defaults: dict):
        if field.attname not in row:
            return defaults[field.attname]
        value = row[field.attname]
        if isinstance(value, Prepared):
            return str(value)
        return self.prepare[field.attname](value)


def _automatic(field) -> bool:
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def _changes(field) -> bool:
    """Whether the field's value for a new row depends on when it is written."""
    return _automatic(field) or callable(field.default)


class RowWriters:
    """One `RowWriter` per table, built when first asked for (each prepares its INSERT)."""

    def __init__(self):
        self._writers: dict[tuple, RowWriter] = {}

    def __call__(self, model, local: bool = False, upsert=None) -> RowWriter:
        key = (model, local, upsert)
        if key not in self._writers:
            self._writers[key] = RowWriter(model, local=local, upsert=upsert)
        return self._writers[key]


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
