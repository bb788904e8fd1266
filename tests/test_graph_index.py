"""The index's cache of per-source states: sized by the graph, stale penalties dropped."""

from __future__ import annotations

from datetime import date

from referrals.graph.build import build_graph
from referrals.graph.index import get_index


def _graph(n: int = 12):
    people = [(i, f"P{i}", None, False, ()) for i in range(1, n + 1)]
    ties = [(i, i + 1, "friend", 4, None) for i in range(1, n)]
    return build_graph(people, ties, [], [], today=date(2024, 6, 1))


def test_a_sources_state_for_an_old_penalty_is_dropped():
    ix = get_index(_graph())
    ix.state(1, ())
    ix.state(2, ())
    ix.state(1, ((5, 0.5),))  # a helper's ask count moved on: rep 1 asks with a new penalty
    assert list(ix.states) == [(2, ()), (1, ((5, 0.5),))]


def test_a_small_graph_keeps_every_reps_state():
    ix = get_index(_graph(80))
    for rep in range(1, 41):  # forty reps on one sales floor
        ix.state(rep, ())
    assert len(ix.states) == 40
    ix.state(1, ())  # the first rep's layers are still there, not rebuilt
    assert list(ix.states)[-1] == (1, ())
