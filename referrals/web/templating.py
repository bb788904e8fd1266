"""Jinja filters and globals used across templates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask import Flask, has_request_context, request, url_for
from flask_login import current_user

from referrals.clock import aware, today_for, utc_today, zone_of
from referrals.vocab import ISSUE_LABELS, KIND_LABELS
from referrals.words import day_label, time_ago

_CALENDAR = "referrals.rep_calendar"


def _rep_calendar() -> tuple[ZoneInfo, date]:
    """The signed-in rep's time zone and today in it, worked out once per request and user
    (kept in the request's environ, not `g`, which a test's app context keeps across
    requests): a person page's dates ask for them dozens of times, each through
    flask-login's proxy."""
    user = current_user._get_current_object()
    environ = request.environ if has_request_context() else {}
    memo = environ.get(_CALENDAR)
    if memo is None or memo[0] is not user:
        today = today_for(user) if user.is_authenticated else utc_today()
        memo = environ[_CALENDAR] = (user, zone_of(getattr(user, "person", None)), today)
    return memo[1], memo[2]


def _in_rep_calendar(value: date | datetime) -> tuple[date, date]:
    """The day `value` falls on and today, both in the signed-in rep's calendar."""
    zone, today = _rep_calendar()
    if isinstance(value, datetime):
        value = aware(value).astimezone(zone).date()
    return value, today


def humanize_date(value: date | datetime | None) -> str:
    """'today', '3 days ago', '2 weeks ago' … in the signed-in rep's calendar; '' for None."""
    return "" if value is None else time_ago(*_in_rep_calendar(value))


def day(value: date | datetime | None) -> str:
    """'Wed 2 Dec' (a year added when it isn't this one) in the rep's calendar; '' for None."""
    return "" if value is None else day_label(*_in_rep_calendar(value))


#: An id no route has otherwise: `id_link` builds a link with it, then puts each id in its place.
_LINK_ID = 987654321


def id_link(endpoint: str, key: str, **values: object) -> Callable[[int], str]:
    """Links to `endpoint` that differ only in the id `key`, for a loop's rows: url_for once
    (~30 µs), then each id put in the placeholder's place.

    The ids are ints, as the routes' int converter writes them."""
    built = url_for(endpoint, **{key: _LINK_ID}, **values)
    head, found, tail = built.partition(str(_LINK_ID))
    if not found or str(_LINK_ID) in tail:  # pragma: no cover - a value held the placeholder
        return lambda value: url_for(endpoint, **{key: value}, **values)
    return lambda value: f"{head}{int(value)}{tail}"


def money(value: Decimal | float | None) -> str:
    return "" if value is None else f"${value:,.0f}"


def warmth_word(warmth: float) -> str:
    """A path's warmth in a word a rep can act on (the number is shown beside it)."""
    for floor, word in ((0.5, "Warm"), (0.25, "Fair"), (0.1, "Cool")):
        if warmth >= floor:
            return word
    return "Cold"


def warmth_label(warmth: float) -> str:
    """The word and the number, as lists show a warmth.

    >>> warmth_label(0.623)
    'Warm · 62%'
    """
    return f"{warmth_word(warmth)} · {100 * warmth:.0f}%"


def compile_templates(app: Flask) -> int:
    """Compile every template now, into the environment's cache; returns how many.

    A gunicorn worker does it as it starts (gunicorn.conf.py), before its first request:
    otherwise each worker's first person page compiles a dozen templates, a few hundred
    milliseconds of one request, again after every `max_requests` recycle."""
    env = app.jinja_env
    names = env.list_templates(extensions=("html",))
    for name in names:
        env.get_template(name)
    return len(names)


def register(app: Flask) -> None:
    app.jinja_env.filters["warmth_word"] = warmth_word
    app.jinja_env.filters["warmth_label"] = warmth_label
    app.jinja_env.filters["ago"] = humanize_date
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["aware"] = lambda value: aware(value) if value is not None else value
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

    fixed: dict[tuple[str, str, tuple[tuple[str, object], ...]], str] = {}

    def fixed_url(endpoint: str, **values: object) -> str:
        """`url_for(endpoint, **values)` for a link that is the same on every page (the
        menu's, the stylesheet's), built once per mount point: base.html has twenty, ~30 µs
        each on every page. Only for constant values: the memo keeps every one it is given."""
        if not has_request_context():
            return url_for(endpoint, **values)
        key = (request.script_root, endpoint, tuple(sorted(values.items())))
        url = fixed.get(key)
        if url is None:
            url = fixed[key] = url_for(endpoint, **values)
        return url

    app.jinja_env.globals["fixed_url"] = fixed_url
    app.jinja_env.globals["id_link"] = id_link
