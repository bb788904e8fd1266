"""The Warmest prospects table: the team's warmth ranking with what a rep sorts and acts on –
deal value, the last touch, where the introduction request stands, call attempts left – and
each warmth named by where it falls in the team's own spread ("warmest fifth"), since fixed
words ("Fair", "Cool") read the same for almost every row of a real team."""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from referrals.clock import aware
from referrals.models import IntroductionRequest, Person, Team, Touch, User
from referrals.outreach.cadence import TouchFact, call_attempts_left
from referrals.outreach.touches import cadence_rules
from referrals.paths.services import RankingRow, rank_team, ranking_rows
from referrals.vocab import INTRO_STATUSES

SORTS = ("warmth", "deal", "last_touch", "status", "attempts_left")
SORT_LABELS = {"warmth": "Warmth", "deal": "Deal value", "last_touch": "Last touch",
               "status": "Request", "attempts_left": "Calls left"}
#: How each sort runs when first chosen: warmest, biggest, latest, furthest along, fewest.
FIRST_DESCENDING = {"warmth": True, "deal": True, "last_touch": True, "status": True,
                    "attempts_left": False}
#: Where a prospect's warmth falls among the team's reachable prospects, by fifths.
BANDS = ("warmest fifth", "warmer than most", "middle of the list", "cooler than most",
         "coolest fifth")
#: How far along a request is, for sorting: the pipeline's order, a closed "no" last.
_PROGRESS = {s: i for i, s in enumerate(INTRO_STATUSES)} | {"declined": -1, "no_reply": 0}
_FEW = 500


def band(score: float, scores: Sequence[float]) -> str:
    """Which fifth of the team's reachable prospects `score` falls in; `scores` sorted from
    warmest down.

    >>> scores = [0.9, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.04, 0.03, 0.01]
    >>> band(0.9, scores), band(0.3, scores), band(0.01, scores)
    ('warmest fifth', 'warmer than most', 'coolest fifth')
    """
    above = bisect_left(scores, -score, key=lambda s: -s)  # how many are warmer
    return BANDS[min(len(BANDS) - 1, math.floor(above * len(BANDS) / max(1, len(scores))))]


@dataclass(frozen=True)
class ProspectRow:
    place: int  # in the warmth ranking, 1 = warmest
    row: RankingRow
    band: str | None
    deal_value: Decimal | None
    last_touch: datetime | None
    last_channel: str | None
    request: IntroductionRequest | None
    attempts_left: int


@dataclass(frozen=True)
class ProspectTable:
    rows: list[ProspectRow]
    total: int
    reachable: int
    page: int
    pages: int
    sort: str
    descending: bool
    per_page: int

    @property
    def first(self) -> int:
        """The place on the list of the page's first row (1-based)."""
        return (self.page - 1) * self.per_page + 1


def prospect_table(
    session: Session, user: User, *, now: datetime, sort: str = "warmth",
    descending: bool | None = None, company: str | None = None, max_hops: int = 4,
    not_contacted: bool = False, page: int = 1, per_page: int = 50,
) -> ProspectTable:
    """One page of the team's prospects, sorted by `sort` (see SORTS); ties keep warmth order.

    The ranking is one pass over numbers; rows (people, first steps, requests, touches) are
    built for the page shown only, and the other columns are read for everyone only when the
    table is sorted by them."""
    if sort not in SORTS:
        raise ValueError(f"unknown sort {sort!r}")
    descending = FIRST_DESCENDING[sort] if descending is None else descending
    ranking = rank_team(session, user, role="prospect", company=company, max_hops=max_hops,
                        not_contacted=not_contacted)
    ranked = ranking.ranked
    total = len(ranked)
    # Places in the warmth ranking (0 = warmest); rows are made for the page's only.
    order = list(range(total)) if descending else list(range(total - 1, -1, -1))
    if sort != "warmth":
        ids = ranked.ids.tolist()
        keys = _sort_keys(session, user, sort, ids, now)
        # Stable sorts: rows with equal values keep their warmth order; unknown values last.
        known = sorted((i for i in range(total) if keys[ids[i]] is not None),
                       key=lambda i: keys[ids[i]], reverse=descending)
        order = known + [i for i in range(total) if keys[ids[i]] is None]
    pages = max(1, math.ceil(total / per_page))
    shown = order[(page - 1) * per_page: page * per_page]
    window = ranked.take(shown)
    place = {r.prospect: i + 1 for i, r in zip(shown, window, strict=True)}
    scores = sorted(ranked.scores().tolist(), reverse=True)
    facts = _Facts(session, user, [r.prospect for r in window], now)
    rows = []
    for row in ranking_rows(session, ranking, window):
        last_touch, last_channel = facts.last.get(row.prospect.id, (None, None))
        rows.append(ProspectRow(
            place=place[row.prospect.id], row=row,
            band=band(row.penalised_warmth, scores) if row.penalised_warmth is not None else None,
            deal_value=row.prospect.deal_value, last_touch=last_touch, last_channel=last_channel,
            request=facts.requests.get(row.prospect.id),
            attempts_left=facts.attempts_left(row.prospect)))
    return ProspectTable(rows, total, ranked.reachable, page, pages, sort, descending, per_page)


def _sort_keys(session: Session, user: User, sort: str, ids: list[int],
               now: datetime) -> dict[int, object]:
    """Each prospect's value in the sorted column (None when there is none)."""
    facts = _Facts(session, user, ids, now, people=sort in ("deal", "attempts_left"))
    if sort == "deal":
        return {i: facts.people[i].deal_value if i in facts.people else None for i in ids}
    if sort == "last_touch":
        return {i: facts.last[i][0] if i in facts.last else None for i in ids}
    if sort == "status":
        return {i: _PROGRESS[facts.requests[i].status] if i in facts.requests else None
                for i in ids}
    return {i: facts.attempts_left(facts.people[i]) if i in facts.people else None for i in ids}


class _Facts:
    """The table's other columns for `ids`, read in a few team-wide queries."""

    def __init__(self, session: Session, user: User, ids: list[int], now: datetime, *,
                 people: bool = False) -> None:
        self.now, self.team_id, wanted = now, user.team_id, set(ids)
        team = session.get(Team, user.team_id)
        assert team is not None
        self.rules = cadence_rules(team)
        self.people: dict[int, Person] = {}
        if people and ids:
            self.people = {p.id: p for p in session.scalars(
                select(Person).where(Person.team_id == user.team_id, Person.is_prospect))
                if p.id in wanted}
        self.touches: dict[int, list[TouchFact]] = defaultdict(list)
        self.last: dict[int, tuple[datetime, str]] = {}
        self.requests: dict[int, IntroductionRequest] = {}
        if not ids:
            return
        # A page's rows are a few dozen ids; a sort reads the whole team once instead.
        few = len(ids) <= _FEW
        touches = select(Touch.person_id, Touch.occurred_at, Touch.channel, Touch.outcome).where(
            Touch.team_id == user.team_id)
        if few:
            touches = touches.where(Touch.person_id.in_(ids))
        for pid, at, channel, outcome in session.execute(
                touches.order_by(Touch.occurred_at, Touch.id)):
            if pid in wanted:
                self.touches[pid].append(TouchFact(aware(at), channel, outcome))
                self.last[pid] = (aware(at), channel)
        latest = select(func.max(IntroductionRequest.id)).where(
            IntroductionRequest.team_id == user.team_id)
        if few:
            latest = latest.where(IntroductionRequest.prospect_id.in_(ids))
        for request in session.scalars(select(IntroductionRequest).where(
                IntroductionRequest.id.in_(latest.group_by(IntroductionRequest.prospect_id)))):
            if request.prospect_id in wanted:
                self.requests[request.prospect_id] = request

    def attempts_left(self, person: Person) -> int:
        return call_attempts_left(self.touches.get(person.id, []), now=self.now,
                                  deal_value=person.deal_value, rules=self.rules)
