"""Words the app says the same way everywhere: a person's first name, a day, how long ago.

>>> first_name("Mike Kincaid"), first_name("  Cher "), first_name("")
('Mike', 'Cher', '')
"""

from __future__ import annotations

from datetime import date


def first_name(name: str) -> str:
    """The first word of a name ('' for a blank one)."""
    parts = name.split()
    return parts[0] if parts else ""


def time_ago(day: date, today: date) -> str:
    """How long before `today` the day `day` was, as a rep would say it.

    >>> d = date(2024, 6, 1)
    >>> time_ago(d, d), time_ago(date(2024, 5, 31), d), time_ago(date(2024, 5, 18), d)
    ('today', 'yesterday', '2 weeks ago')
    >>> time_ago(date(2023, 6, 1), d), time_ago(date(2022, 5, 1), d), time_ago(date(2024, 6, 3), d)
    ('a year ago', '2 years ago', 'on 2024-06-03')
    """
    days = (today - day).days
    if days < 0:
        return f"on {day.isoformat()}"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        months = days // 30
        return "a year ago" if months == 12 else f"{months} months ago"
    return f"{days // 365} years ago"


def day_label(day: date, today: date) -> str:
    """A day as the app writes it everywhere: weekday, day and month, with the year only when
    it isn't this year's.

    >>> today = date(2026, 12, 4)
    >>> day_label(date(2026, 12, 2), today), day_label(date(2025, 11, 28), today)
    ('Wed 2 Dec', 'Fri 28 Nov 2025')
    """
    text = f"{day:%a} {day.day} {day:%b}"
    return text if day.year == today.year else f"{text} {day.year}"
