"""The truth rule where reps read it: warm paths on the person page and in the API, the openers
page and the call-back card follow what the data holds and the state of the rep's asks."""

from __future__ import annotations

from datetime import date

import pytest

from referrals.extensions import db
from referrals.models import AdvocateCall, IntroductionRequest, Person
from referrals.truth import unsupported_claims
from tests import factories
from tests.test_api_support import CheckedApi
from tests.test_paths_views import text_of


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def network(user):
    """Rep -friend-> Gus -friend-> Kim -colleague-> Dana (the rep has never met Kim)."""
    s, tid = db.session, user.team_id
    rep = s.get(Person, user.person_id)
    gus = factories.make_person(s, tid, "Gus Ortega", company="Hale Tools")
    kim = factories.make_person(s, tid, "Kim Soto", company="Harbor Foods")
    dana = factories.make_person(s, tid, "Dana Lee", company="Harbor Foods", roles=["prospect"])
    factories.make_relationship(s, rep, gus, kind="friend", rating=5)
    factories.make_relationship(s, gus, kim, kind="friend", rating=4)
    factories.make_relationship(s, kim, dana, kind="colleague", rating=4)
    s.commit()
    return {"rep": rep, "gus": gus, "kim": kim, "dana": dana}


def _request(user, via, prospect, status):
    db.session.add(IntroductionRequest(team_id=user.team_id, prospect_id=prospect.id,
                                       via_id=via.id, user_id=user.id, status=status,
                                       status_on=date.today()))
    db.session.commit()


def test_a_stranger_two_steps_out_is_never_named_the_rep_asks_the_first_step(api, network):
    paths = api.get(f"/api/v1/people/{network['dana'].id}/paths").get_json()["paths"]
    best = paths[0]
    assert best["stage"] == "ask" and best["opener"] is None
    assert best["ask"] == {"type": "person", "id": network["gus"].id, "name": "Gus Ortega"}


def test_the_person_page_offers_the_ask_not_an_opener(client, logged_in, network):
    html = client.get(f"/people/{network['dana'].id}").get_data(as_text=True)
    section = text_of(html[html.index('id="warm-paths"'):html.index('id="network"')])
    assert "You haven't met Kim Soto" in section
    assert "Ask Gus Ortega for an introduction" in section and "Opener" not in section
    # the ask names whom Gus knows on the way, so the e-mail can say so truthfully
    assert f"via={network['gus'].id}&amp;next={network['kim'].id}" in html
    ask = client.get(f"/introductions/new?prospect={network['dana'].id}&via={network['gus'].id}"
                     f"&next={network['kim'].id}").get_data(as_text=True)
    assert "Kim Soto" in ask and "believe you know Dana" not in ask


def test_the_opener_follows_the_ask_from_waiting_to_warm(api, user, network):
    gus, kim, dana = network["gus"], network["kim"], network["dana"]
    factories.make_relationship(db.session, network["rep"], kim, kind="customer", rating=5)
    db.session.commit()
    url = f"/api/v1/people/{dana.id}/paths?k=1"
    best = api.get(url).get_json()["paths"][0]
    assert [s["name"] for s in best["steps"]] == ["Rep", "Kim Soto", "Dana Lee"]
    assert best["stage"] == "known" and "suggest" not in best["opener"]
    assert unsupported_claims(best["opener"], {"direct": True, "close": True}) == []
    _request(user, kim, dana, "asked")
    best = api.get(url).get_json()["paths"][0]
    assert (best["stage"], best["opener"], best["ask"]["id"]) == ("ask", None, kim.id)
    _request(user, kim, dana, "agreed")
    best = api.get(url).get_json()["paths"][0]
    assert best["stage"] == "warm" and "Kim Soto" in best["opener"]
    assert "asked" in best["opener"] or "thought" in best["opener"]
    assert gus.id not in [s["id"] for s in best["steps"]]


def test_a_declined_ask_names_nobody(api, user, network):
    factories.make_relationship(db.session, network["rep"], network["kim"], kind="friend",
                                rating=4)
    db.session.commit()
    _request(user, network["kim"], network["dana"], "declined")
    best = api.get(f"/api/v1/people/{network['dana'].id}/paths?k=1").get_json()["paths"][0]
    assert best["stage"] == "declined" and best["opener"] is None


def test_the_callback_card_names_only_who_vouched(client, logged_in, network):
    dana, kim = network["dana"], network["kim"]
    card = text_of(client.get(f"/people/{dana.id}/callback").get_data(as_text=True))
    # the rep has never met Kim: the script doesn't name her, not even as someone Dana knows
    assert "believe you know Kim" not in card and "thought we should talk" not in card
    db.session.add(AdvocateCall(team_id=dana.team_id, advocate_id=kim.id, prospect_id=dana.id,
                                occurred_on=date.today(), outcome="Left a warm word"))
    db.session.commit()
    card = text_of(client.get(f"/people/{dana.id}/callback").get_data(as_text=True))
    assert "Kim Soto thought we should talk" in card
