"""Read-only acceleration structures over a team graph: a CSR copy and per-source layers.

Nothing here changes the graph. An index is built lazily the first time a query needs it and
rebuilt when ``G.graph["version"]`` (bumped by every update in :mod:`referrals.graph.update`
that changes the structure, a cost or who is do-not-contact) or the number of nodes has
changed, so it is always consistent with the graph it serves.

Costs are compared as exact integers ("keys"): ``key(edge) = round(cost * 2**32) * 8 + 1``.
The low three bits count hops, so comparing keys compares (cost, hops) lexicographically
with plain integer arithmetic, which is associative (float sums are not, and equal-strength
paths must tie exactly). Two consequences are proved in ``paths.py``: the best walk of at
most ``h`` hops is always a simple path, and ties break the same way in every algorithm.

Per source we keep hop layers: ``B[h][v]`` is the key of the best path of at most ``h`` hops
from the source to ``v`` whose intermediaries may be used (not do-not-contact). The layers
are computed for all nodes at once with numpy and kept in a small LRU per graph; the last
step of a best path (smallest node on ties) is read from a node's own row when needed.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Mapping
from itertools import chain, pairwise
from operator import itemgetter

import networkx as nx
import numpy as np

#: Quantum of cost: keys are exact ints, costs closer than 2**-32 compare equal.
QSCALE = float(1 << 32)
#: "Unreachable" key; sums of a few keys above it stay far below the int64 limit.
INF = np.int64(1 << 60)
#: Memory for the per-source states kept per graph. A state holds about a dozen arrays of
#: one int64 per node (its hop layers), ~10 MB at 100,000 people and ~1 MB at 10,000: the
#: budget keeps ~20 reps' states at the large size and every rep of a sales floor below it.
STATE_BUDGET_BYTES = 192 * 2**20
MIN_SOURCES, MAX_SOURCES = 4, 64


def max_sources(n: int) -> int:
    """How many per-source states an index of ``n`` nodes keeps (least recently used go).

    Examples
    --------
    >>> max_sources(100_000), max_sources(10_000), max_sources(10)
    (20, 64, 64)
    """
    per_state = max(1, n) * 8 * 12
    return max(MIN_SOURCES, min(MAX_SOURCES, STATE_BUDGET_BYTES // per_state))
_NONE = np.iinfo(np.int32).max
_UNKNOWN = -2


def edge_key(cost: float) -> int:
    """Exact integer key of one edge of this cost: quantised cost, shifted, plus one hop.

    Examples
    --------
    >>> edge_key(0.0)
    1
    >>> edge_key(1.0) >> 3 == 1 << 32
    True
    """
    return int(round(cost * QSCALE)) * 8 + 1


def penalty_key(factor: float) -> int:
    """Integer key added for an intermediary whose warmth is multiplied by ``factor``.

    Examples
    --------
    >>> penalty_key(1.0)
    0
    """
    return int(round(-math.log(factor) * QSCALE)) * 8


def ranges(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Concatenated ``arange(start, start + len)`` for each pair, vectorised."""
    total = int(lens.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    first = np.cumsum(lens) - lens
    return np.arange(total, dtype=np.int64) + np.repeat(starts - first, lens)


def check_penalty(
    G: nx.Graph, penalty: Mapping[int, float] | None
) -> tuple[tuple[int, float], ...]:
    """Validated penalty as a sorted tuple (usable as a cache key); ignores unknown nodes."""
    if not penalty:
        return ()
    items = []
    for node, factor in penalty.items():
        if isinstance(factor, bool) or not isinstance(factor, int | float) or not 0 < factor <= 1:
            raise ValueError(f"penalty for {node!r} must be in (0, 1], not {factor!r}")
        if node in G._node and factor < 1:
            items.append((node, float(factor)))
    return tuple(sorted(items))


class GraphIndex:
    """CSR arrays of one graph version, plus an LRU of per-source states.

    It keeps a reference to each node's row and attribute dict as it read them. The update
    functions of :mod:`referrals.graph.update` replace a row or attribute dict that changes
    (never change it in place), so :meth:`patched` finds the changed ones by identity and
    rebuilds only those rows – tens of milliseconds at 100,000 people, not a second.
    """

    def __init__(self, G: nx.Graph) -> None:
        adj = G._adj
        nodes = sorted(adj)
        n = len(nodes)
        pos: dict[int, int] = dict(zip(nodes, range(n), strict=True))
        rows = [adj[u] for u in nodes]
        deg = np.fromiter(map(len, rows), dtype=np.int64, count=n)
        indices, keys = _entries(rows, pos, int(deg.sum()))
        attrs = [G._node[u] for u in nodes]
        # Who may pass a path on: groups always, people unless they asked not to be contacted.
        ext = np.fromiter(
            (u < 0 or not a.get("dnc", False) for u, a in zip(nodes, attrs, strict=True)),
            dtype=bool, count=n,
        )
        self._set(G, np.array(nodes, dtype=np.int64), pos, rows, attrs, deg, indices, keys, ext)
        self.patched_rows: int | None = None  # built in full

    def _set(
        self, G: nx.Graph, nodes: np.ndarray, pos: dict[int, int], rows: list[dict],
        attrs: list[dict], deg: np.ndarray, indices: np.ndarray, keys: np.ndarray,
        ext: np.ndarray,
    ) -> None:
        n = len(nodes)
        self.stamp = stamp_of(G)
        self.touched = G.graph.get("touched", -1)
        self.n = n
        self.nodes = nodes
        self.pos = pos
        self.rows = rows  # as read: their identity tells which rows changed since
        self.attrs = attrs
        self.deg = deg
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(deg, out=self.indptr[1:])
        self.indices = indices
        self.keys = keys
        self.nnz = len(indices)
        self.ext = ext
        self.is_group = nodes < 0
        self.lock = threading.RLock()
        self.states: OrderedDict[tuple, SourceState] = OrderedDict()
        self.max_states = max_sources(n)

    def patched(self, G: nx.Graph) -> GraphIndex | None:
        """The index of ``G``, a later version of this index's graph, from this one's arrays.

        Only rows (and do-not-contact flags) that were replaced since are read from ``G``;
        the others are copied as arrays. None when a patch is not safe or not worth it: ``G``
        was changed by other means (:func:`~referrals.graph.build.touch`) since this index
        was built, or more than :data:`PATCH_SHARE` of its rows changed. The result has the
        very arrays a full build would give, and no per-source states (they are recomputed).

        Long because it is one pass that builds the new CSR arrays out of the old ones: the
        map from old positions to new, the rows that changed, the slices copied and the
        do-not-contact flags all read and write the same dozen arrays. Split, the helpers
        would hand those arrays to each other, and no step would read clearer for it.
        """
        if G.graph.get("touched", -1) != self.touched or self.n == 0:
            return None
        if G.graph.get("version", 0) == self.stamp[0]:
            return None  # only the node count moved: changed by other means, without touch
        adj, node_data = G._adj, G._node
        node_list = sorted(adj)
        n = len(node_list)
        nodes = np.array(node_list, dtype=np.int64)
        if n == self.n and np.array_equal(nodes, self.nodes):
            pos, old_of = self.pos, np.arange(n, dtype=np.int64)
            found = np.ones(n, dtype=bool)
            old_indices = self.indices
        else:
            pos = dict(zip(node_list, range(n), strict=True))
            at = np.minimum(np.searchsorted(self.nodes, nodes), self.n - 1)
            found = self.nodes[at] == nodes
            old_of = np.where(found, at, 0)
            new_of = np.full(self.n, -1, dtype=np.int64)
            new_of[old_of[found]] = np.flatnonzero(found)
            old_indices = new_of[self.indices]  # kept rows only name kept nodes
        rows = list(map(adj.__getitem__, node_list))
        attrs = list(map(node_data.__getitem__, node_list))
        # Alive objects have distinct ids, and self.rows keeps the old rows alive.
        kept = found & (_ids(self.rows)[old_of] == _ids(rows))
        changed = np.flatnonzero(~kept)
        if len(changed) > max(PATCH_MIN, PATCH_SHARE * n):
            return None

        changed_rows = [rows[i] for i in changed.tolist()]
        changed_deg = np.fromiter(map(len, changed_rows), dtype=np.int64, count=len(changed))
        new_indices, new_keys = _entries(changed_rows, pos, int(changed_deg.sum()))
        deg = np.empty(n, dtype=np.int64)
        deg[kept] = self.deg[old_of[kept]]
        deg[changed] = changed_deg
        # The new entries as slices, in row order: each run of kept rows that were also
        # neighbours in the old layout is one slice of the old arrays (a memcpy), each changed
        # row its own entries.
        run_on = np.zeros(n, dtype=bool)
        run_on[1:] = kept[1:] & kept[:-1] & (old_of[1:] == old_of[:-1] + 1)
        bounds = [*np.flatnonzero(~run_on).tolist(), n]
        offset = dict(zip(changed.tolist(), (np.cumsum(changed_deg) - changed_deg).tolist(),
                          strict=True))
        pieces: list[tuple[np.ndarray, np.ndarray]] = []
        for start, end in pairwise(bounds):
            if kept[start]:
                lo, hi = self.indptr[old_of[start]], self.indptr[old_of[end - 1] + 1]
                pieces.append((old_indices[lo:hi], self.keys[lo:hi]))
            else:  # one changed row
                lo = offset[start]
                hi = lo + len(rows[start])
                pieces.append((new_indices[lo:hi], new_keys[lo:hi]))
        if pieces:
            indices = np.concatenate([p[0] for p in pieces])
            keys = np.concatenate([p[1] for p in pieces])
            if old_indices is not self.indices and indices.size and indices.min() < 0:
                return None  # a kept row names a removed node: changed in place, not here
            indices = indices.astype(np.int32, copy=False)
        else:
            indices, keys = np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.int64)

        ext = np.empty(n, dtype=bool)
        ext[found] = self.ext[old_of[found]]
        same_attrs = found & (_ids(self.attrs)[old_of] == _ids(attrs))
        for i in np.flatnonzero(~same_attrs).tolist():
            ext[i] = node_list[i] < 0 or not attrs[i].get("dnc", False)

        index = GraphIndex.__new__(GraphIndex)
        index._set(G, nodes, pos, rows, attrs, deg, indices, keys, ext)
        index.patched_rows = len(changed)
        return index

    def row(self, i: int) -> slice:
        return slice(int(self.indptr[i]), int(self.indptr[i + 1]))

    def state(self, source: int, penalty: tuple[tuple[int, float], ...] = ()) -> SourceState:
        """The (cached) per-source state for a node id and validated penalty."""
        key = (source, penalty)
        with self.lock:
            st = self.states.get(key)
            if st is None:
                # A source's state for an older penalty (a helper's ask count moved on) is
                # never asked for again: drop it rather than let it crowd out other reps.
                for stale in [k for k in self.states if k[0] == source]:
                    del self.states[stale]
                st = SourceState(self, self.pos[source], penalty)
                self.states[key] = st
                while len(self.states) > self.max_states:
                    self.states.popitem(last=False)
            else:
                self.states.move_to_end(key)
            return st

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For node indices ``rows``: (entry positions, owning row, counts), vectorised."""
        lens = self.deg[rows]
        where = ranges(self.indptr[rows], lens)
        owner = np.repeat(rows, lens)
        return where, owner, lens

    def seg_min(
        self, vals: np.ndarray, starts: np.ndarray, lens: np.ndarray, cand: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per segment: the least value and, among entries reaching it, the least ``cand``.

        Empty segments give (INF, -1). ``vals`` and ``cand`` are the concatenated segments.
        """
        nseg = len(starts)
        if nseg == 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        vals_s = np.append(vals, INF)
        mins = np.minimum.reduceat(vals_s, starts)
        empty = lens == 0
        mins[empty] = INF
        np.minimum(mins, INF, out=mins)
        hit = vals == np.repeat(mins, lens)
        c = np.where(hit, cand, _NONE).astype(np.int64)
        c = np.append(c, _NONE)
        best = np.minimum.reduceat(c, starts)
        best[empty | (mins >= INF) | (best == _NONE)] = -1
        return mins, best


#: A patch is used while at most this share of the rows changed (or PATCH_MIN rows); past
#: it a full build is about as fast.
PATCH_SHARE = 0.5
PATCH_MIN = 64


def _entries(
    rows: list[dict], pos: dict[int, int], nnz: int
) -> tuple[np.ndarray, np.ndarray]:
    """CSR column indices (int32) and keys (int64) of ``rows``, concatenated."""
    # map/chain with C-level callables: ~2x faster than generator expressions here
    indices = np.fromiter(
        map(pos.__getitem__, chain.from_iterable(rows)), dtype=np.int32, count=nnz
    )
    cost = np.fromiter(
        map(itemgetter("cost"), chain.from_iterable(map(dict.values, rows))),
        dtype=np.float64,
        count=nnz,
    )
    return indices, np.rint(cost * QSCALE).astype(np.int64) * 8 + 1


def _ids(objects: list[object]) -> np.ndarray:
    return np.fromiter(map(id, objects), dtype=np.uint64, count=len(objects))


def stamp_of(G: nx.Graph) -> tuple[int, int]:
    return (G.graph.get("version", 0), len(G._adj))


_INDEXES: weakref.WeakKeyDictionary[nx.Graph, GraphIndex] = weakref.WeakKeyDictionary()
_LOCK = threading.Lock()


def get_index(G: nx.Graph) -> GraphIndex:
    """The index of ``G``'s current version, built now if missing or stale."""
    stamp = stamp_of(G)
    idx = _INDEXES.get(G)
    if idx is not None and idx.stamp == stamp:
        return idx
    with _LOCK:
        idx = _INDEXES.get(G)
        if idx is None or idx.stamp != stamp:
            old = _INDEXES.pop(G, None)
            idx = old.patched(G) if old is not None else None
            if idx is None:
                old = None  # free the old arrays before building the new ones
                idx = GraphIndex(G)
            _INDEXES[G] = idx
        return idx


def share_index(G: nx.Graph, H: nx.Graph) -> None:
    """Let ``H`` (a :func:`~referrals.graph.build.fork` of ``G``) use ``G``'s index.

    The index (and every source's layers in it) serves ``H`` only while ``H``'s stamp is the
    one it was built for – a fork whose updates changed no structure, cost or do-not-contact
    flag; otherwise :func:`get_index` rebuilds it for ``H`` as usual.
    """
    idx = _INDEXES.get(G)
    if idx is not None and H not in _INDEXES:
        _INDEXES[H] = idx


class SourceState:
    """Hop layers from one source (with one penalty), computed lazily and kept."""

    def __init__(self, index: GraphIndex, s: int, penalty: tuple[tuple[int, float], ...]) -> None:
        self.index = index
        self.s = s
        n = index.n
        self.npen = np.zeros(n, dtype=np.int64)
        for node, factor in penalty:
            self.npen[index.pos[node]] = penalty_key(factor)
        self.npen[s] = 0  # the source is never an intermediary of its own paths
        self.ext = index.ext.copy()
        self.ext[s] = True
        b0 = np.full(n, INF, dtype=np.int64)
        b0[s] = 0
        self.B: list[np.ndarray] = [b0]
        self.O: list[np.ndarray] = [self._out(b0)]
        # predecessors found so far, per layer (filled lazily by chain)
        self.P: list[np.ndarray] = []
        self.tables: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def _out(self, b: np.ndarray) -> np.ndarray:
        """Key of leaving each node onward: its layer key plus its penalty, INF if blocked."""
        o = b + self.npen
        o[~self.ext] = INF
        np.minimum(o, INF, out=o)
        return o

    def layer(self, h: int) -> tuple[np.ndarray, np.ndarray]:
        """(B_h, O_h) for ``0 <= h``, computing missing layers."""
        with self.index.lock:
            while len(self.B) <= h:
                b = self._relax(self.O[-1])
                self.B.append(b)
                self.O.append(self._out(b))
            return self.B[h], self.O[h]

    def _relax(self, out: np.ndarray) -> np.ndarray:
        """One Bellman-Ford round: B[v] = min over neighbours u of out[u] + key(u, v).

        Only the keys: the predecessors are found later, for the few nodes on answers.
        """
        ix = self.index
        frontier = np.flatnonzero(out < INF)
        work = int(ix.deg[frontier].sum())
        if work * 3 < ix.nnz:
            # Few nodes reached: push from them (cost ~ their degrees).
            where, owner, _ = ix.gather(frontier)
            val = out[owner]
            val += ix.keys[where]
            b = np.full(ix.n, INF, dtype=np.int64)
            np.minimum.at(b, ix.indices[where], val)
        else:
            # Most of the graph reached: pull along every edge at once.
            vals = np.empty(ix.nnz + 1, dtype=np.int64)
            np.take(out, ix.indices, out=vals[:-1])
            vals[:-1] += ix.keys
            vals[-1] = INF  # rows that are empty at the end point here
            b = np.minimum.reduceat(vals, ix.indptr[:-1])
            b[ix.deg == 0] = INF
            np.minimum(b, INF, out=b)
        b[self.s] = 0
        return b

    def last_step(self, h: int, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(B_h, predecessor on that best path) for the given node indices only.

        Read from the targets' own rows and layer ``h - 1``; the predecessor is the least
        node index among those reaching the minimum (-1 for the source or no path).
        """
        ix = self.index
        out = self.layer(h - 1)[1]
        where, _, lens = ix.gather(targets)
        u = ix.indices[where]
        vals = out[u] + ix.keys[where]
        starts = np.cumsum(lens) - lens
        mins, pred = ix.seg_min(vals, starts, lens, u)
        is_source = targets == self.s
        mins[is_source] = 0
        pred[is_source] = -1
        return mins, pred

    def chain(self, h: int, preds: np.ndarray) -> list[np.ndarray]:
        """Walk predecessors back from layer ``h - 1``: column j is the node j+1 steps back."""
        cols = [preds]
        cur = preds
        for layer in range(h - 1, 0, -1):
            live = (cur >= 0) & (cur != self.s)
            nxt = np.full(len(cur), -1, dtype=np.int64)
            if live.any():
                known = self._preds(layer)
                # each distinct node once, and only once per source: hubs sit on many paths
                need = np.unique(cur[live])
                need = need[known[need] == _UNKNOWN]
                if len(need):
                    known[need] = self.last_step(layer, need)[1]
                nxt[live] = known[cur[live]]
            cols.append(nxt)
            cur = nxt
        return cols

    def _preds(self, layer: int) -> np.ndarray:
        with self.index.lock:
            while len(self.P) <= layer:
                self.P.append(np.full(self.index.n, _UNKNOWN, dtype=np.int64))
            return self.P[layer]

    def half_table(self, half_hops: int, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Best ``width`` source halves (<= half_hops hops) per middle node.

        Returns (rowpos, keys, via): ``rowpos[m]`` is m's row or -1; ``keys[row]`` ascending
        half keys (INF padded; the middle node's own penalty is not included) and ``via[row]``
        the half's intermediary (-1 for a half with no intermediary).
        """
        with self.index.lock:
            found = self.tables.get((half_hops, width))
            if found is None:
                found = self._build_table(half_hops, width)
                self.tables[(half_hops, width)] = found
            return found

    def _build_table(self, half_hops: int, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        ix = self.index
        s = self.s
        ms = [np.array([s], dtype=np.int64)]
        ks = [np.array([0], dtype=np.int64)]
        xs = [np.array([-1], dtype=np.int64)]
        row = ix.row(s)
        nbr = ix.indices[row].astype(np.int64)
        nkey = ix.keys[row]
        if half_hops >= 1:
            ok = self.ext[nbr]
            ms.append(nbr[ok])
            ks.append(nkey[ok])
            xs.append(np.full(int(ok.sum()), -1, dtype=np.int64))
        if half_hops >= 2:
            okx = self.ext[nbr]
            xnodes = nbr[okx]
            xkey = nkey[okx] + self.npen[xnodes]
            where, _, lens = ix.gather(xnodes)
            m = ix.indices[where].astype(np.int64)
            k = ix.keys[where] + np.repeat(xkey, lens)
            x = np.repeat(xnodes, lens)
            ok = (m != s) & self.ext[m]
            ms.append(m[ok])
            ks.append(k[ok])
            xs.append(x[ok])
        m = np.concatenate(ms)
        k = np.concatenate(ks)
        x = np.concatenate(xs)
        order = np.lexsort((x, k, m))
        m, k, x = m[order], k[order], x[order]
        new = np.ones(len(m), dtype=bool)
        new[1:] = m[1:] != m[:-1]
        group_start = np.flatnonzero(new)
        group_id = np.cumsum(new) - 1
        rank = np.arange(len(m)) - group_start[group_id]
        keep = rank < width
        rows = len(group_start)
        rowpos = np.full(ix.n, -1, dtype=np.int64)
        rowpos[m[group_start]] = np.arange(rows)
        tkeys = np.full((rows, width), INF, dtype=np.int64)
        tvia = np.full((rows, width), -2, dtype=np.int64)
        tkeys[group_id[keep], rank[keep]] = k[keep]
        tvia[group_id[keep], rank[keep]] = x[keep]
        return rowpos, tkeys, tvia
