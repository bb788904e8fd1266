"""The per-process graph cache: current on the very next request, updated in place, rebuilt
when it must."""

from __future__ import annotations

import fcntl
import gc
import random
import threading
import weakref
from dataclasses import replace
from datetime import date

import networkx as nx
import pytest
from sqlalchemy.orm import Session

from referrals.clock import utc_today
from referrals.extensions import db
from referrals.graph import index as graph_index
from referrals.graph.paths import best_path
from referrals.groups.services import add_member, remove_member, update_group
from referrals.models import GroupMembership, Person, Relationship, Team, bump_graph_version
from referrals.paths import cache
from referrals.paths.cache import build_team_graph, cached_entry, team_graph
from referrals.people.services import delete_person, update_person
from referrals.relationships.services import delete_relationship, update_relationship
from referrals.settings import update_tie_params
from tests import factories


def _team(user) -> Team:
    return db.session.get(Team, user.team_id)


def _snapshot(G: nx.Graph) -> tuple:
    nodes = sorted(
        (n, tuple(sorted((k, repr(v)) for k, v in d.items()))) for n, d in G.nodes(data=True)
    )
    edges = sorted(
        (min(u, v), max(u, v), tuple(sorted((k, repr(v2)) for k, v2 in d.items())))
        for u, v, d in G.edges(data=True)
    )
    return nodes, edges


def test_the_graph_is_built_once_then_served_from_memory(app, user):
    factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    first = team_graph(db.session, _team(user))
    again = team_graph(db.session, _team(user))
    assert first is again
    assert cached_entry(user.team_id).rebuilds == 1


def test_a_change_committed_elsewhere_is_seen_on_the_next_read(app, user):
    rep = db.session.get(Person, user.person_id)
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    G = team_graph(db.session, _team(user))
    assert not G.has_edge(rep.id, mike.id)

    # Another worker (or machine) writes through its own connection: all this process
    # shares with it is the database, and the version stored there.
    with Session(db.engine) as other:
        factories.make_relationship(other, other.get(Person, rep.id), other.get(Person, mike.id),
                                    kind="customer", rating=5)
        other.commit()

    db.session.expire_all()
    G = team_graph(db.session, _team(user))
    assert G.has_edge(rep.id, mike.id)
    entry = cached_entry(user.team_id)
    assert (entry.rebuilds, entry.replays) == (1, 1), "a small change is replayed in place"


def test_a_settings_change_rebuilds(app, user):
    a = factories.make_person(db.session, user.team_id, "A")
    b = factories.make_person(db.session, user.team_id, "B")
    factories.make_relationship(db.session, a, b, kind="friend", rating=4)
    db.session.commit()
    before = team_graph(db.session, _team(user))[a.id][b.id]["strength"]
    update_tie_params(db.session, _team(user), {"friend": 0.2})
    db.session.commit()
    after = team_graph(db.session, _team(user))[a.id][b.id]["strength"]
    assert after < before
    assert cached_entry(user.team_id).rebuilds == 2


def test_a_new_teammate_rebuilds_with_the_teammate_tie(app, user):
    team_graph(db.session, _team(user))
    ana = factories.make_user(db.session, "ana@example.com", team="Acme Sales", name="Ana")
    db.session.commit()
    G = team_graph(db.session, _team(user))
    assert G.has_edge(user.person_id, ana.person_id)
    assert G[user.person_id][ana.person_id]["kind"] == "teammate"


def test_a_gap_in_the_change_log_rebuilds(app, user):
    team_graph(db.session, _team(user))
    bump_graph_version(db.session, user.team_id)  # no logged change: only a rebuild is safe
    db.session.commit()
    team_graph(db.session, _team(user))
    assert cached_entry(user.team_id).rebuilds == 2


def _dated_ties(user) -> None:
    """A rep with ties of several ages, a pair with two relationships, and two teammates."""
    rep = db.session.get(Person, user.person_id)
    ana = factories.make_user(db.session, "ana@example.com", team="Acme Sales", name="Ana")
    people = [factories.make_person(db.session, user.team_id, f"P{i}") for i in range(4)]
    mate = db.session.get(Person, ana.person_id)
    factories.make_relationship(db.session, rep, people[0], kind="customer", rating=5,
                                last_interaction=date(2025, 12, 30))
    factories.make_relationship(db.session, people[0], people[1], kind="friend", rating=3,
                                last_interaction=date(2024, 3, 1))
    factories.make_relationship(db.session, people[0], people[1], kind="colleague", rating=2)
    factories.make_relationship(db.session, rep, mate, kind="friend", rating=5,
                                last_interaction=date(2025, 12, 31))
    factories.make_relationship(db.session, people[2], people[3], kind="acquaintance", rating=1)
    db.session.commit()


def test_a_new_day_is_served_the_days_old_graph_while_it_moves_to_today(app, user):
    _dated_ties(user)
    day1, day2 = date(2026, 1, 1), date(2027, 1, 2)
    old = team_graph(db.session, _team(user), today=day1)
    old_index = graph_index.get_index(old)  # a question was asked of it
    served = team_graph(db.session, _team(user), today=day2)
    assert served is old and served.graph["today"] == day1
    assert cache.builds["request"] == 1  # the new day did not make this request build
    assert cache.wait_for_builds(timeout=30)
    # moved to the new day from the graph itself: no rebuild, no read of the ties
    assert cache.builds == {"request": 1, "new day": 1}
    entry = cached_entry(user.team_id)
    assert (entry.rebuilds, entry.redates, entry.built_on) == (1, 1, day2)
    G = team_graph(db.session, _team(user), today=day2)
    assert G.graph["today"] == day2  # ties decay: the later requests see the new day
    assert _snapshot(G) == _snapshot(build_team_graph(db.session, _team(user), today=day2))
    assert _snapshot(G) != _snapshot(old)
    # its index came along, structure shared, keys of the new day
    assert graph_index._INDEXES[G].indices is old_index.indices
    assert graph_index.get_index(old) is old_index  # the day-old graph's readers keep theirs
    # a rep whose clock is still on the first day gets the newer graph, not a rebuild
    assert team_graph(db.session, _team(user), today=day1) is G
    assert cache.wait_for_builds(timeout=30) and cache.builds["new day"] == 1


@pytest.mark.parametrize("large", [True, False])
def test_a_large_graph_replaced_by_the_new_day_goes_to_the_reaper(app, user, monkeypatch,
                                                                    large):
    monkeypatch.setattr(cache, "RETIRE_MIN_NODES", 0 if large else 10**9)
    retired: list[nx.Graph] = []
    monkeypatch.setattr(cache, "retire", retired.append)
    _dated_ties(user)
    old = team_graph(db.session, _team(user), today=date(2026, 1, 1))
    team_graph(db.session, _team(user), today=date(2027, 1, 2))
    assert cache.wait_for_builds(timeout=30)
    assert cached_entry(user.team_id).graph is not old
    assert retired == ([old] if large else [])


def test_a_new_day_far_behind_is_a_rebuild_not_a_move(app, user, monkeypatch):
    monkeypatch.setattr(cache, "SYNC_REBUILD_NODES", 0)  # every graph counts as large
    team_graph(db.session, _team(user), today=date(2026, 1, 1))
    bump_graph_version(db.session, user.team_id)  # no logged change: only a rebuild is safe
    db.session.commit()
    team_graph(db.session, _team(user), today=date(2026, 1, 2))
    assert cache.wait_for_builds(timeout=30)
    assert cache.builds == {"request": 1, "background": 1}


def test_the_last_good_graph_is_served_while_the_new_day_is_worked_out(
    app, user, monkeypatch
):
    _dated_ties(user)
    gate = threading.Event()
    real = cache.redate

    def slow_redate(*args, **kwargs):
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(cache, "redate", slow_redate)
    old = team_graph(db.session, _team(user), today=date(2026, 1, 1))
    for _ in range(3):  # one move at a time, the day-old graph served meanwhile
        assert team_graph(db.session, _team(user), today=date(2026, 1, 2)) is old
    assert cache.redate_later(db.session.get_bind(), user.team_id, date(2026, 1, 2)) is None
    gate.set()
    assert cache.wait_for_builds(timeout=30) and cache.builds == {"request": 1, "new day": 1}
    assert team_graph(db.session, _team(user), today=date(2026, 1, 2)) is not old


def test_a_new_day_that_cannot_be_worked_out_is_rebuilt(app, user, monkeypatch):
    team_graph(db.session, _team(user), today=date(2026, 1, 1))

    def broken(*args, **kwargs):
        raise ValueError("not a graph of this day")

    monkeypatch.setattr(cache, "redate", broken)
    team_graph(db.session, _team(user), today=date(2026, 1, 2))
    assert cache.wait_for_builds(timeout=30)
    assert cache.builds == {"request": 1, "background": 1}
    assert cached_entry(user.team_id).built_on == date(2026, 1, 2)


def _lock_is_held() -> bool:
    """Whether another worker trying for its turn on the machine's build lock must wait."""
    with open(cache.BUILD_LOCK) as other:
        try:
            fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(other, fcntl.LOCK_UN)
        return False


def test_a_new_day_takes_its_turn_on_the_machine(app, user, monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "BUILD_LOCK", str(tmp_path / "build.lock"))
    team_graph(db.session, _team(user), today=date(2026, 1, 1))
    held = []
    real = cache.redate

    def redate(*args, **kwargs):
        held.append(_lock_is_held())
        return real(*args, **kwargs)

    monkeypatch.setattr(cache, "redate", redate)
    done = cache.redate_later(db.session.get_bind(), user.team_id, date(2026, 1, 2))
    assert done is not None and done.wait(30)
    assert held == [True] and cache.builds["new day"] == 1


def test_a_graph_a_request_holds_stays_whole_through_a_background_swap(app, user):
    rep = db.session.get(Person, user.person_id)
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield")
    factories.make_relationship(db.session, rep, mike, kind="customer", rating=5,
                                last_interaction=date(2025, 6, 1))
    factories.make_relationship(db.session, mike, dana, kind="friend", rating=4)
    db.session.commit()
    held = team_graph(db.session, _team(user), today=date(2026, 1, 1))
    before = _snapshot(held)
    assert best_path(held, rep.id, dana.id).nodes == (rep.id, mike.id, dana.id)
    team_graph(db.session, _team(user), today=date(2026, 6, 1))  # starts the rebuild
    assert cache.wait_for_builds(timeout=30)
    swapped = cached_entry(user.team_id).graph
    assert swapped is not held and swapped.graph["today"] == date(2026, 6, 1)
    assert swapped[rep.id][mike.id]["strength"] < held[rep.id][mike.id]["strength"]
    assert _snapshot(held) == before  # the reader's graph, unchanged by the swap
    assert best_path(held, rep.id, dana.id).nodes == (rep.id, mike.id, dana.id)


def test_a_large_graph_far_behind_is_rebuilt_in_the_background(app, user, monkeypatch):
    monkeypatch.setattr(cache, "SYNC_REBUILD_NODES", 0)  # every graph counts as large
    first = team_graph(db.session, _team(user))
    bump_graph_version(db.session, user.team_id)  # no logged change: only a rebuild is safe
    db.session.commit()
    assert team_graph(db.session, _team(user)) is first  # the last good version, at once
    assert cache.builds["request"] == 1
    assert cache.wait_for_builds(timeout=30)
    assert team_graph(db.session, _team(user)) is not first
    assert cached_entry(user.team_id).rebuilds == 2 and cache.builds["background"] == 1


def test_one_background_build_per_team_at_a_time(app, user, monkeypatch):
    team_graph(db.session, _team(user))
    gate = threading.Event()
    real = cache.build_team_graph

    def slow_build(*args, **kwargs):
        gate.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(cache, "build_team_graph", slow_build)
    engine = db.session.get_bind()
    first = cache.rebuild_later(engine, user.team_id, date(2026, 1, 2))
    assert first is not None
    assert cache.rebuild_later(engine, user.team_id, date(2026, 1, 2)) is None
    gate.set()
    assert first.wait(30) and cache.builds["background"] == 1


def test_background_builds_on_one_machine_take_turns(app, user, monkeypatch, tmp_path):
    monkeypatch.setattr(cache, "BUILD_LOCK", str(tmp_path / "build.lock"))
    team_graph(db.session, _team(user))
    held = []
    real = cache.build_team_graph

    def build(*args, **kwargs):
        held.append(_lock_is_held())
        return real(*args, **kwargs)

    monkeypatch.setattr(cache, "build_team_graph", build)
    done = cache.rebuild_later(db.session.get_bind(), user.team_id, date(2026, 1, 2))
    assert done is not None and done.wait(30)
    assert held == [True]


def test_a_started_worker_builds_the_busiest_teams_before_requests(app, user, other_user):
    done = cache.warm_app(app)
    assert done.wait(30)
    assert cache.builds == {"background": 2}
    # the CSR index too: the first query of a big team does not build it
    assert cached_entry(user.team_id).graph in graph_index._INDEXES
    team_graph(db.session, _team(user))
    team_graph(db.session, _team(other_user))
    assert cache.builds["request"] == 0


def test_other_teams_are_cached_apart(app, user, other_user):
    factories.make_person(db.session, other_user.team_id, "Their Contact")
    db.session.commit()
    mine = team_graph(db.session, _team(user))
    theirs = team_graph(db.session, _team(other_user))
    assert other_user.person_id not in mine and user.person_id not in theirs


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_replaying_random_changes_equals_a_rebuild(app, user, seed):
    rng = random.Random(seed)
    team = _team(user)
    people = [factories.make_person(db.session, user.team_id, f"P{i}", company=f"Co{i % 3}")
              for i in range(12)]
    groups = [factories.make_group(db.session, user.team_id, f"G{i}", kind=k)
              for i, k in enumerate(("association", "event"))]
    db.session.commit()
    team_graph(db.session, team)

    for _ in range(40):
        action = rng.choice(["tie", "tie", "retie", "untie", "member", "unmember",
                             "person", "dnc", "group", "delete"])
        alive = [p for p in people if db.session.get(Person, p.id) is not None]
        a, b = rng.sample(alive, 2)
        ties = db.session.query(Relationship).filter_by(team_id=user.team_id).all()
        if action == "tie":
            try:
                with db.session.begin_nested():
                    kind = rng.choice(["friend", "customer", "colleague"])
                    factories.make_relationship(db.session, a, b, kind=kind,
                                                rating=rng.randint(1, 5))
            except Exception:
                pass  # the pair already has that kind
        elif action == "retie" and ties:
            update_relationship(db.session, rng.choice(ties), {"rating": rng.randint(1, 5)},
                                today=utc_today())
        elif action == "untie" and ties:
            delete_relationship(db.session, rng.choice(ties))
        elif action == "member":
            group = rng.choice(groups)
            if db.session.get(GroupMembership, (group.id, a.id)) is None:
                add_member(db.session, group, a.id)
        elif action == "unmember":
            group = rng.choice(groups)
            if db.session.get(GroupMembership, (group.id, a.id)) is not None:
                remove_member(db.session, group, a.id)
        elif action == "person":
            update_person(db.session, a, {"name": f"{a.name}*", "company": "NewCo"})
        elif action == "dnc":
            update_person(db.session, a, {"do_not_contact": not a.do_not_contact})
        elif action == "group":
            update_group(db.session, rng.choice(groups), {"name": f"G{rng.randint(0, 99)}"})
        elif action == "delete" and len(alive) > 4:
            delete_person(db.session, a)
        db.session.commit()
        if rng.random() < 0.3:
            team_graph(db.session, team)  # replay every few changes, as requests would

    replayed = team_graph(db.session, team)
    entry = cached_entry(user.team_id)
    assert entry.rebuilds == 1 and entry.replays >= 1
    rebuilt = build_team_graph(db.session, team, today=entry.built_on)
    assert _snapshot(replayed) == _snapshot(rebuilt)


def test_a_request_that_read_an_older_version_uses_the_newer_graph_not_a_rebuild(
    app, user, monkeypatch
):
    # Threads of one worker: another request replayed to a newer version after this one read
    # the version. The newer graph is served; rebuilding (seconds at 100k people) is wrong.
    factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    G = team_graph(db.session, _team(user))
    entry = cached_entry(user.team_id)
    # as if another thread had replayed past what the database read below says
    monkeypatch.setitem(cache._cache, user.team_id, replace(entry, version=entry.version + 1))
    assert team_graph(db.session, _team(user)) is G
    assert cached_entry(user.team_id).rebuilds == 1


def test_a_new_role_is_replayed_without_invalidating_the_index(app, user):
    from referrals.graph.index import get_index

    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    G = team_graph(db.session, _team(user))
    index = get_index(G)
    update_person(db.session, mike, {"roles": ["advocate"]})  # what a first advocate call does
    db.session.commit()
    G2 = team_graph(db.session, _team(user))
    assert G2.nodes[mike.id]["roles"] == frozenset({"advocate"})
    assert G.nodes[mike.id]["roles"] == frozenset()  # a request holding G still sees its snapshot
    assert get_index(G2) is index  # same structure: the CSR index and rep layers stay
    assert cached_entry(user.team_id).rebuilds == 1


def test_the_database_codes_each_tie_as_the_graph_code_does(app, user):
    # The build reads each tie's kind, rating and date as one number computed in SQL (Julian
    # days on SQLite, date arithmetic on PostgreSQL); it must be the pure tie_code exactly.
    from sqlalchemy import select

    from referrals.graph.codes import tie_code
    from referrals.paths.cache import tie_code_sql
    from referrals.vocab import RELATIONSHIP_KINDS

    days = [None, date(1, 1, 1), date(1582, 10, 15), date(1999, 12, 31), date(2024, 2, 29),
            date(2025, 7, 4)]
    rows_of = [factories.make_person(db.session, user.team_id, f"Day {j}") for j in range(7)]
    kinds_of = [factories.make_person(db.session, user.team_id, f"Kind {i}")
                for i in range(len(RELATIONSHIP_KINDS))]
    for i, kind in enumerate(RELATIONSHIP_KINDS):
        for j, day in enumerate(days):
            factories.make_relationship(db.session, rows_of[j], kinds_of[i], kind=kind,
                                        rating=1 + (i + j) % 5, last_interaction=day)
    db.session.commit()
    dialect = db.session.get_bind().dialect.name
    rows = db.session.execute(select(
        Relationship.kind, Relationship.rating, Relationship.last_interaction,
        tie_code_sql(dialect),
    ).where(Relationship.team_id == user.team_id)).all()
    assert len(rows) > 30
    assert [code for *_, code in rows] == [tie_code(k, r, d) for k, r, d, _ in rows]


def test_a_replay_leaves_the_graph_a_request_holds_as_it_was(app, user):
    # Threads of one worker: one request still renders from G while another replays a
    # deletion and a new person with a tie. G must stay whole; the next read gets the new
    # graph. On SQLite the new person takes the deleted one's id (the newest row's), and must
    # not inherit the deleted person's ties.
    rep = db.session.get(Person, user.person_id)
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    dana = factories.make_person(db.session, user.team_id, "Dana Lee")
    factories.make_relationship(db.session, rep, mike, kind="customer", rating=5)
    factories.make_relationship(db.session, mike, dana, kind="colleague", rating=4)
    db.session.commit()
    G = team_graph(db.session, _team(user))
    before, dana_id = _snapshot(G), dana.id

    delete_person(db.session, dana)
    db.session.commit()
    sam = factories.make_person(db.session, user.team_id, "Sam Ortiz")
    factories.make_relationship(db.session, rep, sam, kind="friend", rating=3)
    db.session.commit()
    G2 = team_graph(db.session, _team(user))

    assert cached_entry(user.team_id).replays == 1 and G2 is not G
    assert _snapshot(G) == before and G.has_edge(mike.id, dana_id)
    assert G2.nodes[sam.id]["name"] == "Sam Ortiz" and not G2.has_edge(mike.id, sam.id)
    assert _snapshot(G2) == _snapshot(build_team_graph(db.session, _team(user), today=date.today()))

    # Once its last reader lets go, the retired graph is freed at once, not at the next full
    # garbage collection (each holds ~10 MB of top-level dicts at 100,000 people).
    gone = weakref.ref(G)
    gc.disable()
    try:
        del G
        assert gone() is None
    finally:
        gc.enable()


def test_a_replay_reads_only_its_own_teams_rows(app, user, other_user):
    # Ids are global: a change logged for this team must not pull in another team's rows.
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    G = team_graph(db.session, _team(user))
    assert mike.id in G
    delete_person(db.session, mike)
    db.session.commit()
    theirs = factories.make_person(db.session, other_user.team_id, "Not Ours")
    db.session.commit()
    G2 = team_graph(db.session, _team(user))
    assert theirs.id not in G2 or G2.nodes[theirs.id]["name"] != "Not Ours"
    assert _snapshot(G2) == _snapshot(build_team_graph(db.session, _team(user), today=date.today()))


# --- the version read with the request's user -------------------------------------------------

def _graph_version_reads(statements: list[str]) -> list[str]:
    return [s for s in statements if s.startswith("SELECT teams.graph_version")]


def test_a_request_checks_the_graph_against_the_version_read_with_its_user(api, user):
    """The sign-in's one SELECT (token, user, team) carries the graph version; the cache
    checks against it instead of reading it again."""
    from sqlalchemy import event

    rep = db.session.get(Person, user.person_id)
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid", is_prospect=True)
    factories.make_relationship(db.session, rep, mike, kind="friend", rating=5)
    db.session.commit()
    assert api.get(f"/api/v1/people/{mike.id}/paths").status_code == 200  # builds the graph
    statements: list[str] = []

    def record(conn, cursor, statement, *args) -> None:
        statements.append(statement)

    db.session.remove()
    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = api.get(f"/api/v1/people/{mike.id}/paths")
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200 and response.get_json()["paths"]
    assert not _graph_version_reads(statements), statements
    assert "graph_version" in statements[0] and "api_tokens" in statements[0]


def test_a_change_committed_between_requests_is_in_the_next_requests_graph(api, user):
    rep = db.session.get(Person, user.person_id)
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid", is_prospect=True)
    db.session.commit()
    assert api.get(f"/api/v1/people/{mike.id}/paths").get_json()["paths"] == []
    with Session(db.engine) as other:  # another worker
        factories.make_relationship(other, other.get(Person, rep.id), other.get(Person, mike.id),
                                    kind="friend", rating=5)
        other.commit()
    assert api.get(f"/api/v1/people/{mike.id}/paths").get_json()["paths"]


def test_a_session_that_changed_the_graph_reads_its_own_change(app, user):
    """The version noted with the user is forgotten when this session bumps it: its graph
    reads include what it has just flushed, as before."""
    from referrals.auth.services import create_token, user_for_token
    from referrals.models.changes import known_graph_version

    token = create_token(db.session, user, "t")
    db.session.commit()
    rep = user_for_token(db.session, token)
    assert known_graph_version(db.session, rep.team_id) == rep.team.graph_version
    team_graph(db.session, rep.team)
    mike = factories.make_person(db.session, rep.team_id, "Mike Kincaid")  # flushes: a bump
    assert known_graph_version(db.session, rep.team_id) is None
    assert mike.id in team_graph(db.session, rep.team)
    db.session.rollback()


def test_the_noted_version_ends_with_the_transaction(app, user):
    from referrals.auth.services import create_token, user_for_token
    from referrals.models.changes import known_graph_version

    token = create_token(db.session, user, "t")
    db.session.commit()
    user_for_token(db.session, token)
    assert known_graph_version(db.session, user.team_id) is not None
    db.session.commit()
    assert known_graph_version(db.session, user.team_id) is None
    user_for_token(db.session, token)
    db.session.rollback()
    assert known_graph_version(db.session, user.team_id) is None


def test_the_noted_version_is_the_users_teams_only(app, user, other_user):
    from referrals.auth.services import create_token, user_for_token
    from referrals.models.changes import known_graph_version

    theirs = factories.make_person(db.session, other_user.team_id, "Rival Prospect")
    db.session.commit()
    token = create_token(db.session, user, "t")
    db.session.commit()
    user_for_token(db.session, token)
    assert known_graph_version(db.session, other_user.team_id) is None
    G = team_graph(db.session, _team(other_user))  # read for its own team, from the database
    assert theirs.id in G and user.person_id not in G
    assert cached_entry(other_user.team_id).version == _team(other_user).graph_version
    db.session.rollback()
