"""Ids are never reused – a deleted person's old link cannot open someone
else – and the migration that gives SQLite's tables AUTOINCREMENT keeps every row and tie."""

from __future__ import annotations

from datetime import date

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, inspect, select, text

from referrals import create_app
from referrals.advocates.calls import log_advocate_call
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Followup,
    Group,
    GroupMembership,
    IntroductionRequest,
    Person,
    Relationship,
)
from referrals.people.services import delete_person
from tests import factories

BEFORE = "e2b7c4d9a1f3"  # the revision before AUTOINCREMENT
AFTER = "e5b7c9d1f3a2"  # the AUTOINCREMENT revision itself
# Columns later revisions add to the rebuilt tables: the models (today's) write them, so the
# old schema gets them by hand before the test writes through the models.
LATER_COLUMNS = ("ALTER TABLE people ADD COLUMN profile_url VARCHAR(500)",
                 "ALTER TABLE people ADD COLUMN name_key TEXT NOT NULL DEFAULT ''",
                 "ALTER TABLE people ADD COLUMN search_text TEXT NOT NULL DEFAULT ''",
                 "ALTER TABLE people ADD COLUMN phone_digits VARCHAR(50) NOT NULL DEFAULT ''",
                 "ALTER TABLE teams ADD COLUMN asks_version INTEGER NOT NULL DEFAULT 1",
                 "ALTER TABLE teams ADD COLUMN openers_version INTEGER NOT NULL DEFAULT 1")
REBUILT = ("people", "groups", "relationships", "introduction_requests")


def test_a_deleted_persons_id_is_not_given_to_the_next_person(app, user):
    first = factories.make_person(db.session, user.team_id, "First")
    doomed = factories.make_person(db.session, user.team_id, "Doomed")
    db.session.commit()
    doomed_id = doomed.id
    delete_person(db.session, doomed)
    db.session.commit()
    newcomer = factories.make_person(db.session, user.team_id, "Newcomer")
    db.session.commit()
    assert newcomer.id > doomed_id > first.id


def test_a_deleted_persons_page_stays_gone(client, logged_in, api):
    doomed = api.post("/api/v1/people", json={"name": "Doomed"}).get_json()
    assert api.delete(f"/api/v1/people/{doomed['id']}").status_code == 204
    api.post("/api/v1/people", json={"name": "Someone else"})
    assert client.get(f"/people/{doomed['id']}").status_code == 404


def test_a_deleted_groups_id_is_not_reused(app, user):
    group = factories.make_group(db.session, user.team_id, "Old")
    db.session.commit()
    old_id = group.id
    db.session.delete(group)
    db.session.commit()
    assert factories.make_group(db.session, user.team_id, "New").id > old_id


def _sqlite_app(tmp_path):
    url = "sqlite:///" + str(tmp_path / "upgrade.db")
    return create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})


def _snapshot() -> dict:
    """Every row of the rebuilt tables and of the tables pointing at them."""
    tables = (*REBUILT, "group_memberships", "advocate_calls", "followups", "touches",
              "introduction_status_changes", "users")
    with db.engine.connect() as conn:
        return {t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}")))) for t in tables}


def _schema(table: str) -> dict:
    found = inspect(db.engine)
    return {
        "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)],
        "pk": found.get_pk_constraint(table)["constrained_columns"],
        "fks": sorted((fk["name"], tuple(fk["constrained_columns"]), fk["referred_table"],
                       fk["options"].get("ondelete")) for fk in found.get_foreign_keys(table)),
        "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"]))
                          for i in found.get_indexes(table)),
        "uniques": sorted((u["name"], tuple(u["column_names"]))
                          for u in found.get_unique_constraints(table)),
        "checks": sorted((c["name"], c["sqltext"]) for c in found.get_check_constraints(table)),
    }


def _table_sql(table: str) -> str:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT sql FROM sqlite_master WHERE type = 'table' AND "
                                 "name = :t"), {"t": table}).scalar_one()


def test_the_migration_keeps_every_row_and_tie(tmp_path):
    fresh = _sqlite_app(tmp_path)
    with fresh.app_context():
        if db.engine.dialect.name != "sqlite":
            pytest.skip("AUTOINCREMENT is SQLite's")
        upgrade(revision=BEFORE)
        with db.engine.begin() as conn:
            for statement in LATER_COLUMNS:
                conn.execute(text(statement))
        user = factories.make_user(db.session)
        team = user.team_id
        ann, bob, cy, gone = (factories.make_person(db.session, team, n)
                              for n in ("Ann", "Bob", "Cy", "Gone"))
        factories.make_relationship(db.session, ann, bob, "friend", 5)
        factories.make_relationship(db.session, bob, cy, "colleague", 4)
        factories.make_group(db.session, team, "Chamber", members=[ann, cy])
        log_advocate_call(db.session, user, {"advocate_id": ann.id, "prospect_id": cy.id,
                                             "occurred_on": date.today(), "outcome": "Booked"})
        db.session.add(IntroductionRequest(team_id=team, via_id=bob.id, prospect_id=cy.id,
                                           user_id=user.id, status="asked",
                                           status_on=date.today()))
        db.session.commit()
        last_id, cy_id = gone.id, cy.id
        db.session.delete(gone)  # the highest id: the one SQLite would hand out again
        db.session.commit()
        before = _snapshot()
        schema = {t: _schema(t) for t in REBUILT}
        assert "AUTOINCREMENT" not in _table_sql("people")

        upgrade(revision=AFTER)
        db.session.remove()
        assert _snapshot() == before  # every row, with its ids and ties, as it was
        assert {t: _schema(t) for t in REBUILT} == schema  # columns, keys, indexes, checks
        for table in REBUILT:
            assert "AUTOINCREMENT" in _table_sql(table)
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA foreign_key_check")).fetchall() == []
        # The ties still cascade: deleting a person takes their ties and memberships along.
        delete_person(db.session, db.session.get(Person, cy_id))
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Relationship)) == 1
        assert db.session.scalar(select(func.count()).select_from(GroupMembership)) == 1
        assert db.session.scalar(select(func.count()).select_from(AdvocateCall)) == 0
        assert db.session.scalar(select(func.count()).select_from(Followup)) == 0
        assert db.session.scalar(select(func.count()).select_from(IntroductionRequest)) == 0
        assert db.session.scalar(select(func.count()).select_from(Group)) == 1
        # Cy had the highest id and was deleted after the upgrade: the next person gets a new
        # one. (An id deleted before the upgrade left no trace to keep it from coming back.)
        assert cy_id == last_id - 1
        assert factories.make_person(db.session, team, "Dee").id > cy_id
        db.session.commit()

        downgrade(revision=BEFORE)
        db.session.remove()
        assert "AUTOINCREMENT" not in _table_sql("people")
        assert {t: _schema(t) for t in REBUILT} == schema
        upgrade(revision=AFTER)
        assert "AUTOINCREMENT" in _table_sql("people")
        db.session.remove()
        db.engine.dispose()
