"""Seeded generator of a realistic referral network, kept in memory as numpy arrays.

Holme-Kim growth (preferential attachment plus triad formation, giving power-law degrees
and clustering), ``m`` ties per newcomer so the average degree is about ``2 * m``; random
kinds, ratings and last-contact dates; ~5% do-not-contact, ~5% prospects; a few hundred
groups whose sizes are log-uniform from 10 to 5,000. Two reps are picked: a typical one
(about 40 direct ties) and one with 2,000 direct ties (added to a chosen person), and a hub
with many neighbours for the picture benchmark.

Nothing is written to disk; :class:`Network` yields the tuples ``build_graph`` reads (ties
plain, or coded as the database gives them).
"""

from __future__ import annotations

import random
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

import networkx as nx
import numpy as np

from referrals.graph import build_graph

KINDS = (
    "customer",
    "referral",
    "friend",
    "family",
    "colleague",
    "former_colleague",
    "acquaintance",
)
KIND_WEIGHTS = (0.15, 0.05, 0.15, 0.03, 0.2, 0.12, 0.3)
RATING_WEIGHTS = (0.1, 0.2, 0.35, 0.25, 0.1)
GROUP_KINDS = ("association", "event", "company")


@dataclass
class Network:
    """A generated network; person ids are 1..n, group ids 1..g."""

    n: int
    today: date
    a: np.ndarray  # tie endpoints (person ids)
    b: np.ndarray
    kind: np.ndarray  # index into KINDS
    rating: np.ndarray  # 1..5
    last: np.ndarray  # date ordinal, 0 for unknown
    dnc: np.ndarray  # bool per person (index id - 1)
    prospect: np.ndarray  # bool per person
    company: np.ndarray  # company number per person
    group_kind: np.ndarray  # index into GROUP_KINDS per group
    member_group: np.ndarray
    member_person: np.ndarray
    typical_rep: int
    big_rep: int
    hub: int
    teammates: list[int] = field(default_factory=list)

    def people(self) -> Iterator[tuple[int, str, str | None, bool, tuple[str, ...]]]:
        companies = [f"Company {i}" for i in range(int(self.company.max()) + 1)]
        prospect = ("prospect",)
        for i, (d, p, c) in enumerate(
            zip(self.dnc.tolist(), self.prospect.tolist(), self.company.tolist(), strict=True), 1
        ):
            yield (i, f"Person {i}", companies[c], d, prospect if p else ())

    def ties(self) -> Iterator[tuple[int, int, str, int, date | None]]:
        fromord = date.fromordinal
        for a, b, k, r, last in zip(
            self.a.tolist(),
            self.b.tolist(),
            self.kind.tolist(),
            self.rating.tolist(),
            self.last.tolist(),
            strict=True,
        ):
            yield (a, b, KINDS[k], r, fromord(last) if last else None)

    def coded_ties(self) -> Iterator[tuple[int, int, int]]:
        """The ties as the database hands them to the build: (a, b, tie_code)."""
        from referrals.graph.codes import KIND_SLOTS, RATING_SLOTS, TIE_CODE_KINDS

        index = np.array([TIE_CODE_KINDS[kind] for kind in KINDS], dtype=np.int64)
        codes = (self.last.astype(np.int64) * RATING_SLOTS + self.rating) * KIND_SLOTS
        codes += index[self.kind]
        # 50,000 at a time, as the database streams them: made all at once, ten million ints
        # are one C call that holds the interpreter's lock for a second or more.
        for at in range(0, len(codes), 50_000):
            part = slice(at, at + 50_000)
            yield from zip(self.a[part].tolist(), self.b[part].tolist(), codes[part].tolist(),
                           strict=True)

    def groups(self) -> Iterator[tuple[int, str, str]]:
        for g, k in enumerate(self.group_kind.tolist(), 1):
            yield (g, f"{GROUP_KINDS[k].title()} {g}", GROUP_KINDS[k])

    def memberships(self) -> Iterator[tuple[int, int]]:
        yield from zip(self.member_group.tolist(), self.member_person.tolist(), strict=True)

    def graph(self) -> nx.Graph:
        """The team graph of this network on its day, its ties coded as the database gives
        them (``bench/paths_db.py``)."""
        return build_graph(self.people(), (), self.groups(), self.memberships(),
                           coded_ties=self.coded_ties(), teammates=self.teammates,
                           today=self.today)

    @property
    def prospects(self) -> np.ndarray:
        return np.flatnonzero(self.prospect & ~self.dnc) + 1


def holme_kim(n: int, m: int, p_triad: float, rng: random.Random) -> tuple[array, array]:
    """Edges (0-based) of a Holme-Kim powerlaw-cluster graph, in plain Python but lean.

    nx.powerlaw_cluster_graph does the same with sets and graph objects and takes minutes at
    100,000 nodes; this keeps an endpoint list for preferential attachment and adjacency
    lists for triads, and runs in a few seconds.
    """
    ends: list[int] = list(range(m))  # each node once per edge end (plus the seeds)
    adj: list[list[int]] = [[] for _ in range(n)]
    src = array("i")
    dst = array("i")
    rand = rng.random
    for v in range(m, n):
        w = ends[int(rand() * len(ends))]
        chosen = [w]
        tries = 0
        while len(chosen) < m and tries < 50 * m:
            tries += 1
            nbrs = adj[w]
            if nbrs and rand() < p_triad:
                u = nbrs[int(rand() * len(nbrs))]  # close a triangle with the last pick
            else:
                u = w = ends[int(rand() * len(ends))]
            if u not in chosen:
                chosen.append(u)
        for u in chosen:
            adj[u].append(v)
            adj[v].append(u)
            src.append(u)
            dst.append(v)
            ends.append(u)
            ends.append(v)
    return src, dst


def generate(
    n_people: int,
    n_ties: int,
    *,
    seed: int = 7,
    today: date = date(2025, 1, 1),
    n_groups: int | None = None,
    big_degree: int = 2000,
    hub_degree: int | None = None,
) -> Network:
    """Generate a network of ``n_people`` people and about ``n_ties`` ties."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    m = max(1, round(n_ties / n_people))
    src, dst = holme_kim(n_people, m, 0.5, rng)
    a = np.frombuffer(src, dtype=np.int32).astype(np.int64) + 1
    b = np.frombuffer(dst, dtype=np.int32).astype(np.int64) + 1
    deg = np.bincount(np.concatenate([a, b]), minlength=n_people + 1)

    dnc = nrng.random(n_people) < 0.05
    prospect = nrng.random(n_people) < 0.05

    def pick(pred) -> int:
        cands = np.flatnonzero(pred & ~dnc[:]) + 1
        return int(cands[nrng.integers(len(cands))])

    ids = np.arange(1, n_people + 1)
    typical = pick((np.abs(deg[1:] - 40) <= 2) & ~prospect)
    big = pick((deg[1:] <= 20) & ~prospect & (ids != typical))
    hub_degree = hub_degree or (9000 if n_people >= 90_000 else n_people // 10)
    hub = int(np.argmax(deg[1:]) + 1)
    if hub in (typical, big):
        hub = pick((deg[1:] <= 20) & (ids != typical) & (ids != big))

    extra_a, extra_b = [], []
    for person, want in ((big, big_degree), (hub, hub_degree)):
        have = set(b[a == person].tolist()) | set(a[b == person].tolist()) | {person}
        need = want - (len(have) - 1)
        if need > 0:
            pool = nrng.permutation(ids)
            new = [int(x) for x in pool[: need + len(have)] if int(x) not in have][:need]
            extra_a += [person] * len(new)
            extra_b += new
    a = np.concatenate([a, np.array(extra_a, dtype=np.int64)])
    b = np.concatenate([b, np.array(extra_b, dtype=np.int64)])
    # A few pairs have a second relationship of another kind (the strongest one counts).
    dup = nrng.random(len(a)) < 0.02
    a = np.concatenate([a, a[dup]])
    b = np.concatenate([b, b[dup]])
    t = len(a)
    kind = nrng.choice(len(KINDS), size=t, p=KIND_WEIGHTS).astype(np.int8)
    rating = (nrng.choice(5, size=t, p=RATING_WEIGHTS) + 1).astype(np.int8)
    age = nrng.integers(0, 5 * 365, size=t)
    last = np.where(nrng.random(t) < 0.2, 0, today.toordinal() - age)
    company = nrng.integers(0, max(1, n_people // 50), size=n_people)

    n_groups = n_groups or (300 if n_people >= 50_000 else 100)
    sizes = np.exp(nrng.uniform(np.log(10), np.log(min(5000, n_people // 2)), size=n_groups))
    sizes = sizes.astype(np.int64)
    group_kind = nrng.choice(3, size=n_groups, p=(0.4, 0.4, 0.2))
    mg, mp = [], []
    for g, size in enumerate(sizes.tolist(), 1):
        members = nrng.choice(n_people, size=size, replace=False) + 1
        mg.append(np.full(size, g, dtype=np.int64))
        mp.append(members)
    teammates = [typical, big] + [
        pick(~prospect & (ids != typical) & (ids != big)) for _ in range(3)
    ]
    return Network(
        n=n_people,
        today=today,
        a=a,
        b=b,
        kind=kind,
        rating=rating,
        last=last,
        dnc=dnc,
        prospect=prospect,
        company=company,
        group_kind=group_kind,
        member_group=np.concatenate(mg),
        member_person=np.concatenate(mp),
        typical_rep=typical,
        big_rep=big,
        hub=hub,
        teammates=sorted(set(teammates)),
    )
