"""Today as the rep's work queue: each section, its count, hidden when empty."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from referrals.advocates import followups as fu
from referrals.clock import today_for, utc_now
from referrals.extensions import db
from referrals.main import today as today_page
from referrals.main import views as main_views
from referrals.models import Followup, IntroductionRequest, Touch
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot

SECTIONS = ("overdue", "today", "week", "calls", "asks", "stalled", "windows", "keep")


def _followup(user, person, kind, due_on, reason="Send the price list", **extra):
    f = Followup(team_id=user.team_id, user_id=user.id, person_id=person.id, kind=kind,
                 status="open", due_on=due_on, reason=reason, message="", **extra)
    db.session.add(f)
    db.session.commit()
    return f


def _sections(html: str) -> dict[str, int]:
    """Section id → the count in its heading."""
    found = re.findall(r'<section class="queue" id="(\w+)".*?class="queue-count"[^>]*>(\d+)<',
                       html, re.S)
    return {key: int(n) for key, n in found}


def _section_html(html: str, key: str) -> str:
    start = html.index(f'<section class="queue" id="{key}"')
    return html[start:html.index("</section>", start)]


@pytest.fixture
def dana(user):
    person = factories.make_person(db.session, user.team_id, "Dana Lee", roles=["prospect"],
                                   phone="+1 555 0100")
    db.session.commit()
    return person


def test_an_empty_today_shows_one_friendly_line_and_no_sections(client, logged_in):
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {}
    assert html.count('class="empty today-empty"') == 1
    assert "Nothing waiting for you" in html
    assert "Remind me" in html  # what to do next is on the page


def test_followup_sections_split_by_due_date_and_count(client, logged_in, dana):
    day = today_for(logged_in)
    _followup(logged_in, dana, "custom", day - timedelta(days=2), "Send the brochure")
    _followup(logged_in, dana, "custom", day - timedelta(days=1), "Send the case study")
    _followup(logged_in, dana, "thank_you", day, "Thank them")
    _followup(logged_in, dana, "thank_you", day + timedelta(days=1), "Thank-you due tomorrow")
    _followup(logged_in, dana, "feedback", day + timedelta(days=7), "Feedback in a week")
    _followup(logged_in, dana, "feedback", day + timedelta(days=8), "Feedback too far off")
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {"overdue": 2, "today": 1, "week": 2}
    assert list(_sections(html)) == ["overdue", "today", "week"]  # in the queue's order
    week = _section_html(html, "week")
    assert "Thank-you due tomorrow" in week and "Feedback in a week" in week
    assert "Feedback too far off" not in html
    assert "Send the brochure" in _section_html(html, "overdue")


def test_each_row_is_one_click_from_done_and_snooze(client, logged_in, dana):
    day = today_for(logged_in)
    f = _followup(logged_in, dana, "custom", day)
    html = client.get("/today").get_data(as_text=True)
    row = _section_html(html, "today")
    assert f'action="/followups/{f.id}/complete"' in row
    assert f'action="/followups/{f.id}/snooze"' in row
    response = client.post(f"/followups/{f.id}/complete",
                           data={"csrf_token": csrf_token_from(html), "next": "/today"})
    assert response.headers["Location"] == "/today"
    assert "today" not in _sections(client.get("/today").get_data(as_text=True))


def test_other_reps_and_done_followups_stay_off_my_today(client, logged_in, dana):
    teammate = factories.make_user(db.session, email="mate@example.com", team="Acme Sales")
    db.session.commit()
    day = today_for(logged_in)
    _followup(teammate, dana, "custom", day)
    done = _followup(logged_in, dana, "custom", day)
    done.status = "done"
    db.session.commit()
    assert _sections(client.get("/today").get_data(as_text=True)) == {}


def test_calls_you_promised_lists_every_open_call_once(client, logged_in, dana):
    day = today_for(logged_in)
    _followup(logged_in, dana, "call", day, "Dana Lee expects your call")
    _followup(logged_in, dana, "call", day + timedelta(days=30), "Dana Lee expects your call")
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {"calls": 2}  # not also under Today: each item once
    calls = _section_html(html, "calls")
    assert "Call <a" in calls and 'href="tel:+1 555 0100"' in calls


def _ask(user, via, prospect, asked_on, status="asked"):
    ask = IntroductionRequest(team_id=user.team_id, user_id=user.id, via_id=via.id,
                              prospect_id=prospect.id, status=status, status_on=asked_on,
                              asked_on=asked_on)
    db.session.add(ask)
    db.session.commit()
    return ask


def test_asks_with_no_answer_after_five_business_days(client, logged_in, dana):
    mike = factories.make_person(db.session, logged_in.team_id, "Mike Kincaid")
    carla = factories.make_person(db.session, logged_in.team_id, "Carla Customer")
    db.session.commit()
    day = today_for(logged_in)
    old = _ask(logged_in, mike, dana, day - timedelta(days=8))  # ≥ 5 business days in any week
    _ask(logged_in, carla, dana, day - timedelta(days=2))  # too recent
    _ask(logged_in, carla, dana, day - timedelta(days=20), status="agreed")  # answered
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {"asks": 1}
    asks = _section_html(html, "asks")
    assert "Mike Kincaid" in asks and "Carla" not in asks
    assert f'href="/introductions/{old.id}"' in asks
    response = client.post(f"/today/asks/{old.id}/no-reply",
                           data={"csrf_token": csrf_token_from(html), "next": "/today"})
    assert response.status_code == 302 and response.headers["Location"] == "/today"
    db.session.expire_all()
    assert db.session.get(IntroductionRequest, old.id).status == "no_reply"
    assert "asks" not in _sections(client.get("/today").get_data(as_text=True))


def test_unanswered_asks_count_business_days(user, dana):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    friday = datetime(2026, 11, 27).date()
    _ask(user, mike, dana, friday)
    assert fu.unanswered_asks(db.session, user, friday + timedelta(days=6)) == []  # Thu: 4
    found = fu.unanswered_asks(db.session, user, friday + timedelta(days=7))  # Fri: 5
    assert [n.business_days for n in found] == [5]


def test_stalled_prospects_section(client, logged_in, dana):
    now = utc_now()
    for days in (9, 6, 3):
        db.session.add(Touch(team_id=logged_in.team_id, person_id=dana.id, user_id=logged_in.id,
                             channel="call", outcome="no_answer",
                             occurred_at=now - timedelta(days=days)))
    db.session.commit()
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {"stalled": 1}
    assert f'href="/people/{dana.id}/stalled"' in _section_html(html, "stalled")


WEDNESDAY_8_15_IN_NEW_YORK = datetime(2026, 12, 2, 13, 15, tzinfo=UTC)


def test_call_window_open_now_in_the_prospects_zone(client, logged_in, dana, monkeypatch):
    dana.timezone = "America/New_York"  # 08:15 there: the before-8:30 window
    factories.make_person(db.session, logged_in.team_id, "Berta Berlin", roles=["prospect"],
                          timezone="Europe/Berlin")  # 14:15 there: no window
    factories.make_person(db.session, logged_in.team_id, "Nora Nozone", roles=["prospect"])
    db.session.commit()
    monkeypatch.setattr(main_views, "utc_now", lambda: WEDNESDAY_8_15_IN_NEW_YORK)
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {"windows": 1}
    windows = _section_html(html, "windows")
    assert "Dana Lee" in windows and "before 8:30" in windows and "until 08:30" in windows
    assert "Berta" not in windows and "Nora" not in windows
    assert "1 prospect has no time zone, so their window is unknown." in windows
    open_now, unknown = today_page.open_call_windows(
        db.session, logged_in, WEDNESDAY_8_15_IN_NEW_YORK + timedelta(hours=1))
    assert open_now == [] and unknown == 1


def test_keep_in_touch_section_offers_a_touch_and_a_snooze(client, logged_in):
    day = today_for(logged_in)
    carla = factories.make_person(db.session, logged_in.team_id, "Carla Customer",
                                  roles=["customer"])
    carla.last_contact_on = day - timedelta(days=100)
    db.session.commit()
    html = client.get("/today").get_data(as_text=True)
    assert _sections(html) == {"keep": 1}
    keep = _section_html(html, "keep")
    assert f'href="/people/{carla.id}/outreach#log"' in keep and "Log a touch" in keep
    response = client.post(f"/keep-in-touch/{carla.id}/snooze",
                           data={"csrf_token": csrf_token_from(html), "days": "7",
                                 "next": "/today"})
    assert response.status_code == 302
    assert "keep" not in _sections(client.get("/today").get_data(as_text=True))


def test_sections_come_in_the_queues_order(client, logged_in, dana):
    day = today_for(logged_in)
    carla = factories.make_person(db.session, logged_in.team_id, "Carla Customer",
                                  roles=["customer"])
    carla.last_contact_on = day - timedelta(days=365)
    db.session.commit()
    _followup(logged_in, dana, "call", day)
    _followup(logged_in, dana, "custom", day - timedelta(days=1))
    html = client.get("/today").get_data(as_text=True)
    assert list(_sections(html)) == ["overdue", "calls", "keep"]
    assert "today-empty" not in html


# --- the rep's own follow-ups ------------------------------------------------------------------

def test_remind_me_from_today(client, logged_in, dana):
    day = today_for(logged_in)
    html = client.get("/today").get_data(as_text=True)
    # whom it is about is typed (a type-ahead with JavaScript), not picked from everyone
    assert 'action="/followups/new"' in html and 'name="person_id-name"' in html
    assert "Dana Lee" not in html
    response = client.post("/followups/new", data={
        "csrf_token": csrf_token_from(html), "person_id": str(dana.id),
        "reason": "send the price list", "due_on": (day + timedelta(days=1)).isoformat(),
        "kind": "custom", "next": "/today"})
    assert response.status_code == 302 and response.headers["Location"] == "/today"
    page = client.get("/today").get_data(as_text=True)
    assert "Reminder set for tomorrow (Dana Lee) – it&#39;s on your Today list." in page
    assert _sections(page) == {"week": 1} and "send the price list" in page


def test_remind_me_later_than_a_week_says_when_today_shows_it(client, logged_in, dana):
    day = today_for(logged_in)
    html = client.get(f"/people/{dana.id}").get_data(as_text=True)
    assert f'action="/followups/new?person={dana.id}"' in html
    due = day + timedelta(days=20)
    client.post(f"/followups/new?person={dana.id}", data={
        "csrf_token": csrf_token_from(html), "person_id": str(dana.id), "reason": "check in",
        "due_on": due.isoformat(), "kind": "custom", "next": f"/people/{dana.id}"})
    page = client.get("/today").get_data(as_text=True)
    assert "on your Today list." not in page
    assert f"It will show on your Today list from {fu.due_phrase(due - timedelta(7), day)}" \
        in page
    assert _sections(page) == {}


@pytest.mark.parametrize(("changes", "field"), [
    ({"reason": ""}, "Say what to do."),
    ({"due_on": "2020-01-01"}, "Pick today or a later day."),
    ({"person_id": ""}, "Choose whom it is about."),
    ({"kind": "thank_you"}, "Not a valid choice."),
])
def test_remind_me_form_refuses_bad_input_and_writes_nothing(client, logged_in, dana, changes,
                                                             field):
    html = client.get("/followups/new").get_data(as_text=True)
    data = {"csrf_token": csrf_token_from(html), "person_id": str(dana.id), "reason": "call",
            "due_on": today_for(logged_in).isoformat(), "kind": "custom", **changes}
    before = snapshot()
    response = client.post("/followups/new", data=data)
    assert response.status_code == 400
    assert field in response.get_data(as_text=True)
    assert snapshot() == before


def test_remind_me_about_another_teams_person_is_refused(client, logged_in, other_user):
    secret = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    db.session.commit()
    html = client.get("/followups/new").get_data(as_text=True)
    before = snapshot()
    response = client.post("/followups/new", data={
        "csrf_token": csrf_token_from(html), "person_id": str(secret.id), "reason": "spy",
        "due_on": today_for(logged_in).isoformat(), "kind": "custom"})
    assert response.status_code == 400
    assert "No such person in your team." in response.get_data(as_text=True)
    assert snapshot() == before
