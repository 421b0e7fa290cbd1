"""Statements built once per process: the row every save and form view reads, and the few
rows every save writes.

The ORM builds and compiles a statement again at every call, which costs more CPU than the
database spends running it; saves and form views are most of the deadline week's requests. The
SQL is made from the model's own table and column names (quoted by the database's rules); every
value is a parameter, prepared by its field as the ORM would (JSON, dates, decimals). No model
signals are sent by the writes: use them only for models that have none.
"""

from __future__ import annotations

from typing import Any

from django.db import connection, models

_built: dict[tuple[Any, ...], Any] = {}


def row(model: type[models.Model], pk: Any) -> Any:
    """The model's row with this primary key (every concrete field), or None."""
    shape = ("row", model)
    built = _built.get(shape)
    if built is None:
        fields = model._meta.concrete_fields
        columns = [f.get_col(model._meta.db_table) for f in fields]
        converters = [
            connection.ops.get_db_converters(c) + c.get_db_converters(connection) for c in columns
        ]
        sql = model._default_manager.filter(pk=0).query.sql_with_params()[0]
        built = _built[shape] = (sql, [f.attname for f in fields], columns, converters)
    sql, names, columns, converters = built
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        found = cursor.fetchone()
    if found is None:
        return None
    values = []
    for value, column, convert in zip(found, columns, converters, strict=True):
        for converter in convert:  # as the ORM does: JSON decoded, SQLite's decimals and dates
            value = converter(value, column, connection)
        values.append(value)
    return model.from_db(connection.alias, names, values)


def _prepared(model: type[models.Model], values: dict[str, Any]) -> list[Any]:
    opts = model._meta
    return [opts.get_field(name).get_db_prep_save(v, connection) for name, v in values.items()]


def _column(model: type[models.Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def insert(model: type[models.Model], values: dict[str, Any]) -> None:
    """INSERT one row (`values` by field name; foreign keys by their `_id` attribute name)."""
    shape = ("insert", model, tuple(values))
    sql = _built.get(shape)
    if sql is None:
        table = connection.ops.quote_name(model._meta.db_table)
        columns = ", ".join(_column(model, name) for name in values)
        marks = ", ".join(["%s"] * len(values))
        sql = _built[shape] = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, _prepared(model, values))


def update(model: type[models.Model], values: dict[str, Any], where: dict[str, Any]) -> int:
    """UPDATE the rows matching `where` (field = value, or field IN a tuple); the count."""
    shape = ("update", model, tuple(values), tuple((k, _arity(v)) for k, v in where.items()))
    sql = _built.get(shape)
    if sql is None:
        table = connection.ops.quote_name(model._meta.db_table)
        sets = ", ".join(f"{_column(model, name)} = %s" for name in values)
        tests = " AND ".join(
            f"{_column(model, k)} IN ({', '.join(['%s'] * n)})"
            if n
            else f"{_column(model, k)} = %s"
            for k, n in shape[3]
        )
        sql = _built[shape] = f"UPDATE {table} SET {sets} WHERE {tests}"  # noqa: S608
    params = _prepared(model, values)
    for name, value in where.items():
        field = model._meta.get_field(name)
        for v in value if isinstance(value, tuple) else (value,):
            params.append(field.get_db_prep_value(v, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _arity(value: Any) -> int:
    return len(value) if isinstance(value, tuple) else 0
