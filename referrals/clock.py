"""The app's one clock. Timestamps are UTC (`utc_now`); "today" is a day where the rep
works (`today_for`), or UTC's day for what belongs to the whole team (`utc_today`). Services
and graph code take `today` or `now` as an argument; only the edges (views, API, commands)
read the clock.

>>> from types import SimpleNamespace as NS
>>> late = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)
>>> rep = NS(person=NS(timezone="Asia/Tokyo"))
>>> today_for(rep, late), today_for(None, late)
(datetime.date(2026, 12, 4), datetime.date(2026, 12, 3))
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo


def utc_now() -> datetime:
    """The current time, timezone-aware (a column default calls it per row, never at import)."""
    return datetime.now(UTC)


def utc_today() -> date:
    """Today in UTC: the day of things no single rep owns (the team graph's decay, exports)."""
    return utc_now().date()


def aware(value: datetime) -> datetime:
    """A stored timestamp made timezone-aware: SQLite hands back naive datetimes, and every
    timestamp is stored in UTC.

    >>> aware(datetime(2026, 1, 2, 3, 4)).tzinfo
    datetime.timezone.utc
    """
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def zone_of(person: Any) -> ZoneInfo:
    """The person's time zone, UTC when it is not known (or not a zone)."""
    name = getattr(person, "timezone", None) if person is not None else None
    try:
        return ZoneInfo(name) if name else ZoneInfo("UTC")
    except (KeyError, ValueError):  # pragma: no cover - zones are validated on input
        return ZoneInfo("UTC")


def today_for(user: Any, now: datetime | None = None) -> date:
    """Today where the rep works (their person's time zone), UTC's day when it is not known."""
    person = getattr(user, "person", None) if user is not None else None
    return (now or utc_now()).astimezone(zone_of(person)).date()
