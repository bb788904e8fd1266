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

Per source we keep hop layers (:mod:`referrals.graph.layers`): ``B[h][v]`` is the key of the
best path of at most ``h`` hops from the source to ``v`` whose intermediaries may be used (not
do-not-contact). The layers are computed for all nodes at once with numpy and kept per index,
least recently used going first past a byte budget (:func:`state_budget`); a layer that
reaches few nodes is kept sparse. A change of penalty, or of a few ties, updates a source's
layers where it reaches, rather than discarding them. The last step of a best path (smallest
node on ties) is read from a node's own row when needed.
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
from typing import NamedTuple

import networkx as nx
import numpy as np

from referrals.graph import journal
from referrals.graph.layers import INF, Layer, SourceState

__all__ = ["INF", "QSCALE", "GraphIndex", "Layer", "SourceState", "check_penalty", "edge_key",
           "get_index", "penalty_key", "redate_index", "share_index", "stamp_of"]

#: Quantum of cost: keys are exact ints, costs closer than 2**-32 compare equal.
QSCALE = float(1 << 32)
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


class _Diff(NamedTuple):
    """How a later version of a graph differs from the one an index was made of."""

    node_list: list[int]
    nodes: np.ndarray
    pos: dict[int, int]
    old_of: np.ndarray  # each new position's old one (where found)
    found: np.ndarray  # the node was in the old version
    old_indices: np.ndarray  # the old column indices, in new positions
    rows: list[dict]
    attrs: list[dict]
    kept: np.ndarray  # the row is the very one the index read
    same_attrs: np.ndarray  # the attribute dict is the very one the index read


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
        self.node_list = nodes
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
        self._node_list: list[int] | None = None
        # The journal token of the graph this index serves (see get_index): none until then.
        self.token: object = None
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

        Only rows (and do-not-contact flags) that were replaced since are read from ``G``:
        the nodes ``G``'s journal noted (:meth:`_noted`), else every row compared by
        identity (:meth:`_compared`); the others are copied as arrays. None when a patch is
        not safe or not worth it: ``G`` was changed by other means
        (:func:`~referrals.graph.build.touch`) since this index was built, or more than
        :data:`PATCH_SHARE` of its rows changed. The result has the very arrays a full build
        would give, and no per-source states (they are recomputed).

        Long because it is one pass that builds the new CSR arrays out of the old ones: the
        map from old positions to new, the rows that changed, the slices copied and the
        do-not-contact flags all read and write the same dozen arrays. Split, the helpers
        would hand those arrays to each other, and no step would read clearer for it.
        """
        if G.graph.get("touched", -1) != self.touched or self.n == 0:
            return None
        if G.graph.get("version", 0) == self.stamp[0]:
            return None  # only the node count moved: changed by other means, without touch
        diff = self._noted(G) or self._compared(G)
        node_list, nodes, pos, old_of, found, old_indices, rows, attrs, kept, same_attrs = diff
        n = len(node_list)
        changed = np.flatnonzero(~kept)
        if len(changed) > max(PATCH_MIN, PATCH_SHARE * n):
            return None

        changed_rows = [rows[i] for i in changed.tolist()]
        changed_deg = np.fromiter(map(len, changed_rows), dtype=np.int64, count=len(changed))
        new_indices, new_keys = _entries(changed_rows, pos, int(changed_deg.sum()))
        same_places = old_indices is self.indices  # same nodes: no positions to map
        deg = self.deg.copy() if same_places else np.empty(n, dtype=np.int64)
        if not same_places:
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

        ext = self.ext.copy() if same_places else np.empty(n, dtype=bool)
        if not same_places:
            ext[found] = self.ext[old_of[found]]
        for i in np.flatnonzero(~same_attrs).tolist():
            ext[i] = node_list[i] < 0 or not attrs[i].get("dnc", False)

        index = GraphIndex.__new__(GraphIndex)
        index._set(G, nodes, pos, rows, attrs, deg, indices, keys, ext)
        index._node_list = node_list
        index.patched_rows = len(changed)
        if same_places and n >= CARRY_MIN_NODES:
            index.carry(self, changed, np.flatnonzero(ext != self.ext))
        return index

    def _noted(self, G: nx.Graph) -> _Diff | None:
        """What changed since this index, from the nodes ``G``'s journal noted: no pass over
        every node. None when the journal does not reach back to this index, or nodes were
        added or removed."""
        noted = journal.since(G, self.token)
        adj, node_data, pos = G._adj, G._node, self.pos
        if noted is None or not all(u in pos and u in adj for u in noted):
            return None
        changed = sorted(map(pos.__getitem__, noted))
        rows, attrs, node_list = self.rows.copy(), self.attrs.copy(), self.node_list
        for i in changed:
            rows[i] = adj[node_list[i]]
            attrs[i] = node_data[node_list[i]]
        kept = np.ones(self.n, dtype=bool)
        kept[changed] = False
        return _Diff(node_list, self.nodes, pos, np.arange(self.n, dtype=np.int64),
                     np.ones(self.n, dtype=bool), self.indices, rows, attrs, kept, kept.copy())

    def _compared(self, G: nx.Graph) -> _Diff:
        """What changed since this index, by comparing the identity of every row and
        attribute dict of ``G`` with the ones this index read."""
        adj, node_data = G._adj, G._node
        if len(adj) == self.n and adj.keys() == self.pos.keys():  # most writes: same people
            node_list, nodes, n = self.node_list, self.nodes, self.n
            pos, old_of = self.pos, np.arange(n, dtype=np.int64)
            found = np.ones(n, dtype=bool)
            old_indices = self.indices
        else:
            node_list = sorted(adj)
            n = len(node_list)
            nodes = np.array(node_list, dtype=np.int64)
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
        same_attrs = found & (_ids(self.attrs)[old_of] == _ids(attrs))
        return _Diff(node_list, nodes, pos, old_of, found, old_indices, rows, attrs, kept,
                     same_attrs)

    def carry(self, old: GraphIndex, changed: np.ndarray, flipped: np.ndarray) -> None:
        """Take over ``old``'s states (same nodes and positions), to be brought to this
        version when their source is next asked for (:meth:`SourceState.reindexed`).

        Lazily: a write reaches every worker, and most of the reps whose states a worker
        keeps will not ask before the next write. States carried over several versions
        collect every row changed since their own.
        """
        with old.lock:
            merged: dict[tuple[int, int], tuple[np.ndarray, np.ndarray]] = {}
            for source, (st, ch, fl) in old.carried.items():
                if source not in old.states:
                    # States carried by the same write share their arrays: one union each.
                    key = (id(ch), id(fl))
                    if key not in merged:
                        merged[key] = (np.union1d(ch, changed), np.union1d(fl, flipped))
                    self.carried[source] = (st, *merged[key])
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
        rows = list(map(H._adj.__getitem__, self.node_list))
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

    @property
    def node_list(self) -> list[int]:
        """The nodes in position order, as a list (to map over a graph's dicts)."""
        if self._node_list is None:
            self._node_list = self.nodes.tolist()
        return self._node_list

    @node_list.setter
    def node_list(self, nodes: list[int]) -> None:
        self._node_list = nodes

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

    def passing_state(self, source: int) -> SourceState:
        """The hop layers from ``source`` without a penalty, for a caller that will not ask
        again: the kept state when there is one (a rep's, say), else one made for this caller
        and not kept – so a one-off reader (a person page's picture around anyone) neither
        pushes the reps' states out nor lengthens every later eviction pass."""
        with self.lock:
            st = self.states.get(source)
            if st is not None and st.penalty == ():
                return st
            s = int(self.pos[source])
            return SourceState(self, s, (), self.penalty_array((), s))

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
        sizes = [st.nbytes for st in self.states.values()]
        total = sum(sizes)
        if self.carried:  # states not yet brought over go first
            carried = sum(st.nbytes for st, _, _ in self.carried.values())
            while self.carried and carried + total > budget:
                carried -= self.carried.popitem(last=False)[1][0].nbytes
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


#: Per-source states are carried through a patch from this many nodes: below it a rep's
#: layers cover most of the graph within a hop or two, bringing them over costs about what
#: computing them afresh does, and keeping them costs every write a little (bench/README.md,
#: "A sales floor in rotation": 10,000 people 20 % slower with them, 100,000 15 % faster).
CARRY_MIN_NODES = 50_000

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
            idx.token = journal.start(G)  # G's changes from now on are noted for the next patch
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
        idx.token = journal.start(H)
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
