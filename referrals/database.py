"""Engine set-up shared by the app and the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, event, func
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session


def enable_sqlite_pragmas(engine: Engine) -> None:
    """Foreign keys on (SQLite leaves them off), WAL for concurrent readers, a busy timeout."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=5000")
        cursor.close()


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive "`column` contains `text`", for search boxes and filters.

    The text is a bound parameter and its LIKE wildcards are escaped, so "50%" or "a_b"
    match literally and nothing the user types changes the query.
    """
    escaped = text.strip().lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(column).like(f"%{escaped}%", escape="\\")


@contextmanager
def unit_of_work(session: Session) -> Iterator[Session]:
    """One change, all or nothing, for pages, the API and commands alike.

    Services run with autoflush off: they check for duplicates with a query, which must not
    flush their half-applied change first. Success commits; any error (a domain error, a
    404, a crash) rolls back and propagates, so a refused request writes nothing.
    """
    try:
        with session.no_autoflush:
            yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
