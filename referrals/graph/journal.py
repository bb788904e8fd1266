"""Which nodes' rows a graph has replaced since its index was made: a patch reads only those.

An index (:class:`~referrals.graph.index.GraphIndex`) is patched for a later version of its
graph by rereading the rows that were replaced since. Finding them by comparing every row's
identity is a pass over all nodes in Python – milliseconds at 10,000 people, tens at 100,000
– that each worker pays for every write it replays. So the functions that replace a row or
a node's attribute dict (:func:`~referrals.graph.build.writable_row`,
:func:`~referrals.graph.build.set_node_attrs`, and the node additions and removals of
:mod:`referrals.graph.update`) note the node here, and a fork carries the notes on.

A journal is only a shortcut: it counts when its ``base`` is the very token of the index
being patched (the index gave the graph a fresh journal when it was made), else the patch
compares identities as before. Changes made by other means are caught as before, by
:func:`~referrals.graph.build.touch`.

Examples
--------
>>> import networkx as nx
>>> G = nx.Graph()
>>> token = start(G)
>>> note(G, 7)
>>> H = nx.Graph(); H.graph.update(G.graph); carry(G, H)
>>> note(H, 9)
>>> sorted(since(G, token)), sorted(since(H, token)), since(H, object())
([7], [7, 9], None)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

__all__ = ["Journal", "carry", "note", "since", "start"]

KEY = "journal"


@dataclass(eq=False)
class Journal:
    """The nodes replaced since the index whose token is ``base`` was made."""

    base: object
    nodes: set[int] = field(default_factory=set)


def start(G: nx.Graph) -> object:
    """Give ``G`` an empty journal; returns its token, for the index just made of ``G``."""
    token = object()
    G.graph[KEY] = Journal(token)
    return token


def note(G: nx.Graph, node: int) -> None:
    """Note that ``node``'s row or attribute dict in ``G`` was replaced (or added, removed)."""
    journal = G.graph.get(KEY)
    if journal is not None:
        journal.nodes.add(node)


def carry(G: nx.Graph, H: nx.Graph) -> None:
    """Give ``H``, a copy of ``G`` about to be changed, its own copy of ``G``'s journal
    (``H.graph`` was copied from ``G.graph``, and must not share the journal object)."""
    journal = G.graph.get(KEY)
    if journal is None:
        H.graph.pop(KEY, None)
    else:
        H.graph[KEY] = Journal(journal.base, set(journal.nodes))


def since(G: nx.Graph, token: object) -> set[int] | None:
    """The nodes replaced in ``G`` since the index of ``token`` was made; None if unknown."""
    journal = G.graph.get(KEY)
    if journal is None or journal.base is not token:
        return None
    return journal.nodes
