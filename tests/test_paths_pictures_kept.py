"""Kept network pictures: reused for the same graph and arguments, never across graphs."""

from __future__ import annotations

from datetime import date

from referrals.graph import build as gb
from referrals.graph.paths import warm_paths
from referrals.graph.update import remove_person, upsert_person
from referrals.paths import pictures

TODAY = date(2024, 6, 1)
HREF = pictures.id_links("/people/987654321", "/groups/987654321#members")


def graph(names: dict[int, str] | None = None):
    names = names or {}
    people = [(i, names.get(i, f"P{i}"), None, False, ()) for i in range(1, 7)]
    ties = [(1, 2, "friend", 5, None), (2, 3, "family", 4, None), (1, 4, "friend", 3, None),
            (4, 3, "friend", 2, None), (3, 5, "colleague", 3, None), (2, 6, "friend", 1, None)]
    return gb.build_graph(people, ties, [], [], today=TODAY)


def names_in(picture: pictures.Picture) -> list[str]:
    return [d.title for d in picture.dots]


def test_the_same_graph_and_arguments_reuse_the_picture_drawn_first():
    G = graph()
    first = pictures.kept_network_picture(G, 3, HREF, you=1)
    again = pictures.kept_network_picture(
        G, 3, pictures.id_links("/people/987654321", "/groups/987654321#members"), you=1)
    assert again is first
    assert first == pictures.network_picture(G, 3, HREF, you=1)  # the same as drawn now


def test_other_arguments_draw_their_own_picture():
    G = graph()
    plain = pictures.kept_network_picture(G, 3, HREF, you=1)
    found = list(warm_paths(G, 1, 3, k=2))
    assert found
    with_paths = pictures.kept_network_picture(G, 3, HREF, you=1, paths=found)
    assert with_paths is not plain
    assert with_paths == pictures.network_picture(G, 3, HREF, you=1, paths=found)
    assert any(line.css == "path" for line in with_paths.lines)
    assert not any(line.css == "path" for line in plain.lines)
    other_links = pictures.id_links("/t/987654321", "/g/987654321")
    assert pictures.kept_network_picture(G, 3, other_links, you=1).dots[0].href == "/t/3"
    assert pictures.kept_network_picture(G, 2, HREF, you=1).dots[0].title == "P2"


def test_a_new_graph_version_draws_again():
    G = graph()
    old = pictures.kept_network_picture(G, 3, HREF, you=1)
    H = gb.fork(G)  # how a published graph changes: a new object
    upsert_person(H, 2, "Renamed", None, False, (), today=TODAY)
    new = pictures.kept_network_picture(H, 3, HREF, you=1)
    assert "Renamed" in names_in(new) and "Renamed" not in names_in(old)
    assert pictures.kept_network_picture(G, 3, HREF, you=1) is old  # readers of G unchanged


def test_a_graph_changed_in_place_draws_again():
    G = graph()
    old = pictures.kept_network_picture(G, 3, HREF, you=1)
    remove_person(G, 5)  # bumps the graph's version
    new = pictures.kept_network_picture(G, 3, HREF, you=1)
    assert "P5" in names_in(old) and "P5" not in names_in(new)


def test_another_teams_graph_never_gets_this_ones_picture():
    ours, theirs = graph(), graph({3: "Their secret contact", 2: "Their rep"})
    mine = pictures.kept_network_picture(ours, 3, HREF, you=1)
    seen = pictures.kept_network_picture(theirs, 3, HREF, you=1)
    assert seen is not mine
    assert "Their secret contact" in names_in(seen)
    assert not {"Their secret contact", "Their rep"} & set(names_in(mine))
    assert pictures.kept_network_picture(ours, 3, HREF, you=1) is mine


def test_only_the_latest_pictures_are_kept(monkeypatch):
    monkeypatch.setattr(pictures, "NETWORK_PICTURES_KEPT", 2)
    G = graph()
    first = pictures.kept_network_picture(G, 3, HREF, you=1)
    pictures.kept_network_picture(G, 2, HREF, you=1)
    pictures.kept_network_picture(G, 4, HREF, you=1)
    assert pictures.kept_network_picture(G, 3, HREF, you=1) is not first
