"""Warm paths and the prospect ranking for a signed-in rep, over the team's cached graph.

The graph work is in `referrals.graph` (pure networkx); this module turns database rows
into graph ids and back: whom to start from, which people to rank, what to call each step.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import networkx as nx
import numpy as np
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from referrals.database import contains
from referrals.errors import ValidationFailed
from referrals.graph.codes import group_id, is_group
from referrals.graph.connection import Connection
from referrals.graph.explain import basic_opener, explain_path
from referrals.graph.paths import Path, warm_paths
from referrals.graph.ranking import (
    ProspectRanking,
    RankedProspect,
    people_with_role,
    rank_order,
)
from referrals.models import Person, Team, Touch, User
from referrals.paths.asks import (
    AskWarning,
    ask_cap,
    asks_within,
    fatigue_factor,
    recent_ask_dates,
)
from referrals.paths.cache import cached_entry, graph_version, team_graph


class PathWords(Protocol):
    """What an opener source gives for one target: each path's first sentence, and the kind
    of connection it rests on (None where the source has nothing better than the plain words)."""

    def first(self, G: nx.Graph, path: Path) -> str | None: ...

    def connection(self, G: nx.Graph, path: Path) -> Connection | None: ...


#: Makes the `PathWords` for (session, rep, target): outreach's opener templates, passed down.
OpenerSource = Callable[[Session, User, Person], PathWords]

MAX_K = 10
MAX_HOPS = 6
RANK_ROLES = ("prospect", "customer", "reference", "advocate")


@dataclass(frozen=True)
class Step:
    """One node of a path as the pages and the API show it."""

    type: str  # "person" or "group"
    id: int
    name: str
    company: str | None = None


@dataclass(frozen=True)
class TieStep:
    """How two consecutive steps are joined."""

    kind: str
    tie_strength: float


@dataclass(frozen=True)
class Fatigue:
    """A helper the team asked too often: their asks in the team's window and the factor by
    which every path through them is lowered."""

    person_id: int
    name: str
    asks: int
    window_days: int
    cap: int
    factor: float

    @property
    def reason(self) -> str:
        """
        >>> Fatigue(5, "Gus Ortega", 3, 90, 2, 0.25).reason
        "Gus Ortega was asked 3 times in the last 90 days; the team's cap is 2."
        """
        return (f"{self.name} was asked {self.asks} time{'s' if self.asks != 1 else ''} in the "
                f"last {self.window_days} days; the team's cap is {self.cap}.")


@dataclass(frozen=True)
class Penalty:
    """Why a path's warmth is lowered: the over-asked helpers on it, and the product of their
    factors."""

    helpers: tuple[Fatigue, ...]

    @property
    def factor(self) -> float:
        result = 1.0
        for helper in self.helpers:
            result *= helper.factor
        return result

    @property
    def reason(self) -> str:
        return " ".join(h.reason for h in self.helpers)


def penalty_on(path: Path, fatigue: Mapping[int, Fatigue]) -> Penalty | None:
    """The penalty of a path: its intermediaries' fatigue (the ends are never penalised,
    exactly as the search and the ranking count it); None when nobody on it is over-asked."""
    helpers = tuple(fatigue[n] for n in path.nodes[1:-1] if n in fatigue)
    return Penalty(helpers) if helpers else None


@dataclass(frozen=True)
class WarmPath:
    """A path with everything a rep needs to act on it.

    ``warmth`` is the product of the tie strengths; ``penalised_warmth`` is what lists sort
    by – the same unless an over-asked helper is on the path (then ``penalty`` says who).
    """

    warmth: float
    hops: int
    steps: list[Step]
    ties: list[TieStep]
    explanation: str
    opener: str | None  # None while the rep must ask someone first (see ``stage``)
    path: Path
    penalty: Penalty | None = field(default=None)
    # How the rep is connected and what the data holds about the go-between (None for
    # another person's paths): its stage says whether to call with an opener or ask first.
    connection: Connection | None = field(default=None)

    @property
    def stage(self) -> str:
        return self.connection.stage if self.connection is not None else "known"

    @property
    def ask(self) -> Step | None:
        """Whom the rep should ask for the introduction first, when the data says to."""
        node = self.connection.ask if self.connection is not None else None
        return next((s for s in self.steps if s.type == "person" and s.id == node), None)

    @property
    def penalised_warmth(self) -> float:
        return self.warmth * self.penalty.factor if self.penalty else self.warmth

    @property
    def target(self) -> Step:
        return self.steps[-1]

    @property
    def introducer(self) -> Step | None:
        """The person the target knows (whom to ask for the introduction), if not the rep.

        Through a group, it is the person who shares the group with the target's side, or
        None when the rep shares the group directly.
        """
        for step in reversed(self.steps[1:-1]):
            if step.type == "person":
                return step
        return None

    @property
    def first_ask(self) -> Step | None:
        """The first person the rep asks (the next person on the path after the rep)."""
        for step in self.steps[1:-1]:
            if step.type == "person":
                return step
        return None


@dataclass(frozen=True)
class RankingRow:
    """A prospect's place in the ranking; warmth, hops and path are None when unreachable.

    The ranking is sorted by ``penalised_warmth`` (``warmth`` times ``penalty.factor``).
    """

    prospect: Person
    warmth: float | None
    hops: int | None
    first_step: Step | None
    path: Path | None
    reason: str | None  # None, "do_not_contact", "no_path" or "is_source"
    penalised_warmth: float | None = None
    penalty: Penalty | None = None


def fatigue_for(session: Session, team: Team, G: nx.Graph,
                dates: Mapping[int, list[date]] | None = None, *,
                about: int | None = None) -> dict[int, Fatigue]:
    """The team's over-asked helpers by person id, on the graph's day; from `dates` (see
    `recent_ask_dates`) when the caller has them, else from the worker's kept asks (read
    with the askers `about` a person when they must be read)."""
    today = G.graph["today"]
    cap = ask_cap(team)
    if dates is None:
        dates = recent_ask_dates(session, team, today, about=about)
    found = {}
    for pid, days in dates.items():
        asks = asks_within(days, today, cap.window_days)
        factor = fatigue_factor(asks, cap.cap)
        if factor < 1:
            name = G.nodes[pid].get("name", "") if pid in G else ""
            found[pid] = Fatigue(pid, name, asks, cap.window_days, cap.cap, factor)
    return found


def ask_warning(team: Team, person: Person, today: date,
                dates: Mapping[int, list[date]]) -> AskWarning | None:
    """`asks.over_ask_warning`, from dates already read (`recent_ask_dates`)."""
    cap = ask_cap(team)
    asks = asks_within(dates.get(person.id, []), today, cap.window_days)
    return AskWarning(person, asks, cap) if asks >= cap.cap else None


def _check(k: int, max_hops: int) -> None:
    fields: dict[str, list[str]] = {}
    if not 1 <= k <= MAX_K:
        fields["k"] = [f"Ask for 1 to {MAX_K} paths."]
    if not 1 <= max_hops <= MAX_HOPS:
        fields["max_hops"] = [f"Use 1 to {MAX_HOPS} hops."]
    if fields:
        raise ValidationFailed("Invalid path options.", fields)


def source_id(user: User, source: Person | None = None) -> int:
    """The node paths start from: another person of the team, or the rep's own person."""
    if source is not None:
        return source.id
    if user.person_id is None:  # pragma: no cover - create_user always gives one
        raise ValidationFailed("Your account has no person in the team's graph.", {})
    return user.person_id


def step_of(G: nx.Graph, node: int) -> Step:
    data = G.nodes[node]
    if is_group(node):
        return Step("group", group_id(node), data.get("name", ""))
    return Step("person", node, data.get("name", ""), data.get("company"))


def describe(G: nx.Graph, path: Path, *, today: date, source_is_user: bool = True,
             opener: str | None = None, penalty: Penalty | None = None,
             connection: Connection | None = None) -> WarmPath:
    """A graph path with its steps, ties, explanation and opener.

    Without a ``connection`` (another person's paths) the opener is the plain factual one
    unless given; with one, it is exactly ``opener`` – None when the rep must ask first.
    """
    if connection is None:
        opener = opener or basic_opener(G, path)
    return WarmPath(
        warmth=path.warmth,
        hops=path.hops,
        steps=[step_of(G, n) for n in path.nodes],
        ties=[TieStep(k, s) for k, s in zip(path.kinds, path.strengths, strict=True)],
        explanation=explain_path(G, path, today=today, source_is_user=source_is_user),
        opener=opener,
        path=path,
        penalty=penalty,
        connection=connection,
    )


def find_warm_paths(
    session: Session,
    user: User,
    target: Person,
    *,
    k: int = 3,
    max_hops: int = 4,
    source: Person | None = None,
    openers: OpenerSource | None = None,
    graph: nx.Graph | None = None,
    asks: Mapping[int, list[date]] | None = None,
) -> list[WarmPath]:
    """The `k` warmest paths from the rep (or `source`) to `target`, best first.

    A target who asked not to be contacted, and the source itself, get no paths. `openers`
    (the outreach layer's, passed down by the caller) words each path's first sentence and
    names its connection; without it a path gets the plain opener of `graph.explain`.
    `graph` and `asks` (`recent_ask_dates`) are the team's graph and asks when the caller
    has them already.
    """
    _check(k, max_hops)
    if target.do_not_contact:
        return []
    src = source_id(user, source)
    if src == target.id:
        return []
    G = graph if graph is not None else team_graph(session, user.team)
    if src not in G or target.id not in G:
        return []
    today = G.graph["today"]
    # The openers will ask who stands where with the target: read with the asks if need be.
    about = target.id if source is None and openers is not None else None
    fatigue = fatigue_for(session, user.team, G, asks, about=about)
    found = warm_paths(
        G, src, target.id, k=k, max_hops=max_hops,
        penalty={pid: f.factor for pid, f in fatigue.items()},
    )
    if not found:  # nothing to word: the openers' reads would be wasted
        return []
    if source is not None:  # another person's paths: plain words, not the rep's openers
        return [describe(G, p, today=today, source_is_user=False,
                         penalty=penalty_on(p, fatigue)) for p in found]
    if openers is None:
        return [describe(G, p, today=today, penalty=penalty_on(p, fatigue)) for p in found]
    words = openers(session, user, target)
    return [describe(G, p, today=today, opener=words.first(G, p),
                     penalty=penalty_on(p, fatigue), connection=words.connection(G, p))
            for p in found]


def warmth_to(session: Session, user: User, people: Sequence[Person], *,
              graph: nx.Graph | None = None) -> dict[int, float]:
    """The warmth of the rep's best path to each of `people` (asks' fatigue counted, as the
    ranking scores it), for those the rep has a path to; the rep, and people who asked not
    to be contacted, get none. One ranking pass over them, numbers only.
    """
    G = graph if graph is not None else team_graph(session, user.team)
    src = source_id(user)
    if src not in G:
        return {}
    fatigue = fatigue_for(session, user.team, G)
    ranking = rank_order(G, src, [p.id for p in people if p.id in G],
                         penalty={pid: f.factor for pid, f in fatigue.items()})
    return dict(zip(ranking.ids[: ranking.reachable].tolist(), ranking.scores().tolist(),
                    strict=True))


def rankable_ids(
    session: Session,
    team_id: int,
    *,
    role: str | None = "prospect",
    company: str | None = None,
    not_contacted: bool = False,
    exclude: Sequence[int] = (),
) -> list[int]:
    """Ids of the team's people to rank: by role, company (contains), and no touches yet."""
    stmt = select(Person.id).where(Person.team_id == team_id)
    if role:
        _check_role(role)
        stmt = stmt.where(getattr(Person, f"is_{role}").is_(True))
    if company:
        stmt = stmt.where(contains(Person.company, company))
    if not_contacted:
        stmt = stmt.where(~exists().where(Touch.person_id == Person.id))
    if exclude:
        stmt = stmt.where(Person.id.not_in(list(exclude)))
    return list(session.scalars(stmt.order_by(Person.id)))


def _check_role(role: str) -> None:
    if role not in RANK_ROLES:
        raise ValidationFailed("Invalid filter.", {"role": ["Choose a role from the list."]})


# Per team graph, the ids of the people of each role. A published team graph is never changed
# (a change of the team's data publishes a new graph), so they are read once per graph.
_ROLE_IDS: weakref.WeakKeyDictionary[nx.Graph, dict[str, np.ndarray]] = (
    weakref.WeakKeyDictionary())


def _ids_to_rank(
    session: Session, team: Team, G: nx.Graph, *, role: str | None, company: str | None,
    not_contacted: bool, source: int,
) -> np.ndarray | list[int]:
    """`rankable_ids` that are in `G`; read from `G`'s people when only a role is asked for
    and `G` is the team's current graph (a graph served while a newer one is built may hold
    older roles), else from the database."""
    if role and not company and not not_contacted and _is_current(session, team, G):
        by_role = _ROLE_IDS.setdefault(G, {})
        ids = by_role.get(role)
        if ids is None:
            ids = by_role[role] = people_with_role(G, role)
        return ids[ids != source]
    ids = rankable_ids(session, team.id, role=role, company=company,
                       not_contacted=not_contacted, exclude=[source])
    return [i for i in ids if i in G]


def _is_current(session: Session, team: Team, G: nx.Graph) -> bool:
    """Whether `G` is this process's graph of the team at the database's version, or later."""
    entry = cached_entry(team.id)
    if entry is None or entry.graph is not G:
        return False
    version = graph_version(session, team.id)
    return version is not None and entry.version >= version


@dataclass(frozen=True)
class Ranking:
    """One ranking pass: every matching person in order (numbers only), with what it takes
    to turn some of its places into rows (`ranking_rows`)."""

    graph: nx.Graph
    ranked: ProspectRanking
    fatigue: dict[int, Fatigue]


def rank_team(
    session: Session,
    user: User,
    *,
    role: str | None = "prospect",
    company: str | None = None,
    max_hops: int = 4,
    not_contacted: bool = False,
) -> Ranking:
    """The team's prospects (or people of `role`) by the warmth of their best path, one pass:
    reachable people first, warmest first; then the unreachable, each with its reason."""
    _check(1, max_hops)
    if role:
        _check_role(role)
    src = source_id(user)
    G = team_graph(session, user.team)
    ids = _ids_to_rank(session, user.team, G, role=role, company=company,
                       not_contacted=not_contacted, source=src)
    fatigue = fatigue_for(session, user.team, G)
    ranked = rank_order(
        G, src, ids, max_hops=max_hops, penalty={pid: f.factor for pid, f in fatigue.items()}
    )
    return Ranking(G, ranked, fatigue)


def ranking_rows(
    session: Session, ranking: Ranking, window: Sequence[RankedProspect]
) -> list[RankingRow]:
    """Rows for a slice of a ranking: people loaded, first steps and penalties named."""
    G, fatigue = ranking.graph, ranking.fatigue
    people = {
        p.id: p for p in session.scalars(
            select(Person).where(Person.id.in_([r.prospect for r in window]))
        )
    }
    return [
        RankingRow(
            prospect=people[r.prospect],
            warmth=r.warmth if r.nodes is not None else None,
            hops=r.hops,
            first_step=step_of(G, r.first_step) if r.first_step is not None else None,
            path=r.path,
            reason=r.reason,
            penalised_warmth=r.score if r.nodes is not None else None,
            penalty=penalty_on(r.path, fatigue) if r.path is not None else None,
        )
        for r in window
        if r.prospect in people
    ]


@dataclass(frozen=True)
class RankingPage:
    """Some places of a ranking as rows, and whether places follow them."""

    rows: list[RankingRow]
    more: bool  # places after the page's


def ranking_page(
    session: Session,
    user: User,
    *,
    role: str | None = "prospect",
    company: str | None = None,
    max_hops: int = 4,
    not_contacted: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> RankingPage:
    """Rows `offset` to `offset + limit` of `rank_team`'s ranking, and whether more follow:
    only these rows' paths are walked and their people read."""
    ranking = rank_team(session, user, role=role, company=company, max_hops=max_hops,
                        not_contacted=not_contacted)
    rows = ranking_rows(session, ranking, ranking.ranked.page(offset, limit))
    return RankingPage(rows, limit is not None and offset + limit < len(ranking.ranked))

