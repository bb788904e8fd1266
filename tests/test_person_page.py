"""The person page: a header with what a call needs (phone, warmth, the next step, the main
actions) before anything else, and one timeline of what happened, newest first, filterable."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from referrals.advocates import calls, introductions
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.outreach import touches
from tests import factories


@pytest.fixture
def elena(logged_in):
    """A prospect two steps away through Raj, the rep's customer; a voicemail, an advocate
    call by Raj and an introduction request to Raj, on three different days."""
    user = logged_in
    raj = factories.make_person(db.session, user.team_id, "Raj Patel", company="Harbor Foods",
                                roles=["customer"])
    elena = factories.make_person(db.session, user.team_id, "Elena Novak", company="Acme Tool",
                                  phone="+1 555 0142", email="elena@acme.example",
                                  roles=["prospect"])
    factories.make_relationship(db.session, user.person, raj, kind="customer", rating=5)
    factories.make_relationship(db.session, raj, elena, kind="colleague", rating=4)
    db.session.commit()
    now = utc_now()
    touches.log_touch(db.session, user, {"person_id": elena.id, "channel": "voicemail",
                                         "occurred_at": now - timedelta(days=9),
                                         "notes": "Offered the freight index."}, now=now)
    introductions.create_introduction_request(db.session, user, elena.id, raj.id,
                                              status="asked")
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    calls.log_advocate_call(db.session, user, {"advocate_id": raj.id, "prospect_id": elena.id,
                                               "occurred_on": yesterday,
                                               "outcome": "She'd take a call."})
    db.session.commit()
    return elena


def _page(client, person, query: str = "") -> str:
    response = client.get(f"/people/{person.id}{query}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _header(html: str) -> str:
    return html.split('<header class="person-head', 1)[1].split("</header>", 1)[0]


def test_the_header_carries_phone_email_warmth_next_step_and_actions(client, elena):
    html = _page(client, elena)
    head = _header(html)
    assert 'href="tel:+1 555 0142"' in head and 'href="mailto:elena@acme.example"' in head
    assert "Warmth" in head and "steps" in head
    assert "Next step" in head and "Last touch" in head
    assert "Log a touch" in head and "Log an advocate call" in head
    # The header comes before the timeline, and the timeline before the warm paths.
    assert html.index("person-head") < html.index('id="timeline"') < html.index('id="warm-paths"')


def test_someone_who_asked_not_to_be_contacted_gets_no_call_buttons(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Quiet Quinn",
                                   phone="+1 555 0199", roles=["prospect"], do_not_contact=True)
    db.session.commit()
    head = _header(_page(client, person))
    assert "tel:" not in head and "Log a touch" not in head
    assert "+1 555 0199" in head and "asked not to be contacted" in head


def test_the_timeline_lists_everything_newest_first(client, elena):
    html = _page(client, elena)
    timeline = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    titles = re.findall(r'class="event-title">(?:<a [^>]*>)?([^<]+)', timeline)
    assert titles[0] == "Added to referrals"  # made today, after the back-dated records
    assert titles.index("You asked Raj Patel to introduce you to Elena Novak") < titles.index(
        "Raj Patel called Elena for you") < titles.index("Voicemail left")
    assert "Offered the freight index." in timeline and "She&#39;d take a call." in timeline
    # The advocate's call is one event, not also a touch.
    assert timeline.count("called Elena for you") == 1


def test_the_timeline_filters_by_kind(client, elena):
    html = _page(client, elena, "?show=touches")
    timeline = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    assert "Voicemail left" in timeline
    assert "called Elena for you" not in timeline and "introduce you" not in timeline
    assert 'aria-current="true">Calls and e-mails' in timeline
    # An unknown filter shows everything rather than nothing.
    everything = _page(client, elena, "?show=nonsense")
    assert "called Elena for you" in everything and "Voicemail left" in everything


def test_dates_read_the_same_way_everywhere(client, elena):
    html = _page(client, elena)
    yesterday = datetime.now(UTC).date() - timedelta(days=1)
    assert f"{yesterday:%a} {yesterday.day} {yesterday:%b}" in html
