"""POST /api/v1/imports: counts, row errors, duplicates, refusals that write nothing."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from sqlalchemy import select

from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import Group, GroupMembership, Person, Relationship, Team
from referrals.transfer import services
from tests import factories
from tests import import_samples as s
from tests.test_api_support import CheckedApi, count, snapshot

URL = "/api/v1/imports"


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


def upload(api, data: bytes, name: str = "contacts.csv", **fields):
    return api.post(URL, data={"file": (io.BytesIO(data), name), **fields},
                    content_type="multipart/form-data")


def people_by_name(team_id):
    return {p.name: p for p in db.session.scalars(select(Person).where(Person.team_id == team_id))}


def test_linkedin_import_creates_people_and_ties_to_the_rep(api, user):
    response = upload(api, s.encode(s.linkedin_csv(), bom=True), "Connections.csv")
    assert response.status_code == 200
    assert response.get_json() == {"created": 3, "updated": 0, "skipped": 0, "errors": [],
                                   "format": "linkedin", "dry_run": False}
    people = people_by_name(user.team_id)
    zoe = people["Zoë Ångström"]
    assert (zoe.company, zoe.title, zoe.email) == ("Acme, Inc.", "VP, Sales", "zoe@acme.example")
    assert people["Bob O'Brien"].email == "bob.obrien@globex.example"
    ties = db.session.scalars(select(Relationship)).all()
    assert len(ties) == 3
    assert all(user.person_id in (t.person_a_id, t.person_b_id) for t in ties)
    assert {t.kind for t in ties} == {"acquaintance"}
    assert db.session.get(Team, user.team_id).graph_version > 1


def test_reimporting_the_same_file_creates_nothing(api, user):
    data = s.linkedin_csv().encode("utf-16")
    assert upload(api, data).get_json()["created"] == 3
    before = snapshot()
    again = upload(api, data).get_json()
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3)
    after = snapshot()
    for table in ("people", "relationships", "group_memberships", "groups"):
        assert after[table] == before[table]


def test_duplicates_update_empty_fields_and_conflicts_are_reported(api, user):
    factories.make_person(db.session, user.team_id, "Zoe Angstrom", company="ACME")
    factories.make_person(db.session, user.team_id, "Someone Else",
                          email="bob.obrien@globex.example")
    db.session.commit()
    body = upload(api, s.linkedin_csv().encode()).get_json()
    assert (body["created"], body["updated"], body["skipped"]) == (1, 1, 1)
    assert body["errors"] == [{"row": 7, "message": "The e-mail bob.obrien@globex.example "
                               "belongs to Someone Else, not Bob O'Brien; not merged."}]
    zoe = people_by_name(user.team_id)["Zoe Angstrom"]
    assert zoe.email == "zoe@acme.example" and zoe.title == "VP, Sales"
    assert zoe.company == "ACME"  # filled fields are never overwritten


@pytest.mark.parametrize(
    ("data", "name"),
    [(s.google_csv().encode("utf-8-sig"), "google.csv"),
     (s.outlook_csv().encode("cp1252"), "outlook.csv"),
     (s.VCARD_30.encode(), "cards.vcf"), (s.VCARD_40.encode("utf-16"), "card.vcf")],
)
def test_other_contact_formats(api, user, data, name):
    body = upload(api, data, name).get_json()
    assert body["created"] >= 1 and body["errors"] == []
    assert count(Relationship) == 0  # only LinkedIn says "we are connected"


def test_google_fields_land_in_the_right_columns(api, user):
    upload(api, s.google_csv().encode())
    ana = people_by_name(user.team_id)["Ana María Pérez"]
    assert (ana.company, ana.title, ana.email, ana.phone) == (
        "Café Olé, S.A.", "Owner", "ana@cafeole.example", "+34 600 000 001")
    assert ana.notes.startswith('Met at the OMA dinner.\nWants a demo in spring, "after')
    assert "Other e-mails: ana.perez@gmail.example" in ana.notes


def test_dry_run_answers_and_writes_nothing(api, user):
    before = snapshot()
    body = upload(api, s.linkedin_csv().encode(), dry_run="true").get_json()
    assert body["created"] == 3 and body["dry_run"] is True
    assert snapshot() == before


def test_ties_and_memberships_files(api, user):
    for name, email in (("Ann", "ann@x.example"), ("Ben", "ben@x.example")):
        factories.make_person(db.session, user.team_id, name, email=email)
    db.session.commit()
    ties = s.csv_text([["a_email", "b_email", "kind", "rating", "last_interaction"],
                       ["ann@x.example", "BEN@x.example", "colleague", "4", "2024-02-01"],
                       ["ann@x.example", "nobody@x.example", "friend", "3", ""]])
    body = upload(api, ties.encode(), "ties.csv", format="csv").get_json()
    assert body["created"] == 1 and body["format"] == "ties"
    assert body["errors"] == [{"row": 3, "message": "No one in your team matches "
                                                    "nobody@x.example."}]
    tie = db.session.scalars(select(Relationship)).one()
    assert (tie.kind, tie.rating, str(tie.last_interaction)) == ("colleague", 4, "2024-02-01")
    members = s.csv_text([["group", "group_kind", "email"], ["OMA", "association", "ann@x.example"],
                          ["OMA", "association", "ben@x.example"],
                          ["OMA", "club", "ben@x.example"]])
    body = upload(api, members.encode(), "members.csv").get_json()
    assert body["created"] == 2 and len(body["errors"]) == 1 and body["errors"][0]["row"] == 4
    assert count(Group) == 1 and count(GroupMembership) == 2


def test_people_of_another_team_are_never_matched(api, user, other_user):
    factories.make_person(db.session, other_user.team_id, "Ann", email="ann@x.example")
    factories.make_person(db.session, user.team_id, "Ben", email="ben@x.example")
    db.session.commit()
    ties = s.csv_text([["a_email", "b_email", "kind"],
                       ["ann@x.example", "ben@x.example", "friend"]])
    body = upload(api, ties.encode()).get_json()
    assert body["created"] == 0 and body["errors"][0]["row"] == 2
    contacts = s.csv_text([["name", "email"], ["Ann", "ann@x.example"]])
    assert upload(api, contacts.encode()).get_json()["created"] == 1


@pytest.mark.parametrize(
    ("data", "field_words"),
    [(b"", "empty"), (b"\x00\x01\x02\x03binary\xff\xfe\x00\x00", "not text"),
     (b"PK\x03\x04rest-of-an-xlsx", "save it as CSV"),
     (b"who,mail\r\nKim,kim@x.example\r\n", "no name column")],
)
def test_files_that_are_not_contacts_get_400_and_write_nothing(api, user, data, field_words):
    before = snapshot()
    response = upload(api, data)
    assert response.status_code == 400
    assert field_words in " ".join(response.get_json()["fields"]["file"])
    assert snapshot() == before


def test_too_large_gets_413_and_writes_nothing(api, user, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_FILE_SIZE", 2048)
    before = snapshot()
    big = s.linkedin_csv([["Ann", f"Number{n}", "", "", "", "", ""] for n in range(200)])
    response = upload(api, big.encode())
    assert response.status_code == 413
    assert "larger than" in response.get_json()["error"]
    assert snapshot() == before


@pytest.mark.parametrize(
    ("kwargs", "status", "field"),
    [({"json": {"file": "x"}}, 415, None),
     ({"data": {"format": "csv"}, "content_type": "multipart/form-data"}, 400, "file"),
     ({"data": {"file": (io.BytesIO(b"name\nA\n"), "a.csv"), "format": "xlsx"},
       "content_type": "multipart/form-data"}, 400, "format"),
     ({"data": {"file": (io.BytesIO(b"name\nA\n"), "a.csv"), "dry_run": "maybe"},
       "content_type": "multipart/form-data"}, 400, "dry_run"),
     ({"data": {"file": (io.BytesIO(b"name\nA\n"), "a.csv"), "colour": "red"},
       "content_type": "multipart/form-data"}, 400, "colour")],
)
def test_malformed_requests(api, user, kwargs, status, field):
    before = snapshot()
    response = api.post(URL, **kwargs)
    assert response.status_code == status
    if field:
        assert field in response.get_json()["fields"]
    assert snapshot() == before


def test_a_failure_part_way_leaves_nothing(api, user, app, monkeypatch):
    def crash(*args, **kwargs):
        raise RuntimeError("connection lost")

    monkeypatch.setattr(services, "_insert_ties", crash)  # after the people are inserted
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    before = snapshot()
    response = api.client.post(URL, data={"file": (io.BytesIO(s.linkedin_csv().encode()), "a")},
                               headers=api.headers(), content_type="multipart/form-data")
    assert response.status_code == 500
    assert snapshot() == before


def test_no_token_401(client, user):
    response = client.post(URL, data={"file": (io.BytesIO(b"name\nA\n"), "a.csv")},
                           content_type="multipart/form-data")
    assert response.status_code == 401


def test_roles_mark_the_people_an_import_creates(api, user):
    dana = factories.make_person(db.session, user.team_id, "Zoë Ångström",
                                 email="zoe@acme.example")
    db.session.commit()
    response = upload(api, s.linkedin_csv().encode(), roles=["prospect", "reference"])
    assert response.status_code == 200 and response.get_json()["created"] == 2
    people = people_by_name(user.team_id)
    assert people["José Núñez"].roles == people["Bob O'Brien"].roles == ["reference",
                                                                         "prospect"]
    assert db.session.get(Person, dana.id).roles == []


def test_roles_for_existing_marks_the_people_already_there(api, user):
    factories.make_person(db.session, user.team_id, "Zoë Ångström", email="zoe@acme.example")
    db.session.commit()
    response = upload(api, s.linkedin_csv().encode(), roles="prospect",
                      roles_for_existing="true")
    assert response.status_code == 200
    people = people_by_name(user.team_id)
    assert {name: p.roles for name, p in people.items() if name != user.person.name} == {
        "Zoë Ångström": ["prospect"], "José Núñez": ["prospect"], "Bob O'Brien": ["prospect"]}


@pytest.mark.parametrize(("fields", "refused"), [
    ({"roles": ["prospect", "boss"]}, "roles"),
    ({"roles": "prospect", "roles_for_existing": "maybe"}, "roles_for_existing"),
])
def test_unknown_roles_are_refused_and_nothing_is_written(api, user, fields, refused):
    before = snapshot()
    response = upload(api, s.linkedin_csv().encode(), **fields)
    assert response.status_code == 400
    assert list(response.get_json()["fields"]) == [refused]
    assert snapshot() == before


def test_connected_on_dates_the_tie_and_the_ranking_feels_it(api, user):
    today = today_for(user)
    rows = [["Ann", "Recent", "", "", "Initech", "", (today - timedelta(days=20)).isoformat()],
            ["Bob", "Longago", "", "", "Initech", "", (today - timedelta(days=700)).isoformat()],
            ["Cy", "Undated", "", "", "Initech", "", ""]]
    assert upload(api, s.linkedin_csv(rows).encode(), roles="prospect").status_code == 200
    ties = {t.person_b_id if t.person_a_id == user.person_id else t.person_a_id:
            t.last_interaction for t in db.session.scalars(select(Relationship))}
    people = people_by_name(user.team_id)
    assert ties[people["Ann Recent"].id] == today - timedelta(days=20)
    assert ties[people["Cy Undated"].id] is None
    ranking = api.get("/api/v1/prospects/ranking").get_json()["items"]
    warmth = {item["prospect"]["name"]: item["warmth"] for item in ranking}
    assert set(warmth) == {"Ann Recent", "Bob Longago", "Cy Undated"}
    assert warmth["Bob Longago"] < warmth["Ann Recent"] <= warmth["Cy Undated"]
