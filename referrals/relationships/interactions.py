"""Logged interactions between a rep and a person: they restart keep-in-touch and freshen the
rep's tie, and they are what a tie's page shows behind its strength. Services take the session
and never commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from sqlalchemy import CompoundSelect, Date, cast, literal_column, null, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from referrals.base import Timestamp
from referrals.graph.tie import TieParams, rating_factor, recency_factor, tie_strength
from referrals.models import (
    AdvocateCall,
    Followup,
    IntroductionRequest,
    IntroductionStatusChange,
    Person,
    Relationship,
    Touch,
    User,
)
from referrals.vocab import KIND_LABELS
from referrals.words import time_ago

#: Touch outcomes in which the person answered: only these make a tie fresh. A voicemail, a
#: letter or an unanswered call reaches nobody, however warm the words.
TWO_WAY_OUTCOMES = ("spoke", "callback_received", "meeting_set")
#: Steps of an introduction request at which the helper answered the ask ("asked" is the rep
#: talking, "no_reply" is silence, the rest is news about the prospect).
HELPER_ANSWERS = ("agreed", "introduced", "declined")
#: Completed follow-ups in which the team reached the person: thanks and word of what came
#: of their help close an exchange they started, and a promised call is one they expect.
EXCHANGE_FOLLOWUPS = ("thank_you", "feedback", "call")

_OUTCOME_WORDS = {
    "spoke": "Spoke with them", "callback_received": "They called back",
    "meeting_set": "Set a meeting",
}
_CHANNEL_WORDS = {
    "call": "by phone", "email": "by e-mail", "visit": "in person", "social": "on social media",
    "letter": "by letter", "card": "by card", "postcard": "by postcard", "fax": "by fax",
}
_ANSWER_WORDS = {
    "agreed": "Agreed to introduce the team to {prospect}",
    "introduced": "Introduced the team to {prospect}",
    "declined": "Declined to introduce the team to {prospect}",
}
_FOLLOWUP_WORDS = {
    "thank_you": "The team thanked them",
    "feedback": "The team told them how their help went",
    "call": "The team made the call it had promised",
}


def note_interaction(
    session: Session, user: User, person: Person, on: date, *, two_way: bool = True
) -> None:
    """Record that ``user`` (a rep) dealt with ``person`` on ``on``.

    The person's ``last_contact_on`` moves forward to ``on`` (never back): any interaction,
    even a one-way one, restarts the keep-in-touch count. That column is not part of the
    graph, so it costs no worker a replay.

    Only a two-way interaction (``two_way=True``, the default) also moves forward the
    ``last_interaction`` of every tie between the rep's own person and ``person``, which the
    tie model's recency turns into strength. Two-way means the person took part:

    * a touch whose outcome is one of :data:`TWO_WAY_OUTCOMES` (spoke, called back, meeting
      set);
    * a call an advocate made on the team's behalf (the advocate's interaction);
    * an introduction step at which the helper answered (:data:`HELPER_ANSWERS`);
    * a completed thank-you, feedback or promised-call follow-up (:data:`EXCHANGE_FOLLOWUPS`).

    Pass ``two_way=False`` for what reaches nobody – a voicemail, a letter, card or e-mail
    without an answer, a call with no answer, an ask with no reply: a tie must not look fresh
    because the rep kept dialling. :func:`interactions_with` lists exactly the two-way kinds.

    A rep without a person of their own, or the rep themself, changes only
    ``last_contact_on``.
    """
    if person.last_contact_on is None or person.last_contact_on < on:
        person.last_contact_on = on
    me = user.person_id
    if not two_way or me is None or me == person.id:
        return
    low, high = min(me, person.id), max(me, person.id)
    # By the pair's own index, the team checked here: with a team term a planner without
    # statistics (SQLite before ANALYZE) reads the ties by the team's index – every tie of
    # the team, ~20 ms at 100,000 – and a tie is always within one team anyway.
    ties = session.scalars(select(Relationship).where(
        Relationship.pair_low == low, Relationship.pair_high == high,
        or_(Relationship.last_interaction.is_(None), Relationship.last_interaction < on)))
    for tie in ties:
        if tie.team_id == user.team_id:
            tie.last_interaction = on


def touch_is_two_way(outcome: str | None) -> bool:
    """Whether a touch with this outcome counts as an interaction for the tie.

    >>> touch_is_two_way("spoke"), touch_is_two_way("voicemail_left"), touch_is_two_way(None)
    (True, False, False)
    """
    return outcome in TWO_WAY_OUTCOMES


@dataclass(frozen=True)
class Interaction:
    """One dated two-way interaction of the team with a person, in words."""

    on: date
    source: str  # "touch", "advocate_call", "introduction" or "followup"
    words: str


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def _interactions_query(team_id: int, ids: list[int]) -> CompoundSelect:
    """The four kinds of interaction as one UNION ALL: (source, person, moment, day, two
    words); the moment for touches and follow-ups, the day for calls and answers."""
    prospect = aliased(Person)
    no_time, no_day, no_word = cast(null(), Timestamp()), cast(null(), Date), null()
    return union_all(
        select(literal_column("'touch'"), Touch.person_id, Touch.occurred_at, no_day,
               Touch.channel, Touch.outcome).where(
            Touch.team_id == team_id, Touch.person_id.in_(ids),
            Touch.outcome.in_(TWO_WAY_OUTCOMES)),
        select(literal_column("'advocate_call'"), AdvocateCall.advocate_id, no_time,
               AdvocateCall.occurred_on, prospect.name, no_word)
        .join(prospect, prospect.id == AdvocateCall.prospect_id)
        .where(AdvocateCall.team_id == team_id, AdvocateCall.advocate_id.in_(ids)),
        select(literal_column("'introduction'"), IntroductionRequest.via_id, no_time,
               IntroductionStatusChange.changed_on, prospect.name,
               IntroductionStatusChange.status)
        .join(IntroductionRequest, IntroductionRequest.id == IntroductionStatusChange.request_id)
        .join(prospect, prospect.id == IntroductionRequest.prospect_id)
        .where(IntroductionRequest.team_id == team_id, IntroductionRequest.via_id.in_(ids),
               IntroductionStatusChange.status.in_(HELPER_ANSWERS)),
        select(literal_column("'followup'"), Followup.person_id, Followup.completed_at, no_day,
               Followup.kind, no_word).where(
            Followup.team_id == team_id, Followup.person_id.in_(ids),
            Followup.status == "done", Followup.completed_at.is_not(None),
            Followup.kind.in_(EXCHANGE_FOLLOWUPS)),
    )


def interactions_with_many(
    session: Session, team_id: int, person_ids: Iterable[int], limit: int = 5
) -> dict[int, list[Interaction]]:
    """:func:`interactions_with` for several people at once, in one query.

    People with no such interaction are left out of the answer.
    """
    ids = sorted(set(person_ids))
    found: dict[int, list[Interaction]] = defaultdict(list)
    if not ids or limit < 1:
        return {}
    for source, pid, at, on, a, b in session.execute(_interactions_query(team_id, ids)):
        if source == "touch":
            how = _CHANNEL_WORDS.get(a)
            words = _OUTCOME_WORDS[b] + (f" {how}" if how else "")
        elif source == "advocate_call":
            words = f"Called {a} on the team's behalf"
        elif source == "introduction":
            words = _ANSWER_WORDS[b].format(prospect=a)
        else:
            words = _FOLLOWUP_WORDS[a]
        found[pid].append(Interaction(_day(at if at is not None else on), source, words))
    return {
        pid: sorted(items, key=lambda i: i.on, reverse=True)[:limit]
        for pid, items in found.items()
    }


def interactions_with(
    session: Session, team_id: int, person_id: int, limit: int = 5
) -> list[Interaction]:
    """The team's latest two-way interactions with a person, newest first, at most `limit`.

    These are the kinds :func:`note_interaction` lets freshen a tie: touches in which the
    person answered, calls they made as an advocate, their answers to introduction requests,
    and completed thank-you, feedback and promised-call follow-ups for them.
    """
    return interactions_with_many(session, team_id, [person_id], limit).get(person_id, [])


def explain_strength(
    kind: str, rating: int, last_interaction: date | None, *, today: date, params: TieParams
) -> str:
    """The tie model's three factors for one tie, and their product, in words.

    >>> explain_strength("customer", 4, date(2024, 1, 1), today=date(2024, 7, 1),
    ...                  params=TieParams())
    'Strength 0.47: customer 0.90 × 4 stars 74% × last contact 6 months ago 71%.'
    >>> explain_strength("friend", 5, None, today=date(2024, 7, 1), params=TieParams())
    'Strength 0.85: friend 0.85 × 5 stars 100% × no date of last contact, so no fading 100%.'
    """
    strength = tie_strength(kind, rating, last_interaction, today=today, params=params)
    recency = recency_factor(last_interaction, today, params)
    if last_interaction is None:
        when = "no date of last contact, so no fading"
    elif last_interaction > today:  # the model does not fade a date still to come
        when = f"last contact dated {last_interaction.isoformat()}, so no fading"
    else:
        when = f"last contact {time_ago(last_interaction, today)}"
    return (
        f"Strength {strength:.2f}: {KIND_LABELS[kind]} {params.kind_weight(kind):.2f} × "
        f"{rating} star{'s' if rating != 1 else ''} {100 * rating_factor(rating, params):.0f}% "
        f"× {when} {100 * recency:.0f}%."
    )


@dataclass(frozen=True)
class TieStory:
    """What a tie between the rep and someone shows: its strength in words and the
    interactions the team logged with that someone."""

    other_id: int
    strength: str
    interactions: list[Interaction]


class TieRow(Protocol):
    """What :func:`tie_stories` reads of a tie: a :class:`Relationship` or a plain row of it."""

    @property
    def id(self) -> int: ...
    @property
    def person_a_id(self) -> int: ...
    @property
    def person_b_id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def rating(self) -> int: ...
    @property
    def last_interaction(self) -> date | None: ...


def tie_stories(
    session: Session,
    user: User,
    ties: Iterable[TieRow],
    *,
    today: date,
    params: TieParams,
    limit: int = 5,
) -> dict[int, TieStory]:
    """Relationship id -> :class:`TieStory`, for the ties in ``ties`` that join the rep's own
    person to someone else (the other ties are not the rep's to explain)."""
    me = user.person_id
    mine = [t for t in ties if me is not None and me in (t.person_a_id, t.person_b_id)]
    others = {t.id: t.person_b_id if t.person_a_id == me else t.person_a_id for t in mine}
    logged = interactions_with_many(session, user.team_id, others.values(), limit)
    return {
        t.id: TieStory(
            other_id=others[t.id],
            strength=explain_strength(t.kind, t.rating, t.last_interaction, today=today,
                                      params=params),
            interactions=logged.get(others[t.id], []),
        )
        for t in mine
    }
