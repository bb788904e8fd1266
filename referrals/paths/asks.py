"""How hard the team leans on each helper: the ask cap, counting asks, and the fatigue penalty
that lowers paths through an over-asked helper."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    bindparam,
    cast,
    literal,
    null,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from referrals.errors import ValidationFailed
from referrals.models import AdvocateCall, IntroductionRequest, Person, ReferenceAsk, Team
from referrals.models.counters import ASKS, Kept

DEFAULT_ASK_CAP = 2
DEFAULT_ASK_WINDOW_DAYS = 90


@dataclass(frozen=True)
class AskCap:
    """How often a team lets itself lean on one helper: `cap` asks per `window_days`."""

    cap: int = DEFAULT_ASK_CAP
    window_days: int = DEFAULT_ASK_WINDOW_DAYS


def ask_cap(team: Team) -> AskCap:
    data = (team.settings or {}).get("advocates", {})
    return AskCap(int(data.get("ask_cap", DEFAULT_ASK_CAP)),
                  int(data.get("ask_window_days", DEFAULT_ASK_WINDOW_DAYS)))


def update_ask_cap(session: Session, team: Team, cap: Any, window_days: Any) -> AskCap:
    """Store the team's cap (1–20 asks per 7–365 days); nothing is written when invalid."""
    fields: dict[str, list[str]] = {}
    if not isinstance(cap, int) or isinstance(cap, bool) or not 1 <= cap <= 20:
        fields["ask_cap"] = ["Use a whole number from 1 to 20."]
    if not isinstance(window_days, int) or isinstance(window_days, bool) \
            or not 7 <= window_days <= 365:
        fields["ask_window_days"] = ["Use a whole number of days from 7 to 365."]
    if fields:
        raise ValidationFailed("Invalid ask cap.", fields)
    team.settings = {**(team.settings or {}),
                     "advocates": {"ask_cap": cap, "ask_window_days": window_days}}
    session.flush()
    return AskCap(cap, window_days)


def fatigue_factor(asks: int, cap: int) -> float:
    """How much to lower paths through a helper asked `asks` times against a cap of `cap`.

    1 below the cap; halved at the cap and again for every ask past it, never below 0.05.

    >>> fatigue_factor(0, 2), fatigue_factor(1, 2), fatigue_factor(2, 2), fatigue_factor(3, 2)
    (1.0, 1.0, 0.5, 0.25)
    >>> fatigue_factor(40, 2)
    0.05
    """
    if asks < cap:
        return 1.0
    return max(0.05, 0.5 ** (asks - cap + 1))


# --- counting asks -------------------------------------------------------------------------

# The statements are built once (with bound parameters): every warm path reads one, and
# building a five-part UNION ALL costs about as much CPU as running it.
_TEAM = bindparam("team_id", type_=Integer)
_SINCE = bindparam("since", type_=Date)
_ABOUT = bindparam("about", type_=Integer)


def _date_parts(*, since: bool, status: bool = False) -> list[Select[Any]]:
    """(person, day) of each ask, after the `since` parameter when `since`; with a NULL
    status after them when `status` (to stand beside `_about_parts`' rows)."""
    asks = [
        (IntroductionRequest.via_id, IntroductionRequest.asked_on, IntroductionRequest.team_id),
        (ReferenceAsk.reference_id, ReferenceAsk.asked_on, ReferenceAsk.team_id),
        (AdvocateCall.advocate_id, AdvocateCall.occurred_on, AdvocateCall.team_id),
    ]
    parts = []
    for person, day, team in asks:
        part = select(person.label("person_id"), day.label("day")).where(
            team == _TEAM, day.is_not(None))
        if status:
            part = part.add_columns(cast(null(), String).label("status"))
        parts.append(part.where(day > _SINCE) if since else part)
    return parts


def _about_parts(*, dated: bool = False) -> list[Select[Any]]:
    """(helper, status) of the introductions asked for the `about` parameter and of the
    advocates' calls to them; with a NULL day between the two when `dated`."""
    day = (cast(null(), Date).label("day"),) if dated else ()
    return [
        select(IntroductionRequest.via_id, *day, IntroductionRequest.status).where(
            IntroductionRequest.team_id == _TEAM, IntroductionRequest.prospect_id == _ABOUT),
        select(AdvocateCall.advocate_id, *day, literal("called")).where(
            AdvocateCall.team_id == _TEAM, AdvocateCall.prospect_id == _ABOUT),
    ]


_ALL_DATES = union_all(*_date_parts(since=False))
_DATES = union_all(*_date_parts(since=True))
_ASKERS = union_all(*_about_parts())
# The dates' rows have a day and no status, the askers' rows a status and no day.
_DATES_AND_ASKERS = union_all(*_date_parts(since=True, status=True), *_about_parts(dated=True))


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def ask_dates(session: Session, team_id: int, since: date | None = None) -> dict[int, list[date]]:
    """Every time the team leaned on someone, by person: introductions asked for (drafts
    excluded), references offered to a prospect, and calls advocates made – after `since`
    when given. One query."""
    found: dict[int, list[date]] = defaultdict(list)
    rows = (session.execute(_ALL_DATES, {"team_id": team_id}) if since is None
            else session.execute(_DATES, {"team_id": team_id, "since": since}))
    for person_id, day in rows:
        found[person_id].append(_day(day))
    return found


@dataclass(frozen=True)
class RecentAsks:
    """What a worker keeps of its team's asks: their dates after `since`, and for each person
    asked about so far, who was asked to introduce them (with the request's status) and
    which advocates called them ("called") – see `asks_about`."""

    since: date
    dates: dict[int, list[date]]
    about: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)


#: People whose askers a worker keeps per team until the next ask (a bound on its memory).
MAX_KEPT_ABOUT = 2_000

# Every warm path, ranking and person page reads the team's recent asks, and every path's
# opener who stands where with its target: each worker keeps them under the team's asks
# counter, bumped by every write of an introduction request, reference ask or advocate call.
_RECENT: Kept[RecentAsks] = Kept(ASKS)


def recent_ask_dates(session: Session, team: Team, today: date,
                     about: int | None = None) -> dict[int, list[date]]:
    """The team's asks in its window before `today`, and a day more: enough for the fatigue
    on the graph's (UTC) day and for the warning on the rep's own day. Kept by the worker
    while the team's asks counter stands (no query then); not to be changed by callers.

    When they must be read, the askers `about` a person (`asks_about`) come in the same
    statement: a warm-path request asks for both."""
    since = today - timedelta(days=ask_cap(team).window_days + 1)
    return _RECENT.get(session, team, lambda: _read_recent(session, team.id, since, about),
                       key=since).dates


def _read_recent(session: Session, team_id: int, since: date,
                 about: int | None) -> RecentAsks:
    if about is None:
        return RecentAsks(since, dict(ask_dates(session, team_id, since)))
    dates: dict[int, list[date]] = defaultdict(list)
    askers: list[tuple[int, str]] = []
    for person_id, day, status in session.execute(
            _DATES_AND_ASKERS, {"team_id": team_id, "since": since, "about": about}):
        if day is None:
            askers.append((person_id, status))
        else:
            dates[person_id].append(_day(day))
    return RecentAsks(since, dict(dates), {about: tuple(askers)})


def asks_about(session: Session, team: Team, person_id: int) -> tuple[tuple[int, str], ...]:
    """(helper, introduction status or "called") for each introduction the team asked for
    `person_id` and each advocate's call to them: kept with the team's recent asks."""
    kept = _RECENT.peek(session, team)
    if kept is not None and person_id in kept.about:
        return kept.about[person_id]
    found = tuple((helper, status) for helper, status in session.execute(
        _ASKERS, {"team_id": team.id, "about": person_id}))
    if kept is not None and len(kept.about) < MAX_KEPT_ABOUT:
        kept.about[person_id] = found
    return found


def asks_within(dates: list[date], today: date, days: int) -> int:
    """
    >>> d = date(2026, 11, 23)
    >>> asks_within([d, d - timedelta(days=30), d - timedelta(days=91)], d, 90)
    2
    """
    since = today - timedelta(days=days)
    return sum(1 for d in dates if since < d <= today)


def ask_fatigue_penalties(session: Session, team_id: int, today: date) -> dict[int, float]:
    """Person id -> factor in (0, 1]: below 1 for helpers asked up to the team's cap or more.

    Only people with a factor below 1 are listed; warm-path ranking multiplies a path's
    warmth by the factor of each person on it.
    """
    team = session.get(Team, team_id)
    if team is None:
        return {}
    cap = ask_cap(team)
    penalties = {}
    since = today - timedelta(days=cap.window_days)
    for person_id, dates in ask_dates(session, team_id, since).items():
        factor = fatigue_factor(asks_within(dates, today, cap.window_days), cap.cap)
        if factor < 1:
            penalties[person_id] = factor
    return penalties


@dataclass(frozen=True)
class AskWarning:
    person: Person
    asks: int
    cap: AskCap

    @property
    def message(self) -> str:
        return (
            f"{self.person.name} has been asked {self.asks} time{'s' if self.asks != 1 else ''} "
            f"in the last {self.cap.window_days} days; your team's limit is {self.cap.cap}. "
            "Asking again risks wearing out a helper – give them a rest or ask someone else."
        )


def over_ask_warning(session: Session, team: Team, person: Person,
                     today: date) -> AskWarning | None:
    """A warning when one more ask would go past the team's cap for `person`."""
    cap = ask_cap(team)
    asks = asks_within(ask_dates(session, team.id).get(person.id, []), today, cap.window_days)
    return AskWarning(person, asks, cap) if asks >= cap.cap else None


def check_cap(session: Session, team: Team, person: Person, today: date,
              confirmed: bool) -> None:
    """Refuse one more ask past the cap unless the rep confirmed it (the page's tick box)."""
    warning = over_ask_warning(session, team, person, today)
    if warning is not None and not confirmed:
        raise ValidationFailed(warning.message, {"confirm_over_cap": [warning.message]})
