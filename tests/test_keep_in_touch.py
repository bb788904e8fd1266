"""Keep in touch: who is due, the team default and a person's own period, what restarts the
count, the team settings page, the person form and API field, the calendar feed and digest."""

from __future__ import annotations

import re
from datetime import timedelta

import icalendar
import pytest

from referrals.advocates import followups as fu
from referrals.advocates import reminders
from referrals.clock import today_for, utc_now
from referrals.extensions import db
from referrals.models import Followup, Person, Team
from referrals.outreach import touches
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot


def _team(user) -> Team:
    return db.session.get(Team, user.team_id)


def _person(user, name, roles=(), last=None, every=None, **fields) -> Person:
    person = factories.make_person(db.session, user.team_id, name, roles=list(roles),
                                   keep_in_touch_days=every, **fields)
    person.last_contact_on = last
    db.session.commit()
    return person


def _due(user, until) -> list[str]:
    return [k.person.name for k in fu.keep_in_touch_due(db.session, _team(user), until)]


def test_due_once_the_period_has_run_out_since_the_last_contact(user):
    day = today_for(user)
    _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=90))
    _person(user, "Cal Customer", ["customer"], last=day - timedelta(days=89))
    assert _due(user, day) == ["Ann Advocate"]
    assert _due(user, day + timedelta(days=1)) == ["Ann Advocate", "Cal Customer"]


def test_the_team_default_applies_to_advocates_and_customers_only(user):
    day = today_for(user)
    long_ago = day - timedelta(days=400)
    _person(user, "Pia Prospect", ["prospect"], last=long_ago)
    _person(user, "Rex Reference", ["reference"], last=long_ago)
    _person(user, "Ann Advocate", ["advocate"], last=long_ago)
    _person(user, "Dnc Customer", ["customer"], last=long_ago, do_not_contact=True)
    assert _due(user, day) == ["Ann Advocate"]
    assert user.person.id not in [k.person.id for k in
                                  fu.keep_in_touch_due(db.session, _team(user), day)]


def test_a_persons_own_period_overrides_the_default_whatever_their_roles(user):
    day = today_for(user)
    _person(user, "Pia Prospect", ["prospect"], last=day - timedelta(days=14), every=14)
    _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=100), every=365)
    assert _due(user, day) == ["Pia Prospect"]


def test_the_team_default_can_change_or_be_turned_off(user):
    day = today_for(user)
    team = _team(user)
    _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=30))
    _person(user, "Pia Prospect", ["prospect"], last=day - timedelta(days=30), every=30)
    assert fu.keep_in_touch_default(team) == 90 and _due(user, day) == ["Pia Prospect"]
    fu.update_keep_in_touch_default(db.session, team, 30)
    assert _due(user, day) == ["Ann Advocate", "Pia Prospect"]
    fu.update_keep_in_touch_default(db.session, team, 0)
    assert fu.keep_in_touch_default(team) is None
    assert _due(user, day) == ["Pia Prospect"]  # a person's own period still applies
    with pytest.raises(fu.ValidationFailed):
        fu.update_keep_in_touch_default(db.session, team, 3651)


def test_never_contacted_counts_from_when_they_were_added(user):
    day = today_for(user)
    ann = _person(user, "Ann Advocate", ["advocate"])
    assert _due(user, day) == []
    ann.created_at = utc_now() - timedelta(days=91)
    db.session.commit()
    assert _due(user, day) == ["Ann Advocate"]


def test_a_logged_touch_restarts_the_count(user):
    day = today_for(user)
    ann = _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=120))
    assert _due(user, day) == ["Ann Advocate"]
    touches.log_touch(db.session, user, {"person_id": ann.id, "channel": "email"})
    db.session.commit()
    assert ann.last_contact_on == day
    assert _due(user, day) == []
    assert _due(user, day + timedelta(days=90)) == ["Ann Advocate"]


def test_completing_a_thank_you_restarts_the_count(user):
    day = today_for(user)
    ann = _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=120))
    thanks = Followup(team_id=user.team_id, user_id=user.id, person_id=ann.id,
                      kind="thank_you", status="open", due_on=day, reason="Thank Ann")
    db.session.add(thanks)
    db.session.commit()
    fu.complete_followup(db.session, user, thanks)
    db.session.commit()
    assert ann.last_contact_on == day and _due(user, day) == []


def test_a_snooze_holds_the_item_back_until_its_day(user):
    day = today_for(user)
    ann = _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=120))
    fu.snooze_keep_in_touch(db.session, user, ann, 7, day)
    db.session.commit()
    assert _due(user, day + timedelta(days=6)) == []
    assert _due(user, day + timedelta(days=7)) == ["Ann Advocate"]
    fu.snooze_keep_in_touch(db.session, user, ann, 3, day)  # a new snooze replaces the old
    db.session.commit()
    assert _due(user, day + timedelta(days=3)) == ["Ann Advocate"]
    # the snooze is not a follow-up of its own on Today or in the list
    assert fu.open_followups(db.session, user) == []


def test_a_touch_closes_the_snooze(user):
    day = today_for(user)
    ann = _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=120))
    fu.snooze_keep_in_touch(db.session, user, ann, 7, day)
    touches.log_touch(db.session, user, {"person_id": ann.id, "channel": "call",
                                         "outcome": "spoke"})
    db.session.commit()
    assert db.session.query(Followup).filter_by(kind="keep_in_touch", status="open").count() == 0


# --- the team settings page, the person form and API -----------------------------------------

def test_a_team_admin_sets_the_default_on_the_team_page(client, logged_in):
    logged_in.is_admin = True
    db.session.commit()
    html = client.get("/team").get_data(as_text=True)
    assert 'name="keep_in_touch_days"' in html and 'value="90"' in html
    token = csrf_token_from(html)
    response = client.post("/team/keep-in-touch", data={"csrf_token": token,
                                                        "keep_in_touch_days": "45"})
    assert response.status_code == 302
    assert fu.keep_in_touch_default(_team(logged_in)) == 45
    before = snapshot()
    response = client.post("/team/keep-in-touch", data={"csrf_token": token,
                                                        "keep_in_touch_days": "5000"})
    assert response.status_code == 400 and "Use 1 to 3,650 days" in response.get_data(
        as_text=True)
    assert snapshot() == before
    client.post("/team/keep-in-touch", data={"csrf_token": token, "keep_in_touch_days": ""})
    assert fu.keep_in_touch_default(_team(logged_in)) is None


def test_a_member_who_is_not_admin_cannot_change_the_default(client, logged_in):
    logged_in.is_admin = False
    db.session.commit()
    html = client.get("/team").get_data(as_text=True)
    assert 'name="keep_in_touch_days"' not in html
    before = snapshot()
    response = client.post("/team/keep-in-touch", data={"csrf_token": csrf_token_from(html),
                                                        "keep_in_touch_days": "10"})
    assert response.status_code == 403 and snapshot() == before


def test_the_person_form_sets_and_clears_the_period(client, logged_in):
    ann = _person(logged_in, "Ann Advocate", ["advocate"])
    html = client.get(f"/people/{ann.id}/edit").get_data(as_text=True)
    assert "Stay in touch every N days" in html
    data = {"csrf_token": csrf_token_from(html), "name": "Ann Advocate", "roles": "advocate",
            "keep_in_touch_days": "30"}
    assert client.post(f"/people/{ann.id}/edit", data=data).status_code == 302
    db.session.expire_all()
    assert db.session.get(Person, ann.id).keep_in_touch_days == 30
    response = client.post(f"/people/{ann.id}/edit", data={**data, "keep_in_touch_days": "0"})
    assert response.status_code == 400
    client.post(f"/people/{ann.id}/edit", data={**data, "keep_in_touch_days": ""})
    db.session.expire_all()
    assert db.session.get(Person, ann.id).keep_in_touch_days is None


def test_the_api_reads_and_writes_keep_in_touch_days(api, user):
    response = api.post("/api/v1/people", json={"name": "Ann", "keep_in_touch_days": 60})
    assert response.status_code == 201 and response.json["keep_in_touch_days"] == 60
    pid = response.json["id"]
    response = api.patch(f"/api/v1/people/{pid}", json={"keep_in_touch_days": None})
    assert response.status_code == 200 and response.json["keep_in_touch_days"] is None
    before = snapshot()
    for bad in (0, 3651, "30", 1.5, True):
        response = api.patch(f"/api/v1/people/{pid}", json={"keep_in_touch_days": bad})
        assert response.status_code == 400, bad
        assert "keep_in_touch_days" in response.json["fields"]
    assert snapshot() == before
    spec = api.get("/api/v1/openapi.json").json["components"]["schemas"]
    assert "keep_in_touch_days" in spec["Person"]["properties"]
    assert "keep_in_touch_days" in spec["PersonCreate"]["properties"]


# --- calendar feed and digest ------------------------------------------------------------------

def test_the_calendar_feed_has_keep_in_touch_as_all_day_events(client, logged_in):
    day = today_for(logged_in)
    ann = _person(logged_in, "Ann Advocate", ["advocate"], last=day - timedelta(days=100))
    cal_html = client.get("/followups/calendar").get_data(as_text=True)
    page = client.post("/followups/calendar", data={"csrf_token": csrf_token_from(cal_html),
                                                    "action": "rotate"})
    url = re.search(r'value="http://localhost(/calendar/[^"]+\.ics)"',
                    page.get_data(as_text=True)).group(1)
    events = list(icalendar.Calendar.from_ical(client.get(url).data).walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == "Get back in touch with Ann Advocate"
    assert event.decoded("dtstart") == day  # overdue: shown today, not on a past day
    assert event.decoded("dtend") == day + timedelta(days=1)
    assert str(event["uid"]) == f"keep-in-touch-{ann.id}@localhost"
    assert "100 days ago" in str(event["description"])


def test_the_digest_includes_keep_in_touch(user):
    day = today_for(user)
    _person(user, "Ann Advocate", ["advocate"], last=day - timedelta(days=100))
    messages = reminders.digest_messages(db.session, "x@example.com", "http://x/today")
    assert len(messages) == 1
    assert messages[0]["Subject"] == "1 person to get back in touch with"
    body = messages[0].get_content()
    assert "Keep in touch:" in body and "Get back in touch with Ann Advocate" in body
