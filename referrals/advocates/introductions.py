"""Introduction requests, from the ask to won or lost: their steps and history, the helper's
reply link, and what the prospect's outcome tells everyone who helped."""

from __future__ import annotations

import hmac
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from referrals.advocates import followups as fu
from referrals.advocates.checks import not_future, team_person
from referrals.advocates.intro_requests import (
    INTRO_OUTCOME,
    INTRODUCED,
    OPEN,
    REPLIES,
    REPLY_MAX_AGE,
    ReplyLinkExpired,
    ReplyLinkInvalid,
    draft_introduction_ask,
    forwardable_blurb,
    make_reply_token,
    new_reply_nonce,
    read_reply_token,
)
from referrals.base import MAX_ID
from referrals.clock import today_for, utc_now
from referrals.errors import DomainError, NotFound, ValidationFailed
from referrals.models import (
    AdvocateCall,
    Followup,
    FollowupEvent,
    IntroductionRequest,
    IntroductionStatusChange,
    Person,
    ReferenceAsk,
    Relationship,
    Team,
    User,
)
from referrals.paths.asks import over_ask_warning
from referrals.relationships.interactions import note_interaction
from referrals.rows import get_team_row
from referrals.vocab import INTRO_STATUS_LABELS, INTRO_STATUSES, PROSPECT_OUTCOMES
from referrals.words import first_name


class AskCapReached(ValidationFailed):
    """One more ask would go past the team's cap on asking this helper: the rep must confirm
    (the page's tick box; the API's `confirm_over_cap`). A conflict, as the API reports them."""

    status = 409


class ReplyLinkGone(DomainError):
    """A reply link that was genuine once: expired, answered already, or replaced by a newer one."""

    status = 410


REPLY_LINK_DEAD = "This link no longer works."
# Steps in which the rep deals with the helper, and those in which they deal with the prospect.
HELPER_STEPS = ("asked", "agreed", "introduced", "declined")
REPLY_NEXT_STEP = {
    "introduced": "Call {prospect}.",
    "this_week": "Watch for the introduction, then call {prospect}.",
    "not_a_fit": "Thank {helper} and look for another way to {prospect}.",
}


def _check_cap_or_409(session: Session, team: Team, via: Person, today: date,
                     confirmed: bool) -> None:
    warning = over_ask_warning(session, team, via, today)
    if warning is not None and not confirmed:
        raise AskCapReached(warning.message, {"confirm_over_cap": [warning.message]})


def knows_directly(session: Session, a: Person, b: Person) -> bool:
    """Whether the data holds a tie of any kind between `a` and `b`."""
    low, high = sorted((a.id, b.id))
    return session.scalar(select(Relationship.id).where(
        Relationship.team_id == a.team_id, Relationship.pair_low == low,
        Relationship.pair_high == high).limit(1)) is not None


def draft_ask_for(session: Session, user: User, via: Person, prospect: Person,
                  next_person: Person | None = None) -> str:
    """The drafted ask, as true as the data allows: "you know Dana" only when a tie between
    `via` and the prospect is recorded; `next_person` is named only when `via` knows them."""
    knows = knows_directly(session, via, prospect)
    if next_person is not None and (knows or next_person.id in (via.id, prospect.id)
                                    or not knows_directly(session, via, next_person)):
        next_person = None
    return draft_introduction_ask(
        fu.rep_name(user), via, prospect, knows_prospect=knows, next_person=next_person,
        blurb=forwardable_blurb(user.person, fu.rep_name(user), prospect))


def get_introduction(session: Session, team_id: int, request_id: int) -> IntroductionRequest:
    return get_team_row(session, IntroductionRequest, team_id, request_id,
                        "No such introduction request.")


def introductions_query(team_id: int, *, person_id: int | None = None,
                        status: str | None = None) -> Select:
    stmt = select(IntroductionRequest).where(IntroductionRequest.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where((IntroductionRequest.via_id == person_id)
                          | (IntroductionRequest.prospect_id == person_id))
    if status is not None:
        stmt = stmt.where(IntroductionRequest.status == status)
    return stmt


def create_introduction_request(
    session: Session, user: User, prospect_id: int, via_id: int, *, status: str = "draft",
    ask_text: str | None = None, notes: str = "", confirm_over_cap: bool = False,
    next_person: Person | None = None,
) -> IntroductionRequest:
    """Start a request that `via` introduce the rep to `prospect`, with a drafted ask (see
    `draft_ask_for`; `next_person` is whom `via` knows on the way) and a reply link."""
    team_id = user.team_id
    fields: dict[str, list[str]] = {}
    try:
        prospect = team_person(session, team_id, prospect_id, "prospect")
    except ValidationFailed as exc:
        fields.update(exc.fields)
        prospect = None
    try:
        via = team_person(session, team_id, via_id, "via")
    except ValidationFailed as exc:
        fields.update(exc.fields)
        via = None
    if status not in ("draft", "asked"):
        fields["status"] = ["A new request starts as a draft or as asked."]
    if prospect is not None and via is not None and prospect.id == via.id:
        fields["via"] = ["Ask someone other than the prospect for the introduction."]
    if via is not None and via.id == user.person_id:
        fields["via"] = ["That's you – choose the person who will introduce you."]
    if prospect is not None and prospect.do_not_contact:
        fields["prospect"] = [f"{prospect.name} asked not to be contacted."]
    if via is not None and via.do_not_contact:
        fields["via"] = [f"{via.name} asked not to be contacted."]
    if fields:
        raise ValidationFailed("Invalid introduction request.", fields)
    assert prospect is not None and via is not None
    today = today_for(user)
    if status == "asked":
        _check_cap_or_409(session, user.team, via, today, confirm_over_cap)
    request = IntroductionRequest(
        team_id=team_id, prospect_id=prospect.id, via_id=via.id, user_id=user.id,
        status=status, status_on=today, asked_on=today if status == "asked" else None,
        ask_text=ask_text if ask_text is not None else draft_ask_for(
            session, user, via, prospect, next_person),
        notes=notes, reply_nonce=new_reply_nonce(),
    )
    session.add(request)
    request.history.append(IntroductionStatusChange(status=status, changed_on=today,
                                                    user_id=user.id))
    if status == "asked":
        note_interaction(session, user, via, today, two_way=False)
    session.flush()
    return request


def _set_status(session: Session, user: User | None, request: IntroductionRequest, status: str,
                on: date, note: str, *, by_call: bool = False) -> None:
    """Move the request and keep the step in its history. `by_call`: an advocate call logged
    for the pair did the introducing – it has its own follow-ups and counts as its own ask."""
    previous = request.status
    request.status = status
    request.status_on = on
    if status != "draft" and request.asked_on is None and not by_call:
        request.asked_on = on
    request.history.append(IntroductionStatusChange(
        status=status, changed_on=on, user_id=user.id if user else None, note=note))
    if status == "asked" and request.reply_nonce is None:
        request.reply_nonce = new_reply_nonce()  # asked again after an answer: a fresh link
    if status in INTRODUCED and previous not in INTRODUCED:
        request.introduced_on = on
        if not by_call:
            session.flush()
            fu.create_help_followups(session, user, request.via, request.prospect, on,
                                     "introduced you to", introduction_id=request.id)
    if user is not None and status in HELPER_STEPS:
        # Asking is the rep talking; the helper takes part from "agreed" on.
        note_interaction(session, user, request.via, on, two_way=status != "asked")
    elif user is not None and status in INTRO_OUTCOME:
        note_interaction(session, user, request.prospect, on)
    session.flush()


def change_introduction_status(
    session: Session, user: User, request: IntroductionRequest, status: str, *,
    on: date | None = None, note: str = "", confirm_over_cap: bool = False,
) -> IntroductionRequest:
    """Move a request to `status`, keeping the change in its history.

    Reaching "introduced" (or later) creates the thank-you and feedback for the introducer;
    meeting set, won and lost record the prospect's outcome (see `record_prospect_outcome`).
    Leaving "draft" is an ask of the helper, checked against the team's cap.
    """
    today = today_for(user)
    on = on or today
    if status not in INTRO_STATUSES:
        raise ValidationFailed("Unknown status.", {"status": ["Choose a status from the list."]})
    not_future(on, today, "on")
    if status == request.status:
        raise ValidationFailed("No change.", {"status": [
            f"The request is already {INTRO_STATUS_LABELS[status].lower()}."]})
    if request.status == "draft" and status != "draft":
        _check_cap_or_409(session, user.team, request.via, today, confirm_over_cap)
    _set_status(session, user, request, status, on, note)
    if status in INTRO_OUTCOME:
        record_prospect_outcome(session, user, request.prospect, INTRO_OUTCOME[status], on)
    return request


def introduced_by_call(session: Session, user: User, call: AdvocateCall) -> None:
    """An advocate call by a request's helper to its prospect is the introduction asked for."""
    requests = session.scalars(select(IntroductionRequest).where(
        IntroductionRequest.team_id == call.team_id,
        IntroductionRequest.via_id == call.advocate_id,
        IntroductionRequest.prospect_id == call.prospect_id,
        IntroductionRequest.status.in_(OPEN)).order_by(IntroductionRequest.id))
    note = (f"{call.advocate.name} called {call.prospect.name} on "
            f"{call.occurred_on.isoformat()} (logged as an advocate call).")
    for request in list(requests):
        _set_status(session, user, request, "introduced", call.occurred_on, note, by_call=True)


# --- the helper's reply link -------------------------------------------------------------------

def new_reply_link(session: Session, request: IntroductionRequest) -> None:
    """A fresh nonce: links made from now on work, every earlier link stops working."""
    request.reply_nonce = new_reply_nonce()
    session.flush()


def reply_token(secret_key: str, request: IntroductionRequest) -> str | None:
    """The token of the request's current reply link; None once answered."""
    if request.reply_nonce is None:
        return None
    return make_reply_token(secret_key, request.id, request.reply_nonce)


def request_for_reply(session: Session, secret_key: str, token: str,
                      max_age: int = REPLY_MAX_AGE) -> IntroductionRequest:
    """The one request a reply link answers. NotFound for a forged or tampered token or a
    request that is gone; ReplyLinkGone when it expired, was used or was replaced."""
    try:
        claim = read_reply_token(secret_key, token, max_age)
    except ReplyLinkExpired as exc:
        raise ReplyLinkGone(REPLY_LINK_DEAD) from exc
    except ReplyLinkInvalid as exc:
        raise NotFound(REPLY_LINK_DEAD) from exc
    request = session.get(IntroductionRequest, claim.request_id) \
        if 0 < claim.request_id <= MAX_ID else None
    if request is None:
        raise NotFound(REPLY_LINK_DEAD)
    if request.reply_nonce is None or not hmac.compare_digest(request.reply_nonce, claim.nonce):
        raise ReplyLinkGone(REPLY_LINK_DEAD)
    return request


def rep_of(session: Session, request: IntroductionRequest) -> str:
    """Who is asking, as the helper knows them: the rep's name (and company when known)."""
    rep = session.get(User, request.user_id) if request.user_id is not None else None
    person = rep.person if rep is not None else None
    if person is not None and person.company:
        return f"{person.name} ({person.company})"
    return fu.rep_name(rep)


def answer_reply(session: Session, request: IntroductionRequest, answer: str) -> Followup:
    """The helper answered through the link: record it once, move an open request on, and put
    what they said and the next step on the rep's Today list."""
    if answer not in REPLIES:
        raise ValidationFailed("Unknown answer.", {"answer": ["Choose one of the buttons."]})
    label, status = REPLIES[answer]
    rep = session.get(User, request.user_id) if request.user_id is not None else None
    today = today_for(rep)
    via, prospect = request.via, request.prospect
    request.reply_nonce = None
    request.reply_answer = answer
    request.replied_at = utc_now()
    if request.status in OPEN and request.status != status:
        _set_status(session, rep, request, status, today,
                    f"{via.name} answered through the reply link: {label}.")
    elif rep is not None:
        note_interaction(session, rep, via, today)
    next_step = REPLY_NEXT_STEP[answer].format(prospect=prospect.name,
                                               helper=first_name(via.name))
    followup = Followup(
        team_id=request.team_id, user_id=request.user_id, person_id=via.id,
        prospect_id=prospect.id, introduction_id=request.id, kind="custom", status="open",
        due_on=today, reason=f"{via.name} replied: {label}. {next_step}",
    )
    session.add(followup)
    session.add(FollowupEvent(followup=followup, action="created", due_on=today,
                              note="From the reply link."))
    session.flush()
    return followup



# --- the prospect's outcome -----------------------------------------------------------------

def record_prospect_outcome(session: Session, user: User, prospect: Person, outcome: str,
                            on: date | None = None) -> int:
    """A meeting was set, the deal won or lost: tell everyone who helped, starting now.

    Sets the outcome on the prospect's advocate calls and reference asks, moves their
    introduction requests along, and brings the open feedback follow-ups forward to `on`.
    Won or lost, every helper of the prospect (see `helpers_of`) ends up with exactly one open
    feedback follow-up due `on`. Won also makes the prospect a customer of the rep's own
    person. Returns how many feedback follow-ups are now due.
    """
    if outcome not in PROSPECT_OUTCOMES:
        raise ValidationFailed("Unknown outcome.",
                               {"outcome": ["Choose meeting set, won or lost."]})
    on = on or today_for(user)
    not_future(on, today_for(user), "on")
    for call in session.scalars(select(AdvocateCall).where(
            AdvocateCall.team_id == prospect.team_id, AdvocateCall.prospect_id == prospect.id)):
        call.prospect_outcome = outcome
    for ask in session.scalars(select(ReferenceAsk).where(
            ReferenceAsk.team_id == prospect.team_id, ReferenceAsk.prospect_id == prospect.id)):
        ask.prospect_outcome = outcome
    for intro in list(session.scalars(select(IntroductionRequest).where(
            IntroductionRequest.team_id == prospect.team_id,
            IntroductionRequest.prospect_id == prospect.id,
            IntroductionRequest.status.in_(("introduced", "meeting_set"))))):
        if intro.status != outcome:
            _set_status(session, user, intro, outcome, on, "")
    if outcome == "won":
        _make_customer(session, user, prospect, on)
    note_interaction(session, user, prospect, on)
    moved = fu.bring_feedback_forward(session, user, prospect, outcome, on)
    if outcome == "meeting_set":
        return len(moved)
    return len(_one_feedback_per_helper(session, user, prospect, outcome, on, moved))


def _make_customer(session: Session, user: User, prospect: Person, on: date) -> None:
    """The prospect bought: a customer now (off the prospect lists), and the rep's tie says so."""
    prospect.is_customer = True
    prospect.is_prospect = False
    me = user.person_id
    if me is None or me == prospect.id:
        return
    low, high = sorted((me, prospect.id))
    if session.scalar(select(Relationship.id).where(
            Relationship.pair_low == low, Relationship.pair_high == high,
            Relationship.kind == "customer")) is not None:
        return
    # Built here rather than through relationships.create_relationship: that checks dates
    # against the server's calendar, and the rep's today may already be tomorrow there.
    tie = Relationship(team_id=prospect.team_id, kind="customer", rating=4, last_interaction=on,
                       notes="", recorded_by_id=user.id)
    tie.set_people(me, prospect.id)
    session.add(tie)
    session.flush()


@dataclass(frozen=True)
class Helper:
    """Someone who helped (or was asked to help) with a prospect, and how, in feedback words."""

    person: Person
    how: str
    introduced: bool
    introduction_id: int | None = None


def helpers_of(session: Session, prospect: Person) -> dict[int, Helper]:
    """Everyone the rep owes word of what came of `prospect`, by person id: advocates who
    called them, references they phoned, and the helper of every introduction request that
    was sent (a draft never reached its helper, so it does not count)."""
    team_id = prospect.team_id
    found: dict[int, Helper] = {}
    for call in session.scalars(select(AdvocateCall).where(
            AdvocateCall.team_id == team_id, AdvocateCall.prospect_id == prospect.id)
            .order_by(AdvocateCall.id)):
        found.setdefault(call.advocate_id, Helper(call.advocate, "called", True))
    for ask in session.scalars(select(ReferenceAsk).where(
            ReferenceAsk.team_id == team_id, ReferenceAsk.prospect_id == prospect.id,
            ReferenceAsk.status == "phoned").order_by(ReferenceAsk.id)):
        found.setdefault(ask.reference_id, Helper(ask.reference, "took a call from", True))
    intros = list(session.scalars(select(IntroductionRequest).where(
        IntroductionRequest.team_id == team_id, IntroductionRequest.prospect_id == prospect.id,
        IntroductionRequest.status != "draft").order_by(IntroductionRequest.id)))
    for intro in intros:  # an introduction made outranks one only asked for
        if intro.status in INTRODUCED or intro.introduced_on is not None:
            found.setdefault(intro.via_id, Helper(intro.via, "introduced you to", True, intro.id))
    for intro in intros:
        found.setdefault(intro.via_id, Helper(
            intro.via, "was asked to introduce you to", False, intro.id))
    return found


def _one_feedback_per_helper(session: Session, user: User, prospect: Person, outcome: str,
                             on: date, open_feedback: list[Followup]) -> list[Followup]:
    """Won or lost: each helper gets exactly one open feedback follow-up due `on`. Extra open
    ones for the same helper are closed; a helper without one gets one."""
    by_person: dict[int, list[Followup]] = defaultdict(list)
    for followup in sorted(open_feedback, key=lambda f: f.id):
        by_person[followup.person_id].append(followup)
    due = []
    for followups in by_person.values():
        keep, *extra = followups
        for followup in extra:
            # No user: closing a duplicate is bookkeeping, not time spent with the helper.
            fu.complete_followup(session, None, followup,
                                 f"Covered by the feedback follow-up #{keep.id}.")
        due.append(keep)
    name = fu.rep_name(user)
    for person_id, helper in helpers_of(session, prospect).items():
        if person_id in by_person:
            continue
        reason, message = fu.feedback_text(helper.person, prospect, name, helper.how, outcome)
        if not helper.introduced:  # asked, but no introduction came of it: say only that
            message = (f"Hi {first_name(helper.person.name)},\n\nYou'll remember I asked "
                       f"about meeting {first_name(prospect.name)}. I wanted you to hear "
                       f"it from me: {fu.OUTCOME_WORDS[outcome]}. Thank you for listening."
                       f"\n\n{name}")
        followup = Followup(
            team_id=prospect.team_id, user_id=user.id, person_id=person_id,
            prospect_id=prospect.id, kind="feedback", status="open", due_on=on, reason=reason,
            message=message, introduction_id=helper.introduction_id,
        )
        session.add(followup)
        session.add(FollowupEvent(followup=followup, action="created", due_on=on,
                                  user_id=user.id, note=fu.OUTCOME_WORDS[outcome]))
        due.append(followup)
    session.flush()
    return due
