"""Introduction requests as the spine of the rep's loop: status flow, advocate calls, won/lost,
the truth of the drafted ask, and the helper's reply link."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from referrals.advocates import calls, introductions, references
from referrals.advocates.intro_requests import (
    REPLY_SALT,
    make_reply_token,
    next_status,
)
from referrals.clock import today_for
from referrals.errors import NotFound, ValidationFailed
from referrals.extensions import db
from referrals.models import Followup, IntroductionRequest, Relationship
from tests import factories
from tests.test_api_support import snapshot

SECRET = "test-secret"


@pytest.fixture
def cast(user):
    s = db.session
    me = user.person
    gus = factories.make_person(s, user.team_id, "Gus Ortega", email="gus@example.com")
    dana = factories.make_person(s, user.team_id, "Dana Lee", company="Harbor Foods",
                                 roles=["prospect"])
    factories.make_relationship(s, gus, dana, kind="friend")
    s.commit()
    return me, gus, dana


def feedback_of(person, prospect) -> list[Followup]:
    return list(db.session.scalars(select(Followup).where(
        Followup.person_id == person.id, Followup.prospect_id == prospect.id,
        Followup.kind == "feedback", Followup.status == "open")))


# --- the status flow ---------------------------------------------------------------------------

def test_every_step_of_the_flow_keeps_history_dates_and_the_next_step(user, cast):
    _, gus, dana = cast
    today = today_for(user)
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id)
    assert next_status(request.status) == "asked"
    steps = ["asked", "agreed", "introduced", "meeting_set", "won"]
    for step in steps:
        introductions.change_introduction_status(db.session, user, request, step, note=f"n-{step}")
    db.session.commit()
    assert [h.status for h in request.history] == ["draft", *steps]
    assert [h.note for h in request.history[1:]] == [f"n-{s}" for s in steps]
    assert all(h.changed_on == today for h in request.history)
    assert request.asked_on == today and request.introduced_on == today
    assert [next_status(s) for s in ["draft", *steps[:-1]]] == steps


@pytest.mark.parametrize("end", ["lost", "declined", "no_reply"])
def test_the_side_exits_are_steps_too(user, cast, end):
    _, gus, dana = cast
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    if end == "lost":
        introductions.change_introduction_status(db.session, user, request, "introduced")
    introductions.change_introduction_status(db.session, user, request, end, note="why")
    assert request.status == end and request.history[-1].status == end
    assert request.history[-1].note == "why"
    assert next_status("no_reply") == "agreed"


def test_backdated_steps_keep_their_own_dates(user, cast):
    _, gus, dana = cast
    today = today_for(user)
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id)
    introductions.change_introduction_status(db.session, user, request, "asked",
                                        on=today - timedelta(days=5))
    introductions.change_introduction_status(db.session, user, request, "introduced",
                                        on=today - timedelta(days=2))
    assert request.asked_on == today - timedelta(days=5)
    assert request.introduced_on == today - timedelta(days=2)
    with pytest.raises(ValidationFailed):
        introductions.change_introduction_status(db.session, user, request, "won",
                                            on=today + timedelta(days=1))


def test_asking_and_agreeing_are_interactions_with_the_helper(user, cast):
    me, gus, dana = cast
    tie = factories.make_relationship(db.session, me, gus, kind="friend")
    db.session.commit()
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    today = today_for(user)
    assert gus.last_contact_on == today
    introductions.change_introduction_status(db.session, user, request, "agreed")
    assert tie.last_interaction == today
    introductions.change_introduction_status(db.session, user, request, "meeting_set")
    assert dana.last_contact_on == today


# --- an advocate call is the introduction ----------------------------------------------------

def test_an_advocate_call_by_the_helper_moves_open_requests_to_introduced(user, cast):
    _, gus, dana = cast
    other = factories.make_person(db.session, user.team_id, "Other Prospect")
    asked = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                 status="asked")
    elsewhere = introductions.create_introduction_request(db.session, user, other.id, gus.id,
                                                     status="asked")
    day = today_for(user) - timedelta(days=1)
    call = calls.log_advocate_call(db.session, user, {
        "advocate_id": gus.id, "prospect_id": dana.id, "occurred_on": day})
    db.session.commit()
    assert asked.status == "introduced" and asked.introduced_on == day
    assert "Gus Ortega called Dana Lee" in asked.history[-1].note
    assert "advocate call" in asked.history[-1].note
    assert elsewhere.status == "asked"
    # The call's own thank-you and feedback are the only ones: no second pair for the request.
    assert len(feedback_of(gus, dana)) == 1
    assert {f.advocate_call_id for f in feedback_of(gus, dana)} == {call.id}


def test_a_helper_who_introduced_and_then_phoned_is_thanked_once(user, cast):
    _, gus, dana = cast
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    introductions.change_introduction_status(db.session, user, request, "introduced")
    calls.log_advocate_call(db.session, user, {
        "advocate_id": gus.id, "prospect_id": dana.id, "occurred_on": today_for(user)})
    db.session.commit()
    owed = db.session.scalars(select(Followup.kind).where(
        Followup.person_id == gus.id, Followup.prospect_id == dana.id,
        Followup.status == "open")).all()
    assert sorted(owed) == ["feedback", "thank_you"]


@pytest.mark.parametrize("status", ["declined", "won"])
def test_a_call_leaves_closed_requests_alone(user, cast, status):
    _, gus, dana = cast
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    introductions.change_introduction_status(db.session, user, request, status)
    calls.log_advocate_call(db.session, user, {
        "advocate_id": gus.id, "prospect_id": dana.id, "occurred_on": today_for(user)})
    assert request.status == status


# --- won and lost ------------------------------------------------------------------------------

def test_won_makes_a_customer_a_customer_tie_and_one_feedback_per_helper(user, cast):
    me, gus, dana = cast
    s = db.session
    ann = factories.make_person(s, user.team_id, "Ann Advocate")
    ref = factories.make_person(s, user.team_id, "Rita Reference")
    asked_only = factories.make_person(s, user.team_id, "Quiet Quinn")
    drafted = factories.make_person(s, user.team_id, "Never Asked")
    request = introductions.create_introduction_request(s, user, dana.id, gus.id, status="asked",
                                                   confirm_over_cap=True)
    introductions.create_introduction_request(s, user, dana.id, asked_only.id, status="asked")
    introductions.create_introduction_request(s, user, dana.id, drafted.id)
    today = today_for(user)
    calls.log_advocate_call(s, user, {"advocate_id": ann.id, "prospect_id": dana.id,
                                         "occurred_on": today})
    calls.log_advocate_call(s, user, {"advocate_id": ann.id, "prospect_id": dana.id,
                                         "occurred_on": today})  # two calls, two feedbacks
    ask = references.offer_reference(s, user, dana, ref.id)
    references.reference_phoned(s, user, ask)
    introductions.change_introduction_status(s, user, request, "introduced")
    introductions.change_introduction_status(s, user, request, "won")
    s.commit()
    assert dana.is_customer and not dana.is_prospect
    ties = list(s.scalars(select(Relationship).where(Relationship.kind == "customer")))
    assert len(ties) == 1 and {ties[0].person_a_id, ties[0].person_b_id} == {me.id, dana.id}
    assert ties[0].rating == 4 and ties[0].last_interaction == today
    for helper in (gus, ann, ref, asked_only):
        (feedback,) = feedback_of(helper, dana)
        assert feedback.due_on == today and "won" in feedback.reason
    assert feedback_of(drafted, dana) == []  # a draft never reached them
    (quinn,) = feedback_of(asked_only, dana)
    assert "was asked to introduce you to" in quinn.reason
    assert "introduction started it" not in quinn.message
    # Winning again (the prospect page) brings the same ones forward: still one each.
    introductions.record_prospect_outcome(s, user, dana, "won")
    assert all(len(feedback_of(h, dana)) == 1 for h in (gus, ann, ref, asked_only))
    assert len(list(s.scalars(select(Relationship).where(Relationship.kind == "customer")))) == 1


def test_won_keeps_an_existing_customer_tie(user, cast):
    me, gus, dana = cast
    tie = factories.make_relationship(db.session, me, dana, kind="customer", rating=2)
    db.session.commit()
    introductions.record_prospect_outcome(db.session, user, dana, "won")
    assert tie.rating == 2
    assert db.session.scalar(select(Relationship.id).where(
        Relationship.kind == "customer", Relationship.id != tie.id)) is None


def test_lost_queues_feedback_for_the_helpers_too(user, cast):
    _, gus, dana = cast
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    introductions.change_introduction_status(db.session, user, request, "agreed")
    introductions.change_introduction_status(db.session, user, request, "lost")
    (feedback,) = feedback_of(gus, dana)
    assert feedback.due_on == today_for(user) and "elsewhere" in feedback.reason
    assert not dana.is_customer and dana.is_prospect


# --- the ask tells the truth -------------------------------------------------------------------

def test_the_ask_says_you_know_dana_only_with_a_tie(user, cast):
    _, gus, dana = cast
    ivy = factories.make_person(db.session, user.team_id, "Ivy Stone")
    db.session.commit()
    with_tie = introductions.draft_ask_for(db.session, user, gus, dana)
    assert "I believe you know Dana." in with_tie
    without = introductions.draft_ask_for(db.session, user, ivy, dana)
    assert "believe you know" not in without and "anyone who could introduce us" in without
    # A next person is named only when the helper's tie to them is in the data.
    assert "Gus Ortega" not in introductions.draft_ask_for(db.session, user, ivy, dana, gus)
    factories.make_relationship(db.session, ivy, gus, kind="colleague")
    db.session.commit()
    text = introductions.draft_ask_for(db.session, user, ivy, dana, gus)
    assert "I believe you know Gus Ortega, who knows Dana." in text
    for words in (with_tie, without, text):
        assert "recommend" not in words and "asked me" not in words
        assert "short conversation with Dana" in words  # the forwardable blurb


# --- the reply link ----------------------------------------------------------------------------

def _asked(user, cast) -> IntroductionRequest:
    _, gus, dana = cast
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    db.session.commit()
    return request


@pytest.mark.parametrize(("answer", "status", "next_step"), [
    ("introduced", "introduced", "Call Dana Lee."),
    ("this_week", "agreed", "Watch for the introduction, then call Dana Lee."),
    ("not_a_fit", "declined", "Thank Gus and look for another way to Dana Lee."),
])
def test_a_reply_moves_the_request_and_lands_on_today(user, cast, answer, status, next_step):
    request = _asked(user, cast)
    token = introductions.reply_token(SECRET, request)
    found = introductions.request_for_reply(db.session, SECRET, token)
    followup = introductions.answer_reply(db.session, found, answer)
    db.session.commit()
    assert request.status == status and request.reply_nonce is None
    assert request.reply_answer == answer and request.replied_at is not None
    assert followup.kind == "custom" and followup.user_id == user.id
    assert followup.person_id == request.via_id and followup.prospect_id == request.prospect_id
    assert followup.introduction_id == request.id
    assert followup.due_on == today_for(user)
    assert followup.reason.startswith("Gus Ortega replied: ") and followup.reason.endswith(
        next_step)
    with pytest.raises(introductions.ReplyLinkGone):  # single use
        introductions.request_for_reply(db.session, SECRET, token)


class _FifteenDaysAgo(TimestampSigner):
    """Signs as if the clock said fifteen days ago: the token is past its 14 days."""

    def get_timestamp(self) -> int:
        return int(time.time()) - 15 * 24 * 60 * 60


def _refused(token: str, error: type[Exception]) -> None:
    before = snapshot()
    with pytest.raises(error):
        introductions.request_for_reply(db.session, SECRET, token)
    assert snapshot() == before


def test_reply_links_that_no_longer_work(user, cast, other_user):
    request = _asked(user, cast)
    token = introductions.reply_token(SECRET, request)
    old = URLSafeTimedSerializer(SECRET, salt=REPLY_SALT, signer=_FifteenDaysAgo)
    _refused(old.dumps({"r": request.id, "n": request.reply_nonce}), introductions.ReplyLinkGone)
    _refused(token[:-2] + ("AA" if not token.endswith("AA") else "BB"), NotFound)
    _refused(make_reply_token("another-secret", request.id, request.reply_nonce), NotFound)
    _refused(make_reply_token(SECRET, request.id, "guessed-nonce"), introductions.ReplyLinkGone)
    _refused(make_reply_token(SECRET, 999_999, request.reply_nonce), NotFound)
    # A new link retires the old one.
    introductions.new_reply_link(db.session, request)
    db.session.commit()
    _refused(token, introductions.ReplyLinkGone)
    # A deleted request.
    fresh = introductions.reply_token(SECRET, request)
    db.session.delete(request)
    db.session.commit()
    _refused(fresh, NotFound)


def test_a_reply_token_answers_only_its_own_request(user, cast, other_user):
    request = _asked(user, cast)
    theirs_a = factories.make_person(db.session, other_user.team_id, "Their A")
    theirs_b = factories.make_person(db.session, other_user.team_id, "Their B")
    db.session.commit()
    theirs = introductions.create_introduction_request(db.session, other_user, theirs_a.id,
                                                  theirs_b.id)
    db.session.commit()
    # Our nonce with their request's id: the nonces differ, so it is refused.
    _refused(make_reply_token(SECRET, theirs.id, request.reply_nonce), introductions.ReplyLinkGone)
    found = introductions.request_for_reply(
        db.session, SECRET, introductions.reply_token(SECRET, request)
    )
    assert found.id == request.id


def test_the_demo_has_an_asked_and_an_agreed_request(app):
    from referrals.demo import seed_demo

    seed_demo(db.session)
    statuses = set(db.session.scalars(select(IntroductionRequest.status)))
    assert {"asked", "agreed"} <= statuses
