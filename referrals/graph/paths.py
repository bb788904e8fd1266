"""Warm paths: the warmest chains of introductions from one person to another.

The warmth of a path is the product of its tie strengths; the warmest path is the one of
least total ``cost`` (``-log(strength)``). Hops are edges: person -> group -> person counts
as two hops, because the group step really is two links (each membership is one edge).

Rules every function here follows:

* a person with ``dnc=True`` (do not contact) is never an intermediary, and a dnc target has
  no paths at all: :func:`best_path` and :func:`warm_paths` raise :class:`DoNotContact`
  (a :class:`networkx.NetworkXNoPath`) so the caller can say why;
* groups may be intermediaries but never endpoints (ValueError);
* paths have at most ``max_hops`` edges (1..6, default 4). In a big network the warmest
  path without a limit often has 5-6 hops, so the limit changes answers: it is part of
  the question, not an optimisation;
* an optional ``penalty`` ({node: factor in (0, 1]}) multiplies the warmth of every path
  using that node as an intermediary, and the search honours it exactly;
* ties between paths of equal warmth (total costs equal to within 2**-32) break
  deterministically: fewer hops first, then the path whose node ids, read from the target
  back to the source, are smallest.

How it is fast and exact. Costs are compared as exact integer keys (:mod:`.index`) whose low
bits count hops, so "less key" means "less cost, then fewer hops". Under that order the best
walk of at most ``h`` hops is a simple path: removing a cycle never raises the cost (costs
are >= 0) and always removes hops. So a hop-layered Bellman-Ford from the source -- layer
``h`` holds, for every node, the best walk of <= h hops whose intermediaries may be used --
gives exact best paths; the layers are vectorised over a CSR copy and cached per source, and
a query reads only the target's own row.

For ``k`` paths and ``max_hops <= 4`` we meet in the middle: a path of ``h`` hops splits
uniquely into a source half of ``h - min(h, 2)`` hops and a target half of ``min(h, 2)``
hops, joined at a middle node ``m``. Per source we keep, for every ``m``, its best ``k + 2``
halves; per query we enumerate the target's halves ``m - a - t`` and join. A source half
``s - x - m`` clashes with a target half only if ``x`` is ``a`` or ``t``, so at most two of the
kept halves are lost to the simple-path filter and the ``k`` best compatible ones are always
among those kept: the list is exact. Longer limits (5-6 hops) or large ``k`` use an exact
best-first search backwards from the target, guided by the source's layers (an admissible
bound), which emits paths in order.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import networkx as nx
import numpy as np

from referrals.graph.index import INF, GraphIndex, SourceState, check_penalty, edge_key, get_index

__all__ = ["DoNotContact", "Path", "best_path", "make_path", "warm_paths"]

#: Largest k served by the meet-in-the-middle tables (their width is k + 2); beyond, search.
MAX_TABLE_K = 20


class DoNotContact(nx.NetworkXNoPath):
    """The target asked not to be contacted: there is no path to offer.

    Attributes
    ----------
    person : int
        The target's id.
    """

    def __init__(self, person: int) -> None:
        super().__init__(f"person {person} asked not to be contacted")
        self.person = person


@dataclass(frozen=True)
class Path:
    """One warm path.

    Attributes
    ----------
    nodes : tuple of int
        Node keys from the source to the target (negative keys are groups).
    warmth : float
        Product of ``strengths``, in (0, 1].
    strengths : tuple of float
        Tie strength of each edge; ``strengths[i]`` joins ``nodes[i]`` and ``nodes[i + 1]``.
    kinds : tuple of str
        Kind of each edge (a relationship kind, ``"teammate"`` or ``"member"``).
    hops : int
        Number of edges.
    """

    nodes: tuple[int, ...]
    warmth: float
    strengths: tuple[float, ...]
    kinds: tuple[str, ...]
    hops: int


def make_path(G: nx.Graph, nodes: Sequence[int]) -> Path:
    """The :class:`Path` along ``nodes``, read from the graph's edges.

    Raises
    ------
    networkx.NodeNotFound
        If a node is missing.
    ValueError
        If consecutive nodes are not joined by an edge, or fewer than two nodes are given.

    Examples
    --------
    >>> G = nx.Graph()
    >>> G.add_edge(1, 2, strength=0.5, cost=0.69, kind="friend")
    >>> make_path(G, [1, 2])
    Path(nodes=(1, 2), warmth=0.5, strengths=(0.5,), kinds=('friend',), hops=1)
    """
    nodes = tuple(int(v) for v in nodes)
    if len(nodes) < 2:
        raise ValueError("a path needs at least two nodes")
    adj = G._adj
    for v in nodes:
        if v not in adj:
            raise nx.NodeNotFound(f"node {v} is not in the graph")
    strengths = []
    kinds = []
    warmth = 1.0
    for u, v in zip(nodes, nodes[1:], strict=False):
        data = adj[u].get(v)
        if data is None:
            raise ValueError(f"no edge between {u} and {v}")
        strengths.append(data["strength"])
        kinds.append(data["kind"])
        warmth *= data["strength"]
    return Path(nodes, warmth, tuple(strengths), tuple(kinds), len(nodes) - 1)


def check_hops(max_hops: int) -> None:
    if isinstance(max_hops, bool) or not isinstance(max_hops, int) or not 1 <= max_hops <= 6:
        raise ValueError(f"max_hops must be an int from 1 to 6, not {max_hops!r}")


def check_source(G: nx.Graph, source: int) -> None:
    if source not in G._node:
        raise nx.NodeNotFound(f"source {source!r} is not in the graph")
    if source < 0:
        raise ValueError("a group cannot be the source of a path")


def _check(G: nx.Graph, source: int, target: int, max_hops: int) -> None:
    check_hops(max_hops)
    check_source(G, source)
    if target not in G._node:
        raise nx.NodeNotFound(f"target {target!r} is not in the graph")
    if target < 0:
        raise ValueError("a group cannot be the target of a path")
    if G._node[target].get("dnc", False):
        raise DoNotContact(target)


def _to_path(G: nx.Graph, ix: GraphIndex, seq: Sequence[int]) -> Path:
    return make_path(G, [int(ix.nodes[i]) for i in seq])


def best_path(
    G: nx.Graph,
    source: int,
    target: int,
    *,
    max_hops: int = 4,
    penalty: Mapping[int, float] | None = None,
) -> Path | None:
    """The warmest path of at most ``max_hops`` hops from ``source`` to ``target``.

    Parameters
    ----------
    G : networkx.Graph
        A graph from :func:`referrals.graph.build.build_graph`.
    source, target : int
        Person ids.
    max_hops : int
        1 to 6 edges.
    penalty : mapping of node to factor in (0, 1], optional
        Multiplies the warmth of any path using that node as an intermediary (to spare
        over-asked advocates); the returned ``warmth`` is the plain product of strengths.

    Returns
    -------
    Path or None
        None when no path fits within ``max_hops``, or when ``source == target``.

    Raises
    ------
    networkx.NodeNotFound
        If ``source`` or ``target`` is not in the graph.
    DoNotContact
        If the target asked not to be contacted.
    ValueError
        For a group endpoint or ``max_hops`` outside 1..6.

    Notes
    -----
    Long because of this docstring, to which the other path functions refer for their
    parameters and errors; the body reads the answer from the source's cached layers.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> people = [(1, "Rep", None, False, ()), (2, "Mike", None, False, ()),
    ...           (3, "Dana", None, False, ()), (4, "Lee", None, True, ())]
    >>> ties = [(1, 2, "customer", 5, None), (2, 3, "colleague", 5, None),
    ...         (1, 4, "family", 5, None), (4, 3, "family", 5, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> p = best_path(G, 1, 3)
    >>> p.nodes, round(p.warmth, 3)
    ((1, 2, 3), 0.675)
    >>> best_path(G, 1, 3, max_hops=1) is None
    True
    """
    _check(G, source, target, max_hops)
    if source == target:
        return None
    ix = get_index(G)
    st = ix.state(source, check_penalty(G, penalty))
    ti = ix.pos[target]
    mins, pred = st.last_step(max_hops, np.array([ti], dtype=np.int64))
    if mins[0] >= INF:
        return None
    seq = [ti]
    for col in st.chain(max_hops, pred):
        v = int(col[0])
        seq.append(v)
        if v == st.s:
            break
    seq.reverse()
    return _to_path(G, ix, seq)


def warm_paths(
    G: nx.Graph,
    source: int,
    target: int,
    *,
    k: int = 3,
    max_hops: int = 4,
    penalty: Mapping[int, float] | None = None,
) -> list[Path]:
    """The ``k`` warmest distinct simple paths of at most ``max_hops`` hops, warmest first.

    Fewer than ``k`` when fewer exist; ``[]`` when none do or ``source == target``. The
    first path is always :func:`best_path`'s. Parameters, errors and tie-breaking as in
    :func:`best_path`; ``k`` must be a positive int.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> people = [(i, f"P{i}", None, False, ()) for i in range(1, 5)]
    >>> ties = [(1, 2, "friend", 5, None), (2, 4, "friend", 5, None),
    ...         (1, 3, "acquaintance", 3, None), (3, 4, "friend", 5, None),
    ...         (1, 4, "acquaintance", 1, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> [p.nodes for p in warm_paths(G, 1, 4, k=5)]
    [(1, 2, 4), (1, 3, 4), (1, 4)]
    """
    _check(G, source, target, max_hops)
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive int, not {k!r}")
    if source == target:
        return []
    ix = get_index(G)
    st = ix.state(source, check_penalty(G, penalty))
    ti = ix.pos[target]
    if max_hops <= 4 and k <= MAX_TABLE_K:
        found = _meet_in_middle(G, ix, st, ti, max_hops, k)
    else:
        found = _best_first(ix, st, ti, max_hops, k)
    return [_to_path(G, ix, seq) for seq in found]


def _meet_in_middle(
    G: nx.Graph, ix: GraphIndex, st: SourceState, ti: int, max_hops: int, k: int
) -> list[list[int]]:
    """Index sequences of the k best paths (max_hops <= 4) by joining halves at a middle.

    Long because it is one vectorised pipeline per query, the hottest code of the app (every
    paths page runs it): the target's halves are gathered, joined with the source's half
    table and cut to the k best in numpy, each step consuming the arrays the one before made.
    Split into helpers, each would take and return half a dozen arrays and read no better.
    """
    s = st.s
    # (key, a, m, x, seq): sorting on the first four is (key, reversed node tuple).
    cands: list[tuple[int, int, int, int, list[int]]] = []
    source_node = int(ix.nodes[s])
    target_node = int(ix.nodes[ti])
    direct = G._adj[source_node].get(target_node)
    if direct is not None:
        cands.append((edge_key(direct["cost"]), -1, -1, -1, [s, ti]))
    if max_hops >= 2:
        half = max_hops - 2
        width = max(k + 2, 7)  # one table serves every k <= 5
        heads, tkeys, tvia = st.half_table(half, width)
        row = ix.row(ti)
        a = ix.indices[row].astype(np.int64)
        ka = ix.keys[row]
        ok = st.ext[a] & (a != s)
        a = a[ok]
        ka = ka[ok] + st.npen[a]
        where, _, lens = ix.gather(a)
        m = ix.indices[where].astype(np.int64)
        arep = np.repeat(a, lens)
        tkey = ix.keys[where] + np.repeat(ka, lens) + st.npen[m]
        at = np.minimum(np.searchsorted(heads, m), len(heads) - 1)
        ok = (m != ti) & st.ext[m] & (heads[at] == m)
        m, arep, tkey = m[ok], arep[ok], tkey[ok]
        r = at[ok]
        if len(r) > k:
            # A row bars at most two of its halves (the one through its `a`, the one through
            # the target; a row's halves run through distinct nodes), so each row has a usable
            # half among its three best, and the k-th best path is no worse than the k-th
            # smallest of the rows' third keys: a row whose best half is worse than that
            # holds no path of the k best, and its halves need not be read.
            bound = np.partition(tkey + tkeys[r, 2], k - 1)[k - 1]
            if bound < INF:
                near = tkey + tkeys[r, 0] <= bound
                m, arep, tkey, r = m[near], arep[near], tkey[near], r[near]
        total = tkey[:, None] + tkeys[r]
        via = tvia[r]
        bad = (tkeys[r] >= INF) | (via == arep[:, None]) | (via == ti)
        total[bad] = INF
        flat = total.ravel()
        pick = np.flatnonzero(flat < INF)
        if len(pick) > k:
            kth = np.partition(flat[pick], k - 1)[k - 1]
            pick = pick[flat[pick] <= kth]
        rows, cols = np.divmod(pick, width)
        keys = flat[pick]
        for key, aa, mm, xx in zip(
            keys.tolist(),
            arep[rows].tolist(),
            m[rows].tolist(),
            via[rows, cols].tolist(),
            strict=True,
        ):
            seq = [s]
            if xx >= 0:
                seq.append(xx)
            if mm != s:
                seq.append(mm)
            seq += [aa, ti]
            cands.append((key, aa, mm, xx, seq))
    cands.sort(key=lambda c: c[:4])
    return [c[4] for c in cands[:k]]


def _best_first(ix: GraphIndex, st: SourceState, ti: int, max_hops: int, k: int) -> list[list[int]]:
    """Exact k best paths by best-first search from the target back to the source.

    A partial path ``t ... v`` with ``j`` hops is ranked by its key so far plus the source's
    best key to ``v`` within the hops left: a lower bound on every completion, so completed
    paths come off the heap in order (ties by the reversed node tuple, which extends the
    partial tuple).
    """
    s = st.s
    outs = [st.layer(h)[1] for h in range(max_hops)]
    npen = st.npen
    heap: list[tuple[int, tuple[int, ...], int]] = [(0, (ti,), 0)]
    found: list[list[int]] = []
    while heap and len(found) < k:
        _, rev, key = heapq.heappop(heap)
        v = rev[-1]
        if v == s:
            found.append(list(reversed(rev)))
            continue
        left = max_hops - (len(rev) - 1)
        row = ix.row(v)
        us = ix.indices[row]
        ek = ix.keys[row]
        bound = outs[left - 1][us] + ek
        for j in np.flatnonzero(bound < INF).tolist():
            u = int(us[j])
            if u in rev:
                continue
            heapq.heappush(heap, (key + int(bound[j]), rev + (u,), key + int(ek[j]) + int(npen[u])))
    return found
