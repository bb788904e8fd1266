"""What the SVG pictures of paths and networks draw: nodes, edges, labels, in pixels.

The geometry comes from `referrals.graph.picture`; templates/paths/_svg.html draws it.
Nothing here knows about Flask: links are built by the caller's `href(node)`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import networkx as nx

from referrals.graph.codes import MEMBER, group_id, is_group
from referrals.graph.paths import Path
from referrals.graph.picture import layout, path_layout, place_labels, strongest_ego
from referrals.vocab import GROUP_KIND_LABELS, KIND_LABELS, ROLE_LABELS

Href = Callable[[int], str | None]

#: The id that `id_links` expects in the two URLs it is given (any id a route accepts).
LINK_PLACEHOLDER = 987654321


def id_links(person_url: str, group_url: str) -> Href:
    """The `href(node)` of a picture from two URLs built once, with LINK_PLACEHOLDER as the
    id: each node's link is then the id put in its place, not a route built per node.

    >>> from referrals.graph.codes import group_node
    >>> href = id_links("/people/987654321", "/groups/987654321#members")
    >>> href(42), href(group_node(7))
    ('/people/42', '/groups/7#members')
    """
    marker = str(LINK_PLACEHOLDER)
    person_head, person_tail = person_url.split(marker, 1)
    group_head, group_tail = group_url.split(marker, 1)

    def href(node: int) -> str:
        if is_group(node):
            return f"{group_head}{group_id(node)}{group_tail}"
        return f"{person_head}{node}{person_tail}"

    return href


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


def _short(name: str, limit: int = 18) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


#: A dot's colour follows its most useful role first: whom to reach, who helps, who bought.
ROLE_ORDER = ("prospect", "advocate", "reference", "customer")


def _css(G: nx.Graph, node: int, *, you: int | None, target: int | None) -> str:
    data = G.nodes[node]
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
    data = G.nodes[node]
    if node == you:
        return "you"
    if is_group(node):
        return GROUP_KIND_LABELS.get(data.get("gkind", ""), "group")
    words = [ROLE_LABELS.get(r, r).lower() for r in ROLE_ORDER if r in (data.get("roles") or ())]
    if data.get("dnc"):
        words.append("do not contact")
    return ", ".join(words) or "contact"


def _title(G: nx.Graph, node: int) -> str:
    data = G.nodes[node]
    if is_group(node):
        kind = data.get("gkind", "")
        return f"{data.get('name', '')} ({GROUP_KIND_LABELS.get(kind, kind)})"
    company = data.get("company")
    title = f"{data.get('name', '')}{' – ' + company if company else ''}"
    return title + (" (do not contact)" if data.get("dnc") else "")


def _edge_title(G: nx.Graph, u: int, v: int, data: dict) -> str:
    kind = data.get("kind", "")
    words = "member of" if kind == MEMBER else KIND_LABELS.get(kind, kind)
    return (f"{G.nodes[u].get('name', '')} – {G.nodes[v].get('name', '')}: {words}, "
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
    reach = _reach_count(G, center)
    pos = layout(H, center, width=width, height=height)
    lines = [
        Line(*pos[u], *pos[v], width=0.5 + 3 * d.get("strength", 0),
             css="member" if d.get("kind") == MEMBER else "tie", title=_edge_title(G, u, v, d))
        for u, v, d in H.edges(data=True) if frozenset((u, v)) not in on_path
    ]
    lines += [  # last, so they are drawn on top
        Line(*pos[u], *pos[v], width=2 + 4 * d.get("strength", 0), css="path",
             title=_edge_title(G, u, v, d))
        for u, v, d in H.edges(data=True) if frozenset((u, v)) in on_path
    ]
    order = sorted(H.nodes, key=lambda n: (n != center, n != you, H.nodes[n].get("hops", 0),
                                           -H.nodes[n].get("warmth", 0.0), n))
    radius = {n: 14 if n == center else (9 if H.nodes[n].get("hops", 0) == 1 else 7)
              for n in H.nodes}
    spots = place_labels(
        [(n, *pos[n], radius[n], _short(G.nodes[n].get("name", ""), 22)) for n in order],
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
    name = G.nodes[center].get("name", "")
    return Picture(width, height, dots, lines, f"The network around {name}", len(dots), reach)


def _path_edges(paths: Sequence[Path]) -> set[frozenset[int]]:
    return {frozenset(pair) for p in paths
            for pair in zip(p.nodes, p.nodes[1:], strict=False)}


def _keep_path_nodes(G: nx.Graph, H: nx.Graph, on_path: set[frozenset[int]]) -> None:
    """Add to `H` the nodes of the warm paths that the cut to the strongest left out, with
    their edges to what is drawn, so every highlighted path is whole."""
    wanted = {n for pair in on_path for n in pair}
    missing = sorted(n for n in wanted if n not in H and n in G)
    for n in missing:
        H.add_node(n, **G.nodes[n], hops=2, warmth=0.0, via=None)
    for n in missing:
        for v in G.adj[n]:
            if v in H and not H.has_edge(n, v):
                H.add_edge(n, v, **G.edges[n, v])


def _reach_count(G: nx.Graph, center: int) -> int:
    """Nodes within two hops of the center (counted, not drawn; a hub may have thousands)."""
    first = set(G.adj[center])
    second: set[int] = set()
    for n in first:
        second.update(G.adj[n])
    return len(first | second | {center})
