"""What one type-ahead lookup costs with a team of 100,000 people.

    python -m bench.pickers [--people 100000] [--queries 200] [--database-url URL]

Builds a seeded team (names from first × last name lists, companies, e-mails, phone numbers
written five ways, a note on one person in three, 300 groups with 30,000 memberships) with
bulk inserts into a freshly migrated database (a temporary SQLite file unless
`--database-url` or BENCH_DATABASE_URL names one), then times ~200 seeded queries of what
reps type: 2–6 letters from anywhere in a name, the start of a first or last name, and 3–7
digits of a phone number (with or without its punctuation). Each query is timed twice: the
service `search_people` on its own, and `GET /people/lookup` through the Flask test client
as the signed-in rep (its JSON included). It prints p50, p95 and max per kind and overall,
and the machine's load average before and after.
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
            client.get("/people/lookup", query_string={"q": q})
        load_before = os.getloadavg()
        service: dict[str, list[float]] = {}
        endpoint: dict[str, list[float]] = {}
        scan: dict[str, list[float]] = {}
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
            # the same people found (the order differs: name matches now come before the
            # preferred role found in other fields)
            assert len(scanned) == len(found), (q, len(scanned), len(found))
            service.setdefault(kind, []).append(t1 - t0)
            endpoint.setdefault(kind, []).append(t2 - t1)
            scan.setdefault(kind, []).append(t3 - t2)
            hits.append(len(found))
            db.session.rollback()  # a request's session ends; so does this one's
        load_after = os.getloadavg()
    name = url.split(":", 1)[0].split("+", 1)[0]
    print(f"\n== person lookup: {n:,} people in one team, {name}, {len(asked)} queries "
          f"(seed {seed}); loaded in {loaded:.1f} s ==")
    print(f"  load average before {' '.join(f'{v:.2f}' for v in load_before)}, after "
          f"{' '.join(f'{v:.2f}' for v in load_after)} ({os.cpu_count()} CPUs); "
          f"{sum(1 for h in hits if h)} of {len(hits)} queries found someone")
    print()
    print("| what | queries | p50 | p95 | max |")
    print("|---|---:|---:|---:|---:|")
    for label, timings in (("search_people", service), ("GET /people/lookup", endpoint),
                           ("the old scan, beside it", scan)):
        for kind, seconds in timings.items():
            print(report(f"{label}: {kind}", seconds))
        print(report(f"**{label}: all**", [s for v in timings.values() for s in v]))
    every = [s for v in service.values() for s in v]
    before = [s for v in scan.values() for s in v]
    print(f"\nsearch_people / old scan, same queries, same run: p50 "
          f"{pct(every, 50) / pct(before, 50):.2f}, p95 {pct(every, 95) / pct(before, 95):.2f}")


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
