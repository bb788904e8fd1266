"""In-place updates of the graph, which must equal a full rebuild and leave forks alone."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referrals.graph.build import build_graph, fork
from referrals.graph.index import share_index
from referrals.graph.paths import DoNotContact, best_path, warm_paths
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

TODAY = date(2024, 6, 1)


def test_update_functions_check_their_input():
    G = build_graph([(1, "A", None, False, ())], [], [(3, "Expo", "event")], [], today=TODAY)
    with pytest.raises(nx.NodeNotFound):
        set_pair_ties(G, 1, 2, [], today=TODAY)
    with pytest.raises(ValueError):
        set_pair_ties(G, 1, 1, [], today=TODAY)
    with pytest.raises(nx.NodeNotFound):
        remove_person(G, 2)
    with pytest.raises(nx.NodeNotFound):
        add_member(G, 4, 1)
    with pytest.raises(nx.NodeNotFound):
        add_member(G, 3, 2)
    with pytest.raises(nx.NodeNotFound):
        remove_group(G, 4)
    with pytest.raises(ValueError):
        upsert_group(G, 3, "Expo", "party")
    with pytest.raises(ValueError):
        upsert_person(G, 0, "Nobody", None, False, (), today=TODAY)


# ------------------------------------------------------- in-place updates == full rebuild


class Model:
    """The database, as plain data, from which a full rebuild is made."""

    def __init__(self, params: TieParams) -> None:
        self.params = params
        self.people: dict[int, tuple] = {}
        self.ties: dict[tuple[int, int], list[tuple]] = {}
        self.groups: dict[int, tuple[str, str]] = {}
        self.members: set[tuple[int, int]] = set()
        self.teammates = [1, 2]

    def rebuild(self) -> nx.Graph:
        return build_graph(
            [(pid, *row) for pid, row in sorted(self.people.items())],
            [(a, b, *t) for (a, b), ts in self.ties.items() for t in ts],
            [(gid, *row) for gid, row in self.groups.items()],
            sorted(self.members),
            teammates=self.teammates,
            today=TODAY,
            params=self.params,
        )


KINDS = ["customer", "friend", "family", "acquaintance", "former_colleague"]
LASTS = [None, date(2024, 5, 1), date(2020, 1, 1)]
ops = st.lists(
    st.one_of(
        st.tuples(st.just("person"), st.integers(1, 7), st.booleans()),
        st.tuples(st.just("remove_person"), st.integers(1, 7)),
        st.tuples(
            st.just("pair"),
            st.integers(1, 7),
            st.integers(1, 7),
            st.lists(
                st.tuples(st.sampled_from(KINDS), st.integers(1, 5), st.sampled_from(LASTS)),
                max_size=3,
            ),
        ),
        st.tuples(
            st.just("group"),
            st.integers(1, 3),
            st.sampled_from(["association", "event", "company"]),
        ),
        st.tuples(st.just("remove_group"), st.integers(1, 3)),
        st.tuples(st.just("add_member"), st.integers(1, 3), st.integers(1, 7)),
        st.tuples(st.just("remove_member"), st.integers(1, 3), st.integers(1, 7)),
    ),
    max_size=25,
)


def apply(G: nx.Graph, model: Model, op: tuple) -> None:
    """Apply one change to the database model and, the way the app's cache does, to G."""
    name = op[0]
    if name == "person":
        _, pid, dnc = op
        model.people[pid] = (f"P{pid}", None, dnc, ("prospect",) if pid > 4 else ())
        upsert_person(G, pid, *model.people[pid], today=TODAY)
    elif name == "remove_person" and op[1] in model.people:
        pid = op[1]
        del model.people[pid]
        model.ties = {k: v for k, v in model.ties.items() if pid not in k}
        model.members = {m for m in model.members if m[1] != pid}
        remove_person(G, pid)
    elif name == "pair" and op[1] != op[2] and op[1] in model.people and op[2] in model.people:
        a, b = sorted(op[1:3])
        model.ties[(a, b)] = list(op[3])
        set_pair_ties(G, a, b, list(op[3]), today=TODAY)
    elif name == "group":
        _, gid, kind = op
        model.groups[gid] = (f"G{gid}", kind)
        upsert_group(G, gid, *model.groups[gid])
    elif name == "remove_group" and op[1] in model.groups:
        del model.groups[op[1]]
        model.members = {m for m in model.members if m[0] != op[1]}
        remove_group(G, op[1])
    elif name == "add_member" and op[1] in model.groups and op[2] in model.people:
        model.members.add((op[1], op[2]))
        add_member(G, op[1], op[2])
    elif name == "remove_member" and op[1] in model.groups and op[2] in model.people:
        model.members.discard((op[1], op[2]))
        remove_member(G, op[1], op[2])


def assert_same_graph(G: nx.Graph, H: nx.Graph) -> None:
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert {frozenset(e): d for *e, d in G.edges(data=True)} == {
        frozenset(e): d for *e, d in H.edges(data=True)
    }


def answers(G: nx.Graph) -> dict:
    out = {}
    people = sorted(n for n in G if n > 0)
    for s in people:
        for t in people:
            if s != t:
                try:
                    out[s, t] = [p.nodes for p in warm_paths(G, s, t, k=3)]
                except DoNotContact:
                    out[s, t] = "dnc"
    return out


def quick(G: nx.Graph) -> dict:
    """Best paths from persons 1 and 3: cheap enough to compare after every change."""
    out = {}
    for s in (1, 3):
        for t in sorted(n for n in G if n > 0 and n != s and s in G):
            try:
                found = best_path(G, s, t)
                out[s, t] = found.nodes if found else None
            except DoNotContact:
                out[s, t] = "dnc"
    return out


def starting_model() -> Model:
    """Six people, a tie, two groups with members: where the random change sequences start."""
    model = Model(TieParams(half_life_days=200))
    for pid in range(1, 7):
        model.people[pid] = (f"P{pid}", None, False, ())
    model.ties[(1, 4)] = [("friend", 3, None)]
    model.groups[1] = ("G1", "event")
    model.groups[2] = ("G2", "association")
    model.members |= {(1, 1), (1, 2), (2, 3)}
    return model


@settings(max_examples=120, deadline=None)
@given(ops)
def test_in_place_updates_equal_a_full_rebuild(changes):
    model = starting_model()
    G = model.rebuild()
    for op in changes:
        version = G.graph["version"]
        apply(G, model, op)
        # an index built before the change must not answer after it
        assert quick(G) == quick(model.rebuild())
        assert G.graph["version"] >= version
    assert_same_graph(G, model.rebuild())
    assert answers(G) == answers(model.rebuild())


def _frozen(G: nx.Graph) -> tuple[dict, dict]:
    """Everything a reader can see of G, copied (so later changes to G cannot alter it)."""
    return ({n: dict(d) for n, d in G.nodes(data=True)},
            {frozenset(e): dict(d) for *e, d in G.edges(data=True)})


@settings(max_examples=120, deadline=None)
@given(ops, st.lists(st.booleans(), min_size=25, max_size=25))
def test_updates_to_a_fork_leave_every_earlier_graph_as_it_was(changes, fork_before):
    # The cache replays into a fork while other threads still read the graph they got.
    model = starting_model()
    G = model.rebuild()
    readers = [(G, _frozen(G), quick(G))]
    for op, new_fork in zip(changes, fork_before, strict=False):
        if new_fork:  # several changes may go into one fork, as one replay does
            H = fork(G)
            share_index(G, H)
            G = H
            readers.append((G, None, None))
        apply(G, model, op)
        assert quick(G) == quick(model.rebuild())
        for old, seen, paths in readers[:-1]:
            assert _frozen(old) == seen
            assert quick(old) == paths
        readers[-1] = (G, _frozen(G), quick(G))
    assert_same_graph(G, model.rebuild())


def test_new_teammate_person_gets_teammate_ties():
    model = Model(TieParams())
    model.people = {1: ("A", None, False, ()), 2: ("B", None, False, ())}
    G = model.rebuild()
    assert G.edges[1, 2]["kind"] == "teammate"
    model.people[3] = ("C", None, False, ())
    upsert_person(G, 3, "C", None, False, (), today=TODAY)
    assert_same_graph(G, model.rebuild())
