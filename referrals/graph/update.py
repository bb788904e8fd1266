"""Changing a built team graph in place: one person, pair of people, group or membership.

Each update keeps the rules of :mod:`referrals.graph.build`: it replaces a row or an
attribute dict with a changed copy rather than change it (so readers of a
:func:`~referrals.graph.build.fork` see nothing move), bumps ``G.graph["version"]`` when it
changes what an index reads, and leaves the graph equal to one rebuilt from the same data.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx

from referrals.graph import journal
from referrals.graph.build import (
    bump,
    link_members,
    pair_attrs,
    set_node_attrs,
    writable_row,
)
from referrals.graph.codes import check_id, tie_code
from referrals.graph.tie import DEFAULT_PARAMS, TieParams
from referrals.vocab import GROUP_KINDS

__all__ = [
    "add_member",
    "remove_group",
    "remove_member",
    "remove_person",
    "set_pair_ties",
    "upsert_group",
    "upsert_person",
]


def _add_node(G: nx.Graph, node: int, attrs: dict[str, object]) -> None:
    G._node[node] = attrs
    G._adj[node] = {}
    journal.note(G, node)


def _remove_node(G: nx.Graph, node: int) -> None:
    for other in G._adj[node]:
        del writable_row(G, other)[node]
    del G._adj[node]
    del G._node[node]
    journal.note(G, node)


def _params(G: nx.Graph, params: TieParams | None) -> TieParams:
    """``params``, else the tie model the graph was built with."""
    return params if params is not None else G.graph.get("params", DEFAULT_PARAMS)


def _require_person(G: nx.Graph, pid: int) -> None:
    if pid not in G._node or pid < 0:
        raise nx.NodeNotFound(f"person {pid!r} is not in the graph")


def _require_group(G: nx.Graph, gid: int) -> int:
    check_id(gid, "group id")
    if -gid not in G._node:
        raise nx.NodeNotFound(f"group {gid!r} is not in the graph")
    return -gid


def upsert_person(
    G: nx.Graph,
    person_id: int,
    name: str,
    company: str | None,
    dnc: bool,
    roles: Iterable[str],
    *,
    today: date,
    params: TieParams | None = None,
) -> None:
    """Add a person or replace their attributes, in place.

    A new person who is one of ``G.graph["teammates"]`` gets the implicit teammate ties, of
    their strength on ``today`` (pass the graph's own day, ``G.graph["today"]``, to keep it
    equal to a rebuild); ``params`` defaults to the graph's own.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> day = date(2024, 6, 1)
    >>> G = build_graph([], [], [], [], today=day)
    >>> upsert_person(G, 5, "Dana Lee", "Harbor Foods", False, {"prospect"}, today=day)
    >>> G.nodes[5]["roles"], G.graph["version"]
    (frozenset({'prospect'}), 1)

    A new role leaves the version (and so every index) alone; do-not-contact bumps it:

    >>> roles = {"prospect", "advocate"}
    >>> upsert_person(G, 5, "Dana Lee", "Harbor Foods", False, roles, today=day)
    >>> upsert_person(G, 5, "Dana Lee", "Harbor Foods", True, roles, today=day)
    >>> sorted(G.nodes[5]["roles"]), G.graph["version"]
    (['advocate', 'prospect'], 2)
    """
    check_id(person_id, "person id")
    attrs = {"name": name, "company": company, "dnc": bool(dnc), "roles": frozenset(roles)}
    if person_id in G._node:
        node = G._node[person_id]
        # Indexes read the structure, the costs and who may pass a path on (dnc) – not
        # names or roles. A rename or a new role (every first advocate call gives one) must
        # not cost every worker a rebuild of its index and of each rep's search layers.
        changes_index = node.get("dnc", False) != attrs["dnc"]
        set_node_attrs(G, person_id, **attrs)
        if changes_index:
            bump(G)
        return
    _add_node(G, person_id, attrs)
    if person_id in G.graph.get("teammates", frozenset()):
        _join_teammates(G, person_id, today, _params(G, params))
    bump(G)


def _join_teammates(G: nx.Graph, person_id: int, today: date, params: TieParams) -> None:
    """Give a new person who is one of the team's users the implicit tie to each other one."""
    for other in sorted(G.graph["teammates"]):
        if other != person_id and other in G._node:
            _write_pair(G, person_id, other, [], today, params)


def remove_person(G: nx.Graph, person_id: int) -> None:
    """Remove a person, their ties and memberships (their groups shrink), in place.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())],
    ...                 [(1, 2, "friend", 4, None)], [], [], today=date(2024, 6, 1))
    >>> remove_person(G, 2)
    >>> list(G.edges)
    []
    """
    _require_person(G, person_id)
    groups = [n for n in G._adj[person_id] if n < 0]
    _remove_node(G, person_id)
    params = G.graph.get("params", DEFAULT_PARAMS)
    for node in groups:
        link_members(G, node, G._adj[node], params)
    bump(G)


def _write_pair(
    G: nx.Graph,
    a: int,
    b: int,
    ties: list[tuple[str, int, date | None]],
    today: date,
    params: TieParams,
) -> None:
    mates = G.graph.get("teammates", frozenset())
    codes = tuple(tie_code(kind, rating, last) for kind, rating, last in ties)
    attrs = pair_attrs(codes, a in mates and b in mates, today, params, {})
    if attrs is None:
        if G.has_edge(a, b):
            del writable_row(G, a)[b]
            del writable_row(G, b)[a]
        return
    writable_row(G, a)[b] = attrs
    writable_row(G, b)[a] = attrs


def set_pair_ties(
    G: nx.Graph,
    a: int,
    b: int,
    ties: list[tuple[str, int, date | None]],
    *,
    today: date,
    params: TieParams | None = None,
) -> None:
    """Recompute the edge of a pair from ALL its current relationships, in place.

    ``ties`` is every (kind, rating, last_interaction) the pair has now; an empty list
    removes the edge (unless both are teammates, who keep their implicit tie). Strengths are
    those of ``today`` (pass the graph's own day, ``G.graph["today"]``, to keep it equal to a
    rebuild); ``params`` defaults to the graph's own.

    Raises
    ------
    networkx.NodeNotFound
        If either person is not in the graph.
    ValueError
        If ``a == b`` or a tie has a bad kind or rating.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> day = date(2024, 6, 1)
    >>> G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())], [], [], [],
    ...                 today=day)
    >>> set_pair_ties(G, 1, 2, [("friend", 5, None), ("acquaintance", 5, None)], today=day)
    >>> G.edges[1, 2]["kind"]
    'friend'
    >>> set_pair_ties(G, 1, 2, [], today=day)
    >>> G.has_edge(1, 2)
    False
    """
    _require_person(G, a)
    _require_person(G, b)
    if a == b:
        raise ValueError("a person has no tie with themself")
    _write_pair(G, a, b, list(ties), today, _params(G, params))
    bump(G)


def upsert_group(
    G: nx.Graph, group_id: int, name: str, kind: str, *, params: TieParams | None = None
) -> None:
    """Add a group or change its name or kind (a new kind re-weighs its members), in place.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> G = build_graph([], [], [], [], today=date(2024, 6, 1))
    >>> upsert_group(G, 3, "Spring Fabrication Expo", "event")
    >>> from referrals.graph.codes import group_node
    >>> G.nodes[group_node(3)]
    {'name': 'Spring Fabrication Expo', 'gkind': 'event', 'size': 0}
    """
    check_id(group_id, "group id")
    if kind not in GROUP_KINDS:
        raise ValueError(f"unknown group kind {kind!r}")
    node = -group_id
    params = _params(G, params)
    if node in G._node:
        changed = G._node[node]["gkind"] != kind
        set_node_attrs(G, node, name=name, gkind=kind)
        if changed:
            link_members(G, node, G._adj[node], params)
    else:
        _add_node(G, node, {"name": name, "gkind": kind, "size": 0})
    bump(G)


def remove_group(G: nx.Graph, group_id: int) -> None:
    """Remove a group and its memberships, in place.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> G = build_graph([], [], [(3, "Expo", "event")], [], today=date(2024, 6, 1))
    >>> remove_group(G, 3)
    >>> len(G)
    0
    """
    node = _require_group(G, group_id)
    _remove_node(G, node)
    bump(G)


def add_member(
    G: nx.Graph, group_id: int, person_id: int, *, params: TieParams | None = None
) -> None:
    """Add a person to a group, in place; every member's edge is re-weighed for the new size.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> G = build_graph([(1, "A", None, False, ())], [], [(3, "Expo", "event")], [],
    ...                 today=date(2024, 6, 1))
    >>> add_member(G, 3, 1)
    >>> G.nodes[-3]["size"], G.edges[1, -3]["kind"]
    (1, 'member')
    """
    node = _require_group(G, group_id)
    _require_person(G, person_id)
    params = _params(G, params)
    link_members(G, node, set(G._adj[node]) | {person_id}, params)
    bump(G)


def remove_member(
    G: nx.Graph, group_id: int, person_id: int, *, params: TieParams | None = None
) -> None:
    """Remove a person from a group (no-op if not a member), in place; members are re-weighed.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> G = build_graph([(1, "A", None, False, ())], [], [(3, "Expo", "event")], [(3, 1)],
    ...                 today=date(2024, 6, 1))
    >>> remove_member(G, 3, 1)
    >>> G.nodes[-3]["size"]
    0
    """
    node = _require_group(G, group_id)
    _require_person(G, person_id)
    params = _params(G, params)
    link_members(G, node, set(G._adj[node]) - {person_id}, params)
    bump(G)
