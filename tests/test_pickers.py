"""Person fields without JavaScript: the rep types a name, the server resolves it (one person
→ that person; several → choose one of them; none → say so), and a refused post writes
nothing. No form lists every person of the team any more."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import AdvocateCall, Followup
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot


@pytest.fixture
def people(logged_in, other_user):
    team = logged_in.team_id
    found = {
        "mike": factories.make_person(db.session, team, "Mike Kincaid", company="Quality Fab",
                                      roles=["advocate"]),
        "mia": factories.make_person(db.session, team, "Mia Kincaid", company="Kincaid & Co"),
        "dana": factories.make_person(db.session, team, "Dana Whitfield", roles=["prospect"]),
        "olga": factories.make_person(db.session, other_user.team_id, "Olga Secret",
                                      roles=["advocate"]),
    }
    db.session.commit()
    return found


def _call(client, logged_in, **fields):
    html = client.get("/advocates/calls/new").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(html), "advocate_id": "", "advocate_id-name": "",
            "prospect_id": "", "prospect_id-name": "",
            "occurred_on": today_for(logged_in).isoformat(), "outcome": "", "notes": ""}
    return client.post("/advocates/calls/new", data={**data, **fields})


def _radios(html: str, name: str) -> list[int]:
    return [int(v) for v in re.findall(rf'name="{name}" type="radio" value="(\d+)"', html)]


def test_the_call_form_lists_nobody_until_a_name_is_typed(client, people):
    html = client.get("/advocates/calls/new").get_data(as_text=True)
    assert "<select" not in html and "Mike Kincaid" not in html
    assert 'data-prefer="advocate"' in html and 'data-prefer="prospect"' in html


def test_one_matching_name_is_that_person(client, logged_in, people):
    response = _call(client, logged_in, **{"advocate_id-name": "mike",
                                           "prospect_id-name": "Dana Whitfield"})
    assert response.status_code == 302
    call = db.session.scalar(select(AdvocateCall))
    assert (call.advocate_id, call.prospect_id) == (people["mike"].id, people["dana"].id)


def test_several_matches_are_offered_and_nothing_is_written(client, logged_in, people):
    before = snapshot()
    response = _call(client, logged_in, **{"advocate_id-name": "Kincaid",
                                           "prospect_id": str(people["dana"].id)})
    assert response.status_code == 400 and snapshot() == before
    html = response.get_data(as_text=True)
    assert "2 people match “Kincaid”. Choose one below." in html
    # the advocate is offered first (prefer="advocate"), each with company and role
    assert _radios(html, "advocate_id") == [people["mike"].id, people["mia"].id]
    assert "Mike Kincaid (Quality Fab) · Advocate" in html
    assert "Mia Kincaid (Kincaid &amp; Co)" in html
    # the prospect chosen before stays chosen
    assert f'name="prospect_id" type="hidden" value="{people["dana"].id}"' in html
    # choosing one of them logs the call for that person
    response = _call(client, logged_in, **{"advocate_id": str(people["mia"].id),
                                           "advocate_id-name": "Kincaid",
                                           "prospect_id": str(people["dana"].id)})
    assert response.status_code == 302
    assert db.session.scalar(select(AdvocateCall.advocate_id)) == people["mia"].id


@pytest.mark.parametrize(("typed", "message"), [
    ("Zed Nobody", "Nobody in your people matches “Zed Nobody”"),
    ("Olga Secret", "Nobody in your people matches “Olga Secret”"),  # another team's
    ("", "Choose the advocate."),
])
def test_no_match_is_an_error_and_writes_nothing(client, logged_in, people, typed, message):
    before = snapshot()
    response = _call(client, logged_in, **{"advocate_id-name": typed,
                                           "prospect_id": str(people["dana"].id)})
    assert response.status_code == 400 and snapshot() == before
    html = response.get_data(as_text=True)
    assert message in html
    assert "radio" not in html  # nobody to choose from: another team's person isn't offered


def test_another_teams_id_is_refused(client, logged_in, people):
    before = snapshot()
    response = _call(client, logged_in, **{"advocate_id": str(people["olga"].id),
                                           "advocate_id-name": "Mike Kincaid",
                                           "prospect_id": str(people["dana"].id)})
    assert response.status_code == 400 and snapshot() == before
    assert "No such person in your team." in response.get_data(as_text=True)


def test_many_matches_ask_for_more_of_the_name(client, logged_in, people):
    for i in range(7):
        factories.make_person(db.session, logged_in.team_id, f"Sam Tailor {i}")
    db.session.commit()
    response = _call(client, logged_in, **{"advocate_id-name": "Tailor",
                                           "prospect_id": str(people["dana"].id)})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "More than 5 people match “Tailor”. Choose one below, or type more of the name." \
        in html
    assert len(_radios(html, "advocate_id")) == 5
    assert db.session.scalar(select(func.count(AdvocateCall.id))) == 0


# --- the other person fields: introductions and reminders -------------------------------------

def test_introduction_pick_without_javascript(client, logged_in, people):
    html = client.get(f"/introductions/new?prospect={people['dana'].id}").get_data(as_text=True)
    assert "<select" not in html and "Mike Kincaid" not in html
    assert re.search(r'name="prospect-name"[^>]*value="Dana Whitfield"', html)
    response = client.get("/introductions/new", query_string={
        "prospect": str(people["dana"].id), "via": "", "via-name": "Kincaid"})
    assert response.status_code == 400
    assert _radios(response.get_data(as_text=True), "via") == [people["mike"].id,
                                                                people["mia"].id]
    response = client.get("/introductions/new", query_string={
        "prospect": "", "prospect-name": "whitfield", "via": "", "via-name": "mike"})
    assert response.status_code == 302
    assert response.headers["Location"] == \
        f"/introductions/new?prospect={people['dana'].id}&via={people['mike'].id}"
    response = client.get("/introductions/new", query_string={
        "prospect-name": "", "via-name": "Olga"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Choose whom you want to meet." in html
    assert "Nobody in your people matches “Olga”" in html


def test_a_reminder_about_a_typed_name(client, logged_in, people):
    html = client.get("/today").get_data(as_text=True)
    day = today_for(logged_in) + timedelta(days=1)
    data = {"csrf_token": csrf_token_from(html), "person_id": "", "reason": "send the prices",
            "due_on": day.isoformat(), "kind": "custom", "next": "/today"}
    before = snapshot()
    response = client.post("/followups/new", data={**data, "person_id-name": "Kincaid"})
    assert response.status_code == 400 and snapshot() == before
    response = client.post("/followups/new", data={**data, "person_id-name": "dana"})
    assert response.status_code == 302
    assert db.session.scalar(select(Followup.person_id).where(
        Followup.reason == "send the prices")) == people["dana"].id
