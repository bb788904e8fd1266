"""Today page, follow-up actions, the iCalendar feed and the e-mailed digest."""

from __future__ import annotations

import re
import socket
from datetime import UTC, date, datetime, timedelta

import icalendar
import pytest
from aiosmtpd.controller import Controller

from referrals.advocates import calls, reminders
from referrals.advocates import followups as fu
from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import Followup, Touch
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot


def _call(user, advocate, prospect, days_ago):
    call = calls.log_advocate_call(db.session, user, {
        "advocate_id": advocate.id, "prospect_id": prospect.id,
        "occurred_on": today_for(user) - timedelta(days=days_ago)})
    db.session.commit()
    return call


@pytest.fixture
def pair(user):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield", roles=["prospect"])
    db.session.commit()
    return mike, dana


def test_today_lists_overdue_thank_yous_and_not_logged_callbacks(client, logged_in, pair):
    mike, dana = pair
    caller = factories.make_person(db.session, logged_in.team_id, "Carl Caller")
    db.session.add(Touch(team_id=logged_in.team_id, person_id=caller.id, user_id=logged_in.id,
                         channel="call", outcome="callback_received", notes="Wants a quote"))
    db.session.commit()
    _call(logged_in, mike, dana, 10)
    html = client.get("/today").get_data(as_text=True)
    assert "Overdue" in html and html.count("Thank") >= 1
    assert "overdue by" in html and "Mike Kincaid" in html
    # A logged call-back is a conversation already had: Today doesn't offer it as new work.
    assert "Carl Caller" not in html.split('id="remind-h"')[0]  # (the reminder form lists all)
    assert html.count('name="csrf_token"') > 3


def test_complete_and_snooze_from_today(client, logged_in, pair):
    mike, dana = pair
    call = _call(logged_in, mike, dana, 10)
    thank_you, feedback = call.followups
    html = client.get("/today").get_data(as_text=True)
    token = csrf_token_from(html)
    response = client.post(f"/followups/{thank_you.id}/complete",
                           data={"csrf_token": token, "next": "/today"})
    assert response.status_code == 302 and response.headers["Location"] == "/today"
    response = client.post(f"/followups/{feedback.id}/snooze",
                           data={"csrf_token": token, "days": "3", "next": "https://evil.example"})
    assert response.status_code == 302 and response.headers["Location"] == "/today"
    db.session.expire_all()
    assert db.session.get(Followup, thank_you.id).status == "done"
    assert db.session.get(Followup, feedback.id).due_on == today_for(logged_in) + timedelta(3)
    html = client.get("/today").get_data(as_text=True)
    assert 'id="overdue"' not in html  # an empty section is not shown at all
    done = client.get("/followups/?status=done").get_data(as_text=True)
    assert "Thank" in done and "Mike Kincaid" in done
    history = client.get(f"/followups/{feedback.id}").get_data(as_text=True)
    assert "created" in history and "snoozed" in history
    before = snapshot()
    response = client.post(f"/followups/{feedback.id}/snooze",
                           data={"csrf_token": token, "days": "90"})
    assert response.status_code == 302
    assert snapshot() == before
    response = client.post(f"/followups/{feedback.id}/complete", data={})  # no CSRF token
    assert response.status_code == 400
    assert snapshot() == before


def test_another_teams_followup_is_404(client, logged_in, other_user):
    olga = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    pavel = factories.make_person(db.session, other_user.team_id, "Pavel Secret")
    db.session.commit()
    theirs = _call(other_user, olga, pavel, 1).followups[0]
    token = csrf_token_from(client.get("/today").get_data(as_text=True))
    before = snapshot()
    assert client.get(f"/followups/{theirs.id}").status_code == 404
    assert client.post(f"/followups/{theirs.id}/complete",
                       data={"csrf_token": token}).status_code == 404
    assert snapshot() == before


def _feed_url(client) -> str:
    html = client.get("/followups/calendar").get_data(as_text=True)
    page = client.post("/followups/calendar",
                       data={"csrf_token": csrf_token_from(html), "action": "rotate"})
    html = page.get_data(as_text=True)
    match = re.search(r'value="(http://localhost/calendar/[^"]+\.ics)"', html)
    assert match, "the new address is shown once"
    return match.group(1).removeprefix("http://localhost")


def test_the_calendar_feed_parses_and_lists_open_followups(client, logged_in, pair):
    mike, dana = pair
    call = _call(logged_in, mike, dana, 2)
    fu.complete_followup(db.session, logged_in, call.followups[1])
    db.session.commit()
    url = _feed_url(client)
    client.post("/logout", data={"csrf_token": csrf_token_from(
        client.get("/today").get_data(as_text=True))})
    response = client.get(url)  # no session: calendar apps can't sign in
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    cal = icalendar.Calendar.from_ical(response.data)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Thank Mike Kincaid (Dana Whitfield)"
    assert event.decoded("dtstart") == call.followups[0].due_on
    assert event.decoded("dtend") == call.followups[0].due_on + timedelta(days=1)
    assert "Hi Mike," in str(event["description"])
    assert str(event["uid"]) == f"followup-{call.followups[0].id}@localhost"


def test_rotating_the_calendar_address_retires_the_old_one(client, logged_in):
    first = _feed_url(client)
    assert client.get(first).status_code == 200
    second = _feed_url(client)
    assert first != second
    assert client.get(first).status_code == 404
    assert client.get(second).status_code == 200
    assert client.get("/calendar/not-a-token.ics").status_code == 404
    html = client.get("/followups/calendar").get_data(as_text=True)
    client.post("/followups/calendar", data={"csrf_token": csrf_token_from(html),
                                             "action": "revoke"})
    assert client.get(second).status_code == 404


class _Inbox:
    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook)
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp_server():
    inbox = _Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd can't start on port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


def test_send_digest_mails_each_rep_their_due_list(app, runner, user, pair, smtp_server):
    controller, inbox = smtp_server
    mike, dana = pair
    _call(user, mike, dana, 10)
    idle = factories.make_user(db.session, email="idle@example.com", team="Acme Sales")
    db.session.commit()
    port = controller.port
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False,
                      SMTP_USERNAME=None, SMTP_FROM="Referrals <digest@example.com>")
    try:
        result = runner.invoke(args=["send-digest", "--base-url", "https://app.example"])
    finally:
        app.config.update(SMTP_HOST=None)
    assert result.exit_code == 0, result.output
    assert "Sent 1 digest(s)." in result.output
    assert len(inbox.messages) == 1
    envelope = inbox.messages[0]
    assert envelope.rcpt_tos == [user.email] and idle.email not in envelope.rcpt_tos
    text = envelope.content.decode()
    assert "Subject: 2 follow-ups due today" in text
    assert "Thank Mike Kincaid (Dana Whitfield)" in text
    assert "https://app.example/today" in text


def test_send_digest_without_smtp_settings_says_so(app, runner, user):
    app.config.update(SMTP_HOST=None)
    result = runner.invoke(args=["send-digest"])
    assert result.exit_code != 0 and "SMTP_HOST" in result.output


def test_digest_lists_only_what_is_due_by_then(user, pair):
    mike, dana = pair
    call = _call(user, mike, dana, 0)
    due = call.followups[0].due_on
    at_noon = datetime.combine(due, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    messages = reminders.digest_messages(db.session, "x@example.com", "http://x/today",
                                         now=at_noon)
    assert len(messages) == 1 and messages[0]["Subject"] == "1 follow-up due today"
    assert "Thank Mike Kincaid" in messages[0].get_content()
    earlier = reminders.digest_messages(db.session, "x@example.com", "http://x/today",
                                        now=at_noon - timedelta(days=1))
    assert earlier == []


def test_smtp_settings_from_config():
    assert reminders.SmtpSettings.from_config({}) is None
    s = reminders.SmtpSettings.from_config({"SMTP_HOST": "mail", "SMTP_PORT": "2525",
                                            "SMTP_STARTTLS": "false"})
    assert (s.host, s.port, s.starttls) == ("mail", 2525, False)


def test_local_today_follows_the_reps_time_zone(user):
    late_in_london = datetime(2026, 11, 23, 23, 30, tzinfo=UTC)
    assert today_for(user, late_in_london) == date(2026, 11, 23)
    user.person.timezone = "Pacific/Auckland"
    assert today_for(user, late_in_london) == date(2026, 11, 24)
