"""Outreach pages, through real form posts: logging touches (and the cadence confirmation),
the voicemail builder, openers and team templates, the call-back card and its finder, stalled
prospects, the value library, cadence settings and the message check."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models import OpenerTemplate, SavedOpener, Team, Touch, ValueItem, VoicemailScript
from referrals.outreach import library
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import count, snapshot


@pytest.fixture
def network(logged_in):
    mike = factories.make_person(db.session, logged_in.team_id, "Mike Kincaid",
                                 company="Quality Fabricators", roles=["customer"])
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield",
                                 company="Harbor Foods", roles=["prospect"], phone="555 010 7788",
                                 timezone="America/New_York", pressing_issues=["costs"],
                                 deal_value=1000)
    factories.make_relationship(db.session, logged_in.person, mike, "customer", 5)
    factories.make_relationship(db.session, mike, dana, "friend", 4)
    db.session.commit()
    return mike, dana


def _token(client, url="/outreach/") -> str:
    return csrf_token_from(client.get(url).get_data(as_text=True))


def _log(client, dana, token, **fields):
    data = {"csrf_token": token, "channel": "voicemail", "occurred_at": "", "outcome": "",
            "value_item_id": "0", "notes": "", **fields}
    return client.post(f"/people/{dana.id}/outreach", data=data)


def test_the_person_page_shows_the_outreach_panel(client, network):
    _, dana = network
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert 'id="outreach"' in html and "Call-back card" in html
    assert "Good times to call" in html and "over lunch" in html
    assert "0 of 3" in html  # attempts of the budget a $1,000 deal is worth


def test_logging_a_fourth_voicemail_asks_for_confirmation_first(client, network):
    _, dana = network
    token = _token(client, f"/people/{dana.id}/outreach")
    now = datetime.now()
    for days in (8, 5, 2):
        when = (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")
        assert _log(client, dana, token, occurred_at=when).status_code == 302
    before = snapshot()
    refused = _log(client, dana, token)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "4th voicemail in 10 days" in html and "Log it anyway" in html
    assert snapshot() == before
    confirmed = _log(client, dana, token, confirm="y")
    assert confirmed.status_code == 302
    last = db.session.scalar(db.select(Touch).order_by(Touch.id.desc()))
    assert last.broke_cadence and count(Touch) == 4
    page = client.get(f"/people/{dana.id}/outreach").get_data(as_text=True)
    assert "over cadence" in page and "laying off" in page.lower()


def test_a_bad_touch_shows_field_errors_and_writes_nothing(client, network):
    _, dana = network
    token = _token(client, f"/people/{dana.id}/outreach")
    before = snapshot()
    future = (datetime.now() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = _log(client, dana, token, channel="email", occurred_at=future)
    assert response.status_code == 400
    assert "in the future" in response.get_data(as_text=True)
    assert _log(client, dana, token, channel="carrier-pigeon").status_code == 400
    assert snapshot() == before


def test_the_voicemail_builder_composes_checks_and_saves(client, network, logged_in):
    _, dana = network
    item = library.create_value_item(db.session, logged_in, {
        "title": "Freight cost index", "kind": "research", "issues": ["costs"],
        "pitch": "our freight index shows shippers your size saving 8% on regional lanes"})
    db.session.commit()
    page = client.get(f"/people/{dana.id}/voicemail")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Freight cost index" in html
    assert "Mike Kincaid" in html  # the warmest path's opener fills the connection
    token = csrf_token_from(html)
    form = {"csrf_token": token, "opener": "Mike Kincaid asked me to give you a call.",
            "value_item_ids": str(item.id), "call_to_action": "call_back",
            "phone": "555 010 2030", "text": ""}
    composed = client.post(f"/people/{dana.id}/voicemail", data={**form, "action": "compose"})
    assert composed.status_code == 200
    assert "seconds spoken" in composed.get_data(as_text=True)
    assert count(VoicemailScript) == 0
    edited = "Hi, this is Rita from Acme, call me back at 555 010 2030. Thanks."
    checked = client.post(f"/people/{dana.id}/voicemail",
                          data={**form, "text": edited, "action": "check"})
    assert "only a greeting, your name and your number" in checked.get_data(as_text=True)
    saved = client.post(f"/people/{dana.id}/voicemail", data={**form, "action": "save"})
    assert saved.status_code == 302 and "script=" in saved.headers["Location"]
    assert count(VoicemailScript) == 1
    # The outreach page offers to log the saved script as the voicemail left.
    log_page = client.get(saved.headers["Location"]).get_data(as_text=True)
    script = db.session.scalar(db.select(VoicemailScript))
    assert f'name="script_id" type="hidden" value="{script.id}"' in log_page
    # The item is now used: a second script with it is refused beside the field.
    again = client.post(f"/people/{dana.id}/voicemail", data={**form, "action": "save"})
    assert again.status_code == 400 and "Already used" in again.get_data(as_text=True)
    assert count(VoicemailScript) == 1


def test_openers_page_lists_variants_and_saves_the_pick(client, network):
    mike, dana = network
    html = client.get(f"/people/{dana.id}/openers").get_data(as_text=True)
    assert "Mike Kincaid" in html and html.count("Use this one") >= 3
    token = csrf_token_from(html)
    response = client.post(f"/people/{dana.id}/openers", data={
        "csrf_token": token, "text": "Mike Kincaid thought we should talk.", "kind": "mutual",
        "template_key": "mutual.x", "via_id": str(mike.id)})
    assert response.status_code == 302
    saved = db.session.scalar(db.select(SavedOpener))
    assert saved.text == "Mike Kincaid thought we should talk." and saved.via_id == mike.id
    assert "Your saved opener" in client.get(f"/people/{dana.id}/openers").get_data(
        as_text=True)
    empty = client.post(f"/people/{dana.id}/openers", data={"csrf_token": token, "text": ""})
    assert empty.status_code == 400 and count(SavedOpener) == 1


def test_a_broken_team_template_gets_a_clear_error_not_a_500(client, network):
    _, dana = network
    token = _token(client, "/outreach/openers")
    before = snapshot()
    response = client.post("/outreach/openers", data={
        "csrf_token": token, "kind": "mutual", "label": "Broken", "replaces": "",
        "source": "{{ knower.first }"})
    assert response.status_code == 400
    assert "Line 1" in response.get_data(as_text=True)
    assert snapshot() == before
    sneaky = client.post("/outreach/openers", data={
        "csrf_token": token, "kind": "mutual", "label": "Sneaky", "replaces": "",
        "source": "{{ ''.__class__.__mro__ }}"})
    assert sneaky.status_code == 400 and count(OpenerTemplate) == 0
    good = client.post("/outreach/openers", data={
        "csrf_token": token, "kind": "asked_to_call", "label": "Ours", "replaces": "",
        "source": "{{ knower.first }} was sure you'd want to hear from me, {{ prospect.first }}."})
    assert good.status_code == 302 and count(OpenerTemplate) == 1
    page = client.get(f"/people/{dana.id}/openers").get_data(as_text=True)
    assert "was sure you&#39;d want to hear from me, Dana." not in page  # kind is mutual here
    template = db.session.scalar(db.select(OpenerTemplate))
    template.kind = "mutual"
    db.session.commit()
    page = client.get(f"/people/{dana.id}/openers").get_data(as_text=True)
    assert "Mike was sure you&#39;d want to hear from me, Dana." in page


def test_only_admins_change_templates_and_cadence(client, app, network, logged_in):
    logged_in.is_admin = False
    db.session.commit()
    token = _token(client, "/outreach/cadence")
    assert client.post("/outreach/cadence", data={"csrf_token": token}).status_code == 403
    assert client.post("/outreach/openers", data={"csrf_token": token}).status_code == 403


def test_the_cadence_page_explains_and_saves_the_rules(client, network, logged_in):
    html = client.get("/outreach/cadence").get_data(as_text=True)
    assert "3 voicemails" in html or "three voicemails" in html.lower()
    token = csrf_token_from(html)
    fields = {"voicemail_limit": "2", "window_days": "7", "layoff_days": "21",
              "switch_after": "2", "base_attempts": "3", "base_value": "1000",
              "attempts_per_tenfold": "4", "min_attempts": "2", "max_attempts": "20",
              "default_attempts": "5"}
    bad = client.post("/outreach/cadence", data={"csrf_token": token, **fields,
                                                 "min_attempts": "30"})
    assert bad.status_code == 400
    assert client.post("/outreach/cadence", data={"csrf_token": token,
                                                  **fields}).status_code == 302
    team = db.session.get(Team, logged_in.team_id)
    db.session.refresh(team)
    assert team.settings["cadence"]["voicemail_limit"] == 2


def test_the_callback_card_and_the_finder(client, network):
    _, dana = network
    one = client.get("/callback?q=010-7788")
    assert one.status_code == 302 and one.headers["Location"] == f"/people/{dana.id}/callback"
    card = client.get(f"/people/{dana.id}/callback").get_data(as_text=True)
    assert "Dana Whitfield is calling back" in card and "Mike Kincaid" in card
    assert "Thanks for calling me back, Dana" in card
    none = client.get("/callback?q=nobody-like-this").get_data(as_text=True)
    assert "Nobody in your team matches" in none
    token = csrf_token_from(card)
    logged = client.post(f"/people/{dana.id}/outreach", data={
        "csrf_token": token, "channel": "call", "outcome": "callback_received",
        "value_item_id": "0", "notes": "They called back."})
    assert logged.status_code == 302
    assert db.session.scalar(db.select(Touch.outcome)) == "callback_received"


def test_stalled_prospects_and_a_different_approach(client, network, logged_in):
    _, dana = network
    now = utc_now()
    for days in (6, 4, 2):
        db.session.add(Touch(team_id=logged_in.team_id, person_id=dana.id, user_id=logged_in.id,
                             channel="call", outcome="no_answer",
                             occurred_at=now - timedelta(days=days)))
    db.session.commit()
    listing = client.get("/outreach/").get_data(as_text=True)
    assert "Dana Whitfield" in listing and "Why no call-back?" in listing
    page = client.get(f"/people/{dana.id}/stalled").get_data(as_text=True)
    assert "They don&#39;t know or trust you yet" in page
    token = csrf_token_from(page)
    picked = client.post(f"/people/{dana.id}/stalled", data={"csrf_token": token,
                                                             "cause": "too_busy"})
    assert picked.status_code == 302
    advice = client.get(picked.headers["Location"]).get_data(as_text=True)
    assert "Make it easy" in advice and "Switch channel" in advice
    assert client.post(f"/people/{dana.id}/stalled", data={"csrf_token": token,
                                                           "cause": "nope"}).status_code == 400


def test_the_value_library_pages(client, network):
    token = _token(client, "/outreach/library/new")
    response = client.post("/outreach/library/new", data={
        "csrf_token": token, "title": "Labour market brief", "kind": "research",
        "pitch": "how plants nearby keep their best people", "url": "",
        "issues": ["staffing"]})
    assert response.status_code == 302
    item = db.session.scalar(db.select(ValueItem))
    assert item.issues == ["staffing"]
    assert "Labour market brief" in client.get("/outreach/library?issue=staffing").get_data(
        as_text=True)
    assert "Labour market brief" not in client.get("/outreach/library?issue=costs").get_data(
        as_text=True)
    missing = client.post("/outreach/library/new", data={"csrf_token": token, "title": "",
                                                         "kind": "tip", "pitch": ""})
    assert missing.status_code == 400 and count(ValueItem) == 1
    assert client.post(f"/outreach/library/{item.id}/delete",
                       data={"csrf_token": token}).status_code == 302
    assert count(ValueItem) == 0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hi, this is Rita, call me at 555 010 2030.", "name and"),
        ("Hi Dana, I haven't heard back from you about my last three messages.", "blame"),
    ],
)
def test_the_message_check_page(client, network, text, expected):
    token = _token(client, "/outreach/check")
    html = client.post("/outreach/check", data={"csrf_token": token, "channel": "voicemail",
                                                "text": text}).get_data(as_text=True).lower()
    assert "what to fix" in html and expected in html
