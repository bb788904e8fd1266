"""A person's profile address: stored from LinkedIn, edited in the form and the API, refused
when it is not an http(s) address, shown as a link, and added and removed by its migration."""

from __future__ import annotations

import io
import re

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, text

from referrals.extensions import db
from referrals.models import Person
from referrals.transfer.services import read_upload
from tests import factories
from tests import import_samples as s
from tests.test_api_support import CheckedApi, count, snapshot
from tests.test_people_views import VALID, post

BAD = ["javascript:alert(1)", "www.linkedin.com/in/zoe", "ftp://files.example/a",
       "https://exa mple.com", "https://"]


def upload(api, data: bytes, **fields):
    return api.post("/api/v1/imports", data={"file": (io.BytesIO(data), "c.csv"), **fields},
                    content_type="multipart/form-data")


def test_linkedin_import_keeps_the_profile_out_of_the_notes(api, app, user):
    assert upload(CheckedApi(api, app), s.linkedin_csv().encode()).status_code == 200
    zoe = db.session.scalar(select(Person).where(Person.email == "zoe@acme.example"))
    assert zoe.profile_url == "https://www.linkedin.com/in/zoe-angstrom"
    assert "linkedin" not in zoe.notes.lower()
    answer = api.get(f"/api/v1/people/{zoe.id}").get_json()
    assert answer["profile_url"] == "https://www.linkedin.com/in/zoe-angstrom"


def test_a_bad_profile_address_in_a_file_is_a_row_error(api, user):
    data = s.csv_text([["name", "profile_url"], ["Kim Lee", "javascript:alert(1)"],
                       ["Ann Ash", "https://www.linkedin.com/in/ann"]])
    body = upload(api, data.encode()).get_json()
    assert body["created"] == 1
    assert body["errors"] == [{"row": 2, "message": "'javascript:alert(1)' is not a profile "
                                                    "address: use one that starts with "
                                                    "https:// or http://."}]
    assert db.session.scalar(select(Person.profile_url).where(Person.name == "Ann Ash")) == \
        "https://www.linkedin.com/in/ann"


def test_outlook_and_vcard_web_pages_fill_it_when_they_are_addresses():
    row = s.outlook_row(**{"First Name": "Tom", "Last Name": "Baker",
                           "Web Page": "https://initech.example/tom"})
    plain = s.outlook_row(**{"First Name": "Ann", "Last Name": "Ash",
                             "Web Page": "www.ash.example"})
    tom, ann = read_upload(s.csv_text([s.OUTLOOK_HEADER, row, plain]).encode()).contacts
    assert tom.extra["profile_url"] == "https://initech.example/tom"
    assert ann.extra["profile_url"] is None and ann.notes == "Web page: www.ash.example"
    card = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Amy\r\nURL:https://amy.example\r\nEND:VCARD\r\n"
    (amy,) = read_upload(card.encode()).contacts
    assert amy.extra["profile_url"] == "https://amy.example"


def test_the_form_saves_it(client, logged_in):
    url = "https://www.linkedin.com/in/laura"
    assert post(client, "/people/new", {**VALID, "profile_url": url}).status_code == 302
    assert db.session.scalar(select(Person.profile_url).where(Person.name == "Laura Brennan")) \
        == url


@pytest.mark.parametrize("value", BAD)
def test_the_form_refuses_what_is_not_a_web_address(client, logged_in, value):
    before = count(Person)
    response = post(client, "/people/new", {**VALID, "profile_url": value})
    assert response.status_code == 400
    errors = re.search(r'<ul class="errors" id="profile_url-errors">(.*?)</ul>',
                       response.get_data(as_text=True), re.S)
    assert errors and "https://" in errors.group(1)
    assert count(Person) == before


@pytest.mark.parametrize("value", BAD)
def test_the_api_refuses_what_is_not_a_web_address(api, user, value):
    before = snapshot()
    response = api.post("/api/v1/people", json={"name": "Kim", "profile_url": value})
    assert response.status_code == 400
    assert "profile_url" in response.get_json()["fields"]
    assert snapshot() == before


def test_the_api_sets_and_clears_it(api, user):
    made = api.post("/api/v1/people", json={"name": "Kim", "profile_url": "http://kim.example"})
    assert made.status_code == 201 and made.get_json()["profile_url"] == "http://kim.example"
    cleared = api.patch(f"/api/v1/people/{made.get_json()['id']}", json={"profile_url": None})
    assert cleared.status_code == 200 and cleared.get_json()["profile_url"] is None


def test_the_person_page_links_only_web_addresses(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Zoë",
                                   profile_url="https://www.linkedin.com/in/zoe")
    db.session.commit()
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert ('<a class="profile-link" href="https://www.linkedin.com/in/zoe" target="_blank" '
            'rel="noopener noreferrer">Profile</a>') in html
    person.profile_url = "javascript:alert(1)"  # only a database edit could store it
    db.session.commit()
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "profile-link" not in html and "javascript:" not in html


def test_the_migration_adds_and_drops_the_column_keeping_every_row(tmp_path):
    from referrals import create_app

    url = "sqlite:///" + str(tmp_path / "old.db")
    fresh = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI": url})
    with fresh.app_context():
        upgrade(revision="e5b7c9d1f3a2")
        with db.engine.begin() as conn:
            conn.execute(text("INSERT INTO teams (id, name, settings, graph_version, "
                              "created_at) VALUES (1, 'T', '{}', 1, '2026-01-01')"))
            for pid in (1, 2):
                conn.execute(text("INSERT INTO people (id, team_id, name, notes, is_customer, "
                                  "is_reference, is_advocate, is_prospect, do_not_contact, "
                                  "pressing_issues, version, created_at, updated_at) VALUES "
                                  f"({pid}, 1, 'P{pid}', '', 0, 0, 0, 0, 0, '[]', 1, "
                                  "'2026-01-01', '2026-01-01')"))
            conn.execute(text("INSERT INTO relationships (team_id, person_a_id, person_b_id, "
                              "pair_low, pair_high, kind, rating, notes, version, created_at, "
                              "updated_at) VALUES (1, 1, 2, 1, 2, 'friend', 3, '', 1, "
                              "'2026-01-01', '2026-01-01')"))
        upgrade()
        columns = {c["name"] for c in inspect(db.engine).get_columns("people")}
        assert "profile_url" in columns
        downgrade(revision="e5b7c9d1f3a2")
        columns = {c["name"] for c in inspect(db.engine).get_columns("people")}
        assert "profile_url" not in columns
        with db.engine.connect() as conn:  # no rebuild of people, so no cascade to the ties
            assert conn.execute(text("SELECT count(*) FROM people")).scalar() == 2
            assert conn.execute(text("SELECT count(*) FROM relationships")).scalar() == 1
        db.engine.dispose()
