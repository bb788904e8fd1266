"""Jinja filters and globals used across templates."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import Flask, request, url_for

from referrals.vocab import ISSUE_LABELS, KIND_LABELS


def humanize_date(value: date | datetime | None) -> str:
    """'today', '3 days ago', '2 weeks ago' … for a date; '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    days = (date.today() - value).days
    if days < 0:
        return f"on {value.isoformat()}"
    if days == 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 60:
        return f"{days // 7} weeks ago"
    if days < 730:
        return f"{days // 30} months ago"
    return f"{days // 365} years ago"


def money(value: Decimal | float | None) -> str:
    return "" if value is None else f"${value:,.0f}"


def warmth_word(warmth: float) -> str:
    """A path's warmth in a word a rep can act on (the number is shown beside it)."""
    for floor, word in ((0.5, "Warm"), (0.25, "Fair"), (0.1, "Cool")):
        if warmth >= floor:
            return word
    return "Cold"


def register(app: Flask) -> None:
    app.jinja_env.filters["warmth_word"] = warmth_word
    app.jinja_env.filters["ago"] = humanize_date
    app.jinja_env.filters["money"] = money
    app.jinja_env.filters["issue_label"] = lambda issue: ISSUE_LABELS.get(issue, issue)
    app.jinja_env.filters["kind_label"] = lambda kind: KIND_LABELS.get(kind, kind.replace("_", " "))

    def url_with(**changes: object) -> str:
        """The current page's URL with some query arguments changed (for filters, pagination)."""
        args = request.args.to_dict(flat=False)
        for key, value in changes.items():
            if value is None:
                args.pop(key, None)
            else:
                args[key] = [str(value)]
        return url_for(request.endpoint or "main.index", **(request.view_args or {}), **args)

    app.jinja_env.globals["url_with"] = url_with
