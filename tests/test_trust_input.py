"""One-line fields refuse line breaks, control and bidi characters, in forms and in the API;
date filters take YYYY-MM-DD only; the LICENSE matches pyproject."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from referrals.extensions import db
from referrals.text import one_line_problem
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot

ROOT = Path(__file__).resolve().parent.parent

BAD = [
    ("Ann\r\nBcc: all@example.com", "one line"),
    ("Ann\nSmith", "one line"),
    ("Ann\u2028Smith", "one line"),
    ("Acme\u202egnp.exe", "U+202E"),
    ("Acme\u202a", "U+202A"),
    ("Acme\u2066x\u2069", "U+2066"),
    ("tab\there", "U+0009"),
    ("bell\x07", "U+0007"),
    ("del\x7f", "U+007F"),
    ("c1\x9b", "U+009B"),
    ("nel\x85", "one line"),
]
FIELDS = ["name", "company", "title", "phone"]


@pytest.mark.parametrize("value, said", BAD)
def test_the_shared_check_names_the_problem(value, said):
    assert said in one_line_problem(value)


@pytest.mark.parametrize("value", ["Zoë O'Brien", "شركة الأمل", "עמית כהן", "李小龙",
                                   "+1 (555) 010-2030", "Ann 👋", "Müller & Söhne GmbH"])
def test_real_names_pass(value):
    assert one_line_problem(value) is None


def _post_person(client, data):
    token = csrf_token_from(client.get("/people/new").get_data(as_text=True))
    return client.post("/people/new", data={"name": "Dana Whitfield", **data,
                                            "csrf_token": token})


@pytest.mark.parametrize("field", FIELDS)
@pytest.mark.parametrize("value, said", BAD[:1] + BAD[3:4] + BAD[6:7])
def test_the_person_form_refuses_it_with_a_field_message(client, logged_in, field, value, said):
    before = snapshot()
    response = _post_person(client, {field: value})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="{field}-errors"' in html and said in html
    assert snapshot() == before


def test_the_person_form_still_takes_a_real_name(client, logged_in):
    assert _post_person(client, {"name": "Zoë O'Brien", "company": "شركة الأمل"}).status_code \
        == 302


def test_accepting_an_invitation_refuses_it_in_the_name(app, client, logged_in):
    from referrals.auth.credentials import make_invite_token

    token = make_invite_token(db.session, app.config["SECRET_KEY"], logged_in, "new@example.com")
    fresh = app.test_client()
    page = fresh.get(f"/invite/{token}")
    response = fresh.post(f"/invite/{token}", data={
        "name": "New\u202eRep", "password": "long enough pw", "confirm": "long enough pw",
        "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 400 and "U+202E" in response.get_data(as_text=True)


# (E-mail addresses: the address check already refuses all of these.)
@pytest.mark.parametrize("field", FIELDS + ["industry", "region"])
@pytest.mark.parametrize("value", ["Ann\r\nB", "x\u202ey", "a\x1bb"])
def test_the_api_refuses_it_with_fields(api, field, value):
    before = snapshot()
    response = api.post("/api/v1/people", json={"name": "Dana", field: value})
    assert response.status_code == 400
    body = response.get_json()
    assert list(body["fields"]) == [field], body
    assert snapshot() == before


def test_the_api_refuses_it_on_update_too(api, user):
    person = factories.make_person(db.session, user.team_id, "Dana")
    db.session.commit()
    response = api.patch(f"/api/v1/people/{person.id}", json={"name": "Dana\nEvil"})
    assert response.status_code == 400 and "name" in response.get_json()["fields"]
    response = api.post("/api/v1/groups", json={"name": "Expo\u2067", "kind": "event"})
    assert response.status_code == 400 and "name" in response.get_json()["fields"]


# --- strict date filters --------------------------------------------------------------------

# Each of these was once read as a date: a Unix time at midnight, or a datetime at midnight.
@pytest.mark.parametrize("value", ["0", "86400", "1701561600", "2026-12-03T00:00",
                                   "2026-12-03T00:00:00Z"])
def test_a_date_filter_takes_only_yyyy_mm_dd(api, value):
    response = api.get("/api/v1/followups", query_string={"due_before": value})
    assert response.status_code == 400
    assert "due_before" in response.get_json()["fields"]


def test_a_good_date_filter_works(api):
    assert api.get("/api/v1/followups?due_before=2026-12-03").status_code == 200


# --- the licence ------------------------------------------------------------------------------

def test_the_license_file_matches_pyproject():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert meta["license"] == "MIT"
    text = (ROOT / "LICENSE").read_text()
    assert text.startswith("MIT License") and "Permission is hereby granted" in text
