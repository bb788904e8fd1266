"""Per-team counters of what workers keep in memory besides the graph – the team's asks and
its opener templates – bumped by the ORM in the transaction that writes them, and the values
a worker keeps under them.

Every request reads its user with the team's row (`referrals.auth`), counters included: a
value kept under the counter it was read with is current exactly while the row still holds
that counter, in every worker, with no query of its own. Writes that go around the ORM (an
import, a merge, a team copy, a restore) call `bump_graph_version` without a change list,
which bumps these counters too.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from sqlalchemy import event, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from referrals.models.advocacy import AdvocateCall, IntroductionRequest, ReferenceAsk
from referrals.models.network import Person
from referrals.models.outreach import OpenerTemplate
from referrals.models.team import Team

T = TypeVar("T")

ASKS = "asks_version"
OPENERS = "openers_version"
COUNTERS = (ASKS, OPENERS)

#: What a write of each model changes. A deleted person takes their asks with them (the
#: foreign keys cascade in the database, where the ORM does not see it).
_ASK_ROWS = (IntroductionRequest, ReferenceAsk, AdvocateCall)

_BUMPED = "team_counters_bumped"


def _counter_of(obj: Any, deleted: bool) -> str | None:
    if isinstance(obj, _ASK_ROWS) or (deleted and isinstance(obj, Person)):
        return ASKS
    if isinstance(obj, OpenerTemplate):
        return OPENERS
    return None


@event.listens_for(Session, "before_flush")
def _collect_counters(session: Session, flush_context: Any, instances: Any) -> None:
    pending: set[tuple[int, str]] = session.info.setdefault("team_counters_pending", set())
    for objects, deleted in ((session.new, False), (session.deleted, True)):
        for obj in objects:
            counter = _counter_of(obj, deleted)
            if counter is not None and obj.team_id is not None:
                pending.add((obj.team_id, counter))
    for obj in session.dirty:
        counter = _counter_of(obj, False)
        if counter is not None and session.is_modified(obj) and obj.team_id is not None:
            pending.add((obj.team_id, counter))


@event.listens_for(Session, "after_flush")
def _bump_counters(session: Session, flush_context: Any) -> None:
    pending: set[tuple[int, str]] = session.info.pop("team_counters_pending", set())
    by_team: dict[int, set[str]] = {}
    for team_id, counter in pending:
        by_team.setdefault(team_id, set()).add(counter)
    for team_id, counters in sorted(by_team.items()):
        bump_counters(session, team_id, counters)


def bump_counters(session: Session, team_id: int, counters: Any = COUNTERS) -> None:
    """Bump the team's `counters` in the session's transaction (one UPDATE), and mark them
    bumped: until it ends, this session neither uses nor keeps values under them."""
    table = Team.__table__
    columns = sorted(counters)
    row = session.connection().execute(
        update(table).where(table.c.id == team_id)
        .values({c: table.c[c] + 1 for c in columns})
        .returning(*(table.c[c] for c in columns))
    ).one_or_none()
    if row is None:  # the team itself is going
        return
    session.info.setdefault(_BUMPED, set()).update((team_id, c) for c in columns)
    team = session.identity_map.get(session.identity_key(Team, (team_id,)))  # type: ignore[arg-type]
    if team is not None:  # the loaded row says what the database now says
        for column, value in zip(columns, row, strict=True):
            set_committed_value(team, column, value)


def bumped(session: Session, team_id: int, counter: str) -> bool:
    """Whether this session's open transaction bumped the team's `counter` (its reads may
    see writes that are not committed, and may never be)."""
    return (team_id, counter) in session.info.get(_BUMPED, ())


@event.listens_for(Session, "after_transaction_end")
def _forget_bumped(session: Session, transaction: Any) -> None:
    if transaction.parent is None:
        session.info.pop(_BUMPED, None)
        session.info.pop("team_counters_pending", None)


_every_kept: list[Kept[Any]] = []


class Kept(Generic[T]):
    """One value per team, kept by this worker under the team's `counter` (and a `key` of the
    caller's, such as the first day read) it was read with.

    The counter is the team row's as the request read it with its user: a value read after
    it is at least as new (the write that bumps a counter commits with the rows it changed).
    Values are shared by every request of the worker: callers must not change them.
    """

    def __init__(self, counter: str) -> None:
        if counter not in COUNTERS:
            raise ValueError(f"no such counter: {counter}")
        self.counter = counter
        self._kept: dict[int, tuple[tuple[int, Hashable], T]] = {}
        self._lock = threading.Lock()
        _every_kept.append(self)

    def get(self, session: Session, team: Team, read: Callable[[], T],
            key: Hashable = None) -> T:
        """The value kept for `team` at its counter and `key`, else `read()` (then kept)."""
        if bumped(session, team.id, self.counter):
            return read()
        stamp = (getattr(team, self.counter), key)
        kept = self._kept.get(team.id)
        if kept is not None and kept[0] == stamp:
            return kept[1]
        value = read()
        with self._lock:
            self._kept[team.id] = (stamp, value)
        return value

    def peek(self, session: Session, team: Team) -> T | None:
        """The value kept for `team` at its counter, whatever its key; None when there is
        none, or when this session bumped the counter (nothing it reads is to be kept)."""
        if bumped(session, team.id, self.counter):
            return None
        kept = self._kept.get(team.id)
        if kept is not None and kept[0][0] == getattr(team, self.counter):
            return kept[1]
        return None

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()


def forget_kept() -> None:
    """Forget every kept value (tests use it to play a fresh worker on a fresh database)."""
    for kept in _every_kept:
        kept.clear()
