"""The person search (referrals/people/search.py), the page's lookup endpoint, the People list
and the header search box: what matches, in what order, and never another team's people."""

from __future__ import annotations

import pytest

from referrals.extensions import db
from referrals.people.search import digits_of, resolve_person, role_label, search_people
from tests import factories


@pytest.fixture
def network(user, other_user):
    team = user.team_id
    people = {
        "ann": factories.make_person(db.session, team, "Ann Berg", company="Harbor Foods",
                                     phone="+1 (555) 010-2030", roles=["customer"]),
        "joanna": factories.make_person(db.session, team, "Joanna Annis", company="Lakeside",
                                        roles=["advocate"]),
        "hanna": factories.make_person(db.session, team, "Hanna Lee",
                                       email="hanna@anvil.example"),
        "bob": factories.make_person(db.session, team, "Bob Stone", company="Annex Tools",
                                     notes="Met at the trade fair; plays golf"),
        "cara": factories.make_person(db.session, team, "Cara Diaz",
                                      phone="555.777.1234", roles=["advocate", "customer"]),
        "olga": factories.make_person(db.session, other_user.team_id, "Anna Secret",
                                      phone="555-010-2030", notes="golf"),
    }
    factories.make_group(db.session, team, "Ohio Rotary Club", members=[people["cara"]])
    factories.make_group(db.session, other_user.team_id, "Ohio Rotary Club",
                         members=[people["olga"]])
    db.session.commit()
    return people


def _names(found):
    return [p.name for p in found]


def test_ranking_name_start_then_word_start_then_contains_then_other_fields(network, user):
    found = search_people(db.session, user.team_id, "ann")
    # "Ann Berg" starts with it; "Joanna Annis" has a word starting with it; "Hanna Lee"
    # contains it; Bob's company (Annex) and Hanna's e-mail... Bob only by his company.
    assert _names(found) == ["Ann Berg", "Joanna Annis", "Hanna Lee", "Bob Stone"]


def test_prefer_puts_people_of_that_role_first(network, user):
    found = search_people(db.session, user.team_id, "ann", prefer="advocate")
    assert _names(found)[0] == "Joanna Annis"
    assert _names(found)[1:] == ["Ann Berg", "Hanna Lee", "Bob Stone"]
    # an unknown role is no preference, not an error
    assert _names(search_people(db.session, user.team_id, "ann", prefer="boss")) == \
        _names(search_people(db.session, user.team_id, "ann"))


@pytest.mark.parametrize("q", ["5550102030", "555 010", "(555) 010-20", "010-2030", "+1555010"])
def test_a_phone_number_matches_whatever_its_punctuation(network, user, q):
    assert _names(search_people(db.session, user.team_id, q)) == ["Ann Berg"]


def test_two_digits_are_not_a_phone_number(network, user):
    assert search_people(db.session, user.team_id, "55") == []
    assert digits_of("55 a") == "55"


def test_notes_and_group_names_match(network, user):
    assert _names(search_people(db.session, user.team_id, "golf")) == ["Bob Stone"]
    assert _names(search_people(db.session, user.team_id, "rotary")) == ["Cara Diaz"]


def test_another_teams_people_never_match(network, user, other_user):
    for q in ("Anna Secret", "secret", "5550102030", "golf", "rotary"):
        assert "Anna Secret" not in _names(search_people(db.session, user.team_id, q))
    assert _names(search_people(db.session, other_user.team_id, "rotary")) == ["Anna Secret"]


def test_wildcards_are_literal_and_empty_is_nobody(network, user):
    assert search_people(db.session, user.team_id, "%") == []
    assert search_people(db.session, user.team_id, "a_n") == []
    assert search_people(db.session, user.team_id, "   ") == []
    assert search_people(db.session, user.team_id, None) == []
    assert len(search_people(db.session, user.team_id, "a", limit=2)) == 2


def test_role_label_prefers_the_asked_role(network):
    assert role_label(network["cara"], "advocate") == "Advocate"
    assert role_label(network["cara"]) == "Customer"
    assert role_label(network["hanna"]) == ""


def test_resolving_a_typed_name(network, user):
    team = user.team_id
    assert resolve_person(db.session, team, "ann berg").person == network["ann"]
    assert resolve_person(db.session, team, "Stone").person == network["bob"]
    several = resolve_person(db.session, team, "ann")
    # names that contain it count, not Bob's company: three people to choose from
    assert several.person is None and _names(several.candidates) == [
        "Ann Berg", "Joanna Annis", "Hanna Lee"]
    assert resolve_person(db.session, team, "golf").person == network["bob"]  # no name has it
    assert resolve_person(db.session, team, "Zed").candidates == []
    assert resolve_person(db.session, team, "Anna Secret").person is None


# --- the endpoint for the page's own script ---------------------------------------------------

def test_lookup_answers_the_teams_people_best_first(client, logged_in, network):
    response = client.get("/people/lookup?q=ann&prefer=advocate&limit=3")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    people = response.get_json()["people"]
    assert [p["name"] for p in people] == ["Joanna Annis", "Ann Berg", "Hanna Lee"]
    joanna = network["joanna"]
    assert people[0] == {"id": joanna.id, "name": "Joanna Annis", "company": "Lakeside",
                         "role": "Advocate", "url": f"/people/{joanna.id}",
                         "warmth": ""}  # the rep has no tie to anyone here


def test_lookup_never_shows_another_team_and_empty_is_nobody(client, logged_in, network):
    for q in ("Secret", "555-010-2030", "golf"):
        names = [p["name"] for p in client.get(f"/people/lookup?q={q}").get_json()["people"]]
        assert "Anna Secret" not in names
    assert client.get("/people/lookup?q=").get_json() == {"people": []}
    assert client.get("/people/lookup").get_json() == {"people": []}
    assert client.get("/people/lookup?q=a&limit=999").status_code == 200
    assert client.get("/people/lookup?q=%00").get_json() == {"people": []}


def test_lookup_is_for_signed_in_reps(client, network):
    response = client.get("/people/lookup?q=ann")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_another_teams_person_page_is_404(client, logged_in, network):
    assert client.get(f"/people/{network['olga'].id}").status_code == 404


# --- the People list and the header search --------------------------------------------------

@pytest.mark.parametrize(("q", "expected"), [
    ("555-777", "Cara Diaz"), ("Rotary", "Cara Diaz"), ("trade fair", "Bob Stone"),
    ("hanna@anvil", "Hanna Lee")])
def test_the_people_list_matches_what_the_lookup_matches(client, logged_in, network, q,
                                                         expected):
    html = client.get("/people/", query_string={"q": q}).get_data(as_text=True)
    assert expected in html and "1 match" in html and "Anna Secret" not in html


def test_the_header_search_finds_people_and_never_opens_a_callback_card(client, logged_in,
                                                                         network):
    html = client.get("/today").get_data(as_text=True)
    form = html[html.index('<form class="jump"'):]
    form = form[:form.index("</form>")]
    assert 'action="/people/"' in form and 'method="get"' in form
    # the first button is the one Enter presses: Find, not the call-back card
    first = form.index("<button")
    assert form[first:form.index("</button>", first)].endswith(">Find")
    assert 'data-picker-go' in form and 'data-lookup="/people/lookup"' in form
    # Enter (the form's action) lists the matches on the People page
    page = client.get("/people/?q=Cara")
    assert page.status_code == 200 and "is calling back" not in page.get_data(as_text=True)
    assert "Cara Diaz" in page.get_data(as_text=True)
