"""API v1 people: CRUD, filters, pagination, validation, duplicates."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from referrals.extensions import db
from referrals.models import GroupMembership, Person, Relationship
from tests import factories
from tests.test_api_support import CheckedApi, count, snapshot


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


FULL = {
    "name": "Mike Kincaid",
    "company": "Quality Fabricators",
    "title": "Plant Manager",
    "email": "Mike.Kincaid@QualityFab.example",
    "phone": "+1 614 555 0101",
    "timezone": "America/Chicago",
    "roles": ["advocate", "customer"],
    "do_not_contact": False,
    "deal_value": 12500.5,
    "notes": "Met at the OMA dinner.",
}


def test_create_read_update_delete(api, user):
    response = api.post("/api/v1/people", json=FULL)
    assert response.status_code == 201
    person = response.get_json()
    assert person["name"] == "Mike Kincaid"
    assert person["email"] == "mike.kincaid@qualityfab.example"
    assert person["roles"] == ["customer", "advocate"]  # the fixed order of ROLES
    assert person["deal_value"] == 12500.5
    assert response.headers["Location"] == f"http://localhost/api/v1/people/{person['id']}"
    for stamp in ("created_at", "updated_at"):
        assert datetime.fromisoformat(person[stamp]).utcoffset() is not None

    assert api.get(f"/api/v1/people/{person['id']}").get_json() == person

    response = api.patch(f"/api/v1/people/{person['id']}",
                         json={"title": None, "roles": ["prospect"], "deal_value": None})
    assert response.status_code == 200
    changed = response.get_json()
    assert changed["title"] is None and changed["roles"] == ["prospect"]
    assert changed["deal_value"] is None
    assert changed["name"] == "Mike Kincaid" and changed["company"] == "Quality Fabricators"

    response = api.delete(f"/api/v1/people/{person['id']}")
    assert response.status_code == 204 and response.data == b""
    assert api.get(f"/api/v1/people/{person['id']}").status_code == 404


def test_create_with_only_a_name_uses_defaults(api, user):
    person = api.post("/api/v1/people", json={"name": "  Dana Whitfield "}).get_json()
    assert person["name"] == "Dana Whitfield"
    assert person["roles"] == [] and person["do_not_contact"] is False
    assert person["email"] is None and person["deal_value"] is None and person["notes"] == ""


def test_blank_optional_strings_are_stored_as_null(api, user):
    person = api.post("/api/v1/people", json={"name": "X", "email": "  ", "company": ""}).get_json()
    assert person["email"] is None and person["company"] is None


def test_empty_patch_changes_nothing(api, user):
    person = api.post("/api/v1/people", json=FULL).get_json()
    response = api.patch(f"/api/v1/people/{person['id']}", json={})
    assert response.status_code == 200
    assert response.get_json() == person


def test_html_is_data_not_markup(api, user):
    script = "<script>alert('x')</script> & \"quotes\""
    response = api.post("/api/v1/people", json={"name": script, "notes": script})
    assert response.mimetype == "application/json"
    person = api.get(f"/api/v1/people/{response.get_json()['id']}").get_json()
    assert person["name"] == script and person["notes"] == script


def test_unicode_round_trips(api, user):
    person = api.post("/api/v1/people", json={"name": "Zoë Ångström 李小龍"}).get_json()
    assert api.get(f"/api/v1/people/{person['id']}").get_json()["name"] == "Zoë Ångström 李小龍"


def test_the_list_holds_only_the_team(api, user, other_user):
    factories.make_person(db.session, user.team_id, "Ours")
    factories.make_person(db.session, other_user.team_id, "Theirs")
    db.session.commit()
    names = {p["name"] for p in api.get("/api/v1/people").get_json()["items"]}
    assert "Ours" in names and "Theirs" not in names
    assert "Rival" not in " ".join(names)  # the other rep's own person neither


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("role=advocate", {"Ada Advocate", "Both Ways"}),
        ("role=prospect", {"Pat Prospect", "Both Ways"}),
        ("q=fabric", {"Ada Advocate"}),
        ("q=FABRIC", {"Ada Advocate"}),
        ("q=pat%40", {"Pat Prospect"}),
        ("q=100%25", {"Hundred Percent"}),  # % is a literal, not a LIKE wildcard
        ("q=a_b", set()),  # _ too
        ("role=advocate&q=both", {"Both Ways"}),
    ],
)
def test_filters(api, user, query, expected):
    for name, fields in [
        ("Ada Advocate", {"roles": ["advocate"], "company": "Quality Fabricators"}),
        ("Pat Prospect", {"roles": ["prospect"], "email": "pat@example.com"}),
        ("Both Ways", {"roles": ["advocate", "prospect"]}),
        ("Hundred Percent", {"company": "100% Steel"}),
        ("Axb", {}),
    ]:
        factories.make_person(db.session, user.team_id, name, **fields)
    db.session.commit()
    response = api.get(f"/api/v1/people?{query}")
    assert response.status_code == 200
    assert {p["name"] for p in response.get_json()["items"]} == expected


def test_next_links_walk_every_person_once(api, user):
    for i in range(7):
        factories.make_person(db.session, user.team_id, f"Person {i}", company="Walk Inc")
    factories.make_person(db.session, user.team_id, "Left out", company="Elsewhere")
    db.session.commit()
    expected = set(db.session.scalars(select(Person.id).where(Person.company == "Walk Inc")))
    seen: list[int] = []
    url = "/api/v1/people?limit=3&q=walk"
    pages = 0
    while url:
        body = api.get(url).get_json()
        assert len(body["items"]) <= 3
        seen += [p["id"] for p in body["items"]]
        url = body["next"]
        if url:
            assert url.startswith("http://localhost/api/v1/people?")
            assert "q=walk" in url and "limit=3" in url
        pages += 1
    assert pages == 3
    assert sorted(seen) == seen and len(seen) == len(set(seen))
    assert set(seen) == expected


def test_default_limit_is_fifty(api, user):
    for i in range(55):
        db.session.add(Person(team_id=user.team_id, name=f"P{i}", notes=""))
    db.session.commit()
    body = api.get("/api/v1/people").get_json()
    assert len(body["items"]) == 50 and body["next"]
    rest = api.get(body["next"]).get_json()
    assert len(rest["items"]) == 6 and rest["next"] is None  # 55 + the rep's own person


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("limit=501", "limit", "Use a number of at most 500."),
        ("limit=0", "limit", "Use a number of at least 1."),
        ("limit=ten", "limit", "Enter a whole number."),
        ("after=-1", "after", "Use a number of at least 0."),
        ("after=99999999999999999999", "after", "Use a number of at most 2147483647."),
        ("role=boss", "role", "Choose one of: customer, reference, advocate or prospect."),
        ("colour=red", "colour", "Unknown parameter."),
        ("role=advocate&role=prospect", "role", "Give this parameter only once."),
        ("q=" + "x" * 201, "q", "Use at most 200 characters."),
        ("q=a%00b", "q", "Remove the NUL (\\u0000) character."),
    ],
)
def test_bad_query_parameters(api, user, query, field, message):
    response = api.get(f"/api/v1/people?{query}")
    assert response.status_code == 400
    assert response.get_json()["fields"] == {field: [message]}


LONG = "x" * 201


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({}, "name", "This field is required."),
        ({"name": ""}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"name": None}, "name", "This field can't be null."),
        ({"name": 42}, "name", "Enter text."),
        ({"name": LONG}, "name", "Use at most 200 characters."),
        ({"name": "a\u0000b"}, "name", "Remove the NUL (\\u0000) character."),
        ({"name": "A", "company": LONG}, "company", "Use at most 200 characters."),
        ({"name": "A", "title": LONG}, "title", "Use at most 200 characters."),
        ({"name": "A", "phone": "1" * 51}, "phone", "Use at most 50 characters."),
        ({"name": "A", "timezone": "Mars/Olympus"}, "timezone",
         "Use a time zone name such as America/Chicago."),
        ({"name": "A", "timezone": "A" * 65}, "timezone", "Use at most 64 characters."),
        ({"name": "A", "email": "x" * 250 + "@example.com"}, "email",
         "Use at most 254 characters."),
        ({"name": "A", "roles": ["boss"]}, "roles.0",
         "Choose one of: customer, reference, advocate or prospect."),
        ({"name": "A", "roles": "advocate"}, "roles", "Send a list."),
        ({"name": "A", "roles": None}, "roles", "This field can't be null."),
        ({"name": "A", "do_not_contact": "yes"}, "do_not_contact", "Use true or false."),
        ({"name": "A", "do_not_contact": 1}, "do_not_contact", "Use true or false."),
        ({"name": "A", "deal_value": -1}, "deal_value", "Use a number of at least 0."),
        ({"name": "A", "deal_value": "100"}, "deal_value", "Enter a number."),
        ({"name": "A", "deal_value": True}, "deal_value", "Enter a number."),
        ({"name": "A", "deal_value": 1e15}, "deal_value",
         "Use a number of at most 999999999999.99."),
        ({"name": "A", "deal_value": 10.005}, "deal_value", "Use at most 2 decimal places."),
        ({"name": "A", "notes": ["a"]}, "notes", "Enter text."),
        ({"name": "A", "nickname": "Mikey"}, "nickname", "Unknown field."),
        ({"name": "A", "id": 5}, "id", "Unknown field."),
    ],
)
def test_create_refuses_bad_fields(api, user, body, field, message):
    before = snapshot()
    response = api.post("/api/v1/people", json=body)
    assert response.status_code == 400
    error = response.get_json()
    assert error["error"] == "Invalid person."
    assert error["fields"] == {field: [message]}
    assert snapshot() == before


@pytest.mark.parametrize(
    "email", ["not-an-address", "two@@example.com", "a@b", "@example.com"]
)
def test_create_refuses_bad_email(api, user, email):
    response = api.post("/api/v1/people", json={"name": "A", "email": email})
    assert response.status_code == 400
    [message] = response.get_json()["fields"]["email"]
    assert message.startswith("Enter a valid e-mail address: ")


def test_every_bad_field_is_reported_at_once(api, user):
    response = api.post("/api/v1/people", json={"name": "", "rating": 3, "deal_value": -5})
    assert set(response.get_json()["fields"]) == {"name", "rating", "deal_value"}


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"name": None}, "name", "This field can't be null."),
        ({"name": " "}, "name", "This field is required."),
        ({"do_not_contact": None}, "do_not_contact", "This field can't be null."),
        ({"notes": None}, "notes", "This field can't be null."),
        ({"roles": ["customer", 3]}, "roles.1",
         "Choose one of: customer, reference, advocate or prospect."),
        ({"email": "nope"}, "email", None),
        ({"team_id": 99}, "team_id", "Unknown field."),
    ],
)
def test_update_refuses_bad_fields(api, user, body, field, message):
    person = factories.make_person(db.session, user.team_id, "Kept", notes="n")
    db.session.commit()
    before = snapshot()
    response = api.patch(f"/api/v1/people/{person.id}", json=body)
    assert response.status_code == 400
    fields = response.get_json()["fields"]
    assert list(fields) == [field]
    if message:
        assert fields[field] == [message]
    assert snapshot() == before


def test_duplicate_email_in_the_team_is_a_conflict(api, user):
    factories.make_person(db.session, user.team_id, "First", email="dup@example.com")
    other = factories.make_person(db.session, user.team_id, "Second")
    db.session.commit()
    before = snapshot()
    response = api.post("/api/v1/people", json={"name": "Third", "email": "DUP@example.com"})
    assert response.status_code == 409
    assert response.get_json()["fields"] == {
        "email": ["Another person in this team already has this e-mail address."]
    }
    response = api.patch(f"/api/v1/people/{other.id}", json={"email": "dup@example.com"})
    assert response.status_code == 409
    assert snapshot() == before


def test_the_same_email_in_another_team_is_fine(api, user, other_user):
    factories.make_person(db.session, other_user.team_id, "Theirs", email="shared@example.com")
    db.session.commit()
    response = api.post("/api/v1/people", json={"name": "Ours", "email": "shared@example.com"})
    assert response.status_code == 201


def test_a_person_can_keep_their_own_email(api, user):
    person = factories.make_person(db.session, user.team_id, "Me", email="me@example.com")
    db.session.commit()
    response = api.patch(f"/api/v1/people/{person.id}", json={"email": "ME@example.com"})
    assert response.status_code == 200


def test_deleting_a_person_takes_their_ties_and_memberships(api, user):
    a = factories.make_person(db.session, user.team_id, "A")
    b = factories.make_person(db.session, user.team_id, "B")
    c = factories.make_person(db.session, user.team_id, "C")
    factories.make_relationship(db.session, a, b)
    factories.make_relationship(db.session, b, c, kind="friend")
    factories.make_group(db.session, user.team_id, members=[a, b, c])
    db.session.commit()
    assert (count(Relationship), count(GroupMembership)) == (2, 3)
    assert api.delete(f"/api/v1/people/{b.id}").status_code == 204
    assert (count(Relationship), count(GroupMembership), count(Person)) == (0, 2, 3)
    body = api.get(f"/api/v1/people/{a.id}")
    assert body.status_code == 200


def test_a_reps_own_person_cannot_be_deleted(api, user):
    before = snapshot()
    response = api.delete(f"/api/v1/people/{user.person_id}")
    assert response.status_code == 400
    assert "person" in response.get_json()["fields"]
    assert snapshot() == before


@pytest.mark.parametrize("value", [0, 0.01, 19.99, 1000, 999_999_999_999.99])
def test_deal_values_round_trip(api, user, value):
    person = api.post("/api/v1/people", json={"name": "A", "deal_value": value}).get_json()
    assert api.get(f"/api/v1/people/{person['id']}").get_json()["deal_value"] == value


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6,
)
FIELDS = st.sampled_from(["name", "company", "title", "email", "phone", "timezone", "roles",
                          "do_not_contact", "deal_value", "notes", "extra"])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.dictionaries(FIELDS, JSON_VALUES | st.text(max_size=300), max_size=6))
def test_any_json_object_gets_a_considered_answer(api, user, body):
    before = count(Person)
    response = api.post("/api/v1/people", json=body)
    assert response.status_code in (201, 400, 409)
    if response.status_code == 201:
        assert count(Person) == before + 1
    else:
        assert response.get_json()["fields"] and count(Person) == before
