"""Per-source hop layers over a :class:`~referrals.graph.index.GraphIndex`: how they are
computed, kept compact, and brought to a new penalty or a new version of the index exactly.

``B[h][v]`` is the key of the best path of at most ``h`` hops from the source to ``v`` whose
intermediaries may be used (not do-not-contact); see :mod:`referrals.graph.index` for keys.
"""

from __future__ import annotations

import threading
import weakref
from typing import Protocol

import numpy as np

#: "Unreachable" key; sums of a few keys above it stay far below the int64 limit.
INF = np.int64(1 << 60)


class GraphIndex(Protocol):
    """What the layers read of an index (:class:`referrals.graph.index.GraphIndex`): its CSR
    arrays, do-not-contact flags and lock; named here so this module need not import it."""

    n: int
    nnz: int
    deg: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    keys: np.ndarray
    ext: np.ndarray
    pos: dict[int, int]
    lock: threading.RLock
    grown: bool

    def row(self, i: int) -> slice: ...

    def gather(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...

    def seg_min(self, vals: np.ndarray, starts: np.ndarray, lens: np.ndarray,
                cand: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...

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
        # Layers carried from an earlier index, brought over one at a time when first read:
        # (their layers, rows changed since, flags flipped since, entries changed below).
        self.behind: tuple[list[Layer], np.ndarray, np.ndarray, np.ndarray] | None = None

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
        if self.behind is not None:
            size += sum(lay.nbytes for lay in self.behind[0][len(self.B):])
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
                if self.behind is not None:
                    self._catch_up()
                else:
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
        new.behind = None  # the layers not yet caught up are computed afresh when read
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
            layer, dirty = new._updated_layer(below, self.B[h], cand, h == len(self.B) - 1)
            new.B.append(layer)
        return new

    def reindexed(self, ix: GraphIndex, changed: np.ndarray, flipped: np.ndarray) -> SourceState:
        """This state on ``ix``, a later version of its index with the same nodes, in which
        the rows ``changed`` (ties added, removed or re-weighted: both ends of each) and the
        do-not-contact flags ``flipped`` differ; equal to a state computed afresh on ``ix``.

        As :meth:`repenalised`, layer by layer: ``B_h[v]`` can change only if ``v``'s row
        changed or the onward key of a neighbour did – its ``B_{h-1}`` entry changed, or its
        flag flipped where it is reached. Only those entries are recomputed, from ``ix``'s
        rows, or the whole layer in one round when that is cheaper, and only when a question
        first reads the layer (:meth:`_catch_up`, from :meth:`ensure`): a warm-paths question
        reads the half tables alone. An advocate call moves one tie of one rep: every other
        rep keeps nearly all of their layers through it. Predecessors are found afresh; the
        half tables are kept when nothing within the source's two hops changed.
        """
        new = SourceState.__new__(SourceState)
        new.index, new.s, new.penalty, new.npen = ix, self.s, self.penalty, self.npen
        new.ext, new.own_ext = ext_of(ix, self.s)
        new.P = []
        near = np.append(ix.indices[ix.row(self.s)], self.s)
        new.tables = ({} if len(flipped) or np.isin(changed, near).any() else self.tables)
        new.B = [self.B[0]]
        base, since = self.B, (changed, flipped)
        if self.behind is not None:  # not caught up itself: its base, with every change since
            base = self.behind[0]
            since = (np.union1d(self.behind[1], changed), np.union1d(self.behind[2], flipped))
        new.behind = (base, *since, np.zeros(0, dtype=np.int64)) if len(base) > 1 else None
        return new

    def _catch_up(self) -> None:
        """Bring the next carried layer to this state's index (see :meth:`reindexed`)."""
        assert self.behind is not None
        ix = self.index
        base, changed, flipped, dirty = self.behind
        h = len(self.B)
        below = self.B[h - 1]
        reached = flipped[below.at(flipped) < INF] if len(flipped) else flipped
        inputs = np.union1d(dirty, reached)
        cand = changed
        if len(inputs):  # sets of positions, not node-sized masks: a tie moves few
            where, _, _ = ix.gather(inputs)
            cand = np.union1d(ix.indices[where].astype(np.int64), changed)
        cand = cand[cand != self.s]
        last = h == len(base) - 1
        if len(cand):
            layer, dirty = self._updated_layer(below, base[h], cand, last)
        else:
            layer, dirty = base[h], np.zeros(0, dtype=np.int64)
        self.B.append(layer)
        self.behind = None if last else (base, changed, flipped, dirty)

    def _updated_layer(self, below: Layer, old: Layer, cand: np.ndarray,
                       last: bool) -> tuple[Layer, np.ndarray]:
        """This state's next layer from its layer ``below``, given that only the entries
        ``cand`` of an earlier state's layer ``old`` can differ: those are recomputed from
        their rows, or the whole layer in one round when that is cheaper. Returns the layer
        and the positions whose keys changed (none computed for the ``last`` layer when it
        is redone in full: nothing above reads them)."""
        ix = self.index
        # Reading a node's row here costs a few times what a round of _relax pays for it.
        front = below.finite()
        relax_work = min(int(ix.deg[front[self.ext[front]]].sum()) * 3, ix.nnz)
        if int(ix.deg[cand].sum()) * REPENALISE_COST >= relax_work:
            b = self._relax(below)
            dirty = np.zeros(0, dtype=np.int64) if last else np.flatnonzero(b != old.full())
            return Layer.of(b), dirty
        where, _, lens = ix.gather(cand)
        vals = self.out_at(below, ix.indices[where].astype(np.int64)) + ix.keys[where]
        mins = np.full(len(cand), INF, dtype=np.int64)
        has = lens > 0  # a changed row may now be empty
        if len(vals):
            mins[has] = np.minimum.reduceat(vals, (np.cumsum(lens) - lens)[has])
        np.minimum(mins, INF, out=mins)
        diff = mins != old.at(cand)
        dirty = cand[diff]
        return old.updated(dirty, mins[diff]), dirty

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
