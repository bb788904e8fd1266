"""One worker's graph under the mixed load's shape, without HTTP or SQL: 50 reps, and of every
100 operations 20 writes (a rep's tie to an advocate moves, replayed into a fork of the graph
as the cache does, its index patched), 35 warm-paths questions (k = 3), 15 rankings (a page
of 50) and 30 best paths. Prints the thread's CPU per kind and in all, and the load average.

    python -m bench.graph_mix [--people 10000] [--ops 1500] [--label now]

Seeded: the same network, reps and operations every run, so two trees can be compared side
by side (``PYTHONPATH=<other tree> python -m bench.graph_mix --label before``).
"""

from __future__ import annotations

import argparse
import os
import random
import time

import numpy as np

from bench.generate import generate
from referrals.graph import best_path
from referrals.graph.build import fork
from referrals.graph.index import get_index, share_index
from referrals.graph.paths import warm_paths
from referrals.graph.ranking import rank_prospects
from referrals.graph.update import set_pair_ties


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--ops", type=int, default=1_500)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    net = generate(args.people, args.people * 10, seed=7)
    G = net.graph()
    get_index(G)
    rng = random.Random(7)
    people = [int(p) for p in np.flatnonzero(~net.dnc) + 1]
    prospects = [int(p) for p in net.prospects]
    reps = [net.typical_rep, net.big_rep, *rng.sample(people, 48)]
    advocates = rng.sample(people, 200)
    for rep in reps:  # each rep has asked before, as in the load bench
        warm_paths(G, rep, prospects[0], k=3)
        rank_prospects(G, rep, prospects, limit=50)
    cpu: dict[str, list[float]] = {"write": [], "warm paths": [], "ranking": [], "best path": []}
    for _ in range(args.ops):
        roll, rep = rng.random(), rng.choice(reps)
        start = time.thread_time()
        if roll < 0.2:
            H = fork(G)
            share_index(G, H)
            G = H
            set_pair_ties(G, rep, rng.choice(advocates), [("customer", 4, net.today)],
                          today=net.today)
            get_index(G)  # the patch, which the next request would pay: counted here
            kind = "write"
        elif roll < 0.55:
            warm_paths(G, rep, rng.choice(prospects), k=3)
            kind = "warm paths"
        elif roll < 0.70:
            rank_prospects(G, rep, prospects, limit=50)
            kind = "ranking"
        else:
            best_path(G, rep, rng.choice(prospects))
            kind = "best path"
        cpu[kind].append(time.thread_time() - start)
    per_kind = "; ".join(f"{k} mean {np.mean(v) * 1e3:.2f} ms" for k, v in cpu.items())
    total = sum(map(sum, cpu.values())) / args.ops * 1e3
    print(f"{args.label:8s} {args.people:>9,} people: {per_kind}; all {total:.2f} ms/op; "
          f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
