"""A sales floor in rotation: 50 reps asking for best paths in turn, one worker's graph.

Run from the repository root::

    python -m bench.rotation                   # 100,000 people, ~1,000,000 ties
    python -m bench.rotation --size huge       # 1,000,000 people, ~10,000,000 ties

Each round every rep asks for the best path (<= 4 hops) to one random prospect, round-robin,
so every rep's search state must stay warm between its own turns while 49 others ask. Phases:

1. cold: each rep's first question (builds its layers);
2. warm: ``--rounds`` rounds with the team's penalty unchanged;
3. the asks: a helper on few of the floor's sampled paths is asked past the team's cap (its
   factor drops to 0.5), then the helper on most of them, then the five busiest; after each,
   the first question of each rep (its layers brought to the new penalty), then ``--rounds``
   warm rounds again;
4. background work: questions keep coming while a thread (sharing the interpreter's lock
   with the requests, as a worker's does) builds the graph and index again (a rebuild after
   far-behind changes, or a worker's warm start), then while one moves them to the next day
   (:func:`~referrals.graph.build.redate`, what a new day does now); each result is then
   served in place of the graph the questions were asking of, which is let go at once or
   handed to the reaper (:mod:`referrals.graph.retire`), as the cache does from 50,000 people.

It prints p50/p95 of each phase (wall clock, and the thread's CPU time, which a loaded machine
does not inflate), the per-rep state memory the index holds, RSS and the machine's
load average. During background work it also prints the longest wait of a thread that asks
for the interpreter's lock every millisecond (it sleeps 1 ms and records the gap): the
longest time one step of the background work held the lock. Seeded: the same network, reps
and prospects every run.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import threading
import time
from collections import Counter
from collections.abc import Callable
from datetime import timedelta

import networkx as nx
import numpy as np

from bench.generate import generate
from bench.paths import SIZES, rss_mb
from referrals.graph import best_path
from referrals.graph.build import fork, redate
from referrals.graph.index import (
    check_penalty,
    get_index,
    redate_index,
    share_index,
    state_budget,
)
from referrals.graph.retire import retire, wait_for_reaper
from referrals.graph.update import set_pair_ties
from referrals.paths.cache import collector_quiet


def p50p95(times: list[tuple[float, float]]) -> str:
    """Wall-clock p50/p95, then the CPU time's (which the machine's load does not inflate)."""
    wall = np.array([t[0] for t in times]) * 1e3
    cpu = np.array([t[1] for t in times]) * 1e3
    return (f"p50 {np.percentile(wall, 50):.3f} ms, p95 {np.percentile(wall, 95):.3f} ms "
            f"(CPU p50 {np.percentile(cpu, 50):.3f}, p95 {np.percentile(cpu, 95):.3f})")


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def ask_rounds(G, reps, prospects, rng, rounds, penalty) -> list[tuple[float, float]]:
    times = []
    for _ in range(rounds):
        for rep in reps:
            t = rng.choice(prospects)
            while t == rep:
                t = rng.choice(prospects)
            start, cpu = time.perf_counter(), time.thread_time()
            best_path(G, rep, t, penalty=penalty)
            times.append((time.perf_counter() - start, time.thread_time() - cpu))
    return times


class LockWatch:
    """A thread that sleeps 1 ms at a time and records how late it wakes: the longest gap is
    about the longest the interpreter's lock was held by someone else."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        last = time.perf_counter()
        while not self.stop.is_set():
            time.sleep(0.001)
            now = time.perf_counter()
            self.gaps.append(now - last - 0.001)
            last = now

    def done(self) -> str:
        self.stop.set()
        self.thread.join()
        gaps = np.array(self.gaps) * 1e3
        return (f"lock waits p99 {np.percentile(gaps, 99):.1f} ms, "
                f"max {gaps.max():.1f} ms ({len(gaps)} samples)")


def while_running(label: str, work: Callable[[], None], ask: Callable[[], list]) -> None:
    """Ask questions (and watch the lock) while `work` runs in a thread of this process."""
    took: list[float] = []

    def run() -> None:
        start, cpu = time.perf_counter(), time.thread_time()
        work()
        took.append(time.perf_counter() - start)
        took.append(time.thread_time() - cpu)

    gc.collect()  # what the last one left, outside this one's figures
    watch = LockWatch()
    thread = threading.Thread(target=run)
    thread.start()
    during: list[tuple[float, float]] = []
    while thread.is_alive():
        during += ask()
    lock = watch.done()
    print(f"  while a background thread {label} ({took[0]:.1f} s wall, {took[1]:.1f} s CPU):")
    print(f"    {len(during)} questions                          {p50p95(during)}; "
          f"max {max(t[0] for t in during) * 1e3:.1f} ms; {lock}; RSS {rss_mb():.0f} MB; "
          f"{load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--reps", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--background-only", action="store_true",
                        help="skip the asks: only the questions during background work")
    args = parser.parse_args()
    n_people, n_ties = SIZES[args.size]
    print(f"{args.size}: {n_people:,} people, ~{n_ties:,} ties; {args.reps} reps; "
          f"state budget {state_budget() / 2**20:.0f} MB; {os.cpu_count()} cores; {load()}")
    net = generate(n_people, n_ties, seed=args.seed)
    start, cpu = time.perf_counter(), time.process_time()
    G = net.graph()
    print(f"  graph built in {time.perf_counter() - start:.2f} s "
          f"(CPU {time.process_time() - cpu:.2f} s)")
    start, cpu = time.perf_counter(), time.process_time()
    ix = get_index(G)
    print(f"  CSR index in {time.perf_counter() - start:.2f} s "
          f"(CPU {time.process_time() - cpu:.2f} s)")
    prospects = [int(p) for p in net.prospects]
    rng = random.Random(args.seed)
    people = [int(p) for p in np.flatnonzero(~net.dnc) + 1]
    reps = [net.typical_rep, net.big_rep, *rng.sample(people, args.reps - 2)]
    gc.collect()
    base_rss = rss_mb()

    cold = ask_rounds(G, reps, prospects, rng, 1, None)
    print(f"  cold: first question of each rep             {p50p95(cold)}")
    warm = ask_rounds(G, reps, prospects, rng, args.rounds, None)
    print(f"  warm: {args.rounds} rounds x {len(reps)} reps            {p50p95(warm)}")
    print(f"  states kept {len(ix.states)}/{len(reps)}, {ix.state_bytes() / 2**20:.1f} MB "
          f"({ix.state_bytes() / len(ix.states) / 2**20:.2f} MB a rep); "
          f"RSS {rss_mb():.0f} MB (+{rss_mb() - base_rss:.0f} MB for the states); {load()}")

    if not args.background_only:
        # The helper the floor leans on most: the commonest intermediary of its best paths.
        used: Counter[int] = Counter()
        for rep in reps:
            for t in rng.sample(prospects, 20):
                p = best_path(G, rep, t) if t != rep else None
                if p:
                    used.update(v for v in p.nodes[1:-1] if v > 0)
        helper, uses = used.most_common(1)[0]
        ranked = used.most_common()
        middling = ranked[len(ranked) // 2][0]
        asks = (("a helper on few paths", {middling: 0.5}), ("the busiest helper", {helper: 0.5}),
                ("the five busiest", {v: 0.5 for v, _ in ranked[:5]}))
        for label, pen in asks:
            after = ask_rounds(G, reps, prospects, rng, 1, pen)
            warm2 = ask_rounds(G, reps, prospects, rng, args.rounds, pen)
            print(f"  ask ({label}, {len(check_penalty(G, pen))} penalised; "
                  f"busiest helper {helper} on {uses} sampled paths):")
            print(f"    first question of each rep after it        {p50p95(after)}")
            print(f"    then {args.rounds} rounds                           {p50p95(warm2)}")
            print(f"    states kept {len(ix.states)}/{len(reps)}, "
                  f"{ix.state_bytes() / 2**20:.1f} MB; {load()}")
        # A write: one rep's tie to a neighbour moves (as an advocate call freshens it),
        # replayed into a fork of the graph as the cache does; then every rep asks again.
        # Before the states were carried through a patch, each rep's first question after
        # it cost what the cold phase's did.
        for rep in reps[:3]:
            nb = next(v for v in G[rep] if v > 0)
            H = fork(G)
            share_index(G, H)
            set_pair_ties(H, min(rep, nb), max(rep, nb), [("customer", 5, net.today)],
                          today=net.today)
            G = H
            after = ask_rounds(G, reps, prospects, rng, 1, pen)
            ix = get_index(G)
            print(f"  a rep's tie moves (rep {rep}), then the first question of each rep "
                  f"{p50p95(after)}")
        print(f"    states kept {len(ix.states)}/{len(reps)}, "
              f"{ix.state_bytes() / 2**20:.1f} MB; {load()}")

    # Background work, sharing the interpreter's lock with the questions: a rebuild (far-behind
    # changes, a worker's warm start), then a new day's move of the graph and its index; with
    # the collector left to run after them, and as the cache runs them (paused, then frozen).
    # Each result is then published as the cache does: the questions move to it, and the
    # graph they were asking of is let go – at once (freed by whichever thread lets go last:
    # a question's or the worker's), or handed to the reaper (`referrals.graph.retire`).
    served = {"G": G}
    G = H = ix = None  # only `served` holds the graph the questions ask of, as the cache does

    def rebuild() -> nx.Graph:
        H = net.graph()
        get_index(H)
        return H

    def new_day() -> nx.Graph:
        H = redate(served["G"], served["G"].graph["today"] + timedelta(days=1))
        redate_index(served["G"], H)
        return H

    def run(work: Callable[[], nx.Graph], *, quiet: bool, reaper: bool) -> Callable[[], None]:
        def go() -> None:
            if quiet:
                with collector_quiet():
                    H = work()
            else:
                H = work()
            old, served["G"] = served["G"], H
            if reaper:
                retire(old)
            del old, H
            if reaper:
                wait_for_reaper()
        return go

    def ask() -> list[tuple[float, float]]:
        return ask_rounds(served["G"], reps, prospects, rng, 1, None)

    for label, work in (
            ("rebuilds the graph and index, collector as usual, old graph let go",
             run(rebuild, quiet=False, reaper=False)),
            ("rebuilds them, collector paused then frozen, old graph let go",
             run(rebuild, quiet=True, reaper=False)),
            ("rebuilds them, paused then frozen, old graph to the reaper (the cache now)",
             run(rebuild, quiet=True, reaper=True)),
            ("moves them to the next day, collector as usual, old graph let go",
             run(new_day, quiet=False, reaper=False)),
            ("moves them to the next day, paused then frozen, old graph let go",
             run(new_day, quiet=True, reaper=False)),
            ("moves them to the next day, paused then frozen, old graph to the reaper "
             "(the cache now)", run(new_day, quiet=True, reaper=True))):
        while_running(label, work, ask)

if __name__ == "__main__":
    main()
