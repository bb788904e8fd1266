"""Building the team graph from rows of plain tuples, and what its nodes and edges hold.

Nodes are ids, never ORM objects:

* a person is its (positive) person id, with attributes ``name``, ``company``, ``dnc``
  (do not contact, bool) and ``roles`` (frozenset of str);
* a group is the NEGATIVE of its group id (see :func:`~referrals.graph.codes.group_node`),
  with attributes ``name``, ``gkind`` (association, event, company) and ``size`` (its number
  of members).

The graph is an undirected simple :class:`networkx.Graph` (a :class:`TeamGraph`). A pair of
people may have several relationships; their edge keeps the strongest one: ``strength`` (in
(0, 1]), ``cost`` (``-log(strength)``, so the warmest path is the shortest), ``kind`` (the
relationship kind, ``"teammate"``, or ``"member"`` for a person-group edge) and, when the
relationship has a date of last interaction, ``last`` (its ``date.toordinal()``, an int, to
keep edges small).
Equal strengths are settled by a fixed order of kinds, then the latest date, so a graph
updated in place (:mod:`referrals.graph.update`) is always equal to one rebuilt from the
same data.

Edges with the same attributes share one attribute dict (a million ties hold only tens of
thousands of distinct values: this saves about 250 MB and a second of build at 100,000
people). Treat edge attribute dicts as read-only: the build and the updates replace an
edge's dict, never change it in place, and so must any other code.

``G.graph`` holds ``version`` (bumped by every update that changes what an index reads –
structure, costs, do-not-contact; not names or roles: indexes built over the graph check it
and rebuild lazily), ``today`` (the day its strengths are for, which updates that compute
a strength should be given too), ``params`` (the tie model's constants, the updates' default)
and ``teammates`` (frozenset of the person ids of the team's users). If you change the graph by
any other means, call :func:`touch` afterwards.

Rows (a node's neighbour dict) and node attribute dicts are never changed in place either:
the updates replace them with changed copies. So a :func:`fork` – a new graph sharing every
row – can be updated while other threads read the old graph, which stays a consistent
snapshot with no locks; and an index can tell the rows that changed since it was built by
their identity (``referrals.graph.index`` patches itself instead of rebuilding).

:func:`bump`, :func:`best_tie`, :func:`edge_attrs`, :func:`link_members`,
:func:`writable_row` and :func:`set_node_attrs` are shared with :mod:`referrals.graph.update`,
so the build and the updates keep these rules in one place.
"""

from __future__ import annotations

import gc
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import partial
from itertools import chain

import networkx as nx

from referrals.graph.codes import MEMBER, check_id, decode_tie, tie_code
from referrals.graph.tie import DEFAULT_PARAMS, TieParams, membership_strength, tie_strength
from referrals.vocab import GROUP_KINDS, TEAMMATE, TIE_KINDS

__all__ = ["TeamGraph", "build_graph", "fork", "touch"]

# Equal strengths: the kind listed first wins (fixed, so rebuild == in-place update).
_KIND_RANK = {kind: -i for i, kind in enumerate(TIE_KINDS)}

PersonRow = tuple[int, str, "str | None", bool, Iterable[str]]
TieRow = tuple[int, int, str, int, "date | None"]
CodedTieRow = tuple[int, int, int]  # (person_a, person_b, tie_code(kind, rating, last))
GroupRow = tuple[int, str, str]


def touch(G: nx.Graph) -> int:
    """Bump ``G.graph["version"]`` after changing ``G`` by other means; returns the new version.

    Cached indexes of ``G`` then rebuild in full: changes made by other means may have
    changed rows in place, which an index cannot see.

    Examples
    --------
    >>> G = nx.Graph(version=3)
    >>> touch(G)
    4
    >>> G.graph["touched"]
    4
    """
    version = bump(G)
    G.graph["touched"] = version
    return version


def bump(G: nx.Graph) -> int:
    """Bump the version after a change that kept the rules (rows replaced, never changed)."""
    version = G.graph.get("version", 0) + 1
    G.graph["version"] = version
    return version


# Edge attribute values are shared between edges with the same inputs: millions of edges
# hold only a few thousand distinct (strength, cost) floats, which saves ~50 bytes an edge.
def _strength_cost(strength: float, memo: dict[float, tuple[float, float]]) -> tuple[float, float]:
    found = memo.get(strength)
    if found is None:
        found = memo[strength] = (strength, -math.log(strength))
    return found


def best_tie(
    ties: Iterable[tuple[str, int, date | None]],
    teammates: bool,
    today: date,
    params: TieParams,
) -> tuple[float, str, int | None] | None:
    """(strength, kind, last ordinal) of the strongest tie of a pair, or None for none."""
    best: tuple[float, int, int, str, int | None] | None = None
    candidates = list(ties)
    if teammates:
        candidates.append((TEAMMATE, params.teammate_rating, None))
    for kind, rating, last in candidates:
        strength = tie_strength(kind, rating, last, today=today, params=params)
        ordinal = last.toordinal() if last is not None else None
        rank = (*_rank(strength, kind, ordinal), kind, ordinal)
        if best is None or rank[:3] > best[:3]:
            best = rank
    if best is None:
        return None
    return best[0], best[3], best[4]


def _rank(strength: float, kind: str, last: int | None) -> tuple[float, int, int]:
    """Order of ties of one pair: strongest, then the kind listed first, then the latest."""
    return (strength, _KIND_RANK[kind], last if last is not None else -1)


def _offer(
    adj: dict,
    a: int,
    b: int,
    strength: float,
    kind: str,
    last: int | None,
    memo: dict[float, tuple[float, float]],
) -> None:
    """Make (strength, kind, last) the edge a-b unless the pair already has a stronger tie."""
    old = adj[a].get(b)
    if old is not None and _rank(old["strength"], old["kind"], old.get("last")) >= _rank(
        strength, kind, last
    ):
        return
    attrs = edge_attrs(strength, kind, last, memo)
    adj[a][b] = attrs
    adj[b][a] = attrs


def edge_attrs(
    strength: float, kind: str, last: int | None, memo: dict[float, tuple[float, float]]
) -> dict[str, object]:
    """A new edge attribute dict; its floats are shared through ``memo``."""
    strength, cost = _strength_cost(strength, memo)
    attrs: dict[str, object] = {"cost": cost, "strength": strength, "kind": kind}
    if last is not None:
        attrs["last"] = last
    return attrs


def build_graph(
    people: Iterable[PersonRow],
    ties: Iterable[TieRow],
    groups: Iterable[GroupRow],
    memberships: Iterable[tuple[int, int]],
    *,
    coded_ties: Iterable[CodedTieRow] = (),
    teammates: Iterable[int] = (),
    today: date,
    params: TieParams = DEFAULT_PARAMS,
) -> nx.Graph:
    """Build the team graph from plain tuples.

    Parameters
    ----------
    people : iterable of (id, name, company, do_not_contact, roles)
        Ids are positive ints; a repeated id keeps its last row.
    ties : iterable of (person_a, person_b, kind, rating, last_interaction)
        Relationships. A tie naming a person not in ``people``, or a person with themself, is
        ignored (the data may change between the reads); a bad kind or rating raises
        ValueError.
    coded_ties : iterable of (person_a, person_b, code)
        More relationships, each with its kind, rating and date as one
        :func:`~referrals.graph.codes.tie_code` (what the database hands over: the fastest
        form). A bad code raises ValueError.
    groups : iterable of (id, name, kind)
        Groups; kind is association, event or company.
    memberships : iterable of (group_id, person_id)
        Memberships naming an unknown group or person are ignored, as are repeats.
    teammates : iterable of int
        Person ids of the team's users. Each pair of them is joined by an implicit
        ``teammate`` tie (rated ``params.teammate_rating``, no date) unless an explicit tie
        of theirs is stronger. Ids not in ``people`` get their ties if added later (upsert_person).
    today : date
        Day used for the decay of ties.
    params : TieParams
        Constants of the tie-strength model.

    Returns
    -------
    networkx.Graph
        See the module docstring for the node and edge attributes.

    Notes
    -----
    Long because of this docstring: what each kind of row may hold, and what is ignored or
    refused, is the build's contract. The body is one call, with the garbage collector
    paused.

    Examples
    --------
    >>> G = build_graph(
    ...     [(1, "Ana Ruiz", "Acme", False, ["advocate"]), (2, "Mike Kincaid", None, False, [])],
    ...     [(1, 2, "acquaintance", 2, None), (2, 1, "customer", 5, None)],
    ...     [(9, "Ohio Manufacturers Association", "association")],
    ...     [(9, 1), (9, 2), (9, 3)],
    ...     today=date(2024, 6, 1),
    ... )
    >>> G.edges[1, 2]["kind"], G.edges[1, 2]["strength"]
    ('customer', 0.9)
    >>> from referrals.graph.codes import group_node
    >>> G.nodes[group_node(9)]["size"]
    2
    """
    # A million new dicts trigger the cyclic garbage collector over and over, each time
    # walking the growing graph: a third of the build time. Nothing here makes cycles.
    with _gc_paused():
        return _build(
            people, chain(coded_ties, _coded(ties)), groups, memberships, teammates, today, params
        )


def _coded(ties: Iterable[TieRow]) -> Iterator[CodedTieRow]:
    """Plain tie rows as coded ones (each distinct kind, rating and date coded once)."""
    codes: dict[tuple[str, int, date | None], int] = {}
    for a, b, kind, rating, last in ties:
        code = codes.get((kind, rating, last))
        if code is None:
            code = codes[(kind, rating, last)] = tie_code(kind, rating, last)
        yield a, b, code


@contextmanager
def _gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _build(
    people: Iterable[PersonRow],
    ties: Iterable[CodedTieRow],
    groups: Iterable[GroupRow],
    memberships: Iterable[tuple[int, int]],
    teammates: Iterable[int],
    today: date,
    params: TieParams,
) -> nx.Graph:
    """The graph of :func:`build_graph` from coded ties: one pass over each kind of row."""
    G = TeamGraph()
    G.graph.update(version=0, today=today, params=params, teammates=frozenset())
    _add_people(G, people)
    # Each person's id and adjacency row, found by one lookup per tie end. The id object is
    # the node's own, reused as every adjacency key: saves ~28 bytes per edge end.
    ends = {pid: (pid, G._adj[pid]) for pid in G._node}
    # All of them are kept: a teammate added later as a person gets the ties then.
    G.graph["teammates"] = frozenset(teammates)
    memo: dict[float, tuple[float, float]] = {}
    _add_ties(G._adj, ends, ties, today, params, memo)
    _add_teammate_ties(G._adj, ends, G.graph["teammates"], today, params, memo)
    _add_groups(G, ends, groups, memberships, params, memo)
    return G


def _add_people(G: nx.Graph, people: Iterable[PersonRow]) -> None:
    """A node per person of a graph being built; a repeated id keeps its last row."""
    node_data = G._node
    adj = G._adj
    role_sets: dict[frozenset[str], frozenset[str]] = {}  # a handful of distinct role sets
    for row in people:
        pid, name, company, dnc, roles = row
        check_id(pid, "person id")
        roles = frozenset(roles)
        roles = role_sets.setdefault(roles, roles)
        attrs = {"name": name, "company": company, "dnc": bool(dnc), "roles": roles}
        if pid in node_data:
            node_data[pid].update(attrs)
        else:
            node_data[pid] = attrs
            adj[pid] = {}


def _add_ties(
    adj: dict,
    ends: dict[int, tuple[int, dict]],
    ties: Iterable[CodedTieRow],
    today: date,
    params: TieParams,
    memo: dict[float, tuple[float, float]],
) -> None:
    """The ties between known people, the strongest per pair, into a graph being built."""
    # Write each tie straight into the adjacency, keeping the strongest per pair: no big
    # temporary dict of pairs, whose ~200 MB at a million ties would fragment the heap.
    # code -> the edge attribute dict, shared by every edge with the same kind, rating and
    # date (a million ties hold only tens of thousands of distinct codes).
    by_code: dict[int, dict[str, object]] = {}
    for a, b, code in ties:
        end_a = ends.get(a)
        end_b = ends.get(b)
        if end_a is None or end_b is None or end_a is end_b:
            continue
        attrs = by_code.get(code)
        if attrs is None:
            kind, rating, day = decode_tie(code)
            strength = tie_strength(kind, rating, day, today=today, params=params)
            attrs = by_code[code] = edge_attrs(
                strength, kind, day.toordinal() if day else None, memo
            )
        a, row_a = end_a
        b, row_b = end_b
        if b in row_a:  # the pair's second relationship: keep the stronger (rare)
            _offer(adj, a, b, attrs["strength"], attrs["kind"], attrs.get("last"), memo)
            continue
        # The common case inline: a million function calls cost a second at 100,000 people.
        row_a[b] = attrs
        row_b[a] = attrs


def _add_teammate_ties(
    adj: dict,
    ends: dict[int, tuple[int, dict]],
    teammates: Iterable[int],
    today: date,
    params: TieParams,
    memo: dict[float, tuple[float, float]],
) -> None:
    """The implicit tie of each pair of teammates, unless they have a stronger one."""
    mates = [pid for pid in teammates if pid in ends]
    if len(mates) > 1:
        mate_strength = tie_strength(
            TEAMMATE, params.teammate_rating, None, today=today, params=params
        )
        ordered = sorted(ends[pid][0] for pid in mates)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                _offer(adj, a, b, mate_strength, TEAMMATE, None, memo)


def _add_groups(
    G: nx.Graph,
    ends: dict[int, tuple[int, dict]],
    groups: Iterable[GroupRow],
    memberships: Iterable[tuple[int, int]],
    params: TieParams,
    memo: dict[float, tuple[float, float]],
) -> None:
    """The groups and their members' edges, into a graph being built."""
    node_data = G._node
    for gid, name, gkind in groups:
        check_id(gid, "group id")
        if gkind not in GROUP_KINDS:
            raise ValueError(f"unknown group kind {gkind!r}")
        node = -gid
        if node in node_data:
            node_data[node].update(name=name, gkind=gkind)
        else:
            G.add_node(node, name=name, gkind=gkind, size=0)
    members: dict[int, set[int]] = {node: set() for node in node_data if node < 0}
    for gid, pid in memberships:
        found = members.get(-gid)
        end = ends.get(pid)
        if found is not None and end is not None:
            found.add(end[0])
    for node, people_in in members.items():
        link_members(G, node, people_in, params, memo, fresh=True)


def link_members(
    G: nx.Graph,
    node: int,
    people: Iterable[int],
    params: TieParams,
    memo: dict[float, tuple[float, float]] | None = None,
    *,
    fresh: bool = False,
) -> None:
    """(Re)write the edges of group ``node`` to exactly ``people``, sized to their number.

    ``fresh``: a graph being built, whose rows nobody has seen yet – written in place.
    """
    people = set(people)
    row = G._adj.__getitem__ if fresh else partial(writable_row, G)
    own = row(node)
    for gone in set(own) - people:
        del row(gone)[node]
        del own[gone]
    set_node_attrs(G, node, size=len(people))
    if not people:
        return
    strength = membership_strength(G._node[node]["gkind"], len(people), params)
    attrs = edge_attrs(strength, MEMBER, None, {} if memo is None else memo)
    for pid in people:  # one attribute dict shared by all of the group's edges
        own[pid] = attrs
        row(pid)[node] = attrs


def writable_row(G: nx.Graph, node: int) -> dict:
    """A copy of ``node``'s adjacency row, put in its place: change it, never the old one.

    Call it once per node per change (a loop keeps the copy it got).
    """
    row = G._adj[node] = dict(G._adj[node])
    return row


def set_node_attrs(G: nx.Graph, node: int, **attrs: object) -> None:
    """Replace ``node``'s attribute dict with an updated copy (never changed in place)."""
    G._node[node] = {**G._node[node], **attrs}


class TeamGraph(nx.Graph):
    """The :class:`networkx.Graph` the build makes: the same, but its edge and degree views
    are made on each use instead of cached on the graph.

    Cached, they are a reference cycle (graph -> view -> graph), so a graph that a replay
    retires (see :func:`fork`) would wait for a full garbage collection – about 10 MB of
    top-level dicts each at 100,000 people – instead of being freed when its last reader lets
    go. A view costs a microsecond to make.

    Examples
    --------
    >>> import weakref
    >>> G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())],
    ...                 [(1, 2, "friend", 4, None)], [], [], today=date(2024, 6, 1))
    >>> G.edges[1, 2]["kind"], G.degree[1]
    ('friend', 1)
    >>> gone = weakref.ref(G)
    >>> del G
    >>> gone() is None
    True
    """

    @property
    def edges(self) -> nx.classes.reportviews.EdgeView:  # type: ignore[override]
        return nx.classes.reportviews.EdgeView(self)

    @property
    def degree(self) -> nx.classes.reportviews.DegreeView:  # type: ignore[override]
        return nx.classes.reportviews.DegreeView(self)


def fork(G: nx.Graph) -> nx.Graph:
    """A new graph equal to ``G`` that shares its rows, to update while others read ``G``.

    Only the two top-level dicts are copied (milliseconds at 100,000 people). The updates
    (:mod:`referrals.graph.update`) replace a row or a node's attribute dict rather than
    change it, so nothing a reader of ``G`` can see ever changes.

    Examples
    --------
    >>> from referrals.graph.update import remove_person, upsert_person
    >>> G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())],
    ...                 [(1, 2, "friend", 4, None)], [], [], today=date(2024, 6, 1))
    >>> H = fork(G)
    >>> remove_person(H, 2)
    >>> upsert_person(H, 1, "Ana", None, False, (), today=date(2024, 6, 1))
    >>> sorted(G.edges), G.nodes[1]["name"], sorted(H.edges), H.nodes[1]["name"]
    ([(1, 2)], 'A', [], 'Ana')
    """
    H = G.__class__()
    H.graph.update(G.graph)
    H._node = dict(G._node)
    H._adj = dict(G._adj)
    return H
