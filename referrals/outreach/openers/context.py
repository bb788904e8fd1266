"""The values an opener template is rendered with, for one connection on a graph path."""

from __future__ import annotations

from typing import Any

import networkx as nx

from referrals.graph.connection import Connection
from referrals.graph.paths import Path
from referrals.vocab import CONNECTION_KINDS, KIND_LABELS
from referrals.words import first_name

__all__ = ["path_context"]


def _person(G: nx.Graph, node: int) -> dict[str, Any]:
    data = G.nodes[node]
    name = str(data.get("name") or "")
    return {"name": name, "first": first_name(name), "company": data.get("company") or None}


def path_context(
    G: nx.Graph,
    path: Path | None,
    connection: Connection,
    *,
    rep: int,
    rep_name: str | None = None,
    rep_company: str | None = None,
    hook: str | None = None,
) -> dict[str, Any]:
    """The values of :data:`.sandbox.VARIABLES` for one connection: plain dicts, strings and None.

    Long because this docstring is where a caller learns what each value holds and what is
    refused, with an example that runs; the body is one check and one helper per value.

    Parameters
    ----------
    G : networkx.Graph
        The team graph, for names and companies.
    path : Path or None
        The path the connection came from (None for a public hook); it must end at the
        connection's target.
    connection : Connection
        From :func:`referrals.graph.connection.classify` (or built by the caller for a
        public hook).
    rep : int
        The rep's person id.
    rep_name, rep_company : str, optional
        Override the rep's name and company in the graph (needed if the rep is not in it).
    hook : str, optional
        What the rep saw or read about the prospect, as typed.

    Returns
    -------
    dict
        ``prospect``, ``rep``, and ``knower``, ``group``, ``teammate`` (None when the
        connection has none) as dicts of their fields; ``hook`` and ``tie_kind`` (in plain
        words) as str or None.

    Raises
    ------
    ValueError
        If the connection's kind is unknown or the path does not end at its target.
    networkx.NodeNotFound
        If a person or group of the connection (or the rep, without ``rep_name``) is not in
        the graph.

    Examples
    --------
    >>> from datetime import date
    >>> from referrals.graph.build import build_graph
    >>> from referrals.graph.connection import classify
    >>> from referrals.graph.paths import make_path
    >>> G = build_graph([(1, "Sam Ortiz", "Acme Supply", False, ()),
    ...                  (2, "Mike Kincaid", "Quality Fabricators", False, ()),
    ...                  (3, "Dana Lee", None, False, ())],
    ...                 [(1, 2, "customer", 5, None), (2, 3, "former_colleague", 4, None)],
    ...                 [], [], today=date(2024, 6, 1))
    >>> path = make_path(G, [1, 2, 3])
    >>> ctx = path_context(G, path, classify(G, path), rep=1)
    >>> ctx["knower"]["first"], ctx["prospect"]["company"], ctx["tie_kind"], ctx["group"]
    ('Mike', None, 'former colleague', None)
    """
    _check_connection(G, path, connection)
    me = _rep(G, rep, rep_name, rep_company)
    tie_kind = connection.tie_kind
    return {
        "prospect": _person(G, connection.target),
        "knower": _knower(G, connection),
        "group": _group(G, connection.group),
        "teammate": _teammate(G, connection.teammate),
        "rep": me,
        "hook": (hook or "").strip() or None,
        "tie_kind": KIND_LABELS.get(tie_kind, tie_kind.replace("_", " ")) if tie_kind else None,
    }


def _check_connection(G: nx.Graph, path: Path | None, connection: Connection) -> None:
    """Refuse an unknown kind, a path that ends elsewhere, or a node that isn't in ``G``."""
    if connection.kind not in CONNECTION_KINDS:
        raise ValueError(f"unknown kind of connection {connection.kind!r}")
    if path is not None and (not path.nodes or path.nodes[-1] != connection.target):
        raise ValueError("the path does not end at the connection's target")
    for node in (connection.target, connection.knower, connection.group, connection.teammate):
        if node is not None and node not in G:
            raise nx.NodeNotFound(f"node {node} is not in the graph")


def _rep(G: nx.Graph, rep: int, rep_name: str | None,
         rep_company: str | None) -> dict[str, Any]:
    """The rep as the graph has them, with the name and company the caller overrides."""
    if rep in G:
        me = _person(G, rep)
    elif rep_name is None:
        raise nx.NodeNotFound(f"the rep {rep} is not in the graph: pass rep_name")
    else:
        me = {"name": "", "first": "", "company": None}
    if rep_name is not None:
        me = {**me, "name": rep_name, "first": first_name(rep_name)}
    if rep_company is not None:
        me["company"] = rep_company or None
    return me


def _knower(G: nx.Graph, connection: Connection) -> dict[str, Any] | None:
    if connection.knower is None:
        return None
    # What the rep may claim about the knower is what classify found in the data
    # (referrals.truth): "suggested" needs an endorsement, "I know" a tie of the rep's
    # own, "well" a strong one, "a friend in common" two friendships.
    return {**_person(G, connection.knower), "endorsed": connection.endorsed,
            "direct": connection.direct, "close": connection.close,
            "friend": connection.friends}


def _group(G: nx.Graph, group: int | None) -> dict[str, Any] | None:
    if group is None:
        return None
    data = G.nodes[group]
    return {"name": str(data.get("name") or ""), "kind": data.get("gkind")}


def _teammate(G: nx.Graph, teammate: int | None) -> dict[str, Any] | None:
    if teammate is None:
        return None
    mate = _person(G, teammate)
    return {"name": mate["name"], "first": mate["first"]}
