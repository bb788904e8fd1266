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
are computed for all nodes at once with numpy and kept per index, least recently used going
first past a byte budget (:func:`state_budget`); a layer that reaches few nodes is kept
sparse. A change of penalty updates a source's layers where it reaches, rather than
discarding them. The last step of a best path (smallest node on ties) is read from a node's
own row when needed.
"""

from __future__ import annotations

import math
import os
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
#: Memory for the per-source states kept per index, in MB (``REFERRALS_SEARCH_STATE_MB``).
#: A state stores its hop layers compactly (a layer that reaches few nodes keeps only those):
#: ~0.85 MB for a 4-hop best path at 100,000 people, ~1.4 MB at 1,000,000 (bench/rotation.py),
#: so the default holds a sales floor of 50 reps at either, with room for their path tables.
DEFAULT_STATE_MB = 256
#: States kept whatever their size: a handful of reps are never turned away cold.
MIN_SOURCES = 4
#: Penalty arrays kept per index (a team's penalty changes only when someone is asked).
PENALTY_ARRAYS = 3


def state_budget() -> int:
    """Bytes of per-source state an index keeps (least recently used go first).

    Examples
    --------
    >>> state_budget() >= MIN_SOURCES
    True
    """
    return int(float(os.environ.get("REFERRALS_SEARCH_STATE_MB", DEFAULT_STATE_MB)) * 2**20)


_NONE = np.iinfo(np.int32).max


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
        self.states: OrderedDict[int, SourceState] = OrderedDict()
        # States of an earlier version with the same nodes, not yet brought to this one:
        # source -> (state, rows changed since its version, do-not-contact flags flipped).
        self.carried: OrderedDict[int, tuple[SourceState, np.ndarray, np.ndarray]] = (
            OrderedDict())
        self.penalties: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self.grown = False

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
        if old_indices is self.indices:  # the same nodes at the same positions
            index.carry(self, changed, np.flatnonzero(ext != self.ext))
        return index

    def carry(self, old: GraphIndex, changed: np.ndarray, flipped: np.ndarray) -> None:
        """Take over ``old``'s states (same nodes and positions), to be brought to this
        version when their source is next asked for (:meth:`SourceState.reindexed`).

        Lazily: a write reaches every worker, and most of the reps whose states a worker
        keeps will not ask before the next write. States carried over several versions
        collect every row changed since their own.
        """
        with old.lock:
            for source, (st, ch, fl) in old.carried.items():
                if source not in old.states:
                    self.carried[source] = (st, np.union1d(ch, changed),
                                            np.union1d(fl, flipped))
            for source, st in old.states.items():
                self.carried.pop(source, None)
                self.carried[source] = (st, changed, flipped)

    def redated(self, H: nx.Graph) -> GraphIndex:
        """The index of ``H = redate(G)``, ``G`` being this index's graph: new keys only.

        :func:`~referrals.graph.build.redate` keeps every node, every row's keys and their
        order, so the structure (positions, column indices, do-not-contact flags) is this
        index's own arrays, shared. Only the keys are read again, and only from the rows
        ``redate`` replaced, :data:`STEP_ROWS` at a time: no single step holds the
        interpreter's lock for long. The per-source states start afresh (their layers used
        the old keys).
        """
        rows = list(map(H._adj.__getitem__, self.nodes.tolist()))
        keys = self.keys.copy()
        replaced = np.flatnonzero(_ids(self.rows) != _ids(rows))
        for start in range(0, len(replaced), STEP_ROWS):
            at = replaced[start:start + STEP_ROWS]
            where = ranges(self.indptr[at], self.deg[at])
            keys[where] = _keys([rows[i] for i in at.tolist()], len(where))
        index = GraphIndex.__new__(GraphIndex)
        index._set(H, self.nodes, self.pos, rows, self.attrs, self.deg, self.indices, keys,
                   self.ext)
        index.patched_rows = len(replaced)
        return index

    def row(self, i: int) -> slice:
        return slice(int(self.indptr[i]), int(self.indptr[i + 1]))

    def state(self, source: int, penalty: tuple[tuple[int, float], ...] = ()) -> SourceState:
        """The (cached) per-source state for a node id and validated penalty.

        One state per source. When the team's penalty moved on (someone was asked), the
        source's state is brought to the new penalty by :meth:`SourceState.repenalised`,
        which recomputes only the layer entries the change can reach: every rep's layers
        stay warm through an ask, and the result equals a state computed afresh.
        """
        with self.lock:
            st = self.states.get(source)
            if st is None and source in self.carried:
                old, changed, flipped = self.carried.pop(source)
                st = old.reindexed(self, changed, flipped)
                self.states[source] = st
                self.grown = True  # evicted below, carried states first
            if st is not None and st.penalty == penalty:
                self.states.move_to_end(source)
                if self.grown:  # some state computed more layers or tables since
                    self.grown = False
                    self.evict()
                return st
            s = self.pos[source]
            npen = self.penalty_array(penalty, s)
            if st is None:
                st = SourceState(self, s, penalty, npen)
            else:
                st = st.repenalised(penalty, npen)
            self.states[source] = st
            self.states.move_to_end(source)
            self.evict()
            return st

    def penalty_array(self, penalty: tuple[tuple[int, float], ...], s: int) -> np.ndarray:
        """Per node, the key added for leaving it onward under ``penalty`` (0 for ``s``).

        One array per penalty, shared by every source it does not name.
        """
        npen = self.penalties.get(penalty)
        if npen is None:
            npen = np.zeros(self.n, dtype=np.int64)
            for node, factor in penalty:
                npen[self.pos[node]] = penalty_key(factor)
            self.penalties[penalty] = npen
            while len(self.penalties) > PENALTY_ARRAYS:
                self.penalties.popitem(last=False)
        else:
            self.penalties.move_to_end(penalty)
        if npen[s]:  # the source is never an intermediary of its own paths
            npen = npen.copy()
            npen[s] = 0
        return npen

    def state_bytes(self) -> int:
        """Bytes held by the cached per-source states."""
        return sum(st.nbytes for st in self.states.values())

    def evict(self) -> None:
        """Drop least recently used states past the byte budget (keeping MIN_SOURCES)."""
        budget = state_budget()
        carried = sum(st.nbytes for st, _, _ in self.carried.values())
        kept = self.state_bytes()
        while self.carried and carried + kept > budget:
            carried -= self.carried.popitem(last=False)[1][0].nbytes
        sizes = [st.nbytes for st in self.states.values()]
        total = sum(sizes)
        drop = 0
        while total > budget and len(sizes) - drop > MIN_SOURCES:
            total -= sizes[drop]
            drop += 1
        for _ in range(drop):
            self.states.popitem(last=False)

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
    """CSR column indices (int32) and keys (int64) of ``rows``, concatenated.

    :data:`STEP_ROWS` rows at a time: each step is one C-level pass, which holds the
    interpreter's lock throughout – over every row at once, seconds at a million people,
    while the requests of a worker building in the background wait.
    """
    indices = np.empty(nnz, dtype=np.int32)
    keys = np.empty(nnz, dtype=np.int64)
    at = 0
    for start in range(0, len(rows), STEP_ROWS):
        chunk = rows[start:start + STEP_ROWS]
        count = sum(map(len, chunk))
        # map/chain with C-level callables: ~2x faster than generator expressions here
        indices[at:at + count] = np.fromiter(
            map(pos.__getitem__, chain.from_iterable(chunk)), dtype=np.int32, count=count)
        keys[at:at + count] = _keys(chunk, count)
        at += count
    return indices, keys


def _keys(rows: list[dict], count: int) -> np.ndarray:
    cost = np.fromiter(
        map(itemgetter("cost"), chain.from_iterable(map(dict.values, rows))),
        dtype=np.float64, count=count,
    )
    return np.rint(cost * QSCALE).astype(np.int64) * 8 + 1


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


def redate_index(G: nx.Graph, H: nx.Graph) -> GraphIndex:
    """The index of ``H = redate(G, day)``: from ``G``'s current index when it has one
    (its structure kept, only the keys read again), else built in full; kept for ``H``.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph, redate
    >>> G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())],
    ...                 [(1, 2, "friend", 5, date(2024, 6, 1))], [], [], today=date(2024, 6, 1))
    >>> H = redate(G, date(2025, 6, 1))
    >>> old, new = get_index(G), redate_index(G, H)
    >>> new is get_index(H), new.indices is old.indices, bool(new.keys[0] > old.keys[0])
    (True, True, True)
    """
    old = _INDEXES.get(G)
    same = (old is not None and old.stamp == stamp_of(G) and len(H._adj) == old.n
            and H.graph.get("touched", -1) == old.touched)
    idx = old.redated(H) if same and old is not None else GraphIndex(H)
    with _LOCK:
        _INDEXES[H] = idx
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


#: Rows read per step while an index is built or moved to a new day (~40,000 entries: a
#: few ms holding the interpreter's lock, then other threads get their turn).
STEP_ROWS = 2_000

#: A layer reaching fewer than one node in this many is kept sparse (int32 position + int64
#: key per entry, 12 bytes) rather than dense (8 bytes per node).
SPARSE_SHARE = 3


#: Per entry read, updating a layer for a new penalty costs this many times what computing it
#: afresh (:meth:`SourceState._relax`) does: past that share a layer is computed afresh.
REPENALISE_COST = 4


def ext_of(index: GraphIndex, s: int) -> tuple[np.ndarray, bool]:
    """(Who may pass a path on from source ``s``, whether that array is the source's own):
    the index's flags, or a copy where a do-not-contact source still starts its own paths."""
    if index.ext[s]:
        return index.ext, False
    ext = index.ext.copy()
    ext[s] = True
    return ext, True


class Layer:
    """One hop layer of keys: dense (one int64 per node) or sparse (only the finite entries).

    Never changed once made: a state brought to a new penalty makes new layers where entries
    changed, so a request still holding the old state reads it unchanged.
    """

    __slots__ = ("dense", "idx", "n", "val")

    def __init__(self, n: int, dense: np.ndarray | None = None,
                 idx: np.ndarray | None = None, val: np.ndarray | None = None) -> None:
        self.n = n
        self.dense = dense
        self.idx = idx  # sorted positions (sparse only)
        self.val = val

    @classmethod
    def of(cls, b: np.ndarray) -> Layer:
        """The layer of a dense key array (taken over, not copied), sparse if it pays.

        Examples
        --------
        >>> lay = Layer.of(np.array([INF, 5, INF, INF, INF, INF, INF], dtype=np.int64))
        >>> lay.dense is None, lay.at(np.array([1, 2])).tolist() == [5, int(INF)]
        (True, True)
        """
        idx = np.flatnonzero(b < INF)
        if len(idx) * SPARSE_SHARE < len(b):
            return cls(len(b), idx=idx.astype(np.int32), val=b[idx])
        return cls(len(b), dense=b)

    @property
    def nbytes(self) -> int:
        if self.dense is not None:
            return self.dense.nbytes
        assert self.idx is not None and self.val is not None
        return self.idx.nbytes + self.val.nbytes

    def at(self, pos: np.ndarray) -> np.ndarray:
        """Keys at the given positions (a new array)."""
        if self.dense is not None:
            return self.dense[pos]
        assert self.idx is not None and self.val is not None
        if len(self.idx) == 0:
            return np.full(len(pos), INF, dtype=np.int64)
        if len(pos) * 32 > self.n:  # many reads: one dense copy beats a binary search each
            return self.full()[pos]
        j = np.minimum(np.searchsorted(self.idx, pos), len(self.idx) - 1)
        return np.where(self.idx[j] == pos, self.val[j], INF)

    def full(self) -> np.ndarray:
        """The dense key array (the layer's own when dense: read it, never write it)."""
        if self.dense is not None:
            return self.dense
        b = np.full(self.n, INF, dtype=np.int64)
        b[self.idx] = self.val
        return b

    def finite(self) -> np.ndarray:
        """Positions with a key below INF, ascending."""
        if self.dense is not None:
            return np.flatnonzero(self.dense < INF)
        assert self.idx is not None
        return self.idx.astype(np.int64)

    def updated(self, pos: np.ndarray, vals: np.ndarray) -> Layer:
        """A new layer with the keys at ``pos`` replaced by ``vals``."""
        if not len(pos):
            return self
        b = self.full().copy()
        b[pos] = vals
        return Layer.of(b)


class Outs:
    """The keys of leaving each node onward at one layer, read at the positions asked for."""

    def __init__(self, st: SourceState, layer: Layer) -> None:
        self.st = st
        self.layer = layer

    def __getitem__(self, pos: np.ndarray) -> np.ndarray:
        return self.st.out_at(self.layer, np.asarray(pos))


class SourceState:
    """Hop layers from one source (under one penalty), computed lazily and kept.

    ``B[h]`` is a :class:`Layer`: per node, the key of the best path of at most ``h`` hops
    from the source whose intermediaries may be used. Leaving a node onward (``out``) adds its
    penalty and is blocked for do-not-contact people; it is computed where it is read, not
    stored. The do-not-contact flags and penalty keys are the index's own arrays, shared by
    every source (a source that is itself do-not-contact or penalised gets copies).

    It refers to its index weakly: the index holds its states, and a cycle would keep a
    retired index's arrays until a full garbage collection – or for ever, once a build has
    frozen the collector's view of the heap (``gc.freeze``, see ``referrals.paths.cache``).
    Whoever asks a state holds its index.
    """

    def __init__(self, index: GraphIndex, s: int, penalty: tuple[tuple[int, float], ...],
                 npen: np.ndarray) -> None:
        self.index = index
        self.s = s
        self.penalty = penalty
        self.npen = npen
        self.ext, self.own_ext = ext_of(index, s)
        source = Layer(index.n, idx=np.array([s], dtype=np.int32),
                       val=np.zeros(1, dtype=np.int64))
        self.B: list[Layer] = [source]
        # predecessors found so far, per layer: node index -> the node before it
        self.P: list[dict[int, int]] = []
        self.tables: dict[tuple[int, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    @property
    def index(self) -> GraphIndex:
        index = self._index()
        assert index is not None, "a source state outlived its index"
        return index

    @index.setter
    def index(self, index: GraphIndex) -> None:
        self._index = weakref.ref(index)

    @property
    def nbytes(self) -> int:
        """Memory this state holds of its own (the shared arrays not counted)."""
        size = sum(lay.nbytes for lay in self.B)
        size += sum(a.nbytes for t in self.tables.values() for a in t)
        size += sum(len(p) for p in self.P) * 100  # dict entries of two small ints
        if self.own_ext:
            size += self.ext.nbytes
        return size

    def out_at(self, layer: Layer, pos: np.ndarray) -> np.ndarray:
        """Key of leaving each node of ``pos`` onward: its key plus penalty, INF if blocked."""
        o = layer.at(pos)
        o += self.npen[pos]
        o[~self.ext[pos]] = INF
        np.minimum(o, INF, out=o)
        return o

    def _out(self, b: np.ndarray) -> np.ndarray:
        o = b + self.npen
        o[~self.ext] = INF
        np.minimum(o, INF, out=o)
        return o

    def ensure(self, h: int) -> None:
        """Compute the layers up to ``h``."""
        with self.index.lock:
            while len(self.B) <= h:
                self.B.append(Layer.of(self._relax(self.B[-1])))
                self.index.grown = True

    def layer(self, h: int) -> tuple[np.ndarray, Outs]:
        """(B_h as a dense array, its onward keys readable at any positions), ``0 <= h``."""
        self.ensure(h)
        lay = self.B[h]
        return lay.full(), Outs(self, lay)

    def _relax(self, prev: Layer) -> np.ndarray:
        """One Bellman-Ford round: B[v] = min over neighbours u of out[u] + key(u, v).

        Only the keys: the predecessors are found later, for the few nodes on answers.
        """
        ix = self.index
        frontier = prev.finite()
        frontier = frontier[self.ext[frontier]]
        work = int(ix.deg[frontier].sum())
        if work * 3 < ix.nnz:
            # Few nodes reached: push from them (cost ~ their degrees).
            where, _, lens = ix.gather(frontier)
            val = np.repeat(self.out_at(prev, frontier), lens)
            val += ix.keys[where]
            b = np.full(ix.n, INF, dtype=np.int64)
            np.minimum.at(b, ix.indices[where], val)
        else:
            # Most of the graph reached: pull along every edge at once.
            out = self._out(prev.full())
            vals = np.empty(ix.nnz + 1, dtype=np.int64)
            np.take(out, ix.indices, out=vals[:-1])
            vals[:-1] += ix.keys
            vals[-1] = INF  # rows that are empty at the end point here
            b = np.minimum.reduceat(vals, ix.indptr[:-1])
            b[ix.deg == 0] = INF
            np.minimum(b, INF, out=b)
        b[self.s] = 0
        return b

    def repenalised(self, penalty: tuple[tuple[int, float], ...], npen: np.ndarray) -> SourceState:
        """This state under another penalty, equal to one computed afresh.

        A layer entry can change only if an input to it changed: ``B_h[v]`` is the least of
        ``out_{h-1}[u] + key(u, v)`` over v's neighbours, and ``out_{h-1}[u]`` changes only
        where ``u``'s penalty or ``B_{h-1}[u]`` changed. So layer by layer only the neighbours
        of those nodes are recomputed from their own rows (all of them in one dense round when
        that is most of the graph). An ask names a helper or two: a few thousand entries
        instead of every layer over again. Predecessors are found afresh; the half tables are
        kept unless a penalised node is the source's neighbour (the only penalties they hold).

        Long because it is one pass over the layers whose every step reads the arrays the
        step before made (the changed entries of the layer below); split, the helpers would
        hand those to each other and read no better.
        """
        ix = self.index
        new = SourceState.__new__(SourceState)
        new.index, new.s, new.penalty, new.npen, new.ext = ix, self.s, penalty, npen, self.ext
        new.own_ext = self.own_ext
        new.P = []
        old_f, new_f = dict(self.penalty), dict(penalty)
        moved = [ix.pos[v] for v in old_f.keys() | new_f.keys()
                 if old_f.get(v, 1.0) != new_f.get(v, 1.0)]
        changed = np.array(sorted(set(moved) - {self.s}), dtype=np.int64)
        near = ix.indices[ix.row(self.s)]
        new.tables = {} if np.isin(changed, near).any() else self.tables
        new.B = [self.B[0]]
        dirty = np.zeros(0, dtype=np.int64)  # entries of the layer below that changed
        for h in range(1, len(self.B)):
            below = new.B[h - 1]
            pen_moved = changed[self.ext[changed]]
            pen_moved = pen_moved[below.at(pen_moved) < INF]
            inputs = np.union1d(dirty[self.ext[dirty]], pen_moved)
            if not len(inputs):
                new.B.append(self.B[h])
                dirty = np.zeros(0, dtype=np.int64)
                continue
            where, _, _ = ix.gather(inputs)
            hit = np.zeros(ix.n, dtype=bool)
            hit[ix.indices[where]] = True
            hit[self.s] = False
            cand = np.flatnonzero(hit)
            old_b = self.B[h]
            # Reading a node's row here costs a few times what a round of _relax pays for it.
            front = below.finite()
            relax_work = min(int(ix.deg[front[self.ext[front]]].sum()) * 3, ix.nnz)
            if int(ix.deg[cand].sum()) * REPENALISE_COST >= relax_work:
                b = new._relax(below)
                last = h == len(self.B) - 1
                dirty = np.zeros(0, dtype=np.int64) if last else np.flatnonzero(b != old_b.full())
                new.B.append(Layer.of(b))
                continue
            where, _, lens = ix.gather(cand)
            vals = new.out_at(below, ix.indices[where].astype(np.int64)) + ix.keys[where]
            mins = np.minimum.reduceat(vals, np.cumsum(lens) - lens) if len(vals) else vals
            np.minimum(mins, INF, out=mins)
            diff = mins != old_b.at(cand)
            dirty = cand[diff]
            new.B.append(old_b.updated(dirty, mins[diff]))
        return new

    def reindexed(self, ix: GraphIndex, changed: np.ndarray, flipped: np.ndarray) -> SourceState:
        """This state on ``ix``, a later version of its index with the same nodes, in which
        the rows ``changed`` (ties added, removed or re-weighted: both ends of each) and the
        do-not-contact flags ``flipped`` differ; equal to a state computed afresh on ``ix``.

        As :meth:`repenalised`, layer by layer: ``B_h[v]`` can change only if ``v``'s row
        changed or the onward key of a neighbour did – its ``B_{h-1}`` entry changed, or its
        flag flipped where it is reached. Only those entries are recomputed, from ``ix``'s
        rows, or the whole layer in one round when that is cheaper. An advocate call moves
        one tie of one rep: every other rep keeps nearly all of their layers through it.
        Predecessors are found afresh; the half tables are kept when nothing within the
        source's two hops changed.

        Long for the reason :meth:`repenalised` is: each layer's step reads what the step
        below it changed.
        """
        new = SourceState.__new__(SourceState)
        new.index, new.s, new.penalty, new.npen = ix, self.s, self.penalty, self.npen
        new.ext, new.own_ext = ext_of(ix, self.s)
        new.P = []
        near = np.append(ix.indices[ix.row(self.s)], self.s)
        new.tables = ({} if len(flipped) or np.isin(changed, near).any() else self.tables)
        new.B = [self.B[0]]
        dirty = np.zeros(0, dtype=np.int64)  # entries of the layer below that changed
        for h in range(1, len(self.B)):
            below = new.B[h - 1]
            reached = flipped[below.at(flipped) < INF] if len(flipped) else flipped
            inputs = np.union1d(dirty, reached)
            cand = changed
            if len(inputs):  # sets of positions, not node-sized masks: a tie moves few
                where, _, _ = ix.gather(inputs)
                cand = np.union1d(ix.indices[where].astype(np.int64), changed)
            cand = cand[cand != self.s]
            old_b = self.B[h]
            if not len(cand):
                new.B.append(old_b)
                dirty = np.zeros(0, dtype=np.int64)
                continue
            front = below.finite()
            relax_work = min(int(ix.deg[front[new.ext[front]]].sum()) * 3, ix.nnz)
            if int(ix.deg[cand].sum()) * REPENALISE_COST >= relax_work:
                b = new._relax(below)
                last = h == len(self.B) - 1
                dirty = np.zeros(0, dtype=np.int64) if last else np.flatnonzero(b != old_b.full())
                new.B.append(Layer.of(b))
                continue
            where, _, lens = ix.gather(cand)
            vals = new.out_at(below, ix.indices[where].astype(np.int64)) + ix.keys[where]
            mins = np.full(len(cand), INF, dtype=np.int64)
            has = lens > 0  # a changed row may now be empty
            if len(vals):
                mins[has] = np.minimum.reduceat(vals, (np.cumsum(lens) - lens)[has])
            np.minimum(mins, INF, out=mins)
            diff = mins != old_b.at(cand)
            dirty = cand[diff]
            new.B.append(old_b.updated(dirty, mins[diff]))
        return new

    def last_step(self, h: int, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(B_h, predecessor on that best path) for the given node indices only.

        Read from the targets' own rows and layer ``h - 1``; the predecessor is the least
        node index among those reaching the minimum (-1 for the source or no path).
        """
        ix = self.index
        self.ensure(h - 1)
        where, _, lens = ix.gather(targets)
        u = ix.indices[where].astype(np.int64)
        vals = self.out_at(self.B[h - 1], u) + ix.keys[where]
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
                wanted = cur[live].tolist()
                need = sorted({v for v in wanted if v not in known})
                if need:
                    found = self.last_step(layer, np.array(need, dtype=np.int64))[1]
                    known.update(zip(need, found.tolist(), strict=True))
                    self.index.grown = True
                nxt[live] = [known[v] for v in wanted]
            cols.append(nxt)
            cur = nxt
        return cols

    def _preds(self, layer: int) -> dict[int, int]:
        with self.index.lock:
            while len(self.P) <= layer:
                self.P.append({})
            return self.P[layer]

    def half_table(self, half_hops: int, width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Best ``width`` source halves (<= half_hops hops) per middle node.

        Returns (heads, keys, via): ``heads`` the middle nodes that have a row, ascending (row
        ``r`` is ``heads[r]``'s); ``keys[row]`` ascending half keys (INF padded; the middle
        node's own penalty is not included) and ``via[row]`` the half's intermediary (-1 for
        a half with no intermediary).
        """
        with self.index.lock:
            found = self.tables.get((half_hops, width))
            if found is None:
                found = self._build_table(half_hops, width)
                self.tables[(half_hops, width)] = found
                self.index.grown = True
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
        tkeys = np.full((rows, width), INF, dtype=np.int64)
        tvia = np.full((rows, width), -2, dtype=np.int64)
        tkeys[group_id[keep], rank[keep]] = k[keep]
        tvia[group_id[keep], rank[keep]] = x[keep]
        return m[group_start], tkeys, tvia
