"""Exports (API and pages): CSV, vCard and the team document, which imports back losslessly."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from referrals.extensions import db
from referrals.models import Group, GroupMembership, Person, Relationship, Touch
from referrals.transfer.planning import EXTRA_FIELDS
from referrals.transfer.vcards import parse_vcards
from tests import factories
from tests.test_api_support import CheckedApi


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def network(user):
    team = user.team_id
    ana = factories.make_person(db.session, team, "Ana María Pérez", company="Café Olé, S.A.",
                                title="Owner", email="ana@cafeole.example", phone="+34 600",
                                timezone="Europe/Madrid", roles=["customer", "advocate"],
                                deal_value=Decimal("1200.50"),
                                notes="Line one, with a comma.\nLine \"two\".")
    ben = factories.make_person(db.session, team, "Ben =SUM(A1)", company="Initech",
                                do_not_contact=True, notes='=HYPERLINK("http://x.example")')
    cai = factories.make_person(db.session, team, "Cai Lee", company="Initech")
    factories.make_relationship(db.session, ana, ben, "former_colleague", rating=4,
                                last_interaction=date(2025, 3, 1))
    factories.make_relationship(db.session, ben, cai, "friend", rating=5)
    factories.make_group(db.session, team, "OMA", members=[ana, cai])
    factories.make_group(db.session, team, "Empty event", kind="event")
    db.session.add(Touch(team_id=team, person_id=ben.id, channel="call", outcome="spoke",
                         occurred_at=datetime(2025, 4, 1, 15, 30, tzinfo=UTC), notes="Café?"))
    for name, value in zip(EXTRA_FIELDS, ("Food & drink", "11-50", "Madrid"), strict=False):
        setattr(ana, name, value)  # firmographics, where the schema has them
    db.session.commit()
    return ana, ben, cai


def rows_of(response):
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_people_csv(api, network):
    response = api.get("/api/v1/exports/people.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = {r["name"]: r for r in rows_of(response)}
    ana = rows["Ana María Pérez"]
    assert (ana["company"], ana["roles"], ana["deal_value"], ana["timezone"]) == (
        "Café Olé, S.A.", "customer;advocate", "1200.50", "Europe/Madrid")
    assert ana["notes"] == "Line one, with a comma.\nLine \"two\"."
    assert rows["Ben =SUM(A1)"]["do_not_contact"] == "yes"
    assert rows["Ben =SUM(A1)"]["notes"] == "'=HYPERLINK(\"http://x.example\")"


def test_formulas_are_defused(api, network):
    text = api.get("/api/v1/exports/people.csv").get_data(as_text=True)
    assert "Ben =SUM(A1)" in text  # not at the start of the cell: harmless
    assert ',"=' not in text and ",=" not in text
    assert ',"\'=HYPERLINK' in text  # a spreadsheet shows it as text


def test_people_vcard(api, network):
    response = api.get("/api/v1/exports/people.vcf")
    assert response.mimetype == "text/vcard"
    cards = {c.name: c for c in parse_vcards(response.get_data(as_text=True)).contacts}
    ana = cards["Ana María Pérez"]
    assert (ana.company, ana.emails, ana.phones, ana.title) == (
        "Café Olé, S.A.", ["ana@cafeole.example"], ["+34 600"], "Owner")
    assert ana.notes == "Line one, with a comma.\nLine \"two\"."


def test_relationships_csv(api, network):
    rows = rows_of(api.get("/api/v1/exports/relationships.csv"))
    assert [(r["a_name"], r["b_name"], r["kind"], r["rating"], r["last_interaction"])
            for r in rows] == [
        ("Ana María Pérez", "Ben =SUM(A1)", "former_colleague", "4", "2025-03-01"),
        ("Ben =SUM(A1)", "Cai Lee", "friend", "5", "")]


def test_exports_hold_only_the_callers_team(api, network, other_user):
    factories.make_person(db.session, other_user.team_id, "Secret Rival", email="s@rival.example")
    db.session.commit()
    for name in ("people.csv", "people.vcf", "relationships.csv", "team.json"):
        assert "Secret Rival" not in api.get(f"/api/v1/exports/{name}").get_data(as_text=True)


def _team_state(team_id):
    people = {p.id: p for p in db.session.scalars(select(Person).where(Person.team_id == team_id))}
    fields = ("name", "company", "title", "email", "phone", "timezone", "roles",
              "do_not_contact", "deal_value", "notes", *EXTRA_FIELDS)
    def key(p):
        return tuple(tuple(v) if isinstance(v, list) else v
                     for v in (getattr(p, f) for f in fields))
    ties = {(frozenset((key(people[t.person_a_id]), key(people[t.person_b_id]))), t.kind,
             t.rating, t.last_interaction, t.notes)
            for t in db.session.scalars(select(Relationship)
                                        .where(Relationship.team_id == team_id))}
    groups = {}
    for g in db.session.scalars(select(Group).where(Group.team_id == team_id)):
        members = db.session.scalars(select(GroupMembership.person_id)
                                     .where(GroupMembership.group_id == g.id))
        groups[(g.name, g.kind, g.notes)] = {key(people[m]) for m in members}
    touches = {(key(people[t.person_id]), t.channel, t.outcome,
                t.occurred_at.replace(tzinfo=None) if t.occurred_at.tzinfo is None
                else t.occurred_at.astimezone(UTC).replace(tzinfo=None), t.notes)
               for t in db.session.scalars(select(Touch).where(Touch.team_id == team_id))}
    return {key(p) for p in people.values()}, ties, groups, touches


def test_team_document_round_trips_into_an_empty_team(api, app, client, network, other_user):
    doc = api.get("/api/v1/exports/team.json")
    assert doc.status_code == 200
    body = doc.get_json()
    assert body["format"] == "referrals-team" and len(body["people"]) == 4
    from referrals.auth.services import create_token
    rival_token = create_token(db.session, other_user, "t")
    db.session.commit()
    rival = CheckedApi(type("A", (), {"client": client, "token": rival_token})(), app)
    # The rival team starts with only its rep; that rep's own record is set aside.
    rival_rep = db.session.get(Person, other_user.person_id)
    rep_key = rival_rep.name
    result = rival.post("/api/v1/imports", data={
        "file": (io.BytesIO(doc.get_data()), "team.json")}, content_type="multipart/form-data")
    assert result.status_code == 200, result.get_json()
    assert result.get_json()["errors"] == []
    mine = _team_state(network[0].team_id)
    theirs = _team_state(other_user.team_id)
    assert theirs[0] - {k for k in theirs[0] if k[0] == rep_key} == mine[0]
    assert theirs[1] == mine[1] and theirs[2] == mine[2] and theirs[3] == mine[3]
    assert len(mine[3]) == 1
    again = rival.post("/api/v1/imports", data={
        "file": (io.BytesIO(doc.get_data()), "team.json")}, content_type="multipart/form-data")
    assert again.get_json()["created"] == 0


def test_people_and_relationships_csv_import_back(api, network, other_user, client, app):
    from referrals.auth.services import create_token
    people = api.get("/api/v1/exports/people.csv").get_data()
    ties = api.get("/api/v1/exports/relationships.csv").get_data()
    token = create_token(db.session, other_user, "t")
    db.session.commit()
    rival = CheckedApi(type("A", (), {"client": client, "token": token})(), app)
    for data in (people, ties):
        body = rival.post("/api/v1/imports", data={"file": (io.BytesIO(data), "x.csv")},
                          content_type="multipart/form-data").get_json()
        assert body["errors"] == [] and body["created"] >= 2
    mine, theirs = _team_state(network[0].team_id), _team_state(other_user.team_id)
    assert mine[0] <= theirs[0] and mine[1] == theirs[1]


def test_export_pages(client, logged_in, network):
    assert "/transfer/exports" in client.get("/transfer/").get_data(as_text=True)
    page = client.get("/transfer/exports").get_data(as_text=True)
    for name in ("people.csv", "people.vcf", "relationships.csv", "team.json"):
        assert f"/transfer/exports?file={name}" in page
        response = client.get(f"/transfer/exports?file={name}")
        assert response.status_code == 200
        assert "attachment" in response.headers["Content-Disposition"]
        assert "Ana María Pérez" in response.get_data(as_text=True)
    assert client.get("/transfer/exports?file=passwords.txt").status_code == 404
    json.loads(client.get("/transfer/exports?file=team.json").get_data(as_text=True))
