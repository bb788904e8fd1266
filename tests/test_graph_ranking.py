"""Ranking prospects in one pass: equal to brute force, and the documented order."""

from __future__ import annotations

import math

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from referrals.graph.index import INF, SourceState, check_penalty, get_index
from referrals.graph.paths import best_path
from referrals.graph.ranking import RankedProspect, rank_order, rank_prospects
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


def old_style_ranking(G, source, prospects, *, max_hops=4, penalty=None):
    """The ranking as it was made before pages: every prospect's best path walked back and
    scored in a Python loop, then everything sorted on (key, id) – the reference a page of
    the numeric ranking must be a slice of, row for row and float for float."""
    wanted = list(dict.fromkeys(prospects))
    pen = check_penalty(G, penalty)
    factors = dict(pen)
    ix = get_index(G)
    st = ix.state(source, pen)
    st.ensure(max_hops - 1)
    missing, targets = [], []
    for p in wanted:
        if p == source:
            missing.append(RankedProspect(p, 0.0, 0.0, None, None, None, "is_source"))
        elif G._node[p].get("dnc", False):
            missing.append(RankedProspect(p, 0.0, 0.0, None, None, None, "do_not_contact"))
        else:
            targets.append(ix.pos[p])
    tix = np.array(targets, dtype=np.int64)
    mins, pred = st.last_step(max_hops, tix)
    cols = [c.tolist() for c in st.chain(max_hops, pred)]
    found = []
    for j, (t, key) in enumerate(zip(tix.tolist(), mins.tolist(), strict=True)):
        p = int(ix.nodes[t])
        if key >= INF:
            missing.append(RankedProspect(p, 0.0, 0.0, None, None, None, "no_path"))
            continue
        seq = [t]
        for col in cols:
            seq.append(col[j])
            if col[j] == st.s:
                break
        on_path = tuple(int(ix.nodes[i]) for i in reversed(seq))
        warmth = 1.0
        for u, v in zip(on_path, on_path[1:], strict=False):
            warmth *= G._adj[u][v]["strength"]
        score = warmth
        if factors:
            score *= math.prod(factors.get(v, 1.0) for v in on_path[1:-1])
        found.append((key, p, RankedProspect(p, warmth, score, len(on_path) - 1, on_path[1],
                                             on_path)))
    found.sort(key=lambda f: f[:2])
    missing.sort(key=lambda r: r.prospect)
    return [f[2] for f in found] + missing


def exact(rows):
    """Rows as plain tuples: floats compared exactly (dataclass equality would too, but
    says less when it fails)."""
    return [(r.prospect, r.warmth, r.score, r.hops, r.first_step, r.nodes, r.reason)
            for r in rows]


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rankings(), st.integers(0, 12), st.one_of(st.none(), st.integers(0, 12)))
def test_a_page_is_the_slice_of_the_old_style_ranking(case, offset, limit):
    G, s, prospects, hops, pen = case
    full = old_style_ranking(G, s, prospects, max_hops=hops, penalty=pen)
    stop = None if limit is None else offset + limit
    page = rank_prospects(G, s, prospects, max_hops=hops, penalty=pen, offset=offset,
                          limit=limit)
    assert exact(page) == exact(full[offset:stop])
    ranking = rank_order(G, s, prospects, max_hops=hops, penalty=pen)
    assert ranking.ids.tolist() == [r.prospect for r in full]
    reach = [r for r in full if r.reason is None]
    assert ranking.reachable == len(reach)
    assert ranking.scores().tolist() == [r.score for r in reach]  # the very floats
    places = list(range(len(full)))[::-2]
    assert exact(ranking.take(places)) == exact([full[i] for i in places])


def test_a_page_sorts_and_walks_only_what_it_shows(monkeypatch):
    """Thirty prospects in a star with ties of five strengths, a page of three: the rows
    are right, and only their three paths are walked back (one chain call, three rows)."""
    ties = [(1, 2, "customer", 5, None)]
    ties += [(2, p, "friend", 1 + p % 5, None) for p in range(3, 33)]
    G = graph(32, ties)
    walked = []
    chain = SourceState.chain
    monkeypatch.setattr(SourceState, "chain",
                        lambda self, h, preds: walked.append(len(preds)) or chain(self, h, preds))
    page = rank_prospects(G, 1, range(3, 33), offset=4, limit=3)
    assert walked == [3]
    walked.clear()
    assert exact(page) == exact(old_style_ranking(G, 1, range(3, 33))[4:7])
    assert [r.prospect for r in page] == [24, 29, 3]  # equal strengths: by id
    assert rank_prospects(G, 1, range(3, 33), offset=40, limit=3) == []


def test_bad_pages():
    G = graph(3, [(1, 2, "friend", 5, None)])
    with pytest.raises(ValueError):
        rank_prospects(G, 1, [2], offset=-1)
    with pytest.raises(ValueError):
        rank_prospects(G, 1, [2], limit=-1)
    with pytest.raises(IndexError):
        rank_order(G, 1, [2, 3]).take([2])
    assert [r.reason for r in rank_order(G, 1, [3, 2]).take([1, 0])] == ["no_path", None]
