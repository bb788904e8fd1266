"""Engine set-up shared by the app and the tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
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


def max_length(attribute: Any) -> int:
    """The length of a model's string column, so forms and API schemas read their limits from
    the model instead of repeating them.

    >>> from referrals.models import Person
    >>> max_length(Person.name)
    200
    """
    length = attribute.property.columns[0].type.length
    if length is None:
        raise ValueError(f"{attribute} has no length")
    return int(length)


def max_amount(attribute: Any) -> Decimal:
    """The largest value a model's Numeric(precision, scale) column holds.

    >>> from referrals.models import Person
    >>> max_amount(Person.deal_value)  # Numeric(14, 2)
    Decimal('999999999999.99')
    """
    kind = attribute.property.columns[0].type
    return Decimal(10) ** (kind.precision - kind.scale) - Decimal(1).scaleb(-kind.scale)
