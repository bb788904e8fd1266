"""The call-back card (everything a rep needs the moment a prospect calls back) and stalled
prospects ("why no call-back?" and a different approach). Services never commit."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from referrals.base import utcnow
from referrals.database import contains
from referrals.errors import ValidationFailed
from referrals.models import (
    STALL_CAUSES,
    AdvocateCall,
    Followup,
    Person,
    StallReview,
    Team,
    Touch,
    User,
    ValueItem,
)
from referrals.outreach import library
from referrals.outreach.cadence import CadenceAdvice, advise
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
from referrals.outreach.wording import latest_saved_opener, scripts_of
from referrals.paths.services import WarmPath, find_warm_paths

CAUSE_LABELS = {
    "no_reason": "They see no reason to call back",
    "no_gain": "They see nothing to gain",
    "no_need": "They don't feel a need",
    "no_trust": "They don't know or trust you yet",
    "no_difference": "You sound like everyone else",
    "too_busy": "They are too busy",
    "better_deal": "They think they have a better deal",
    "no_authority": "They can't decide (no money or authority)",
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
}
# Value kinds that suit each cause best (others still qualify).
CAUSE_KINDS = {
    "no_gain": ("research", "case_study"), "no_difference": ("case_study", "research"),
    "too_busy": ("tip", "technique"), "no_reason": ("article", "tip", "research"),
    "better_deal": ("research", "whitepaper"),
}
CAUSE_ISSUES = {"better_deal": ("costs", "profit"), "too_busy": ("productivity",)}
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


def callback_card(session: Session, user: User, person: Person, *,
                  now: datetime | None = None) -> CallbackCard:
    """Who they are, how the rep is connected, what was last said and offered, what is open,
    the next step and a short script – for the moment the prospect calls back."""
    now = now or utcnow()
    touches = touches_of(session, person)
    paths = [] if person.id == user.person_id else find_warm_paths(session, user, person, k=1)
    path = paths[0] if paths else None
    saved = latest_saved_opener(session, user, person)
    offered_ids = [t.value_item_id for t in touches if t.value_item_id]
    for script in scripts_of(session, person):
        offered_ids += [i.id for i in script.value_items]
    items = {i.id: i for i in session.scalars(select(ValueItem).where(
        ValueItem.id.in_(offered_ids)))} if offered_ids else {}
    offered = [items[i] for i in dict.fromkeys(offered_ids) if i in items]
    followups = list(session.scalars(select(Followup).where(
        Followup.team_id == person.team_id, Followup.status == "open",
        or_(Followup.person_id == person.id, Followup.prospect_id == person.id))
        .order_by(Followup.due_on, Followup.id)))
    calls = list(session.scalars(select(AdvocateCall).where(
        AdvocateCall.team_id == person.team_id, AdvocateCall.prospect_id == person.id)
        .order_by(AdvocateCall.occurred_on.desc(), AdvocateCall.id.desc()).limit(3)))
    advice = cadence_for(session, person, now=now, touches=touches, rep=user.person)
    # Whom to name: an advocate who called them vouched for the rep; so did an introducer who
    # agreed to or made the introduction. Anyone else is named only as someone they know,
    # and only over a path that is neither cold nor stale – never someone the rep hasn't met.
    name, endorsed = (calls[0].advocate.name, True) if calls else (None, False)
    connection = path.connection if path else None
    if not calls and connection is not None and connection.knower is not None:
        knower = next(s for s in path.steps if s.type == "person" and s.id == connection.knower)
        if connection.endorsed:
            name, endorsed = knower.name, True
        elif connection.stage == "known" and connection.good:
            name = knower.name
    issue = (person.pressing_issues or [None])[0]
    return CallbackCard(
        person=person, local_time=now.astimezone(zone_of(person)), path=path,
        opener=saved.text if saved else (path.opener if path else None),
        touches=touches[:RECENT_TOUCHES], offered=offered, followups=followups,
        advocate_calls=calls, advice=advice,
        next_step=_callback_step(person, offered, followups),
        script=callback_script(prospect_name=person.name, knower_name=name,
                               last_offer=offered[-1].title if offered else None, issue=issue,
                               endorsed=endorsed),
    )


def find_caller(session: Session, team_id: int, q: str, *, limit: int = 20) -> list[Person]:
    """People a caller might be: by name, company or e-mail, or by phone number when `q` has
    four digits or more (separators and a leading + are ignored on both sides)."""
    conditions = [contains(column, q) for column in (Person.name, Person.company, Person.email)]
    digits = "".join(ch for ch in q if ch.isdigit())
    if len(digits) >= 4:
        bare = Person.phone
        for sep in (" ", "-", "(", ")", ".", "+", "/"):
            bare = func.replace(bare, sep, "")
        conditions.append(bare.like(f"%{digits}%"))
    stmt = select(Person).where(Person.team_id == team_id, or_(*conditions))
    return list(session.scalars(stmt.order_by(Person.name, Person.id).limit(limit)))


def _callback_step(person: Person, offered: list[ValueItem], followups: list[Followup]) -> str:
    """On the phone with a prospect who called back, the next step is a meeting."""
    first = person.name.split()[0] if person.name.split() else person.name
    step = f"Thank {first} for calling back, "
    step += (f"check that \"{offered[-1].title}\" was useful, " if offered else
             "ask what prompted the call, ")
    step += "and offer a short meeting. Log the call as \"they called back\" afterwards."
    if any(f.kind == "feedback" for f in followups):
        step += " Then tell whoever helped how it went – their feedback is due."
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
    now = now or utcnow()
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
    """For the cause the rep picked: another path, another channel, another value item – and
    where it fits, a reference or another person at the company."""
    if cause not in STALL_CAUSES:
        raise ValidationFailed("Unknown cause.", {"cause": ["Pick one of the reasons listed."]})
    now = now or utcnow()
    result = StallAdvice(cause, CAUSE_LABELS[cause], CAUSE_ADVICE[cause])
    touches = touches_of(session, person)
    result.approaches += _other_paths(session, user, person, touches)
    result.approaches += _other_channels(touches, now)
    result.approaches += _other_value(session, user, person, cause)
    if cause in ("no_trust", "no_difference", "no_gain"):
        from referrals.advocates.services import match_references

        for match in match_references(session, user, person, limit=2):
            result.approaches.append(Approach("reference", match.pitch,
                                              person_id=match.reference.id))
    if cause in ("no_authority", "no_need") and person.company:
        for other in session.scalars(select(Person).where(
                Person.team_id == person.team_id, Person.id != person.id,
                func.lower(Person.company) == person.company.lower(),
                Person.do_not_contact.is_(False)).order_by(Person.name).limit(3)):
            role = f", {other.title}" if other.title else ""
            result.approaches.append(Approach(
                "colleague", f"Try {other.name}{role} – also at {person.company}.",
                person_id=other.id))
    order = {"no_trust": ("path", "reference"), "too_busy": ("channel",),
             "no_authority": ("colleague",), "no_need": ("colleague", "value")}.get(cause, ())
    result.approaches.sort(key=lambda a: a.kind not in order)
    return result


def _other_paths(session: Session, user: User, person: Person,
                 touches: list[Touch]) -> list[Approach]:
    if person.id == user.person_id:
        return []
    paths = find_warm_paths(session, user, person, k=3)
    if len(paths) < 2:
        return []
    used = paths[0].first_ask.id if paths[0].first_ask else None
    for other in paths[1:]:
        ask = other.first_ask
        if ask is not None and ask.id != used:
            knower = other.introducer.name if other.introducer else ask.name
            return [Approach("path", f"Go in another way: ask {ask.name} – " + (
                f"{knower} knows {person.name}." if knower != ask.name else
                f"they know {person.name}.") + f" ({other.explanation})", person_id=ask.id)]
    return []


def _other_channels(touches: list[Touch], now: datetime) -> list[Approach]:
    recent = {t.channel for t in touches if aware(t.occurred_at) > now - timedelta(days=30)}
    fresh = [c for c in FRESH_CHANNELS if c not in recent and c in REP_CHANNELS]
    from referrals.outreach.labels import CHANNEL_LABELS

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
