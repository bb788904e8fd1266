"""Ranking prospects by the warmth of their best path from one person, on numbers.

The source's hop layers (see :mod:`.index`) give, for every node, the best path of up to
``max_hops - 1`` hops; one vectorised pull over the prospects' own rows then gives each
prospect's best path of up to ``max_hops`` hops as an exact integer key (cost, then hops)
and its last step. The ranking is an ordering of those keys with numpy; a best path is
walked back along the predecessor columns only for the rows asked for (a page), and every
score is computed column by column when a caller needs them all. No per-prospect search,
no per-prospect Python loop.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import networkx as nx
import numpy as np

from referrals.graph.index import INF, SourceState, check_penalty, get_index
from referrals.graph.paths import Path, check_hops, check_source, make_path

__all__ = ["ProspectRanking", "RankedProspect", "people_with_role", "rank_order",
           "rank_prospects"]

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


class ProspectRanking:
    """Prospects in ranking order, as numbers; rows are made for the places asked for.

    Made by :func:`rank_order`. Places count from 0: the reachable prospects first by score
    (ties: fewer hops, then prospect id), then the unreachable ones by id.

    Attributes
    ----------
    reachable : int
        How many prospects have a path (places ``0 .. reachable - 1``).
    """

    def __init__(self, G: nx.Graph, st: SourceState, max_hops: int,
                 penalty: tuple[tuple[int, float], ...], reach: tuple[np.ndarray, ...],
                 missing: tuple[np.ndarray, np.ndarray]) -> None:
        self._G, self._st, self._hops, self._penalty = G, st, max_hops, penalty
        # The reachable prospects by id: ids, keys (cost then hops), node index, predecessor.
        self._ids, self._keys, self._tix, self._pred = reach
        self._missing_ids, self._missing_reasons = missing
        self.reachable = len(self._ids)

    def __len__(self) -> int:
        return self.reachable + len(self._missing_ids)

    @cached_property
    def _order(self) -> np.ndarray:
        # The ids ascend already, so a stable sort on the keys breaks ties by id.
        return np.argsort(self._keys, kind="stable")

    @cached_property
    def ids(self) -> np.ndarray:
        """Every prospect's id, in ranking order."""
        return np.concatenate([self._ids[self._order], self._missing_ids])

    def _first(self, stop: int) -> np.ndarray:
        """The first ``stop`` places of the reachable ones (positions into the id arrays)."""
        if stop >= self.reachable or "_order" in self.__dict__:
            return self._order[:stop]
        # A page: only the keys up to the page's last one are sorted.
        last = np.partition(self._keys, stop - 1)[stop - 1]
        some = np.flatnonzero(self._keys <= last)
        return some[np.argsort(self._keys[some], kind="stable")][:stop]

    def page(self, offset: int = 0, limit: int | None = None) -> list[RankedProspect]:
        """The rows at places ``offset`` to ``offset + limit`` (to the end without a limit).

        Examples
        --------
        >>> from referrals.graph.build import build_graph
        >>> from datetime import date
        >>> people = [(1, "Rep", None, False, ()), (2, "Mike", None, False, ()),
        ...           (3, "Dana", None, False, ()), (4, "Kim", None, False, ())]
        >>> ties = [(1, 2, "customer", 5, None), (2, 3, "colleague", 4, None),
        ...         (1, 4, "friend", 2, None)]
        >>> ranking = rank_order(build_graph(people, ties, [], [], today=date(2024, 6, 1)),
        ...                      1, [2, 3, 4])
        >>> [r.prospect for r in ranking.page(1, 1)], len(ranking)
        ([3], 3)
        """
        if offset < 0 or (limit is not None and limit < 0):
            raise ValueError("offset and limit cannot be negative")
        stop = len(self) if limit is None else min(len(self), offset + limit)
        if offset >= stop:
            return []
        first = self._first(min(stop, self.reachable))[offset:]
        rows = self._walk(first)
        start = max(0, offset - self.reachable)
        return rows + self._unreachable(np.arange(start, stop - self.reachable))

    def take(self, places: Sequence[int]) -> list[RankedProspect]:
        """The rows at the given places, in that order."""
        at = np.asarray(places, dtype=np.int64).reshape(-1)
        if len(at) and (at.min() < 0 or at.max() >= len(self)):
            raise IndexError("a place is outside the ranking")
        near = at < self.reachable
        rows = dict(zip(np.flatnonzero(near).tolist(), self._walk(self._order[at[near]]),
                        strict=True))
        rows.update(zip(np.flatnonzero(~near).tolist(),
                        self._unreachable(at[~near] - self.reachable), strict=True))
        return [rows[i] for i in range(len(at))]

    def scores(self) -> np.ndarray:
        """Every reachable prospect's score, in ranking order (as each row's ``score``)."""
        return self._numbers(self._order)[3]

    def _unreachable(self, at: np.ndarray) -> list[RankedProspect]:
        ids, reasons = self._missing_ids[at].tolist(), self._missing_reasons[at].tolist()
        return [RankedProspect(p, 0.0, 0.0, None, None, None, _REASONS[r])
                for p, r in zip(ids, reasons, strict=True)]

    def _walk(self, at: np.ndarray) -> list[RankedProspect]:
        """The rows of the reachable prospects at positions ``at`` of the id arrays."""
        nodes, hops, warmth, score = self._numbers(at)
        G = self._G
        return [
            RankedProspect(p, w, s, h, row[1], tuple(row[: h + 1]), graph=G)
            for p, w, s, h, row in zip(self._ids[at].tolist(), warmth.tolist(), score.tolist(),
                                       hops.tolist(), nodes.tolist(), strict=True)
        ]

    def _numbers(self, at: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """(path node ids from the source, padded with 0; hops; warmth; score) at ``at``.

        The products are taken edge by edge from the source, in the order
        :func:`~referrals.graph.paths.make_path` multiplies: the same floats. A factor of
        1.0 stands where there is no edge or no penalty; multiplying by it is exact.
        """
        st, ix, H = self._st, self._st.index, self._hops
        k = len(at)
        if k:  # column j: the node j steps back from the prospect (-1 past the source)
            back = np.column_stack([self._tix[at], *st.chain(H, self._pred[at])])
        else:
            back = np.zeros((0, H + 1), dtype=np.int64)
        hops = (back >= 0).sum(axis=1) - 1
        # Reverse each row's path: column j of `fwd` is the j-th node from the source.
        steps = np.arange(H + 1)
        src = hops[:, None] - steps[None, :]
        on = src >= 0
        fwd = np.where(on, np.take_along_axis(back, np.maximum(src, 0), axis=1), -1)
        ids = np.where(on, ix.nodes[np.maximum(fwd, 0)], 0)
        strength = np.ones((k, H + 1))
        edge = on[:, 1:]
        if edge.any():
            u, v = fwd[:, :-1][edge], fwd[:, 1:][edge]
            pairs, inverse = np.unique(u * ix.n + v, return_inverse=True)
            adj, nodes = self._G._adj, ix.nodes
            heads = nodes[pairs // ix.n].tolist()
            tails = nodes[pairs % ix.n].tolist()
            found = np.array([adj[a][b]["strength"] for a, b in zip(heads, tails, strict=True)],
                             dtype=np.float64)
            strength[:, 1:][edge] = found[inverse.reshape(-1)]
        warmth = np.ones(k)
        for j in range(1, H + 1):
            warmth *= strength[:, j]
        if not self._penalty:
            return ids, hops, warmth, warmth.copy()
        pen_ids = np.array([v for v, _ in self._penalty], dtype=np.int64)
        pen_f = np.array([f for _, f in self._penalty], dtype=np.float64)
        at_pen = np.minimum(np.searchsorted(pen_ids, ids), len(pen_ids) - 1)
        inner = on & (steps[None, :] > 0) & (steps[None, :] < hops[:, None])
        factor = np.where(inner & (pen_ids[at_pen] == ids), pen_f[at_pen], 1.0)
        product = np.ones(k)
        for j in range(1, H):
            product *= factor[:, j]
        return ids, hops, warmth, warmth * product


_REASONS = (IS_SOURCE, DO_NOT_CONTACT, NO_PATH)


def rank_order(
    G: nx.Graph,
    source: int,
    prospects: Iterable[int],
    *,
    max_hops: int = 4,
    penalty: Mapping[int, float] | None = None,
) -> ProspectRanking:
    """The prospects ordered by the warmth of their best path from ``source``, on numbers.

    What :func:`rank_prospects` returns, as a :class:`ProspectRanking`: its ``page`` and
    ``take`` make rows (and walk best paths back) only for the places asked for, and its
    ``scores`` gives every reachable prospect's score without making rows. Parameters and
    errors as :func:`rank_prospects`.

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
    >>> ranking = rank_order(G, 1, [5, 4, 3, 2])
    >>> ranking.ids.tolist(), ranking.reachable, ranking.scores().round(3).tolist()
    ([2, 3, 4, 5], 2, [0.9, 0.5])
    """
    check_hops(max_hops)
    check_source(G, source)
    ids = _distinct_prospects(G, prospects)
    pen = check_penalty(G, penalty)
    ix = get_index(G)
    st = ix.state(source, pen)
    st.ensure(max_hops - 1)
    pos = np.searchsorted(ix.nodes, ids)
    reason = np.full(len(ids), -1, dtype=np.int8)
    reason[~ix.ext[pos]] = 1  # people's flags: who asked not to be contacted
    reason[ids == source] = 0
    live = np.flatnonzero(reason < 0)
    mins, pred = st.last_step(max_hops, pos[live])
    reason[live[mins >= INF]] = 2
    ok = mins < INF
    reach = (ids[live[ok]], mins[ok], pos[live[ok]], pred[ok])
    gone = reason >= 0
    return ProspectRanking(G, st, max_hops, pen, reach, (ids[gone], reason[gone]))


def rank_prospects(
    G: nx.Graph,
    source: int,
    prospects: Iterable[int],
    *,
    max_hops: int = 4,
    penalty: Mapping[int, float] | None = None,
    offset: int = 0,
    limit: int | None = None,
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
    offset, limit : int, optional
        Return the places ``offset`` to ``offset + limit`` of the ranking only (all of it
        by default): the ranking is ordered on numbers, and only the rows returned have
        their best paths walked back.

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
        For a group source or prospect, ``max_hops`` outside 1..6, or a negative offset
        or limit.

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
    >>> [r.prospect for r in rank_prospects(G, 1, [5, 4, 3], offset=1, limit=1)]
    [4]
    """
    ranking = rank_order(G, source, prospects, max_hops=max_hops, penalty=penalty)
    return ranking.page(offset, limit)


def people_with_role(G: nx.Graph, role: str) -> np.ndarray:
    """Ids of the people in ``G`` whose ``roles`` include ``role``, ascending.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> G = build_graph([(3, "Dana", None, False, ["prospect"]), (1, "Rep", None, False, ()),
    ...                  (2, "Kim", None, True, ["prospect", "customer"])], [], [], [],
    ...                 today=date(2024, 6, 1))
    >>> people_with_role(G, "prospect").tolist()
    [2, 3]
    """
    found = [v for v, attrs in G._node.items() if v > 0 and role in attrs.get("roles", ())]
    return np.sort(np.array(found, dtype=np.int64))


def _distinct_prospects(G: nx.Graph, prospects: Iterable[int]) -> np.ndarray:
    """The prospects' ids, each once, ascending; raises on one that is no person here."""
    given = prospects if isinstance(prospects, np.ndarray) else list(prospects)
    ids = np.asarray(given, dtype=np.int64).reshape(-1)
    if not len(ids):
        return ids
    ix = get_index(G)
    at = np.minimum(np.searchsorted(ix.nodes, ids), ix.n - 1)
    bad = (ix.nodes[at] != ids) | (ids < 0) if ix.n else np.ones(len(ids), dtype=bool)
    if bad.any():
        p = int(ids[np.argmax(bad)])  # the first, as given
        if p not in G._node:
            raise nx.NodeNotFound(f"prospect {p!r} is not in the graph")
        raise ValueError("a group cannot be ranked as a prospect")
    return np.unique(ids)
