"""The index: its cache of per-source states (sized by the graph, stale penalties dropped), and
patches that rebuild only the rows that changed."""

from __future__ import annotations

from datetime import date
from unittest.mock import patch

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from referrals.graph import index as index_module
from referrals.graph.build import build_graph, fork, touch
from referrals.graph.index import (
    MIN_SOURCES,
    GraphIndex,
    SourceState,
    check_penalty,
    get_index,
    share_index,
    stamp_of,
)
from referrals.graph.paths import best_path
from referrals.graph.update import remove_person, set_pair_ties, upsert_person
from tests.test_graph_paths import brute_force, small_networks
from tests.test_graph_update import apply, ops, starting_model

TODAY = date(2024, 6, 1)


def _graph(n: int = 12):
    people = [(i, f"P{i}", None, False, ()) for i in range(1, n + 1)]
    ties = [(i, i + 1, "friend", 4, None) for i in range(1, n)]
    return build_graph(people, ties, [], [], today=TODAY)


def test_a_new_penalty_updates_the_sources_state_in_place_of_a_new_one():
    ix = get_index(_graph())
    ix.state(1, ())
    ix.state(2, ())
    ix.state(1, ((5, 0.5),))  # a helper's ask count moved on: rep 1 asks with a new penalty
    assert list(ix.states) == [2, 1]
    assert ix.states[1].penalty == ((5, 0.5),)


def test_a_small_graph_keeps_every_reps_state():
    ix = get_index(_graph(80))
    for rep in range(1, 41):  # forty reps on one sales floor
        ix.state(rep, ())
    assert len(ix.states) == 40
    ix.state(1, ())  # the first rep's layers are still there, not rebuilt
    assert list(ix.states)[-1] == 1


def test_the_states_kept_follow_the_byte_budget(monkeypatch):
    G = _graph(3_000)
    monkeypatch.setenv("REFERRALS_SEARCH_STATE_MB", "0")
    ix = get_index(G)
    for rep in range(1, 51):
        ix.state(rep, ()).ensure(4)
    assert len(ix.states) == MIN_SOURCES  # nothing fits: only the floor is kept
    monkeypatch.setenv("REFERRALS_SEARCH_STATE_MB", "64")
    for rep in range(1, 51):
        ix.state(rep, ()).ensure(4)
    assert len(ix.states) == 50
    assert 0 < ix.state_bytes() <= 64 * 2**20


def test_an_ask_far_from_a_rep_keeps_the_reps_layers():
    G = _graph(200)
    ix = get_index(G)
    before = ix.state(1, ())
    before.ensure(4)
    after = ix.state(1, check_penalty(G, {150: 0.5}))  # a helper beyond the rep's 4 hops
    assert after is not before
    assert all(a is b for a, b in zip(after.B, before.B, strict=True))
    near = ix.state(1, check_penalty(G, {3: 0.5}))  # a helper two hops away: layers change
    assert near.B[1] is before.B[1] and near.B[3] is not before.B[3]


@st.composite
def _penalty_runs(draw):
    G, n = draw(small_networks(max_people=10))
    s = draw(st.integers(1, n))
    hops = draw(st.integers(1, 6))
    pens = draw(st.lists(
        st.dictionaries(st.integers(1, n), st.sampled_from([0.5, 0.25, 1.0]), max_size=3),
        min_size=1, max_size=4,
    ))
    return G, s, hops, pens


@settings(max_examples=200, deadline=None)
@given(_penalty_runs())
def test_a_state_brought_to_a_new_penalty_equals_a_fresh_one(run):
    G, s, hops, pens = run
    ix = get_index(G)
    ix.state(s, ()).ensure(hops)
    for pen in pens:
        key = check_penalty(G, pen)
        old = ix.states[s]
        old_layers = [lay.full().copy() for lay in old.B]
        got = ix.state(s, key)
        fresh = SourceState(ix, ix.pos[s], key, ix.penalty_array(key, ix.pos[s]))
        fresh.ensure(len(got.B) - 1)
        for h, (a, b) in enumerate(zip(got.B, fresh.B, strict=True)):
            assert np.array_equal(a.full(), b.full()), h
        # a request still holding the old state reads it unchanged
        assert all(np.array_equal(lay.full(), was)
                   for lay, was in zip(old.B, old_layers, strict=True))
        for t in [p for p in G if p > 0]:
            if t != s and not G.nodes[t]["dnc"]:
                want = brute_force(G, s, t, hops, pen)
                found = best_path(G, s, t, max_hops=hops, penalty=pen)
                assert (found.nodes if found else None) == (want[0] if want else None)


# --- patching the index instead of rebuilding it ---------------------------------------------

def _same_index(patched, full) -> None:
    assert patched.stamp == full.stamp and patched.pos == full.pos
    for name in ("nodes", "deg", "indptr", "indices", "keys", "ext", "is_group"):
        got, want = getattr(patched, name), getattr(full, name)
        assert got.dtype == want.dtype and np.array_equal(got, want), name


@settings(max_examples=150, deadline=None)
@given(ops, st.lists(st.booleans(), min_size=25, max_size=25))
def test_a_patched_index_has_the_arrays_of_a_full_build(changes, fork_before):
    model = starting_model()
    G = model.rebuild()
    get_index(G)
    for op, new_fork in zip(changes, fork_before, strict=False):
        if new_fork:  # as the cache replays: into a fork that starts with its parent's index
            H = fork(G)
            share_index(G, H)
            G = H
        before = get_index(G)
        apply(G, model, op)
        ix = get_index(G)
        if ix is before:
            continue  # the change left structure, costs and do-not-contact alone
        assert ix.patched_rows is not None or before.n == 0
        _same_index(ix, GraphIndex(G))


@settings(max_examples=150, deadline=None)
@given(ops, st.lists(st.booleans(), min_size=25, max_size=25))
def test_a_patch_from_the_journal_equals_one_that_compares_every_row(changes, fork_before):
    model = starting_model()
    G = model.rebuild()
    get_index(G)
    compared = GraphIndex._compared
    for op, new_fork in zip(changes, fork_before, strict=False):
        if new_fork:
            H = fork(G)
            share_index(G, H)
            G = H
        before = get_index(G)
        apply(G, model, op)
        if stamp_of(G) == before.stamp:
            continue
        noted = before._noted(G)
        if noted is not None:  # every row the pass over all finds changed is noted
            every = compared(before, G)
            assert not (noted.kept & ~every.kept).any()
            assert not (noted.same_attrs & ~every.same_attrs).any()
        with patch.object(GraphIndex, "_compared", side_effect=AssertionError("no journal")):
            if noted is not None:
                _same_index(get_index(G), GraphIndex(G))
                continue
        _same_index(get_index(G), GraphIndex(G))


def test_a_patch_after_a_write_reads_only_the_journal():
    G = _graph(200)
    get_index(G)
    H = fork(G)
    share_index(G, H)
    set_pair_ties(H, 3, 150, [("customer", 5, None)], today=TODAY)
    upsert_person(H, 7, "P7", None, True, (), today=TODAY)  # do-not-contact now
    with patch.object(GraphIndex, "_compared", side_effect=AssertionError("a pass over all")):
        ix = get_index(H)
    assert ix.patched_rows == 3 and not ix.ext[ix.pos[7]]
    _same_index(ix, GraphIndex(H))
    assert G.graph["journal"] is not H.graph["journal"]  # a fork notes its own changes


def test_a_journal_that_does_not_reach_back_is_not_trusted():
    G = _graph(200)
    get_index(G)
    H = fork(G)
    del H.graph["journal"]  # e.g. a graph made some other way, then given G's index
    share_index(G, H)
    set_pair_ties(H, 3, 150, [("customer", 5, None)], today=TODAY)
    compared = GraphIndex._compared
    with patch.object(GraphIndex, "_compared", autospec=True, side_effect=compared) as spy:
        ix = get_index(H)
    assert spy.call_count == 1 and ix.patched_rows == 2
    _same_index(ix, GraphIndex(H))


def test_a_patch_reads_only_the_rows_that_changed():
    G = _graph(200)
    get_index(G)
    set_pair_ties(G, 3, 150, [("customer", 5, None)], today=TODAY)
    ix = get_index(G)
    assert ix.patched_rows == 2
    _same_index(ix, GraphIndex(G))
    remove_person(G, 100)  # its two neighbours' rows change; every position moves by one
    ix = get_index(G)
    assert ix.patched_rows == 2 and 100 not in ix.pos
    _same_index(ix, GraphIndex(G))


def test_a_change_by_other_means_rebuilds_the_index_in_full():
    G = _graph(200)
    get_index(G)
    G.add_edge(3, 150, cost=0.1, strength=0.9, kind="friend")  # a row changed in place
    touch(G)
    ix = get_index(G)
    assert ix.patched_rows is None
    _same_index(ix, GraphIndex(G))


def test_a_change_by_other_means_without_touch_is_not_patched_wrongly():
    G = _graph(200)
    get_index(G)
    G.add_edge(3, 500, cost=0.1, strength=0.9, kind="friend")  # row 3 changed in place
    ix = get_index(G)  # the node count moved, the version did not
    assert ix.patched_rows is None
    _same_index(ix, GraphIndex(G))


def test_many_changed_rows_rebuild_the_index_in_full():
    G = _graph(2_000)
    get_index(G)
    for i in range(1, 600):
        set_pair_ties(G, i, i + 1000, [("friend", 2, None)], today=TODAY)
    assert get_index(G).patched_rows is None


def test_a_retired_index_with_states_is_freed_without_the_garbage_collector():
    # Background builds freeze the collector's view of the heap (gc.freeze): a cycle between
    # an index and its per-source states would then keep the old CSR arrays for ever.
    import gc
    import weakref

    G = _graph(50)
    ix = get_index(G)
    best_path(G, 1, 40)
    ix.state(3, check_penalty(G, {5: 0.5}))
    assert len(ix.states) == 2
    gone = weakref.ref(ix)
    enabled = gc.isenabled()
    gc.disable()
    try:
        del ix, G
        assert gone() is None
    finally:
        if enabled:
            gc.enable()


# --- states carried through a patch ------------------------------------------------------------

def _carrying(fn):
    """Run ``fn`` with states carried on graphs of any size (the tests' graphs are small)."""
    def run(*args, **kwargs):
        with patch.object(index_module, "CARRY_MIN_NODES", 0):
            return fn(*args, **kwargs)
    run.__name__, run.__doc__ = fn.__name__, fn.__doc__
    return run


@_carrying
@settings(max_examples=150, deadline=None)
@given(ops, st.lists(st.integers(1, 6), min_size=1, max_size=3), st.integers(1, 5),
       st.dictionaries(st.integers(1, 6), st.sampled_from([0.5, 0.25]), max_size=2),
       st.lists(st.booleans(), min_size=25, max_size=25))
def test_a_state_carried_through_tie_changes_equals_a_fresh_one(changes, sources, hops, pen,
                                                                 reads):
    model = starting_model()
    G = model.rebuild()
    for step, (op, read) in enumerate(zip(changes, reads, strict=False)):
        live = {p: f for p, f in pen.items() if p in G}
        key = check_penalty(G, live)
        ix = get_index(G)
        for s in sources if step == 0 else ():  # layers to carry
            if s in ix.pos:
                ix.state(s, key).ensure(hops)
        H = fork(G)  # as the cache replays a write
        share_index(G, H)
        apply(H, model, op)
        G = H
        ix = get_index(G)
        live = {p: f for p, f in pen.items() if p in G}
        key = check_penalty(G, live)
        for s in sources:
            if s not in ix.pos:
                continue
            got = ix.state(s, key)
            if not read:  # carried again by the next change before its layers caught up
                continue
            got.ensure(hops)
            fresh = SourceState(ix, ix.pos[s], key, ix.penalty_array(key, ix.pos[s]))
            fresh.ensure(len(got.B) - 1)
            for h, (a, b) in enumerate(zip(got.B, fresh.B, strict=True)):
                assert np.array_equal(a.full(), b.full()), (op, s, h)
            for size in (1, 2):
                if got.tables.get((size, 3)) is not None:
                    kept, want = got.tables[(size, 3)], fresh.half_table(size, 3)
                    assert all(np.array_equal(x, y) for x, y in zip(kept, want, strict=True))
            for t in [p for p in G if p > 0 and p != s and not G.nodes[p]["dnc"]]:
                want = brute_force(G, s, t, hops, live)
                found = best_path(G, s, t, max_hops=hops, penalty=live)
                assert (found.nodes if found else None) == (want[0] if want else None)


@_carrying
def test_a_tie_change_keeps_the_other_reps_layers():
    G = _graph(200)
    ix = get_index(G)
    far = ix.state(1, ())
    far.ensure(4)
    table = far.half_table(2, 3)
    H = fork(G)
    share_index(G, H)
    set_pair_ties(H, 150, 151, [("colleague", 5, None)], today=TODAY)  # beyond rep 1's reach
    ix2 = get_index(H)
    assert ix2 is not ix and ix2.patched_rows == 2 and 1 in ix2.carried
    kept = ix2.state(1, ())
    assert 1 not in ix2.carried and kept.tables[(2, 3)] is table  # carried, not recomputed
    assert len(kept.B) == 1  # the layers are brought over when a question first reads them
    kept.ensure(4)
    assert all(np.array_equal(a.full(), b.full()) for a, b in zip(kept.B, far.B, strict=True))
    H2 = fork(H)
    share_index(H, H2)
    set_pair_ties(H2, 2, 3, [("friend", 1, None)], today=TODAY)  # within rep 1's two hops
    near = get_index(H2).state(1, ())
    near.ensure(4)
    assert near.tables == {}  # rebuilt when asked: a tie within its reach moved
    assert not np.array_equal(near.B[3].full(), kept.B[3].full())
