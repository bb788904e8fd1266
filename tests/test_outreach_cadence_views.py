"""Cadence on the page and in the API: a phone appointment is always ahead, and a
prospect whose time zone is unknown never gets windows labelled "their time"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from referrals.extensions import db
from referrals.models import Touch
from referrals.outreach import touches as touch_services
from tests import factories
from tests.test_api_support import CheckedApi

WED_LUNCH_NY = datetime(2024, 3, 6, 17, 30, tzinfo=UTC)  # Wed 12:30 in New York


@pytest.fixture
def checked_api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def at_lunch_in_new_york(monkeypatch):
    monkeypatch.setattr(touch_services, "utc_now", lambda: WED_LUNCH_NY)
    return WED_LUNCH_NY


def _prospect(user, timezone: str | None, *voicemail_days_ago: float):
    dana = factories.make_person(db.session, user.team_id, "Dana Whitfield", roles=["prospect"],
                                 timezone=timezone, deal_value=1000)
    for days in voicemail_days_ago:
        db.session.add(Touch(team_id=user.team_id, person_id=dana.id, user_id=user.id,
                             channel="voicemail", outcome="voicemail_left",
                             occurred_at=WED_LUNCH_NY - timedelta(days=days)))
    db.session.commit()
    return dana


def test_the_page_offers_an_appointment_after_lunch_not_the_lunch_already_running(
        client, logged_in, at_lunch_in_new_york):
    dana = _prospect(logged_in, "America/New_York", 2, 1)
    html = client.get(f"/people/{dana.id}/outreach").get_data(as_text=True)
    assert ("Switch to e-mail and offer a phone appointment, say Wed 6 Mar at 17:30 their "
            "time.") in html
    assert "Wed 6 Mar at 12:00" not in html  # the running lunch window began half an hour ago


def test_the_api_appointment_is_ahead_in_their_zone(checked_api, user, at_lunch_in_new_york):
    dana = _prospect(user, "America/New_York", 2, 1)
    body = checked_api.get(f"/api/v1/people/{dana.id}/cadence").get_json()
    assert body["suggest_email"] is True and body["timezone_known"] is True
    appointment = datetime.fromisoformat(body["appointment"])
    assert appointment == datetime.fromisoformat("2024-03-06T17:30:00-05:00")
    assert appointment > WED_LUNCH_NY + timedelta(hours=2)
    assert "17:30 their time" in body["next_step"]


def test_the_page_says_an_unknown_zone_is_unknown_and_shows_the_reps_time(
        client, logged_in, at_lunch_in_new_york):
    logged_in.person.timezone = "America/Chicago"
    dana = _prospect(logged_in, None)
    for url in (f"/people/{dana.id}/outreach", f"/people/{dana.id}"):
        html = client.get(url).get_data(as_text=True)
        assert "their time" not in html, url
        assert "your time (over lunch)" in html
        assert ("Their time zone isn&#39;t known, so these are the off-hours in your own time "
                "zone (America/Chicago).") in html
        assert "these are in UTC" not in html


def test_the_api_says_an_unknown_zone_is_unknown(checked_api, user, at_lunch_in_new_york):
    user.person.timezone = "America/Chicago"
    dana = _prospect(user, None, 2, 1)
    body = checked_api.get(f"/api/v1/people/{dana.id}/cadence").get_json()
    assert (body["timezone_known"], body["windows_zone"]) == (False, "America/Chicago")
    assert "their time" not in str(body)
    assert body["next_step"].endswith("your time.")
    assert all(w["start"].endswith("-06:00") for w in body["windows"])  # Chicago, in March
