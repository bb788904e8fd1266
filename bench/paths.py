"""Benchmark of the graph engine on a generated network, beside rustworkx doing the same jobs.

Run from the repository root::

    python -m bench.paths --size small     # 10,000 people, ~100,000 ties
    python -m bench.paths --size large     # 100,000 people, ~1,000,000 ties

Needs the ``bench`` extra (rustworkx, psutil). Nothing is written to disk.

rustworkx has no hop limit and no "do not contact" rule, so its side is the nearest job it
can do: Dijkstra on the same costs with the do-not-contact people's edges removed (they are
never intermediaries; targets are never do-not-contact). Its ratio is ours / theirs: below
1 means we are faster.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import time
from collections.abc import Callable

import numpy as np

from bench.generate import generate
from referrals.graph import (
    best_path,
    layout,
    rank_prospects,
    strongest_ego,
    warm_paths,
)
from referrals.graph.build import fork
from referrals.graph.index import get_index, share_index
from referrals.graph.update import set_pair_ties

SIZES = {
    "small": (10_000, 100_000),
    "large": (100_000, 1_000_000),
    "huge": (1_000_000, 10_000_000),
}


def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 1e6
    except ImportError:  # fall back to the peak, which is what the kernel tells us for free
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def pct(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values) * 1e3, q))


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, job: str, ours: str, theirs: str = "", ratio: str = "") -> None:
        self.rows.append((job, ours, theirs, ratio))
        print(f"  {job:<44} {ours:>24} {theirs:>24} {ratio:>8}", flush=True)

    def header(self, title: str) -> None:
        print(f"\n{title}")
        print(f"  {'job':<44} {'referrals.graph':>24} {'rustworkx':>24} {'ratio':>8}")
        print("  " + "-" * 104)


def ms(x: float) -> str:
    return f"{x * 1e3:.3f} ms" if x < 1 else f"{x:.2f} s"


def p50p95(values: list[float]) -> str:
    if not values:
        return "-"
    return f"p50 {pct(values, 50):.3f} / p95 {pct(values, 95):.3f} ms"


def ratio(ours: float, theirs: float) -> str:
    """ours / theirs; tiny ratios as 1/N so they stay readable."""
    if theirs <= 0 or ours <= 0:
        return ""
    r = ours / theirs
    return f"{r:.3f}" if r >= 0.01 else f"1/{theirs / ours:,.0f}"


def rx_graph(net):
    """A rustworkx graph built from the generator's tuples, doing what build_graph does."""
    import math

    import rustworkx as rx

    from referrals.graph.tie import membership_strength, tie_strength

    people = {row[0]: row[3] for row in net.people()}
    best: dict[tuple[int, int], float] = {}
    memo: dict = {}
    for a, b, kind, rating, last in net.ties():
        if people.get(a) is None or people.get(b) is None or a == b:
            continue
        s = memo.get((kind, rating, last))
        if s is None:
            s = memo[(kind, rating, last)] = tie_strength(kind, rating, last, today=net.today)
        pair = (a, b) if a < b else (b, a)
        if s > best.get(pair, 0.0):
            best[pair] = s
    groups = {gid: kind for gid, _, kind in net.groups()}
    members: dict[int, set[int]] = {}
    for gid, pid in net.memberships():
        if gid in groups and pid in people:
            members.setdefault(gid, set()).add(pid)
    nodes = sorted(people) + sorted(-g for g in groups)
    pos = {n: i for i, n in enumerate(nodes)}
    edges = [
        (pos[a], pos[b], -math.log(s))
        for (a, b), s in best.items()
        if not people[a] and not people[b]
    ]
    for gid, who in members.items():
        cost = -math.log(membership_strength(groups[gid], len(who)))
        edges += [(pos[-gid], pos[p], cost) for p in who if not people[p]]
    R = rx.PyGraph(multigraph=False)
    R.add_nodes_from(nodes)
    R.add_edges_from(edges)
    return R, pos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--queries", type=int, default=200, help="prospects per rep")
    parser.add_argument("--rx-queries", type=int, default=0, help="rustworkx samples (0: auto)")
    parser.add_argument("--no-rx", action="store_true",
                        help="skip rustworkx (always at --size huge: its graph alone would "
                             "take minutes and gigabytes)")
    parser.add_argument("--no-db", action="store_true",
                        help="skip the database build and HTTP latency part (bench/paths_db.py)")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"),
                        help="database for that part (default: a temporary SQLite file)")
    args = parser.parse_args()
    n_people, n_ties = SIZES[args.size]
    table = Table()
    table.header(f"referrals.graph benchmark, size {args.size}, seed {args.seed}")

    start = time.perf_counter()
    net = generate(n_people, n_ties, seed=args.seed)
    gen_time = time.perf_counter() - start
    table.add(
        "generate network (not ours to beat)",
        ms(gen_time),
        f"{n_people:,} people, {len(net.a):,} ties",
        "",
    )

    today = net.today  # the graph's day: the replayed changes below are for it too
    gc.collect()
    before_build = rss_mb()
    start = time.perf_counter()
    G = net.graph()  # the ties coded, as the database gives them (bench/paths_db.py)
    build_time = time.perf_counter() - start
    index_time = timed(lambda: get_index(G))
    prospects = net.prospects.tolist()
    reps = {"typical rep": net.typical_rep, "rep with 2,000 ties": net.big_rep}
    hub = net.hub
    for rep in reps.values():  # each rep's layers and half-path table, as in use
        best_path(G, rep, prospects[0] if prospects[0] != rep else prospects[1])
        warm_paths(G, rep, prospects[2] if prospects[2] != rep else prospects[3], k=5)
    gc.collect()
    # the generator's arrays are not part of the app's memory
    net_bytes = sum(v.nbytes for v in vars(net).values() if isinstance(v, np.ndarray)) / 1e6
    ours_rss = rss_mb() - net_bytes

    # rustworkx: the same job from the same tuples (strongest tie per pair, group edges),
    # do-not-contact people cut off as intermediaries
    use_rx = not args.no_rx and args.size != "huge"
    rx_before = rss_mb()
    start = time.perf_counter()
    if use_rx:
        import rustworkx as rx

        R, pos = rx_graph(net)
    rx_build = time.perf_counter() - start if use_rx else 0.0

    del net
    gc.collect()
    rx_rss = rss_mb() - rx_before

    table.add("build graph from tuples", ms(build_time), ms(rx_build) if use_rx else "-",
              ratio(build_time, rx_build))
    table.add("build CSR index (lazy, once per version)", ms(index_time))
    table.add(
        "graph size",
        f"{G.number_of_nodes():,} nodes",
        f"{G.number_of_edges():,} edges",
    )
    table.add(
        "process RSS: graph + CSR + 2 reps' layers",
        f"{ours_rss:.0f} MB",
        f"+{rx_rss:.0f} MB (its graph)" if use_rx else "-",
        "",
    )
    table.add("  of which interpreter and libraries", f"{before_build - net_bytes:.0f} MB")

    rng = random.Random(args.seed)
    rx_n = 0 if not use_rx else args.rx_queries or (60 if args.size == "small" else 20)
    cost = float
    for label, rep in reps.items():
        table.header(f"{label}: person {rep}, {G.degree(rep):,} direct ties")
        sample = rng.sample([p for p in prospects if p != rep], args.queries)
        get_index(G).states.clear()  # cold: this rep has no cached layers yet
        cold = timed(lambda rep=rep, t=sample[0]: best_path(G, rep, t))
        table.add("first query from this rep (builds its layers)", ms(cold))
        times = [timed(lambda rep=rep, t=t: best_path(G, rep, t)) for t in sample]
        found = [best_path(G, rep, t) for t in sample]
        rx_times = [
            timed(
                lambda rep=rep, t=t: rx.dijkstra_shortest_paths(R, pos[rep], pos[t], weight_fn=cost)
            )
            for t in sample[:rx_n]
        ]
        reach = sum(p is not None for p in found)
        hops = statistics.mean(p.hops for p in found if p) if reach else 0
        table.add(
            f"best path <=4 hops ({reach}/{len(sample)} found, {hops:.1f} hops)",
            p50p95(times),
            p50p95(rx_times),
            ratio(pct(times, 50), pct(rx_times, 50)) if use_rx else "",
        )
        cold_k = timed(lambda rep=rep, t=sample[0]: warm_paths(G, rep, t, k=5))
        table.add("first k=5 query (builds its half-path table)", ms(cold_k))
        k_times = [timed(lambda rep=rep, t=t: warm_paths(G, rep, t, k=5)) for t in sample]
        rx_k = [
            timed(
                lambda rep=rep, t=t: rx.graph_k_shortest_path_lengths(
                    R, pos[rep], 5, cost, goal=pos[t]
                )
            )
            for t in sample[: max(3, rx_n // 4) if use_rx else 0]
        ]
        table.add(
            "k=5 warm paths <=4 hops",
            p50p95(k_times),
            p50p95(rx_k) + "*",
            ratio(pct(k_times, 50), pct(rx_k, 50)) if use_rx else "",
        )
        many = rng.sample([p for p in prospects if p != rep], min(1000, len(prospects) - 1))
        cold_runs = []
        for _ in range(3):  # rank from a cold source (no cached layers): the honest figure
            get_index(G).states.clear()
            cold_runs.append(timed(lambda rep=rep, many=many: rank_prospects(G, rep, many)))
        rank_cold = statistics.median(cold_runs)
        rank_warm = [
            timed(lambda rep=rep, many=many: rank_prospects(G, rep, many)) for _ in range(5)
        ]

        def rx_rank(rep=rep, many=many) -> None:
            lengths = rx.dijkstra_shortest_path_lengths(R, pos[rep], cost)
            sorted((lengths[pos[p]] if pos[p] in lengths else float("inf"), p) for p in many)

        rx_rank_t = [timed(rx_rank) for _ in range(3 if use_rx else 0)]
        rx_rank_p50 = statistics.median(rx_rank_t) if rx_rank_t else 0.0
        table.add(
            f"rank {len(many):,} prospects, cold source (p50 of 3)",
            ms(rank_cold),
            ms(rx_rank_p50) if rx_rank_t else "-",
            ratio(rank_cold, rx_rank_p50),
        )
        table.add(f"rank {len(many):,} prospects, warm source", ms(statistics.median(rank_warm)))

    table.header(
        f"picture around hub {hub} ({G.degree(hub):,} neighbours), 150 strongest in 2 hops"
    )
    ix = get_index(G)
    pics = []
    for _ in range(5):
        ix.states.pop(hub, None)  # cold every time: no cached layers for the hub
        pics.append(timed(lambda: layout(strongest_ego(G, hub), hub, width=800, height=800)))

    def rx_picture() -> None:
        lengths = rx.dijkstra_shortest_path_lengths(R, pos[hub], cost)
        keep = sorted(lengths, key=lambda i: lengths[i])[:149] + [pos[hub]]
        rx.spring_layout(R.subgraph(keep), seed=1)

    rx_pics = [timed(rx_picture) for _ in range(3 if use_rx else 0)]
    table.add(
        "strongest_ego + layout (cold)",
        p50p95(pics),
        p50p95(rx_pics),
        ratio(pct(pics, 50), pct(rx_pics, 50)) if use_rx else "",
    )

    # A small change, as the cache replays it: a fork of the graph, the change, then the
    # index patched from the fork's parent (only the changed rows are read).
    table.header("one change, replayed (20 in a row, each into a fork of the last)")
    prospects_n = len(prospects)
    current, patch, fork_times = G, [], []
    for i in range(20):
        a, b = prospects[i % prospects_n], prospects[(7 * i + 3) % prospects_n]
        if a == b:
            continue
        start = time.perf_counter()
        H = fork(current)
        share_index(current, H)
        set_pair_ties(H, a, b, [("friend", 4, None)], today=today)
        fork_times.append(time.perf_counter() - start)
        patch.append(timed(lambda H=H: get_index(H)))
        current = H
    table.add("fork + one new tie", p50p95(fork_times))
    table.add("then the index, patched (full build above)", p50p95(patch))
    del current, H

    print(
        "\n* rustworkx k-shortest gives the k-th shortest walk length (walks may repeat nodes),"
        "\n  not k simple paths; its best path and ranking ignore the hop limit."
    )
    if not args.no_db:
        del G
        if use_rx:
            del R
        gc.collect()
        from bench.paths_db import run

        # the in-memory network was freed above; the seeded generator gives it back exactly
        run(generate(n_people, n_ties, seed=args.seed), database_url=args.database_url,
            seed=args.seed)


if __name__ == "__main__":
    main()
