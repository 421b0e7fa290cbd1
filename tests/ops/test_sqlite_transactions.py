"""On SQLite every transaction takes the write lock when it begins: one that reads and then
writes while another writes waits its turn instead of failing with "database is locked"."""

from __future__ import annotations

import threading

import pytest
from django.conf import settings
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    not settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite's locking (the PostgreSQL leg has row locks)",
)


def _connection(path) -> DatabaseWrapper:
    """A connection to a database file, with the project's SQLite options (outside the test
    database: two real connections to one file)."""
    options = dict(settings.DATABASES["default"].get("OPTIONS", {}))
    wrapper = DatabaseWrapper(
        {**settings.DATABASES["default"], "NAME": str(path), "OPTIONS": options}
    )
    wrapper.ensure_connection()
    return wrapper


@pytest.fixture
def unblocked(django_db_blocker):
    with django_db_blocker.unblock():
        yield


def _begin(conn: DatabaseWrapper) -> None:
    """What transaction.atomic() runs first on SQLite (BEGIN with the configured mode)."""
    conn._start_transaction_under_autocommit()


def test_a_read_then_write_racing_another_write_waits_instead_of_failing(tmp_path, unblocked):
    path = tmp_path / "race.sqlite3"
    setup = _connection(path)
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE row (id INTEGER PRIMARY KEY, version INTEGER)")
        cursor.execute("INSERT INTO row VALUES (1, 1)")
    setup.close()
    first_read, errors = threading.Event(), []

    def reader_then_writer() -> None:  # a save: reads the row, then writes it
        conn = _connection(path)
        try:
            with conn.cursor() as cursor:
                _begin(conn)
                cursor.execute("SELECT version FROM row WHERE id = 1")
                first_read.set()
                threading.Event().wait(0.5)  # the other writer gets in meanwhile
                cursor.execute("UPDATE row SET version = version + 1 WHERE id = 1")
                cursor.execute("COMMIT")
        except Exception as exc:
            errors.append(str(exc))
        finally:
            conn.close()

    def writer() -> None:  # a submission
        first_read.wait(5)
        conn = _connection(path)
        try:
            with conn.cursor() as cursor:
                _begin(conn)
                cursor.execute("UPDATE row SET version = version + 10 WHERE id = 1")
                cursor.execute("COMMIT")
        except Exception as exc:
            errors.append(str(exc))
        finally:
            conn.close()

    threads = [threading.Thread(target=reader_then_writer), threading.Thread(target=writer)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    check = _connection(path)
    with check.cursor() as cursor:
        cursor.execute("SELECT version FROM row WHERE id = 1")
        assert cursor.fetchone()[0] == 12
    check.close()
