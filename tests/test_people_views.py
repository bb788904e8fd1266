"""People pages: list, search, role filter, pagination, profile, create, edit, delete, groups."""

from __future__ import annotations

import html as htmllib
import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from referrals.extensions import db
from referrals.models import Group, GroupMembership, Person, Relationship
from tests import factories
from tests.conftest import csrf_token_from

VALID = {
    "name": "Laura Brennan",
    "company": "Blue Ridge Packaging",
    "title": "Plant Manager",
    "email": "laura@blueridge.example",
    "phone": "+1 555 0100",
    "timezone": "America/New_York",
    "roles": ["customer", "advocate"],
    "deal_value": "12500.50",
    "notes": "Met at the spring expo.",
}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def token(client, path: str = "/people/new") -> str:
    return csrf_token_from(client.get(path).get_data(as_text=True))


def post(client, path: str, data: dict | None = None):
    return client.post(path, data={**(data or {}), "csrf_token": token(client)})


def names_on(html: str) -> list[str]:
    """The people named in the list's name column, in order (unescaped)."""
    cell = r'<td data-label="Name" class="name"><a href="/people/\d+">([^<]+)</a>'
    found = re.findall(cell, html)
    return [htmllib.unescape(name) for name in found]


# --- list, search, filter, pages -----------------------------------------------------

def test_the_list_shows_people_by_name_and_marks_you(client, logged_in):
    factories.make_person(db.session, logged_in.team_id, "Zoe Adams", company="Harbor Foods",
                          roles=["prospect"], deal_value=Decimal("25000"))
    factories.make_person(db.session, logged_in.team_id, "Abe Zimmer", roles=["customer"])
    db.session.commit()
    html = client.get("/people/").get_data(as_text=True)
    assert names_on(html) == ["Abe Zimmer", "Rep", "Zoe Adams"]
    assert 'class="badge badge-you"' in html
    assert "badge-customer" in html and "Harbor Foods" in html


def test_a_new_network_says_what_to_do_next(client, logged_in):
    html = client.get("/people/").get_data(as_text=True)
    assert names_on(html) == ["Rep"]  # a rep's own record is always there
    assert "Just you so far — add the first person you know" in html


def test_search_matches_name_company_and_email(client, logged_in):
    team = logged_in.team_id
    factories.make_person(db.session, team, "Mike Kincaid", company="Quality Fabricators")
    factories.make_person(db.session, team, "Priya Patel", email="priya@harbor.example")
    factories.make_person(db.session, team, "Tom Osei", company="Harbor Foods")
    db.session.commit()
    assert names_on(client.get("/people/?q=kinc").get_data(as_text=True)) == ["Mike Kincaid"]
    assert names_on(client.get("/people/?q=HARBOR").get_data(as_text=True)) == [
        "Priya Patel", "Tom Osei"]
    assert names_on(client.get("/people/?q=fabricators").get_data(as_text=True)) == ["Mike Kincaid"]
    html = client.get("/people/?q=nobody-like-this").get_data(as_text=True)
    assert names_on(html) == [] and "Nobody matches" in html and "add them" in html


@pytest.mark.parametrize("q", ["%", "_", "'", '"', "\\", "%_'\"; DROP TABLE people; --"])
def test_wildcards_and_quotes_in_the_search_are_plain_text(client, logged_in, q):
    team = logged_in.team_id
    factories.make_person(db.session, team, "Plain Name")
    factories.make_person(db.session, team, f"Odd {q} Name")
    db.session.commit()
    response = client.get("/people/", query_string={"q": q})
    assert response.status_code == 200
    assert names_on(response.get_data(as_text=True)) == [f"Odd {q} Name"]
    assert count(Person) == 3


def test_role_filter(client, logged_in):
    team = logged_in.team_id
    factories.make_person(db.session, team, "Ada Advocate", roles=["advocate", "customer"])
    factories.make_person(db.session, team, "Cal Customer", roles=["customer"])
    factories.make_person(db.session, team, "Pia Prospect", roles=["prospect"])
    db.session.commit()
    assert names_on(client.get("/people/?role=customer").get_data(as_text=True)) == [
        "Ada Advocate", "Cal Customer"]
    assert names_on(client.get("/people/?role=advocate&q=ada").get_data(as_text=True)) == [
        "Ada Advocate"]
    html = client.get("/people/?role=reference").get_data(as_text=True)
    assert names_on(html) == [] and "Nobody matches" in html


def test_an_unknown_role_is_ignored_with_a_note(client, logged_in):
    response = client.get("/people/?role=overlord")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert names_on(html) == ["Rep"]
    assert "Not a valid choice" in html


def test_pagination(client, logged_in, app):
    per_page = app.config["PEOPLE_PER_PAGE"]
    for i in range(per_page + 5):
        factories.make_person(db.session, logged_in.team_id, f"Person {i:03d}")
    db.session.commit()
    first = client.get("/people/").get_data(as_text=True)
    assert len(names_on(first)) == per_page
    assert names_on(first)[0] == "Person 000"
    assert 'href="/people/?page=2"' in first and 'aria-current="page">1<' in first
    second = client.get("/people/?page=2").get_data(as_text=True)
    assert names_on(second) == [f"Person {i:03d}" for i in range(per_page, per_page + 5)] + ["Rep"]
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert client.get("/people/?page=3").status_code == 404
    # Filters survive the page links.
    filtered = client.get("/people/?q=person").get_data(as_text=True)
    assert "page=2" in filtered and "q=person" in filtered


def test_pagination_keeps_the_search(client, logged_in, app):
    for i in range(app.config["PEOPLE_PER_PAGE"] + 1):
        factories.make_person(db.session, logged_in.team_id, f"Harbor {i:02d}",
                              company="Harbor Foods")
    factories.make_person(db.session, logged_in.team_id, "Zed Elsewhere")
    db.session.commit()
    second = client.get("/people/?q=harbor&page=2").get_data(as_text=True)
    assert names_on(second) == [f"Harbor {app.config['PEOPLE_PER_PAGE']:02d}"]


def test_other_teams_people_never_show(client, logged_in, other_user):
    factories.make_person(db.session, other_user.team_id, "Secret Rival Contact")
    db.session.commit()
    for path in ("/people/", "/people/?q=secret", "/people/?q=rival"):
        assert "Secret Rival" not in client.get(path).get_data(as_text=True)


# --- profile -------------------------------------------------------------------------

def test_profile_shows_fields_relationships_and_groups(client, logged_in):
    team = logged_in.team_id
    dana = factories.make_person(
        db.session, team, "Dana Whitfield", company="Harbor Foods", title="CFO",
        email="dana@harbor.example", phone="555-0101", timezone="America/Chicago",
        roles=["reference"], do_not_contact=True, deal_value=Decimal("40000"), notes="Likes golf.",
    )
    mike = factories.make_person(db.session, team, "Mike Kincaid", company="Quality Fabricators")
    factories.make_relationship(db.session, dana, mike, kind="former_colleague", rating=4)
    factories.make_group(db.session, team, "Ohio Manufacturers Association", members=[dana])
    db.session.commit()
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    for text in ("Dana Whitfield", "CFO at Harbor Foods", "dana@harbor.example", "555-0101",
                 "America/Chicago", "badge-reference", "$40,000", "Likes golf.",
                 "Do not contact.", "Former colleague", 'aria-label="4 of 5 stars"',
                 "Mike Kincaid", "Ohio Manufacturers Association"):
        assert text in html, text
    assert f'href="/people/{mike.id}"' in html
    assert "mailto:" not in html  # no one-click e-mail to someone who asked not to be contacted


def test_profile_empty_states(client, logged_in):
    html = client.get(f"/people/{logged_in.person_id}").get_data(as_text=True)
    assert "No relationships yet — add the first one" in html
    assert "Not in any group yet" in html
    assert f"/relationships/new?person_id={logged_in.person_id}" in html
    assert "badge-you" in html
    assert f"/people/{logged_in.person_id}/delete" not in html  # your own record has no delete


def test_a_missing_person_is_404(client, logged_in):
    assert client.get("/people/999999").status_code == 404


# --- create --------------------------------------------------------------------------

def test_create_a_person(client, logged_in):
    response = post(client, "/people/new", VALID)
    assert response.status_code == 302
    person = db.session.scalar(select(Person).where(Person.name == "Laura Brennan"))
    assert response.headers["Location"] == f"/people/{person.id}"
    assert person.team_id == logged_in.team_id
    assert person.roles == ["customer", "advocate"]
    assert person.deal_value == Decimal("12500.50")
    assert person.email == "laura@blueridge.example" and person.timezone == "America/New_York"
    assert person.do_not_contact is False
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Added Laura Brennan." in html


def test_create_with_only_a_name(client, logged_in):
    assert post(client, "/people/new", {"name": "  Sam Solo  "}).status_code == 302
    person = db.session.scalar(select(Person).where(Person.name == "Sam Solo"))
    assert person.email is None and person.roles == [] and person.deal_value is None


def test_the_form_offers_time_zone_names(client, logged_in):
    html = client.get("/people/new").get_data(as_text=True)
    assert 'list="timezones"' in html and '<option value="America/Chicago">' in html
    assert 'type="checkbox"' in html and 'value="advocate"' in html


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "   "}, "name", "This field is required."),
        ({"name": "x" * 201}, "name", "200"),
        ({"company": "x" * 201}, "company", "200"),
        ({"title": "x" * 201}, "title", "200"),
        ({"phone": "1" * 51}, "phone", "50"),
        ({"email": "not-an-address"}, "email", "valid e-mail"),
        ({"email": "a@" + "b" * 250 + ".com"}, "email", "254"),
        ({"timezone": "Mars/Olympus"}, "timezone", "such as America/Chicago"),
        ({"timezone": "new york"}, "timezone", "Did you mean America/New_York?"),
        ({"roles": ["customer", "overlord"]}, "roles", "not a valid choice"),
        ({"deal_value": "-1"}, "deal_value", "0 or more"),
        ({"deal_value": "lots"}, "deal_value", "Not a valid decimal"),
        ({"deal_value": "NaN"}, "deal_value", "such as 25000"),
        ({"deal_value": "12.345"}, "deal_value", "2 decimal places"),
        ({"deal_value": "1e20"}, "deal_value", "too large"),
        ({"notes": "bad \x00 byte"}, "notes", "NUL"),
    ],
)
def test_create_refuses_bad_fields(client, logged_in, changes, field, message):
    before = count(Person)
    response = post(client, "/people/new", {**VALID, **changes})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    errors = re.search(rf'<ul class="errors" id="{field}-errors">(.*?)</ul>', html, re.S)
    assert errors, f"no error beside {field}"
    assert message.lower() in errors.group(1).lower()
    assert count(Person) == before


def test_a_duplicate_email_is_a_field_message(client, logged_in):
    factories.make_person(db.session, logged_in.team_id, "Laura First",
                          email="laura@blueridge.example")
    db.session.commit()
    before = count(Person)
    response = post(client, "/people/new", {**VALID, "email": "LAURA@blueridge.example"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'id="email-errors">\s*<li>Another person in this team already has', html)
    assert count(Person) == before


def test_the_same_email_in_another_team_is_fine(client, logged_in, other_user):
    factories.make_person(db.session, other_user.team_id, "Laura Elsewhere", email=VALID["email"])
    db.session.commit()
    assert post(client, "/people/new", VALID).status_code == 302


# --- edit ----------------------------------------------------------------------------

def test_edit_a_person(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Old Name", roles=["prospect"],
                                   deal_value=Decimal("100"))
    db.session.commit()
    page = client.get(f"/people/{person.id}/edit").get_data(as_text=True)
    assert 'value="Old Name"' in page and re.search(r'<input checked[^>]*value="prospect"', page)
    response = post(client, f"/people/{person.id}/edit",
                    {**VALID, "name": "New Name", "roles": ["customer"], "do_not_contact": "y",
                     "deal_value": ""})
    assert response.status_code == 302 and response.headers["Location"] == f"/people/{person.id}"
    db.session.expire_all()
    person = db.session.get(Person, person.id)
    assert person.name == "New Name" and person.roles == ["customer"]
    assert person.do_not_contact is True and person.deal_value is None
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Saved the changes to New Name." in html


def test_edit_refuses_another_persons_email_and_writes_nothing(client, logged_in):
    factories.make_person(db.session, logged_in.team_id, "Taken", email="taken@example.com")
    person = factories.make_person(db.session, logged_in.team_id, "Keeps Name",
                                   email="mine@example.com")
    db.session.commit()
    response = post(client, f"/people/{person.id}/edit",
                    {"name": "Changed Name", "email": "taken@example.com"})
    assert response.status_code == 400
    assert "already has this e-mail" in response.get_data(as_text=True)
    db.session.expire_all()
    person = db.session.get(Person, person.id)
    assert person.name == "Keeps Name" and person.email == "mine@example.com"


def test_edit_with_a_bad_field_writes_nothing(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Keeps Name")
    db.session.commit()
    response = post(client, f"/people/{person.id}/edit", {"name": "Changed", "timezone": "Nowhere"})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Person, person.id).name == "Keeps Name"


# --- delete --------------------------------------------------------------------------

def test_delete_asks_first_then_deletes_with_ties_and_memberships(client, logged_in):
    team = logged_in.team_id
    dana = factories.make_person(db.session, team, "Dana Whitfield")
    mike = factories.make_person(db.session, team, "Mike Kincaid")
    factories.make_relationship(db.session, dana, mike)
    factories.make_group(db.session, team, members=[dana, mike])
    db.session.commit()
    confirm = client.get(f"/people/{dana.id}/delete").get_data(as_text=True)
    assert "Delete Dana Whitfield?" in confirm and "1 relationship and" in confirm
    assert count(Person) == 3  # GET deletes nothing
    response = post(client, f"/people/{dana.id}/delete")
    assert response.status_code == 302 and response.headers["Location"] == "/people/"
    db.session.expire_all()
    assert db.session.get(Person, dana.id) is None
    assert count(Relationship) == 0 and count(GroupMembership) == 1 and count(Group) == 1
    assert "Deleted Dana Whitfield" in client.get("/people/").get_data(as_text=True)


def test_your_own_record_cannot_be_deleted(client, logged_in):
    before = count(Person)
    confirm = client.get(f"/people/{logged_in.person_id}/delete").get_data(as_text=True)
    assert "can&#39;t be deleted" in confirm or "can't be deleted" in confirm
    assert "Delete Rep" not in confirm and f"/people/{logged_in.person_id}/delete" not in confirm
    response = post(client, f"/people/{logged_in.person_id}/delete")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/people/{logged_in.person_id}"
    assert count(Person) == before
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "That&#39;s you – your own record stays" in html


def test_a_teammates_record_cannot_be_deleted(client, logged_in):
    mate = factories.make_user(db.session, "mate@example.com", team="Acme Sales", name="Mia Mate")
    db.session.commit()
    before = count(Person)
    response = post(client, f"/people/{mate.person_id}/delete")
    assert response.status_code == 302
    assert count(Person) == before
    html = client.get(f"/people/{mate.person_id}").get_data(as_text=True)
    assert "Mia Mate is a rep on your team" in html and "badge-rep" in html


def test_delete_needs_post(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id)
    db.session.commit()
    client.get(f"/people/{person.id}/delete")
    assert db.session.get(Person, person.id) is not None


# --- groups from the person's page ------------------------------------------------------

def test_add_to_a_group_and_remove_from_the_profile(client, logged_in):
    team = logged_in.team_id
    dana = factories.make_person(db.session, team, "Dana Whitfield")
    group = factories.make_group(db.session, team, "Spring Fabrication Expo", kind="event")
    db.session.commit()
    other = factories.make_group(db.session, team, "Autumn Dinner", kind="event")
    db.session.commit()
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert "Autumn Dinner" not in html  # no select of every group: a search finds the one
    html = client.get(f"/people/{dana.id}?group_q=spring").get_data(as_text=True)
    assert f'name="group_id" value="{group.id}"' in html
    assert f'name="group_id" value="{other.id}"' not in html  # does not match the search
    response = post(client, f"/people/{dana.id}/groups", {"group_id": str(group.id)})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/people/{dana.id}#groups"
    assert db.session.get(GroupMembership, (group.id, dana.id)) is not None
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert "Added Dana Whitfield to Spring Fabrication Expo." in html
    html = client.get(f"/people/{dana.id}?group_q=spring").get_data(as_text=True)
    assert f'name="group_id" value="{group.id}"' not in html  # a member: not offered again
    assert "No other group matches" in html
    response = post(client, f"/people/{dana.id}/groups/{group.id}/remove")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(GroupMembership, (group.id, dana.id)) is None
    assert "Removed Dana Whitfield from Spring Fabrication Expo." in client.get(
        f"/people/{dana.id}").get_data(as_text=True)


@pytest.mark.parametrize("choice", ["", "0", "abc", "existing", "other-team"])
def test_add_to_group_refuses_a_bad_choice(client, logged_in, other_user, choice):
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield")
    joined = factories.make_group(db.session, logged_in.team_id, "Joined Already", members=[dana])
    theirs = factories.make_group(db.session, other_user.team_id, "Their Group")
    db.session.commit()
    value = {"existing": str(joined.id), "other-team": str(theirs.id)}.get(choice, choice)
    before = count(GroupMembership)
    response = post(client, f"/people/{dana.id}/groups", {"group_id": value})
    assert response.status_code == 400
    assert 'id="group_id-errors"' in response.get_data(as_text=True)
    assert count(GroupMembership) == before


def test_removing_a_non_member_is_404(client, logged_in):
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield")
    group = factories.make_group(db.session, logged_in.team_id)
    db.session.commit()
    assert post(client, f"/people/{dana.id}/groups/{group.id}/remove").status_code == 404
