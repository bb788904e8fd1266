"""Outreach services over the database: touches and the cadence, the value library and the
voicemail series, voicemail scripts, saved openers, the call-back card, stalled prospects."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

import pytest

from referrals.advocates import calls
from referrals.clock import today_for, utc_now
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.models import Followup, Team, Touch, VoicemailScript
from referrals.outreach import callback, library, touches, wording
from tests import factories
from tests.test_api_support import count, snapshot

NOW = datetime(2026, 11, 16, 15, 0, tzinfo=UTC)  # a Monday


@pytest.fixture
def dana(user):
    person = factories.make_person(db.session, user.team_id, "Dana Whitfield",
                                   company="Harbor Foods",
                                   roles=["prospect"], timezone="America/Chicago",
                                   phone="(555) 010-7788", pressing_issues=["costs"])
    db.session.commit()
    return person


def _item(user, title="Changeover study", issues=("productivity",), kind="research"):
    item = library.create_value_item(db.session, user, {
        "title": title, "kind": kind, "issues": list(issues),
        "pitch": f"{title} shows plants like yours saving a few hours a week"})
    db.session.commit()
    return item


def _voicemail(user, person, at, **extra):
    touch = touches.log_touch(db.session, user, {
        "person_id": person.id, "channel": "voicemail", "occurred_at": at, **extra},
        now=at + timedelta(minutes=1))
    db.session.commit()
    return touch


# --- touches and the cadence ---------------------------------------------------------------------

def test_a_fourth_voicemail_in_ten_days_needs_confirming_and_then_the_rep_lays_off(user, dana):
    for days in (9, 5, 1):
        _voicemail(user, dana, NOW - timedelta(days=days))
    before = snapshot()
    with pytest.raises(touches.CadenceBroken) as refused:
        _voicemail(user, dana, NOW)
    db.session.rollback()
    assert refused.value.status == 409
    assert "4th voicemail in 10 days" in refused.value.fields["confirm"][0]
    assert snapshot() == before  # refused: nothing written

    confirmed = _voicemail(user, dana, NOW, confirm=True)
    assert confirmed.broke_cadence and confirmed.outcome == "voicemail_left"
    # Eleven days on, the window has three voicemails no more, but the lay-off still runs.
    with pytest.raises(touches.CadenceBroken, match="laying off"):
        _voicemail(user, dana, NOW + timedelta(days=11))
    db.session.rollback()
    later = _voicemail(user, dana, NOW + timedelta(days=31))
    assert not later.broke_cadence


def test_a_callback_ends_the_layoff(user, dana):
    for days in (9, 5, 1):
        _voicemail(user, dana, NOW - timedelta(days=days))
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "call",
                                         "outcome": "callback_received",
                                         "occurred_at": NOW - timedelta(hours=2)}, now=NOW)
    db.session.commit()
    assert not _voicemail(user, dana, NOW).broke_cadence


def test_the_team_sets_the_cadence(user, dana):
    team = db.session.get(Team, user.team_id)
    version = team.graph_version
    touches.update_cadence_rules(db.session, team, {"voicemail_limit": 2})
    db.session.commit()
    db.session.refresh(team)
    assert team.graph_version == version  # cadence is not part of the graph: no rebuild
    _voicemail(user, dana, NOW - timedelta(days=3))
    _voicemail(user, dana, NOW - timedelta(days=1))
    with pytest.raises(touches.CadenceBroken, match="3rd voicemail"):
        _voicemail(user, dana, NOW)
    db.session.rollback()
    with pytest.raises(ValidationFailed) as bad:
        touches.update_cadence_rules(db.session, team, {"window_days": 0})
    assert "window_days" in bad.value.fields


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"channel": "advocate_call"}, "channel"),
        ({"channel": "pigeon"}, "channel"),
        ({"outcome": "maybe"}, "outcome"),
        ({"channel": "email", "outcome": "voicemail_left"}, "outcome"),
        ({"channel": "voicemail", "outcome": "spoke"}, "outcome"),
        ({"occurred_at": NOW + timedelta(hours=1)}, "occurred_at"),
        ({"occurred_at": datetime(2026, 11, 1, 9, 0)}, "occurred_at"),
        ({"value_item_id": 999_999}, "value_item_id"),
        ({"person_id": 999_999}, "person_id"),
    ],
)
def test_a_bad_touch_is_refused_with_a_field_message(user, dana, change, field):
    data = {"person_id": dana.id, "channel": "call", "occurred_at": NOW, **change}
    before = snapshot()
    with pytest.raises(ValidationFailed) as refused:
        touches.log_touch(db.session, user, data, now=NOW)
    db.session.rollback()
    assert field in refused.value.fields
    assert snapshot() == before


def test_another_teams_person_and_value_item_are_refused(user, other_user, dana):
    theirs = factories.make_person(db.session, other_user.team_id, "Their Prospect")
    their_item = _item(other_user, "Their study")
    db.session.commit()
    with pytest.raises(ValidationFailed) as refused:
        touches.log_touch(db.session, user, {"person_id": theirs.id, "channel": "call",
                                             "value_item_id": their_item.id}, now=NOW)
    assert set(refused.value.fields) == {"person_id", "value_item_id"}


def test_nobody_logs_a_touch_to_someone_who_asked_not_to_be_contacted(user):
    dnc = factories.make_person(db.session, user.team_id, "Quiet Quinn", do_not_contact=True)
    db.session.commit()
    with pytest.raises(ValidationFailed) as refused:
        touches.log_touch(db.session, user, {"person_id": dnc.id, "channel": "email"}, now=NOW)
    assert "asked not to be contacted" in refused.value.fields["person_id"][0]
    # ... but when they call the rep, that is logged (their call-back card offers it).
    inbound = touches.log_touch(db.session, user, {"person_id": dnc.id, "channel": "call",
                                                   "outcome": "callback_received"}, now=NOW)
    assert inbound.id is not None


def test_a_meeting_set_brings_the_advocates_feedback_forward(user, dana):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    db.session.commit()
    today = today_for(user)
    calls.log_advocate_call(db.session, user, {
        "advocate_id": mike.id, "prospect_id": dana.id,
        "occurred_on": today - timedelta(days=1)})
    db.session.commit()
    feedback = db.session.scalar(db.select(Followup).where(Followup.kind == "feedback"))
    assert feedback.due_on > today
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "call",
                                         "outcome": "meeting_set"})
    db.session.commit()
    db.session.refresh(feedback)
    assert feedback.due_on == today


# --- the value library and the voicemail series ------------------------------------------------

def test_value_items_are_filtered_by_issue_and_titles_are_unique(user):
    _item(user, "Changeover study", ("productivity", "costs"))
    _item(user, "Labour market brief", ("staffing",))
    assert [i.title for i in library.list_value_items(db.session, user.team_id,
                                                      issue="costs")] == ["Changeover study"]
    with pytest.raises(Exception) as dup:
        library.create_value_item(db.session, user, {
            "title": "Changeover study", "kind": "tip", "pitch": "x", "issues": ["costs"]})
    assert dup.value.status == 409
    with pytest.raises(ValidationFailed) as bad:
        library.create_value_item(db.session, user, {
            "title": "New", "kind": "rumour", "pitch": "", "issues": [], "url": "ftp://x"})
    assert set(bad.value.fields) == {"kind", "pitch", "issues", "url"}


def test_a_voicemail_series_never_repeats_a_value_item(user, dana):
    first, second = _item(user, "Changeover study"), _item(user, "Freight cost index", ("costs",))
    base = {"opener": "Mike Kincaid suggested I call.", "call_to_action": "call_back",
            "phone": "555 010 2030"}
    script = wording.save_voicemail(db.session, user, dana, {**base, "value_item_ids": [first.id]})
    db.session.commit()
    assert [i.id for i in script.value_items] == [first.id]
    before = snapshot()
    with pytest.raises(ValidationFailed) as repeat:
        wording.save_voicemail(db.session, user, dana, {**base, "value_item_ids": [first.id]})
    db.session.rollback()
    refusal = repeat.value.fields["value_item_ids"][0]
    assert "Already used in a voicemail to Dana Whitfield" in refusal
    assert not re.search(r"\d{4}-\d{2}-\d{2}", refusal)  # the page's date form, not ISO
    assert snapshot() == before
    # A voicemail touch carrying it again is refused too; the other item is still fresh.
    with pytest.raises(ValidationFailed) as again:
        touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "voicemail",
                                             "value_item_id": first.id})
    assert "already went into a voicemail" in again.value.fields["value_item_id"][0]
    db.session.rollback()
    assert wording.save_voicemail(db.session, user, dana,
                                  {**base, "value_item_ids": [second.id]}).id


def test_the_builder_says_what_went_by_another_channel(user, dana):
    item = _item(user, "Changeover study")
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "letter",
                                         "value_item_id": item.id})
    db.session.commit()
    draft = wording.draft_voicemail(db.session, user, dana, {
        "opener": "", "value_item_ids": [item.id], "phone": "555 010 2030"})
    assert 'I mailed you "Changeover study"' in draft.text
    assert draft.text.startswith("Hi Dana, this is")
    assert draft.text.endswith("555 010 2030.")


@pytest.mark.parametrize(("days", "said"), [(2, " this week."), (12, " on 8 Nov."),
                                            (30, " on 21 Oct.")])
def test_the_builder_says_when_it_went_no_more_recent_than_it_was(user, dana, days, said,
                                                                   monkeypatch):
    # A Friday: a letter of twelve days ago went the week before last, not "last week".
    friday = NOW + timedelta(days=4)
    monkeypatch.setattr("referrals.clock.utc_now", lambda: friday)
    item = _item(user, "Changeover study")
    touches.log_touch(db.session, user, {
        "person_id": dana.id, "channel": "letter", "value_item_id": item.id,
        "occurred_at": friday - timedelta(days=days, hours=1)})
    db.session.commit()
    draft = wording.draft_voicemail(db.session, user, dana, {
        "opener": "", "value_item_ids": [item.id], "phone": "555 010 2030"})
    sentence = draft.text[draft.text.index("I mailed you"):].split(" If ")[0]
    assert sentence.endswith(said), sentence
    if days > 4:
        assert "this week" not in draft.text and "last week" not in draft.text


@pytest.mark.parametrize("count_", [0, 4])
def test_a_voicemail_needs_one_to_three_reasons(user, dana, count_):
    items = [_item(user, f"Item {i}") for i in range(count_)]
    with pytest.raises(ValidationFailed) as refused:
        wording.draft_voicemail(db.session, user, dana, {
            "value_item_ids": [i.id for i in items], "phone": "555"})
    assert "one to three reasons" in refused.value.fields["value_item_ids"][0]


def test_a_voicemail_over_thirty_seconds_is_saved_only_when_overridden(user, dana):
    long_text = ("Hi Dana, this is Rita. " + "Our research on freight costs found savings you "
                 "could use right away in your plants this quarter. " * 6 + "Call 555 0102.")
    data = {"value_item_ids": [], "issues": ["costs"], "phone": "555 0102", "text": long_text}
    draft = wording.draft_voicemail(db.session, user, dana, data)
    assert draft.length.level == "too_long" and draft.warnings
    with pytest.raises(ValidationFailed) as refused:
        wording.save_voicemail(db.session, user, dana, data)
    db.session.rollback()
    assert "text" in refused.value.fields and count(VoicemailScript) == 0
    saved = wording.save_voicemail(db.session, user, dana, {**data, "override": True})
    assert saved.over_length and saved.seconds > 30


def test_a_short_composed_voicemail_passes_the_message_check(user, dana):
    item = _item(user, "Freight cost index", ("costs",))
    draft = wording.draft_voicemail(db.session, user, dana, {
        "opener": "Mike Kincaid at Quality Fabricators asked me to give you a call.",
        "value_item_ids": [item.id], "phone": "555 010 2030"})
    assert draft.flags == [] and draft.length.level in ("ok", "warn")


# --- the call-back card and stalled prospects ----------------------------------------------------

def test_the_callback_card_shows_the_path_and_the_last_message(user, dana):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid",
                                 company="Quality Fabricators")
    factories.make_relationship(db.session, user.person, mike, "customer", 5)
    factories.make_relationship(db.session, mike, dana, "friend", 4)
    item = _item(user, "Freight cost index", ("costs",))
    db.session.commit()
    script = wording.save_voicemail(db.session, user, dana, {
        "opener": "Mike Kincaid suggested I call.", "value_item_ids": [item.id],
        "phone": "555 010 2030"})
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "voicemail",
                                         "script_id": script.id, "value_item_id": item.id,
                                         "notes": "left the freight index message"})
    db.session.commit()
    card = callback.callback_card(db.session, user, dana)
    assert [s.name for s in card.path.steps] == [user.person.name, "Mike Kincaid",
                                                 "Dana Whitfield"]
    assert card.touches[0].script.text == script.text
    assert card.touches[0].notes == "left the freight index message"
    assert [i.title for i in card.offered] == ["Freight cost index"]
    assert card.script[0].startswith("Thanks for calling me back, Dana")
    assert any("Mike Kincaid" in line for line in card.script)
    # the offer as the prospect heard it (its pitch), not the library's title
    assert any(item.pitch.rstrip(".").lower()[:30] in line.lower() for line in card.script)


def test_a_caller_is_found_by_phone_number_whatever_its_separators(user, dana):
    factories.make_person(db.session, user.team_id, "Someone Else", phone="555 999 0000")
    db.session.commit()
    assert [p.name for p in callback.find_caller(db.session, user.team_id,
                                                 "555.010.7788")] == ["Dana Whitfield"]
    assert [p.name for p in callback.find_caller(db.session, user.team_id, "harbor")] == [
        "Dana Whitfield"]
    assert callback.find_caller(db.session, user.team_id, "%") == []  # not a wildcard


def test_three_unanswered_attempts_stall_a_prospect_and_get_a_different_approach(user, dana):
    mike = factories.make_person(db.session, user.team_id, "Mike Kincaid")
    lee = factories.make_person(db.session, user.team_id, "Lee Lin")
    factories.make_relationship(db.session, user.person, mike, "customer", 5)
    factories.make_relationship(db.session, mike, dana, "friend", 4)
    factories.make_relationship(db.session, user.person, lee, "friend", 3)
    factories.make_relationship(db.session, lee, dana, "colleague", 3)
    item = _item(user, "Freight cost index", ("costs",))
    db.session.commit()
    now = utc_now()
    for days, channel in ((6, "call"), (4, "voicemail"), (2, "call")):
        touches.log_touch(db.session, user, {"person_id": dana.id, "channel": channel,
                                             "occurred_at": now - timedelta(days=days)})
    db.session.commit()
    stalled = callback.stalled_prospects(db.session, user)
    assert [s.person.name for s in stalled] == ["Dana Whitfield"]
    assert stalled[0].advice.attempts == 3

    callback.review_stall(db.session, user, dana, "no_trust")
    db.session.commit()
    assert callback.stalled_prospects(db.session, user)[0].last_review.cause == "no_trust"
    advice = callback.different_approach(db.session, user, dana, "no_trust")
    kinds = [a.kind for a in advice.approaches]
    assert kinds[0] == "path" and "Lee Lin" in advice.approaches[0].text
    # Each cause gets the approaches that answer it, not every trick for every cause.
    assert "channel" not in kinds and "value" not in kinds
    value = callback.different_approach(db.session, user, dana, "no_value")
    assert value.approaches[0].value_item_id == item.id
    busy = [a.kind for a in callback.different_approach(db.session, user, dana,
                                                        "too_busy").approaches]
    assert busy[0] == "message" and "channel" in busy and "path" not in busy
    say_no = callback.different_approach(db.session, user, dana, "wont_say_no").approaches
    assert "close the file" in say_no[0].text
    with pytest.raises(ValidationFailed):
        callback.review_stall(db.session, user, dana, "bad_luck")


def test_a_prospect_who_called_back_is_not_stalled(user, dana):
    now = utc_now()
    for days in (6, 4, 2):
        touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "call",
                                             "occurred_at": now - timedelta(days=days)})
    touches.log_touch(db.session, user, {"person_id": dana.id, "channel": "call",
                                         "outcome": "callback_received"})
    db.session.commit()
    assert callback.stalled_prospects(db.session, user) == []
    assert count(Touch) == 4
