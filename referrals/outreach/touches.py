"""Touches – every outreach to a prospect – and the cadence they add up to. Services never
commit; the cadence rules themselves are pure (`referrals.outreach.cadence`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from referrals.advocates import followups as fu
from referrals.advocates.introductions import record_prospect_outcome
from referrals.clock import aware, today_for, utc_now, zone_of
from referrals.errors import DomainError, ValidationFailed
from referrals.models import Person, Team, Touch, User, ValueItem, VoicemailScript
from referrals.outreach.cadence import (
    CadenceAdvice,
    CadenceRules,
    TouchFact,
    VoicemailVerdict,
    advise,
    is_voicemail,
    voicemail_verdict,
)
from referrals.outreach.library import voicemail_uses
from referrals.relationships.interactions import touch_is_two_way
from referrals.rows import get_team_row, team_row
from referrals.vocab import TOUCH_CHANNELS, TOUCH_OUTCOMES

# What a rep logs by hand; an advocate's call is logged as an advocate call,
# which carries the follow-ups it owes.
REP_CHANNELS = tuple(c for c in TOUCH_CHANNELS if c != "advocate_call")
# A clock a few minutes fast on the rep's phone is not "the future".
CLOCK_SKEW = timedelta(minutes=5)
CALL_ON_MAX_DAYS = 365  # "they expect my call" is about the coming months, not years
# A conversation answers the calls promised to the person: they need not be listed again.
CONVERSATION_CHANNELS = ("call", "visit")
CONVERSATION_OUTCOMES = ("spoke", "callback_received", "meeting_set")


class CadenceBroken(DomainError):
    """Logging this voicemail would break the team's cadence; send `confirm` to log it anyway."""

    status = 409

    def __init__(self, verdict: VoicemailVerdict) -> None:
        reason = verdict.reason or "This voicemail breaks your team's cadence."
        super().__init__(reason, {"confirm": [
            f"{reason} Tick \"log it anyway\" if you are sure."]})
        self.verdict = verdict


# --- the team's rules -----------------------------------------------------------------------

def cadence_rules(team: Team) -> CadenceRules:
    """The team's cadence constants (the defaults where the team set none)."""
    return CadenceRules.from_dict((team.settings or {}).get("cadence"))


def update_cadence_rules(session: Session, team: Team, data: Mapping[str, Any]) -> CadenceRules:
    """Validate and store the team's cadence rules; ValidationFailed names each bad field."""
    try:
        rules = CadenceRules.from_dict(data)
    except ValueError as exc:
        fields = exc.args[0] if exc.args and isinstance(exc.args[0], dict) else {}
        raise ValidationFailed("Invalid cadence settings.", fields) from exc
    # A new dict, not an in-place edit: the JSON column only notices reassignment.
    team.settings = {**(team.settings or {}), "cadence": rules.to_dict()}
    session.flush()
    return rules


def reset_cadence_rules(session: Session, team: Team) -> CadenceRules:
    team.settings = {k: v for k, v in (team.settings or {}).items() if k != "cadence"}
    session.flush()
    return CadenceRules()


# --- reading ------------------------------------------------------------------------------

def touches_query(team_id: int, *, person_id: int | None = None) -> Select:
    stmt = select(Touch).where(Touch.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where(Touch.person_id == person_id)
    return stmt


def get_touch(session: Session, team_id: int, touch_id: int) -> Touch:
    return get_team_row(session, Touch, team_id, touch_id, "No such touch.")


def touches_of(session: Session, person: Person, *, limit: int | None = None) -> list[Touch]:
    """The person's touches, latest first."""
    stmt = touches_query(person.team_id, person_id=person.id).order_by(
        Touch.occurred_at.desc(), Touch.id.desc()).options(joinedload(Touch.value_item))
    return list(session.scalars(stmt.limit(limit) if limit else stmt))


class TouchRow(Protocol):
    """What the cadence reads of a touch: a :class:`Touch` or a plain row of it."""

    @property
    def occurred_at(self) -> datetime: ...
    @property
    def channel(self) -> str: ...
    @property
    def outcome(self) -> str | None: ...


def facts(touches: Sequence[TouchRow]) -> list[TouchFact]:
    return [TouchFact(aware(t.occurred_at), t.channel, t.outcome) for t in touches]


def cadence_for(session: Session, person: Person, *, now: datetime | None = None,
                touches: Sequence[TouchRow] | None = None,
                rep: Person | None = None) -> CadenceAdvice:
    """Where the rep stands with this prospect: attempts, budgets, voicemails, next step.

    `rep` is the rep's own person: when the prospect's zone is unknown, the call windows are
    the off-hours of the rep's zone, labelled as the rep's time (UTC, labelled UTC, when
    neither zone is known)."""
    team = session.get(Team, person.team_id)
    assert team is not None
    found = touches if touches is not None else touches_of(session, person)
    return advise(facts(found), now=now or utc_now(),
                  tz=zone_of(person) if person.timezone else None,
                  rep_tz=zone_of(rep) if rep is not None and rep.timezone else None,
                  deal_value=person.deal_value, rules=cadence_rules(team))


# --- writing ------------------------------------------------------------------------------

def _team_row(session: Session, model: type, team_id: int, row_id: Any, field: str,
              missing: str, fields: dict[str, list[str]]) -> Any:
    if row_id is None:
        return None
    row = team_row(session, model, team_id, row_id)
    if row is None:
        fields[field] = [missing]
    return row


def log_touch(session: Session, user: User, data: Mapping[str, Any], *,
              now: datetime | None = None) -> Touch:
    """Record an outreach to a person of the team.

    `data`: `person_id`, `channel`, `occurred_at` (aware datetime; absent means now),
    `outcome`, `value_item_id`, `script_id`, `notes`, `confirm`, `call_on` (a date: the
    person expects the rep's call that day). A voicemail that breaks the team's cadence raises
    CadenceBroken unless `confirm` is true, and is then kept marked as such; a value item
    already used in a voicemail to this person is refused for another one. A meeting set
    tells everyone who helped (their feedback follow-ups come due).

    Every touch restarts the person's keep-in-touch count (one where they answered also
    freshens the rep's tie); a conversation (a call or visit where they spoke, called back or
    agreed a meeting) closes the calls promised to them; `call_on` then adds the next one.
    """
    now = now or utc_now()
    fields: dict[str, list[str]] = {}
    person = _team_row(session, Person, user.team_id, data.get("person_id"), "person_id",
                       "No such person in your team.", fields)
    if "person_id" not in data or data.get("person_id") is None:
        fields["person_id"] = ["Choose whom you reached out to."]
    channel, outcome = _channel_and_outcome(data, fields)
    at = data.get("occurred_at") or now
    if not isinstance(at, datetime) or at.tzinfo is None:
        fields["occurred_at"] = ["Give the date and time with its time zone."]
    elif at > now + CLOCK_SKEW:
        fields["occurred_at"] = ["That is in the future – log a touch once it has happened."]
    item = _team_row(session, ValueItem, user.team_id, data.get("value_item_id"),
                     "value_item_id", "No such item in your value library.", fields)
    script = _team_row(session, VoicemailScript, user.team_id, data.get("script_id"),
                       "script_id", "No such voicemail script.", fields)
    if person is not None and person.do_not_contact and outcome != "callback_received":
        # They may still call the rep (that is logged); the rep reaches out to them never.
        fields["person_id"] = [f"{person.name} asked not to be contacted."]
    if person is not None and script is not None and script.person_id != person.id:
        fields["script_id"] = ["That script was written for someone else."]
    call_on = data.get("call_on")
    if call_on is not None:
        _check_call_on(call_on, today_for(user, now), fields)
    if fields:
        raise ValidationFailed("Invalid touch.", fields)
    assert person is not None and isinstance(at, datetime)
    touch = Touch(team_id=user.team_id, person_id=person.id, user_id=user.id, channel=channel,
                  outcome=outcome, occurred_at=at.astimezone(UTC),
                  notes=(data.get("notes") or "").strip(), value_item_id=item.id if item else None,
                  script_id=script.id if script else None)
    if is_voicemail(TouchFact(at, channel, outcome)):
        _check_voicemail(session, person, touch, item, script, bool(data.get("confirm")))
    session.add(touch)
    session.flush()
    _touch_moves_the_loop(session, user, person, touch, at, call_on)
    return touch


def _channel_and_outcome(
    data: Mapping[str, Any], fields: dict[str, list[str]]
) -> tuple[Any, str | None]:
    """The touch's channel and outcome (a voicemail's defaults to "voicemail left"); what
    doesn't fit goes into `fields`."""
    channel = data.get("channel")
    if channel not in REP_CHANNELS:
        fields["channel"] = [f"Choose one of: {', '.join(REP_CHANNELS)}."
                             + (" Log an advocate's call as an advocate call."
                                if channel == "advocate_call" else "")]
    outcome = data.get("outcome") or None
    if outcome is not None and outcome not in TOUCH_OUTCOMES:
        fields["outcome"] = [f"Choose one of: {', '.join(TOUCH_OUTCOMES)}."]
    if channel == "voicemail" and outcome is None:
        outcome = "voicemail_left"
    elif channel == "voicemail" and outcome not in ("voicemail_left",):
        fields["outcome"] = ["A voicemail's outcome is \"voicemail left\"; log a call that "
                             "reached them as a call."]
    if outcome == "voicemail_left" and channel not in ("call", "voicemail"):
        fields["outcome"] = ["Only a call can leave a voicemail."]
    return channel, outcome


def _check_call_on(call_on: Any, today: date, fields: dict[str, list[str]]) -> None:
    if not isinstance(call_on, date) or isinstance(call_on, datetime):
        fields["call_on"] = ["Give the day as YYYY-MM-DD."]
    elif call_on < today:
        fields["call_on"] = ["Pick today or a later day."]
    elif call_on > today + timedelta(days=CALL_ON_MAX_DAYS):
        fields["call_on"] = ["Pick a day within a year."]


def _touch_moves_the_loop(session: Session, user: User, person: Person, touch: Touch,
                          at: datetime, call_on: date | None) -> None:
    """What a logged touch changes elsewhere: the keep-in-touch count, the calls promised to
    them, a call they now expect, and a meeting set for everyone who helped."""
    outcome = touch.outcome
    fu.record_contact(session, user, person, today_for(user, at),
                      two_way=touch_is_two_way(outcome))
    if touch.channel in CONVERSATION_CHANNELS and outcome in CONVERSATION_OUTCOMES:
        fu.close_promised_calls(session, user, person, "they talked")
    if call_on is not None:
        fu.promise_call(session, user, person, call_on)
    if outcome == "meeting_set":
        record_prospect_outcome(session, user, person, "meeting_set", at.date())


def _check_voicemail(session: Session, person: Person, touch: Touch, item: ValueItem | None,
                     script: VoicemailScript | None, confirm: bool) -> None:
    if item is not None and (script is None or item not in script.value_items):
        first = voicemail_uses(session, person).get(item.id)
        if first is not None:
            raise ValidationFailed("Invalid touch.", {"value_item_id": [
                f"\"{item.title}\" already went into a voicemail to {person.name} on "
                f"{aware(first).date().isoformat()}; each message should bring something new."]})
    earlier = [t for t in touches_of(session, person) if aware(t.occurred_at) <= touch.occurred_at]
    team = session.get(Team, person.team_id)
    assert team is not None
    verdict = voicemail_verdict(facts(earlier), aware(touch.occurred_at), cadence_rules(team))
    if not verdict.allowed:
        if not confirm:
            raise CadenceBroken(verdict)
        touch.broke_cadence = True
