"""The call-back card (everything a rep needs the moment a prospect calls back) and stalled
prospects ("why no call-back?" and a different approach). Services never commit."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from referrals.advocates.references import match_references
from referrals.clock import utc_now
from referrals.database import contains
from referrals.errors import ValidationFailed
from referrals.models import (
    AdvocateCall,
    Followup,
    IntroductionRequest,
    Person,
    StallReview,
    Team,
    Touch,
    User,
    ValueItem,
    VoicemailScript,
)
from referrals.outreach import library
from referrals.outreach.cadence import RESPONSES, CadenceAdvice, advise
from referrals.outreach.checks import check_message
from referrals.outreach.diagnosis import History, Likely, is_off_hours, likely_causes
from referrals.outreach.scripts import callback_script
from referrals.outreach.touches import (
    REP_CHANNELS,
    aware,
    cadence_for,
    cadence_rules,
    facts,
    touches_of,
    zone_of,
)
from referrals.outreach.wording import latest_saved_opener, scripts_of, warm_paths_for
from referrals.paths.services import WarmPath
from referrals.people.search import bare_phone, digits_of
from referrals.vocab import CHANNEL_LABELS, STALL_CAUSES
from referrals.words import first_name

CAUSE_LABELS = {
    "no_reason": "They see no reason to call back",
    "no_gain": "They see nothing to gain",
    "no_need": "They don't feel a need",
    "no_trust": "They don't know or trust you yet",
    "no_difference": "You sound like everyone else",
    "too_busy": "They are too busy",
    "better_deal": "They think they have a better deal",
    "no_authority": "They can't decide (no money or authority)",
    "no_value": "They see no value in the relationship yet",
    "wont_say_no": "They won't say no",
}
assert tuple(CAUSE_LABELS) == STALL_CAUSES
# What each cause asks of the next attempt, in the rep's terms.
CAUSE_ADVICE = {
    "no_reason": "Lead with one new fact about their business – not a request for a meeting.",
    "no_gain": "Put a number on it: research or a case study with a result they'd want.",
    "no_need": "Ask about the issue rather than pitch; or reach someone else who feels it.",
    "no_trust": "Borrow trust: a warm introduction, or a reference they can phone.",
    "no_difference": "Show what is different with proof – a like customer's story.",
    "too_busy": "Make it easy: an off-hours call, or a short e-mail offering a set time.",
    "better_deal": "Speak to their costs and margins, and offer a comparison – no pressure.",
    "no_authority": "Find who decides – another person at the company, or ask who else cares.",
    "no_value": "Give before you ask: something useful to them, with no request attached.",
    "wont_say_no": "Ask for a clear answer – a short, friendly note that makes no easy to say.",
}
# Value kinds that suit each cause best (others still qualify).
CAUSE_KINDS = {
    "no_gain": ("research", "case_study"), "no_difference": ("case_study", "research"),
    "too_busy": ("tip", "technique"), "no_reason": ("article", "tip", "research"),
    "better_deal": ("research", "whitepaper"),
}
CAUSE_ISSUES = {"better_deal": ("costs", "profit"), "too_busy": ("productivity",)}
# The kinds of approach that answer each cause, in the order to try them: a cause is not
# answered by every trick the app knows.
CAUSE_APPROACHES = {
    "no_reason": ("value", "channel"),
    "no_gain": ("value", "reference"),
    "no_need": ("colleague", "value", "message"),
    "no_trust": ("path", "reference"),
    "no_difference": ("reference", "value"),
    "too_busy": ("message", "channel"),
    "better_deal": ("value", "reference"),
    "no_authority": ("colleague", "path"),
    "no_value": ("value", "channel"),
    "wont_say_no": ("message", "path"),
}
assert set(CAUSE_APPROACHES) == set(STALL_CAUSES)
RECENT_TOUCHES = 5
FRESH_CHANNELS = ("email", "letter", "postcard", "card", "visit", "social", "fax")


@dataclass
class CallbackCard:
    person: Person
    local_time: datetime
    path: WarmPath | None
    opener: str | None
    touches: list[Touch]
    offered: list[ValueItem]
    followups: list[Followup]
    advocate_calls: list[AdvocateCall]
    advice: CadenceAdvice
    next_step: str
    script: list[str]
    # At the top of the card: what the rep's latest message promised (in its own words), what
    # the prospect last said (the notes of the last conversation), and a time to offer.
    promised: list[str] = field(default_factory=list)
    promised_at: datetime | None = None
    they_said: Touch | None = None


# "I'll e-mail you the links", "I can send the numbers", "I've sent you …": a message's promise.
_PROMISE = re.compile(
    r"\bI(?:'ll| will| can| could|'ve| have| am| 'm|'m)(?: also| gladly| happily)? "
    r"(?:send|e-?mail|mail|drop|share|bring|get|put together|forward|walk you through|"
    r"show|call|run|sent|e-?mailed|mailed|dropped|shared|attached|sending)\b", re.IGNORECASE)


def promises_in(text: str) -> list[str]:
    """The sentences of a message in which the rep promised something.

    >>> promises_in("Hi Dana, this is Rita. Two of your competitors cut quote times. "
    ...             "I'll e-mail you the three links tonight. Call me at 555 0102.")
    ["I'll e-mail you the three links tonight."]
    >>> promises_in("Just calling to say hello.")
    []
    """
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(text.split()))
    return [s for s in sentences if _PROMISE.search(s)]


def _offers_in_order(touches: list[Touch], scripts: list[VoicemailScript]) -> list[int]:
    """Value items offered, oldest first, each at the time it was last offered."""
    when: dict[int, datetime] = {}
    for t in touches:
        if t.value_item_id:
            at = aware(t.occurred_at)
            when[t.value_item_id] = max(at, when.get(t.value_item_id, at))
    for script in scripts:
        at = aware(script.created_at)
        for item in script.value_items:
            when[item.id] = max(at, when.get(item.id, at))
    return sorted(when, key=lambda i: (when[i], i))


def _offer_words(item: ValueItem) -> str:
    """How the rep refers to an offer on the phone: its pitch, not the library's title."""
    pitch = " ".join((item.pitch or "").split()).rstrip(".")
    return pitch[:1].lower() + pitch[1:] if pitch else item.title


def callback_card(session: Session, user: User, person: Person, *,
                  now: datetime | None = None) -> CallbackCard:
    """Who they are, how the rep is connected, what was last said and offered, what is open,
    the next step and a short script – for the moment the prospect calls back."""
    now = now or utc_now()
    touches = touches_of(session, person)
    paths = [] if person.id == user.person_id else warm_paths_for(session, user, person, k=1)
    path = paths[0] if paths else None
    saved = latest_saved_opener(session, user, person)
    scripts = scripts_of(session, person)
    offered_ids = _offers_in_order(touches, scripts)
    items = {i.id: i for i in session.scalars(select(ValueItem).where(
        ValueItem.id.in_(offered_ids)))} if offered_ids else {}
    offered = [items[i] for i in offered_ids if i in items]
    at, text = _latest_words(touches, scripts)
    talks = [t for t in touches if t.outcome in RESPONSES and (t.notes or "").strip()]
    followups = list(session.scalars(select(Followup).where(
        Followup.team_id == person.team_id, Followup.status == "open",
        or_(Followup.person_id == person.id, Followup.prospect_id == person.id))
        .order_by(Followup.due_on, Followup.id)))
    calls = list(session.scalars(select(AdvocateCall).where(
        AdvocateCall.team_id == person.team_id, AdvocateCall.prospect_id == person.id)
        .order_by(AdvocateCall.occurred_on.desc(), AdvocateCall.id.desc()).limit(3)))
    advice = cadence_for(session, person, now=now, touches=touches, rep=user.person)
    name, endorsed = _whom_to_name(calls, path)
    issue = (person.pressing_issues or [None])[0]
    return CallbackCard(
        person=person, local_time=now.astimezone(zone_of(person)), path=path,
        opener=saved.text if saved else (path.opener if path else None),
        touches=touches[:RECENT_TOUCHES], offered=offered, followups=followups,
        advocate_calls=calls, advice=advice,
        next_step=_callback_step(person, offered, followups),
        script=callback_script(prospect_name=person.name, knower_name=name,
                               last_offer=_offer_words(offered[-1]) if offered else None,
                               issue=issue, endorsed=endorsed),
        promised=promises_in(text or ""), promised_at=at,
        they_said=talks[0] if talks else None,
    )


def _latest_words(
    touches: list[Touch], scripts: list[VoicemailScript]
) -> tuple[datetime | None, str]:
    """When and what the rep last said with words in it: a voicemail script, or a touch's
    notes, whichever is newer."""
    mine = [t for t in touches if t.channel in REP_CHANNELS and t.outcome not in RESPONSES]
    latest_touch = mine[0] if mine else None
    latest_script = scripts[0] if scripts else None
    at = aware(latest_touch.occurred_at) if latest_touch else None
    text = (latest_touch.script.text if latest_touch and latest_touch.script
            else latest_touch.notes if latest_touch else "")
    if latest_script is not None and (at is None or aware(latest_script.created_at) > at):
        at, text = aware(latest_script.created_at), latest_script.text
    return at, text or ""


def _whom_to_name(calls: list[AdvocateCall], path: WarmPath | None) -> tuple[str | None, bool]:
    """Whom the call-back script may name, and whether that person vouched for the rep.

    An advocate who called them vouched for the rep; so did an introducer who agreed to or
    made the introduction. Anyone else is named only as someone they know, and only over a
    path that is neither cold nor stale – never someone the rep hasn't met."""
    if calls:
        return calls[0].advocate.name, True
    connection = path.connection if path else None
    if path is None or connection is None or connection.knower is None:
        return None, False
    knower = next(s for s in path.steps if s.type == "person" and s.id == connection.knower)
    if connection.endorsed:
        return knower.name, True
    if connection.stage == "known" and connection.good:
        return knower.name, False
    return None, False


def find_caller(session: Session, team_id: int, q: str, *, limit: int = 20) -> list[Person]:
    """People a caller might be: by name, company or e-mail, or by phone number when `q` has
    four digits or more (separators and a leading + are ignored on both sides)."""
    conditions = [contains(column, q) for column in (Person.name, Person.company, Person.email)]
    digits = digits_of(q)
    if len(digits) >= 4:
        conditions.append(bare_phone(Person.phone).like(f"%{digits}%"))
    stmt = select(Person).where(Person.team_id == team_id, or_(*conditions))
    return list(session.scalars(stmt.order_by(Person.name, Person.id).limit(limit)))


def _callback_step(person: Person, offered: list[ValueItem], followups: list[Followup]) -> str:
    """On the phone with a prospect who called back, the next step is a meeting.

    It names the helpers whose feedback follow-up is open without saying it is due: the
    Today list shows it days before it is."""
    first = first_name(person.name)
    step = f"Thank {first} for calling back, "
    step += (f"ask whether what you offered last ({offered[-1].title}) was of use, "
             if offered else "ask what prompted the call, ")
    step += "and offer a short meeting. Log the call as \"they called back\" afterwards."
    helpers = list(dict.fromkeys(f.person.name for f in followups
                                 if f.kind == "feedback" and f.prospect_id == person.id))
    if helpers:
        names = " and ".join([", ".join(helpers[:-1]), helpers[-1]] if len(helpers) > 1
                             else helpers)
        step += f" Then tell {names} how it went: a follow-up for that is open."
    return step


# --- stalled prospects ------------------------------------------------------------------------

@dataclass
class Stalled:
    person: Person
    advice: CadenceAdvice
    last_touch: datetime
    last_review: StallReview | None


def stalled_prospects(session: Session, user: User, *,
                      now: datetime | None = None) -> list[Stalled]:
    """The team's prospects whose attempts go unanswered, the longest-stalled first.

    One query for all touches of the team's prospects, then the pure cadence rules.
    """
    now = now or utc_now()
    team = session.get(Team, user.team_id)
    assert team is not None
    rules = cadence_rules(team)
    prospects = {p.id: p for p in session.scalars(select(Person).where(
        Person.team_id == user.team_id, Person.is_prospect.is_(True),
        Person.do_not_contact.is_(False)))}
    by_person: dict[int, list[Touch]] = defaultdict(list)
    if prospects:
        for touch in session.scalars(select(Touch).where(
                Touch.team_id == user.team_id, Touch.person_id.in_(list(prospects)))):
            by_person[touch.person_id].append(touch)
    reviews = _latest_reviews(session, user.team_id)
    found = []
    for pid, touches in by_person.items():
        person = prospects[pid]
        advice = advise(facts(touches), now=now, tz=zone_of(person),
                        deal_value=person.deal_value, rules=rules)
        if advice.stalled:
            last = max(aware(t.occurred_at) for t in touches)
            found.append(Stalled(person, advice, last, reviews.get(pid)))
    found.sort(key=lambda s: (-s.advice.attempts, s.last_touch, s.person.name))
    return found


def _latest_reviews(session: Session, team_id: int) -> dict[int, StallReview]:
    latest = select(StallReview.person_id, func.max(StallReview.id).label("id")).where(
        StallReview.team_id == team_id).group_by(StallReview.person_id).subquery()
    rows = session.scalars(select(StallReview).join(latest, StallReview.id == latest.c.id))
    return {r.person_id: r for r in rows}


@dataclass
class Approach:
    """A different way in for a stalled prospect: one concrete suggestion."""

    kind: str  # "path", "channel", "value", "reference", "colleague"
    text: str
    person_id: int | None = None
    value_item_id: int | None = None
    channel: str | None = None


@dataclass
class StallAdvice:
    cause: str
    label: str
    advice: str
    approaches: list[Approach] = field(default_factory=list)


def review_stall(session: Session, user: User, person: Person, cause: str) -> StallReview:
    """Record the rep's answer to "why no call-back?"."""
    if cause not in STALL_CAUSES:
        raise ValidationFailed("Unknown cause.", {"cause": ["Pick one of the reasons listed."]})
    review = StallReview(team_id=user.team_id, person_id=person.id, user_id=user.id,
                         cause=cause)
    session.add(review)
    session.flush()
    return review


def different_approach(session: Session, user: User, person: Person, cause: str, *,
                       now: datetime | None = None) -> StallAdvice:
    """For the cause the rep picked, the approaches that answer it (CAUSE_APPROACHES): a warm
    path not yet tried, another channel, a value item not yet used, a reference, another
    person at the company, or a short message to send."""
    if cause not in STALL_CAUSES:
        raise ValidationFailed("Unknown cause.", {"cause": ["Pick one of the reasons listed."]})
    now = now or utc_now()
    result = StallAdvice(cause, CAUSE_LABELS[cause], CAUSE_ADVICE[cause])
    touches = touches_of(session, person)
    for kind in CAUSE_APPROACHES[cause]:
        result.approaches += _APPROACHES[kind](session, user, person, cause, touches, now)
    return result


def _references(session: Session, user: User, person: Person, cause: str,
                touches: list[Touch], now: datetime) -> list[Approach]:
    return [Approach("reference", match.pitch, person_id=match.reference.id)
            for match in match_references(session, user, person, limit=2)]


def _colleagues(session: Session, user: User, person: Person, cause: str,
                touches: list[Touch], now: datetime) -> list[Approach]:
    if not person.company:
        return []
    found = []
    for other in session.scalars(select(Person).where(
            Person.team_id == person.team_id, Person.id != person.id,
            func.lower(Person.company) == person.company.lower(),
            Person.do_not_contact.is_(False)).order_by(Person.name).limit(3)):
        role = f", {other.title}" if other.title else ""
        found.append(Approach("colleague", f"Try {other.name}{role} – also at {person.company}.",
                              person_id=other.id))
    return found


def _message(session: Session, user: User, person: Person, cause: str,
             touches: list[Touch], now: datetime) -> list[Approach]:
    first = first_name(person.name)
    if cause == "wont_say_no":
        text = (f"Send a short e-mail that makes no easy to say: \"{first}, I don't want to "
                "keep filling your inbox. Is this worth a conversation, or should I close "
                "the file for now? Either answer helps.\"")
    elif cause == "too_busy":
        text = (f"E-mail {first} one reason and a set time for a ten-minute call in their "
                "off-hours – it's easier to accept a time than to find one.")
    else:
        text = (f"Ask {first} a question about their business rather than for a meeting – "
                "what would make this worth solving this quarter?")
    return [Approach("message", text, channel="email")]


def _untried_paths(session: Session, user: User, person: Person, cause: str,
                   touches: list[Touch], now: datetime) -> list[Approach]:
    return _other_paths(session, user, person, touches)


def _channels(session: Session, user: User, person: Person, cause: str,
              touches: list[Touch], now: datetime) -> list[Approach]:
    return _other_channels(touches, now)


def _values(session: Session, user: User, person: Person, cause: str,
            touches: list[Touch], now: datetime) -> list[Approach]:
    return _other_value(session, user, person, cause)


_APPROACHES = {"path": _untried_paths, "channel": _channels, "value": _values,
               "reference": _references, "colleague": _colleagues, "message": _message}


@dataclass
class Diagnosis:
    """What the history says about a prospect who doesn't call back."""

    stalled: bool
    attempts: int
    likely: list[Likely]
    history: History


def diagnose(session: Session, user: User, person: Person, *,
             now: datetime | None = None) -> Diagnosis:
    """Read the history of attempts on `person` and name the likely causes, with evidence."""
    now = now or utc_now()
    touches = touches_of(session, person)
    advice = cadence_for(session, person, now=now, touches=touches, rep=user.person)
    zone = zone_of(person)
    mine = sorted((t for t in touches if t.channel in REP_CHANNELS),
                  key=lambda t: aware(t.occurred_at))
    calls = [t for t in mine if t.channel in ("call", "voicemail")]
    talks = [t for t in mine if t.outcome in RESPONSES]
    last_talk = aware(talks[-1].occurred_at) if talks else None
    scripts = scripts_of(session, person)
    flags: dict[str, int] = defaultdict(int)
    earlier: list[str] = []
    for script in reversed(scripts):  # oldest first, so "repeated" looks back in time
        for flag in check_message(script.text, channel="voicemail", earlier=earlier):
            flags[flag.code] += 1
        earlier.append(script.text)
    offered = {t.value_item_id for t in touches if t.value_item_id}
    offered |= {i.id for script in scripts for i in script.value_items}
    path = None
    if person.id != user.person_id:
        found = warm_paths_for(session, user, person, k=1)
        path = found[0] if found else None
    history = History(
        attempts=len(mine),
        voicemails=sum(1 for t in calls if t.channel == "voicemail"
                       or t.outcome == "voicemail_left"),
        calls=len(calls),
        off_hours=sum(1 for t in calls if is_off_hours(aware(t.occurred_at).astimezone(zone))),
        last_conversation=last_talk.date() if last_talk else None,
        attempts_since_conversation=sum(1 for t in mine if last_talk is not None
                                        and aware(t.occurred_at) > last_talk),
        value_offered=len(offered), messages=len(scripts), flags=dict(flags),
        path_stage=path.stage if path else None,
        over_asked=path.penalty.reason if path and path.penalty else None,
        title=person.title, deal_value=float(person.deal_value) if person.deal_value else None,
    )
    return Diagnosis(advice.stalled, advice.attempts, likely_causes(history), history)


def _other_paths(session: Session, user: User, person: Person,
                 touches: list[Touch]) -> list[Approach]:
    if person.id == user.person_id:
        return []
    paths = warm_paths_for(session, user, person, k=3)
    if not paths:
        return []
    # Not yet tried: nobody on it has been asked for this prospect, and it isn't the way the
    # rep has been going in (the best path's first step) unless that was never asked either.
    asked = set(session.scalars(select(IntroductionRequest.via_id).where(
        IntroductionRequest.team_id == person.team_id,
        IntroductionRequest.prospect_id == person.id)))
    used = paths[0].first_ask.id if paths[0].first_ask and touches else None
    for other in paths:
        ask = other.ask or other.first_ask
        if other.stage in ("warm", "declined"):  # vouched already, or said no
            continue
        if ask is not None and ask.id != used and ask.id not in asked:
            knower = other.introducer.name if other.introducer else ask.name
            return [Approach("path", f"Go in another way: ask {ask.name} – " + (
                f"{knower} knows {person.name}." if knower != ask.name else
                f"they know {person.name}.") + f" ({other.explanation})", person_id=ask.id)]
    return []


def _other_channels(touches: list[Touch], now: datetime) -> list[Approach]:
    recent = {t.channel for t in touches if aware(t.occurred_at) > now - timedelta(days=30)}
    fresh = [c for c in FRESH_CHANNELS if c not in recent and c in REP_CHANNELS]
    return [Approach("channel", f"Switch channel: a {CHANNEL_LABELS[c].lower()} – you haven't "
                     "tried one in the last month, and a voicemail can then mention it.",
                     channel=c) for c in fresh[:2]]


def _other_value(session: Session, user: User, person: Person, cause: str) -> list[Approach]:
    items = library.list_value_items(session, user.team_id)
    used = library.voicemail_uses(session, person)
    sent = set(library.sent_by_other_channels(session, person))
    issues = list(person.pressing_issues or []) + list(CAUSE_ISSUES.get(cause, ()))
    kinds = CAUSE_KINDS.get(cause, ())
    fresh = [i for i in library.suggested_items(items, issues, used)
             if i.id not in used and i.id not in sent]
    fresh.sort(key=lambda i: i.kind not in kinds)  # stable: keeps the issue order within
    return [Approach("value", f"Offer something new: \"{i.title}\" – {i.pitch}",
                     value_item_id=i.id) for i in fresh[:2]]
