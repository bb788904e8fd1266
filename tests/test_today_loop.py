"""The rep's loop around Today: own follow-ups in the API, a promised call from a logged
conversation, a call-back that closes what it answers, the advocate-call confirmation and the
e-mailed digest."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest

from referrals.advocates import followups as fu
from referrals.advocates import reminders
from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import Followup, IntroductionRequest
from referrals.outreach import touches
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot
from tests.test_today_queue import _section_html, _sections


@pytest.fixture
def dana(user):
    person = factories.make_person(db.session, user.team_id, "Dana Lee", roles=["prospect"])
    db.session.commit()
    return person


# --- POST /api/v1/followups --------------------------------------------------------------------

def test_api_creates_the_reps_own_followup(api, user, dana):
    due = today_for(user) + timedelta(days=2)
    response = api.post("/api/v1/followups", json={
        "person_id": dana.id, "due_on": due.isoformat(), "reason": "Send the price list",
        "kind": "call"})
    assert response.status_code == 201, response.json
    body = response.json
    assert (body["kind"], body["person_id"], body["due_on"], body["status"], body["reason"]) == (
        "call", dana.id, due.isoformat(), "open", "Send the price list")
    assert response.headers["Location"].endswith(f"/api/v1/followups/{body['id']}")
    assert api.get(f"/api/v1/followups/{body['id']}").json == body
    row = db.session.get(Followup, body["id"])
    assert row.user_id == user.id and row.team_id == user.team_id


def test_api_followups_filter_by_kind(api, user, dana):
    day = today_for(user).isoformat()
    api.post("/api/v1/followups", json={"person_id": dana.id, "due_on": day, "reason": "a",
                                        "kind": "call"})
    api.post("/api/v1/followups", json={"person_id": dana.id, "due_on": day, "reason": "b"})
    calls = api.get("/api/v1/followups?kind=call").json["items"]
    assert [f["reason"] for f in calls] == ["a"]
    custom = api.get(f"/api/v1/followups?kind=custom&person_id={dana.id}").json["items"]
    assert [f["reason"] for f in custom] == ["b"]
    assert api.get("/api/v1/followups?kind=bogus").status_code == 400


@pytest.mark.parametrize(("changes", "field"), [
    ({"due_on": "2020-01-01"}, "due_on"),
    ({"due_on": "tomorrow"}, "due_on"),
    ({"reason": ""}, "reason"),
    ({"reason": "x" * 501}, "reason"),
    ({"kind": "thank_you"}, "kind"),
    ({"person_id": "1"}, "person_id"),
    ({"person_id": 0}, "person_id"),
    ({"person_id": 999999}, "person_id"),
    ({"surprise": 1}, "surprise"),
])
def test_api_refuses_a_bad_followup_and_writes_nothing(api, user, dana, changes, field):
    body = {"person_id": dana.id, "due_on": today_for(user).isoformat(), "reason": "ok",
            "kind": "custom", **changes}
    before = snapshot()
    response = api.post("/api/v1/followups", json=body)
    assert response.status_code == 400, response.json
    assert field in response.json["fields"]
    assert snapshot() == before


def test_api_refuses_another_teams_person(api, user, other_user):
    secret = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    db.session.commit()
    before = snapshot()
    response = api.post("/api/v1/followups", json={
        "person_id": secret.id, "due_on": today_for(user).isoformat(), "reason": "spy"})
    assert response.status_code == 400
    assert response.json["fields"] == {"person_id": ["No such person in your team."]}
    assert snapshot() == before


def test_the_openapi_document_describes_the_new_operation(api):
    spec = api.get("/api/v1/openapi.json").json
    post = spec["paths"]["/followups"]["post"]
    assert post["operationId"] == "create_followup"
    params = {p["name"] for p in spec["paths"]["/followups"]["get"]["parameters"]}
    assert {"kind", "person_id"} <= params
    assert "call_on" in spec["components"]["schemas"]["TouchCreate"]["properties"]


# --- a promised call from a logged conversation --------------------------------------------------

def test_the_touch_form_call_on_date_creates_a_call_task_on_today(client, logged_in, dana):
    day = today_for(logged_in)
    html = client.get(f"/people/{dana.id}/outreach").get_data(as_text=True)
    assert "They expect my call on" in html
    response = client.post(f"/people/{dana.id}/outreach", data={
        "csrf_token": csrf_token_from(html), "channel": "call", "outcome": "spoke",
        "value_item_id": "0", "call_on": (day + timedelta(days=3)).isoformat()})
    assert response.status_code == 302
    call = db.session.query(Followup).filter_by(kind="call").one()
    assert (call.due_on, call.person_id, call.user_id, call.reason) == (
        day + timedelta(days=3), dana.id, logged_in.id, "Dana Lee expects your call")
    page = client.get("/today").get_data(as_text=True)
    assert "it&#39;s on your Today list" in page
    assert _sections(page) == {"calls": 1}
    assert "Dana Lee" in _section_html(page, "calls")


def test_a_past_call_on_date_is_refused(client, logged_in, dana):
    html = client.get(f"/people/{dana.id}/outreach").get_data(as_text=True)
    before = snapshot()
    response = client.post(f"/people/{dana.id}/outreach", data={
        "csrf_token": csrf_token_from(html), "channel": "call", "outcome": "spoke",
        "value_item_id": "0", "call_on": "2020-01-01"})
    assert response.status_code == 400
    assert "Pick today or a later day." in response.get_data(as_text=True)
    assert snapshot() == before


def test_the_api_touch_call_on_creates_a_call_task(api, user, dana):
    due = today_for(user) + timedelta(days=1)
    response = api.post("/api/v1/touches", json={"person_id": dana.id, "channel": "call",
                                                 "outcome": "spoke",
                                                 "call_on": due.isoformat()})
    assert response.status_code == 201, response.json
    calls = api.get("/api/v1/followups?kind=call").json["items"]
    assert [(c["due_on"], c["reason"]) for c in calls] == [
        (due.isoformat(), "Dana Lee expects your call")]


# --- a call-back closes what it answers -------------------------------------------------------

def test_a_call_back_logged_on_the_card_is_not_listed_again(client, logged_in, dana):
    day = today_for(logged_in)
    touches.log_touch(db.session, logged_in, {"person_id": dana.id, "channel": "call",
                                              "outcome": "spoke", "call_on": day})
    db.session.commit()
    assert _sections(client.get("/today").get_data(as_text=True)) == {"calls": 1}
    card = client.get(f"/people/{dana.id}/callback").get_data(as_text=True)
    assert "Log: they called back" in card
    response = client.post(f"/people/{dana.id}/outreach", data={
        "csrf_token": csrf_token_from(card), "channel": "call", "outcome": "callback_received",
        "value_item_id": "0", "notes": "They called back."})
    assert response.status_code == 302
    page = client.get("/today").get_data(as_text=True)
    assert _sections(page) == {}  # the promised call is answered; nothing new to act on
    assert "called you back" not in page and 'class="queue"' not in page
    call = db.session.query(Followup).filter_by(kind="call").one()
    assert call.status == "done"
    card = client.get(f"/people/{dana.id}/callback").get_data(as_text=True)
    assert "expects your call" not in card  # no longer an open follow-up on the card


def test_a_voicemail_does_not_close_a_promised_call(user, dana):
    day = today_for(user)
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "call",
                                         "outcome": "spoke", "call_on": day})
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "voicemail"})
    db.session.commit()
    assert db.session.query(Followup).filter_by(kind="call", status="open").count() == 1


# --- the advocate-call confirmation ------------------------------------------------------------

def test_the_advocate_call_confirmation_says_when_the_thank_you_is_due(client, logged_in, dana):
    mike = factories.make_person(db.session, logged_in.team_id, "Mike Kincaid")
    db.session.commit()
    day = today_for(logged_in)
    html = client.get(f"/advocates/calls/new?prospect={dana.id}").get_data(as_text=True)
    response = client.post(f"/advocates/calls/new?prospect={dana.id}", data={
        "csrf_token": csrf_token_from(html), "advocate_id": str(mike.id),
        "prospect_id": str(dana.id), "occurred_on": day.isoformat(), "outcome": "Went well"},
        follow_redirects=True)
    page = response.get_data(as_text=True)
    thank_you = db.session.query(Followup).filter_by(kind="thank_you").one()
    phrase = fu.due_phrase(thank_you.due_on, day)
    assert f"Thank-you due {phrase} – it&#39;s on your Today list." in page
    today_page = client.get("/today").get_data(as_text=True)
    assert "Thank <a" in today_page and "Mike Kincaid" in today_page  # true: Today shows it


def test_on_today_list_is_true_only_when_today_shows_it(user, dana):
    day = today_for(user)
    f = Followup(team_id=user.team_id, user_id=user.id, person_id=dana.id, kind="thank_you",
                 status="open", due_on=day + timedelta(days=7), reason="r")
    assert fu.on_today_list(f, user, day)
    f.due_on = day + timedelta(days=8)
    assert not fu.on_today_list(f, user, day)
    f.kind = "call"
    assert fu.on_today_list(f, user, day)  # promised calls are listed whenever due
    f.user_id = None
    assert not fu.on_today_list(f, user, day)


# --- the digest -------------------------------------------------------------------------------

def test_the_digest_lists_calls_and_nudges(user, dana):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    day = today_for(user)
    db.session.add(IntroductionRequest(team_id=user.team_id, user_id=user.id, via_id=mike.id,
                                       prospect_id=dana.id, status="asked",
                                       status_on=day - timedelta(days=10),
                                       asked_on=day - timedelta(days=10)))
    db.session.add(Followup(team_id=user.team_id, user_id=user.id, person_id=dana.id,
                            kind="call", status="open", due_on=day,
                            reason="Dana Lee expects your call"))
    db.session.add(Followup(team_id=user.team_id, user_id=user.id, person_id=dana.id,
                            kind="call", status="open", due_on=day + timedelta(days=3),
                            reason="A later call"))
    db.session.commit()
    [message] = reminders.digest_messages(db.session, "x@example.com", "http://x/today")
    assert message["Subject"] == "1 promised call, 1 unanswered ask"
    body = message.get_content()
    assert "Calls you promised:\n* Dana Lee expects your call – due today" in body
    assert "A later call" not in body
    assert "You asked Mike Kincaid to introduce you to Dana Lee" in body


def test_the_digest_is_written_to_the_log_as_readable_text(app, runner, user, dana, caplog,
                                                           monkeypatch):
    day = today_for(user)
    db.session.add(Followup(team_id=user.team_id, user_id=user.id, person_id=dana.id,
                            kind="custom", status="open", due_on=day,
                            reason="Send Zoë the price list – today"))
    db.session.commit()
    app.config.update(SMTP_HOST=None)
    mail_log = logging.getLogger("referrals.mail")
    # Alembic's fileConfig (the test schema comes from the migrations) disables loggers that
    # existed before it ran; the app's own logging leaves this one on.
    monkeypatch.setattr(mail_log, "disabled", False)
    with caplog.at_level(logging.INFO, logger="referrals.mail"):
        result = runner.invoke(args=["send-digest", "--base-url", "https://app.example"])
    assert result.exit_code != 0 and "written to the log" in result.output
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name == "referrals.mail")
    assert "Subject: 1 follow-up due today" in logged
    assert "Send Zoë the price list – today" in logged  # as written, not =E2=80=93 or base64
    assert "Content-Transfer-Encoding" not in logged and "=E2=80=93" not in logged
    assert "https://app.example/today" in logged
    dry = runner.invoke(args=["send-digest", "--dry-run"])
    assert "Send Zoë the price list – today" in dry.output
