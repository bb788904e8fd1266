"""Ranking prospects by the warmth of their best path from one person, in one pass.

The source's hop layers (see :mod:`.index`) give, for every node, the best path of up to
``max_hops - 1`` hops; one vectorised pull over the prospects' own rows then gives each
prospect's best path of up to ``max_hops`` hops and its last step, and the cached
predecessor arrays walk every path back to the source at once. No per-prospect search.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np

from referrals.graph.index import INF, check_penalty, get_index
from referrals.graph.paths import Path, check_hops, check_source, make_path

__all__ = ["RankedProspect", "rank_prospects"]

#: Why a prospect has no path.
DO_NOT_CONTACT = "do_not_contact"
NO_PATH = "no_path"
IS_SOURCE = "is_source"


@dataclass(frozen=True)
class RankedProspect:
    """One prospect's place in the ranking.

    Attributes
    ----------
    prospect : int
        The prospect's person id.
    warmth : float
        Warmth of the best path (product of its strengths); 0.0 without a path.
    score : float
        What the ranking sorts on: ``warmth`` times the penalty factor of every
        intermediary on the path (equal to ``warmth`` without penalties); 0.0 without a path.
    hops : int or None
        Edges on the best path.
    first_step : int or None
        The node right after the source on the best path (whom to ask first; a negative
        key is a group the source shares with the prospect).
    nodes : tuple of int or None
        The best path's nodes, source first.
    reason : str or None
        None for a reachable prospect, else ``"do_not_contact"``, ``"no_path"`` (nothing
        within ``max_hops``) or ``"is_source"``.
    path : Path or None
        The best path itself, built when first asked for (a ranking ranks thousands of
        prospects on numbers and shows a page of them).
    """

    prospect: int
    warmth: float
    score: float
    hops: int | None
    first_step: int | None
    nodes: tuple[int, ...] | None
    reason: str | None = None
    graph: nx.Graph | None = field(default=None, repr=False, compare=False)

    @cached_property
    def path(self) -> Path | None:
        if self.nodes is None or self.graph is None:
            return None
        return make_path(self.graph, self.nodes)


def rank_prospects(
    G: nx.Graph,
    source: int,
    prospects: Iterable[int],
    *,
    max_hops: int = 4,
    penalty: Mapping[int, float] | None = None,
) -> list[RankedProspect]:
    """Rank prospects by the warmth of their best path from ``source``, warmest first.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`referrals.graph.build.build_graph`.
    source : int
        The rep's person id.
    prospects : iterable of int
        Person ids; repeats are ranked once.
    max_hops : int
        1 to 6.
    penalty : mapping of node to factor in (0, 1], optional
        Multiplies the score of every path that uses that node as an intermediary, exactly
        (the best path is chosen under the penalty), e.g. to lower over-asked advocates.

    Returns
    -------
    list of RankedProspect
        Reachable prospects by score (ties: fewer hops, then prospect id), then the
        unreachable ones (warmth 0, see ``reason``) by id. Each best path is the one
        :func:`referrals.graph.paths.best_path` returns.

    Raises
    ------
    networkx.NodeNotFound
        If the source or a prospect is not in the graph.
    ValueError
        For a group source or prospect, or ``max_hops`` outside 1..6.

    Notes
    -----
    Long because the ranking is one pass, kept in one piece: the prospects' best paths are
    read from the source's layers all at once, then the loop over prospects walks each path
    back along the predecessor columns and scores it, inline (numbers only: the `Path`
    object of a prospect is built when a page shows it). That loop is the hot part of
    a ranking page (up to thousands of prospects) and reads ten local names; split, it would
    pass them all to a helper once per prospect. The rest of the length is this docstring.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> people = [(1, "Rep", None, False, ()), (2, "Mike", None, False, ()),
    ...           (3, "Dana", None, False, ["prospect"]), (4, "Lee", None, True, ["prospect"]),
    ...           (5, "Kim", None, False, ["prospect"])]
    >>> ties = [(1, 2, "customer", 5, None), (2, 3, "colleague", 4, None),
    ...         (2, 4, "friend", 5, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> [(r.prospect, r.first_step, r.reason) for r in rank_prospects(G, 1, [5, 4, 3])]
    [(3, 2, None), (4, None, 'do_not_contact'), (5, None, 'no_path')]
    """
    check_hops(max_hops)
    check_source(G, source)
    wanted = _distinct_prospects(G, prospects)
    pen = check_penalty(G, penalty)
    factors = dict(pen)
    ix = get_index(G)
    st = ix.state(source, pen)
    st.layer(max_hops - 1)

    missing: list[RankedProspect] = []
    targets: list[int] = []
    for p in wanted:
        if p == source:
            missing.append(RankedProspect(p, 0.0, 0.0, None, None, None, IS_SOURCE))
        elif G._node[p].get("dnc", False):
            missing.append(RankedProspect(p, 0.0, 0.0, None, None, None, DO_NOT_CONTACT))
        else:
            targets.append(ix.pos[p])
    tix = np.array(targets, dtype=np.int64)
    mins, pred = st.last_step(max_hops, tix)
    cols = [c.tolist() for c in st.chain(max_hops, pred)]
    nodes = ix.nodes
    adj = G._adj
    s = st.s
    found: list[tuple[int, int, RankedProspect]] = []
    for j, (t, key) in enumerate(zip(tix.tolist(), mins.tolist(), strict=True)):
        p = int(nodes[t])
        if key >= INF:
            missing.append(RankedProspect(p, 0.0, 0.0, None, None, None, NO_PATH))
            continue
        seq = [t]
        for col in cols:
            v = col[j]
            seq.append(v)
            if v == s:
                break
        on_path = tuple(int(nodes[i]) for i in reversed(seq))
        warmth = 1.0  # as make_path multiplies, edge by edge: the same float
        for u, v in zip(on_path, on_path[1:], strict=False):
            warmth *= adj[u][v]["strength"]
        score = warmth
        if factors:
            score *= math.prod(factors.get(v, 1.0) for v in on_path[1:-1])
        found.append((key, p, RankedProspect(p, warmth, score, len(on_path) - 1, on_path[1],
                                             on_path, graph=G)))
    found.sort(key=lambda f: f[:2])
    missing.sort(key=lambda r: r.prospect)
    return [f[2] for f in found] + missing


def _distinct_prospects(G: nx.Graph, prospects: Iterable[int]) -> list[int]:
    """The prospects in the order given, each once; raises on one that is no person here."""
    wanted: list[int] = []
    seen: set[int] = set()
    for p in prospects:
        if p not in G._node:
            raise nx.NodeNotFound(f"prospect {p!r} is not in the graph")
        if p < 0:
            raise ValueError("a group cannot be ranked as a prospect")
        if p not in seen:
            seen.add(p)
            wanted.append(p)
    return wanted
