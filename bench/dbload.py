"""Load a generated network (bench/generate.py) into a migrated database, fast.

Bulk Core inserts in id order, then one graph-version bump (the ORM's per-row change log
is bypassed, so the cached graphs must rebuild). Person i of the network is row i of a
fresh team's people; the network's teammates become users (password "bench-password-123")
with an API token each, printed by `load` for the HTTP part of the benchmarks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from bench.generate import Network
from referrals.auth.services import create_token, hash_password
from referrals.clock import utc_now
from referrals.models import (
    Group,
    GroupMembership,
    Person,
    Relationship,
    Team,
    User,
    bump_graph_version,
)

PASSWORD = "bench-password-123"
BATCH = 20_000


@dataclass
class Loaded:
    team_id: int
    person_id: dict[int, int]  # network id -> database id (identity offset)
    users: list[tuple[str, int, str]]  # (email, person id, API token)


def _batches(rows: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    it = iter(rows)
    while batch := list(islice(it, size)):
        yield batch


def load(session: Session, net: Network, *, team_name: str = "Bench Team") -> Loaded:
    """Insert the network as a new team; the caller commits."""
    now = utc_now()
    team = Team(name=team_name, settings={})
    session.add(team)
    session.flush()
    tid = team.id
    base = session.scalar(select(func.coalesce(func.max(Person.id), 0)))
    gbase = session.scalar(select(func.coalesce(func.max(Group.id), 0)))

    def people() -> Iterator[dict]:
        for pid, name, company, dnc, roles in net.people():
            yield {"id": base + pid, "team_id": tid, "name": name, "company": company,
                   "do_not_contact": dnc, "is_prospect": "prospect" in roles,
                   "is_customer": False, "is_reference": False, "is_advocate": False,
                   "notes": "", "created_at": now, "updated_at": now}

    for batch in _batches(people()):
        session.execute(insert(Person), batch)

    def ties() -> Iterator[dict]:
        seen: set[tuple[int, int, str]] = set()
        for a, b, kind, rating, last in net.ties():
            lo, hi = (a, b) if a < b else (b, a)
            if (lo, hi, kind) in seen or lo == hi:
                continue  # one relationship per pair and kind
            seen.add((lo, hi, kind))
            yield {"team_id": tid, "person_a_id": base + a, "person_b_id": base + b,
                   "pair_low": base + lo, "pair_high": base + hi, "kind": kind,
                   "rating": rating, "last_interaction": last, "notes": "",
                   "created_at": now, "updated_at": now}

    for batch in _batches(ties()):
        session.execute(insert(Relationship), batch)

    groups = [{"id": gbase + g, "team_id": tid, "name": name, "kind": kind, "notes": "",
               "created_at": now, "updated_at": now} for g, name, kind in net.groups()]
    for batch in _batches(groups):
        session.execute(insert(Group), batch)
    members = ({"team_id": tid, "group_id": gbase + g, "person_id": base + p, "created_at": now}
               for g, p in net.memberships())
    for batch in _batches(members):
        session.execute(insert(GroupMembership), batch)

    if session.get_bind().dialect.name == "postgresql":
        for table in ("people", "groups"):
            session.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"))

    users = []
    password_hash = hash_password(PASSWORD, fast=True)
    for i, pid in enumerate(net.teammates):
        email = f"rep{i}@{team_name.lower().replace(' ', '-')}.example"
        user = User(team_id=tid, email=email, password_hash=password_hash,
                    person_id=base + pid, is_admin=i == 0)
        session.add(user)
        session.flush()
        token = create_token(session, user, "bench")
        users.append((email, base + pid, token))
    session.flush()
    bump_graph_version(session, tid)
    return Loaded(tid, {i: base + i for i in range(1, net.n + 1)}, users)
