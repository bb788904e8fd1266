"""Benchmark of imports: a LinkedIn export and a relationships CSV, through the real services.

Run from the repository root::

    python -m bench.imports                        # 10,000 connections, 100,000 ties, SQLite
    python -m bench.imports --database-url postgresql://postgres@127.0.0.1:5432/bench_imports

The files are generated from a seed (same seed, same files) and imported into a fresh
database migrated from the Alembic revisions, exactly as `POST /api/v1/imports` or
`flask import-file` would: decode, detect, parse, plan against the team, bulk-write, commit.
Targets: 10,000 LinkedIn rows under 10 s; 100,000 ties under 60 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import tempfile
import time
from datetime import date, timedelta

from sqlalchemy import func, select, text

from referrals.clock import utc_today

FIRST = ("Ana", "Zoë", "José", "Li", "Françoise", "Tom", "Amélie", "Bob", "Kim", "Søren",
         "Priya", "Noah", "Mia", "Óscar", "Chen", "Fatima", "Lukas", "Aoife", "Dana", "Pat")
LAST = ("Pérez", "Ångström", "Núñez", "Wei", "Dupont", "Baker", "O'Brien", "Lee", "Müller",
        "Kowalski", "Nguyen", "Smith", "García", "Rossi", "Jones", "Brown", "Dubois", "Chan")
COMPANIES = ("Acme, Inc.", "Initech", "Globex", "Umbrella", "Café Olé, S.A.", "Hooli",
             "Stark Industries", "Wayne Enterprises", "Soylent", "Vandelay Industries")
POSITIONS = ("VP, Sales", "Engineer", "Buyer", "Plant manager", "CFO", "Owner", "Director")
KINDS = ("customer", "referral", "friend", "family", "colleague", "former_colleague",
         "acquaintance")
NOTES = ('Notes:\n"When exporting your connection data, you may notice that some of the email '
         'addresses are missing. You will only see email addresses for connections who have '
         'allowed their connections to see or download their email address."\n\n')


def linkedin_file(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    out.write(NOTES)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company", "Position",
                     "Connected On"])
    start = date(2012, 1, 1)
    for n in range(rows):
        first, last = rng.choice(FIRST), f"{rng.choice(LAST)}{n}"
        email = f"{first.lower()}.{n}@example.com" if rng.random() < 0.6 else ""
        connected = start + timedelta(days=rng.randrange(5000))
        writer.writerow([first, last, f"https://www.linkedin.com/in/p{n}", email,
                         rng.choice(COMPANIES), rng.choice(POSITIONS),
                         connected.strftime("%d %b %Y")])
    return out.getvalue().encode("utf-8-sig")


def people_file(people: int) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["name", "email", "company"])
    for n in range(people):
        writer.writerow([f"Person {n}", f"person{n}@example.org", COMPANIES[n % len(COMPANIES)]])
    return out.getvalue().encode()


def ties_file(rows: int, people: int, seed: int) -> bytes:
    rng = random.Random(seed)
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["a_email", "b_email", "kind", "rating", "last_interaction"])
    seen: set[tuple[int, int, str]] = set()
    while len(seen) < rows:
        a, b = rng.randrange(people), rng.randrange(people)
        kind = rng.choice(KINDS)
        key = (min(a, b), max(a, b), kind)
        if a == b or key in seen:
            continue
        seen.add(key)
        last = "" if rng.random() < 0.2 else (date(2025, 1, 1) - timedelta(days=rng.randrange(2000))
                                              ).isoformat()
        writer.writerow([f"person{a}@example.org", f"person{b}@example.org", kind,
                         rng.randint(1, 5), last])
    return out.getvalue().encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--linkedin-rows", type=int, default=10_000)
    parser.add_argument("--people", type=int, default=20_000, help="people the ties join")
    parser.add_argument("--tie-rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL"))
    args = parser.parse_args()

    from flask_migrate import upgrade

    from referrals import create_app
    from referrals.auth.services import create_user
    from referrals.extensions import db
    from referrals.models import Person, Relationship
    from referrals.transfer.services import import_upload

    folder = tempfile.mkdtemp(prefix="bench-imports-")
    url = args.database_url or f"sqlite:///{folder}/bench.db"
    app = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        if db.engine.dialect.name == "postgresql":
            with db.engine.begin() as conn:
                conn.execute(text("DROP SCHEMA public CASCADE"))
                conn.execute(text("CREATE SCHEMA public"))
        upgrade()
        user = create_user(db.session, "rep@bench.example", "bench password 1",
                           team_name="Bench", fast_hash=True)
        db.session.commit()

        linkedin = linkedin_file(args.linkedin_rows, args.seed)
        people = people_file(args.people)
        ties = ties_file(args.tie_rows, args.people, args.seed + 1)
        print(f"database: {db.engine.dialect.name}; files: LinkedIn {len(linkedin) / 1e6:.1f} MB,"
              f" people {len(people) / 1e6:.1f} MB, ties {len(ties) / 1e6:.1f} MB")
        print(f"  {'job':<46} {'rows':>9} {'created':>9} {'seconds':>9}")

        def run(job: str, data: bytes, **kw: object) -> float:
            start = time.perf_counter()
            _, plan = import_upload(db.session, user, data, today=utc_today(), **kw)  # type: ignore[arg-type]
            if kw.get("dry_run"):
                db.session.rollback()
            else:
                db.session.commit()
            seconds = time.perf_counter() - start
            print(f"  {job:<46} {len(plan.outcomes):>9,} {plan.created:>9,} {seconds:>9.2f}",
                  flush=True)
            return seconds

        linkedin_s = run("LinkedIn connections (target < 10 s)", linkedin)
        run("  the same file again (creates nothing)", linkedin)
        run(f"people CSV, {args.people:,} rows (for the ties)", people)
        run("ties CSV, preview only (dry run)", ties, dry_run=True)
        ties_s = run("ties CSV (target < 60 s)", ties)
        run("  the same ties again (creates nothing)", ties)
        total_people = db.session.scalar(select(func.count()).select_from(Person))
        total_ties = db.session.scalar(select(func.count()).select_from(Relationship))
        print(f"in the database: {total_people:,} people, {total_ties:,} ties")
        print(f"LinkedIn {args.linkedin_rows:,} rows: {linkedin_s:.2f} s "
              f"({'OK' if linkedin_s < 10 else 'SLOW'}); ties {args.tie_rows:,} rows: "
              f"{ties_s:.2f} s ({'OK' if ties_s < 60 else 'SLOW'})")
        db.engine.dispose()


if __name__ == "__main__":
    main()
