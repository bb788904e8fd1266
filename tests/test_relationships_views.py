"""Relationship pages: pick the other person (search, then choose), record, edit, delete."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from referrals.extensions import db
from referrals.models import Relationship
from tests import factories
from tests.conftest import csrf_token_from

TIE = {"kind": "former_colleague", "rating": "4", "last_interaction": "2024-03-01",
       "notes": "Worked together at Harbor Foods."}


def count() -> int:
    return db.session.scalar(select(func.count()).select_from(Relationship))


def post(client, path: str, data: dict | None = None):
    token = csrf_token_from(client.get("/people/").get_data(as_text=True))
    return client.post(path, data={**(data or {}), "csrf_token": token})


@pytest.fixture
def pair(logged_in):
    team = logged_in.team_id
    dana = factories.make_person(db.session, team, "Dana Whitfield", company="Harbor Foods")
    mike = factories.make_person(db.session, team, "Mike Kincaid", company="Quality Fabricators")
    db.session.commit()
    return dana, mike


# --- step 1: find and choose the other person ----------------------------------------------

def test_step_one_searches_and_offers_choices(client, pair):
    dana, mike = pair
    page = client.get(f"/relationships/new?person_id={dana.id}")
    assert page.status_code == 200
    assert "Who does Dana Whitfield know?" in page.get_data(as_text=True)
    html = client.get(f"/relationships/new?person_id={dana.id}&q=quality").get_data(as_text=True)
    assert f"/relationships/new?person_id={dana.id}&amp;other_id={mike.id}" in html
    assert "Mike Kincaid" in html


def test_step_one_never_offers_the_person_themselves(client, pair):
    dana, _ = pair
    html = client.get(f"/relationships/new?person_id={dana.id}&q=dana").get_data(as_text=True)
    assert f"other_id={dana.id}" not in html
    assert "Nobody matches" in html and "/people/new" in html


def test_step_one_lists_at_most_twenty(client, pair):
    dana, _ = pair
    for i in range(25):
        factories.make_person(db.session, dana.team_id, f"Harbor Person {i:02d}")
    db.session.commit()
    url = f"/relationships/new?person_id={dana.id}&q=harbor person"
    html = client.get(url).get_data(as_text=True)
    assert html.count("other_id=") == 20
    assert "type more of the name" in html


def test_step_one_search_ignores_other_teams(client, pair, other_user):
    factories.make_person(db.session, other_user.team_id, "Mike Secret")
    db.session.commit()
    html = client.get(f"/relationships/new?person_id={pair[0].id}&q=mike").get_data(as_text=True)
    assert "Mike Kincaid" in html and "Mike Secret" not in html


def test_without_a_person_the_first_step_picks_one(client, pair):
    dana, _ = pair
    html = client.get("/relationships/new?q=whitfield").get_data(as_text=True)
    assert "Whose relationship is it?" in html
    assert f'href="/relationships/new?person_id={dana.id}"' in html


@pytest.mark.parametrize("query", ["", "?other_id={mike}", "?person_id={dana}&other_id="])
def test_posting_before_both_people_are_chosen_is_refused(client, pair, query):
    dana, mike = pair
    response = post(client, "/relationships/new" + query.format(dana=dana.id, mike=mike.id), TIE)
    assert response.status_code == 400
    assert count() == 0


@pytest.mark.parametrize("value", ["abc", "-1", "0", "1.5", str(2**31), "9" * 30])
def test_an_id_that_names_no_one_is_404(client, pair, value):
    assert client.get(f"/relationships/new?person_id={value}").status_code == 404
    response = post(client, f"/relationships/new?person_id={pair[0].id}&other_id={value}", TIE)
    assert response.status_code == 404
    assert count() == 0


def test_the_profile_links_to_step_one(client, pair):
    dana, _ = pair
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert f'href="/relationships/new?person_id={dana.id}"' in html


# --- step 2: record the tie --------------------------------------------------------------

def test_record_a_relationship(client, pair, logged_in):
    dana, mike = pair
    url = f"/relationships/new?person_id={dana.id}&other_id={mike.id}"
    form = client.get(url).get_data(as_text=True)
    assert "How do Dana Whitfield and Mike Kincaid know each other?" in form
    response = post(client, url, TIE)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/people/{dana.id}#relationships"
    rel = db.session.scalar(select(Relationship))
    assert (rel.person_a_id, rel.person_b_id) == (dana.id, mike.id)
    assert rel.kind == "former_colleague" and rel.rating == 4
    assert rel.last_interaction == date(2024, 3, 1) and rel.notes == TIE["notes"]
    assert rel.recorded_by_id == logged_in.id and rel.team_id == logged_in.team_id
    assert "Saved: Dana Whitfield and Mike Kincaid know each other." in client.get(
        f"/people/{dana.id}").get_data(as_text=True)
    profile = client.get(f"/people/{mike.id}").get_data(as_text=True)  # shows from both sides
    assert "Dana Whitfield" in profile and "Former colleague" in profile
    assert 'aria-label="4 of 5 stars"' in profile and "Worked together at Harbor Foods." in profile


def test_last_interaction_is_optional(client, pair):
    dana, mike = pair
    response = post(client, f"/relationships/new?person_id={dana.id}&other_id={mike.id}",
                    {"kind": "friend", "rating": "3"})
    assert response.status_code == 302
    assert db.session.scalar(select(Relationship)).last_interaction is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"kind": ""}, "kind", "Choose how they know each other"),
        ({"kind": "enemy"}, "kind", "not a valid choice"),
        ({"rating": "0"}, "rating", "not a valid choice"),
        ({"rating": "6"}, "rating", "not a valid choice"),
        ({"rating": "five"}, "rating", "invalid"),
        ({"last_interaction": (date.today() + timedelta(days=1)).isoformat()},
         "last_interaction", "can't be in the future"),
        ({"last_interaction": "01/03/2024x"}, "last_interaction", "not a valid date"),
        ({"notes": "x\x00y"}, "notes", "NUL"),
    ],
)
def test_bad_fields_are_shown_beside_the_field(client, pair, changes, field, message):
    dana, mike = pair
    response = post(client, f"/relationships/new?person_id={dana.id}&other_id={mike.id}",
                    {**TIE, **changes})
    assert response.status_code == 400
    errors = re.search(rf'id="{field}-errors">(.*?)</ul>', response.get_data(as_text=True), re.S)
    assert errors, f"no error beside {field}"
    assert message.lower() in errors.group(1).lower().replace("&#39;", "'")
    assert count() == 0


def test_the_same_pair_and_kind_twice_is_a_field_message(client, pair):
    dana, mike = pair
    factories.make_relationship(db.session, mike, dana, kind="friend")
    db.session.commit()
    # Named the other way round, it is still the same pair.
    response = post(client, f"/relationships/new?person_id={dana.id}&other_id={mike.id}",
                    {**TIE, "kind": "friend"})
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert re.search(r'id="kind-errors">\s*<li>These two people already have a relationship', html)
    assert count() == 1
    # Another kind for the same pair is fine.
    assert post(client, f"/relationships/new?person_id={dana.id}&other_id={mike.id}",
                {**TIE, "kind": "colleague"}).status_code == 302
    assert count() == 2


def test_a_person_cannot_be_tied_to_themselves(client, pair):
    dana, _ = pair
    response = post(client, f"/relationships/new?person_id={dana.id}&other_id={dana.id}", TIE)
    assert response.status_code == 400
    assert "Choose someone other than the first person." in response.get_data(as_text=True)
    assert count() == 0


# --- edit and delete -----------------------------------------------------------------------

@pytest.fixture
def tie(pair):
    dana, mike = pair
    rel = factories.make_relationship(db.session, dana, mike, kind="colleague", rating=2)
    db.session.commit()
    return rel


def test_edit_a_relationship_and_return_to_the_profile_you_came_from(client, pair, tie):
    dana, mike = pair
    url = f"/relationships/{tie.id}/edit?person_id={mike.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Dana Whitfield and Mike Kincaid" in page
    assert '<option selected value="colleague">' in page
    response = post(client, url, {"kind": "friend", "rating": "5", "last_interaction": "2024-05-02",
                                  "notes": "Golf on Sundays."})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/people/{mike.id}#relationships"
    db.session.expire_all()
    rel = db.session.get(Relationship, tie.id)
    assert (rel.kind, rel.rating, rel.notes) == ("friend", 5, "Golf on Sundays.")
    assert rel.last_interaction == date(2024, 5, 2)


def test_edit_returns_to_the_first_person_when_unsure(client, pair, tie, other_user):
    response = post(client, f"/relationships/{tie.id}/edit?person_id=999999",
                    {"kind": "friend", "rating": "5"})
    assert response.headers["Location"] == f"/people/{tie.person_a_id}#relationships"


def test_edit_into_a_duplicate_is_a_field_message_and_writes_nothing(client, pair, tie):
    dana, mike = pair
    factories.make_relationship(db.session, dana, mike, kind="friend", rating=5)
    db.session.commit()
    response = post(client, f"/relationships/{tie.id}/edit", {"kind": "friend", "rating": "1"})
    assert response.status_code == 400
    assert re.search(r'id="kind-errors">\s*<li>These two people already have',
                     response.get_data(as_text=True))
    db.session.expire_all()
    rel = db.session.get(Relationship, tie.id)
    assert (rel.kind, rel.rating) == ("colleague", 2)


def test_edit_with_a_future_date_writes_nothing(client, tie):
    future = (date.today() + timedelta(days=3)).isoformat()
    response = post(client, f"/relationships/{tie.id}/edit",
                    {"kind": "colleague", "rating": "5", "last_interaction": future})
    assert response.status_code == 400
    db.session.expire_all()
    assert db.session.get(Relationship, tie.id).rating == 2


def test_delete_a_relationship(client, pair, tie):
    dana, mike = pair
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert f'action="/relationships/{tie.id}/delete?person_id={dana.id}"' in html
    response = post(client, f"/relationships/{tie.id}/delete?person_id={dana.id}")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/people/{dana.id}#relationships"
    assert count() == 0
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert "Removed the relationship between Dana Whitfield and Mike Kincaid." in html
    assert "No relationships yet" in html


def test_delete_needs_post(client, tie):
    assert client.get(f"/relationships/{tie.id}/delete").status_code == 405
    assert count() == 1


def test_a_missing_relationship_is_404(client, logged_in):
    assert client.get("/relationships/999999/edit").status_code == 404
    assert post(client, "/relationships/999999/delete").status_code == 404
