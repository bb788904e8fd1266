"""Ranking prospects in one pass: equal to brute force, and the documented order."""

from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.graph.paths import best_path
from referrals.graph.ranking import rank_prospects
from tests.test_graph_paths import brute_force, graph, small_networks


@st.composite
def rankings(draw):
    G, n = draw(small_networks())
    s = draw(st.integers(1, n))
    prospects = draw(st.lists(st.integers(1, n), min_size=1, max_size=n + 2))
    hops = draw(st.integers(1, 6))
    pen = {
        v: draw(st.sampled_from([0.3, 0.8])) for v in draw(st.lists(st.integers(1, n), max_size=2))
    }
    return G, s, prospects, hops, pen


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rankings())
def test_ranking_equals_brute_force(case):
    G, s, prospects, hops, pen = case
    ranked = rank_prospects(G, s, prospects, max_hops=hops, penalty=pen)
    assert sorted(r.prospect for r in ranked) == sorted(set(prospects))
    expected = {}
    for p in set(prospects):
        if p == s:
            expected[p] = ("is_source", None)
        elif G.nodes[p]["dnc"]:
            expected[p] = ("do_not_contact", None)
        else:
            paths = brute_force(G, s, p, hops, pen)
            expected[p] = (None, paths[0]) if paths else ("no_path", None)
    for r in ranked:
        reason, nodes = expected[r.prospect]
        assert r.reason == reason
        if nodes is None:
            assert r.path is None and r.warmth == 0 and r.first_step is None
        else:
            assert r.path.nodes == nodes
            assert r.first_step == nodes[1] and r.hops == len(nodes) - 1
            factor = 1.0
            for v in nodes[1:-1]:
                factor *= pen.get(v, 1.0)
            assert r.score == pytest.approx(r.path.warmth * factor)
    # reachable first, by score; then the rest
    reach = [r for r in ranked if r.reason is None]
    assert ranked[: len(reach)] == reach
    assert all(a.score >= b.score * (1 - 1e-9) for a, b in zip(reach, reach[1:], strict=False))


def test_order_reasons_and_first_steps():
    ties = [
        (1, 2, "customer", 5, None),
        (2, 3, "friend", 5, None),
        (1, 4, "acquaintance", 2, None),
        (4, 6, "acquaintance", 2, None),
    ]
    G = graph(7, ties, dnc=(5,), groups=[(9, "Expo", "event")], members=[(9, 1), (9, 7)])
    ranked = rank_prospects(G, 1, [6, 5, 3, 7, 3, 1])
    assert [(r.prospect, r.reason) for r in ranked] == [
        (3, None),
        (7, None),
        (6, None),
        (1, "is_source"),
        (5, "do_not_contact"),
    ]
    by_id = {r.prospect: r for r in ranked}
    assert by_id[3].first_step == 2 and by_id[3].hops == 2
    assert by_id[7].first_step == -9 and by_id[7].path.kinds == ("member", "member")
    assert by_id[3].warmth == pytest.approx(0.9 * 0.85)
    assert rank_prospects(G, 1, [6], max_hops=1)[0].reason == "no_path"


def test_ranking_agrees_with_best_path_on_every_prospect():
    ties = [
        (a, b, "friend" if (a + b) % 2 else "acquaintance", 1 + (a * b) % 5, None)
        for a in range(1, 13)
        for b in range(a + 1, 13)
        if (a * 7 + b * 3) % 5 == 0
    ]
    G = graph(12, ties, dnc=(6,))
    for hops in range(1, 7):
        ranked = {r.prospect: r for r in rank_prospects(G, 1, range(2, 13), max_hops=hops)}
        for p in range(2, 13):
            if p == 6:
                continue
            bp = best_path(G, 1, p, max_hops=hops)
            assert (ranked[p].path.nodes if ranked[p].path else None) == (bp.nodes if bp else None)


def test_penalty_lowers_paths_through_an_over_asked_advocate():
    ties = [
        (1, 2, "customer", 5, None),
        (2, 3, "friend", 5, None),
        (1, 4, "friend", 4, None),
        (4, 5, "friend", 4, None),
    ]
    G = graph(5, ties)
    plain = [r.prospect for r in rank_prospects(G, 1, [3, 5])]
    assert plain == [3, 5]
    penalised = rank_prospects(G, 1, [3, 5], penalty={2: 0.3})
    assert [r.prospect for r in penalised] == [5, 3]
    assert penalised[1].score == pytest.approx(penalised[1].warmth * 0.3)


def test_bad_input():
    G = graph(3, [(1, 2, "friend", 5, None)], groups=[(9, "Expo", "event")], members=[(9, 1)])
    with pytest.raises(nx.NodeNotFound):
        rank_prospects(G, 1, [2, 42])
    with pytest.raises(nx.NodeNotFound):
        rank_prospects(G, 42, [2])
    with pytest.raises(ValueError):
        rank_prospects(G, 1, [-9])
    with pytest.raises(ValueError):
        rank_prospects(G, -9, [2])
    with pytest.raises(ValueError):
        rank_prospects(G, 1, [2], max_hops=7)
    assert rank_prospects(G, 1, []) == []
