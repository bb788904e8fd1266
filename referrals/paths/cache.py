"""The team's graph, built once from the database and kept in this process's memory.

Every flush that changes people, ties, groups, memberships or settings bumps the team's
`graph_version` and logs what changed (see `referrals.models.changes`). Before each use a
worker reads that one integer: equal means the cached graph is current; a few versions
behind means the logged changes are replayed in place; far behind (or settings changed, or
a new day, since tie strength decays with time) means a rebuild. So every gunicorn worker, on
any machine, sees a change on its very next request and rebuilds only when it must.

A replay never changes a graph that requests may be reading: it changes a fork of it (which
shares every row it does not touch) and then swaps the cache entry in one assignment. A
request keeps the graph it got for as long as it holds it – a consistent snapshot, however
many changes other threads replay meanwhile.

No request waits for a rebuild it can do without. When the graph is a new day behind (tie
strength decays with time) the request is served the cached graph, a day old, and one
background thread per team moves it to today (:func:`~referrals.graph.build.redate`: only the
strengths that depend on the date are recomputed, from the graph itself, and its index keeps
its structure – no database read, no rebuild); the next request after it finishes gets the
new day. A team far behind (a bulk import, a settings change) is rebuilt inside the request
only while its graph is small (:data:`SYNC_REBUILD_NODES`, a few tens of milliseconds);
a larger one is served its previous version while it rebuilds in the background. A worker
that never built a team's graph has nothing to serve: the gunicorn hook (`warm_app`) builds
the busiest teams' graphs as the worker starts, before it accepts requests; a team outside
those, or a worker not started by gunicorn, still builds in its first request (and a request
arriving while that team's start-up build runs waits for it rather than build it twice).
Background work shares the interpreter's lock with the requests: it takes it in short steps
only, and the collector never walks what it made (:func:`collector_quiet`).
"""

from __future__ import annotations

import fcntl
import gc
import logging
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import product
from typing import Any

import networkx as nx
from flask import Flask
from sqlalchemy import (
    ColumnElement,
    Date,
    Engine,
    Integer,
    Select,
    case,
    cast,
    func,
    literal_column,
    select,
)
from sqlalchemy.orm import Session

from referrals.clock import utc_today
from referrals.extensions import db
from referrals.graph.build import build_graph, fork, redate
from referrals.graph.codes import KIND_SLOTS, RATING_SLOTS, TIE_CODE_KINDS, group_node
from referrals.graph.index import get_index, redate_index, share_index
from referrals.graph.retire import retire
from referrals.graph.tie import TieParams
from referrals.graph.update import (
    add_member,
    remove_group,
    remove_member,
    remove_person,
    set_pair_ties,
    upsert_group,
    upsert_person,
)
from referrals.models import (
    GraphChange,
    Group,
    GroupMembership,
    Person,
    Relationship,
    Team,
    User,
)
from referrals.models.changes import known_graph_version
from referrals.settings import tie_params

# Past this many logged changes a rebuild is cheaper than replaying them one by one.
MAX_REPLAY = 500
STREAM = 50_000  # rows fetched at a time while building
#: A graph of up to this many nodes far behind is rebuilt in the request that finds it so (a
#: few tens of milliseconds, and the request sees its team's latest change); a larger one in
#: the background, its previous version served meanwhile.
SYNC_REBUILD_NODES = 20_000
#: From this many nodes a graph replaced by a rebuild or a new day's move is freed by the
#: reaper a slice at a time (`referrals.graph.retire`): freed at once, 1,000,000 people hold
#: the interpreter's lock for about a second. Smaller graphs free in milliseconds.
RETIRE_MIN_NODES = 50_000
#: How many teams' graphs a worker builds as it starts (``REFERRALS_WARM_GRAPHS``).
WARM_TEAMS = 4
#: Background builds on one machine take turns by locking this file: each holds a second
#: graph while it builds (~2.6 GB at 1M people), so every worker rebuilding at once (a new
#: day, a deploy) would need twice the workers' memory.
BUILD_LOCK = os.environ.get(
    "REFERRALS_BUILD_LOCK", os.path.join(tempfile.gettempdir(), "referrals-graph-build.lock")
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CachedGraph:
    """One team's graph at one version. Never changed: a replay publishes a new entry."""

    graph: nx.Graph
    version: int
    built_on: date
    params: TieParams
    rebuilds: int = 0
    replays: int = 0
    redates: int = 0  # moved to a later day in place of a rebuild
    lock: threading.Lock = field(default_factory=threading.Lock)


_cache: dict[int, CachedGraph] = {}
_cache_lock = threading.Lock()
# Per team, the build running in this process (set when it is over): one at a time.
_building: dict[int, threading.Event] = {}
# Bumped by clear_cache: a build started before it does not publish after it.
_generation = 0
#: How graphs were built in this process: "request" (a request waited), "background", or
#: "new day" (a cached graph moved to a later day in the background, not rebuilt).
builds: Counter[str] = Counter()


def clear_cache() -> None:
    """Forget every cached graph (tests use it to play a fresh worker).

    Builds still running finish first, so none publishes into the fresh cache.
    """
    global _generation
    for done in list(_building.values()):
        done.wait(60)
    with _cache_lock:
        _generation += 1
        _cache.clear()
        builds.clear()


def cached_entry(team_id: int) -> CachedGraph | None:
    return _cache.get(team_id)


def graph_version(session: Session, team_id: int) -> int | None:
    """The team's graph version: the one read with the request's user if this transaction
    has it, else read now (None for no such team)."""
    version = known_graph_version(session, team_id)
    if version is None:
        version = session.scalar(select(Team.graph_version).where(Team.id == team_id))
    return version


def team_graph(session: Session, team: Team, *, today: date | None = None) -> nx.Graph:
    """The team's current graph: from the cache, updated in place, or rebuilt.

    Its day (for the decay of old ties) is `today`, else UTC's: the graph is the whole team's,
    and its reps may work in several time zones. A graph a day behind is served while a
    background thread rebuilds it (a day's decay moves few answers); a graph of a later day
    than `today` is served as it is.
    """
    today = today or utc_today()
    version = graph_version(session, team.id)
    assert version is not None
    entry = _cache.get(team.id)
    if entry is None:
        entry = _wait_for_build(team.id)  # the worker's start-up build of this team
        if entry is None:
            return _rebuild_now(session, team, version, today).graph
    # At or past the version this request read: another thread of this worker may have
    # replayed further than this request's snapshot – that graph is newer, not wrong.
    if entry.version < version and version - entry.version <= MAX_REPLAY:
        replayed = _replay_latest(session, team, entry, version)
        entry = replayed if replayed is not None else entry
    if entry.version < version and len(entry.graph) <= SYNC_REBUILD_NODES:
        entry = _rebuild_now(session, team, version, today)
    elif entry.version < version:
        rebuild_later(session.get_bind(), team.id, today)
    elif entry.built_on < today:
        redate_later(session.get_bind(), team.id, today)
    return entry.graph


def _replay_latest(
    session: Session, team: Team, entry: CachedGraph, version: int
) -> CachedGraph | None:
    """The entry replayed up to `version`, published; None when only a rebuild will do."""
    with entry.lock:
        entry = _cache.get(team.id, entry)  # another thread may have replayed meanwhile
        if entry.version >= version:
            return entry
        replayed = _replay(session, team, entry, version)
        if replayed is not None:
            with _cache_lock:
                if _cache.get(team.id) is entry:  # not swapped for a rebuild meanwhile
                    _cache[team.id] = replayed
        return replayed


def _rebuild_now(session: Session, team: Team, version: int, today: date) -> CachedGraph:
    graph = build_team_graph(session, team, today=today)
    builds["request"] += 1
    return _publish(team.id, graph, version, today, tie_params(team), _generation)


def _publish(
    team_id: int, graph: nx.Graph, version: int, today: date, params: TieParams,
    generation: int, *, rebuilt: bool = True,
) -> CachedGraph:
    """Make a newly built (or moved to a new day) graph the team's entry, unless a newer
    one got there first.

    One assignment: a request holding the previous graph keeps reading it, unchanged.
    """
    with _cache_lock:
        previous = _cache.get(team_id)
        entry = CachedGraph(
            graph=graph, version=version, built_on=today, params=params,
            rebuilds=(previous.rebuilds if previous else 0) + rebuilt,
            redates=(previous.redates if previous else 0) + (not rebuilt),
        )
        newer = previous is not None and (previous.built_on, previous.version) > (today, version)
        if generation == _generation and not newer:
            _cache[team_id] = entry
            if previous is not None and len(previous.graph) >= RETIRE_MIN_NODES:
                retire(previous.graph)
        return entry


def rebuild_later(engine: Engine, team_id: int, today: date) -> threading.Event | None:
    """Start a background rebuild of the team's graph for `today`, unless one is running.

    Returns the event set when it is over (None if one was running already).
    """
    return _in_background(team_id, _build_one, engine, team_id, today)


def redate_later(engine: Engine, team_id: int, today: date) -> threading.Event | None:
    """Start moving the team's cached graph to `today` in the background, unless a build or
    move of it is running. Returns the event set when it is over (None if one was running).
    """
    return _in_background(team_id, _redate_one, engine, team_id, today)


def _in_background(team_id: int, target: Any, *args: Any) -> threading.Event | None:
    """Run `target(*args, generation, done)` in a thread: one build per team at a time."""
    with _cache_lock:
        running = _building.get(team_id)
        if running is not None and not running.is_set():
            return None
        done = _building[team_id] = threading.Event()
    thread = threading.Thread(
        target=target, args=(*args, _generation, done), name=f"graph-build-{team_id}",
        daemon=True,
    )
    thread.start()
    return done


def _redate_one(
    engine: Engine, team_id: int, today: date, generation: int, done: threading.Event
) -> None:
    """Move the team's cached graph and its index to `today` and publish them; if that
    fails, rebuild instead (:func:`_build_one`). Logs, never raises.

    The entry keeps the version it was read at: a change replayed meanwhile into the day-old
    entry is dropped with it, and the next request replays it again from the log.
    """
    try:
        entry = _cache.get(team_id)
        if entry is not None and entry.built_on < today:
            with machine_turn(), collector_quiet():  # a second graph's rows meanwhile
                graph = redate(entry.graph, today)
                redate_index(entry.graph, graph)
            builds["new day"] += 1
            _publish(team_id, graph, entry.version, today, entry.params, generation,
                     rebuilt=False)
        done.set()
    except Exception:
        log.exception("moving the graph of team %s to %s failed: rebuilding", team_id, today)
        _build_one(engine, team_id, today, generation, done)


def _build_one(
    engine: Engine, team_id: int, today: date, generation: int, done: threading.Event
) -> None:
    """Build the team's graph on a connection of its own and publish it; log, never raise."""
    try:
        with machine_turn(), Session(engine) as session:
            team = session.get(Team, team_id)
            version = session.scalar(select(Team.graph_version).where(Team.id == team_id))
            if team is not None and version is not None:
                with collector_quiet():
                    graph = build_team_graph(session, team, today=today)
                    get_index(graph)  # its CSR too: the first query must not build it (1M: ~9 s)
                builds["background"] += 1
                _publish(team_id, graph, version, today, tie_params(team), generation)
    except Exception:  # the request path rebuilds if this never publishes
        log.exception("building the graph of team %s in the background failed", team_id)
    finally:
        done.set()


@contextmanager
def collector_quiet() -> Iterator[None]:
    """Pause the cyclic garbage collector while a graph is built, then freeze what exists.

    A build makes a million tracked dicts; collected as usual, the first collections after
    it walk every one of them, each walk one C call holding the interpreter's lock – up to
    seconds at a million people, in whichever thread allocates next (often a request). Frozen
    (``gc.freeze``), they are never walked; having no cycles (``TeamGraph``, the index's
    states refer to it weakly), they are still freed as soon as no one holds them. What the
    freeze keeps for ever is the cyclic garbage pending at that moment: small, once a build.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@contextmanager
def machine_turn() -> Iterator[None]:
    """Hold the machine's build lock (:data:`BUILD_LOCK`): one background build at a time."""
    with open(BUILD_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _build_new(engine: Engine, team_ids: Iterable[int], today: date, generation: int) -> None:
    """Build, one by one, the graphs of these teams that no one has built or is building."""
    for team_id in team_ids:
        with _cache_lock:
            running = _building.get(team_id)
            if team_id in _cache or (running is not None and not running.is_set()):
                continue
            done = _building[team_id] = threading.Event()
        _build_one(engine, team_id, today, generation, done)


def _wait_for_build(team_id: int) -> CachedGraph | None:
    done = _building.get(team_id)
    if done is not None:
        done.wait()
    return _cache.get(team_id)


def wait_for_builds(timeout: float | None = None) -> bool:
    """Wait until this process's background builds are over; False if some still run."""
    return all(done.wait(timeout) for done in list(_building.values()))


def warm_graphs(engine: Engine, *, limit: int = WARM_TEAMS,
                today: date | None = None) -> threading.Event:
    """Build the graphs of the `limit` busiest teams in one background thread, one by one.

    The busiest are those with the most logged changes (the highest `graph_version`). Returns
    an event set when all are built (or failed: the request path then builds them).
    """
    with Session(engine) as session:
        team_ids = list(session.scalars(
            select(Team.id).order_by(Team.graph_version.desc(), Team.id).limit(limit)))
    finished = threading.Event()

    def run() -> None:
        try:
            _build_new(engine, team_ids, today or utc_today(), _generation)
        finally:
            finished.set()

    threading.Thread(target=run, name="graph-warm", daemon=True).start()
    return finished


def warm_app(app: Flask) -> threading.Event:
    """:func:`warm_graphs` for an app's database, as many teams as ``REFERRALS_WARM_GRAPHS``."""
    with app.app_context():
        engine = db.engine
    return warm_graphs(engine, limit=int(os.environ.get("REFERRALS_WARM_GRAPHS", WARM_TEAMS)))


def build_team_graph(session: Session, team: Team, *, today: date) -> nx.Graph:
    """Read the team's people, ties and groups as plain tuples and build the graph.

    Rows stream from the database straight into the graph, so a million ties never sit in
    memory twice. The big reads skip the ORM's row processing (a second at a million ties):
    they are the driver's own tuples, and each tie's kind, rating and date come as one
    `tie_code` computed by the database – three ints a row, no strings or dates to make.
    """
    tid = team.id
    people = _raw(session, _people_select().where(Person.team_id == tid))
    dialect = session.get_bind().dialect.name
    ties = _raw(session, select(
        Relationship.pair_low, Relationship.pair_high, tie_code_sql(dialect),
    ).where(Relationship.team_id == tid))
    groups = session.execute(select(Group.id, Group.name, Group.kind).where(Group.team_id == tid))
    members = _raw(session, select(GroupMembership.group_id, GroupMembership.person_id)
                   .where(GroupMembership.team_id == tid))
    teammates = session.scalars(
        select(User.person_id).where(User.team_id == tid, User.person_id.is_not(None))
    )
    return build_graph(
        (_person_tuple(row) for row in people),
        (),
        groups,
        members,
        coded_ties=ties,
        teammates=list(teammates),
        today=today,
        params=tie_params(team),
    )


def tie_code_sql(dialect: str) -> ColumnElement[int]:
    """`referrals.graph.codes.tie_code` of a relationship row, computed by the database.

    ``(ordinal * 8 + rating) * 16 + kind index``, the ordinal being the date's
    `date.toordinal()` (0 for none): on PostgreSQL the days since 0001-01-01, plus one; on
    SQLite, whose dates are ISO text, the Julian day number less 1,721,424.
    """
    last = Relationship.last_interaction
    if dialect == "postgresql":
        ordinal = last - literal_column("DATE '0001-01-01'", Date) + 1  # date - date: days
    else:
        ordinal = cast(func.julianday(last), Integer) - 1_721_424
    kind = case(TIE_CODE_KINDS, value=Relationship.kind)
    rating = Relationship.rating
    return (func.coalesce(ordinal, 0) * RATING_SLOTS + rating) * KIND_SLOTS + kind


def _raw(session: Session, stmt: Select) -> Iterator[Sequence[Any]]:
    """Stream a Core select's rows as the driver's tuples, `STREAM` at a time.

    Only ints are bound here (the team id), so rendering them into the SQL is safe.
    """
    connection = session.connection()
    sql = str(stmt.compile(dialect=connection.dialect, compile_kwargs={"literal_binds": True}))
    driver = connection.connection.driver_connection
    if connection.dialect.name == "postgresql":
        cursor = driver.cursor(name=f"graph_build_{id(stmt)}")  # server-side: streams
    else:
        cursor = driver.cursor()
    try:
        cursor.execute(sql)
        while rows := cursor.fetchmany(STREAM):
            yield from rows
    finally:
        cursor.close()


ROLES = ("customer", "reference", "advocate", "prospect")
# Each of the 16 combinations of the four role flags maps to one shared frozenset.
_ROLE_SETS = {
    flags: frozenset(role for role, on in zip(ROLES, flags, strict=True) if on)
    for flags in product((False, True), repeat=4)
}


def _people_select() -> Select:
    """People's graph attributes, in the order `_person_tuple` reads them."""
    return select(
        Person.id, Person.name, Person.company, Person.do_not_contact,
        Person.is_customer, Person.is_reference, Person.is_advocate, Person.is_prospect,
    )


def _person_tuple(row: Sequence[Any]) -> tuple:
    roles = _ROLE_SETS[(bool(row[4]), bool(row[5]), bool(row[6]), bool(row[7]))]
    return (row[0], row[1], row[2], bool(row[3]), roles)


def _replay(session: Session, team: Team, entry: CachedGraph, version: int) -> CachedGraph | None:
    """The entry with the changes logged after `entry.version` applied to a fork of its graph.

    None means: rebuild instead (a gap in the log, or a settings change).
    """
    changes = session.execute(
        select(GraphChange.entity, GraphChange.key1, GraphChange.key2, GraphChange.version)
        .where(GraphChange.team_id == team.id, GraphChange.version > entry.version,
               GraphChange.version <= version)
        .order_by(GraphChange.version, GraphChange.id)
    ).all()
    seen_versions = {row.version for row in changes}
    settings_changed = any(r.entity == "settings" for r in changes)
    if len(seen_versions) != version - entry.version or settings_changed:
        return None  # a gap in the log or a settings change: only a rebuild is safe
    # A fork: requests still holding entry.graph must see it unchanged.
    G, params, today = fork(entry.graph), entry.params, entry.built_on

    def keys(entity: str) -> set[int]:
        return {r.key1 for r in changes if r.entity == entity}

    members = {(r.key1, r.key2) for r in changes if r.entity == "member"}
    pairs = {(r.key1, r.key2) for r in changes if r.entity == "pair"}
    # A deleted node goes first, with all its edges: on SQLite a new row may have taken its id
    # since, and is then added afresh (its own ties and memberships are logged changes too).
    for pid in sorted(keys("person_deleted")):
        if G.has_node(pid):
            remove_person(G, pid)
    for gid in sorted(keys("group_deleted")):
        if G.has_node(group_node(gid)):
            remove_group(G, gid)
    _replay_people(session, team.id, G, keys("person") | keys("person_deleted"), today, params)
    _replay_groups(session, team.id, G, keys("group") | keys("group_deleted"), params)
    for gid, pid in sorted(members):
        exists = session.get(GroupMembership, (gid, pid)) is not None
        if exists and G.has_node(pid) and G.has_node(group_node(gid)):
            add_member(G, gid, pid, params=params)
        elif not exists and G.has_edge(group_node(gid), pid):
            remove_member(G, gid, pid, params=params)
    for low, high in sorted(pairs):
        rows = session.execute(
            select(Relationship.kind, Relationship.rating, Relationship.last_interaction)
            .where(Relationship.team_id == team.id, Relationship.pair_low == low,
                   Relationship.pair_high == high)
        ).all()
        if G.has_node(low) and G.has_node(high):
            set_pair_ties(G, low, high, list(rows), today=today, params=params)
    share_index(entry.graph, G)  # kept if the changes left the structure alone (names, roles)
    return replace(entry, graph=G, version=version, replays=entry.replays + 1)


def _replay_people(
    session: Session, team_id: int, G: nx.Graph, ids: set[int], today: date, params: TieParams
) -> None:
    if not ids:
        return
    rows = {
        row[0]: row
        for row in session.execute(
            _people_select().where(Person.id.in_(ids), Person.team_id == team_id)
        )
    }
    for pid in sorted(ids):
        if pid in rows:
            upsert_person(G, *_person_tuple(rows[pid]), today=today, params=params)
        elif G.has_node(pid):
            remove_person(G, pid)


def _replay_groups(
    session: Session, team_id: int, G: nx.Graph, ids: set[int], params: TieParams
) -> None:
    if not ids:
        return
    rows = {
        row[0]: row
        for row in session.execute(
            select(Group.id, Group.name, Group.kind)
            .where(Group.id.in_(ids), Group.team_id == team_id)
        )
    }
    for gid in sorted(ids):
        if gid in rows:
            upsert_group(G, *rows[gid], params=params)
        elif G.has_node(group_node(gid)):
            remove_group(G, gid)
