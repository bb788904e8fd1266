"""Why no call-back, read from the history (pure rules, referrals.outreach.diagnosis)."""

from __future__ import annotations

from datetime import date

import pytest

from referrals.outreach.diagnosis import History, likely_causes

pytestmark = pytest.mark.graph  # pure: no database

SPOKE = date(2026, 11, 2)


def causes(**history) -> list[str]:
    return [c.cause for c in likely_causes(History(**history))]


def evidence(cause: str, **history) -> str:
    return next(c.evidence for c in likely_causes(History(**history)) if c.cause == cause)


@pytest.mark.parametrize(("stage", "words"), [
    (None, "no warm path"), ("ask", "nobody they know has vouched"),
    ("declined", "declined to introduce you")])
def test_voicemails_without_anyone_vouching_point_to_no_trust(stage, words):
    h = {"attempts": 3, "voicemails": 3, "calls": 3, "off_hours": 1, "value_offered": 1,
         "path_stage": stage}
    assert causes(**h) == ["no_trust"] and words in evidence("no_trust", **h)


def test_a_warm_path_is_not_a_trust_problem_unless_the_helper_is_worn():
    h = {"attempts": 3, "voicemails": 3, "calls": 3, "off_hours": 1, "value_offered": 1}
    assert causes(**h, path_stage="warm") == []
    worn = "Gus Ortega was asked 3 times in the last 90 days"
    assert worn in evidence("no_trust", **h, path_stage="warm", over_asked=worn)


@pytest.mark.parametrize(("since", "cause"), [(1, "no_need"), (2, "no_need"),
                                              (3, "wont_say_no"), (6, "wont_say_no")])
def test_a_conversation_then_silence(since, cause):
    h = {"attempts": 1 + since, "calls": 1 + since, "off_hours": 1, "value_offered": 1,
         "path_stage": "warm", "last_conversation": SPOKE,
         "attempts_since_conversation": since}
    assert causes(**h) == [cause] and "02 Nov" in evidence(cause, **h)


def test_messages_the_check_flags_point_to_their_causes():
    h = {"attempts": 3, "calls": 3, "off_hours": 3, "value_offered": 1, "path_stage": "warm",
         "messages": 3, "flags": {"no_reason": 2, "about_me": 1}}
    assert causes(**h) == ["no_reason", "no_difference"]
    assert evidence("no_reason", **h) == "2 of your 3 messages gave no reason to call back"
    pressed = {**h, "flags": {"desperate": 1}}
    assert causes(**pressed) == ["no_difference"]


def test_nothing_offered_is_no_value_in_the_relationship():
    h = {"attempts": 4, "calls": 4, "off_hours": 2, "path_stage": "warm"}
    assert causes(**h) == ["no_value"]
    assert causes(**{**h, "value_offered": 1}) == []


def test_calls_only_in_working_hours_point_to_too_busy():
    h = {"attempts": 3, "calls": 3, "value_offered": 1, "path_stage": "warm"}
    assert causes(**h) == ["too_busy"]
    assert causes(**{**h, "off_hours": 1}) == []


@pytest.mark.parametrize(("title", "value", "flagged"), [
    ("Purchasing coordinator", 50_000, True), ("Plant manager", 50_000, True),
    ("General manager", 50_000, False), ("Director of operations", 50_000, False),
    ("Plant manager", 2_000, False), (None, 50_000, False)])
def test_a_large_deal_and_a_junior_title_point_to_authority(title, value, flagged):
    h = {"attempts": 1, "calls": 1, "off_hours": 1, "value_offered": 1, "path_stage": "warm",
         "title": title, "deal_value": value}
    assert ("no_authority" in causes(**h)) == flagged
