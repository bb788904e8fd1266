"""What one type-ahead lookup costs with a team of 100,000 people.

    python -m bench.pickers [--people 100000] [--queries 200] [--database-url URL]

Builds a seeded team (names from first × last name lists, companies, e-mails, phone numbers
written five ways, a note on one person in three, 300 groups with 30,000 memberships) with
bulk inserts into a freshly migrated database (a temporary SQLite file unless
`--database-url` or BENCH_DATABASE_URL names one), then times ~200 seeded queries of what
reps type: 2–6 letters from anywhere in a name, the start of a first or last name, and 3–7
digits of a phone number (with or without its punctuation). Each query is timed three times
in turn: the service `search_people` on its own, `GET /people/lookup` through the Flask test
client as the signed-in rep (its JSON included), and the search as it was before the search
columns (`scan_search`), which must find as many people. It prints p50, p95 and max per kind
and overall, the ratio of the service to the old scan, and the machine's load average before
and after – on a shared machine the load moves the times by 2–3× between runs; the ratio,
measured query by query in one run, moves much less.

How the search is made fast (see `referrals.people.search` and the migration 5432bd4dffba):

- Three columns computed in Python on every write (a column default on every INSERT, ORM or
  Core; a before-update hook; `refresh_search_columns` after a bulk UPDATE): `name_key` (the
  lower-cased name), `search_text` (name, company, e-mail, notes, lower-cased) and
  `phone_digits`. No `lower()` or `replace()` per row at query time.
- Tiers, each one query ordered by name with LIMIT: the exact name; name starts / a later
  word starts; name contains; other fields. The next tier is asked only when too few were
  found, and the preferred role (advocate...) is asked on its own only when a tier holds more
  people than are missing. A name prefix is a range of the (team_id, name_key) btree – in
  "C" collation on PostgreSQL so that the one index serves LIKE 'q%' and ORDER BY.
- "Contains" through a trigram index: pg_trgm GIN on PostgreSQL; on SQLite an FTS5 table with
  the trigram tokenizer (external content, kept by triggers, so bulk inserts and cascades
  keep it right). A tier first asks the index for at most 400 ids: fewer, and those rows are
  read by id and sorted; 400 or more and the tier is common, so reading in name order meets 8
  of them soon (on SQLite a walk of the name index, testing each entry, stopping at the 8th).
  Reading every id of a common tier from the trigram index and sorting thousands of people
  cost more than either (measured: ~40 ms for 9,000 ids, against < 1 ms for the walk).
- What was left: FTS5 rather than a narrow-column scan on SQLite, because a scan of 100,000
  rows costs 15–40 ms even on one column, and phone digits (one third of the queries) are
  rare matches the trigram index finds in under a millisecond. The price: the SQLite file
  grows by about the size of the search text again, and bulk inserts take longer (the
  triggers index each row).
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import re
import tempfile
import time
from collections.abc import Iterator
from itertools import islice
from typing import Any

from flask_migrate import upgrade
from sqlalchemy import case, func, insert, or_, select, text

from referrals import create_app
from referrals.auth.services import create_user
from referrals.clock import utc_now
from referrals.database import contains
from referrals.extensions import db
from referrals.models import Group, GroupMembership, Person
from referrals.people.search import (
    PHONE_DIGITS,
    bare_phone,
    clean_query,
    digits_of,
    search_people,
)
from referrals.vocab import GROUP_KINDS

PASSWORD = "bench-password-123"
EMAIL = "rep@pickers.example"
BATCH = 10_000
FIRST = ("Ann Anna Bob Carla Carlos Dana Elena Frank Gus Hanna Ivan Joanna Kim Lena Mike Mia "
         "Nora Olga Paul Pauline Quinn Rita Sam Tara Uma Victor Wendy Xavier Yara Zoe Ahmed "
         "Bianca Chen Diego Eva Fatima Greta Hugo Ines Jonas Kofi Lars Maya Nikos Omar Priya "
         "Rosa Sven Tomas Ulla Vera Wei Yusuf Zainab").split()
LAST = ("Berg Novak Ortega Stone Diaz Lee Kincaid Whitfield Carver Carlsen Annis Schmidt Rossi "
        "Garcia Nguyen Kowalski Jensen Okafor Haddad Silva Moreau Tanaka Fischer Costa Ivanova "
        "Murphy Larsen Romano Bauer Dubois Kim Patel Singh Cohen Novak Horvat Meyer Lindqvist "
        "Petrov Santos Weber Keller Brennan Sato Alvarez Mendes Eriksen Popescu Varga"
        ).split()
WORDS = ("Harbor Lakeside Quality Brightline Summit Granite Northwind Cedar Atlas Pioneer Vertex "
         "Riverbend Ironwood Bluewater Redstone Oakridge Silverline Maple Crescent"
         ).split()
KINDS = ("Foods", "Tools", "Fabricators", "Logistics", "Health", "Software", "Freight",
         "Supply", "Builders", "Partners")
NOTES = ("Met at the trade fair", "plays golf on Fridays", "prefers e-mail", "ask about the "
         "new plant", "knows the CFO at Brightline", "daughter at State", "moved from Denver",
         "budget review in March", "referred by a customer", "likes a short call")
PHONE_STYLES = ("+1 ({a}) {b}-{c}", "{a}-{b}-{c}", "{a}.{b}.{c}", "({a}) {b} {c}", "{a}{b}{c}")


def _batches(rows: Iterator[dict], size: int = BATCH) -> Iterator[list[dict]]:
    while batch := list(islice(rows, size)):
        yield batch


def _phone(rng: random.Random) -> str:
    a, b, c = rng.randint(200, 989), rng.randint(200, 999), rng.randint(0, 9999)
    return rng.choice(PHONE_STYLES).format(a=a, b=b, c=f"{c:04d}")


def make_people(rng: random.Random, team_id: int, n: int) -> Iterator[dict]:
    now = utc_now()
    for i in range(n):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        company = f"{rng.choice(WORDS)} {rng.choice(KINDS)}" if rng.random() < 0.9 else None
        roles = {r: rng.random() < share for r, share in
                 (("customer", 0.2), ("reference", 0.05), ("advocate", 0.1), ("prospect", 0.3))}
        yield {"team_id": team_id, "name": f"{first} {last}", "company": company,
               "email": f"{first}.{last}.{i}@example.com".lower() if rng.random() < 0.8 else None,
               "phone": _phone(rng) if rng.random() < 0.85 else None,
               "notes": ". ".join(rng.sample(NOTES, 2)) if rng.random() < 0.33 else "",
               **{f"is_{r}": v for r, v in roles.items()}, "do_not_contact": False,
               "created_at": now, "updated_at": now}


def load(n: int, seed: int) -> tuple[int, list[dict]]:
    """Insert the team; its people's rows (as generated) for picking queries."""
    rng = random.Random(seed)
    user = create_user(db.session, EMAIL, PASSWORD, team_name="Pickers Bench", name="Rita Rep",
                       fast_hash=True)
    team_id = user.team_id
    rows = list(make_people(rng, team_id, n))
    for batch in _batches(iter(rows)):
        db.session.execute(insert(Person), batch)
    now = utc_now()
    groups = [{"team_id": team_id, "name": f"{rng.choice(WORDS)} {rng.choice(KINDS)} Circle {g}",
               "kind": rng.choice(GROUP_KINDS), "notes": "",
               "created_at": now, "updated_at": now} for g in range(300)]
    db.session.execute(insert(Group), groups)
    group_ids = list(db.session.scalars(text("SELECT id FROM groups WHERE team_id = :t"),
                                        {"t": team_id}))
    person_ids = list(db.session.scalars(text("SELECT id FROM people WHERE team_id = :t"),
                                         {"t": team_id}))
    pairs = {(rng.choice(group_ids), rng.choice(person_ids)) for _ in range(30_000)}
    members = ({"team_id": team_id, "group_id": g, "person_id": p, "created_at": now}
               for g, p in sorted(pairs))
    for batch in _batches(members):
        db.session.execute(insert(GroupMembership), batch)
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        # Committed: statistics gathered in a transaction that rolls back are lost, and the
        # planner then guesses (as it would before autovacuum's first pass).
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
    return team_id, rows


def scan_search(session: Any, team_id: int, q: str, prefer: str | None,
                limit: int) -> list[Person]:
    """The search as it was before the search columns, timed beside it: every row's name,
    company, e-mail and notes lower-cased and LIKE '%q%', the phone stripped of separators by
    seven nested replace(), a group sub-query; ordered by role, rank and name."""
    q = clean_query(q)
    conditions = [contains(c, q) for c in (Person.name, Person.company, Person.email,
                                           Person.notes)]
    if len(digits_of(q)) >= PHONE_DIGITS:
        conditions.append(bare_phone(Person.phone).like(f"%{digits_of(q)}%"))
    groups = select(Group.id).where(Group.team_id == team_id, contains(Group.name, q))
    conditions.append(Person.id.in_(select(GroupMembership.person_id)
                                    .where(GroupMembership.group_id.in_(groups))))
    lower = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    rank = case((func.lower(Person.name).like(f"{lower}%", escape="\\"), 0),
                (func.lower(Person.name).like(f"% {lower}%", escape="\\"), 1),
                (contains(Person.name, q), 2), else_=3)
    order = [rank, func.lower(Person.name), Person.id]
    if prefer:
        order.insert(0, case((getattr(Person, f"is_{prefer}").is_(True), 0), else_=1))
    return list(session.scalars(select(Person).where(Person.team_id == team_id,
                                                     or_(*conditions))
                                .order_by(*order).limit(limit)))


def queries(rng: random.Random, rows: list[dict], n: int) -> list[tuple[str, str]]:
    """(kind, q) pairs: a third name fragments, a third name starts, a third phone digits."""
    found: list[tuple[str, str]] = []
    phones = [r["phone"] for r in rows if r["phone"]]
    for i in range(n):
        name = rng.choice(rows)["name"]
        if i % 3 == 0:
            size = rng.randint(2, 6)
            start = rng.randint(0, max(0, len(name) - size))
            found.append(("letters from a name", name[start:start + size].strip() or name[:2]))
        elif i % 3 == 1:
            word = rng.choice(name.split())
            found.append(("start of a name", word[:rng.randint(2, min(6, len(word)))]))
        else:
            phone = rng.choice(phones)
            digits = re.sub(r"\D", "", phone)
            size = rng.randint(3, 7)
            start = rng.randint(0, len(digits) - size)
            piece = digits[start:start + size]
            if rng.random() < 0.5 and size > 3:
                piece = f"{piece[:3]}-{piece[3:]}"
            found.append(("phone digits", piece))
    return found


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q / 100 * (len(s) - 1))))]


def report(label: str, seconds: list[float]) -> str:
    ms = [1000 * s for s in seconds]
    return (f"| {label} | {len(ms)} | {pct(ms, 50):.1f} ms | {pct(ms, 95):.1f} ms | "
            f"{max(ms):.1f} ms |")


Timings = dict[str, dict[str, list[float]]]


def time_queries(client: Any, team_id: int,
                 asked: list[tuple[str, str]]) -> tuple[Timings, list[int]]:
    """Seconds per kind of query for the service, the endpoint and the old scan (each query
    run by all three in turn); how many people each found."""
    timings: Timings = {"search_people": {}, "GET /people/lookup": {},
                        "the old scan, beside it": {}}
    hits = []
    for i, (kind, q) in enumerate(asked):
        prefer = ("advocate", "prospect", None)[i % 3]
        t0 = time.perf_counter()
        found = search_people(db.session, team_id, q, prefer=prefer, limit=8)
        t1 = time.perf_counter()
        response = client.get("/people/lookup",
                              query_string={"q": q, "prefer": prefer or "", "limit": 8})
        body = response.get_json()
        t2 = time.perf_counter()
        assert response.status_code == 200 and len(body["people"]) == len(found)
        scanned = scan_search(db.session, team_id, q, prefer, 8)
        t3 = time.perf_counter()
        # as many people found (the order differs: name matches now come before the
        # preferred role found in other fields)
        assert len(scanned) == len(found), (q, len(scanned), len(found))
        for label, seconds in zip(timings, (t1 - t0, t2 - t1, t3 - t2), strict=True):
            timings[label].setdefault(kind, []).append(seconds)
        hits.append(len(found))
        db.session.rollback()  # a request's session ends; so does this one's
    return timings, hits


def print_report(title: str, load: tuple[tuple[float, ...], tuple[float, ...]],
                 timings: Timings, hits: list[int]) -> None:
    print(f"\n== {title} ==")
    print(f"  load average before {' '.join(f'{v:.2f}' for v in load[0])}, after "
          f"{' '.join(f'{v:.2f}' for v in load[1])} ({os.cpu_count()} CPUs); "
          f"{sum(1 for h in hits if h)} of {len(hits)} queries found someone")
    print()
    print("| what | queries | p50 | p95 | max |")
    print("|---|---:|---:|---:|---:|")
    for label, by_kind in timings.items():
        for kind, seconds in by_kind.items():
            print(report(f"{label}: {kind}", seconds))
        print(report(f"**{label}: all**", [s for v in by_kind.values() for s in v]))
    now = [s for v in timings["search_people"].values() for s in v]
    before = [s for v in timings["the old scan, beside it"].values() for s in v]
    print(f"\nsearch_people / old scan, same queries, same run: p50 "
          f"{pct(now, 50) / pct(before, 50):.2f}, p95 {pct(now, 95) / pct(before, 95):.2f}")


def run(n: int, n_queries: int, database_url: str | None, seed: int) -> None:
    tmp = tempfile.mkdtemp(prefix="referrals-bench-")
    os.environ.setdefault("REFERRALS_INSTANCE_PATH", tmp)
    url = database_url or f"sqlite:///{tmp}/pickers.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url, "TESTING": False})
    logging.getLogger("alembic").setLevel(logging.WARNING)
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        start = time.perf_counter()
        team_id, rows = load(n, seed)
        loaded = time.perf_counter() - start
        asked = queries(random.Random(seed + 1), rows, n_queries)
        client = app.test_client()
        page = client.get("/login").get_data(as_text=True)
        token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        signed = client.post("/login", data={"email": EMAIL, "password": PASSWORD,
                                             "csrf_token": token.group(1) if token else ""})
        assert signed.status_code == 302, f"sign-in answered {signed.status_code}"
        for _, q in asked[:5]:  # warm-up: caches, compiled statements, templates
            search_people(db.session, team_id, q)
            scan_search(db.session, team_id, q, None, 8)
            client.get("/people/lookup", query_string={"q": q})
        load_before = os.getloadavg()
        timings, hits = time_queries(client, team_id, asked)
        load_after = os.getloadavg()
    name = url.split(":", 1)[0].split("+", 1)[0]
    print_report(f"person lookup: {n:,} people in one team, {name}, {len(asked)} queries "
                 f"(seed {seed}); loaded in {loaded:.1f} s", (load_before, load_after),
                 timings, hits)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()
    run(args.people, args.queries, args.database_url, args.seed)


if __name__ == "__main__":
    main()
