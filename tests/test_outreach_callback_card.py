"""The call-back card leads with what the latest message promised, what the prospect last
said, and a time to offer; its script cites the latest offer as the prospect heard it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from referrals.clock import utc_now
from referrals.extensions import db
from referrals.outreach import callback, library, touches, wording
from tests import factories
from tests.test_api_support import CheckedApi
from tests.test_paths_views import text_of


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


@pytest.fixture
def dana(user):
    person = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                   company="Harbor Foods", roles=["prospect"],
                                   timezone="America/Chicago")
    db.session.commit()
    return person


def _item(user, title, pitch):
    item = library.create_value_item(db.session, user, {
        "title": title, "kind": "research", "pitch": pitch, "issues": ["costs"]})
    db.session.commit()
    return item


def test_the_card_leads_with_the_latest_promise_and_cites_the_latest_offer(user, dana):
    now = utc_now()
    old = _item(user, "Study 2019", "plants like yours cut changeover time by a fifth")
    new = _item(user, "Freight idx Q4", "our freight index shows where shippers in your "
                                        "region pay too much")
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "letter",
                                         "value_item_id": old.id,
                                         "occurred_at": now - timedelta(days=9)})
    db.session.commit()
    wording.save_voicemail(db.session, user, dana, {
        "value_item_ids": [new.id], "phone": "555 0102", "call_to_action": "call_back",
        "text": "Hi Dana, this is Rita. Our freight index shows where shippers in your region "
                "pay too much. I'll e-mail you the three links tonight. Call me at 555 0102."})
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "call",
                                         "outcome": "spoke",
                                         "notes": "Wants numbers for two plants.",
                                         "occurred_at": now - timedelta(days=20)})
    db.session.commit()
    card = callback.callback_card(db.session, user, dana)
    assert card.promised == ["I'll e-mail you the three links tonight."]
    assert card.they_said is not None and "two plants" in card.they_said.notes
    said = " ".join(card.script)
    assert "freight index shows where shippers" in said  # the newest offer …
    assert (
        "Freight idx Q4" not in said and "changeover" not in said
    )  # … not a title, not the oldest


def test_the_page_and_the_api_show_it_first(client, logged_in, api, user, dana):
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "email",
                                         "notes": "I'll send the plant-by-plant numbers "
                                                  "on Friday."})
    db.session.commit()
    html = client.get(f"/people/{dana.id}/callback").get_data(as_text=True)
    top = text_of(html[html.index("callback-top"):html.index('id="script-h"')])
    assert "promised" in top and "plant-by-plant numbers" in top
    body = api.get(f"/api/v1/people/{dana.id}/callback-card").get_json()
    assert body["promised"] == ["I'll send the plant-by-plant numbers on Friday."]


def test_the_next_step_names_the_helper_without_saying_their_feedback_is_due(user, dana):
    from referrals.advocates import calls
    from referrals.clock import today_for

    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid",
                                 company="Quality Fabricators")
    db.session.commit()
    calls.log_advocate_call(db.session, user, {
        "advocate_id": mike.id, "prospect_id": dana.id, "occurred_on": today_for(user),
        "outcome": "Dana expects your call", "notes": ""})
    db.session.commit()
    card = callback.callback_card(db.session, user, dana)
    feedback = [f for f in card.followups if f.kind == "feedback"]
    assert feedback and all(f.due_on > today_for(user) for f in feedback)  # not due yet …
    assert "is due" not in card.next_step  # … so the step does not say it is
    assert card.next_step.endswith(
        "Then tell Mike Kincaid how it went: a follow-up for that is open.")
