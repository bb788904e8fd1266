"""The pure graph engine: tie strength, the team graph, warm paths, ranking and pictures.

Plain functions over :class:`networkx.Graph` objects whose nodes are ids; no Flask, no SQL.

Examples
--------
>>> from datetime import date
>>> from referrals.graph import build_graph, best_path, explain_path
>>> G = build_graph(
...     [(1, "Ana Ruiz", None, False, ()), (2, "Mike Kincaid", None, False, ()),
...      (3, "Dana Lee", None, False, ["prospect"])],
...     [(1, 2, "customer", 5, None), (2, 3, "friend", 5, None)],
...     [], [], today=date(2024, 6, 1))
>>> p = best_path(G, 1, 3)
>>> p.nodes, round(p.warmth, 3)
((1, 2, 3), 0.765)
>>> explain_path(G, p, today=date(2024, 6, 1))
'You sold to Mike Kincaid (strong tie); Mike and Dana Lee are friends (strong tie).'
"""

from referrals.graph.build import build_graph, touch
from referrals.graph.codes import MEMBER, group_id, group_node, is_group
from referrals.graph.explain import basic_opener, explain_path
from referrals.graph.paths import DoNotContact, Path, best_path, make_path, warm_paths
from referrals.graph.picture import layout, path_layout, strongest_ego
from referrals.graph.ranking import RankedProspect, rank_prospects
from referrals.graph.tie import (
    DEFAULT_PARAMS,
    TieParams,
    describe_tie_model,
    membership_strength,
    tie_strength,
)
from referrals.graph.update import (
    add_member,
    remove_group,
    remove_member,
    remove_person,
    set_pair_ties,
    upsert_group,
    upsert_person,
)
from referrals.vocab import GROUP_KINDS, RELATIONSHIP_KINDS, TIE_KINDS

__all__ = [
    "DEFAULT_PARAMS",
    "GROUP_KINDS",
    "MEMBER",
    "RELATIONSHIP_KINDS",
    "TIE_KINDS",
    "DoNotContact",
    "Path",
    "RankedProspect",
    "TieParams",
    "add_member",
    "basic_opener",
    "best_path",
    "build_graph",
    "describe_tie_model",
    "explain_path",
    "group_id",
    "group_node",
    "is_group",
    "layout",
    "make_path",
    "membership_strength",
    "path_layout",
    "rank_prospects",
    "remove_group",
    "remove_member",
    "remove_person",
    "set_pair_ties",
    "strongest_ego",
    "tie_strength",
    "touch",
    "upsert_group",
    "upsert_person",
    "warm_paths",
]
