"""Warm paths and the prospect ranking for a signed-in rep, over the team's cached graph.

The graph work is in `referrals.graph` (pure networkx); this module turns database rows
into graph ids and back: whom to start from, which people to rank, what to call each step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import networkx as nx
from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from referrals.database import contains
from referrals.errors import ValidationFailed
from referrals.graph import build as gb
from referrals.graph.explain import basic_opener, explain_path
from referrals.graph.paths import Path, warm_paths
from referrals.graph.ranking import rank_prospects
from referrals.models import Person, Team, Touch, User
from referrals.paths.cache import team_graph

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
class WarmPath:
    """A path with everything a rep needs to act on it."""

    warmth: float
    hops: int
    steps: list[Step]
    ties: list[TieStep]
    explanation: str
    opener: str
    path: Path

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
    """A prospect's place in the ranking; warmth, hops and path are None when unreachable."""

    prospect: Person
    warmth: float | None
    hops: int | None
    first_step: Step | None
    path: Path | None
    reason: str | None  # None, "do_not_contact", "no_path" or "is_source"


def penalties_for(session: Session, team: Team) -> Mapping[int, float]:
    """Factors in (0, 1] that lower paths through people the rep should spare."""
    from referrals.advocates.services import ask_fatigue_penalties  # issue 5: over-asked helpers

    return ask_fatigue_penalties(session, team.id)


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
    if gb.is_group(node):
        return Step("group", gb.group_id(node), data.get("name", ""))
    return Step("person", node, data.get("name", ""), data.get("company"))


def describe(G: nx.Graph, path: Path, *, today: date, source_is_user: bool = True,
             opener: str | None = None) -> WarmPath:
    """A graph path with its steps, ties, explanation and opener (the basic one unless given)."""
    return WarmPath(
        warmth=path.warmth,
        hops=path.hops,
        steps=[step_of(G, n) for n in path.nodes],
        ties=[TieStep(k, s) for k, s in zip(path.kinds, path.strengths, strict=True)],
        explanation=explain_path(G, path, today=today, source_is_user=source_is_user),
        opener=opener or basic_opener(G, path),
        path=path,
    )


def find_warm_paths(
    session: Session,
    user: User,
    target: Person,
    *,
    k: int = 3,
    max_hops: int = 4,
    source: Person | None = None,
) -> list[WarmPath]:
    """The `k` warmest paths from the rep (or `source`) to `target`, best first.

    A target who asked not to be contacted, and the source itself, get no paths.
    """
    _check(k, max_hops)
    if target.do_not_contact:
        return []
    src = source_id(user, source)
    if src == target.id:
        return []
    G = team_graph(session, user.team)
    if src not in G or target.id not in G:
        return []
    today = G.graph["today"]
    found = warm_paths(
        G, src, target.id, k=k, max_hops=max_hops, penalty=penalties_for(session, user.team)
    )
    if source is not None:  # another person's paths: plain words, not the rep's openers
        return [describe(G, p, today=today, source_is_user=False) for p in found]
    from referrals.outreach.wording import opener_context  # the team's opener templates

    openers = opener_context(session, user, target)
    return [describe(G, p, today=today, opener=openers.first(G, p)) for p in found]


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
        if role not in RANK_ROLES:
            raise ValidationFailed("Invalid filter.", {"role": ["Choose a role from the list."]})
        stmt = stmt.where(getattr(Person, f"is_{role}").is_(True))
    if company:
        stmt = stmt.where(contains(Person.company, company))
    if not_contacted:
        stmt = stmt.where(~exists().where(Touch.person_id == Person.id))
    if exclude:
        stmt = stmt.where(Person.id.not_in(list(exclude)))
    return list(session.scalars(stmt.order_by(Person.id)))


def rank_prospects_for(
    session: Session,
    user: User,
    *,
    role: str | None = "prospect",
    company: str | None = None,
    max_hops: int = 4,
    not_contacted: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> list[RankingRow]:
    """The team's prospects (or people of `role`) by the warmth of their best path, one pass.

    Reachable people come first, warmest first; then the unreachable, each with its reason.
    """
    _check(1, max_hops)
    src = source_id(user)
    ids = rankable_ids(
        session, user.team_id, role=role, company=company, not_contacted=not_contacted,
        exclude=[src],
    )
    G = team_graph(session, user.team)
    ids = [i for i in ids if i in G]
    ranked = rank_prospects(
        G, src, ids, max_hops=max_hops, penalty=penalties_for(session, user.team)
    )
    window = ranked[offset: None if limit is None else offset + limit]
    people = {
        p.id: p for p in session.scalars(
            select(Person).where(Person.id.in_([r.prospect for r in window]))
        )
    }
    return [
        RankingRow(
            prospect=people[r.prospect],
            warmth=r.warmth if r.path is not None else None,
            hops=r.hops,
            first_step=step_of(G, r.first_step) if r.first_step is not None else None,
            path=r.path,
            reason=r.reason,
        )
        for r in window
        if r.prospect in people
    ]

