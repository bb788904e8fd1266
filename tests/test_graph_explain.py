"""Plain-words explanations of paths, and the opener sentence."""

from __future__ import annotations

from datetime import date

import networkx as nx
import pytest

from referrals.graph.build import build_graph
from referrals.graph.explain import basic_opener, explain_path, strength_word
from referrals.graph.paths import best_path, make_path
from referrals.graph.update import remove_person
from referrals.words import time_ago as recency_words

TODAY = date(2024, 6, 1)
PEOPLE = [
    (1, "Ana Ruiz", "Acme", False, ()),
    (2, "Mike Kincaid", "Quality Fabricators", False, ()),
    (3, "Dana Lee", "Harbor Foods", False, ()),
    (4, "Sam Ortiz", "Harbor Foods", False, ()),
]


def two_step(kind: str, last: date | None = None, rating: int = 5):
    G = build_graph(
        PEOPLE,
        [(1, 2, "customer", 5, date(2024, 5, 18)), (2, 3, kind, rating, last)],
        [],
        [],
        today=TODAY,
    )
    return G, best_path(G, 1, 3)


@pytest.mark.parametrize(
    ("kind", "words"),
    [
        ("customer", "Mike and Dana Lee do business together"),
        ("referral", "Mike and Dana Lee are linked by a referral"),
        ("friend", "Mike and Dana Lee are friends"),
        ("family", "Mike and Dana Lee are family"),
        ("colleague", "Mike and Dana Lee work together"),
        ("former_colleague", "Mike and Dana Lee were colleagues"),
        ("acquaintance", "Mike and Dana Lee know each other"),
    ],
)
def test_one_clause_per_tie_with_kind_wording(kind, words):
    G, path = two_step(kind)
    text = explain_path(G, path, today=TODAY)
    assert text.startswith("You sold to Mike Kincaid (strong tie, last spoke 2 weeks ago); ")
    assert words in text
    assert text.endswith(".") and text.count(";") == 1


def test_shared_company_is_named_for_colleagues():
    G = build_graph(
        PEOPLE,
        [(1, 3, "friend", 5, None), (3, 4, "former_colleague", 5, None)],
        [],
        [],
        today=TODAY,
    )
    text = explain_path(G, best_path(G, 1, 4), today=TODAY)
    assert "Dana and Sam Ortiz were colleagues at Harbor Foods" in text


def test_strength_and_recency_words():
    G, path = two_step("acquaintance", date(2021, 1, 1), rating=1)
    text = explain_path(G, path, today=TODAY)
    assert "(light tie, last spoke 3 years ago)" in text
    assert (
        strength_word(0.6) == "strong"
        and strength_word(0.3) == "good"
        and strength_word(0.29) == "light"
    )
    assert recency_words(date(2024, 5, 31), TODAY) == "yesterday"
    assert recency_words(date(2024, 5, 25), TODAY) == "7 days ago"
    assert recency_words(date(2024, 1, 1), TODAY) == "5 months ago"
    assert recency_words(date(2024, 7, 1), TODAY) == "on 2024-07-01"


@pytest.mark.parametrize(
    ("gkind", "words"),
    [
        ("association", "Mike and Dana Lee are both members of Ohio Manufacturers"),
        ("event", "Mike and Dana Lee both attended Ohio Manufacturers"),
        ("company", "Mike and Dana Lee both work at Ohio Manufacturers"),
    ],
)
def test_shared_group_is_one_clause(gkind, words):
    G = build_graph(
        PEOPLE,
        [(1, 2, "friend", 5, None)],
        [(8, "Ohio Manufacturers", gkind)],
        [(8, 2), (8, 3)],
        today=TODAY,
    )
    path = best_path(G, 1, 3)
    assert path.nodes == (1, 2, -8, 3)
    text = explain_path(G, path, today=TODAY)
    assert words in text
    assert text.count(";") == 1


def test_teammate_and_third_person_wording():
    G = build_graph(PEOPLE, [(2, 3, "customer", 5, None)], [], [], teammates=[1, 2], today=TODAY)
    path = best_path(G, 1, 3)
    assert explain_path(G, path, today=TODAY).startswith("Mike Kincaid is on your team")
    third = explain_path(G, path, today=TODAY, source_is_user=False)
    assert third.startswith("Ana Ruiz and Mike Kincaid are on the same team")
    assert "You" not in third


def test_missing_node_raises():
    G, path = two_step("friend")
    remove_person(G, 2)
    with pytest.raises(nx.NodeNotFound):
        explain_path(G, path, today=TODAY)
    with pytest.raises(nx.NodeNotFound):
        basic_opener(G, path)


def test_opener_names_whom_the_prospect_knows():
    G, path = two_step("acquaintance")
    # The graph alone never holds an endorsement: the plain opener says only what it knows.
    assert basic_opener(G, path) == "I believe you know Mike Kincaid at Quality Fabricators."
    G, path = two_step("friend")
    assert basic_opener(G, path) == "I believe you know Mike Kincaid at Quality Fabricators."
    G, path = two_step("former_colleague")
    assert basic_opener(G, path) == "I believe you and Mike Kincaid used to work together."
    direct = make_path(G, [1, 2])
    opener = basic_opener(G, direct)
    assert "Quality Fabricators" in opener and "suggested" not in opener


def test_opener_through_a_group():
    G = build_graph(
        PEOPLE,
        [(1, 2, "friend", 5, None)],
        [(8, "Spring Fabrication Expo", "event")],
        [(8, 2), (8, 3), (8, 1)],
        today=TODAY,
    )
    shared = make_path(G, [1, -8, 3])
    assert basic_opener(G, shared) == (
        "We were both at Spring Fabrication Expo, and I wanted to follow up with you."
    )
    via = make_path(G, [1, 2, -8, 3])
    assert basic_opener(G, via) == (
        "I believe you and Mike Kincaid were both at Spring Fabrication Expo."
    )
