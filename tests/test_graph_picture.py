"""Picture geometry: the strongest ego network and deterministic layouts."""

from __future__ import annotations

import math
from datetime import date

import networkx as nx
import pytest

from referrals.graph import build as gb
from referrals.graph.paths import best_path
from referrals.graph.picture import layout, path_layout, reach_count, strongest_ego

TODAY = date(2024, 6, 1)


def star_graph():
    # 1 knows 2..9 with falling strength; 2 knows 10, 11; 9 (dnc) knows 12.
    people = [(i, f"P{i}", None, i == 9, ()) for i in range(1, 14)]
    ratings = {2: 5, 3: 5, 4: 4, 5: 4, 6: 3, 7: 2, 8: 1, 9: 5}
    ties = [(1, p, "friend", r, None) for p, r in ratings.items()]
    ties += [
        (2, 10, "family", 5, None),
        (2, 11, "acquaintance", 1, None),
        (9, 12, "family", 5, None),
        (10, 13, "family", 5, None),
        (3, 4, "friend", 5, None),
    ]
    return gb.build_graph(people, ties, [], [], today=TODAY)


def brute_warmth(G, center, radius):
    best = {center: 1.0}
    for node in G:
        if node == center:
            continue
        for path in nx.all_simple_paths(G, center, node, cutoff=radius):
            if any(v > 0 and G.nodes[v]["dnc"] for v in path[1:-1]):
                continue
            w = math.prod(G.edges[u, v]["strength"] for u, v in zip(path, path[1:], strict=False))
            best[node] = max(best.get(node, 0.0), w)
    return best


@pytest.mark.parametrize("max_nodes", [1, 3, 5, 8, 50])
def test_keeps_the_strongest_nodes(max_nodes):
    G = star_graph()
    H = strongest_ego(G, 1, radius=2, max_nodes=max_nodes)
    warmth = brute_warmth(G, 1, 2)
    assert 1 in H and len(H) == min(max_nodes, len(warmth))
    kept = [warmth[n] for n in H]
    dropped = [w for n, w in warmth.items() if n not in H]
    assert not dropped or min(kept) >= max(dropped) - 1e-12
    for n in H:
        assert H.nodes[n]["warmth"] == pytest.approx(warmth[n])
    # every edge among the kept nodes, with its attributes
    assert set(map(frozenset, H.edges)) == set(map(frozenset, G.subgraph(H).edges))
    for u, v in H.edges:
        assert H.edges[u, v] == G.edges[u, v]


def test_a_picture_keeps_no_search_state_of_its_center():
    """A person page's picture leaves the index's states (the reps' searches) as they were,
    and reads a state the index already keeps."""
    from referrals.graph.index import get_index

    G = star_graph()
    ix = get_index(G)
    ix.state(2)  # a rep's, say
    before = list(ix.states)
    H = strongest_ego(G, 1, radius=2, max_nodes=5)
    assert list(ix.states) == before
    ix.state(1)
    kept = ix.states[1]
    same = strongest_ego(G, 1, radius=2, max_nodes=5)
    assert dict(same.nodes(data=True)) == dict(H.nodes(data=True))
    assert ix.states[1] is kept and kept.B[2] is not None  # its layers were read
    penalised = ix.state(1, ((2, 0.5),))  # the center's own state under a penalty: not used
    again = strongest_ego(G, 1, radius=2, max_nodes=5)
    assert ix.states[1] is penalised and dict(again.nodes(data=True)) == dict(H.nodes(data=True))


def test_radius_and_dnc_are_respected():
    G = star_graph()
    H = strongest_ego(G, 1, radius=2)
    assert 13 not in H  # three hops away
    assert 9 in H and 12 not in H  # 9 asked not to be contacted: shown, never passed through
    assert H.nodes[10]["via"] == 2 and H.nodes[10]["hops"] == 2
    assert H.nodes[1]["via"] is None and H.nodes[1]["warmth"] == 1.0
    assert 13 in strongest_ego(G, 1, radius=3)


def test_bad_input():
    G = star_graph()
    with pytest.raises(nx.NodeNotFound):
        strongest_ego(G, 99)
    with pytest.raises(ValueError):
        strongest_ego(G, 1, radius=0)
    with pytest.raises(ValueError):
        strongest_ego(G, 1, max_nodes=0)
    with pytest.raises(nx.NodeNotFound):
        layout(nx.Graph([(1, 2)]), 3, width=100, height=100)
    with pytest.raises(ValueError):
        layout(nx.Graph([(1, 2)]), 1, width=0, height=100)
    with pytest.raises(ValueError):
        path_layout([], 100, 100)


def test_layout_is_deterministic_radial_and_inside_the_box():
    G = star_graph()
    H = strongest_ego(G, 1)
    H.add_node(99)  # not connected: goes on an outer ring
    pos = layout(H, 1, width=640, height=480)
    assert pos == layout(H.copy(), 1, width=640, height=480)
    assert set(pos) == set(H)
    assert pos[1] == (320.0, 240.0)
    for x, y in pos.values():
        assert 0 <= x <= 640 and 0 <= y <= 480

    def dist(n):
        return math.dist(pos[n], pos[1])

    ring1 = [n for n in H if H.nodes[n].get("hops") == 1]
    ring2 = [n for n in H if H.nodes[n].get("hops") == 2]
    assert max(dist(n) for n in ring1) < min(dist(n) for n in ring2) < dist(99)
    assert len({pos[n] for n in H}) == len(H)  # no two nodes on the same spot


def test_path_layout_goes_left_to_right():
    G = star_graph()
    path = best_path(G, 1, 10)
    pos = path_layout(path, 400, 100)
    xs = [pos[n][0] for n in path.nodes]
    assert xs == sorted(xs) and len(set(xs)) == len(xs)
    assert {y for _, y in pos.values()} == {50.0}
    assert path_layout([5], 100, 100) == {5: (50.0, 50.0)}


# --- labels ------------------------------------------------------------------------------

def _boxes(spots):
    from referrals.graph.picture import _label_box
    return [_label_box(x, y, anchor, text) for x, y, anchor, text in spots.values()]


@pytest.mark.parametrize("n", [5, 15, 25])
def test_labels_never_overlap_each_other_or_dots_and_stay_inside(n):
    from referrals.graph.picture import _overlaps, place_labels
    G = nx.complete_graph(range(1, n + 1))
    nx.set_edge_attributes(G, 0.5, "strength")
    pos = layout(G, 1, width=420, height=460)
    dots = [(i, *pos[i], 14 if i == 1 else 8, f"Person Number {i}") for i in G]
    spots = place_labels(dots, width=420, height=460, center=pos[1])
    boxes = _boxes(spots)
    assert not any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:])
    circles = [(x - r, y - r, x + r, y + r) for _, x, y, r, _ in dots]
    assert not any(_overlaps(b, c) for b in boxes for c in circles)
    assert all(b[0] >= 0 and b[1] >= 0 and b[2] <= 420 and b[3] <= 460 for b in boxes)
    if n <= 15:
        assert len(spots) == n  # a small picture names everyone


def test_labels_point_away_from_the_center():
    from referrals.graph.picture import place_labels
    dots = [(1, 200, 200, 14, "Middle"), (2, 330, 200, 8, "East"), (3, 70, 200, 8, "West")]
    spots = place_labels(dots, width=400, height=400, center=(200, 200))
    assert spots[2][2] == "start" and spots[3][2] == "end"


def test_a_label_that_does_not_fit_whole_is_tried_as_its_first_word():
    from referrals.graph.picture import place_labels
    dots = [(1, 40, 20, 6, "Bartholomew Featherstonehaugh-Smythe")]
    spots = place_labels(dots, width=120, height=40, center=(60, 20))
    assert spots[1][3] == "Bartholomew"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reach_count_is_the_size_of_the_ego_graph(seed):
    import random

    rng = random.Random(seed)
    people = [(i, f"P{i}", None, rng.random() < 0.2, ()) for i in range(1, 60)]
    ties = {tuple(sorted(rng.sample(range(1, 60), 2))) for _ in range(90)}
    groups = [(1, "Club", "association"), (2, "Fair", "event")]
    members = [(rng.randrange(1, 3), rng.randrange(1, 60)) for _ in range(12)]
    G = gb.build_graph(people, [(a, b, "friend", 3, None) for a, b in ties],
                       groups, set(members), today=TODAY)
    assert any(node < 0 for node in G)  # groups are in it
    for center in list(G)[:40]:
        for radius in (1, 2, 3):
            assert reach_count(G, center, radius) == len(nx.ego_graph(G, center, radius))
    with pytest.raises(nx.NodeNotFound):
        reach_count(G, 999)
