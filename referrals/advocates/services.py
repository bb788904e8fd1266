"""Advocate calls, introduction requests, reference offers, and how hard each helper is asked.

Services take the session, check the team on every id, raise errors from `errors.py` and
never commit; the view or API view commits once.
"""

from __future__ import annotations

import hmac
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select, union_all, update
from sqlalchemy.orm import Session

from referrals.advocates import followups as fu
from referrals.advocates.intro_requests import (
    INTRO_OUTCOME,
    INTRODUCED,
    OPEN,
    REPLIES,
    REPLY_MAX_AGE,
    STATUS_LABELS,
    ReplyLinkExpired,
    ReplyLinkInvalid,
    draft_introduction_ask,
    forwardable_blurb,
    make_reply_token,
    new_reply_nonce,
    read_reply_token,
)
from referrals.base import MAX_ID, utcnow
from referrals.errors import DomainError, NotFound, ValidationFailed
from referrals.models import (
    COMPANY_SIZES,
    INTRO_STATUSES,
    PROSPECT_OUTCOMES,
    AdvocateCall,
    Followup,
    FollowupEvent,
    IntroductionRequest,
    IntroductionStatusChange,
    Person,
    ReferenceAsk,
    Relationship,
    Team,
    Touch,
    User,
)
from referrals.relationships.interactions import note_interaction
from referrals.rows import get_team_row, team_row

DEFAULT_ASK_CAP = 2
DEFAULT_ASK_WINDOW_DAYS = 90
NO_SUCH_PERSON = "No such person in your team."


def _person(session: Session, team_id: int, person_id: int | None, field_name: str) -> Person:
    """A person of the team named in a request body: a field error, never another team's row."""
    person = team_row(session, Person, team_id, person_id)
    if person is None:
        raise ValidationFailed("Invalid request.", {field_name: [NO_SUCH_PERSON]})
    return person


def _not_future(day: date, today: date, field_name: str) -> None:
    if day > today:
        raise ValidationFailed("Dates can't be in the future.", {field_name: [
            f"That date is in the future (today is {today.isoformat()}). Log a call once it "
            "has happened."]})


def _is_rep(session: Session, person: Person) -> bool:
    return session.scalar(select(User.id).where(User.person_id == person.id)) is not None


# --- the team's ask cap --------------------------------------------------------------------

@dataclass(frozen=True)
class AskCap:
    """How often a team lets itself lean on one helper: `cap` asks per `window_days`."""

    cap: int = DEFAULT_ASK_CAP
    window_days: int = DEFAULT_ASK_WINDOW_DAYS


def ask_cap(team: Team) -> AskCap:
    data = (team.settings or {}).get("advocates", {})
    return AskCap(int(data.get("ask_cap", DEFAULT_ASK_CAP)),
                  int(data.get("ask_window_days", DEFAULT_ASK_WINDOW_DAYS)))


def update_ask_cap(session: Session, team: Team, cap: Any, window_days: Any) -> AskCap:
    """Store the team's cap (1–20 asks per 7–365 days); nothing is written when invalid."""
    fields: dict[str, list[str]] = {}
    if not isinstance(cap, int) or isinstance(cap, bool) or not 1 <= cap <= 20:
        fields["ask_cap"] = ["Use a whole number from 1 to 20."]
    if not isinstance(window_days, int) or isinstance(window_days, bool) \
            or not 7 <= window_days <= 365:
        fields["ask_window_days"] = ["Use a whole number of days from 7 to 365."]
    if fields:
        raise ValidationFailed("Invalid ask cap.", fields)
    team.settings = {**(team.settings or {}),
                     "advocates": {"ask_cap": cap, "ask_window_days": window_days}}
    session.flush()
    return AskCap(cap, window_days)


def fatigue_factor(asks: int, cap: int) -> float:
    """How much to lower paths through a helper asked `asks` times against a cap of `cap`.

    1 below the cap; halved at the cap and again for every ask past it, never below 0.05.

    >>> fatigue_factor(0, 2), fatigue_factor(1, 2), fatigue_factor(2, 2), fatigue_factor(3, 2)
    (1.0, 1.0, 0.5, 0.25)
    >>> fatigue_factor(40, 2)
    0.05
    """
    if asks < cap:
        return 1.0
    return max(0.05, 0.5 ** (asks - cap + 1))


# --- counting asks -------------------------------------------------------------------------

def ask_dates(session: Session, team_id: int, since: date | None = None) -> dict[int, list[date]]:
    """Every time the team leaned on someone, by person: introductions asked for (drafts
    excluded), references offered to a prospect, and calls advocates made – after `since`
    when given. One query: every warm-path request reads it."""
    asks = [
        (IntroductionRequest.via_id, IntroductionRequest.asked_on, IntroductionRequest.team_id),
        (ReferenceAsk.reference_id, ReferenceAsk.asked_on, ReferenceAsk.team_id),
        (AdvocateCall.advocate_id, AdvocateCall.occurred_on, AdvocateCall.team_id),
    ]
    parts = []
    for person, day, team in asks:
        part = select(person.label("person_id"), day.label("day")).where(
            team == team_id, day.is_not(None))
        parts.append(part.where(day > since) if since is not None else part)
    found: dict[int, list[date]] = defaultdict(list)
    for person_id, day in session.execute(union_all(*parts)):
        found[person_id].append(day if isinstance(day, date) else date.fromisoformat(day))
    return found


def asks_within(dates: list[date], today: date, days: int) -> int:
    """
    >>> d = date(2026, 11, 23)
    >>> asks_within([d, d - timedelta(days=30), d - timedelta(days=91)], d, 90)
    2
    """
    since = today - timedelta(days=days)
    return sum(1 for d in dates if since < d <= today)


def ask_fatigue_penalties(session: Session, team_id: int,
                          today: date | None = None) -> dict[int, float]:
    """Person id -> factor in (0, 1]: below 1 for helpers asked up to the team's cap or more.

    Only people with a factor below 1 are listed; warm-path ranking multiplies a path's
    warmth by the factor of each person on it.
    """
    team = session.get(Team, team_id)
    if team is None:
        return {}
    cap = ask_cap(team)
    today = today or datetime.now(UTC).date()
    penalties = {}
    since = today - timedelta(days=cap.window_days)
    for person_id, dates in ask_dates(session, team_id, since).items():
        factor = fatigue_factor(asks_within(dates, today, cap.window_days), cap.cap)
        if factor < 1:
            penalties[person_id] = factor
    return penalties


@dataclass(frozen=True)
class AskWarning:
    person: Person
    asks: int
    cap: AskCap

    @property
    def message(self) -> str:
        return (
            f"{self.person.name} has been asked {self.asks} time{'s' if self.asks != 1 else ''} "
            f"in the last {self.cap.window_days} days; your team's limit is {self.cap.cap}. "
            "Asking again risks wearing out a helper – give them a rest or ask someone else."
        )


def over_ask_warning(session: Session, team: Team, person: Person,
                     today: date) -> AskWarning | None:
    """A warning when one more ask would go past the team's cap for `person`."""
    cap = ask_cap(team)
    asks = asks_within(ask_dates(session, team.id).get(person.id, []), today, cap.window_days)
    return AskWarning(person, asks, cap) if asks >= cap.cap else None


def _check_cap(session: Session, team: Team, person: Person, today: date,
               confirmed: bool) -> None:
    warning = over_ask_warning(session, team, person, today)
    if warning is not None and not confirmed:
        raise ValidationFailed(warning.message, {"confirm_over_cap": [warning.message]})


# --- advocate calls --------------------------------------------------------------------------

# The same call logged again this soon (same advocate, prospect, day and outcome) is a double
# submit or a client's retry, not a second call: it returns the first instead of adding one.
REPEAT_CALL_WINDOW = timedelta(minutes=10)


def log_advocate_call(session: Session, user: User, data: Mapping[str, Any]) -> AdvocateCall:
    """Record an advocate's call to a prospect on the rep's behalf.

    Marks the person an advocate, records a touch on the prospect and creates the thank-you
    (next business day) and the feedback follow-up (a week on). The call is the introduction
    any open request of the same helper for the same prospect asked for: those move to
    "introduced". `data` holds `advocate_id`, `prospect_id`, `occurred_on`, `outcome` and
    `notes`. Logging the same call again within REPEAT_CALL_WINDOW changes nothing and
    returns the call logged first (see `log_advocate_call_once`).
    """
    return log_advocate_call_once(session, user, data)[0]


def log_advocate_call_once(
    session: Session, user: User, data: Mapping[str, Any]
) -> tuple[AdvocateCall, bool]:
    """As `log_advocate_call`, and whether the call is new (False: the same call, logged
    within REPEAT_CALL_WINDOW, was returned and nothing was written)."""
    team_id = user.team_id
    fields: dict[str, list[str]] = {}
    advocate = prospect = None
    try:
        advocate = _person(session, team_id, data.get("advocate_id"), "advocate_id")
    except ValidationFailed as exc:
        fields.update(exc.fields)
    try:
        prospect = _person(session, team_id, data.get("prospect_id"), "prospect_id")
    except ValidationFailed as exc:
        fields.update(exc.fields)
    today = fu.local_today(user)
    occurred_on = data.get("occurred_on")
    if not isinstance(occurred_on, date):
        fields["occurred_on"] = ["Enter the date of the call."]
    elif occurred_on > today:
        fields["occurred_on"] = [
            f"That date is in the future (today is {today.isoformat()}). Log the call once "
            "it has happened."]
    if advocate is not None and prospect is not None and advocate.id == prospect.id:
        fields["prospect_id"] = ["The advocate and the prospect must be two different people."]
    if advocate is not None and advocate.id == user.person_id:
        fields["advocate_id"] = ["That's you – an advocate is someone who calls on your behalf."]
    if prospect is not None and prospect.do_not_contact:
        fields["prospect_id"] = [f"{prospect.name} asked not to be contacted."]
    if fields:
        raise ValidationFailed("Invalid advocate call.", fields)
    assert advocate is not None and prospect is not None and isinstance(occurred_on, date)
    outcome = (data.get("outcome") or "").strip()
    # Lock the advocate's row with a write that changes nothing, so that two posts of the same
    # call queue here (a row lock on PostgreSQL, the write lock on SQLite) and the second one
    # sees the first's call below instead of adding its own.
    session.execute(
        update(Person).where(Person.id == advocate.id)
        .values(version=Person.version, updated_at=Person.updated_at),
        execution_options={"synchronize_session": False},
    )
    repeat = session.scalar(
        select(AdvocateCall).where(
            AdvocateCall.team_id == team_id, AdvocateCall.advocate_id == advocate.id,
            AdvocateCall.prospect_id == prospect.id, AdvocateCall.occurred_on == occurred_on,
            AdvocateCall.outcome == outcome,
            AdvocateCall.created_at >= utcnow() - REPEAT_CALL_WINDOW,
        ).order_by(AdvocateCall.id).limit(1)
    )
    if repeat is not None:
        return repeat, False
    call = AdvocateCall(
        team_id=team_id, advocate_id=advocate.id, prospect_id=prospect.id,
        occurred_on=occurred_on, outcome=outcome,
        notes=data.get("notes") or "", recorded_by_id=user.id,
    )
    session.add(call)
    if not advocate.is_advocate:
        advocate.is_advocate = True
    session.add(Touch(
        team_id=team_id, person_id=prospect.id, user_id=user.id, channel="advocate_call",
        occurred_at=datetime.combine(occurred_on, time(12), tzinfo=UTC),
        notes=f"{advocate.name} called on your behalf." + (
            f" {call.outcome}" if call.outcome else ""),
    ))
    session.flush()
    fu.create_help_followups(session, user, advocate, prospect, occurred_on, "called",
                             advocate_call_id=call.id)
    note_interaction(session, user, advocate, occurred_on)
    _introduced_by_call(session, user, call)
    return call, True


def get_advocate_call(session: Session, team_id: int, call_id: int) -> AdvocateCall:
    return get_team_row(session, AdvocateCall, team_id, call_id, "No such advocate call.")


def advocate_calls_query(team_id: int, *, person_id: int | None = None) -> Select:
    stmt = select(AdvocateCall).where(AdvocateCall.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where((AdvocateCall.advocate_id == person_id)
                          | (AdvocateCall.prospect_id == person_id))
    return stmt


def calls_of(session: Session, person: Person) -> list[AdvocateCall]:
    stmt = advocate_calls_query(person.team_id, person_id=person.id)
    return list(session.scalars(stmt.order_by(AdvocateCall.occurred_on.desc(),
                                              AdvocateCall.id.desc())))


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
    on = on or fu.local_today(user)
    _not_future(on, fu.local_today(user), "on")
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
            message = (f"Hi {fu.first_name(helper.person.name)},\n\nYou'll remember I asked "
                       f"about meeting {fu.first_name(prospect.name)}. I wanted you to hear "
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


# --- introduction requests --------------------------------------------------------------------

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


def _check_intro_cap(session: Session, team: Team, via: Person, today: date,
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
        prospect = _person(session, team_id, prospect_id, "prospect")
    except ValidationFailed as exc:
        fields.update(exc.fields)
        prospect = None
    try:
        via = _person(session, team_id, via_id, "via")
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
    today = fu.local_today(user)
    if status == "asked":
        _check_intro_cap(session, user.team, via, today, confirm_over_cap)
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
    today = fu.local_today(user)
    on = on or today
    if status not in INTRO_STATUSES:
        raise ValidationFailed("Unknown status.", {"status": ["Choose a status from the list."]})
    _not_future(on, today, "on")
    if status == request.status:
        raise ValidationFailed("No change.", {"status": [
            f"The request is already {STATUS_LABELS[status].lower()}."]})
    if request.status == "draft" and status != "draft":
        _check_intro_cap(session, user.team, request.via, today, confirm_over_cap)
    _set_status(session, user, request, status, on, note)
    if status in INTRO_OUTCOME:
        record_prospect_outcome(session, user, request.prospect, INTRO_OUTCOME[status], on)
    return request


def _introduced_by_call(session: Session, user: User, call: AdvocateCall) -> None:
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
    today = fu.local_today(rep)
    via, prospect = request.via, request.prospect
    request.reply_nonce = None
    request.reply_answer = answer
    request.replied_at = utcnow()
    if request.status in OPEN and request.status != status:
        _set_status(session, rep, request, status, today,
                    f"{via.name} answered through the reply link: {label}.")
    elif rep is not None:
        note_interaction(session, rep, via, today)
    next_step = REPLY_NEXT_STEP[answer].format(prospect=prospect.name,
                                               helper=fu.first_name(via.name))
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


# --- reference matching ------------------------------------------------------------------------

def _same(a: str | None, b: str | None) -> bool:
    return bool(a and b and a.strip().lower() == b.strip().lower())


def likeness(prospect: Person, reference: Person) -> tuple[float, list[str]]:
    """How alike two people's businesses are, in [0, 1], with the reasons in words.

    >>> p = Person(industry="Metal fabrication", company_size="51-200", region="Ohio")
    >>> r = Person(industry="metal fabrication", company_size="11-50", region="Ohio")
    >>> score, why = likeness(p, r)
    >>> round(score, 2), why
    (0.88, ['same industry (metal fabrication)', 'a company of similar size', 'also in Ohio'])
    """
    score, reasons = 0.0, []
    if _same(prospect.industry, reference.industry):
        score += 0.5
        reasons.append(f"same industry ({reference.industry})")
    sizes = COMPANY_SIZES
    if prospect.company_size in sizes and reference.company_size in sizes:
        gap = abs(sizes.index(prospect.company_size) - sizes.index(reference.company_size))
        if gap == 0:
            score += 0.25
            reasons.append(f"a company of the same size ({reference.company_size} people)")
        elif gap == 1:
            score += 0.125
            reasons.append("a company of similar size")
    if _same(prospect.region, reference.region):
        score += 0.25
        reasons.append(f"also in {reference.region}")
    return score, reasons


@dataclass(frozen=True)
class ReferenceMatch:
    reference: Person
    score: float
    likeness: float
    warmth: float | None
    rest: float
    asks: int
    reasons: list[str] = field(default_factory=list)

    @property
    def pitch(self) -> str:
        """What the rep might say to the prospect."""
        who = self.reference.name + (f" at {self.reference.company}" if self.reference.company
                                     else "")
        like = [r for r in self.reasons if not r.startswith(("you know", "asked", "rested"))]
        why = ", ".join(like) if like else "a customer who knows our work"
        return f"Call {who} – {why}."


def match_references(session: Session, user: User, prospect: Person,
                     today: date | None = None, limit: int = 10) -> list[ReferenceMatch]:
    """The team's references worth offering `prospect`, best first.

    Ranked by likeness (industry, company size, region), the warmth of the rep's tie to the
    reference and how rested they are (asks in the team's window against its cap).
    """
    from referrals.paths.services import rank_prospects_for

    today = today or fu.local_today(user)
    cap = ask_cap(user.team)
    dates = ask_dates(session, user.team_id)
    reps = set(session.scalars(select(User.person_id).where(User.team_id == user.team_id)))
    warmth: dict[int, float | None] = {}
    try:
        for row in rank_prospects_for(session, user, role="reference"):
            warmth[row.prospect.id] = row.warmth
    except ValidationFailed:  # pragma: no cover - a rep without a person
        pass
    candidates = session.scalars(select(Person).where(
        Person.team_id == user.team_id, Person.is_reference.is_(True),
        Person.do_not_contact.is_(False), Person.id != prospect.id))
    matches = []
    for ref in candidates:
        if ref.id in reps:
            continue
        like, reasons = likeness(prospect, ref)
        asks = asks_within(dates.get(ref.id, []), today, cap.window_days)
        rest = fatigue_factor(asks, cap.cap)
        warm = warmth.get(ref.id)
        tie = warm if warm is not None else 0.05
        if warm is not None:
            reasons.append(f"you know them ({'warm' if warm >= 0.5 else 'a looser'} tie)")
        if asks:
            reasons.append(f"asked {asks} time{'s' if asks != 1 else ''} in the last "
                           f"{cap.window_days} days")
        else:
            reasons.append("rested: not asked lately")
        score = (0.2 + like) * (0.3 + 0.7 * tie) * rest
        matches.append(ReferenceMatch(ref, score, like, warm, rest, asks, reasons))
    matches.sort(key=lambda m: (-m.score, m.reference.name, m.reference.id))
    return matches[:limit]


def offer_reference(session: Session, user: User, prospect: Person, reference_id: int, *,
                    reason: str = "", confirm_over_cap: bool = False) -> ReferenceAsk:
    """Log that the rep offered `reference` to `prospect` (this is an ask of the reference)."""
    reference = _person(session, user.team_id, reference_id, "reference_id")
    if reference.id == prospect.id:
        raise ValidationFailed("Invalid reference.", {"reference_id": [
            "A prospect can't be their own reference."]})
    if reference.do_not_contact:
        raise ValidationFailed("Invalid reference.", {"reference_id": [
            f"{reference.name} asked not to be contacted."]})
    today = fu.local_today(user)
    _check_cap(session, user.team, reference, today, confirm_over_cap)
    ask = ReferenceAsk(team_id=user.team_id, reference_id=reference.id, prospect_id=prospect.id,
                       user_id=user.id, status="offered", asked_on=today, reason=reason)
    session.add(ask)
    session.flush()
    return ask


def get_reference_ask(session: Session, team_id: int, ask_id: int) -> ReferenceAsk:
    return get_team_row(session, ReferenceAsk, team_id, ask_id, "No such reference offer.")


def reference_phoned(session: Session, user: User, ask: ReferenceAsk,
                     on: date | None = None) -> ReferenceAsk:
    """The prospect phoned the reference: thank them, and later tell them what came of it."""
    today = fu.local_today(user)
    on = on or today
    _not_future(on, today, "phoned_on")
    if ask.status == "phoned":
        raise ValidationFailed("Already recorded.", {"phoned_on": [
            "This call is already recorded."]})
    ask.status = "phoned"
    ask.phoned_on = on
    if not ask.reference.is_reference:
        ask.reference.is_reference = True
    session.flush()
    fu.create_help_followups(session, user, ask.reference, ask.prospect, on,
                             "took a call from", reference_ask_id=ask.id)
    return ask


def reference_asks_of(session: Session, person: Person) -> list[ReferenceAsk]:
    stmt = select(ReferenceAsk).where(
        ReferenceAsk.team_id == person.team_id,
        (ReferenceAsk.reference_id == person.id) | (ReferenceAsk.prospect_id == person.id),
    ).order_by(ReferenceAsk.asked_on.desc(), ReferenceAsk.id.desc())
    return list(session.scalars(stmt))


# --- advocate care ---------------------------------------------------------------------------

@dataclass
class HelperCare:
    """One advocate's or reference's record with the team."""

    person: Person
    asks_30: int = 0
    asks_90: int = 0
    calls_30: int = 0
    calls_90: int = 0
    introductions: int = 0
    meetings: int = 0
    won: int = 0
    thanks_outstanding: int = 0
    last_feedback: datetime | None = None
    over_cap: bool = False

    @property
    def rank_key(self) -> tuple:
        return (-self.won, -self.meetings, -self.introductions, self.person.name)


def _naive(value: datetime) -> datetime:
    # SQLite gives back naive UTC timestamps; compare everything as naive UTC.
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def advocate_care(session: Session, user: User, today: date | None = None) -> list[HelperCare]:
    """Every advocate and reference of the team (and anyone who helped), best helpers first."""
    from referrals.models import Followup

    today = today or fu.local_today(user)
    team_id = user.team_id
    cap = ask_cap(user.team)
    helpers = {p.id: HelperCare(p) for p in session.scalars(select(Person).where(
        Person.team_id == team_id, Person.is_advocate.is_(True) | Person.is_reference.is_(True)))}

    def care(person: Person) -> HelperCare:
        return helpers.setdefault(person.id, HelperCare(person))

    for call in session.scalars(select(AdvocateCall).where(AdvocateCall.team_id == team_id)):
        c = care(call.advocate)
        c.calls_30 += asks_within([call.occurred_on], today, 30)
        c.calls_90 += asks_within([call.occurred_on], today, 90)
        c.introductions += 1
        c.meetings += call.prospect_outcome in ("meeting_set", "won")
        c.won += call.prospect_outcome == "won"
    for intro in session.scalars(select(IntroductionRequest).where(
            IntroductionRequest.team_id == team_id)):
        c = care(intro.via)
        if intro.status in INTRODUCED:
            c.introductions += 1
        c.meetings += intro.status in ("meeting_set", "won")
        c.won += intro.status == "won"
    for ask in session.scalars(select(ReferenceAsk).where(ReferenceAsk.team_id == team_id)):
        c = care(ask.reference)
        c.meetings += ask.prospect_outcome in ("meeting_set", "won")
        c.won += ask.prospect_outcome == "won"
    since = today - timedelta(days=cap.window_days)
    for person_id, dates in ask_dates(session, team_id, since).items():
        if person_id in helpers:
            helpers[person_id].asks_30 = asks_within(dates, today, 30)
            helpers[person_id].asks_90 = asks_within(dates, today, 90)
            helpers[person_id].over_cap = asks_within(dates, today, cap.window_days) >= cap.cap
    for f in session.scalars(select(Followup).where(Followup.team_id == team_id)):
        if f.person_id not in helpers:
            continue
        c = helpers[f.person_id]
        if f.kind == "thank_you" and f.status == "open":
            c.thanks_outstanding += 1
        if f.kind == "feedback" and f.status == "done" and f.completed_at is not None:
            if c.last_feedback is None or _naive(f.completed_at) > _naive(c.last_feedback):
                c.last_feedback = f.completed_at
    return sorted(helpers.values(), key=lambda c: c.rank_key)
