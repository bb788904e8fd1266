"""The database and HTTP half of bench/paths.py: build the team's graph from the database,
then time GET /api/v1/people/{id}/paths beside GET /api/v1/me on the same server.

Run through `python -m bench.paths` (it calls `run`), or alone:
    python -m bench.paths_db --size small [--database-url postgresql://...]
"""

from __future__ import annotations

import argparse
import gc
import http.client
import os
import random
import tempfile
import threading
import time
from datetime import timedelta

from werkzeug.serving import make_server

from bench.dbload import load
from bench.generate import generate


def _rss_mb() -> float:
    from bench.paths import rss_mb  # psutil's RSS, else the peak without it

    return rss_mb() * 1e6 / 2**20


def _pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def _get(port: int, path: str, token: str) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", path, headers={"Authorization": f"Bearer {token}"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, time.perf_counter() - start


def run(net, *, database_url: str | None = None, requests: int = 200, seed: int = 7) -> None:
    from flask_migrate import upgrade

    from referrals import create_app
    from referrals.extensions import db
    from referrals.graph.index import get_index
    from referrals.models import Team
    from referrals.paths.cache import cached_entry, clear_cache, team_graph, wait_for_builds

    tmp = tempfile.mkdtemp(prefix="referrals-bench-")
    os.environ.setdefault("REFERRALS_INSTANCE_PATH", tmp)
    url = database_url or f"sqlite:///{tmp}/bench.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    print(f"\n== from the database ({url.split('@')[-1]}) ==")
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            from sqlalchemy import text

            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        import logging

        for noisy in ("alembic", "werkzeug"):  # one line per migration and per request
            logging.getLogger(noisy).setLevel(logging.WARNING)
        upgrade()
        start = time.perf_counter()
        loaded = load(db.session, net)
        db.session.commit()
        print(f"  load {net.n:,} people and {len(net.a):,} ties (setup, not a target): "
              f"{time.perf_counter() - start:.1f} s")
        team = db.session.get(Team, loaded.team_id)

        clear_cache()
        gc.collect()
        rss0 = _rss_mb()
        start, cpu = time.perf_counter(), time.process_time()
        G = team_graph(db.session, team)
        build, build_cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        G2 = team_graph(db.session, team)
        cached = time.perf_counter() - start
        assert G2 is G and cached_entry(team.id).rebuilds == 1
        print(f"  build the graph from the database, cold: {build:.2f} s  (target <= 5 s; "
              f"this process's CPU {build_cpu:.2f} s; load average "
              f"{', '.join(f'{x:.1f}' for x in os.getloadavg())})")
        print(f"  then cached (one version read): {1000 * cached:.2f} ms")
        print(f"  RSS growth for the graph: {_rss_mb() - rss0:.0f} MB (process {_rss_mb():.0f} MB)")
        # A new day: the request is served this graph and a background thread moves it (and
        # its index, built here as the day's first question would) to the new day.
        get_index(G)
        tomorrow = G.graph["today"] + timedelta(days=1)
        start = time.perf_counter()
        served = team_graph(db.session, team, today=tomorrow)
        new_day = time.perf_counter() - start
        wait_for_builds()
        rebuilt = time.perf_counter() - start
        assert served is G and team_graph(db.session, team, today=tomorrow) is not G
        print(f"  a new day: request served in {1000 * new_day:.2f} ms (yesterday's graph); "
              f"moved to the new day in the background, index included, {rebuilt:.2f} s")
        del G, G2, served  # yesterday's graph: the cache holds the new one

        email, rep_person, token = loaded.users[0]
        prospects = [loaded.person_id[int(p)] for p in net.prospects if int(p) != rep_person]
        rng = random.Random(seed)
        sample = [rng.choice(prospects) for _ in range(requests)]

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_port
    try:
        # Warm-up: the first paths request builds the rep's search layers and the CSR index.
        status, first = _get(port, f"/api/v1/people/{sample[0]}/paths", token)
        if status != 200:
            print(f"    warning: the first paths request answered {status}")
        me = [_get(port, "/api/v1/me", token) for _ in range(requests)]
        paths = [_get(port, f"/api/v1/people/{p}/paths?k=3&max_hops=4", token) for p in sample]
        ranking = [_get(port, "/api/v1/prospects/ranking?limit=50", token) for _ in range(20)]
    finally:
        server.shutdown()
    bad = [s for s, _ in me + paths + ranking if s != 200]
    me_t = [t for _, t in me]
    paths_t = [t for _, t in paths]
    rank_t = [t for _, t in ranking]
    print(f"  HTTP, werkzeug threaded server, {requests} requests each, rep {email}:")
    print(f"    first paths request (builds the rep's layers): {1000 * first:.1f} ms")
    print(f"    GET /api/v1/me                       p50 {1000 * _pct(me_t, 50):6.1f} ms  "
          f"p95 {1000 * _pct(me_t, 95):6.1f} ms")
    print(f"    GET /api/v1/people/{{id}}/paths k=3   p50 {1000 * _pct(paths_t, 50):6.1f} ms  "
          f"p95 {1000 * _pct(paths_t, 95):6.1f} ms  "
          f"({_pct(paths_t, 50) / _pct(me_t, 50):.2f}x /me at p50)")
    print(f"    GET /api/v1/prospects/ranking (20)   p50 {1000 * _pct(rank_t, 50):6.1f} ms  "
          f"p95 {1000 * _pct(rank_t, 95):6.1f} ms")
    print(f"    non-200 answers: {len(bad)}")


def main() -> None:
    from bench.paths import SIZES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    n_people, n_ties = SIZES[args.size]
    net = generate(n_people, n_ties, seed=args.seed)
    run(net, database_url=args.database_url, requests=args.requests, seed=args.seed)


if __name__ == "__main__":
    main()
