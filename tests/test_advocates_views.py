"""Advocacy pages with real form posts: advocate calls, introductions, references, care."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from referrals.advocates import calls
from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Followup,
    IntroductionRequest,
    Person,
    ReferenceAsk,
    Team,
)
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def pair(logged_in):
    mike = factories.make_person(db.session, logged_in.team_id, "Mike Kincaid",
                                 company="Quality Fabricators")
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield",
                                 company="Harbor Foods", roles=["prospect"])
    db.session.commit()
    return mike, dana


def test_the_prospect_page_offers_advocacy_actions(client, pair):
    mike, dana = pair
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert f"/advocates/calls/new?prospect={dana.id}" in html
    assert f"/advocates/references/{dana.id}" in html
    assert f"/advocates/prospects/{dana.id}/outcome" in html
    html = client.get(f"/people/{mike.id}").get_data(as_text=True)
    assert f"/advocates/calls/new?advocate={mike.id}" in html


def test_logging_a_call_through_the_form(client, logged_in, pair):
    mike, dana = pair
    page = client.get(f"/advocates/calls/new?prospect={dana.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # the prospect of `?prospect=` is filled in: their name in the box, their id beside it
    assert re.search(r'<input [^>]*name="prospect_id-name"[^>]*value="Dana Whitfield"', html)
    assert f'name="prospect_id" type="hidden" value="{dana.id}"' in html
    day = today_for(logged_in) - timedelta(days=1)
    response = client.post(f"/advocates/calls/new?prospect={dana.id}", data={
        "csrf_token": csrf_token_from(html), "advocate_id": str(mike.id),
        "prospect_id": str(dana.id), "occurred_on": day.isoformat(),
        "outcome": "She'll take your call", "notes": ""})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/people/{dana.id}#advocacy"
    call = db.session.scalar(select(AdvocateCall))
    assert call.outcome == "She'll take your call" and len(call.followups) == 2
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert "Thank-you" in html or "Thank" in html
    assert "Mike Kincaid</a> called" in html


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("occurred_on", "future", "in the future"),
        ("occurred_on", "", "Enter the date of the call."),
        ("advocate_id", "0", "Choose the advocate."),
        ("prospect_id", "theirs", "No such person in your team."),
    ],
)
def test_bad_call_forms_show_the_error_and_write_nothing(
    client, logged_in, other_user, pair, field, value, message
):
    mike, dana = pair
    olga = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    db.session.commit()
    html = client.get("/advocates/calls/new").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(html), "advocate_id": str(mike.id),
            "prospect_id": str(dana.id), "occurred_on": today_for(logged_in).isoformat(),
            "outcome": "", "notes": ""}
    data[field] = {"future": (today_for(logged_in) + timedelta(days=3)).isoformat(),
                   "theirs": str(olga.id)}.get(value, value)
    before = snapshot()
    response = client.post("/advocates/calls/new", data=data)
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in body.replace("&#39;", "'")
    assert "Olga" not in body
    assert snapshot() == before


def test_a_call_form_without_csrf_is_refused(client, pair):
    mike, dana = pair
    before = snapshot()
    response = client.post("/advocates/calls/new", data={
        "advocate_id": str(mike.id), "prospect_id": str(dana.id), "occurred_on": "2026-01-05"})
    assert response.status_code == 400
    assert snapshot() == before


def test_another_teams_person_in_the_url_is_404(client, other_user, pair):
    olga = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    db.session.commit()
    assert client.get(f"/advocates/calls/new?prospect={olga.id}").status_code == 404
    assert client.get(f"/introductions/new?prospect={olga.id}&via={pair[0].id}").status_code == 404
    assert client.get(f"/introductions/new?prospect={pair[1].id}&via={olga.id}").status_code == 404
    assert client.get(f"/advocates/references/{olga.id}").status_code == 404


def test_asking_for_an_introduction_drafts_the_email_and_keeps_history(client, logged_in, pair):
    mike, dana = pair
    url = f"/introductions/new?prospect={dana.id}&via={mike.id}"
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    # No tie between Mike and Dana is recorded, so the ask doesn't claim he knows her.
    assert "Could you help me reach Dana Whitfield?" in html and "Hi Mike," in html
    response = client.post(url, data={
        "csrf_token": csrf_token_from(html), "status": "asked",
        "ask_text": "Hi Mike, would you introduce me to Dana?", "notes": ""})
    assert response.status_code == 302
    request = db.session.scalar(select(IntroductionRequest))
    assert request.status == "asked" and request.ask_text.startswith("Hi Mike, would")
    detail = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Hi Mike, would you introduce me to Dana?" in detail
    response = client.post(f"/introductions/{request.id}/status", data={
        "csrf_token": csrf_token_from(detail), "status": "introduced", "on": "",
        "note": "He called her ahead"})
    assert response.status_code == 302
    db.session.expire_all()
    assert [h.status for h in request.history] == ["asked", "introduced"]
    assert count(Followup) == 2
    detail = client.get(f"/introductions/{request.id}").get_data(as_text=True)
    assert "He called her ahead" in detail
    # A future date is refused beside its field, nothing changes.
    before = snapshot()
    response = client.post(f"/introductions/{request.id}/status", data={
        "csrf_token": csrf_token_from(detail), "status": "meeting_set",
        "on": (today_for(logged_in) + timedelta(days=5)).isoformat(), "note": ""})
    assert response.status_code == 400 and "in the future" in response.get_data(as_text=True)
    assert snapshot() == before


def test_over_asking_warns_and_needs_the_box_ticked(client, logged_in, pair):
    mike, dana = pair
    for name in ("P1", "P2"):
        other = factories.make_person(db.session, logged_in.team_id, name)
        calls.log_advocate_call(db.session, logged_in, {
            "advocate_id": mike.id, "prospect_id": other.id,
            "occurred_on": today_for(logged_in)})
    db.session.commit()
    url = f"/introductions/new?prospect={dana.id}&via={mike.id}"
    html = client.get(url).get_data(as_text=True)
    assert "has been asked 2 times in the last 90 days" in html
    data = {"csrf_token": csrf_token_from(html), "status": "asked", "ask_text": "Hi", "notes": ""}
    before = snapshot()
    response = client.post(url, data=data)
    assert response.status_code == 400
    assert "Ask anyway" in response.get_data(as_text=True)
    assert snapshot() == before
    response = client.post(url, data={**data, "confirm_over_cap": "y"})
    assert response.status_code == 302
    assert count(IntroductionRequest) == 1


def test_references_page_offers_and_records_the_call(client, logged_in, pair):
    mike, dana = pair
    mike.roles = ["reference"]
    mike.industry = dana.industry = "Food distribution"
    db.session.commit()
    page = client.get(f"/advocates/references/{dana.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Call Mike Kincaid at Quality Fabricators – same industry (Food distribution)" in html
    response = client.post(f"/advocates/references/{dana.id}/offer", data={
        "csrf_token": csrf_token_from(html), "reference_id": str(mike.id), "reason": "alike"})
    assert response.status_code == 302
    ask = db.session.scalar(select(ReferenceAsk))
    assert ask.reference_id == mike.id and ask.status == "offered"
    html = client.get(f"/advocates/references/{dana.id}").get_data(as_text=True)
    response = client.post(f"/advocates/references/asks/{ask.id}/phoned", data={
        "csrf_token": csrf_token_from(html), "phoned_on": ""})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(ReferenceAsk, ask.id).status == "phoned"
    assert count(Followup) == 2


def test_offering_another_teams_reference_is_refused(client, other_user, pair):
    mike, dana = pair
    olga = factories.make_person(db.session, other_user.team_id, "Olga Secret",
                                 roles=["reference"])
    db.session.commit()
    html = client.get(f"/advocates/references/{dana.id}").get_data(as_text=True)
    before = snapshot()
    response = client.post(f"/advocates/references/{dana.id}/offer", data={
        "csrf_token": csrf_token_from(html), "reference_id": str(olga.id)})
    assert response.status_code == 400
    assert "No such person in your team." in response.get_data(as_text=True)
    assert snapshot() == before


def test_recording_an_outcome_brings_feedback_forward(client, logged_in, pair):
    mike, dana = pair
    call = calls.log_advocate_call(db.session, logged_in, {
        "advocate_id": mike.id, "prospect_id": dana.id,
        "occurred_on": today_for(logged_in) - timedelta(days=1)})
    db.session.commit()
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    response = client.post(f"/advocates/prospects/{dana.id}/outcome", data={
        "csrf_token": csrf_token_from(html), "outcome": "won", "on": ""})
    assert response.status_code == 302
    db.session.expire_all()
    feedback = db.session.get(Followup, call.followups[1].id)
    assert feedback.due_on == today_for(logged_in) and "the deal is won" in feedback.reason


def test_advocates_page_ranks_and_sets_the_cap(client, logged_in, pair):
    mike, dana = pair
    calls.log_advocate_call(db.session, logged_in, {
        "advocate_id": mike.id, "prospect_id": dana.id,
        "occurred_on": today_for(logged_in)})
    db.session.commit()
    page = client.get("/advocates/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Not yet thanked" in html and "1 thank-you outstanding" in html
    response = client.post("/advocates/settings", data={
        "csrf_token": csrf_token_from(html), "ask_cap": "3", "ask_window_days": "60"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Team, logged_in.team_id).settings["advocates"] == {
        "ask_cap": 3, "ask_window_days": 60}
    before = snapshot()
    response = client.post("/advocates/settings", data={
        "csrf_token": csrf_token_from(html), "ask_cap": "0", "ask_window_days": "60"})
    assert response.status_code == 400 and "Use 1 to 20." in response.get_data(as_text=True)
    assert snapshot() == before


def test_person_form_takes_industry_size_and_region(client, logged_in):
    html = client.get("/people/new").get_data(as_text=True)
    response = client.post("/people/new", data={
        "csrf_token": csrf_token_from(html), "name": "Pat", "industry": "Printing",
        "company_size": "11-50", "region": "Ohio"})
    assert response.status_code == 302
    pat = db.session.scalar(select(Person).where(Person.name == "Pat"))
    assert (pat.industry, pat.company_size, pat.region) == ("Printing", "11-50", "Ohio")
    response = client.post("/people/new", data={
        "csrf_token": csrf_token_from(html), "name": "Bad", "company_size": "huge"})
    assert response.status_code == 400
