"""A new day as an update: a graph (and its index) moved to a later day equals a fresh build."""

from __future__ import annotations

from datetime import date, timedelta
from unittest.mock import patch

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referrals.graph import build as build_module
from referrals.graph.build import build_graph, fork, redate
from referrals.graph.index import GraphIndex, get_index, redate_index, share_index
from referrals.graph.paths import DoNotContact, best_path
from referrals.graph.ranking import rank_prospects
from referrals.graph.tie import TieParams
from tests.test_graph_update import KINDS, TODAY, apply, assert_same_graph, ops, starting_model

DAYS = st.integers(-800, 60).map(lambda d: TODAY + timedelta(days=d))
dated_pairs = st.lists(
    st.tuples(
        st.just("pair"), st.integers(1, 7), st.integers(1, 7),
        st.lists(st.tuples(st.sampled_from(KINDS), st.integers(1, 5),
                           st.one_of(st.none(), DAYS)), max_size=3),
    ),
    max_size=12,
)
params = st.builds(
    TieParams,
    half_life_days=st.sampled_from([1.0, 30.0, 200.0, 365.0]),
    decay_floor=st.sampled_from([0.05, 0.25, 0.9, 1.0]),
    rating_low=st.sampled_from([0.3, 1.0]),
    teammate_rating=st.integers(1, 5),
)


def same_arrays(got: GraphIndex, want: GraphIndex) -> None:
    """Equal CSR arrays."""
    assert got.pos == want.pos
    for name in ("nodes", "deg", "indptr", "indices", "keys", "ext", "is_group"):
        a, b = getattr(got, name), getattr(want, name)
        assert a.dtype == b.dtype and np.array_equal(a, b), name


def rebuild(model, today: date) -> nx.Graph:
    """The model's graph built afresh for ``today`` (what the database would give)."""
    return build_graph(
        [(pid, *row) for pid, row in sorted(model.people.items())],
        [(a, b, *t) for (a, b), ts in model.ties.items() for t in ts],
        [(gid, *row) for gid, row in model.groups.items()],
        sorted(model.members),
        teammates=model.teammates,
        today=today,
        params=model.params,
    )


def answers(G: nx.Graph, penalty: dict[int, float]) -> dict:
    """Best paths between every two people, and each person's ranking of the others."""
    out: dict = {}
    people = sorted(n for n in G if n > 0)
    for s in people:
        for t in people:
            if s != t:
                try:
                    found = best_path(G, s, t, penalty=penalty)
                    out[s, t] = (found.nodes, found.warmth) if found else None
                except DoNotContact:
                    out[s, t] = "dnc"
        others = [t for t in people if t != s]
        out[s] = [(r.prospect, r.score, r.path.nodes if r.path else None)
                  for r in rank_prospects(G, s, others, penalty=penalty)]
    return out


@settings(max_examples=150, deadline=None)
@given(ops, dated_pairs, params, st.integers(0, 900), st.booleans(),
       st.dictionaries(st.integers(1, 7), st.sampled_from([0.5, 0.9]), max_size=2),
       st.sampled_from([1, 2, 5, 2_000]))
def test_a_graph_moved_to_a_later_day_equals_a_fresh_build(
    changes, pairs, tie_params, days, indexed, penalty, rows_per_step
):
    with patch.object(build_module, "REDATE_ROWS", rows_per_step):  # slices of any size
        _moved_equals_fresh(changes, pairs, tie_params, days, indexed, penalty)


def _moved_equals_fresh(changes, pairs, tie_params, days, indexed, penalty):
    model = starting_model()
    model.params = tie_params
    G = rebuild(model, TODAY)
    for op in [*pairs, *changes]:  # as the cache replays changes into forks of the day's graph
        H = fork(G)
        share_index(G, H)
        G = H
        apply(G, model, op)
    if indexed:
        get_index(G)  # the day's graph has been asked: its index is moved along
    later = TODAY + timedelta(days=days)
    before = (dict(G.nodes(data=True)), {frozenset(e): dict(d) for *e, d in G.edges(data=True)})

    moved = redate(G, later)
    index = redate_index(G, moved)
    fresh = rebuild(model, later)

    assert moved.graph["today"] == later
    assert_same_graph(moved, fresh)
    same_arrays(index, GraphIndex(moved))  # a full build of its own rows (their order is the
    # updates', not a fresh build's: the answers below are compared with one)
    assert get_index(moved) is index
    assert answers(moved, penalty) == answers(fresh, penalty)
    # the day-old graph, which requests may still be reading, is as it was
    assert (dict(G.nodes(data=True)), {frozenset(e): dict(d) for *e, d in G.edges(data=True)}) \
        == before and G.graph["today"] == TODAY


def test_rows_with_nothing_dated_are_shared_and_undated_edges_kept():
    day = date(2024, 6, 1)
    G = build_graph(
        [(1, "A", None, False, ()), (2, "B", None, False, ()), (3, "C", None, False, ())],
        [(1, 2, "friend", 4, date(2024, 1, 1)), (2, 3, "customer", 5, None)],
        [(9, "Expo", "event")], [(9, 3)], today=day,
    )
    H = redate(G, day + timedelta(days=1))
    assert H._adj[-9] is G._adj[-9] and H._adj[3] is G._adj[3]  # no date in them
    assert H._adj[2] is not G._adj[2] and H[2][3] is G[2][3]
    assert H[1][2]["strength"] < G[1][2]["strength"]
    assert H.graph["version"] > G.graph["version"]  # an index of G must not serve H as is


def test_a_pair_keeps_all_its_relationships_so_a_later_day_may_pick_another():
    day = date(2024, 6, 1)
    ties = [(1, 2, "customer", 5, date(2024, 5, 31)), (1, 2, "acquaintance", 5, None)]
    people = [(1, "A", None, False, ()), (2, "B", None, False, ())]
    G = build_graph(people, ties, [], [], today=day)
    assert G[1][2]["kind"] == "customer" and len(G[1][2]["ties"]) == 2
    later = day + timedelta(days=800)  # the customer tie has decayed below the undated one
    H = redate(G, later)
    assert H[1][2]["kind"] == "acquaintance"
    assert H[1][2] == build_graph(people, ties, [], [], today=later)[1][2]


def test_a_teammate_tie_may_overtake_a_decayed_one():
    day = date(2024, 6, 1)
    people = [(1, "A", None, False, ()), (2, "B", None, False, ())]
    ties = [(1, 2, "customer", 5, date(2024, 5, 1))]
    G = build_graph(people, ties, [], [], teammates=[1, 2], today=day)
    assert G[1][2]["kind"] == "customer"
    later = day + timedelta(days=700)
    assert redate(G, later)[1][2] == build_graph(people, ties, [], [], teammates=[1, 2],
                                                 today=later)[1][2]
    assert redate(G, later)[1][2]["kind"] == "teammate"


def test_a_graph_is_not_moved_back_in_time():
    G = build_graph([], [], [], [], today=date(2024, 6, 1))
    with pytest.raises(ValueError, match="cannot be moved back"):
        redate(G, date(2024, 5, 31))
    assert redate(G, date(2024, 6, 1)).graph["today"] == date(2024, 6, 1)


def test_an_edge_not_of_the_graphs_day_is_refused():
    G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())],
                    [(1, 2, "friend", 4, date(2024, 1, 1))], [], [], today=date(2024, 6, 1))
    G.graph["today"] = date(2024, 5, 1)  # changed by other means: the strengths do not match
    with pytest.raises(ValueError, match="was not made on"):
        redate(G, date(2024, 7, 1))
