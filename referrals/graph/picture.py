"""Geometry for pictures of the network: which nodes to draw, and where. No drawing here.

The app renders SVG itself from the positions returned; all positions are deterministic (the
same graph gives the same picture), in pixels, inside ``width x height``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import networkx as nx
import numpy as np

from referrals.graph.index import INF, QSCALE, get_index
from referrals.graph.paths import Path

__all__ = ["layout", "path_layout", "place_labels", "reach_count", "strongest_ego"]

MARGIN = 24.0


def strongest_ego(G: nx.Graph, center: int, *, radius: int = 2, max_nodes: int = 150) -> nx.Graph:
    """The strongest part of the network around ``center``.

    Keeps the ``max_nodes`` nodes (center included) with the warmest best path of at most
    ``radius`` hops from the center, and every edge among them. Like warm paths, the best
    paths never pass through a do-not-contact person (who may still appear, at the edge).
    Never builds the full ego graph, so it stays fast around hubs.

    Node attributes are copied from ``G`` and extended with ``warmth`` (of the best path
    from the center, 1 for the center), ``hops`` and ``via`` (the node before it on that
    path, None for the center). Edge attributes are copied.

    Raises
    ------
    networkx.NodeNotFound
        If ``center`` is not in the graph.
    ValueError
        If ``radius`` is not 1..4 or ``max_nodes`` is not a positive int.

    Notes
    -----
    Long because of this docstring; the body is three steps over the same index arrays:
    the best paths from the center, the cut to ``max_nodes``, and the edges among the nodes
    kept.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> people = [(i, f"P{i}", None, False, ()) for i in range(1, 6)]
    >>> ties = [(1, 2, "family", 5, None), (1, 3, "acquaintance", 1, None),
    ...         (2, 4, "friend", 5, None), (4, 5, "friend", 5, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> H = strongest_ego(G, 1, max_nodes=3)
    >>> sorted(H), H.nodes[4]["via"], H.nodes[4]["hops"]
    ([1, 2, 4], 2, 2)
    """
    if center not in G._node:
        raise nx.NodeNotFound(f"node {center!r} is not in the graph")
    if isinstance(radius, bool) or not isinstance(radius, int) or not 1 <= radius <= 4:
        raise ValueError(f"radius must be an int from 1 to 4, not {radius!r}")
    if isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1:
        raise ValueError(f"max_nodes must be a positive int, not {max_nodes!r}")
    ix = get_index(G)
    # Not kept in the index: every person page's first view draws a new center, and each
    # state kept would stay until the memory budget is full (~230 MB at 10,000 people after
    # 3,000 pages), push the reps' states out and lengthen every later eviction pass.
    st = ix.passing_state(center)
    best, _ = st.layer(radius)
    reached = np.flatnonzero(best < INF)
    if len(reached) > max_nodes:
        # the max_nodes least keys; on a tie at the cut, the smallest node ids
        keys = best[reached]
        cut = np.partition(keys, max_nodes - 1)[max_nodes - 1]
        below = reached[keys < cut]
        at_cut = reached[keys == cut][: max_nodes - len(below)]
        reached = np.concatenate([below, at_cut])
    # the node before each on its best path: read from its own row, in one go
    _, before = st.last_step(radius, reached)
    chosen = {int(ix.nodes[i]): int(i) for i in reached}
    via = {int(i): int(p) for i, p in zip(reached.tolist(), before.tolist(), strict=True)}
    H = nx.Graph()
    for node, i in sorted(chosen.items()):
        key = int(best[i])
        H.add_node(
            node,
            **G._node[node],
            warmth=math.exp(-(key >> 3) / QSCALE),
            hops=key & 7,
            via=None if via[i] < 0 else int(ix.nodes[via[i]]),
        )
    adj = G._adj
    members = set(chosen)
    for u in chosen:
        nbrs = adj[u]
        # walk the shorter side: a hub's 9,000 neighbours vs at most max_nodes members
        if len(nbrs) <= len(members):
            others = (v for v in nbrs if v in members)
        else:
            others = (v for v in members if v in nbrs)
        for v in others:
            if u < v:
                H.add_edge(u, v, **nbrs[v])
    return H


def _fit(
    points: dict[int, tuple[float, float]], width: float, height: float
) -> dict[int, tuple[float, float]]:
    """Scale points from [-1, 1]^2 into the box, keeping a margin and the aspect ratio."""
    half = max(min(width, height) / 2 - MARGIN, 1.0)
    cx, cy = width / 2, height / 2
    return {n: (round(cx + x * half, 2), round(cy + y * half, 2)) for n, (x, y) in points.items()}


def reach_count(G: nx.Graph, center: int, radius: int = 2) -> int:
    """How many nodes are within ``radius`` hops of ``center``, the center included.

    Every node counts, do-not-contact people and the nodes behind them too (a picture says
    how many it left out). Read from the graph's index arrays, not its dicts: around a hub
    the second ring has thousands of nodes.

    Raises
    ------
    networkx.NodeNotFound
        If ``center`` is not in the graph.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> people = [(i, f"P{i}", None, i == 2, ()) for i in range(1, 6)]
    >>> ties = [(1, 2, "friend", 5, None), (2, 3, "friend", 5, None),
    ...         (3, 4, "friend", 5, None), (1, 5, "friend", 1, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> reach_count(G, 1), reach_count(G, 1, radius=1), reach_count(G, 4, radius=3)
    (4, 3, 4)
    """
    if center not in G._node:
        raise nx.NodeNotFound(f"node {center!r} is not in the graph")
    ix = get_index(G)
    seen = np.zeros(ix.n, dtype=bool)
    ring = np.array([ix.pos[center]], dtype=np.int64)
    seen[ring] = True
    for step in range(radius):
        where, _, _ = ix.gather(ring)
        reached = ix.indices[where]
        fresh = reached[~seen[reached]]
        seen[fresh] = True  # marking twice is harmless: the count is of the mask
        if step + 1 < radius:
            # only a ring walked on needs its repeats gone (one node's row has none); the
            # outermost ring, thousands of entries around a hub, is never sorted
            ring = fresh if len(ring) == 1 else np.unique(fresh)
    return int(seen.sum())


def layout(
    H: nx.Graph, center: int, *, width: float, height: float
) -> dict[int, tuple[float, float]]:
    """Radial positions: the center in the middle, each hop distance on its own ring.

    Nodes on a ring are grouped under the neighbour that links them most strongly to the
    ring inside (so a person's contacts sit behind them), warmest first, each group taking
    a share of the circle proportional to its size. Nodes not connected to the center go
    on an outer ring. Deterministic: no randomness at all.

    Raises
    ------
    networkx.NodeNotFound
        If ``center`` is not in ``H``.
    ValueError
        If the box is not positive.

    Examples
    --------
    >>> H = nx.Graph([(1, 2, {"strength": 0.9}), (1, 3, {"strength": 0.5})])
    >>> pos = layout(H, 1, width=200, height=200)
    >>> pos[1]
    (100.0, 100.0)
    >>> layout(H, 1, width=200, height=200) == pos
    True
    """
    if center not in H:
        raise nx.NodeNotFound(f"node {center!r} is not in the graph")
    if not (width > 0 and height > 0):
        raise ValueError("width and height must be positive")
    depth, parent = _ring_tree(H, center)
    return _fit(_radial_points(H, center, depth, parent), width, height)


def _strength(H: nx.Graph, u: int, v: int) -> float:
    return float(H.edges[u, v].get("strength", 0.0))


def _ring_tree(H: nx.Graph, center: int) -> tuple[dict[int, int], dict[int, int | None]]:
    """The ring (hops from the center) and the parent of every node in the tree to draw.

    The center is on ring 0 with no parent; nodes not connected to it go on an outer ring,
    with no parent either.
    """
    # The warmest-path tree that strongest_ego recorded ("via", "hops"), where present; other
    # nodes hang from their strongest neighbour one ring further in.
    depth: dict[int, int] = {center: 0}
    parent: dict[int, int | None] = {center: None}
    marked = [n for n in H if n != center and "hops" in H.nodes[n]]
    for node in sorted(marked, key=lambda n: (H.nodes[n]["hops"], n)):
        via = H.nodes[node].get("via")
        if via in depth and H.nodes[node]["hops"] == depth[via] + 1 and H.has_edge(via, node):
            depth[node] = depth[via] + 1
            parent[node] = via
    level = 0
    while True:
        ring = [u for u, d in depth.items() if d == level]
        if not ring and level > max(depth.values()):
            break
        found: dict[int, int] = {}
        for u in ring:
            for v in H[u]:
                if v not in depth and (
                    v not in found
                    or (-_strength(H, u, v), u) < (-_strength(H, found[v], v), found[v])
                ):
                    found[v] = u
        for v, u in found.items():
            depth[v] = level + 1
            parent[v] = u
        level += 1
    far = max(depth.values()) + 1
    for node in H:
        if node not in depth:
            depth[node] = far
            parent[node] = None
    return depth, parent


def _radial_points(
    H: nx.Graph, center: int, depth: dict[int, int], parent: dict[int, int | None]
) -> dict[int, tuple[float, float]]:
    """Positions in [-1, 1]^2: each node on its ring, in a share of its parent's angle."""
    rings = max(max(depth.values()), 1)
    children: dict[int | None, list[int]] = {}
    for node, par in parent.items():
        if node != center:
            children.setdefault(par, []).append(node)

    def warm(node: int) -> float:
        par = parent[node]
        return _strength(H, par, node) if par is not None else 0.0

    leaves: dict[int, int] = {}

    def weight(node: int) -> int:
        if node not in leaves:
            leaves[node] = max(1, sum(weight(c) for c in children.get(node, [])))
        return leaves[node]

    points: dict[int, tuple[float, float]] = {center: (0.0, 0.0)}

    def place(nodes: list[int], start: float, span: float) -> None:
        nodes = sorted(nodes, key=lambda n: (-warm(n), n))
        total = sum(weight(n) for n in nodes)
        angle = start
        for node in nodes:
            share = span * weight(node) / total
            mid = angle + share / 2
            r = depth[node] / rings
            points[node] = (r * math.cos(mid), r * math.sin(mid))
            if children.get(node):
                place(children[node], angle, share)
            angle += share

    # start at the top (-pi/2) so the warmest contact sits at twelve o'clock
    place(children.get(center, []), -math.pi / 2, 2 * math.pi)
    orphans = children.get(None, [])
    if orphans:
        place(orphans, -math.pi / 2, 2 * math.pi)
    return points


def path_layout(
    path: Path | Sequence[int], width: float, height: float
) -> dict[int, tuple[float, float]]:
    """Left-to-right positions for a path picture: evenly spaced on the middle line.

    Examples
    --------
    >>> path_layout([1, -4, 2], 300, 100)
    {1: (24.0, 50.0), -4: (150.0, 50.0), 2: (276.0, 50.0)}
    """
    nodes = list(path.nodes if isinstance(path, Path) else path)
    if not nodes:
        raise ValueError("a path needs at least one node")
    if not (width > 0 and height > 0):
        raise ValueError("width and height must be positive")
    left = min(MARGIN, width / 4)
    usable = width - 2 * left
    y = round(height / 2, 2)
    if len(nodes) == 1:
        return {nodes[0]: (round(width / 2, 2), y)}
    step = usable / (len(nodes) - 1)
    return {node: (round(left + i * step, 2), y) for i, node in enumerate(nodes)}


#: Estimated size of a label's characters, in the picture's own pixels (a 12 px sans-serif).
CHAR_WIDTH = 6.6
LINE_HEIGHT = 14.0
_NUDGES = (0, 1, -1, 2, -2, 3, -3)
Box = tuple[float, float, float, float]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _label_box(x: float, y: float, anchor: str, text: str) -> Box:
    w = len(text) * CHAR_WIDTH
    left = x if anchor == "start" else x - w if anchor == "end" else x - w / 2
    return (left, y - LINE_HEIGHT + 3, left + w, y + 3)


def _candidates(
    x: float, y: float, r: float, outward_right: bool
) -> list[tuple[float, float, str]]:
    """Spots for a label, best first: outward beside the dot, then below, then above, then
    the inward side; each also a line or more up or down."""
    side = [(x + r + 4, y + 4, "start"), (x - r - 4, y + 4, "end")]
    if not outward_right:
        side.reverse()
    spots = [side[0], (x, y + r + LINE_HEIGHT, "middle"), (x, y - r - 5, "middle"), side[1]]
    return [(sx, sy + k * LINE_HEIGHT, a) for k in _NUDGES for sx, sy, a in spots]


def place_labels(
    dots: Sequence[tuple[int, float, float, float, str]], *, width: float, height: float,
    center: tuple[float, float],
) -> dict[int, tuple[float, float, str, str]]:
    """Where each dot's label goes so that no two labels overlap, none covers a dot and all
    stay inside the picture.

    ``dots`` are ``(node, x, y, radius, text)`` in order of importance (the center first);
    each label is tried outward from ``center`` beside its dot, then below, above and on
    the inward side, nudged a line at a time; a label that fits nowhere is tried again as
    its first word. Returns ``{node: (x, y, anchor, text)}`` with ``anchor`` an SVG
    ``text-anchor``; a dot whose label fits nowhere is left out (its name is still in the
    dot's tooltip and in the list beside the picture).

    Examples
    --------
    >>> dots = [(1, 100, 100, 10, "Centre"), (2, 160, 100, 6, "Right"),
    ...         (3, 40, 100, 6, "Left")]
    >>> spots = place_labels(dots, width=240, height=200, center=(100, 100))
    >>> spots[2][2], spots[3][2]
    ('start', 'end')
    >>> boxes = [_label_box(x, y, a, t) for x, y, a, t in spots.values()]
    >>> any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    False
    """
    taken: list[Box] = [(x - r, y - r, x + r, y + r) for _, x, y, r, _ in dots]
    placed: dict[int, tuple[float, float, str, str]] = {}
    for node, x, y, r, text in dots:
        own = (x - r, y - r, x + r, y + r)
        for words in dict.fromkeys((text, text.split(" ")[0])):
            spot = _free_spot(x, y, r, words, x >= center[0], taken, own, width, height)
            if spot is not None:
                placed[node] = (*spot, words)
                taken.append(_label_box(*spot, words))
                break
    return placed


def _free_spot(x: float, y: float, r: float, text: str, outward_right: bool,
               taken: list[Box], own: Box, width: float, height: float
               ) -> tuple[float, float, str] | None:
    # `_overlaps` written out, over the boxes other than the dot's own gathered once: this
    # runs for every candidate spot of every label (thousands of tests a picture).
    others = [t for t in taken if t != own]
    for sx, sy, anchor in _candidates(x, y, r, outward_right):
        left, top, right, bottom = _label_box(sx, sy, anchor, text)
        if left < 0 or top < 0 or right > width or bottom > height:
            continue
        for t in others:
            if left < t[2] and t[0] < right and top < t[3] and t[1] < bottom:
                break
        else:
            return sx, sy, anchor
    return None
