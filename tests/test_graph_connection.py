"""The kind of connection a path gives, and the person whose name the rep says."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from referrals.graph.build import build_graph
from referrals.graph.connection import Connection, classify
from referrals.graph.paths import Path, best_path, make_path
from referrals.vocab import CONNECTION_KINDS

pytestmark = pytest.mark.graph

TODAY = date(2024, 6, 1)
REP, ANA, MIKE, DANA, RITA, JOE = 1, 2, 3, 4, 5, 6
ASSOC, EVENT, COMPANY = -7, -8, -9


def team_graph(ties, memberships=(), *, roles=None, teammates=(REP, ANA)):
    """Sam (the rep), Ana (his teammate), Mike, Dana (the prospect), Rita, Joe; three groups."""
    roles = roles or {}
    people = [
        (REP, "Sam Ortiz", "Acme Supply", False, roles.get(REP, ())),
        (ANA, "Ana Ruiz", "Acme Supply", False, roles.get(ANA, ())),
        (MIKE, "Mike Kincaid", "Quality Fabricators", False, roles.get(MIKE, ("customer",))),
        (DANA, "Dana Lee", "Harbor Foods", False, roles.get(DANA, ("prospect",))),
        (RITA, "Rita Gomez", "Gomez Tooling", False, roles.get(RITA, ("reference",))),
        (JOE, "Joe Park", None, False, roles.get(JOE, ())),
    ]
    groups = [
        (7, "Ohio Manufacturers Association", "association"),
        (8, "Midwest Packaging Expo", "event"),
        (9, "Harbor Foods", "company"),
    ]
    ties = [(a, b, kind, 5, None) for a, b, kind in ties]
    return build_graph(people, ties, groups, memberships, teammates=teammates, today=TODAY)


def core(c: Connection) -> tuple:
    """The connection's kind and people, without the facts about the knower."""
    return (c.kind, c.target, c.knower, c.group, c.teammate, c.tie_kind)


def connect(G, nodes, **kwargs) -> Connection:
    return classify(G, make_path(G, nodes), **kwargs)


# -- one hop -------------------------------------------------------------------------------


def test_one_hop_is_a_reconnect_with_no_knower():
    G = team_graph([(REP, DANA, "customer")])
    assert core(connect(G, [REP, DANA])) == ("reconnect", DANA, None, None, None, "customer")


def test_one_hop_to_a_teammate_is_a_reconnect_without_a_teammate_named():
    G = team_graph([])
    c = connect(G, [REP, ANA])
    assert (c.kind, c.knower, c.teammate, c.tie_kind) == ("reconnect", None, None, "teammate")


# -- the person just before the target ------------------------------------------------------


def two_hop(tie="friend", *, knower_roles=(), knower_is_mate=False):
    """rep -> Joe -> Dana, with Joe's roles, tie to Dana and team membership as asked."""
    mates = (REP, JOE) if knower_is_mate else (REP,)
    G = team_graph(
        [(REP, JOE, "customer"), (JOE, DANA, tie)], roles={JOE: knower_roles}, teammates=mates
    )
    return G, make_path(G, [REP, JOE, DANA])


@pytest.mark.parametrize(
    ("setup", "extra", "kind"),
    [
        ({}, {"asked": {JOE}}, "asked_to_call"),
        ({"tie": "referral"}, {}, "asked_to_call"),
        ({}, {"asked": {JOE}, "called_ahead": {JOE}}, "asked_to_call"),
        ({"tie": "referral"}, {"called_ahead": {JOE}}, "asked_to_call"),
        ({}, {"called_ahead": {JOE}}, "called_ahead"),
        ({"knower_roles": ("reference",)}, {"called_ahead": {JOE}}, "called_ahead"),
        ({"knower_roles": ("reference",)}, {}, "reference"),
        ({"knower_roles": ("reference", "advocate")}, {}, "reference"),
        ({"knower_roles": ("reference",), "knower_is_mate": True}, {}, "reference"),
        ({"knower_roles": ("reference",), "tie": "colleague"}, {}, "reference"),
        ({"knower_is_mate": True}, {}, "teammate"),
        ({"knower_is_mate": True, "tie": "former_colleague"}, {}, "teammate"),
        ({"tie": "colleague"}, {}, "colleague"),
        ({"tie": "former_colleague"}, {}, "colleague"),
        ({"tie": "friend"}, {}, "mutual"),
        ({"tie": "family"}, {}, "mutual"),
        ({"tie": "customer"}, {}, "mutual"),
        ({"tie": "acquaintance"}, {}, "mutual"),
        ({"knower_roles": ("advocate", "customer")}, {}, "mutual"),
        ({}, {"asked": {MIKE}, "called_ahead": {RITA}}, "mutual"),  # others asked, not Joe
    ],
)
def test_precedence_of_kinds_for_a_person_link(setup, extra, kind):
    G, path = two_hop(**setup)
    c = classify(G, path, **extra)
    assert c.kind == kind
    assert (c.target, c.knower, c.group) == (DANA, JOE, None)
    assert c.tie_kind == setup.get("tie", "friend")


def test_asked_and_called_ahead_accept_any_collection():
    G, path = two_hop()
    assert classify(G, path, asked=[JOE]).kind == "asked_to_call"
    assert classify(G, path, called_ahead=(JOE,)).kind == "called_ahead"
    assert classify(G, path, asked=frozenset()).kind == "mutual"


def test_rep_teammate_prospect_names_the_teammate_as_knower_and_teammate():
    G = team_graph([(ANA, DANA, "friend")])
    assert G.edges[REP, ANA]["kind"] == "teammate"
    c = connect(G, [REP, ANA, DANA])
    assert core(c) == ("teammate", DANA, ANA, None, ANA, "friend")


def test_rep_teammate_mike_prospect_names_mike_and_ana():
    G = team_graph([(ANA, MIKE, "customer"), (MIKE, DANA, "friend")])
    c = connect(G, [REP, ANA, MIKE, DANA])
    assert (c.kind, c.knower, c.teammate, c.tie_kind) == ("mutual", MIKE, ANA, "friend")


def test_teammate_is_named_even_when_a_stronger_tie_replaces_the_teammate_edge():
    G = team_graph([(REP, ANA, "friend"), (ANA, MIKE, "customer"), (MIKE, DANA, "colleague")])
    assert G.edges[REP, ANA]["kind"] == "friend"  # the explicit tie won
    c = connect(G, [REP, ANA, MIKE, DANA])
    assert (c.kind, c.knower, c.teammate) == ("colleague", MIKE, ANA)


def test_no_teammate_when_the_first_hop_is_not_on_the_team():
    G = team_graph([(REP, JOE, "friend"), (JOE, MIKE, "friend"), (MIKE, DANA, "friend")])
    assert connect(G, [REP, JOE, MIKE, DANA]).teammate is None


@pytest.mark.parametrize("hops", [2, 3, 4])
def test_the_knower_is_the_person_just_before_the_target_not_the_first_hop(hops):
    chain = [REP, JOE, RITA, MIKE][:hops] + [DANA]
    ties = [(a, b, "friend") for a, b in zip(chain, chain[1:], strict=False)]
    G = team_graph(ties, roles={RITA: ()})
    c = connect(G, chain)
    assert c.knower == chain[-2]
    if hops > 2:
        assert c.knower != chain[1]
    assert (c.kind, c.target, c.tie_kind) == ("mutual", DANA, "friend")


def test_three_hop_rules_look_at_the_knower_only():
    # Joe (first hop) asked and is a reference; Mike (the knower) is neither.
    G = team_graph(
        [(REP, JOE, "friend"), (JOE, MIKE, "friend"), (MIKE, DANA, "colleague")],
        roles={JOE: ("reference",)},
    )
    c = connect(G, [REP, JOE, MIKE, DANA], asked={JOE}, called_ahead={JOE})
    assert (c.kind, c.knower) == ("colleague", MIKE)
    assert connect(G, [REP, JOE, MIKE, DANA], asked={MIKE}).kind == "asked_to_call"


# -- the last link is a shared group --------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "kind"), [(ASSOC, "association"), (EVENT, "event"), (COMPANY, "company")]
)
def test_rep_is_the_group_co_member(group, kind):
    G = team_graph([], [(-group, REP), (-group, DANA)])
    assert core(connect(G, [REP, group, DANA])) == (kind, DANA, None, group, None, None)


@pytest.mark.parametrize(
    ("group", "kind"), [(ASSOC, "association"), (EVENT, "event"), (COMPANY, "company")]
)
def test_three_hops_through_a_group_names_the_person_on_the_reps_side(group, kind):
    G = team_graph([(REP, MIKE, "customer")], [(-group, MIKE), (-group, DANA)])
    c = connect(G, [REP, MIKE, group, DANA])
    assert core(c) == (kind, DANA, MIKE, group, None, None)


def test_four_hops_through_a_group_names_mike_and_the_teammate():
    G = team_graph([(ANA, MIKE, "friend")], [(7, MIKE), (7, DANA)])
    c = connect(G, [REP, ANA, MIKE, ASSOC, DANA])
    assert (c.kind, c.knower, c.group, c.teammate, c.tie_kind) == (
        "association",
        MIKE,
        ASSOC,
        ANA,
        None,
    )


def test_a_group_link_is_its_kind_even_if_the_knower_asked():
    G = team_graph([(REP, MIKE, "customer")], [(8, MIKE), (8, DANA)])
    assert connect(G, [REP, MIKE, EVENT, DANA], asked={MIKE}).kind == "event"


def test_a_group_in_the_middle_does_not_make_a_group_connection():
    G = team_graph([(MIKE, DANA, "colleague")], [(7, REP), (7, MIKE)])
    c = connect(G, [REP, ASSOC, MIKE, DANA])
    assert (c.kind, c.knower, c.group, c.teammate) == ("colleague", MIKE, None, None)


def test_works_on_best_path_output():
    G = team_graph([(REP, MIKE, "customer")], [(7, MIKE), (7, DANA)])
    path = best_path(G, REP, DANA)
    assert path.nodes == (REP, MIKE, ASSOC, DANA)
    assert classify(G, path).knower == MIKE


def test_every_kind_but_public_hook_comes_from_some_path():
    G = team_graph(
        [
            (REP, MIKE, "customer"),
            (REP, JOE, "friend"),
            (REP, RITA, "customer"),
            (REP, DANA, "acquaintance"),
            (MIKE, DANA, "friend"),
            (JOE, DANA, "colleague"),
            (RITA, DANA, "friend"),
            (ANA, DANA, "friend"),
        ],
        [(7, MIKE), (8, MIKE), (9, MIKE), (7, DANA), (8, DANA), (9, DANA)],
    )
    found = {
        connect(G, [REP, MIKE, DANA], asked={MIKE}).kind,
        connect(G, [REP, MIKE, DANA], called_ahead={MIKE}).kind,
        connect(G, [REP, RITA, DANA]).kind,
        connect(G, [REP, ANA, DANA]).kind,
        connect(G, [REP, JOE, DANA]).kind,
        connect(G, [REP, MIKE, DANA]).kind,
        connect(G, [REP, MIKE, ASSOC, DANA]).kind,
        connect(G, [REP, MIKE, EVENT, DANA]).kind,
        connect(G, [REP, MIKE, COMPANY, DANA]).kind,
        connect(G, [REP, DANA]).kind,
    }
    assert found == set(CONNECTION_KINDS) - {"public_hook"}


# -- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("nodes", [(), (REP,)])
def test_a_path_needs_two_nodes(nodes):
    G = team_graph([])
    with pytest.raises(ValueError, match="two nodes"):
        classify(G, Path(tuple(nodes), 1.0, (), (), 0))


def test_missing_node_raises_node_not_found():
    G = team_graph([(REP, MIKE, "customer"), (MIKE, DANA, "friend")])
    path = make_path(G, [REP, MIKE, DANA])
    G.remove_node(MIKE)
    with pytest.raises(nx.NodeNotFound):
        classify(G, path)


@pytest.mark.parametrize("nodes", [[REP, ASSOC], [ASSOC, DANA]])
def test_a_group_endpoint_is_refused(nodes):
    G = team_graph([], [(7, REP), (7, DANA)])
    with pytest.raises(ValueError, match="group"):
        classify(G, make_path(G, nodes))


def test_a_stale_path_uses_the_recorded_kind_when_the_edge_is_gone():
    G = team_graph([(REP, JOE, "friend"), (JOE, DANA, "colleague")])
    path = make_path(G, [REP, JOE, DANA])
    G.remove_edge(JOE, DANA)
    assert classify(G, path).kind == "colleague"
