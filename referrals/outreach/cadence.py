"""Cadence: turn a prospect's logged touches into advice on when, how and whether to try again.

Pure (standard library and zoneinfo). The craft: at most ``voicemail_limit`` voicemails in
``window_days``, then lay off ``layoff_days``; after ``switch_after`` unanswered voicemails,
e-mail and offer a phone appointment; call off-hours in the prospect's own zone; persist in
proportion to the deal's value. A response on any touch ends a lay-off and resets every count.
The team-settable numbers live in :class:`CadenceRules`.

Budgets, per channel. Calls and voicemails spend the *call* budget, which grows with what the
deal is worth: ``3 + 7 x log10(value / $1,000)`` call attempts, rounded, from 2 to 20 (5 when
the value is unknown). Two or three for a $1,000 sale, ten for $10,000 – "many more" – and
the articles' seventeenth call for $100,000; past that the cap keeps it at twenty:

>>> [attempt_budget(v) for v in (500, 1_000, 10_000, 100_000, 300_000, 1_000_000, None)]
[2, 3, 10, 17, 20, 20, 5]

E-mails, letters, cards, postcards, faxes, visits and social messages pre-condition the
prospect for the call (one by another channel for every call, each named in the next
voicemail), so they have a budget of their own, ``OTHER_PER_CALL`` times the call budget,
and never spend a call attempt. An advocate's call is made for the rep and spends neither.
A $1,000 deal after a letter, an e-mail and one voicemail has two calls left:

>>> t = datetime(2024, 1, 8, 14, tzinfo=UTC)
>>> sent = [TouchFact(t, "letter"), TouchFact(t + timedelta(days=1), "email"),
...         TouchFact(t + timedelta(days=2), "voicemail")]
>>> a = advise(sent, now=t + timedelta(days=3), tz=ZoneInfo("Europe/Berlin"), deal_value=1000)
>>> (a.call_attempts, a.budget, a.other_attempts, a.other_budget, a.budget_spent)
(1, 3, 2, 3, False)

A phone appointment offered by e-mail is always ahead of ``now``: the first off-hours window
in the prospect's zone that starts at least ``APPOINTMENT_LEAD`` (two hours, time to read the
e-mail) from now – the next business day once today's are gone. A prospect whose zone is not
known gets windows in the rep's own zone (UTC when that is unknown too), and every sentence
says whose clock it is: never "their time".
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

# Mirrors of referrals.models.outreach (a pure module must not import models); a test keeps
# them in step.
CHANNELS = ("call", "voicemail", "email", "letter", "card", "postcard", "fax", "visit",
            "social", "advocate_call")
OUTCOMES = ("no_answer", "voicemail_left", "spoke", "callback_received", "meeting_set")
#: Outcomes that mean the prospect engaged: they end a lay-off and reset every count.
RESPONSES = frozenset({"spoke", "callback_received", "meeting_set"})
#: An advocate's call is made for the rep, not by the rep: it spends none of the rep's budget.
ADVOCATE_CALL = "advocate_call"
#: Calls and voicemails spend the call budget; every other channel but an advocate's call spends
#: the budget of other touches.
CALL_CHANNELS = ("call", "voicemail")
OTHER_CHANNELS = ("email", "letter", "card", "postcard", "fax", "visit", "social")
#: Touches by other channels a deal is worth, per call attempt it is worth.
OTHER_PER_CALL = 1
#: A phone appointment offered by e-mail starts at least this far ahead of now.
APPOINTMENT_LEAD = timedelta(hours=2)
#: After this many unanswered attempts the silence is a symptom (no reason, no need, no trust),
#: whatever the deal is worth: the prospect needs a different approach, not more of the same.
STALL_AFTER = 3

BOUNDS: dict[str, tuple[int, int]] = {
    "voicemail_limit": (1, 10), "window_days": (1, 60), "layoff_days": (0, 365),
    "switch_after": (1, 10), "base_attempts": (1, 100), "base_value": (1, 1_000_000_000),
    "attempts_per_tenfold": (0, 20), "min_attempts": (1, 100), "max_attempts": (1, 100),
    "default_attempts": (1, 100),
}


@dataclass(frozen=True)
class CadenceRules:
    """The team's cadence settings; the defaults are the craft's.

    Bad values raise ``ValueError({field: [message]})``, built directly or by ``from_dict``.

    Examples
    --------
    >>> CadenceRules.from_dict({"layoff_days": 21, "colour": "red"}).layoff_days
    21
    >>> CadenceRules.from_dict(CadenceRules().to_dict()) == CadenceRules()
    True
    """

    voicemail_limit: int = 3  # voicemails ...
    window_days: int = 10  # ... in this many days, then
    layoff_days: int = 30  # lay off this long from the last of them
    switch_after: int = 2  # unanswered voicemails before e-mail and a phone appointment
    base_attempts: int = 3  # call attempts a deal of base_value dollars is worth
    base_value: int = 1000
    # More call attempts for each tenfold of deal value: 7 takes $100,000 to the seventeenth
    # call ($10,000 to ten), where 4 stopped it at the eleventh.
    attempts_per_tenfold: int = 7
    min_attempts: int = 2
    max_attempts: int = 20
    default_attempts: int = 5  # when the deal value is unknown

    def __post_init__(self) -> None:
        errors = _rule_errors(self)
        if errors:
            raise ValueError(errors)

    def to_dict(self) -> dict[str, int]:
        """Every setting as a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> CadenceRules:
        """Validated rules from a partial mapping (None or {} gives the defaults).

        Unknown keys are ignored. Raises ``ValueError`` whose ``args[0]`` is
        ``{field: [message]}`` for every bad field.

        Examples
        --------
        >>> try:
        ...     CadenceRules.from_dict({"window_days": 0, "min_attempts": "two"})
        ... except ValueError as exc:
        ...     exc.args[0]
        {'window_days': ['Must be from 1 to 60.'], 'min_attempts': ['Must be a whole number.']}
        """
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise ValueError({"__all__": ["Settings must be an object of named whole numbers."]})
        known = {f.name for f in fields(cls)}
        # JSON may carry 3 as 3.0; a whole float is the same setting.
        return cls(**{
            name: int(v) if isinstance(v, float) and v.is_integer() else v
            for name, v in data.items() if name in known
        })


def _rule_errors(rules: CadenceRules) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for name, (low, high) in BOUNDS.items():
        value = getattr(rules, name)
        # bool is an int subclass, but true/false is never a count of days or attempts.
        if isinstance(value, bool) or not isinstance(value, int):
            errors[name] = ["Must be a whole number."]
        elif not low <= value <= high:
            errors[name] = [f"Must be from {low:,} to {high:,}."]
    if errors.keys() & {"min_attempts", "max_attempts"}:
        return errors
    low, high = rules.min_attempts, rules.max_attempts
    if low > high:
        errors["min_attempts"] = [f"Must be at most the maximum attempts ({high})."]
        return errors
    for name in ("base_attempts", "default_attempts"):
        if name not in errors and not low <= getattr(rules, name) <= high:
            errors[name] = [f"Must be between the minimum ({low}) and maximum ({high}) attempts."]
    return errors


DEFAULT_RULES = CadenceRules()
_UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True)
class TouchFact:
    """One logged touch: when (timezone-aware), by which channel, and what came of it."""

    at: datetime
    channel: str
    outcome: str | None = None

    def __post_init__(self) -> None:
        _require_aware(self.at, "at")
        if self.channel not in CHANNELS:
            raise ValueError(f"unknown channel {self.channel!r}")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}")


def _require_aware(moment: datetime, name: str) -> None:
    if not isinstance(moment, datetime):
        raise TypeError(f"{name} must be a datetime, not {moment!r}")
    if moment.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, not naive: {moment!r}")


def _utc(moment: datetime) -> datetime:
    # Aware datetimes sharing a tzinfo compare by wall clock, which is wrong across DST;
    # in UTC every comparison and subtraction is an honest one.
    return moment.astimezone(UTC)


def is_voicemail(t: TouchFact) -> bool:
    """True for the channel ``voicemail`` or the outcome ``voicemail_left``.

    Examples
    --------
    >>> now = datetime(2024, 1, 8, 9, tzinfo=UTC)
    >>> is_voicemail(TouchFact(now, "call", "voicemail_left")), is_voicemail(TouchFact(now, "fax"))
    (True, False)
    """
    return t.channel == "voicemail" or t.outcome == "voicemail_left"


def _since_response(
    touches: Sequence[TouchFact], now: datetime
) -> tuple[list[TouchFact], TouchFact | None]:
    """Touches up to ``now`` after the latest response, oldest first; and that response."""
    cutoff = _utc(now)
    past = sorted((t for t in touches if _utc(t.at) <= cutoff), key=lambda t: _utc(t.at))
    responses = [t for t in past if t.outcome in RESPONSES]
    if not responses:
        return past, None
    latest = responses[-1]
    return [t for t in past if _utc(t.at) > _utc(latest.at)], latest


def _call_attempts(recent: Sequence[TouchFact]) -> tuple[list[TouchFact], int]:
    """The rep's unanswered attempts among `recent` (an advocate's call is not the rep's) and
    how many of them were calls or voicemails."""
    attempts = [t for t in recent if t.channel != ADVOCATE_CALL and t.outcome not in RESPONSES]
    return attempts, sum(1 for t in attempts if t.channel in CALL_CHANNELS)


def call_attempts_left(
    touches: Sequence[TouchFact], *, now: datetime,
    deal_value: Decimal | float | int | None = None, rules: CadenceRules = DEFAULT_RULES,
) -> int:
    """Call attempts the deal is still worth since the prospect last answered (0 when spent).

    >>> t0 = datetime(2024, 1, 8, 14, tzinfo=UTC)
    >>> calls = [TouchFact(t0 + timedelta(days=d), "voicemail") for d in range(3)]
    >>> call_attempts_left(calls, now=t0 + timedelta(days=5), deal_value=10_000)
    7
    >>> answered = [*calls, TouchFact(t0 + timedelta(days=3), "call", "spoke")]
    >>> call_attempts_left(answered, now=t0 + timedelta(days=5), deal_value=10_000)
    10
    """
    _require_aware(now, "now")
    recent, _ = _since_response(touches, now)
    _, calls = _call_attempts(recent)
    return max(0, attempt_budget(deal_value, rules) - calls)


def _rep_voicemails(touches: Sequence[TouchFact]) -> list[TouchFact]:
    # An advocate's message is in the advocate's voice, so it is not one of the rep's three.
    return [t for t in touches if is_voicemail(t) and t.channel != ADVOCATE_CALL]


def attempt_budget(
    deal_value: Decimal | float | int | None, rules: CadenceRules = DEFAULT_RULES
) -> int:
    """How many call attempts (calls and voicemails) a deal is worth.

    ``round(base_attempts + attempts_per_tenfold * log10(value / base_value))`` (halves round
    up), kept within ``min_attempts``..``max_attempts``; ``default_attempts`` when the value is
    unknown (None, 0 or negative).

    Examples
    --------
    >>> [attempt_budget(v) for v in (100, 1000, 10_000, 100_000, None)]
    [2, 3, 10, 17, 5]
    """
    if deal_value is None:
        return rules.default_attempts
    if isinstance(deal_value, bool) or not isinstance(deal_value, int | float | Decimal):
        raise TypeError(f"deal value must be a number, not {deal_value!r}")
    if deal_value != deal_value:  # NaN is the only value unequal to itself
        raise ValueError("deal value must not be NaN")
    if deal_value <= 0:
        return rules.default_attempts
    # Decimal.log10 stays finite where a float would overflow or underflow; the cap keeps an
    # infinite value finite (it is past max_attempts anyway) so that 0 x it is not NaN.
    log = float(deal_value.log10()) if isinstance(deal_value, Decimal) else math.log10(deal_value)
    log = min(log, 1e6)
    raw = rules.base_attempts + rules.attempts_per_tenfold * (log - math.log10(rules.base_value))
    return min(rules.max_attempts, max(rules.min_attempts, math.floor(raw + 0.5)))


def other_budget(
    deal_value: Decimal | float | int | None, rules: CadenceRules = DEFAULT_RULES
) -> int:
    """How many e-mails, letters, cards, postcards, faxes, visits and social messages a deal is
    worth: ``OTHER_PER_CALL`` for each call attempt it is worth.

    Examples
    --------
    >>> [other_budget(v) for v in (1000, 100_000, None)]
    [3, 17, 5]
    """
    return OTHER_PER_CALL * attempt_budget(deal_value, rules)


@dataclass(frozen=True)
class VoicemailVerdict:
    """May the rep leave a voicemail now? ``reason`` says why not, in plain words."""

    allowed: bool
    reason: str | None
    in_window: int  # voicemails in the last window_days
    layoff_until: datetime | None  # end of the lay-off, while one is running


def voicemail_verdict(
    touches: Sequence[TouchFact], now: datetime, rules: CadenceRules = DEFAULT_RULES
) -> VoicemailVerdict:
    """Whether one more voicemail keeps to the cadence, counting since the latest response.

    ``in_window`` counts voicemails later than ``now - window_days``; at ``voicemail_limit`` a
    new one is refused. Once ``voicemail_limit`` voicemails fall less than ``window_days``
    apart, a lay-off runs ``layoff_days`` from the last of them. Touches after ``now`` are
    ignored; ``layoff_until`` is given in ``now``'s time zone.

    Examples
    --------
    >>> t0 = datetime(2024, 1, 1, 9, tzinfo=UTC)
    >>> vms = [TouchFact(t0 + timedelta(days=d), "voicemail") for d in (0, 2, 4)]
    >>> v = voicemail_verdict(vms, t0 + timedelta(days=5))
    >>> v.allowed, v.in_window, v.layoff_until.date()
    (False, 3, datetime.date(2024, 2, 4))
    >>> print(v.reason)
    That would be the 4th voicemail in 10 days, and 3 is the limit; lay off until 4 Feb.
    >>> voicemail_verdict(vms, t0 + timedelta(days=34)).allowed
    True
    """
    _require_aware(now, "now")
    recent, _ = _since_response(touches, now)
    sent = [_utc(t.at) for t in _rep_voicemails(recent)]
    window, limit, cutoff = timedelta(days=rules.window_days), rules.voicemail_limit, _utc(now)
    in_window = sum(1 for at in sent if at > cutoff - window)
    until = None
    for first, last in zip(sent, sent[limit - 1 :], strict=False):  # every run of `limit`
        if last - first < window:
            until = last + timedelta(days=rules.layoff_days)  # sorted, so the latest wins
    layoff = until.astimezone(now.tzinfo) if until is not None and until > cutoff else None
    days = _plural(rules.window_days, "day")
    if in_window >= limit:
        tail = f"; lay off until {_day(layoff, now)}." if layoff else "."
        reason = f"That would be the {_ordinal(in_window + 1)} voicemail in {days}, and "
        return VoicemailVerdict(False, f"{reason}{limit} is the limit{tail}", in_window, layoff)
    if layoff:
        reason = (
            f"You're laying off until {_day(layoff, now)}: {_plural(limit, 'voicemail')} within "
            f"{days} earn {_plural(rules.layoff_days, 'day')} of quiet."
        )
        return VoicemailVerdict(False, reason, in_window, layoff)
    return VoicemailVerdict(True, None, in_window, None)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _day(moment: datetime, now: datetime) -> str:
    year = f" {moment.year}" if moment.year != now.astimezone(moment.tzinfo).year else ""
    return f"{moment.day} {moment:%b}{year}"


@dataclass(frozen=True)
class Window:
    """An off-hours calling window, in the time zone it was asked for."""

    start: datetime
    end: datetime
    label: str


# When people answer their own phone: before the day starts, over lunch, after it ends.
_SLOTS = (
    (time(7, 30), time(8, 30), "before 8:30"),
    (time(12, 0), time(13, 0), "over lunch"),
    (time(17, 30), time(18, 30), "after 17:30"),
)


def _wall(day: date, at: time, tz: tzinfo) -> datetime:
    # A wall time inside a DST gap does not exist; the round trip through UTC moves it to
    # the real instant, so every window is a time the prospect's clock actually shows.
    return datetime.combine(day, at, tzinfo=tz).astimezone(UTC).astimezone(tz)


def off_hours_windows(now: datetime, tz: ZoneInfo, *, count: int = 3) -> list[Window]:
    """The next ``count`` weekday off-hours windows in the prospect's zone ``tz``.

    A window already running at ``now`` is included, from its real start.

    Examples
    --------
    >>> friday_evening = datetime(2024, 3, 8, 23, 45, tzinfo=UTC)  # 18:45 in New York
    >>> ws = off_hours_windows(friday_evening, ZoneInfo("America/New_York"), count=2)
    >>> [(f"{w.start:%a %H:%M %Z}", w.label) for w in ws]
    [('Mon 07:30 EDT', 'before 8:30'), ('Mon 12:00 EDT', 'over lunch')]
    """
    _require_aware(now, "now")
    if count < 0:
        raise ValueError(f"count must be 0 or more, not {count}")
    cutoff, day, found = _utc(now), now.astimezone(tz).date(), []
    while len(found) < count:
        if day.weekday() < 5:
            for start, end, label in _SLOTS:
                window = Window(_wall(day, start, tz), _wall(day, end, tz), label)
                if _utc(window.end) > cutoff and len(found) < count:
                    found.append(window)
        day += timedelta(days=1)
    return found


def appointment_slot(
    now: datetime, tz: ZoneInfo, *, lead: timedelta = APPOINTMENT_LEAD
) -> Window:
    """The off-hours window to offer as a phone appointment: the first in ``tz`` that starts
    at least ``lead`` after ``now`` – never one already running or past.

    Examples
    --------
    >>> berlin = ZoneInfo("Europe/Berlin")
    >>> w = appointment_slot(datetime(2024, 3, 6, 12, 30, tzinfo=berlin), berlin)  # lunch, Wed
    >>> f"{w.start:%a %H:%M}", w.label
    ('Wed 17:30', 'after 17:30')
    >>> f"{appointment_slot(datetime(2024, 3, 8, 16, tzinfo=berlin), berlin).start:%a %H:%M}"
    'Mon 07:30'
    """
    _require_aware(now, "now")
    if lead < timedelta(0):
        raise ValueError(f"lead must not be negative, not {lead}")
    earliest = _utc(now) + lead
    # The first window may be running at `earliest`; the one after it starts later still.
    return next(w for w in off_hours_windows(earliest, tz, count=2) if _utc(w.start) >= earliest)


def _slot(moment: datetime, clock: str) -> str:
    return f"{moment:%a} {moment.day} {moment:%b} at {moment:%H:%M} {clock}"


@dataclass(frozen=True)
class CadenceAdvice:
    """Where a prospect's cadence stands, and one sentence on what to do now."""

    attempts: int  # the rep's touches since the latest response, by every channel
    budget: int  # call attempts the deal is worth
    budget_spent: bool  # the call attempts are used up
    unanswered_voicemails: int
    voicemail: VoicemailVerdict
    suggest_email: bool
    responded: bool  # the latest response comes after the rep's latest attempt
    windows: list[Window]  # in windows_zone
    next_step: str
    stalled: bool
    call_attempts: int = 0  # calls and voicemails since the latest response
    other_attempts: int = 0  # e-mails, letters, cards, ... since the latest response
    other_budget: int = 0
    other_budget_spent: bool = False
    appointment: datetime | None = None  # the phone appointment next_step offers, if any
    timezone_known: bool = True  # the windows are in the prospect's own zone
    windows_zone: ZoneInfo = _UTC_ZONE
    clock: str = "their time"  # whose time the windows are: their time, your time or UTC
    zone_note: str | None = None  # says so when the prospect's zone is unknown


_AFTER_RESPONSE = {
    "meeting_set": "A meeting is set: confirm it in writing and prepare for it.",
    "callback_received": "They called you back, so they're interested: book the meeting now.",
    "spoke": "You've spoken: send what you promised and book the meeting.",
}


def advise(
    touches: Sequence[TouchFact],
    *,
    now: datetime,
    tz: ZoneInfo | None,
    deal_value: Decimal | float | int | None = None,
    rules: CadenceRules = DEFAULT_RULES,
    rep_tz: ZoneInfo | None = None,
) -> CadenceAdvice:
    """Cadence advice for one prospect from their touches; ``tz`` is the prospect's zone.

    ``tz`` None means their zone is unknown: the windows are then the off-hours of the rep's
    zone ``rep_tz`` (UTC when that is None too), called "your time" (or "UTC"), and
    ``zone_note`` says so. ``next_step`` puts a response first, then spent budgets (call
    attempts spent: write instead; both spent: change the approach), then e-mail after
    unanswered voicemails, then a running lay-off, then a call in the next off-hours window.

    Examples
    --------
    >>> t0 = datetime(2024, 1, 8, 14, tzinfo=UTC)
    >>> touches = [TouchFact(t0, "call", "voicemail_left"),
    ...            TouchFact(t0 + timedelta(days=2), "voicemail")]
    >>> a = advise(touches, now=t0 + timedelta(days=3), tz=ZoneInfo("Europe/Berlin"),
    ...            deal_value=10_000)
    >>> a.attempts, a.budget, a.unanswered_voicemails, a.suggest_email, a.stalled
    (2, 10, 2, True, False)
    >>> print(a.next_step)
    Switch to e-mail and offer a phone appointment, say Thu 11 Jan at 17:30 their time.
    >>> a.appointment.isoformat()
    '2024-01-11T17:30:00+01:00'

    Their zone unknown, the rep's in Chicago: Chicago's off-hours, in the rep's own words.

    >>> u = advise([], now=t0, tz=None, rep_tz=ZoneInfo("America/Chicago"))  # 08:00 there
    >>> u.timezone_known, u.clock, f"{u.windows[0].start:%H:%M %Z}"
    (False, 'your time', '07:30 CST')
    >>> print(u.next_step.split(";")[0])
    Call now, until 08:30 your time (before 8:30)
    """
    _require_aware(now, "now")
    zone, clock, note = _clock(tz, rep_tz)
    recent, response = _since_response(touches, now)
    attempts, calls = _call_attempts(recent)
    others = len(attempts) - calls
    voicemails = _rep_voicemails(recent)
    emailed = bool(voicemails) and any(
        t.channel == "email" and _utc(t.at) >= _utc(voicemails[-1].at) for t in recent
    )
    n, budget, o_budget = len(attempts), attempt_budget(deal_value, rules), other_budget(
        deal_value, rules)
    spent, o_spent = calls >= budget, others >= o_budget
    responded = response is not None and not attempts
    verdict = voicemail_verdict(touches, now.astimezone(zone), rules)
    windows = off_hours_windows(now, zone)
    suggest = len(voicemails) >= rules.switch_after and not emailed and not o_spent
    offer = appointment_slot(now, zone).start
    appointment = None
    if response is not None and responded:
        step = _AFTER_RESPONSE[str(response.outcome)]
    elif spent and o_spent:
        step = (f"You've made {calls} of {budget} call attempts and {others} of {o_budget} "
                "other touches with no reply: stop repeating yourself and change the approach "
                "(an advocate, a referral, a new reason).")
    elif spent:
        appointment = offer
        step = (f"You've made {calls} of {budget} call attempts with no reply: stop calling. "
                "Write with a new reason and offer a phone appointment, say "
                f"{_slot(offer, clock)} – or change the approach (an advocate, a referral).")
    elif suggest:
        appointment = offer
        step = f"Switch to e-mail and offer a phone appointment, say {_slot(offer, clock)}."
    else:
        step = _call_step(verdict, windows[0], now, clock)
    stalled = not responded and (n >= STALL_AFTER or spent)
    return CadenceAdvice(
        n, budget, spent, len(voicemails), verdict, suggest, responded, windows, step, stalled,
        call_attempts=calls, other_attempts=others, other_budget=o_budget,
        other_budget_spent=o_spent, appointment=appointment, timezone_known=tz is not None,
        windows_zone=zone, clock=clock, zone_note=note)


def _clock(tz: ZoneInfo | None, rep_tz: ZoneInfo | None) -> tuple[ZoneInfo, str, str | None]:
    """The zone the windows are in, what to call it, and a note when it isn't theirs."""
    if tz is not None:
        return tz, "their time", None
    if rep_tz is not None:
        return rep_tz, "your time", (
            "Their time zone isn't known, so these are the off-hours in your own time "
            f"zone ({rep_tz.key}).")
    return _UTC_ZONE, "UTC", (
        "Their time zone isn't known (nor yours), so these are the off-hours in UTC.")


def _call_step(verdict: VoicemailVerdict, window: Window, now: datetime, clock: str) -> str:
    """The next step when another call is in order: a lay-off first, then the next window
    (a window already running is offered from now, never from its past start)."""
    if verdict.layoff_until is not None:
        until = _day(verdict.layoff_until, now)
        return f"Give them quiet until {until}, then come back with something new to offer."
    if _utc(window.start) <= _utc(now):
        when = f"now, until {window.end:%H:%M} {clock} ({window.label})"
    else:
        when = f"{window.label}, {_slot(window.start, clock)}"
    if not verdict.allowed:
        return f"Call {when}, but don't leave a voicemail if they don't pick up."
    return f"Call {when}; if you reach voicemail, give them a new reason to call back."


def describe_rules(rules: CadenceRules = DEFAULT_RULES) -> list[tuple[str, str]]:
    """Headings and sentences explaining the team's cadence, with its numbers, for a sales rep.

    Examples
    --------
    >>> lines = describe_rules()
    >>> print(lines[0][1])
    Leave at most 3 voicemails in 10 days, then lay off for 30 days from the last one.
    >>> print(dict(lines)["How long to persist"].split(". ")[-1])
    So a $1,000 deal gets 3 call attempts, a $10,000 deal 10 and a $100,000 deal 17.
    """
    r, days = rules, lambda n: _plural(n, "day")
    small, big, huge = (attempt_budget(v, r) for v in (1000, 10_000, 100_000))
    hours = _plural(int(APPOINTMENT_LEAD.total_seconds() // 3600), "hour")
    return [
        ("Voicemails", f"Leave at most {_plural(r.voicemail_limit, 'voicemail')} in "
         f"{days(r.window_days)}, then lay off for {days(r.layoff_days)} from the last one."),
        ("Switch to e-mail", f"After {_plural(r.switch_after, 'unanswered voicemail')}, send "
         "an e-mail instead and offer a phone appointment at a set time: the next off-hours "
         f"window at least {hours} away, so it is never a time already gone."),
        ("Call off-hours", "Call on weekdays before 8:30, over lunch (12:00 to 13:00) or after "
         "17:30, in the prospect's own time zone: people are at their desks and pick up. When "
         "their time zone isn't known, the times shown are in yours (UTC if yours isn't "
         "either) and say so."),
        ("How long to persist", f"A ${r.base_value:,} deal is worth "
         f"{_plural(r.base_attempts, 'call attempt')}, each tenfold in value adds "
         f"{r.attempts_per_tenfold} more, from {r.min_attempts} to {r.max_attempts} in all "
         f"({r.default_attempts} when the value is unknown). So a $1,000 deal gets "
         f"{_plural(small, 'call attempt')}, a $10,000 deal {big} and a $100,000 deal {huge}."),
        ("What counts", "Calls and voicemails spend the call attempts. E-mails, letters, cards, "
         "postcards, faxes, visits and social messages have a budget of their own, "
         + ("as many as the call attempts" if OTHER_PER_CALL == 1 else
            f"{OTHER_PER_CALL} for each call attempt")
         + ", and never use up a call; an advocate's call counts for neither. When they speak "
         "with you, call back or set a meeting, every count starts again and any lay-off ends."),
        ("When it stalls", f"{STALL_AFTER} unanswered attempts are a symptom (no reason, no "
         "need, no trust, no time): change the approach instead of repeating the message."),
    ]
