"""The kind of connection a warm path gives the rep, and the person whose name to say.

Each kind of connection calls for a different opener (see :mod:`referrals.outreach.openers`):
someone asked the rep to call, an advocate called ahead, a reference the prospect can phone,
a teammate, a colleague, a mutual acquaintance, a shared association / event / company, an
old contact to reconnect with, or -- never from a path -- a public hook the rep types in.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace

import networkx as nx

from referrals.graph.codes import MEMBER
from referrals.graph.explain import GOOD, STRONG
from referrals.graph.paths import Path
from referrals.vocab import TEAMMATE

__all__ = ["STAGES", "Connection", "classify"]

#: What the rep can do with a path, by what the data holds about its go-between:
#: ``warm`` – the knower vouched (asked, agreed, introduced, called ahead, or referred the
#: prospect while the rep knows them well): a warm opener may say so; ``known`` – the rep
#: knows the knower (or needs none) but holds no endorsement: an opener says only what is
#: known, and asking the knower first is warmer; ``ask`` – the rep has never met the knower,
#: or has asked and is waiting for the answer: no prospect opener, the rep asks ``ask`` first;
#: ``declined`` – the person to ask said no: don't name them.
STAGES: tuple[str, ...] = ("warm", "known", "ask", "declined")

#: Every kind of connection (warmest first) is `referrals.vocab.CONNECTION_KINDS`.
_COLLEAGUE_TIES = frozenset({"colleague", "former_colleague"})


@dataclass(frozen=True)
class Connection:
    """How the rep is connected to a prospect, for the opener.

    Attributes
    ----------
    kind : str
        One of :data:`CONNECTION_KINDS`.
    target : int
        The prospect.
    knower : int or None
        The person the prospect knows, whose name the rep says: the person just before the
        target, or, when the last link is a shared group, the person on the rep's side of
        that group. None when the rep knows the prospect directly (one hop) or is the
        group co-member.
    group : int or None
        The group node (negative) of the last link, when the last link is a shared group.
    teammate : int or None
        The rep's teammate at the start of the path (the first person after the rep, when
        that person is one of ``G.graph["teammates"]`` or joined to the rep by a
        ``"teammate"`` edge), so a page can say "ask Ana -- she knows Mike". None for a
        one-hop path.
    tie_kind : str or None
        Kind of the knower-target edge (a relationship kind or ``"teammate"``); for a
        one-hop path, the kind of the rep's own tie with the prospect; None through a group.
    stage : str
        One of :data:`STAGES`.
    endorsed : bool
        The knower vouched for the rep with this prospect (see :func:`classify`).
    direct : bool
        The rep has a tie of their own to the knower (True when there is no knower).
    close : bool
        The rep's own tie to the knower is strong.
    friends : bool
        The rep-knower and knower-prospect ties are both friendships.
    good : bool
        Both ends of the knower are at least "good" ties today (not cold, not gone stale):
        what a call-back script needs before it names the knower.
    ask : int or None
        Whom the rep should ask first: the knower when the rep knows them, else the first
        person on the path; None when there is no knower or the knower already vouched.
    waiting : bool
        The rep has asked ``ask`` and has no answer yet.
    """

    kind: str
    target: int
    knower: int | None
    group: int | None
    teammate: int | None
    tie_kind: str | None
    stage: str = "known"
    endorsed: bool = False
    direct: bool = True
    close: bool = False
    friends: bool = False
    good: bool = False
    ask: int | None = None
    waiting: bool = False

    @property
    def facts(self) -> dict[str, bool]:
        """What a sentence naming the knower may claim (see :mod:`referrals.truth`)."""
        return {"endorsed": self.endorsed, "direct": self.direct, "close": self.close,
                "friends": self.friends}


def _tie(G: nx.Graph, u: int, v: int) -> dict | None:
    return G._adj[u].get(v) if u in G._adj else None


def _edge_kind(G: nx.Graph, path: Path, i: int) -> str:
    """Kind of the path's i-th edge, as the graph has it now (else as the path recorded)."""
    data = G._adj[path.nodes[i]].get(path.nodes[i + 1])
    if data is not None:
        return data["kind"]
    if i < len(path.kinds):
        return path.kinds[i]
    raise ValueError(f"no edge between {path.nodes[i]} and {path.nodes[i + 1]}")


def classify(
    G: nx.Graph,
    path: Path,
    *,
    asked: Collection[int] = (),
    called_ahead: Collection[int] = (),
    pending: Collection[int] = (),
    declined: Collection[int] = (),
) -> Connection:
    """The kind of connection ``path`` gives its source (the rep) to its target (the prospect).

    The knower is the person the prospect knows: the node just before the target or, when
    the last link is a shared group (person -> group -> target), the person before that
    group. When the last link is a person, the first rule that holds decides the kind:

    1. the knower is in ``asked``, or the knower-target tie is a ``"referral"`` and the
       rep's own tie to the knower is at least good: ``"asked_to_call"``;
    2. the knower is in ``called_ahead``: ``"called_ahead"``;
    3. the knower has the role ``"reference"``: ``"reference"``;
    4. the knower is one of the team's reps (``G.graph["teammates"]``): ``"teammate"``;
    5. the knower-target tie is ``"colleague"`` or ``"former_colleague"``: ``"colleague"``;
    6. otherwise: ``"mutual"``.

    When the last link is a group, the kind is the group's kind (``"association"``,
    ``"event"`` or ``"company"``) and the knower is the person before the group, or None if
    that person is the rep. A one-hop path is ``"reconnect"`` (no knower).

    Parameters
    ----------
    G : networkx.Graph
        The team graph (see :mod:`referrals.graph.build`).
    path : Path
        A path from the rep to the prospect (:func:`~referrals.graph.paths.best_path`).
    asked : collection of int
        People known to have asked, or agreed, that the rep call this target (from
        introduction requests).
    called_ahead : collection of int
        People who called, or will call, the target on the rep's behalf (from logged
        advocate calls).
    pending : collection of int
        People the rep has asked (or is about to ask) for this introduction, with no answer
        yet: their path waits at the ``"ask"`` stage.
    declined : collection of int
        People who said no to introducing the rep to this target.

    The knower is *endorsed* when they are in ``asked`` or ``called_ahead``, or referred the
    target while the rep's own tie to them is at least good; only then may a sentence say
    they asked, suggested or vouched (:mod:`referrals.truth`). A knower the rep has never
    met, and who has not vouched, is not named to the prospect at all: the path's stage is
    ``"ask"`` and ``ask`` is the first person on it.

    Returns
    -------
    Connection

    Raises
    ------
    ValueError
        If the path has fewer than two nodes, or starts or ends at a group.
    networkx.NodeNotFound
        If a node of the path is not in the graph.

    Notes
    -----
    Long because of this docstring, which states every rule with an example of it; the
    body is one branch for a last link through a group and one ladder of the rules above
    for a last link to a person.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> from referrals.graph.paths import make_path
    >>> people = [(1, "Sam Ortiz", None, False, ()),
    ...           (2, "Mike Kincaid", "Quality Fabricators", False, ["customer"]),
    ...           (3, "Dana Lee", "Harbor Foods", False, ["prospect"])]
    >>> G = build_graph(people, [(1, 2, "customer", 5, None), (2, 3, "friend", 4, None)],
    ...                 [(7, "Ohio Manufacturers Association", "association")],
    ...                 [(7, 2), (7, 3)], today=date(2024, 6, 1))
    >>> c = classify(G, make_path(G, [1, 2, 3]))
    >>> c.kind, c.knower, c.tie_kind
    ('mutual', 2, 'friend')
    >>> classify(G, make_path(G, [1, 2, 3]), asked={2}).kind
    'asked_to_call'
    >>> c = classify(G, make_path(G, [1, 2, -7, 3]))
    >>> c.kind, c.knower, c.group, c.tie_kind
    ('association', 2, -7, None)
    >>> classify(G, make_path(G, [1, 2])).kind
    'reconnect'
    >>> c = classify(G, make_path(G, [1, 2, 3]))
    >>> c.stage, c.endorsed, c.direct, c.ask
    ('known', False, True, 2)
    >>> c = classify(G, make_path(G, [1, 2, 3]), pending={2})
    >>> c.stage, c.ask
    ('ask', 2)
    >>> classify(G, make_path(G, [1, 2, 3]), asked={2}).stage
    'warm'
    """
    nodes = tuple(path.nodes)
    if len(nodes) < 2:
        raise ValueError("a path needs at least two nodes")
    for node in nodes:
        if node not in G._node:
            raise nx.NodeNotFound(f"node {node} is not in the graph")
    source, target = nodes[0], nodes[-1]
    if source < 0 or target < 0:
        raise ValueError("a path starts and ends at a person, never at a group")
    if len(nodes) == 2:
        return Connection("reconnect", target, None, None, None, _edge_kind(G, path, 0))

    mates = G.graph.get("teammates", frozenset())
    first = nodes[1]
    teammate = None
    if first > 0 and (first in mates or _edge_kind(G, path, 0) == TEAMMATE):
        teammate = first

    before = nodes[-2]
    if before < 0:  # the last link is a shared group
        gkind = G._node[before].get("gkind", "association")
        knower = nodes[-3] if len(nodes) > 3 else None
        if knower is None:  # the rep shares the group with the prospect
            return Connection(gkind, target, None, before, teammate, None)
        endorsed = knower in asked or knower in called_ahead
        return _with_facts(G, nodes, Connection(gkind, target, knower, before, teammate, None),
                           endorsed, pending, declined)

    tie_kind = _edge_kind(G, path, len(nodes) - 2)
    if tie_kind == MEMBER:  # cannot happen between two people; be explicit rather than guess
        raise ValueError(f"edge {before}-{target} is a membership, not a relationship")
    knower = before
    mine = _tie(G, source, knower)
    referred = tie_kind == "referral" and mine is not None and mine["strength"] >= GOOD
    if knower in asked or referred:
        kind = "asked_to_call"
    elif knower in called_ahead:
        kind = "called_ahead"
    elif "reference" in G._node[knower].get("roles", ()):
        kind = "reference"
    elif knower in mates:
        kind = "teammate"
    elif tie_kind in _COLLEAGUE_TIES:
        kind = "colleague"
    else:
        kind = "mutual"
    endorsed = kind in ("asked_to_call", "called_ahead")
    return _with_facts(G, nodes, Connection(kind, target, knower, None, teammate, tie_kind),
                       endorsed, pending, declined)


def _with_facts(G: nx.Graph, nodes: tuple[int, ...], c: Connection, endorsed: bool,
                pending: Collection[int], declined: Collection[int]) -> Connection:
    """``c`` with what the data holds about its knower, and the stage that follows."""
    source, knower = nodes[0], c.knower
    assert knower is not None
    mine = _tie(G, source, knower)
    theirs = _tie(G, knower, c.group if c.group is not None else c.target)
    direct = mine is not None
    close = direct and mine["strength"] >= STRONG
    friends = (direct and c.tie_kind == "friend" and mine["kind"] == "friend")
    good = (direct and mine["strength"] >= GOOD and theirs is not None
            and theirs["strength"] >= GOOD)
    first_person = next(n for n in nodes[1:] if n > 0)
    ask = None if endorsed else (knower if direct else first_person)
    if endorsed:
        stage = "warm"
    elif ask in declined:
        stage = "declined"
    elif not direct or ask in pending:
        stage = "ask"
    else:
        stage = "known"
    return replace(c, stage=stage, endorsed=endorsed, direct=direct, close=close,
                   friends=friends, good=good, ask=ask, waiting=ask in pending)
