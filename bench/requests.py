"""What one request costs the server: CPU time and SQL queries per request, side by side.

    python -m bench.requests [--size small] [--requests 200] [--database-url URL]
                             [--profile DIR]

Loads the generated network (bench/generate.py, 10,000 people at the small size) into a
freshly migrated database with bench/dbload.py, registers a minimal JSON view on this
bench's app instance only (the floor: the app's own before/after-request hooks and nothing
else), signs the typical rep in, then asks for each request kind in turn, round after round,
so that every kind meets the same machine load. Each request is the WSGI call of the app,
made on this thread by werkzeug's test client (no HTTP server, no socket): the CPU time is
`time.thread_time()` around the app's WSGI callable and the reading of its body, the queries
are counted by an engine listener. It prints p50 and p95 CPU, the ratio of the p50 to the
floor's, the queries per request and the machine's load average.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import pstats
import random
import re
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bench.dbload import PASSWORD, load
from bench.generate import generate

SIZES = {"small": (10_000, 100_000), "large": (100_000, 1_000_000)}
FLOOR_PATH = "/bench/floor"


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


@dataclass
class Meter:
    """WSGI middleware: server-thread CPU and SQL statements of the last request."""

    app: Callable[..., Iterable[bytes]]
    cpu: float = 0.0
    queries: int = 0
    counting: bool = False

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> list[bytes]:
        self.queries = 0
        self.counting = True
        start = time.thread_time()
        result = self.app(environ, start_response)
        try:
            body = list(result)  # the whole answer is the request's cost
        finally:
            close = getattr(result, "close", None)
            if close is not None:
                close()
        self.cpu = time.thread_time() - start
        self.counting = False
        return body

    def statement(self, *args: Any) -> None:
        if self.counting:
            self.queries += 1


@dataclass
class Kind:
    label: str
    paths: Callable[[int], str]
    headers: dict[str, str] = field(default_factory=dict)
    signed_in: bool = False
    body: Callable[[int], dict[str, Any]] | None = None  # a JSON POST when given
    status: int = 200
    slug: str = ""
    cpu: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    profile: cProfile.Profile | None = None


def run(size: str, *, database_url: str | None, requests: int, seed: int,
        profile: str | None = None) -> None:
    from flask import jsonify
    from flask_migrate import upgrade
    from sqlalchemy import event, text

    from referrals import create_app
    from referrals.extensions import db

    n_people, n_ties = SIZES[size]
    net = generate(n_people, n_ties, seed=seed)
    tmp = tempfile.mkdtemp(prefix="referrals-bench-")
    os.environ.setdefault("REFERRALS_INSTANCE_PATH", tmp)
    url = database_url or f"sqlite:///{tmp}/bench.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url,
                      "TESTING": False})  # errors answer 500 as in production
    app.add_url_rule(FLOOR_PATH, "bench_floor", lambda: jsonify(ok=True))  # this app only
    for noisy in ("alembic", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        loaded = load(db.session, net)
        db.session.commit()
        engine = db.engine
        if engine.dialect.name == "postgresql":
            # Statistics, as a server up a while has them: without them PostgreSQL hashes
            # every person of the team to join a tie's two ends (~12 ms where ~1 ms will
            # do), and autovacuum may be off or not yet round.
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
    rep = next(u for u in loaded.users if u[1] == loaded.person_id[net.typical_rep])
    email, rep_person, token = rep
    prospects = [loaded.person_id[int(p)] for p in net.prospects if int(p) != net.typical_rep]
    rng = random.Random(seed)
    sample = [rng.choice(prospects) for _ in range(requests + 3)]
    # Advocates as the load run picks them: people who are not prospects (nor the rep).
    prospect_set = set(prospects) | {rep_person}
    others = [p for p in loaded.person_id.values() if p not in prospect_set]
    calls = [(rng.choice(others), rng.choice(sample)) for _ in range(requests + 3)]
    today = date.today().isoformat()

    meter = Meter(app.wsgi_app)
    app.wsgi_app = meter  # type: ignore[method-assign]
    event.listen(engine, "before_cursor_execute", meter.statement)

    bearer = {"Authorization": f"Bearer {token}"}
    kinds = [
        Kind("minimal Flask JSON view (the floor)", lambda i: FLOOR_PATH),
        Kind("/healthz", lambda i: "/healthz"),
        Kind("GET /api/v1/me", lambda i: "/api/v1/me", bearer),
        Kind("GET /api/v1/people/{id}/paths?k=3",
             lambda i: f"/api/v1/people/{sample[i]}/paths?k=3&max_hops=4", bearer),
        Kind("GET /api/v1/prospects/ranking?limit=50",
             lambda i: "/api/v1/prospects/ranking?limit=50", bearer),
        Kind("person page /people/{id}", lambda i: f"/people/{sample[i]}", signed_in=True),
        # The same page again at once (a rep back on it): what the kept pictures save.
        Kind("person page again", lambda i: f"/people/{sample[i]}", signed_in=True),
        Kind("POST /api/v1/advocate-calls", lambda i: "/api/v1/advocate-calls", bearer,
             body=lambda i: {"advocate_id": calls[i][0], "prospect_id": calls[i][1],
                             "occurred_on": today, "outcome": "Left a voicemail",
                             "notes": f"bench:{i}"},
             status=201),
    ]
    for kind in kinds:
        kind.slug = re.sub(r"[^a-z0-9]+", "-", kind.label.lower()).strip("-")[:40]
    api = app.test_client()
    browser = app.test_client()
    page = browser.get("/login").get_data(as_text=True)
    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    signed = browser.post("/login", data={"email": email, "password": PASSWORD,
                                          "csrf_token": csrf.group(1) if csrf else ""})
    assert signed.status_code == 302, f"sign-in answered {signed.status_code}"

    def ask(kind: Kind, i: int) -> None:
        client = browser if kind.signed_in else api
        if kind.body is None:
            response = client.get(kind.paths(i), headers=kind.headers)
        else:
            response = client.post(kind.paths(i), headers=kind.headers,
                                   data=json.dumps(kind.body(i)),
                                   content_type="application/json")
        if response.status_code != kind.status:
            raise SystemExit(f"{kind.label}: {kind.paths(i)} answered {response.status_code}")

    load_before = os.getloadavg()
    start = time.perf_counter()
    for kind in kinds:  # warm-up: graph build, the rep's search layers, template compiling
        for i in range(3):
            ask(kind, i)
    warm_up = time.perf_counter() - start
    for i in range(requests):
        for kind in kinds:
            if profile:
                kind.profile = kind.profile or cProfile.Profile()
                kind.profile.enable()
            ask(kind, i + 3)  # the warm-up had 0-2 (a call is logged once)
            if kind.profile is not None:
                kind.profile.disable()
            kind.cpu.append(meter.cpu)
            kind.queries.append(meter.queries)
    load_after = os.getloadavg()

    floor = _pct(kinds[0].cpu, 50)
    print(f"\n== CPU per request: {n_people:,} people, {len(net.a):,} ties, "
          f"{db_name(url)}, {requests} requests of each kind, rep with "
          f"{int((net.a == net.typical_rep).sum() + (net.b == net.typical_rep).sum())} ties ==")
    print(f"  load average before {fmt_load(load_before)}, after {fmt_load(load_after)} "
          f"({os.cpu_count()} CPUs); warm-up {warm_up:.1f} s")
    print()
    print("| request | CPU p50 | CPU p95 | × floor (p50) | SQL queries |")
    print("|---|---:|---:|---:|---:|")
    for kind in kinds:
        p50, p95 = _pct(kind.cpu, 50), _pct(kind.cpu, 95)
        lo, hi = min(kind.queries), max(kind.queries)
        q = f"{lo}" if lo == hi else f"{lo}–{hi}"
        print(f"| {kind.label} | {1000 * p50:.2f} ms | {1000 * p95:.2f} ms | "
              f"{p50 / floor:.1f} | {q} |")
    if profile:
        os.makedirs(profile, exist_ok=True)
        for kind in kinds:
            if kind.profile is None:
                continue
            path = os.path.join(profile, f"{kind.slug}.prof")
            kind.profile.dump_stats(path)
            print(f"\n-- {kind.label}: {path} (cProfile inflates the times; own time, top 15)")
            pstats.Stats(path).sort_stats("tottime").print_stats(15)


def db_name(url: str) -> str:
    return url.split(":", 1)[0].split("+", 1)[0]


def fmt_load(values: tuple[float, float, float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--profile", metavar="DIR",
                        help="also run each kind under cProfile and write DIR/<kind>.prof")
    args = parser.parse_args()
    run(args.size, database_url=args.database_url, requests=args.requests, seed=args.seed,
        profile=args.profile)


if __name__ == "__main__":
    main()
