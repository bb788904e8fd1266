"""What the SVG pictures of paths and networks draw: nodes, edges, labels, in pixels.

The geometry comes from `referrals.graph.picture`; `svg_shapes` writes the shapes' markup and
templates/paths/_svg.html puts it in its figure.
Nothing here knows about Flask: links are built by the caller's `href(node)`.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property

import networkx as nx
from markupsafe import Markup, escape

from referrals.graph.codes import MEMBER, group_id, is_group
from referrals.graph.index import stamp_of
from referrals.graph.paths import Path
from referrals.graph.picture import (
    layout,
    path_layout,
    place_labels,
    reach_count,
    strongest_ego,
)
from referrals.vocab import GROUP_KIND_LABELS, KIND_LABELS, ROLE_LABELS

Href = Callable[[int], str | None]

#: The id that `id_links` expects in the two URLs it is given (any id a route accepts).
LINK_PLACEHOLDER = 987654321


def id_links(person_url: str, group_url: str) -> Href:
    """The `href(node)` of a picture from two URLs built once, with LINK_PLACEHOLDER as the
    id: each node's link is then the id put in its place, not a route built per node. Equal
    URLs give equal (hashable) links, so a picture drawn with them can be kept and reused.

    >>> from referrals.graph.codes import group_node
    >>> href = id_links("/people/987654321", "/groups/987654321#members")
    >>> href(42), href(group_node(7))
    ('/people/42', '/groups/7#members')
    >>> href == id_links("/people/987654321", "/groups/987654321#members")
    True
    """
    marker = str(LINK_PLACEHOLDER)
    person_head, person_tail = person_url.split(marker, 1)
    group_head, group_tail = group_url.split(marker, 1)
    return IdLinks(person_head, person_tail, group_head, group_tail)


@dataclass(frozen=True)
class IdLinks:
    """A node's link: its id between a head and a tail (see `id_links`)."""

    person_head: str
    person_tail: str
    group_head: str
    group_tail: str

    def __call__(self, node: int) -> str:
        if is_group(node):
            return f"{self.group_head}{group_id(node)}{self.group_tail}"
        return f"{self.person_head}{node}{self.person_tail}"


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    label: str
    title: str
    css: str  # "you", "target", "group", "dnc", "prospect", "advocate", "customer", ...
    href: str | None
    label_below: bool = True
    #: Where the label goes when it was placed around the dot (network pictures).
    label_at: tuple[float, float, str] | None = None
    center: bool = False
    role: str = ""  # in words, for the list beside the picture


@dataclass(frozen=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    title: str
    css: str  # "tie", "member", "path"
    label: str | None = None


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    dots: list[Dot]
    lines: list[Line]
    title: str
    shown: int  # nodes drawn
    total: int  # nodes within reach, before trimming to the strongest

    @cached_property
    def shapes(self) -> Markup:
        """The lines and dots as SVG markup (see `svg_shapes`), written once per picture (a
        kept network picture is drawn again on every view of the page)."""
        return svg_shapes(self)

    @cached_property
    def dot_list(self) -> Markup:
        """The list beside a network picture, everyone in it: its items written here in one
        pass, once per picture, as the template's loop wrote them (~150 items, ~3 escapes and
        a few template nodes each)."""
        return Markup("".join(  # noqa: S704 - every text is escaped
            "\n      <li><span>"
            + (f'<a href="{escape(d.href)}">{escape(d.title)}</a>' if d.href
               else str(escape(d.title)))
            + f'</span> <span class="muted">{escape(d.role)}</span></li>\n      '
            for d in self.dots))


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


#: A dot's colour follows its most useful role first: whom to reach, who helps, who bought.
ROLE_ORDER = ("prospect", "advocate", "reference", "customer")


def _css(G: nx.Graph, node: int, *, you: int | None, target: int | None) -> str:
    data = G._node[node]
    if node == you:
        return "you"
    if node == target:
        return "target"
    if is_group(node):
        return "group"
    if data.get("dnc"):
        return "dnc"
    roles = data.get("roles") or ()
    for role in ROLE_ORDER:
        if role in roles:
            return role
    return "person"


def _role_words(G: nx.Graph, node: int, you: int | None) -> str:
    data = G._node[node]
    if node == you:
        return "you"
    if is_group(node):
        return GROUP_KIND_LABELS.get(data.get("gkind", ""), "group")
    words = [ROLE_LABELS.get(r, r).lower() for r in ROLE_ORDER if r in (data.get("roles") or ())]
    if data.get("dnc"):
        words.append("do not contact")
    return ", ".join(words) or "contact"


def _title(G: nx.Graph, node: int) -> str:
    data = G._node[node]
    if is_group(node):
        kind = data.get("gkind", "")
        return f"{data.get('name', '')} ({GROUP_KIND_LABELS.get(kind, kind)})"
    company = data.get("company")
    title = f"{data.get('name', '')}{' – ' + company if company else ''}"
    return title + (" (do not contact)" if data.get("dnc") else "")


def _edge_title(G: nx.Graph, u: int, v: int, data: dict) -> str:
    kind = data.get("kind", "")
    words = "member of" if kind == MEMBER else KIND_LABELS.get(kind, kind)
    nodes = G._node
    return (f"{nodes[u].get('name', '')} – {nodes[v].get('name', '')}: {words}, "
            f"strength {data.get('strength', 0):.2f}")


def path_picture(
    G: nx.Graph, path: Path, href: Href, *, width: int = 640, height: int = 110
) -> Picture:
    """A left-to-right picture of one path, each link labelled with its kind and strength."""
    pos = path_layout(path, width, height)
    you, target = path.nodes[0], path.nodes[-1]
    lines = []
    for i, (u, v) in enumerate(zip(path.nodes, path.nodes[1:], strict=False)):
        kind, strength = path.kinds[i], path.strengths[i]
        label = "member" if kind == MEMBER else KIND_LABELS.get(kind, kind)
        lines.append(Line(
            *pos[u], *pos[v], width=1.5 + 5 * strength, css="path",
            title=_edge_title(G, u, v, G.edges[u, v]), label=f"{label} · {strength:.2f}",
        ))
    dots = [
        Dot(*pos[n], r=13 if n in (you, target) else 10, label=_short(G.nodes[n].get("name", "")),
            title=_title(G, n), css=_css(G, n, you=you, target=target), href=href(n),
            label_below=True)
        for n in path.nodes
    ]
    names = " → ".join(G.nodes[n].get("name", "") for n in path.nodes)
    return Picture(width, height, dots, lines, f"Path: {names}", len(dots), len(dots))


def network_picture(
    G: nx.Graph, center: int, href: Href, *, you: int | None = None, width: int = 420,
    height: int = 460, max_nodes: int = 25, paths: Sequence[Path] = (),
) -> Picture:
    """The strongest people and groups within two steps of `center` (at most `max_nodes`),
    in rings by steps, every dot named where its label fits, and the links of `paths` (the
    warm paths to `center`) drawn over the rest and kept in the picture.

    The center is coloured by its own role and drawn larger."""
    H = strongest_ego(G, center, radius=2, max_nodes=max_nodes)
    on_path = _path_edges(paths)
    _keep_path_nodes(G, H, on_path)
    reach = reach_count(G, center, radius=2)
    pos = layout(H, center, width=width, height=height)
    edges = list(H.edges(data=True))
    highlit = [bool(on_path) and frozenset((u, v)) in on_path for u, v, _ in edges]
    lines = [
        Line(*pos[u], *pos[v], width=0.5 + 3 * d.get("strength", 0),
             css="member" if d.get("kind") == MEMBER else "tie", title=_edge_title(G, u, v, d))
        for (u, v, d), on in zip(edges, highlit, strict=True) if not on
    ]
    lines += [  # last, so they are drawn on top
        Line(*pos[u], *pos[v], width=2 + 4 * d.get("strength", 0), css="path",
             title=_edge_title(G, u, v, d))
        for (u, v, d), on in zip(edges, highlit, strict=True) if on
    ]
    hnodes = H._node
    order = sorted(hnodes, key=lambda n: (n != center, n != you, hnodes[n].get("hops", 0),
                                          -hnodes[n].get("warmth", 0.0), n))
    radius = {n: 14 if n == center else (9 if hnodes[n].get("hops", 0) == 1 else 7)
              for n in hnodes}
    spots = place_labels(
        [(n, *pos[n], radius[n], _short(G._node[n].get("name", ""), 22)) for n in order],
        width=width, height=height, center=pos[center])
    dots = []
    for n in order:
        spot = spots.get(n)
        dots.append(Dot(
            *pos[n], r=radius[n], label=spot[3] if spot else "", title=_title(G, n),
            css=_css(G, n, you=you, target=None), href=href(n),
            label_at=spot[:3] if spot else None, center=n == center,
            role=_role_words(G, n, you),
        ))
    name = G._node[center].get("name", "")
    return Picture(width, height, dots, lines, f"The network around {name}", len(dots), reach)


#: Network pictures kept per graph (least recently drawn dropped first): a person page
#: viewed again, by the rep or a teammate with the same warm paths, costs a dict look-up.
NETWORK_PICTURES_KEPT = 256

_KEPT: weakref.WeakKeyDictionary[nx.Graph, tuple[Hashable, OrderedDict]] = (
    weakref.WeakKeyDictionary())
_KEPT_LOCK = threading.Lock()


def kept_network_picture(
    G: nx.Graph, center: int, href: Href, *, you: int | None = None,
    paths: Sequence[Path] = (),
) -> Picture:
    """`network_picture` of these arguments, drawn once per graph and then reused.

    A published team graph never changes (a new version is a new graph object), so the
    pictures are kept in a small LRU keyed weakly on the graph object itself: they go when
    the graph goes, a new version starts empty, and one team's graph never answers for
    another's. The graph's version stamp is checked too, for a graph changed in place.
    `href` is part of the key (`id_links` gives equal links for equal URLs), and so are
    the warm paths drawn over it (they change with the asks' penalties).
    """
    key = (center, you, href, tuple(tuple(p.nodes) for p in paths))
    stamp = stamp_of(G)
    with _KEPT_LOCK:
        kept = _KEPT.get(G)
        if kept is not None and kept[0] == stamp and key in kept[1]:
            kept[1].move_to_end(key)
            return kept[1][key]
    picture = network_picture(G, center, href, you=you, paths=paths)
    with _KEPT_LOCK:
        kept = _KEPT.get(G)
        if kept is None or kept[0] != stamp:
            kept = _KEPT[G] = (stamp, OrderedDict())
        kept[1][key] = picture
        while len(kept[1]) > NETWORK_PICTURES_KEPT:
            kept[1].popitem(last=False)
    return picture


def _path_edges(paths: Sequence[Path]) -> set[frozenset[int]]:
    return {frozenset(pair) for p in paths
            for pair in zip(p.nodes, p.nodes[1:], strict=False)}


def _keep_path_nodes(G: nx.Graph, H: nx.Graph, on_path: set[frozenset[int]]) -> None:
    """Add to `H` the nodes of the warm paths that the cut to the strongest left out, with
    their edges to what is drawn, so every highlighted path is whole."""
    wanted = {n for pair in on_path for n in pair}
    missing = sorted(n for n in wanted if n not in H and n in G)
    for n in missing:
        H.add_node(n, **G._node[n], hops=2, warmth=0.0, via=None)
    drawn = H._node
    for n in missing:
        for v in _drawn_neighbours(G._adj[n], drawn):
            if not H.has_edge(n, v):
                H.add_edge(n, v, **G._adj[n][v])


def _drawn_neighbours(nbrs: dict[int, dict], drawn: dict[int, dict]) -> list[int]:
    """The neighbours in `nbrs` that are drawn, in the order of `nbrs` (it is the order of
    the picture's lines). A hub has thousands of neighbours and a picture ~30 dots: the
    hub's are not walked one by one in Python then, but found by a set intersection and put
    in their order by C-level scans of the hub's neighbour list.

    >>> _drawn_neighbours({5: {}, 3: {}, 9: {}}, {9: {}, 5: {}, 1: {}})
    [5, 9]
    """
    if len(nbrs) <= 4 * len(drawn):
        return [v for v in nbrs if v in drawn]
    hits = nbrs.keys() & drawn.keys()
    if not hits:
        return []
    listed = list(nbrs)
    return sorted(hits, key=listed.index)


def _line_svg(line: Line) -> str:
    svg = (f'<line class="edge edge-{escape(line.css)}" x1="{line.x1}" y1="{line.y1}" '
           f'x2="{line.x2}" y2="{line.y2}" stroke-width="{line.width:.1f}">'
           f"<title>{escape(line.title)}</title></line>")
    if line.label:
        svg += (f'<text class="edge-label" x="{(line.x1 + line.x2) / 2}" '
                f'y="{(line.y1 + line.y2) / 2 - 8}" text-anchor="middle">'
                f"{escape(line.label)}</text>")
    return svg


def _dot_svg(dot: Dot) -> str:
    center = " node-center" if dot.center else ""
    if dot.css == "group":
        shape = (f'<rect x="{dot.x - dot.r}" y="{dot.y - dot.r}" width="{2 * dot.r}" '
                 f'height="{2 * dot.r}" rx="3"></rect>')
    else:
        shape = f'<circle cx="{dot.x}" cy="{dot.y}" r="{dot.r}"></circle>'
    label = ""
    if dot.label and dot.label_at:
        x, y, anchor = dot.label_at
        label = f'<text x="{x}" y="{y}" text-anchor="{escape(anchor)}">{escape(dot.label)}</text>'
    elif dot.label:
        label = (f'<text x="{dot.x}" y="{dot.y + dot.r + 13}" text-anchor="middle">'
                 f"{escape(dot.label)}</text>")
    svg = (f'<g class="node node-{escape(dot.css)}{center}"><title>{escape(dot.title)}</title>'
           f"{shape}{label}</g>")
    return f'<a href="{escape(dot.href)}">{svg}</a>' if dot.href else svg


def svg_shapes(picture: Picture) -> Markup:
    """The picture's lines and dots as SVG markup, every text escaped – written here in one
    pass rather than by a template macro per shape (a network picture has ~150 dots).

    >>> p = Picture(100, 50, [Dot(10.0, 20.0, 6.0, "Ann & Co", "Ann", "you", "/people/1")],
    ...             [Line(1.0, 2.0, 3.0, 4.0, 2.25, "tie <b>", "tie")], "t", 1, 1)
    >>> svg = svg_shapes(p)
    >>> '<title>tie &lt;b&gt;</title>' in svg, 'stroke-width="2.2"' in svg
    (True, True)
    >>> svg[svg.index('<a '):]
    Markup('<a href="/people/1"><g class="node node-you"><title>Ann</title><circle cx="10.0" \
cy="20.0" r="6.0"></circle><text x="10.0" y="39.0" text-anchor="middle">Ann &amp; Co</text>\
</g></a></g>')
    """
    lines = "".join(_line_svg(line) for line in picture.lines)
    dots = "".join(_dot_svg(dot) for dot in picture.dots)
    return Markup(f'<g class="lines">{lines}</g><g class="dots">{dots}</g>')  # noqa: S704
