"""Advocate calls, introduction requests, reference offers, and how hard each helper is asked.

Services take the session, check the team on every id, raise errors from `errors.py` and
never commit; the view or API view commits once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, select, union_all
from sqlalchemy.orm import Session

from referrals.advocates import followups as fu
from referrals.errors import ValidationFailed
from referrals.models import (
    COMPANY_SIZES,
    INTRO_STATUSES,
    PROSPECT_OUTCOMES,
    AdvocateCall,
    IntroductionRequest,
    IntroductionStatusChange,
    Person,
    ReferenceAsk,
    Team,
    Touch,
    User,
)
from referrals.rows import get_team_row, team_row

DEFAULT_ASK_CAP = 2
DEFAULT_ASK_WINDOW_DAYS = 90
NO_SUCH_PERSON = "No such person in your team."

# Statuses at which the introducer has done their part, and what each means for the prospect.
INTRODUCED = ("introduced", "meeting_set", "won", "lost")
INTRO_OUTCOME = {"meeting_set": "meeting_set", "won": "won", "lost": "lost"}
STATUS_LABELS = {
    "draft": "Draft", "asked": "Asked", "agreed": "Agreed",
    "introduced": "Introduced (or called ahead)", "meeting_set": "Meeting set", "won": "Won",
    "lost": "Lost", "declined": "Declined", "no_reply": "No reply",
}


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

def log_advocate_call(session: Session, user: User, data: Mapping[str, Any]) -> AdvocateCall:
    """Record an advocate's call to a prospect on the rep's behalf.

    Marks the person an advocate, records a touch on the prospect and creates the thank-you
    (next business day) and the feedback follow-up (a week on). `data` holds `advocate_id`,
    `prospect_id`, `occurred_on`, `outcome` and `notes`.
    """
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
    call = AdvocateCall(
        team_id=team_id, advocate_id=advocate.id, prospect_id=prospect.id,
        occurred_on=occurred_on, outcome=(data.get("outcome") or "").strip(),
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
    return call


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
    Returns how many follow-ups were brought forward.
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
    for intro in session.scalars(select(IntroductionRequest).where(
            IntroductionRequest.team_id == prospect.team_id,
            IntroductionRequest.prospect_id == prospect.id,
            IntroductionRequest.status.in_(("introduced", "meeting_set")))):
        if intro.status != outcome:
            _set_status(session, user, intro, outcome, on, "")
    return len(fu.bring_feedback_forward(session, user, prospect, outcome, on))


# --- introduction requests --------------------------------------------------------------------

def draft_introduction_ask(rep: str, via: Person, prospect: Person) -> str:
    """The e-mail a rep sends to ask `via` for an introduction to `prospect` (to copy).

    >>> via = Person(name="Mike Kincaid", company="Quality Fabricators")
    >>> prospect = Person(name="Dana Whitfield", company="Acme Tool", title="Plant manager")
    >>> text = draft_introduction_ask("Sam Rep", via, prospect)
    >>> text.splitlines()[0]
    'Subject: Would you introduce me to Dana Whitfield?'
    >>> "Hi Mike," in text and "Sam Rep" in text
    True
    """
    who = prospect.name + (f", {prospect.title}" if prospect.title else "") + (
        f" at {prospect.company}" if prospect.company else "")
    return (
        f"Subject: Would you introduce me to {prospect.name}?\n\n"
        f"Hi {fu.first_name(via.name)},\n\n"
        f"I'd like to meet {who}, and I believe you know "
        f"{fu.first_name(prospect.name)}. I think I can help with something that matters to "
        "their business right now, and a word from you would mean far more than a call out "
        "of the blue.\n\n"
        "Would you be willing to introduce us – a short e-mail to both of us, or a quick call "
        f"to let {fu.first_name(prospect.name)} know I'll be in touch? If you'd rather not, "
        "no problem at all; I understand.\n\n"
        "Either way I'll let you know how it goes.\n\n"
        f"Thanks,\n{rep}"
    )


def get_introduction(session: Session, team_id: int, request_id: int) -> IntroductionRequest:
    return get_team_row(session, IntroductionRequest, team_id, request_id, "No such introduction request.")


def introductions_query(team_id: int, *, person_id: int | None = None) -> Select:
    stmt = select(IntroductionRequest).where(IntroductionRequest.team_id == team_id)
    if person_id is not None:
        stmt = stmt.where((IntroductionRequest.via_id == person_id)
                          | (IntroductionRequest.prospect_id == person_id))
    return stmt


def create_introduction_request(
    session: Session, user: User, prospect_id: int, via_id: int, *, status: str = "draft",
    ask_text: str | None = None, notes: str = "", confirm_over_cap: bool = False,
) -> IntroductionRequest:
    """Start a request that `via` introduce the rep to `prospect`, with a drafted ask."""
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
        _check_cap(session, user.team, via, today, confirm_over_cap)
    request = IntroductionRequest(
        team_id=team_id, prospect_id=prospect.id, via_id=via.id, user_id=user.id,
        status=status, status_on=today, asked_on=today if status == "asked" else None,
        ask_text=ask_text if ask_text is not None else draft_introduction_ask(
            fu.rep_name(user), via, prospect),
        notes=notes,
    )
    session.add(request)
    request.history.append(IntroductionStatusChange(status=status, changed_on=today,
                                                    user_id=user.id))
    session.flush()
    return request


def _set_status(session: Session, user: User, request: IntroductionRequest, status: str,
                on: date, note: str) -> None:
    previous = request.status
    request.status = status
    request.status_on = on
    if status != "draft" and request.asked_on is None:
        request.asked_on = on
    request.history.append(IntroductionStatusChange(status=status, changed_on=on,
                                                    user_id=user.id, note=note))
    if status in INTRODUCED and previous not in INTRODUCED:
        request.introduced_on = on
        session.flush()
        fu.create_help_followups(session, user, request.via, request.prospect, on,
                                 "introduced you to", introduction_id=request.id)
    session.flush()


def change_introduction_status(
    session: Session, user: User, request: IntroductionRequest, status: str, *,
    on: date | None = None, note: str = "", confirm_over_cap: bool = False,
) -> IntroductionRequest:
    """Move a request to `status`, keeping the change in its history.

    Reaching "introduced" (or later) creates the thank-you and feedback for the introducer;
    meeting set, won and lost bring the feedback forward.
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
        _check_cap(session, user.team, request.via, today, confirm_over_cap)
    _set_status(session, user, request, status, on, note)
    if status in INTRO_OUTCOME:
        record_prospect_outcome(session, user, request.prospect, INTRO_OUTCOME[status], on)
    return request


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
