"""Plain words for a warm path: how each link knows the next, and an opener for the call."""

from __future__ import annotations

from datetime import date

import networkx as nx

from referrals.graph.codes import MEMBER
from referrals.graph.paths import Path
from referrals.words import first_name, time_ago

__all__ = ["basic_opener", "explain_path", "strength_word"]

#: Strength at or above which a tie is called strong, and good.
STRONG = 0.6
GOOD = 0.3


def strength_word(strength: float) -> str:
    """ "strong", "good" or "light".

    Examples
    --------
    >>> strength_word(0.9), strength_word(0.4), strength_word(0.05)
    ('strong', 'good', 'light')
    """
    if strength >= STRONG:
        return "strong"
    if strength >= GOOD:
        return "good"
    return "light"


def _name(G: nx.Graph, node: int) -> str:
    name = G.nodes[node].get("name")
    if name:
        return str(name)
    return f"group #{-node}" if node < 0 else f"person #{node}"


class _Names:
    """Full name on first mention, first name after that; the user is "you"."""

    def __init__(self, G: nx.Graph, user: int | None) -> None:
        self.G = G
        self.user = user
        self.seen: set[int] = set()

    def __call__(self, node: int, *, subject: bool = True) -> str:
        if node == self.user:
            return "You" if subject else "you"
        full = _name(self.G, node)
        if node in self.seen:
            return first_name(full)
        self.seen.add(node)
        return full


def _pair_clause(kind: str, a: str, b: str, a_is_you: bool, company: str | None) -> str:
    """One clause for a relationship between a and b (a may be "You")."""
    at = f" at {company}" if company else ""
    if a_is_you:
        return {
            "customer": f"You sold to {b}",
            "referral": f"{b} came to you as a referral",
            "friend": f"You and {b} are friends",
            "family": f"{b} is family",
            "colleague": f"You work with {b}{at}",
            "former_colleague": f"You used to work with {b}{at}",
            "acquaintance": f"You know {b}",
            "teammate": f"{b} is on your team",
        }.get(kind, f"You know {b}")
    return {
        "customer": f"{a} and {b} do business together",
        "referral": f"{a} and {b} are linked by a referral",
        "friend": f"{a} and {b} are friends",
        "family": f"{a} and {b} are family",
        "colleague": f"{a} and {b} work together{at}",
        "former_colleague": f"{a} and {b} were colleagues{at}",
        "acquaintance": f"{a} and {b} know each other",
        "teammate": f"{a} and {b} are on the same team",
    }.get(kind, f"{a} and {b} know each other")


def _group_clause(gkind: str, a: str, b: str, group: str) -> str:
    if gkind == "event":
        return f"{a} and {b} both attended {group}"
    if gkind == "company":
        return f"{a} and {b} both work at {group}"
    return f"{a} and {b} are both members of {group}"


def _shared_company(G: nx.Graph, u: int, v: int) -> str | None:
    cu = G.nodes[u].get("company") if u > 0 else None
    cv = G.nodes[v].get("company") if v > 0 else None
    return cu if cu and cu == cv else None


def explain_path(G: nx.Graph, path: Path, *, today: date, source_is_user: bool = True) -> str:
    """One plain sentence describing the path, one clause per link.

    Each clause names how the two people know each other, with the tie's strength in words
    and, when known, how long ago they last spoke. A step through a group (two edges)
    becomes one clause: both are members of / both attended / both work at it.

    Parameters
    ----------
    G : networkx.Graph
        The graph the path was found in (for names, companies and dates).
    path : Path
        From :func:`referrals.graph.paths.best_path` or ``warm_paths``.
    today : date
        For "last spoke ... ago".
    source_is_user : bool
        Speak to the source as "you" (the rep reading the page).

    Raises
    ------
    networkx.NodeNotFound
        If a node of the path is no longer in the graph.

    Notes
    -----
    Long because of this docstring and of its one loop over the links: a step through a
    group takes two links, so the loop moves one or two at a time, and the names said so
    far (full name first, first name after) carry from one clause to the next.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> from referrals.graph.paths import best_path
    >>> people = [(1, "Ana Ruiz", "Acme", False, ()),
    ...           (2, "Mike Kincaid", "Harbor Foods", False, ()),
    ...           (3, "Dana Lee", "Harbor Foods", False, ())]
    >>> ties = [(1, 2, "customer", 5, date(2024, 5, 18)), (2, 3, "colleague", 4, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> for clause in explain_path(G, best_path(G, 1, 3), today=date(2024, 6, 1)).split("; "):
    ...     print(clause)
    You sold to Mike Kincaid (strong tie, last spoke 2 weeks ago)
    Mike and Dana Lee work together at Harbor Foods (good tie).
    """
    for node in path.nodes:
        if node not in G:
            raise nx.NodeNotFound(f"node {node} is no longer in the graph")
    nodes = path.nodes
    names = _Names(G, nodes[0] if source_is_user else None)
    clauses = []
    i = 0
    while i < len(nodes) - 1:
        u, v = nodes[i], nodes[i + 1]
        if v < 0 and i + 2 < len(nodes):
            # person -> group -> person reads as one shared-group clause
            w = nodes[i + 2]
            a, b = names(u), names(w, subject=False)
            group = G.nodes[v]
            text = _group_clause(group.get("gkind", "association"), a, b, _name(G, v))
            size = group.get("size")
            strength = min(path.strengths[i], path.strengths[i + 1])
            detail = f"{strength_word(strength)} link"
            if size:
                detail += (
                    f", {size} members" if group.get("gkind") != "event" else f", {size} people"
                )
            clauses.append(f"{text} ({detail})")
            i += 2
            continue
        data = G.edges[u, v] if G.has_edge(u, v) else {}
        kind = data.get("kind", path.kinds[i])
        if kind == MEMBER:  # a path that ends or starts at a group: say so plainly
            clauses.append(f"{names(u)} belongs to {_name(G, v if v < 0 else u)}")
            i += 1
            continue
        a_is_you = u == names.user
        a = names(u)
        b = names(v, subject=False)
        text = _pair_clause(kind, a, b, a_is_you, _shared_company(G, u, v))
        detail = f"{strength_word(path.strengths[i])} tie"
        last = data.get("last")
        if last is not None:
            detail += f", last spoke {time_ago(min(date.fromordinal(last), today), today)}"
        clauses.append(f"{text} ({detail})")
        i += 1
    sentence = "; ".join(clauses)
    return sentence[:1].upper() + sentence[1:] + "."


def basic_opener(G: nx.Graph, path: Path) -> str:
    """One sentence the rep can say to the prospect, claiming only what the graph holds.

    It names whom the prospect knows – the node just before the target: a person ("I believe
    you know Mike Kincaid at Quality Fabricators"), or a group (named, with the person who
    shares it). It never says that person asked or suggested anything: the graph alone
    doesn't hold that (see :mod:`referrals.truth`). A one-hop path is a direct reconnect.

    Notes
    -----
    Long because of this docstring, and because each kind of last link gets its own
    sentence, written out whole so that each reads as the prospect will hear it.

    Examples
    --------
    >>> from referrals.graph.build import build_graph
    >>> from referrals.graph.paths import best_path
    >>> people = [(1, "Ana Ruiz", None, False, ()),
    ...           (2, "Mike Kincaid", "Quality Fabricators", False, ()),
    ...           (3, "Dana Lee", None, False, ())]
    >>> ties = [(1, 2, "customer", 5, None), (2, 3, "acquaintance", 4, None)]
    >>> G = build_graph(people, ties, [], [], today=date(2024, 6, 1))
    >>> basic_opener(G, best_path(G, 1, 3))
    'I believe you know Mike Kincaid at Quality Fabricators.'
    >>> basic_opener(G, best_path(G, 1, 2))  # doctest: +ELLIPSIS
    "It's been a while since we last spoke, ... how things are going at Quality Fabricators."
    """
    nodes = path.nodes
    for node in nodes:
        if node not in G:
            raise nx.NodeNotFound(f"node {node} is no longer in the graph")
    target = nodes[-1]
    if len(nodes) == 2:
        company = G.nodes[target].get("company")
        where = f" at {company}" if company else ""
        return (
            "It's been a while since we last spoke, and I wanted to catch up on how things "
            f"are going{where}."
        )
    before = nodes[-2]
    if before < 0:
        group = _name(G, before)
        gkind = G.nodes[before].get("gkind")
        if len(nodes) == 3:  # the rep and the prospect share the group
            if gkind == "event":
                return f"We were both at {group}, and I wanted to follow up with you."
            if gkind == "company":
                return f"We both have ties to {group}, so I thought I'd reach out."
            return f"We're both members of {group}, so I thought I'd reach out."
        friend = _name(G, nodes[-3])
        if gkind == "event":
            return f"I believe you and {friend} were both at {group}."
        if gkind == "company":
            return f"I believe you and {friend} both have ties to {group}."
        return f"I believe you and {friend} are both members of {group}."
    name = _name(G, before)
    company = G.nodes[before].get("company")
    kind = G.edges[before, target]["kind"] if G.has_edge(before, target) else None
    if kind == "colleague":
        return f"I believe you and {name} work together."
    if kind == "former_colleague":
        return f"I believe you and {name} used to work together."
    at = f" at {company}" if company else ""
    return f"I believe you know {name}{at}."
