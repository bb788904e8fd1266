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
keep edges small). The edge of a pair with two or more relationships also holds ``ties``:
the sorted :func:`~referrals.graph.codes.tie_code` of each, so a new day
(:func:`redate`) can tell whether another of them is now the strongest.
Equal strengths are settled by a fixed order of kinds, then the latest date, so a graph
updated in place (:mod:`referrals.graph.update`) or moved to a later day (:func:`redate`) is
always equal to one rebuilt from the same data.

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

:func:`bump`, :func:`best_tie`, :func:`pair_attrs`, :func:`edge_attrs`, :func:`link_members`,
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
import numpy as np

from referrals.graph import journal
from referrals.graph.codes import (
    KIND_SLOTS,
    MEMBER,
    RATING_SLOTS,
    TIE_CODE_KINDS,
    check_id,
    decode_tie,
    tie_code,
)
from referrals.graph.tie import (
    DEFAULT_PARAMS,
    TieParams,
    membership_strength,
    tie_strength,
    tie_strengths,
)
from referrals.vocab import GROUP_KINDS, TEAMMATE, TIE_KINDS

__all__ = ["TeamGraph", "build_graph", "fork", "redate", "touch"]

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
    if old is not None and "ties" in old:  # the teammate tie won: the pair's ties stay known
        attrs["ties"] = old["ties"]
    adj[a][b] = attrs
    adj[b][a] = attrs


def pair_attrs(
    codes: tuple[int, ...],
    teammates: bool,
    today: date,
    params: TieParams,
    memo: dict[float, tuple[float, float]],
) -> dict[str, object] | None:
    """The edge attribute dict of a pair with these relationships (tie codes), or None.

    Two or more relationships: the dict holds them too, as ``ties`` (sorted).
    """
    best = best_tie(map(decode_tie, codes), teammates, today, params)
    if best is None:
        return None
    attrs = edge_attrs(best[0], best[1], best[2], memo)
    if len(codes) > 1:
        attrs["ties"] = tuple(sorted(codes))
    return attrs


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
    code_of: dict[int, int] = {}  # id of a shared attribute dict -> its code
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
            code_of[id(attrs)] = code
        a, row_a = end_a
        b, row_b = end_b
        if b in row_a:  # the pair's second relationship: keep the stronger, and both (rare)
            old = row_a[b]
            codes = old["ties"] if "ties" in old else (code_of[id(old)],)
            attrs = pair_attrs((*codes, code), False, today, params, memo)  # type: ignore[misc]
            row_a[b] = attrs
            row_b[a] = attrs
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
    journal.note(G, node)
    return row


def set_node_attrs(G: nx.Graph, node: int, **attrs: object) -> None:
    """Replace ``node``'s attribute dict with an updated copy (never changed in place)."""
    G._node[node] = {**G._node[node], **attrs}
    journal.note(G, node)


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
    journal.carry(G, H)
    H._node = dict(G._node)
    H._adj = dict(G._adj)
    return H


def redate(G: nx.Graph, today: date) -> nx.Graph:
    """``G`` moved to a later day: a new graph equal to one built from the same data on
    ``today``, made from ``G``'s rows instead of the database.

    Only what the date changes is recomputed: the strength of each distinct dated edge
    attribute dict (tens of thousands at a million ties, shared as the build shares them),
    the pairs with several relationships (their ``ties``) and the pairs of teammates. Rows
    with no dated edge are shared with ``G``, the others replaced by copies (same keys, same
    order: an index of ``G`` keeps its structure, see
    :func:`~referrals.graph.index.redate_index`); ``G`` is left as it was, so requests
    reading it keep a consistent day.

    Raises
    ------
    ValueError
        If ``today`` is before ``G``'s day (strengths only ever decay going forward, which
        is what lets a pair won by an undated tie stay as it is).

    Examples
    --------
    >>> G = build_graph([(1, "A", None, False, ()), (2, "B", None, False, ())],
    ...                 [(1, 2, "friend", 5, date(2024, 6, 1))], [], [], today=date(2024, 6, 1))
    >>> H = redate(G, date(2025, 6, 1))
    >>> G.edges[1, 2]["strength"], H.edges[1, 2]["strength"], H.graph["today"]
    (0.85, 0.425, datetime.date(2025, 6, 1))
    """
    day: date = G.graph["today"]
    if today < day:
        raise ValueError(f"a graph of {day} cannot be moved back to {today}")
    params: TieParams = G.graph.get("params", DEFAULT_PARAMS)
    H = G.__class__()
    H.graph.update(G.graph)
    H.graph["today"] = today
    H._node = dict(G._node)
    if today == day:
        journal.carry(G, H)
        H._adj = dict(G._adj)
        return H
    H.graph.pop(journal.KEY, None)  # nearly every row is new: an index of H compares them all
    bump(H)  # its costs changed: an index of G must not serve it as it is
    with _gc_paused():
        H._adj = _redated_rows(G, day, today, params)
    return H


#: Rows read per step while redating: a step is one C-level pass over ~40,000 entries
#: (a few ms holding the interpreter lock), then other threads get their turn.
REDATE_ROWS = 2_000


def _day_attrs(objects: list[dict], day: date, today: date, params: TieParams) -> list[dict]:
    """For each distinct edge attribute dict of ``day``, its dict for ``today``.

    Undated dicts are their own. The dated ones are worked out together with numpy: each
    one's rating is the one whose strength on ``day`` is exactly the dict's (several ratings
    giving equal strengths, with ``rating_low`` 1, give equal strengths on any day: the
    highest stands for all), and its new strength that tie's on ``today``. Dicts of the same
    tie share one new dict, as the build shares them.
    """
    memo: dict[float, tuple[float, float]] = {}
    new: list[dict] = list(objects)  # undated (member, teammate, no date): their own
    dated = [i for i, old in enumerate(objects) if "last" in old and "ties" not in old]
    if dated:
        olds = [objects[i] for i in dated]
        kinds = np.fromiter((TIE_CODE_KINDS[d["kind"]] for d in olds), dtype=np.int64,
                            count=len(olds))
        lasts = np.fromiter((d["last"] for d in olds), dtype=np.int64, count=len(olds))
        then = np.fromiter((d["strength"] for d in olds), dtype=np.float64, count=len(olds))
        ratings = np.zeros(len(olds), dtype=np.int64)
        for rating in (5, 4, 3, 2, 1):
            found = tie_strengths(kinds, np.full(len(olds), rating), lasts, today=day,
                                  params=params)
            ratings[(ratings == 0) & (found == then)] = rating
        if not ratings.all():
            bad = olds[int(np.argmin(ratings))]
            raise ValueError(f"edge {bad!r} was not made on {day} with these parameters")
        codes = (lasts * RATING_SLOTS + ratings) * KIND_SLOTS + kinds
        for i, attrs in zip(dated, _coded_attrs(codes, today, params, memo), strict=True):
            new[i] = attrs
    several = [i for i, old in enumerate(objects) if "ties" in old]
    if several:
        for i, attrs in zip(several, _pairs_attrs([objects[i]["ties"] for i in several],
                                                   today, params, memo), strict=True):
            new[i] = attrs
    return new


def _coded_attrs(
    codes: np.ndarray, today: date, params: TieParams, memo: dict[float, tuple[float, float]]
) -> list[dict]:
    """The edge attribute dict of each tie code on ``today``, one dict per distinct code."""
    distinct, which = np.unique(codes, return_inverse=True)
    rest, kinds = np.divmod(distinct, KIND_SLOTS)
    lasts, ratings = np.divmod(rest, RATING_SLOTS)
    now = tie_strengths(kinds, ratings, lasts, today=today, params=params)
    made = [edge_attrs(strength, TIE_KINDS[kind], last or None, memo)
            for strength, kind, last in zip(now.tolist(), kinds.tolist(), lasts.tolist(),
                                            strict=True)]
    return list(map(made.__getitem__, which.reshape(-1).tolist()))


def _pairs_attrs(
    ties: list[tuple[int, ...]], today: date, params: TieParams,
    memo: dict[float, tuple[float, float]],
) -> list[dict]:
    """:func:`pair_attrs` (teammates aside) of many pairs' tie codes at once, with numpy.

    Equal ranks mean equal strength, kind and date: whichever wins, the dict is the same.
    """
    lens = np.fromiter(map(len, ties), dtype=np.int64, count=len(ties))
    codes = np.fromiter(chain.from_iterable(ties), dtype=np.int64, count=int(lens.sum()))
    rest, kinds = np.divmod(codes, KIND_SLOTS)
    lasts, ratings = np.divmod(rest, RATING_SLOTS)
    strength = tie_strengths(kinds, ratings, lasts, today=today, params=params)
    pair = np.repeat(np.arange(len(ties)), lens)
    # _rank: strongest, then the kind listed first, then the latest date (none: -1)
    order = np.lexsort((np.where(lasts > 0, lasts, -1), -kinds, strength, pair))
    last_of_pair = np.cumsum(lens) - 1
    best = order[last_of_pair]
    out = []
    for pair_ties, s, kind, last in zip(ties, strength[best].tolist(), kinds[best].tolist(),
                                        lasts[best].tolist(), strict=True):
        attrs = edge_attrs(s, TIE_KINDS[kind], last or None, memo)
        attrs["ties"] = pair_ties
        out.append(attrs)
    return out


def _redated_rows(G: nx.Graph, day: date, today: date, params: TieParams) -> dict:
    """The adjacency of :func:`redate`: each row's values mapped to the new day's dicts.

    Every entry's attribute dict is named by a number (its slot among the distinct dicts,
    found with numpy from the dicts' ids), so the new rows are made by list lookups, a slice
    of rows at a time, and rows with nothing dated are kept as they are. Every step works on
    :data:`REDATE_ROWS` rows: one over all ten million entries at once (a sort, a scatter)
    held the interpreter's lock for up to 0.7 s at a million people.
    """
    adj = G._adj
    nodes, rows = list(adj), list(adj.values())
    n = len(rows)
    deg = np.fromiter(map(len, rows), dtype=np.int64, count=n)
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(deg, out=starts[1:])
    slot, objects = _distinct_values(rows, starts)
    made = _day_attrs(objects, day, today, params)
    moved = np.fromiter((a is not b for a, b in zip(made, objects, strict=True)),
                        dtype=bool, count=len(made))
    new_rows: dict[int, dict] = {}
    for lo in range(0, n, REDATE_ROWS):
        hi = min(lo + REDATE_ROWS, n)
        base = int(starts[lo])
        slots = slot[base:starts[hi]]
        values = list(map(made.__getitem__, slots.tolist()))
        offsets = (starts[lo:hi] - base).tolist()
        entry_moved = np.append(moved[slots], False)
        row_moved = (np.logical_or.reduceat(entry_moved, starts[lo:hi] - base)
                     & (deg[lo:hi] > 0)) if hi > lo else deg[lo:hi] > 0
        for node, row, at, end, moves in zip(
                nodes[lo:hi], rows[lo:hi], offsets, offsets[1:] + [len(values)],
                row_moved.tolist(), strict=True):
            new_rows[node] = dict(zip(row, values[at:end], strict=True)) if moves else row
    _redate_teammates(G, new_rows, today, params)
    return new_rows


def _distinct_values(rows: list[dict], starts: np.ndarray) -> tuple[np.ndarray, list[dict]]:
    """Each entry's slot among the distinct attribute dicts of ``rows`` (by identity), and
    those dicts, :data:`REDATE_ROWS` rows at a time: the ids seen so far are kept sorted,
    with their slots, and each slice's distinct ids are looked up in them with numpy.

    >>> a, b = {"cost": 1.0}, {"cost": 2.0}
    >>> rows = [{2: a, 3: b}, {1: a}, {1: b}]
    >>> slot, objects = _distinct_values(rows, np.array([0, 2, 3, 4]))
    >>> [objects[s] for s in slot.tolist()] == [a, b, a, b], len(objects)
    (True, 2)
    """
    slot = np.empty(int(starts[-1]), dtype=np.int64)
    known_ids = np.zeros(0, dtype=np.uint64)
    known_slots = np.zeros(0, dtype=np.int64)
    objects: list[dict] = []
    for lo in range(0, len(rows), REDATE_ROWS):
        hi = min(lo + REDATE_ROWS, len(rows))
        values = list(chain.from_iterable(map(dict.values, rows[lo:hi])))
        ids = np.fromiter(map(id, values), dtype=np.uint64, count=len(values))
        distinct, first, inverse = np.unique(ids, return_index=True, return_inverse=True)
        at = np.searchsorted(known_ids, distinct)
        found = known_ids[np.minimum(at, len(known_ids) - 1)] == distinct if len(known_ids) \
            else np.zeros(len(distinct), dtype=bool)
        new = np.flatnonzero(~found)
        new_slots = np.arange(len(objects), len(objects) + len(new), dtype=np.int64)
        objects.extend(map(values.__getitem__, first[new].tolist()))
        slots = np.empty(len(distinct), dtype=np.int64)
        slots[found] = known_slots[at[found]]
        slots[new] = new_slots
        known_ids = np.insert(known_ids, at[new], distinct[new])
        known_slots = np.insert(known_slots, at[new], new_slots)
        slot[starts[lo]:starts[hi]] = slots[inverse.reshape(-1)]
    return slot, objects


def _redate_teammates(G: nx.Graph, rows: dict, today: date, params: TieParams) -> None:
    """Teammates: their implicit tie may now beat a decayed explicit one (a rare few pairs)."""
    adj = G._adj
    mates = sorted(pid for pid in G.graph.get("teammates", ()) if pid in adj and pid > 0)
    mate = tie_strength(TEAMMATE, params.teammate_rating, None, today=today, params=params)
    for i, a in enumerate(mates):
        for b in mates[i + 1:]:
            old = adj[a].get(b)
            if old is None:
                continue
            if "ties" in old:  # worked out above as if they were not teammates
                new = pair_attrs(old["ties"], True, today, params, {})  # type: ignore[arg-type]
            elif old.get("kind") == TEAMMATE or "last" not in old:
                continue  # an undated winner stays the winner: no tie grows stronger
            elif _rank(mate, TEAMMATE, None) > _rank(
                    rows[a][b]["strength"], str(old["kind"]), int(old["last"])):  # type: ignore[call-overload]
                new = edge_attrs(mate, TEAMMATE, None, {})
            else:
                continue
            for u, v in ((a, b), (b, a)):
                if rows[u] is adj[u]:
                    rows[u] = dict(adj[u])
                rows[u][v] = new
