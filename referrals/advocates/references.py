"""References: which customers to offer a prospect, and the offers and calls that follow."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from referrals.advocates import followups as fu
from referrals.advocates.checks import not_future, team_person
from referrals.clock import today_for
from referrals.errors import ValidationFailed
from referrals.models import Person, ReferenceAsk, User
from referrals.paths.asks import ask_cap, ask_dates, asks_within, check_cap, fatigue_factor
from referrals.paths.services import ranking_page
from referrals.rows import get_team_row
from referrals.vocab import COMPANY_SIZES


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
    today = today or today_for(user)
    cap = ask_cap(user.team)
    dates = ask_dates(session, user.team_id)
    reps = set(session.scalars(select(User.person_id).where(User.team_id == user.team_id)))
    warmth: dict[int, float | None] = {}
    try:
        for row in ranking_page(session, user, role="reference").rows:
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
    reference = team_person(session, user.team_id, reference_id, "reference_id")
    if reference.id == prospect.id:
        raise ValidationFailed("Invalid reference.", {"reference_id": [
            "A prospect can't be their own reference."]})
    if reference.do_not_contact:
        raise ValidationFailed("Invalid reference.", {"reference_id": [
            f"{reference.name} asked not to be contacted."]})
    today = today_for(user)
    check_cap(session, user.team, reference, today, confirm_over_cap)
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
    today = today_for(user)
    on = on or today
    not_future(on, today, "phoned_on")
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
