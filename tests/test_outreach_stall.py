"""Stalled prospects: the likely causes read from the history, with evidence, different
approaches per cause, the next warm path not yet tried – on the page and in the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from referrals.clock import utc_now
from referrals.extensions import db
from referrals.models import IntroductionRequest, StallReview
from referrals.outreach import callback, touches
from tests import factories
from tests.test_api_support import CheckedApi, count, snapshot
from tests.test_paths_views import text_of

CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def dana(user):
    person = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                   company="Harbor Foods", title="Purchasing coordinator",
                                   deal_value=40_000, roles=["prospect"],
                                   timezone="America/Chicago")
    db.session.commit()
    return person


def _voicemails(user, person, count_=3, hour=10):
    """Voicemails at `hour` on the prospect's clock, on the last weekdays."""
    day = datetime.now(CHICAGO).date()
    done = 0
    while done < count_:
        day -= timedelta(days=1)
        if day.weekday() >= 5:
            continue
        at = datetime(day.year, day.month, day.day, hour, 0, tzinfo=CHICAGO).astimezone(UTC)
        touches.log_touch(db.session, user, {"person_id": person.id, "channel": "voicemail",
                                             "outcome": "voicemail_left", "occurred_at": at})
        done += 1
    db.session.commit()


def test_the_history_names_the_likely_causes_with_evidence(user, dana):
    _voicemails(user, dana)
    found = callback.diagnose(db.session, user, dana)
    assert found.stalled and found.attempts == 3
    likely = {c.cause: c.evidence for c in found.likely}
    assert set(likely) == {"no_trust", "no_value", "too_busy", "no_authority"}
    assert likely["no_trust"].startswith("3 voicemails, and no warm path")
    assert "all 3 calls were in their working hours" in likely["too_busy"]
    assert "$40,000 decision may sit above a Purchasing coordinator" in likely["no_authority"]


def test_calls_in_their_off_hours_are_not_too_busy(user, dana):
    _voicemails(user, dana, hour=8)
    assert "too_busy" not in {c.cause for c in callback.diagnose(db.session, user, dana).likely}


def test_the_next_warm_path_not_yet_tried(user, dana):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    lee = factories.make_person(db.session, user.team_id, "Lee Lin")
    factories.make_relationship(db.session, user.person, mike, "customer", 5)
    factories.make_relationship(db.session, mike, dana, "friend", 4)
    factories.make_relationship(db.session, user.person, lee, "friend", 3)
    factories.make_relationship(db.session, lee, dana, "colleague", 3)
    db.session.commit()
    paths = callback.different_approach(db.session, user, dana, "no_trust").approaches
    assert paths[0].kind == "path" and paths[0].person_id == mike.id  # nothing tried yet
    db.session.add(IntroductionRequest(team_id=user.team_id, prospect_id=dana.id,
                                       via_id=mike.id, user_id=user.id, status="asked",
                                       status_on=utc_now().date()))
    db.session.commit()
    paths = callback.different_approach(db.session, user, dana, "no_trust").approaches
    assert paths[0].kind == "path" and paths[0].person_id == lee.id


def test_the_page_shows_the_evidence_and_advice_for_the_likeliest_cause(
        client, logged_in, user, dana):
    _voicemails(user, dana)
    page = text_of(client.get(f"/people/{dana.id}/stalled").get_data(as_text=True))
    assert "What the history says" in page and "3 voicemails, and no warm path" in page
    assert callback.CAUSE_LABELS["no_trust"] in page.split("A different approach")[1]


def test_the_api_diagnoses_and_records_a_review(api, user, dana, other_user):
    _voicemails(user, dana)
    body = api.get(f"/api/v1/people/{dana.id}/stall").get_json()
    assert body["stalled"] and body["attempts"] == 3
    assert body["likely_causes"][0]["cause"] == "no_trust"
    assert body["advice"]["cause"] == "no_trust"
    chosen = api.get(f"/api/v1/people/{dana.id}/stall?cause=wont_say_no").get_json()
    assert chosen["advice"]["approaches"][0]["kind"] == "message"
    assert api.get(f"/api/v1/people/{dana.id}/stall?cause=bad_luck").status_code == 400
    before = snapshot()
    refused = api.post(f"/api/v1/people/{dana.id}/stall-reviews", json={"cause": "luck"})
    assert refused.status_code == 400 and "cause" in refused.get_json()["fields"]
    assert snapshot() == before
    made = api.post(f"/api/v1/people/{dana.id}/stall-reviews", json={"cause": "wont_say_no"})
    assert made.status_code == 201 and made.get_json()["cause"] == "wont_say_no"
    assert count(StallReview) == 1
    rival = factories.make_person(db.session, other_user.team_id, "Rival Prospect")
    db.session.commit()
    assert api.get(f"/api/v1/people/{rival.id}/stall").status_code == 404
    assert api.post(f"/api/v1/people/{rival.id}/stall-reviews",
                    json={"cause": "no_need"}).status_code == 404
