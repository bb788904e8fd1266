"""Follow-ups – thank-yous and feedback the app creates, calls the rep promised, the rep's own
reminders – plus the other things a rep owes people: asks with no answer (nudges) and people
gone quiet too long (keep in touch). Services take the session and never commit; the date
rules are pure functions with doctests.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from referrals.clock import today_for, utc_now
from referrals.errors import ValidationFailed
from referrals.models import Followup, FollowupEvent, IntroductionRequest, Person, Team, User
from referrals.relationships.interactions import EXCHANGE_FOLLOWUPS, note_interaction
from referrals.rows import get_team_row, team_row
from referrals.words import first_name

FEEDBACK_AFTER_DAYS = 7  # feedback is due a week after the help at the latest
MAX_SNOOZE_DAYS = 60
AHEAD_DAYS = 7  # Today shows what falls due in the next week, not only today
NUDGE_AFTER_BUSINESS_DAYS = 5  # an ask unanswered this long deserves a nudge
KEEP_IN_TOUCH_DEFAULT = 90
KEEP_IN_TOUCH_MAX = 3650
KEEP_IN_TOUCH_ROLES = ("advocate", "customer")  # whom the team's default applies to
# The kinds a rep creates by hand; the others come from what happened.
OWN_KINDS = ("call", "custom")
# Kinds listed as follow-ups. A keep_in_touch row only holds a snooze: keep-in-touch items are
# worked out from last_contact_on (see keep_in_touch_due), so the row is never listed itself.
LISTED_KINDS = ("thank_you", "feedback", "call", "custom", "nudge")
REASON_MAX = 500

OUTCOME_WORDS = {
    "meeting_set": "a meeting is set",
    "won": "the deal is won",
    "lost": "the deal went elsewhere",
}


# --- dates -------------------------------------------------------------------------------

def next_business_day(day: date) -> date:
    """The first weekday after `day` (Saturday and Sunday are skipped).

    >>> next_business_day(date(2026, 11, 23))  # a Monday
    datetime.date(2026, 11, 24)
    >>> next_business_day(date(2026, 11, 27))  # a Friday: the thank-you is due Monday
    datetime.date(2026, 11, 30)
    >>> next_business_day(date(2026, 11, 28))  # a Saturday
    datetime.date(2026, 11, 30)
    """
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def feedback_due(helped_on: date) -> date:
    """When feedback is due at the latest if nothing comes of the help sooner.

    >>> feedback_due(date(2026, 11, 23))
    datetime.date(2026, 11, 30)
    """
    return helped_on + timedelta(days=FEEDBACK_AFTER_DAYS)


def due_label(due_on: date, today: date) -> str:
    """How a due date reads on the Today page.

    >>> d = date(2026, 11, 23)
    >>> due_label(d, d), due_label(d, d + timedelta(days=1)), due_label(d, d - timedelta(days=2))
    ('due today', 'overdue by 1 day', 'due in 2 days')
    """
    days = (due_on - today).days
    if days == 0:
        return "due today"
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    return f"due in {days} day{'s' if days != 1 else ''}"


def business_days_between(start: date, end: date) -> int:
    """Weekdays after `start` up to and including `end` (0 when `end` is not later).

    >>> business_days_between(date(2026, 11, 27), date(2026, 11, 30))  # Friday to Monday
    1
    >>> business_days_between(date(2026, 11, 23), date(2026, 11, 30))  # a week
    5
    """
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days += 1
    return days


def due_phrase(due_on: date, today: date) -> str:
    """When something is due, as a sentence says it.

    >>> d = date(2026, 12, 3)  # a Thursday
    >>> due_phrase(d, d), due_phrase(d + timedelta(1), d), due_phrase(d + timedelta(4), d)
    ('today', 'tomorrow', 'Mon 7 Dec')
    >>> due_phrase(d - timedelta(1), d)
    'since Wed 2 Dec (overdue)'
    """
    days = (due_on - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    words = f"{due_on:%a} {due_on.day} {due_on:%b}" + (
        f" {due_on.year}" if due_on.year != today.year else "")
    return f"since {words} (overdue)" if days < 0 else words


def on_today_list(followup: Followup, user: User, today: date) -> bool:
    """True when the Today page shows this follow-up to `user` (rule 11: say so only then)."""
    # Promised calls are listed whenever they are due; the rest from a week ahead.
    return (followup.status == "open" and followup.user_id == user.id
            and followup.kind in LISTED_KINDS
            and (followup.kind == "call"
                 or followup.due_on <= today + timedelta(days=AHEAD_DAYS)))


# --- the words ---------------------------------------------------------------------------

def _at(person: Person) -> str:
    return f"{person.name} at {person.company}" if person.company else person.name


def thank_you_text(helper: Person, prospect: Person, rep_name: str, how: str) -> tuple[str, str]:
    """(reason, suggested message) for thanking `helper` for `how` they helped with `prospect`."""
    reason = (
        f"{helper.name} {how} {_at(prospect)} for you. A prompt thank-you keeps them glad "
        "they did it."
    )
    message = (
        f"Hi {first_name(helper.name)},\n\n"
        f"Thank you for speaking up for me with {first_name(prospect.name)}. "
        "A word from someone they trust opens a door no cold call can, and I don't take it "
        "lightly. I'll let you know how it goes.\n\n"
        f"With thanks,\n{rep_name}"
    )
    return reason, message


_HELP_NOUNS = {
    "called": "your call",
    "introduced you to": "your introduction",
    "took a call from": "your conversation with {first}",
}


def feedback_text(
    helper: Person, prospect: Person, rep_name: str, how: str, outcome: str | None,
    helped_on: date | None = None,
) -> tuple[str, str]:
    """(reason, suggested message) for telling `helper` what came of their help.

    Without an outcome the words claim only the help and its day: the Today list shows the
    follow-up days before it is due, when a week has not yet passed, and no contact with the
    prospect since is on record.
    """
    if outcome:
        news = OUTCOME_WORDS[outcome]
        reason = f"Since {helper.name} {how} {_at(prospect)}, {news}: tell them what came of it."
    else:
        when = f" on {helped_on:%A %d %B}" if helped_on else ""
        reason = (
            f"{helper.name} {how} {_at(prospect)}{when}. "
            "Tell them where things stand, even if it is early days."
        )
    first = first_name(prospect.name)
    # Name the help that really happened: a call, an introduction, a conversation with the
    # prospect – never an introduction from someone who only took the prospect's call.
    help_ = _HELP_NOUNS.get(how, "your help").format(first=first)
    lines = {
        "meeting_set": f"{first} and I have a meeting on the calendar, and {help_} helped "
                       "get us there.",
        "won": f"{first} has decided to go ahead with us. {help_[:1].upper()}{help_[1:]} "
               "helped get us there, and I wanted you to hear it from me first.",
        "lost": f"{first} chose another way this time, but thanks to you I had a real "
                "conversation instead of an unanswered voicemail.",
        None: f"A quick update: no decision from {first} yet, and I'll keep you posted as "
              "it moves.",
    }
    message = (
        f"Hi {first_name(helper.name)},\n\n{lines[outcome]} Thank you again.\n\n{rep_name}"
    )
    return reason, message


# --- creating ------------------------------------------------------------------------------

def _event(session: Session, followup: Followup, action: str, user: User | None,
           note: str = "") -> None:
    session.add(FollowupEvent(
        followup=followup, action=action, due_on=followup.due_on,
        user_id=user.id if user else None, note=note,
    ))


def rep_name(user: User | None) -> str:
    if user is not None and user.person is not None:
        return user.person.name
    return user.email if user is not None else "your rep"


def create_help_followups(
    session: Session,
    user: User | None,
    helper: Person,
    prospect: Person,
    helped_on: date,
    how: str,
    **source: int,
) -> list[Followup]:
    """The thank-you (next business day) and the feedback (a week on) for one act of help.

    `how` completes "<helper> … <prospect>" ("called", "took a call from", "introduced you
    to"); `source` names the row the help is recorded in (`advocate_call_id=…`).
    """
    name = rep_name(user)
    # A helper who both introduced and phoned for the same prospect is thanked once and told
    # the outcome once: an open thank-you or feedback for the pair stands for this help too.
    open_kinds = set(session.scalars(select(Followup.kind).where(
        Followup.team_id == helper.team_id, Followup.person_id == helper.id,
        Followup.prospect_id == prospect.id, Followup.status == "open",
        Followup.kind.in_(("thank_you", "feedback")))))
    made = []
    for kind, due, (reason, message) in (
        ("thank_you", next_business_day(helped_on), thank_you_text(helper, prospect, name, how)),
        ("feedback", feedback_due(helped_on), feedback_text(helper, prospect, name, how, None,
                                                            helped_on)),
    ):
        if kind in open_kinds:
            continue
        followup = Followup(
            team_id=helper.team_id, user_id=user.id if user else None, person_id=helper.id,
            prospect_id=prospect.id, kind=kind, status="open", due_on=due, reason=reason,
            message=message, **source,
        )
        session.add(followup)
        _event(session, followup, "created", user)
        made.append(followup)
    session.flush()
    return made


def open_thank_you(session: Session, helper_id: int, prospect_id: int) -> Followup | None:
    """The thank-you the rep still owes `helper_id` for help with `prospect_id`, if any (one
    per pair: see create_help_followups)."""
    return session.scalar(select(Followup).where(
        Followup.person_id == helper_id, Followup.prospect_id == prospect_id,
        Followup.kind == "thank_you", Followup.status == "open").order_by(Followup.id).limit(1))


def bring_feedback_forward(
    session: Session, user: User | None, prospect: Person, outcome: str, on: date,
    how_of: dict[int, str] | None = None,
) -> list[Followup]:
    """The prospect's outcome changed: open feedback about them is due `on` at the latest.

    The reason and message are rewritten to say what happened. Returns the follow-ups moved.
    """
    if outcome not in OUTCOME_WORDS:
        raise ValidationFailed("Unknown outcome.", {"outcome": [
            "Choose meeting set, won or lost."]})
    stmt = select(Followup).where(
        Followup.team_id == prospect.team_id, Followup.prospect_id == prospect.id,
        Followup.kind == "feedback", Followup.status == "open",
    )
    moved = []
    for followup in session.scalars(stmt):
        how = (how_of or {}).get(followup.id) or _how(followup)
        followup.reason, followup.message = feedback_text(
            followup.person, prospect, rep_name(user), how, outcome)
        if followup.due_on > on:
            followup.due_on = on
        _event(session, followup, "brought_forward", user, OUTCOME_WORDS[outcome])
        moved.append(followup)
    session.flush()
    return moved


def _how(followup: Followup) -> str:
    if followup.advocate_call_id:
        return "called"
    if followup.reference_ask_id:
        return "took a call from"
    return "introduced you to"


# --- reading and acting --------------------------------------------------------------------

def followups_query(
    team_id: int, *, user_id: int | None = None, status: str | None = None,
    due_before: date | None = None, due_on_or_before: date | None = None,
    person_id: int | None = None, kinds: Sequence[str] | None = None,
) -> Select:
    stmt = select(Followup).where(Followup.team_id == team_id)
    if kinds is not None:
        stmt = stmt.where(Followup.kind.in_(list(kinds)))
    if user_id is not None:
        stmt = stmt.where(Followup.user_id == user_id)
    if status is not None:
        stmt = stmt.where(Followup.status == status)
    if due_before is not None:
        stmt = stmt.where(Followup.due_on < due_before)
    if due_on_or_before is not None:
        stmt = stmt.where(Followup.due_on <= due_on_or_before)
    if person_id is not None:
        stmt = stmt.where(Followup.person_id == person_id)
    return stmt


def due_followups(session: Session, user: User, today: date) -> list[Followup]:
    """The rep's open follow-ups due `today` or earlier, most overdue first."""
    stmt = followups_query(user.team_id, user_id=user.id, status="open",
                           due_on_or_before=today, kinds=LISTED_KINDS)
    return list(session.scalars(stmt.order_by(Followup.due_on, Followup.id)))


def open_followups(session: Session, user: User) -> list[Followup]:
    """The rep's open follow-ups, soonest first."""
    stmt = followups_query(user.team_id, user_id=user.id, status="open", kinds=LISTED_KINDS)
    return list(session.scalars(stmt.order_by(Followup.due_on, Followup.id)))


def get_followup(session: Session, team_id: int, followup_id: int) -> Followup:
    return get_team_row(session, Followup, team_id, followup_id, "No such follow-up.")


def complete_followup(session: Session, user: User | None, followup: Followup,
                      note: str = "") -> Followup:
    """Close a follow-up; it stays in the history. Completing a done one changes nothing.

    A thank-you, word of what came of it or a promised call done is time spent with the
    person: it restarts their keep-in-touch count.
    """
    if followup.status == "done":
        return followup
    followup.status = "done"
    followup.completed_at = utc_now()
    _event(session, followup, "completed", user, note)
    if user is not None and followup.kind in EXCHANGE_FOLLOWUPS:
        record_contact(session, user, followup.person, today_for(user))
    session.flush()
    return followup


@dataclass(frozen=True)
class SnoozeChoice:
    days: int
    label: str


SNOOZE_CHOICES: Sequence[SnoozeChoice] = (
    SnoozeChoice(1, "Tomorrow"), SnoozeChoice(3, "In 3 days"), SnoozeChoice(7, "Next week"),
)


def snooze_followup(session: Session, user: User | None, followup: Followup, days: int,
                    today: date) -> Followup:
    """Move an open follow-up to `days` after today (1 to 60)."""
    if followup.status != "open":
        raise ValidationFailed("This follow-up is already done.", {})
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationFailed("Invalid snooze.", {"days": [
            f"Snooze for 1 to {MAX_SNOOZE_DAYS} days."]})
    followup.due_on = today + timedelta(days=days)
    _event(session, followup, "snoozed", user, f"for {days} day{'s' if days != 1 else ''}")
    session.flush()
    return followup


# --- the rep's own follow-ups and promised calls -----------------------------------------------

def create_own_followup(session: Session, user: User, data: Mapping[str, Any], *,
                        today: date | None = None) -> Followup:
    """A reminder the rep sets: `person_id`, `due_on` (today or later), `reason`, `kind`
    ("call" or "custom"). ValidationFailed names each bad field; nothing is written then."""
    today = today or today_for(user)
    fields: dict[str, list[str]] = {}
    person = None
    if data.get("person_id") is None:
        fields["person_id"] = ["Choose whom it is about."]
    else:
        person = team_row(session, Person, user.team_id, data["person_id"])
        if person is None:
            fields["person_id"] = ["No such person in your team."]
    kind = data.get("kind") or "custom"
    if kind not in OWN_KINDS:
        fields["kind"] = ["Choose call or custom."]
    reason = (data.get("reason") or "").strip() if isinstance(data.get("reason"), str) else ""
    if not reason:
        fields["reason"] = ["Say what to do, e.g. \"send the price list\"."]
    elif len(reason) > REASON_MAX:
        fields["reason"] = [f"Keep it to {REASON_MAX} characters."]
    due_on = data.get("due_on")
    if not isinstance(due_on, date) or isinstance(due_on, datetime):
        fields["due_on"] = ["Give the day as YYYY-MM-DD."]
    elif due_on < today:
        fields["due_on"] = ["Pick today or a later day."]
    elif due_on > today + timedelta(days=KEEP_IN_TOUCH_MAX):
        fields["due_on"] = ["Pick a day within ten years."]
    if person is not None and kind == "call" and person.do_not_contact:
        fields["person_id"] = [f"{person.name} asked not to be contacted."]
    if fields:
        raise ValidationFailed("Invalid follow-up.", fields)
    assert person is not None and isinstance(due_on, date)
    followup = Followup(team_id=user.team_id, user_id=user.id, person_id=person.id, kind=kind,
                        status="open", due_on=due_on, reason=reason, message="")
    session.add(followup)
    _event(session, followup, "created", user)
    session.flush()
    return followup


def promise_call(session: Session, user: User, person: Person, on: date) -> Followup:
    """A call task: `person` expects the rep's call on `on`."""
    followup = Followup(team_id=person.team_id, user_id=user.id, person_id=person.id,
                        kind="call", status="open", due_on=on,
                        reason=f"{person.name} expects your call", message="")
    session.add(followup)
    _event(session, followup, "created", user)
    session.flush()
    return followup


def close_promised_calls(session: Session, user: User, person: Person, note: str) -> int:
    """A conversation with `person` happened: the calls promised to them are done.

    Returns how many were closed.
    """
    stmt = followups_query(person.team_id, status="open", person_id=person.id, kinds=("call",))
    found = list(session.scalars(stmt))
    for followup in found:
        followup.status = "done"
        followup.completed_at = utc_now()
        _event(session, followup, "completed", user, note)
    session.flush()
    return len(found)


# --- keep in touch ------------------------------------------------------------------------------

def keep_in_touch_default(team: Team) -> int | None:
    """The team's "stay in touch every N days" for advocates and customers; None when off."""
    days = (team.settings or {}).get("keep_in_touch_days", KEEP_IN_TOUCH_DEFAULT)
    return days if isinstance(days, int) and 1 <= days <= KEEP_IN_TOUCH_MAX else None


def update_keep_in_touch_default(session: Session, team: Team, days: int | None) -> int | None:
    """Store the team's default (None or 0 turns it off); ValidationFailed when out of range."""
    if days is not None and (isinstance(days, bool) or not isinstance(days, int)
                             or not 0 <= days <= KEEP_IN_TOUCH_MAX):
        raise ValidationFailed("Invalid keep-in-touch default.", {"keep_in_touch_days": [
            f"Use 1 to {KEEP_IN_TOUCH_MAX:,} days, or 0 to turn it off."]})
    # A new dict, not an in-place edit: the JSON column only notices reassignment.
    team.settings = {**(team.settings or {}), "keep_in_touch_days": days or 0}
    session.flush()
    return keep_in_touch_default(team)


@dataclass(frozen=True)
class KeepInTouch:
    """Someone the rep should get back in touch with, and since when."""

    person: Person
    every_days: int
    due_on: date
    last_contact_on: date | None


def _base_day(person: Person) -> date:
    # Never contacted: count from when they were added – the app does not know when a person
    # got their role, and "due at once" would bury Today under every imported customer.
    if person.last_contact_on is not None:
        return person.last_contact_on
    return person.created_at.date()


def _snoozes(session: Session, team_id: int) -> dict[int, Followup]:
    stmt = followups_query(team_id, status="open", kinds=("keep_in_touch",))
    return {f.person_id: f for f in session.scalars(stmt.order_by(Followup.id))}


def keep_in_touch_due(session: Session, team: Team, until: date) -> list[KeepInTouch]:
    """People of the team whose keep-in-touch period runs out by `until`, longest due first.

    A person's own `keep_in_touch_days` applies whatever their roles; otherwise the team's
    default applies to advocates and customers. A snooze holds it back until its day, unless
    the person has been contacted since the snooze. The reps' own people and anyone who
    asked not to be contacted are left out.
    """
    default = keep_in_touch_default(team)
    wanted = Person.keep_in_touch_days.is_not(None)
    if default is not None:
        wanted = or_(wanted, *(getattr(Person, f"is_{r}").is_(True)
                               for r in KEEP_IN_TOUCH_ROLES))
    reps = select(User.person_id).where(User.team_id == team.id, User.person_id.is_not(None))
    stmt = select(Person).where(Person.team_id == team.id, Person.do_not_contact.is_(False),
                                wanted, Person.id.not_in(reps))
    snoozes = _snoozes(session, team.id)
    found = []
    for person in session.scalars(stmt):
        every = person.keep_in_touch_days or default
        if every is None:
            continue
        due = _base_day(person) + timedelta(days=every)
        snooze = snoozes.get(person.id)
        if snooze is not None and snooze.due_on > due and not (
                person.last_contact_on is not None
                and person.last_contact_on >= snooze.created_at.date()):
            due = snooze.due_on
        if due <= until:
            found.append(KeepInTouch(person, every, due, person.last_contact_on))
    found.sort(key=lambda k: (k.due_on, k.person.name, k.person.id))
    return found


def snooze_keep_in_touch(session: Session, user: User, person: Person, days: int,
                         today: date) -> Followup:
    """Hold a keep-in-touch item back for `days` (1 to 60): kept as an open keep_in_touch
    follow-up due that day, which only delays the item (a new snooze replaces it)."""
    if not 1 <= days <= MAX_SNOOZE_DAYS:
        raise ValidationFailed("Invalid snooze.", {"days": [
            f"Snooze for 1 to {MAX_SNOOZE_DAYS} days."]})
    _close_keep_in_touch(session, user, person, "snoozed again")
    followup = Followup(team_id=person.team_id, user_id=user.id, person_id=person.id,
                        kind="keep_in_touch", status="open", due_on=today + timedelta(days=days),
                        reason=f"Get back in touch with {person.name}", message="")
    session.add(followup)
    _event(session, followup, "snoozed", user, f"for {days} day{'s' if days != 1 else ''}")
    session.flush()
    return followup


def _close_keep_in_touch(session: Session, user: User | None, person: Person, note: str) -> None:
    stmt = followups_query(person.team_id, status="open", person_id=person.id,
                           kinds=("keep_in_touch",))
    for followup in session.scalars(stmt):
        followup.status = "done"
        followup.completed_at = utc_now()
        _event(session, followup, "completed", user, note)


def record_contact(session: Session, user: User, person: Person, on: date, *,
                   two_way: bool = True) -> None:
    """The rep dealt with `person` on `on`: their keep-in-touch count starts again (and, when
    the person took part – `two_way` – the rep's tie to them is fresh again)."""
    note_interaction(session, user, person, on, two_way=two_way)
    _close_keep_in_touch(session, user, person, "in touch")
    session.flush()


# --- asks with no answer --------------------------------------------------------------------------

@dataclass(frozen=True)
class Nudge:
    """An introduction the rep asked for that has had no answer for a while."""

    request: IntroductionRequest
    business_days: int


def unanswered_asks(session: Session, user: User, today: date) -> list[Nudge]:
    """The rep's asks still "asked" after NUDGE_AFTER_BUSINESS_DAYS business days, oldest first."""
    stmt = select(IntroductionRequest).where(
        IntroductionRequest.team_id == user.team_id, IntroductionRequest.user_id == user.id,
        IntroductionRequest.status == "asked", IntroductionRequest.asked_on.is_not(None),
        IntroductionRequest.asked_on <= today - timedelta(days=NUDGE_AFTER_BUSINESS_DAYS),
    ).order_by(IntroductionRequest.asked_on, IntroductionRequest.id)
    found = []
    for request in session.scalars(stmt):
        assert request.asked_on is not None
        days = business_days_between(request.asked_on, today)
        if days >= NUDGE_AFTER_BUSINESS_DAYS:
            found.append(Nudge(request, days))
    return found
