"""The team's graph version and change log, written by the ORM on every flush.

Each worker keeps the team's graph in memory. Every flush that touches people, ties,
groups, memberships or team settings bumps `Team.graph_version` once and records what
changed in `graph_changes`, so a worker that is a few versions behind replays those few
changes in place and one that is far behind rebuilds – on any machine, on the next request.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, event, insert, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from referrals.base import Timestamp
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models.counters import bump_counters
from referrals.models.network import Group, GroupMembership, Person, Relationship
from referrals.models.team import Team


class GraphChange(db.Model):
    __tablename__ = "graph_changes"
    __table_args__ = (Index("ix_graph_changes_team_id_version", "team_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    version: Mapped[int]
    # person, person_deleted, pair, group, group_deleted, member, settings
    entity: Mapped[str] = mapped_column(String(20))
    key1: Mapped[int | None]
    key2: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(Timestamp(), default=utc_now)


Change = tuple[str, int | None, int | None]

#: The columns the team graph reads. A flush that changes only other columns – a person's
#: notes, `last_contact_on` or `keep_in_touch_days`, a tie's notes – leaves the graph as it
#: was, so it must not cost every worker a replay. (`referrals.paths.cache` reads people
#: through `_people_select`; a test keeps the two lists in step.)
PERSON_GRAPH_COLUMNS = (
    "name", "company", "do_not_contact", "is_customer", "is_reference", "is_advocate",
    "is_prospect", "team_id",
)
TIE_GRAPH_COLUMNS = (
    "kind", "rating", "last_interaction", "pair_low", "pair_high", "person_a_id",
    "person_b_id", "team_id",
)


def _graph_columns_changed(obj: Any, columns: tuple[str, ...]) -> bool:
    attrs = db.inspect(obj).attrs
    return any(attrs[name].history.has_changes() for name in columns)


def _changes_of(
    obj: Any, session: Session, deleted: bool = False, modified: bool = False
) -> list[tuple[int, Change]]:
    """What a changed object means for the graph, as (team_id, change) pairs.

    A deleted person or group is logged as such: on SQLite a new row may take the same id
    before a worker replays, and the replay must not hand the old node's ties to it. A
    `modified` (not new, not deleted) person or tie counts only if a column the graph reads
    changed.
    """
    if isinstance(obj, Person):
        if modified and not _graph_columns_changed(obj, PERSON_GRAPH_COLUMNS):
            return []
        return [(obj.team_id, ("person_deleted" if deleted else "person", obj.id, None))]
    if isinstance(obj, Relationship):
        if modified and not _graph_columns_changed(obj, TIE_GRAPH_COLUMNS):
            return []
        changes = [(obj.team_id, ("pair", obj.pair_low, obj.pair_high))]
        history_low = db.inspect(obj).attrs.pair_low.history
        history_high = db.inspect(obj).attrs.pair_high.history
        if history_low.deleted or history_high.deleted:  # the tie moved to another pair
            old_low = (history_low.deleted or [obj.pair_low])[0]
            old_high = (history_high.deleted or [obj.pair_high])[0]
            changes.append((obj.team_id, ("pair", old_low, old_high)))
        return changes
    if isinstance(obj, Group):
        return [(obj.team_id, ("group_deleted" if deleted else "group", obj.id, None))]
    if isinstance(obj, GroupMembership):
        return [(obj.team_id, ("member", obj.group_id, obj.person_id))]
    if isinstance(obj, Team) and _tie_settings_changed(obj):
        return [(obj.id, ("settings", None, None))]
    return []


def _tie_settings_changed(team: Team) -> bool:
    """Only the tie-strength constants shape the graph: other settings (cadence, the ask cap)
    must not cost every worker a rebuild. An old value that was never loaded counts as {}."""
    history = db.inspect(team).attrs.settings.history
    if not history.has_changes():
        return False
    old = (history.deleted or [None])[0] or {}
    new = (history.added or [None])[0] or {}
    return old.get("tie") != new.get("tie")


@event.listens_for(Session, "before_flush")
def _collect_graph_changes(session: Session, flush_context: Any, instances: Any) -> None:
    # Deleted and modified objects still hold their old values here; new ones lack ids
    # until the flush, so they are collected again in after_flush.
    pending = session.info.setdefault("graph_changes", defaultdict(set))
    for obj in session.deleted:
        for team_id, change in _changes_of(obj, session, deleted=True):
            pending[team_id].add(change)
    for obj in session.dirty:
        if obj not in session.deleted and session.is_modified(obj):
            for team_id, change in _changes_of(obj, session, modified=True):
                pending[team_id].add(change)
    session.info["graph_new"] = list(session.new)


@event.listens_for(Session, "after_flush")
def _record_graph_changes(session: Session, flush_context: Any) -> None:
    pending = session.info.pop("graph_changes", defaultdict(set))
    for obj in session.info.pop("graph_new", []):
        for team_id, change in _changes_of(obj, session):
            pending[team_id].add(change)
    for team_id, changes in pending.items():
        if team_id is None:
            continue
        bump_graph_version(session, team_id, changes)


def bump_graph_version(session: Session, team_id: int, changes: set[Change] | None = None) -> int:
    """Bump the team's graph version and log `changes` (none logged means: rebuild).

    A rebuild follows writes that went around the ORM's flush (bulk statements), which may
    have touched the team's asks and templates too: their counters are bumped with it."""
    forget_graph_version(session, team_id)
    if not changes:
        bump_counters(session, team_id)
    connection = session.connection()
    version = connection.execute(
        update(Team.__table__)
        .where(Team.__table__.c.id == team_id)
        .values(graph_version=Team.__table__.c.graph_version + 1)
        .returning(Team.__table__.c.graph_version)
    ).scalar_one()
    rows = [
        {"team_id": team_id, "version": version, "entity": e, "key1": k1, "key2": k2,
         "created_at": utc_now()}
        for e, k1, k2 in sorted(changes or {("settings", None, None)}, key=str)
    ]
    connection.execute(insert(GraphChange.__table__), rows)
    return version


# --- the version this transaction has read -------------------------------------------------

_SEEN = "graph_versions_seen"


def saw_graph_version(session: Session, team_id: int, version: int) -> None:
    """Note the team's graph version as a query of this transaction read it.

    Every request reads its user and team in one SELECT (`referrals.auth`); the version read
    with them is the one the graph cache checks, so the cache need not read it again a
    moment later (`known_graph_version`). Forgotten when the transaction ends, and when this
    session bumps the version itself."""
    session.info.setdefault(_SEEN, {})[team_id] = version


def known_graph_version(session: Session, team_id: int) -> int | None:
    """The team's graph version read earlier in this transaction, if any (None: read it)."""
    seen: dict[int, int] | None = session.info.get(_SEEN)
    return None if seen is None else seen.get(team_id)


def forget_graph_version(session: Session, team_id: int | None = None) -> None:
    """Forget what `saw_graph_version` noted (for one team, or all)."""
    seen: dict[int, int] | None = session.info.get(_SEEN)
    if seen is not None:
        if team_id is None:
            seen.clear()
        else:
            seen.pop(team_id, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_at_transaction_end(session: Session, transaction: Any) -> None:
    # Another transaction may see another version: the next one reads it afresh.
    if transaction.parent is None:
        forget_graph_version(session)
