"""The person search's own columns (name_key, search_text, phone_digits) and SQLite's trigram
index over them stay right on every way a person is written: the service, an edit, a bulk
insert, an import, a merge, a restored team, the migration's backfill; and the search's two
ways of reading a tier on SQLite (by ids from the index, or walking the name index) find the
same people."""

from __future__ import annotations

import json
from datetime import date

import pytest
from flask_migrate import upgrade
from sqlalchemy import insert, select, text

from referrals.backup import restore_team_document
from referrals.extensions import db
from referrals.models import Person
from referrals.models.search_keys import SOURCE_FIELDS, search_columns
from referrals.people import search
from referrals.people.search import search_people
from referrals.people.services import delete_person, update_person
from referrals.transfer.services import import_upload, merge_people
from tests import factories

COLUMNS = ("name_key", "search_text", "phone_digits")


def assert_columns_right(team_id: int) -> None:
    """Every person of the team has the search columns their fields give, and SQLite's index
    agrees with the table."""
    rows = db.session.execute(select(Person.id, *(getattr(Person, f) for f in SOURCE_FIELDS),
                                     *(getattr(Person, c) for c in COLUMNS))
                              .where(Person.team_id == team_id)).all()
    assert rows
    for row in rows:
        fields = row._mapping
        assert {c: fields[c] for c in COLUMNS} == search_columns(fields), row.id
    if db.engine.dialect.name == "sqlite":
        # FTS5 compares its index with the content table; a missed write raises.
        db.session.execute(text("INSERT INTO people_search(people_search, rank) "
                                "VALUES ('integrity-check', 1)"))


def _names(found):
    return [p.name for p in found]


def test_a_new_person_gets_the_columns(user):
    person = factories.make_person(db.session, user.team_id, "Zoë ÅBERG", company="Harbor",
                                   email="zoe@harbor.example", phone="+1 (555) 010-2030",
                                   notes="Golf on Fridays")
    db.session.commit()
    assert person.name_key == "zoë åberg" and person.phone_digits == "15550102030"
    assert "golf on fridays" in person.search_text and "harbor" in person.search_text
    assert_columns_right(user.team_id)
    # lower-cased in Python, so any alphabet matches whatever its case (SQLite's lower()
    # knows ASCII only)
    assert _names(search_people(db.session, user.team_id, "ÅBE")) == ["Zoë ÅBERG"]


def test_an_edit_refills_them_and_the_old_values_stop_matching(user):
    person = factories.make_person(db.session, user.team_id, "Ann Berg", phone="555-010-2030",
                                   notes="trade fair")
    db.session.commit()
    update_person(db.session, person, {"name": "Ann Novak", "phone": "(555) 777-1234",
                                       "notes": "golf", "email": "ann@novak.example"})
    db.session.commit()
    assert_columns_right(user.team_id)
    team = user.team_id
    assert search_people(db.session, team, "5550102030") == []
    assert search_people(db.session, team, "trade fair") == []
    assert search_people(db.session, team, "berg") == []
    for q in ("novak", "555-777", "golf", "ann@novak"):
        assert _names(search_people(db.session, team, q)) == ["Ann Novak"], q
    # a field the search doesn't read changes nothing of them
    update_person(db.session, person, {"title": "Plant manager"})
    db.session.commit()
    assert_columns_right(team)


def test_a_bulk_insert_through_core_fills_them(user):
    db.session.execute(insert(Person.__table__), [
        {"team_id": user.team_id, "name": f"Bulk Person {i}", "company": "Cedar Tools",
         "phone": f"555-01{i:02d}", "notes": "", "pressing_issues": []} for i in range(3)])
    db.session.commit()
    assert_columns_right(user.team_id)
    assert len(search_people(db.session, user.team_id, "cedar")) == 3
    assert _names(search_people(db.session, user.team_id, "55501 02")) == ["Bulk Person 2"]


def test_an_import_fills_them_for_new_people_and_for_the_fields_it_fills(user):
    known = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                  email="dana@acme.example")
    db.session.commit()
    csv = (b"Name,E-mail,Phone,Company\n"
           b"Dana Whitfield,dana@acme.example,+1 555 222 3344,Acme Tools\n"
           b"Gus Ortega,gus@harbor.example,555.888.9999,Harbor Foods\n")
    import_upload(db.session, user, csv, today=date(2026, 12, 4))
    db.session.commit()
    assert_columns_right(user.team_id)
    db.session.refresh(known)
    assert known.phone_digits == "15552223344"  # filled by the import's bulk UPDATE
    assert _names(search_people(db.session, user.team_id, "222-33")) == ["Dana Whitfield"]
    assert _names(search_people(db.session, user.team_id, "acme tools")) == ["Dana Whitfield"]
    assert _names(search_people(db.session, user.team_id, "8889999")) == ["Gus Ortega"]


def test_a_merge_gives_the_kept_person_the_others_fields_and_drops_the_other(user):
    team = user.team_id
    keep = factories.make_person(db.session, team, "Dana Whitfield", company="Acme")
    other = factories.make_person(db.session, team, "Dana W.", email="dana@acme.example",
                                  phone="555-303-4040", notes="Met at OMA.")
    db.session.commit()
    merge_people(db.session, keep, other)
    db.session.commit()
    assert_columns_right(team)
    for q in ("3034040", "dana@acme", "met at oma"):
        assert _names(search_people(db.session, team, q)) == ["Dana Whitfield"], q
    assert _names(search_people(db.session, team, "dana w.")) == []


def test_a_restored_team_has_them(app):
    doc = {"format": "referrals-team", "version": 2,
           "people": [{"id": 1, "name": "Ana Silva", "phone": "555-121-3434",
                       "company": "Bluewater Health"},
                      {"id": 2, "name": "Ben Okafor", "notes": "Knows the CFO"}]}
    done = restore_team_document(db.session, json.dumps(doc).encode(), "Fresh")
    db.session.commit()
    assert_columns_right(done.team.id)
    assert _names(search_people(db.session, done.team.id, "1213434")) == ["Ana Silva"]
    assert _names(search_people(db.session, done.team.id, "the cfo")) == ["Ben Okafor"]


def test_a_deleted_person_leaves_the_index(user):
    team = user.team_id
    gone = factories.make_person(db.session, team, "Olga Novak", phone="555-999-0000")
    also = factories.make_person(db.session, team, "Olga Petrov", phone="555-999-0001")
    factories.make_person(db.session, team, "Ann Berg")
    db.session.commit()
    delete_person(db.session, gone)
    db.session.execute(text("DELETE FROM people WHERE id = :id"), {"id": also.id})
    db.session.commit()
    assert_columns_right(team)  # SQLite: the triggers took both out of the index
    assert search_people(db.session, team, "olga") == []
    assert search_people(db.session, team, "555-999") == []


# --- ranking and the team filter, on both of SQLite's ways to read a tier ---------------------

@pytest.fixture(params=["by ids", "walking the name index"])
def probe(request, monkeypatch):
    """SQLite reads a rare tier by the ids its trigram index gives and a common one by walking
    the (team, name) index; PROBE = 1 makes every tier common."""
    if request.param != "by ids":
        monkeypatch.setattr(search, "PROBE", 1)
    return request.param


@pytest.fixture
def crowd(user, other_user):
    team = user.team_id
    for name, fields in (
        ("Ann Berg", {"phone": "+1 (555) 010-2030"}),
        ("Joanna Annis", {"roles": ["advocate"], "company": "Lakeside"}),
        ("Hanna Lee", {"email": "hanna@anvil.example"}),
        ("Bob Stone", {"company": "Annex Tools", "roles": ["advocate"]}),
        ("Cara Diaz", {"notes": "plays golf", "roles": ["advocate"]}),
        ("Annika Stone", {}),
    ):
        factories.make_person(db.session, team, name, **fields)
    for name in ("Ann Secret", "Annie Secret", "Joanna Secret"):
        factories.make_person(db.session, other_user.team_id, name, phone="555-010-2030",
                              notes="golf", roles=["advocate"])
    db.session.commit()


def test_name_matches_come_before_the_preferred_role_found_elsewhere(user, crowd, probe):
    team = user.team_id
    assert _names(search_people(db.session, team, "ann")) == [
        "Ann Berg", "Annika Stone", "Joanna Annis", "Hanna Lee", "Bob Stone"]
    # The advocate among the name matches comes first; the advocate matched by company
    # only still comes after every name match.
    assert _names(search_people(db.session, team, "ann", prefer="advocate")) == [
        "Joanna Annis", "Ann Berg", "Annika Stone", "Hanna Lee", "Bob Stone"]
    # A whole name typed comes first, even before the preferred role.
    assert _names(search_people(db.session, team, "ann berg", prefer="advocate")) == [
        "Ann Berg"]
    assert _names(search_people(db.session, team, "ann", limit=2)) == ["Ann Berg",
                                                                      "Annika Stone"]


def test_another_teams_people_never_show_whichever_way_a_tier_is_read(user, other_user,
                                                                       crowd, probe):
    team = user.team_id
    for q in ("ann", "secret", "5550102030", "010-20", "golf", "joanna"):
        for prefer in (None, "advocate"):
            names = _names(search_people(db.session, team, q, prefer=prefer, limit=20))
            assert not any("Secret" in n for n in names), (q, prefer, names)
    assert _names(search_people(db.session, other_user.team_id, "golf")) == [
        "Ann Secret", "Annie Secret", "Joanna Secret"]


# --- the migration -----------------------------------------------------------------------------

def test_the_migration_fills_the_columns_of_people_already_there(tmp_path):
    from referrals import create_app

    url = "sqlite:///" + str(tmp_path / "old.db")
    fresh = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with fresh.app_context():
        upgrade(revision="a7c3e9f1b2d4")  # the revision before the search columns
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO teams (id, name, settings, graph_version, "
                              "created_at) VALUES (1, 'T', '{}', 1, '2026-01-01')"))
            for pid, name, phone, notes in ((1, "Zoë Åberg", "+1 (555) 010-2030", "Golf"),
                                            (2, "Gus Ortega", None, "")):
                conn.execute(text(
                    "INSERT INTO people (id, team_id, name, email, phone, notes, is_customer, "
                    "is_reference, is_advocate, is_prospect, do_not_contact, pressing_issues, "
                    "version, created_at, updated_at) VALUES (:id, 1, :name, :email, :phone, "
                    ":notes, 0, 0, 0, 0, 0, '[]', 1, '2026-01-01', '2026-01-01')"),
                    {"id": pid, "name": name, "email": f"p{pid}@x.example", "phone": phone,
                     "notes": notes})
        upgrade()
        assert_columns_right(1)
        assert _names(search_people(db.session, 1, "010-2030")) == ["Zoë Åberg"]
        assert _names(search_people(db.session, 1, "p2@x")) == ["Gus Ortega"]
        db.session.remove()
        db.engine.dispose()
