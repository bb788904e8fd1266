"""Advocacy services: advocate calls, follow-ups, introductions, references, advocate care."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from referrals.advocates import calls, care, introductions, references
from referrals.advocates import followups as fu
from referrals.clock import today_for
from referrals.errors import NotFound, ValidationFailed
from referrals.extensions import db
from referrals.models import (
    AdvocateCall,
    Followup,
    IntroductionRequest,
    ReferenceAsk,
    Touch,
)
from referrals.paths import asks
from tests import factories
from tests.test_api_support import snapshot


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def people(user):
    s = db.session
    mike = factories.make_person(s, user.team_id, "Mike Kincaid", company="Quality Fabricators")
    dana = factories.make_person(s, user.team_id, "Dana Whitfield", company="Harbor Foods",
                                 roles=["prospect"])
    s.commit()
    return mike, dana


def _log(user, advocate, prospect, days_ago=0, **extra):
    day = today_for(user) - timedelta(days=days_ago)
    return calls.log_advocate_call(db.session, user, {
        "advocate_id": advocate.id, "prospect_id": prospect.id, "occurred_on": day,
        "outcome": "Dana expects your call", "notes": "", **extra})


def test_logging_a_call_makes_the_advocate_the_touch_and_both_followups(user, people):
    mike, dana = people
    assert not mike.is_advocate
    call = _log(user, mike, dana, days_ago=3)
    db.session.commit()
    assert mike.is_advocate
    touch = db.session.scalar(select(Touch).where(Touch.person_id == dana.id))
    assert touch.channel == "advocate_call" and touch.user_id == user.id
    thank_you, feedback = call.followups
    assert thank_you.kind == "thank_you" and thank_you.person_id == mike.id
    assert thank_you.due_on == fu.next_business_day(call.occurred_on)
    assert thank_you.due_on.weekday() < 5 and thank_you.due_on > call.occurred_on
    assert feedback.kind == "feedback" and feedback.due_on == call.occurred_on + timedelta(days=7)
    assert "Mike Kincaid called Dana Whitfield at Harbor Foods" in thank_you.reason
    assert thank_you.message.startswith("Hi Mike,")
    assert [e.action for e in thank_you.events] == ["created"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"occurred_on": "tomorrow"}, "occurred_on"),
        ({"advocate_id": "theirs"}, "advocate_id"),
        ({"prospect_id": "theirs"}, "prospect_id"),
        ({"prospect_id": "same"}, "prospect_id"),
        ({"advocate_id": "me"}, "advocate_id"),
        ({"prospect_id": 999_999}, "prospect_id"),
    ],
)
def test_bad_calls_are_refused_with_a_field_message_and_nothing_written(
    user, other_user, people, change, field
):
    mike, dana = people
    stranger = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    db.session.commit()
    data = {"advocate_id": mike.id, "prospect_id": dana.id,
            "occurred_on": today_for(user), "outcome": "", "notes": ""}
    key, value = next(iter(change.items()))
    data[key] = {"tomorrow": today_for(user) + timedelta(days=1), "theirs": stranger.id,
                 "same": mike.id, "me": user.person_id}.get(value, value)
    before = snapshot()
    with pytest.raises(ValidationFailed) as exc:
        calls.log_advocate_call(db.session, user, data)
    db.session.rollback()
    assert field in exc.value.fields
    assert "Olga" not in str(exc.value.fields)
    assert snapshot() == before


def test_completing_a_followup_closes_it_and_keeps_it_in_history(user, people):
    mike, dana = people
    thank_you, _ = _log(user, mike, dana).followups
    fu.complete_followup(db.session, user, thank_you)
    fu.complete_followup(db.session, user, thank_you)  # twice changes nothing more
    db.session.commit()
    assert thank_you.status == "done" and thank_you.completed_at is not None
    assert [e.action for e in thank_you.events] == ["created", "completed"]
    assert thank_you not in fu.open_followups(db.session, user)
    assert thank_you in db.session.scalars(fu.followups_query(user.team_id, status="done"))


def test_snooze_moves_the_due_date_within_limits(user, people):
    mike, dana = people
    thank_you, _ = _log(user, mike, dana).followups
    today = today_for(user)
    fu.snooze_followup(db.session, user, thank_you, 3, today)
    assert thank_you.due_on == today + timedelta(days=3)
    assert thank_you.events[-1].action == "snoozed"
    for days in (0, 61):
        with pytest.raises(ValidationFailed):
            fu.snooze_followup(db.session, user, thank_you, days, today)


def test_the_feedback_claims_only_the_call_and_its_day(user, people):
    """The Today list shows the feedback days before it is due: its words must not say a
    week has passed, nor that the rep and the prospect have been in touch since."""
    mike, dana = people
    call = _log(user, mike, dana, days_ago=0)
    db.session.commit()
    feedback = call.followups[1]
    day = f"{call.occurred_on:%A %d %B}"
    assert feedback.reason.startswith(
        f"Mike Kincaid called Dana Whitfield at Harbor Foods on {day}.")
    assert "week has passed" not in feedback.reason
    assert "been in touch" not in feedback.message
    assert "no decision from Dana yet" in feedback.message


def test_a_prospect_outcome_brings_the_feedback_forward(user, people):
    mike, dana = people
    call = _log(user, mike, dana, days_ago=1)
    feedback = call.followups[1]
    today = today_for(user)
    assert feedback.due_on > today
    moved = introductions.record_prospect_outcome(db.session, user, dana, "meeting_set")
    db.session.commit()
    assert moved == 1 and feedback.due_on == today
    assert "a meeting is set" in feedback.reason
    assert "meeting on the calendar" in feedback.message
    assert call.prospect_outcome == "meeting_set"
    assert feedback.events[-1].action == "brought_forward"
    assert feedback in fu.due_followups(db.session, user, today)
    with pytest.raises(ValidationFailed):
        introductions.record_prospect_outcome(db.session, user, dana, "maybe")


def test_due_followups_are_the_reps_own_overdue_and_due_today(user, people):
    mike, dana = people
    old = _log(user, mike, dana, days_ago=10)
    db.session.commit()
    today = today_for(user)
    due = fu.due_followups(db.session, user, today)
    assert set(due) == set(old.followups)  # thank-you and feedback both overdue
    teammate = factories.make_user(db.session, email="mate@example.com", team="Acme Sales")
    assert fu.due_followups(db.session, teammate, today) == []


def test_introduction_request_lifecycle(user, people):
    mike, dana = people
    request = introductions.create_introduction_request(db.session, user, dana.id, mike.id)
    assert request.status == "draft" and request.asked_on is None
    # No tie between Mike and Dana is recorded, so the ask doesn't claim he knows her.
    assert "Could you help me reach Dana Whitfield?" in request.ask_text
    assert "Hi Mike," in request.ask_text
    introductions.change_introduction_status(db.session, user, request, "asked")
    assert request.asked_on == today_for(user)
    assert count(Followup) == 0
    introductions.change_introduction_status(
        db.session, user, request, "introduced", note="emailed"
    )
    thank_you, feedback = db.session.scalars(
        select(Followup).where(Followup.introduction_id == request.id).order_by(Followup.id))
    assert thank_you.person_id == mike.id and "introduced you to" in thank_you.reason
    introductions.change_introduction_status(db.session, user, request, "won")
    db.session.commit()
    assert feedback.due_on == today_for(user) and "won" in feedback.reason
    assert [h.status for h in request.history] == ["draft", "asked", "introduced", "won"]
    assert request.history[2].note == "emailed"
    with pytest.raises(ValidationFailed):
        introductions.change_introduction_status(db.session, user, request, "won")
    with pytest.raises(ValidationFailed):
        introductions.change_introduction_status(db.session, user, request, "bogus")


def test_introductions_refuse_other_teams_and_do_not_contact(user, other_user, people):
    mike, dana = people
    stranger = factories.make_person(db.session, other_user.team_id, "Olga Secret")
    shy = factories.make_person(db.session, user.team_id, "Shy", do_not_contact=True)
    db.session.commit()
    before = snapshot()
    for prospect_id, via_id, field in ((stranger.id, mike.id, "prospect"),
                                       (dana.id, stranger.id, "via"),
                                       (shy.id, mike.id, "prospect"),
                                       (dana.id, dana.id, "via")):
        with pytest.raises(ValidationFailed) as exc:
            introductions.create_introduction_request(db.session, user, prospect_id, via_id)
        assert field in exc.value.fields
        db.session.rollback()
    assert snapshot() == before
    with pytest.raises(NotFound):
        introductions.get_introduction(db.session, other_user.team_id, 1)


def test_the_ask_cap_warns_and_needs_confirmation(user, people):
    mike, dana = people
    others = [factories.make_person(db.session, user.team_id, f"P{i}") for i in range(3)]
    today = today_for(user)
    assert asks.over_ask_warning(db.session, user.team, mike, today) is None
    _log(user, mike, others[0])
    introductions.create_introduction_request(db.session, user, others[1].id, mike.id,
                                         status="asked")
    warning = asks.over_ask_warning(db.session, user.team, mike, today)
    assert warning is not None and warning.asks == 2
    assert "asked 2 times in the last 90 days" in warning.message
    with pytest.raises(ValidationFailed) as exc:
        introductions.create_introduction_request(db.session, user, dana.id, mike.id,
                                             status="asked")
    assert "confirm_over_cap" in exc.value.fields
    # A draft is not an ask yet, and the rep may go ahead knowingly.
    introductions.create_introduction_request(db.session, user, dana.id, mike.id)
    introductions.create_introduction_request(db.session, user, others[2].id, mike.id,
                                         status="asked", confirm_over_cap=True)
    # The team can raise the cap.
    asks.update_ask_cap(db.session, user.team, 5, 90)
    assert asks.over_ask_warning(db.session, user.team, mike, today) is None
    with pytest.raises(ValidationFailed) as exc:
        asks.update_ask_cap(db.session, user.team, 0, 3)
    assert set(exc.value.fields) == {"ask_cap", "ask_window_days"}


def test_ask_fatigue_penalties_lower_only_the_over_asked(user, people):
    mike, dana = people
    p1, p2, p3 = (factories.make_person(db.session, user.team_id, f"P{i}") for i in range(3))
    today = today_for(user)
    _log(user, mike, p1)
    assert asks.ask_fatigue_penalties(db.session, user.team_id, today) == {}
    _log(user, mike, p2)
    assert asks.ask_fatigue_penalties(db.session, user.team_id, today) == {mike.id: 0.5}
    _log(user, mike, p3)
    assert asks.ask_fatigue_penalties(db.session, user.team_id, today) == {mike.id: 0.25}
    # Asks older than the window no longer count.
    later = today_for(user) + timedelta(days=91)
    assert asks.ask_fatigue_penalties(db.session, user.team_id, today=later) == {}


def test_warm_path_ranking_lowers_an_over_asked_advocate(user, people):
    from referrals.paths.services import find_warm_paths, ranking_page

    s = db.session
    me = user.person
    mike, dana = people
    ann = factories.make_person(s, user.team_id, "Ann Other")
    target = factories.make_person(s, user.team_id, "Tara Target", roles=["prospect"])
    # Mike's path to Tara is the warmer one until Mike has been asked too often.
    factories.make_relationship(s, me, mike, kind="friend", rating=5)
    factories.make_relationship(s, mike, target, kind="friend", rating=5)
    factories.make_relationship(s, me, ann, kind="friend", rating=4)
    factories.make_relationship(s, ann, target, kind="friend", rating=4)
    s.commit()

    def best():
        rows = {r.prospect.id: r for r in ranking_page(s, user).rows}
        return rows[target.id]

    assert best().first_step.id == mike.id
    assert find_warm_paths(s, user, target, k=1)[0].first_ask.id == mike.id
    fillers = [factories.make_person(s, user.team_id, f"F{i}") for i in range(4)]
    for f in fillers:
        _log(user, mike, f)
    s.commit()
    assert asks.ask_fatigue_penalties(s, user.team_id, today_for(user))[mike.id] < 1
    assert best().first_step.id == ann.id
    assert find_warm_paths(s, user, target, k=1)[0].first_ask.id == ann.id


def test_reference_matching_ranks_likeness_with_reasons_and_offering_logs_the_ask(user):
    s = db.session
    prospect = factories.make_person(s, user.team_id, "Pat Prospect", roles=["prospect"],
                                     company="Acme Tool")
    prospect.industry, prospect.company_size = "Metal fabrication", "51-200"
    prospect.region = "Ohio"
    mei = factories.make_person(s, user.team_id, "Mei Chen", company="Quality Fabricators",
                                roles=["reference"])
    mei.industry, mei.company_size, mei.region = "metal fabrication", "51-200", "Ohio"
    bob = factories.make_person(s, user.team_id, "Bob Far", roles=["reference"])
    bob.industry, bob.region = "Software", "Texas"
    shy = factories.make_person(s, user.team_id, "Shy Ref", roles=["reference"],
                                do_not_contact=True)
    factories.make_relationship(s, user.person, bob, kind="friend", rating=5)
    s.commit()
    matches = references.match_references(s, user, prospect)
    assert [m.reference.name for m in matches] == ["Mei Chen", "Bob Far"]
    assert shy not in [m.reference for m in matches]
    top = matches[0]
    assert "same industry (metal fabrication)" in top.reasons
    assert top.pitch.startswith("Call Mei Chen at Quality Fabricators – same industry")
    assert any(r.startswith("you know them") for r in matches[1].reasons)

    ask = references.offer_reference(s, user, prospect, mei.id, reason=top.pitch)
    s.commit()
    assert ask.status == "offered" and ask.asked_on == today_for(user)
    assert asks.ask_dates(s, user.team_id)[mei.id] == [ask.asked_on]
    references.reference_phoned(s, user, ask)
    s.commit()
    kinds = [f.kind for f in s.scalars(select(Followup).where(Followup.reference_ask_id == ask.id))]
    assert kinds == ["thank_you", "feedback"]
    with pytest.raises(ValidationFailed):
        references.reference_phoned(s, user, ask)
    with pytest.raises(ValidationFailed):
        references.offer_reference(s, user, prospect, shy.id)


def test_advocate_care_ranks_helpers_and_shows_who_is_unthanked(user, people):
    mike, dana = people
    ann = factories.make_person(db.session, user.team_id, "Ann Helper", roles=["advocate"])
    p2 = factories.make_person(db.session, user.team_id, "P2", roles=["prospect"])
    call = _log(user, mike, dana, days_ago=40)
    introductions.record_prospect_outcome(db.session, user, dana, "won")
    intro = introductions.create_introduction_request(db.session, user, p2.id, ann.id,
                                                 status="asked")
    introductions.change_introduction_status(db.session, user, intro, "introduced")
    for f in call.followups:
        fu.complete_followup(db.session, user, f)
    db.session.commit()
    cared = care.advocate_care(db.session, user)
    assert [c.person.name for c in cared] == ["Mike Kincaid", "Ann Helper"]
    mike_care, ann_care = cared
    assert (mike_care.won, mike_care.meetings, mike_care.introductions) == (1, 1, 1)
    assert (mike_care.calls_30, mike_care.calls_90, mike_care.asks_90) == (0, 1, 1)
    assert mike_care.thanks_outstanding == 0 and mike_care.last_feedback is not None
    assert ann_care.thanks_outstanding == 1 and ann_care.last_feedback is None
    assert ann_care.asks_30 == 1 and ann_care.introductions == 1


def test_deleting_a_prospect_takes_their_advocacy_rows_along(user, people):
    from referrals.people.services import delete_person

    mike, dana = people
    _log(user, mike, dana)
    introductions.create_introduction_request(db.session, user, dana.id, mike.id)
    db.session.commit()
    delete_person(db.session, dana)
    db.session.commit()
    assert (count(AdvocateCall), count(Followup), count(IntroductionRequest),
            count(ReferenceAsk)) == (0, 0, 0, 0)
