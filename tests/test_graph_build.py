"""Building the graph from tuples: nodes, edges, the strongest tie per pair, bad input."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest

from referrals.graph.build import build_graph
from referrals.graph.codes import tie_code
from referrals.graph.tie import membership_strength, tie_strength
from referrals.graph.update import set_pair_ties

TODAY = date(2024, 6, 1)


def test_nodes_and_edges_carry_the_documented_attributes():
    G = build_graph(
        [(1, "Ana Ruiz", "Acme", False, ["advocate", "customer"]), (2, "Mike", None, True, [])],
        [(1, 2, "friend", 4, date(2024, 1, 1))],
        [(5, "Ohio Manufacturers Association", "association")],
        [(5, 1), (5, 2)],
        today=TODAY,
    )
    assert G.nodes[1] == {
        "name": "Ana Ruiz",
        "company": "Acme",
        "dnc": False,
        "roles": frozenset({"advocate", "customer"}),
    }
    assert G.nodes[2]["dnc"] is True
    assert G.nodes[-5] == {
        "name": "Ohio Manufacturers Association",
        "gkind": "association",
        "size": 2,
    }
    edge = G.edges[1, 2]
    strength = tie_strength("friend", 4, date(2024, 1, 1), today=TODAY)
    assert edge == {
        "strength": strength,
        "cost": -math.log(strength),
        "kind": "friend",
        "last": date(2024, 1, 1).toordinal(),
    }
    member = G.edges[1, -5]
    assert member["kind"] == "member" and "last" not in member
    assert member["strength"] == membership_strength("association", 2)
    assert G.graph["version"] == 0 and isinstance(G, nx.Graph) and not G.is_directed()


def test_strongest_of_several_relationships_wins_in_any_order():
    ties = [(1, 2, "acquaintance", 5, None), (2, 1, "family", 2, None), (1, 2, "friend", 5, None)]
    people = [(1, "A", None, False, ()), (2, "B", None, False, ())]
    forward = build_graph(people, ties, [], [], today=TODAY)
    backward = build_graph(people, ties[::-1], [], [], today=TODAY)
    assert forward.edges[1, 2] == backward.edges[1, 2]
    assert forward.edges[1, 2]["kind"] == "friend"


def test_unknown_people_self_ties_and_bad_memberships_are_ignored():
    G = build_graph(
        [(1, "A", None, False, ())],
        [(1, 99, "friend", 5, None), (1, 1, "friend", 5, None)],
        [(3, "Expo", "event")],
        [(3, 99), (4, 1), (3, 1), (3, 1)],
        teammates=[1, 42],
        today=TODAY,
    )
    assert sorted(G.edges) == [(1, -3)]
    assert G.nodes[-3]["size"] == 1
    assert G.graph["teammates"] == frozenset({1, 42})


@pytest.mark.parametrize(
    "people, ties, groups",
    [
        ([(0, "A", None, False, ())], [], []),
        ([(-1, "A", None, False, ())], [], []),
        ([(True, "A", None, False, ())], [], []),
        ([(1, "A", None, False, ()), (2, "B", None, False, ())], [(1, 2, "enemy", 3, None)], []),
        ([(1, "A", None, False, ()), (2, "B", None, False, ())], [(1, 2, "friend", 9, None)], []),
        ([], [], [(1, "G", "club")]),
        ([], [], [(-2, "G", "event")]),
    ],
)
def test_bad_input_raises(people, ties, groups):
    with pytest.raises(ValueError):
        build_graph(people, ties, groups, [], today=TODAY)


def test_teammates_get_implicit_ties_unless_stronger_exist():
    G = build_graph(
        [(i, f"P{i}", None, False, ()) for i in (1, 2, 3)],
        [(1, 2, "family", 5, None)],
        [],
        [],
        teammates=[1, 2, 3],
        today=TODAY,
    )
    assert G.edges[1, 2]["kind"] == "family"
    assert G.edges[1, 3]["kind"] == G.edges[2, 3]["kind"] == "teammate"
    # a weak explicit tie does not hide the teammate tie
    set_pair_ties(G, 1, 3, [("acquaintance", 1, None)], today=TODAY)
    assert G.edges[1, 3]["kind"] == "teammate"
    set_pair_ties(G, 1, 2, [], today=TODAY)
    assert G.edges[1, 2]["kind"] == "teammate"


def test_coded_ties_build_the_same_graph_as_plain_ones():
    people = [(i, f"P{i}", None, False, ()) for i in (1, 2, 3, 4)]
    plain = [
        (1, 2, "friend", 4, date(2024, 3, 1)),
        (2, 1, "customer", 2, None),
        (2, 3, "colleague", 2, None),
        (3, 99, "friend", 5, None),  # unknown person: ignored either way
    ]
    coded = [(a, b, tie_code(kind, rating, last)) for a, b, kind, rating, last in plain]
    built = [
        build_graph(people, plain, [], [], teammates=[1, 4], today=TODAY),
        build_graph(people, [], [], [], coded_ties=coded, teammates=[1, 4], today=TODAY),
        build_graph(people, plain[:2], [], [], coded_ties=coded[2:], teammates=[1, 4],
                    today=TODAY),
    ]
    for G in built[1:]:
        assert sorted(G.edges(data=True)) == sorted(built[0].edges(data=True))
    assert built[1].edges[1, 2]["last"] == date(2024, 3, 1).toordinal()
    with pytest.raises(ValueError):
        build_graph(people, [], [], [], coded_ties=[(1, 2, 7)], today=TODAY)
