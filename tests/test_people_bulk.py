"""Roles in bulk on the People list: tick people, add or remove a role, one POST."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from referrals.errors import NotFound, ValidationFailed
from referrals.extensions import db
from referrals.models import Person, Team
from referrals.people import services
from referrals.people.views import roles_changed
from tests import factories
from tests.conftest import csrf_token_from


def _token(client) -> str:
    return csrf_token_from(client.get("/people/").get_data(as_text=True))


def _bulk(client, ids, change="add:prospect", url="/people/roles", **extra):
    data = {"csrf_token": _token(client), "person_ids": [str(i) for i in ids],
            "change": change, **extra}
    return client.post(url, data=data)


@pytest.fixture
def leads(logged_in):
    team_id = logged_in.team_id
    people = [factories.make_person(db.session, team_id, name, company="Hale Tools")
              for name in ("Ann Lead", "Ben Lead", "Cy Lead")]
    db.session.commit()
    return [p.id for p in people]


def _roles(person_id: int) -> list[str]:
    db.session.expire_all()
    return db.session.get(Person, person_id).roles


def test_the_list_offers_a_checkbox_per_person_and_select_all(client, leads):
    html = client.get("/people/").get_data(as_text=True)
    for pid in leads:
        assert f'name="person_ids" value="{pid}"' in html
        assert f'name="page_ids" value="{pid}"' in html
    assert "Select all on this page" in html and 'data-select-all="person_ids"' in html
    assert 'action="/people/roles"' in html and 'name="csrf_token"' in html
    assert "Mark as prospects" in html and "Remove the prospect role" in html


def test_ticked_people_are_marked_as_prospects_and_the_flash_counts_them(client, leads):
    response = _bulk(client, leads[:2])
    assert response.status_code == 302 and response.headers["Location"].endswith("/people/")
    assert [_roles(pid) for pid in leads] == [["prospect"], ["prospect"], []]
    page = client.get("/people/").get_data(as_text=True)
    assert "2 people marked as prospects." in page


def test_marked_prospects_show_on_the_warmest_prospects_page(client, leads):
    before = client.get("/prospects").get_data(as_text=True)
    assert "Ann Lead" not in before
    _bulk(client, leads[:1])
    assert "Ann Lead" in client.get("/prospects").get_data(as_text=True)


def test_a_role_is_removed_and_other_roles_stay(client, leads):
    for pid in leads:
        db.session.get(Person, pid).roles = ["prospect", "customer"]
    db.session.commit()
    response = _bulk(client, leads[:2], change="remove:prospect")
    assert response.status_code == 302
    assert [_roles(pid) for pid in leads] == [["customer"], ["customer"],
                                              ["customer", "prospect"]]
    assert "2 people are no longer prospects." in client.get("/people/").get_data(as_text=True)


def test_select_all_takes_everyone_on_the_page_without_a_script(client, leads):
    response = _bulk(client, [], change="add:advocate", all_on_page="y",
                     page_ids=[str(i) for i in leads])
    assert response.status_code == 302
    assert all(_roles(pid) == ["advocate"] for pid in leads)


def test_the_list_comes_back_to_the_same_search_and_page(client, leads):
    response = _bulk(client, leads[:1], url="/people/roles?q=Lead&page=1")
    assert response.headers["Location"].endswith("/people/?q=Lead&page=1")


def test_another_teams_person_answers_404_and_nothing_is_written(client, leads, other_user):
    theirs = factories.make_person(db.session, other_user.team_id, "Rival Person")
    db.session.commit()
    version = db.session.get(Team, db.session.get(Person, leads[0]).team_id).graph_version
    response = _bulk(client, [leads[0], theirs.id])
    assert response.status_code == 404
    assert "not in your network" in response.get_data(as_text=True)
    assert _roles(leads[0]) == [] and _roles(theirs.id) == []
    assert db.session.get(Team, db.session.get(Person, leads[0]).team_id).graph_version == version


@pytest.mark.parametrize(("data", "message"), [
    ({"person_ids": []}, "Tick the people to change"),
    ({"person_ids": ["x"]}, "Choose people from the list."),
    ({"person_ids": ["0"]}, "Choose people from the list."),
    ({"change": "add:king"}, "Not a valid choice"),
])
def test_bad_input_is_shown_once_and_writes_nothing(client, leads, data, message):
    form = {"csrf_token": _token(client), "person_ids": [str(leads[0])],
            "change": "add:prospect", **data}
    response = client.post("/people/roles", data=form)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count(message) == 1, html
    assert 'class="flash' not in html
    assert _roles(leads[0]) == []


def test_without_the_csrf_token_nothing_changes(client, leads):
    response = client.post("/people/roles", data={"person_ids": [str(leads[0])],
                                                  "change": "add:prospect"})
    assert response.status_code == 400
    assert _roles(leads[0]) == []


def test_change_roles_bumps_versions_and_the_graph_once(app, user):
    people = [factories.make_person(db.session, user.team_id, f"P{i}") for i in range(3)]
    people[2].roles = ["prospect"]
    db.session.commit()
    team = db.session.get(Team, user.team_id)
    graph_before = team.graph_version
    versions = [p.version for p in people]
    changed = services.change_roles(db.session, user.team_id, [p.id for p in people],
                                    "prospect", add=True)
    db.session.commit()
    assert [p.id for p in changed] == [people[0].id, people[1].id]
    db.session.expire_all()
    assert db.session.get(Team, user.team_id).graph_version == graph_before + 1
    assert [db.session.get(Person, p.id).version for p in people] == [
        versions[0] + 1, versions[1] + 1, versions[2]]


def test_change_roles_refuses_an_unknown_role_and_too_many_people(app, user):
    with pytest.raises(ValidationFailed):
        services.change_roles(db.session, user.team_id, [user.person_id], "king", add=True)
    with pytest.raises(ValidationFailed):
        services.change_roles(db.session, user.team_id, range(1, services.BULK_MAX + 2),
                              "prospect", add=True)
    with pytest.raises(NotFound):
        services.change_roles(db.session, user.team_id, [user.person_id, 10**6],
                              "prospect", add=True)
    assert db.session.scalar(select(Person.is_prospect).where(Person.id == user.person_id)) \
        is False


def test_the_checkboxes_have_names_a_screen_reader_reads(client, leads):
    html = client.get("/people/").get_data(as_text=True)
    assert re.search(r'name="person_ids" value="\d+"><span class="visually-hidden">'
                     r"Select Ann Lead</span>", html)


@pytest.mark.parametrize(("args", "said"), [
    ((True, "prospect", 12, 0), "12 people marked as prospects."),
    ((True, "advocate", 1, 1), "1 person marked as advocate. 1 already was."),
    ((True, "customer", 0, 1), "Nobody changed: they were a customer already."),
    ((False, "advocate", 1, 0), "1 person is no longer an advocate."),
    ((False, "reference", 3, 2), "3 people are no longer references. 2 were not."),
])
def test_the_flash_says_what_changed(args, said):
    assert roles_changed(*args) == said


# --- the same through the JSON API ------------------------------------------------------------

def test_the_api_changes_roles_in_bulk(api, user):
    people = [factories.make_person(db.session, user.team_id, n) for n in ("Ann", "Ben")]
    people[1].roles = ["prospect", "customer"]
    db.session.commit()
    ids = [p.id for p in people]
    response = api.post("/api/v1/people/roles",
                        json={"person_ids": ids, "role": "prospect", "action": "add"})
    assert response.status_code == 200
    assert response.get_json() == {"changed": [ids[0]], "unchanged": [ids[1]]}
    response = api.post("/api/v1/people/roles",
                        json={"person_ids": ids, "role": "prospect", "action": "remove"})
    assert response.get_json() == {"changed": ids, "unchanged": []}
    assert [_roles(pid) for pid in ids] == [[], ["customer"]]


def test_the_api_answers_404_for_another_teams_person_and_writes_nothing(api, user, other_user):
    mine = factories.make_person(db.session, user.team_id, "Ann")
    theirs = factories.make_person(db.session, other_user.team_id, "Rival")
    db.session.commit()
    response = api.post("/api/v1/people/roles", json={
        "person_ids": [mine.id, theirs.id], "role": "advocate", "action": "add"})
    assert response.status_code == 404
    assert _roles(mine.id) == [] and _roles(theirs.id) == []


@pytest.mark.parametrize("body", [
    {"person_ids": [], "role": "prospect", "action": "add"},
    {"person_ids": [1], "role": "king", "action": "add"},
    {"person_ids": [1], "role": "prospect", "action": "toggle"},
    {"person_ids": ["1"], "role": "prospect", "action": "add"},
    {"person_ids": [1], "role": "prospect"},
])
def test_the_api_refuses_bad_role_changes(api, user, body):
    response = api.post("/api/v1/people/roles", json=body)
    assert response.status_code == 400 and response.get_json()["fields"]
    assert _roles(user.person_id) == []
