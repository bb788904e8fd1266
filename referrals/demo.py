"""A believable demo team, reproducible from a seed: `flask --app app seed-demo`."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from referrals.advocates import introductions
from referrals.auth.services import create_user
from referrals.clock import utc_now, utc_today
from referrals.models import Group, GroupMembership, Person, Relationship, Touch, ValueItem
from referrals.vocab import ISSUES

DEMO_TEAM = "Demo Industrial Sales"
DEMO_PASSWORD = "demo-password-123"
REPS = [
    ("ana@demo.example", "Ana Ruiz"),
    ("ben@demo.example", "Ben Okafor"),
    ("chloe@demo.example", "Chloe Park"),
]

FIRST = (
    "Mike Dana Mei Raj Laura Tom Priya Carlos Jen Sam Omar Grace Luis Hannah Victor Nina Derek "
    "Aisha Paul Rosa Kevin Yuki Brian Fatima Greg Elena Marcus Tanya Frank Ingrid Jamal Olivia "
    "Pete Sofia Wes Chen Maria Abdul Kate Hugo Lena Dmitri Beth Andre Carmen Ty Noor Ray Sue"
).split()
LAST = (
    "Kincaid Alvarez Nakamura Patel Brennan Osei Schultz Romero Whitfield Lindqvist Haddad "
    "Morrison Chen Delgado Fischer Okonkwo Baker Novak Reyes Sullivan Kowalski Tran Ibrahim "
    "Carver Moreau Jensen Abbott Ferreira Grant Holloway"
).split()
COMPANIES = [
    ("Quality Fabricators", "America/Chicago"), ("Harbor Foods", "America/New_York"),
    ("Midwest Tool & Die", "America/Chicago"), ("Summit Plastics", "America/Denver"),
    ("Blue Ridge Packaging", "America/New_York"), ("Lakeshore Logistics", "America/Chicago"),
    ("Pacific Coatings", "America/Los_Angeles"), ("Ironwood Machining", "America/Detroit"),
    ("Granite State Bakery", "America/New_York"), ("Cascade Electronics", "America/Los_Angeles"),
    ("Prairie Feed Mills", "America/Chicago"), ("Keystone Castings", "America/New_York"),
    ("Red Rock Brewing", "America/Denver"), ("Bayou Marine Supply", "America/Chicago"),
    ("Northstar Robotics", "America/Chicago"), ("Copper Canyon Mining", "America/Phoenix"),
    ("Evergreen Lumber", "America/Los_Angeles"), ("Tri-County Dairy", "America/New_York"),
    ("Atlas Freight", "America/Chicago"), ("Sunbelt HVAC", "America/New_York"),
    ("Riverbend Printing", "America/Chicago"), ("Highland Textiles", "America/New_York"),
    ("Mesa Solar", "America/Phoenix"), ("Gulf Coast Chemicals", "America/Chicago"),
    ("Pioneer Seed Co", "America/Chicago"), ("Silverline Medical", "America/New_York"),
    ("Twin Rivers Paper", "America/Chicago"), ("Capitol Office Supply", "America/New_York"),
    ("Frontier Auto Parts", "America/Denver"), ("Beacon Cold Storage", "America/New_York"),
]
TITLES = [
    "Plant Manager", "Operations Director", "VP Operations", "Purchasing Manager", "CFO",
    "Maintenance Supervisor", "Controller", "General Manager", "Production Lead",
    "Supply Chain Manager", "Owner", "Quality Manager", "HR Director", "COO",
]
ASSOCIATIONS = [
    ("Ohio Manufacturers Association", 60), ("Regional Food Processors Council", 35),
    ("Supply Chain Leaders Network", 25),
]
EVENTS = [
    ("Spring Fabrication Expo 2026", 30), ("Plant Managers Breakfast – March", 12),
    ("Lean Operations Summit", 20),
]
# The value library: reasons a prospect has to call back (title, kind, issues, pitch, and the
# pitch's short form, for a voicemail with three reasons).
VALUE_ITEMS = [
    ("Changeover time study", "research", ["productivity", "costs"],
     "a two-page study shows plants like yours cutting changeover time by a fifth",
     "plants like yours cut changeover time by a fifth"),
    ("Regional freight cost index", "research", ["costs", "economy"],
     "our freight index shows where shippers in your region are paying too much this quarter",
     "our freight index shows where your region overpays"),
    ("Keeping skilled operators", "whitepaper", ["staffing"],
     "a short paper on how three local plants stopped losing their best operators",
     "a paper on how three plants kept their operators"),
    ("Five-minute maintenance checklist", "tip", ["productivity"],
     "a checklist that saves maintenance crews an hour a shift",
     "a checklist that saves crews an hour a shift"),
    ("How Quality Fabricators held its margins", "case_study", ["profit", "competitors"],
     "Quality Fabricators held its margins while competitors cut prices – here is how",
     "the story of how Quality Fabricators held its margins"),
    ("Customer retention benchmark", "article", ["loyalty"],
     "an article on what keeps industrial buyers loyal when a cheaper offer comes along",
     "an article on what keeps buyers loyal"),
]
KIND_WEIGHTS = {
    "colleague": 30, "former_colleague": 15, "acquaintance": 25, "friend": 12,
    "customer": 10, "referral": 5, "family": 3,
}

DEAL_VALUES = (1000, 2500, 5000, 10000, 25000, 60000)


def seed_demo(
    session: Session, *, seed: int = 7, people: int = 200, relationships: int = 600
) -> dict[str, Any]:
    """Create the demo team: three reps, `people` contacts in 30 companies, ties and groups."""
    rng = random.Random(seed)
    reps = _reps(session)
    team_id = reps[0].team_id
    contacts = _contacts(session, rng, team_id, people)
    everyone = [rep.person for rep in reps] + contacts
    ties = _Ties(rng, reps, utc_today())
    ties.weave(contacts, relationships)
    session.add_all(ties.made)

    groups: list[Group] = []
    for name, size in ASSOCIATIONS:
        groups.append(_group(session, rng, team_id, name, "association", size, everyone))
    for name, size in EVENTS:
        groups.append(_group(session, rng, team_id, name, "event", size, everyone))
    session.flush()
    _outreach(session, rng, reps[0], contacts)
    _introductions(session, reps[0], contacts)
    return {
        "team": DEMO_TEAM, "login": REPS[0][0], "people": len(everyone),
        "relationships": len(ties.made), "groups": len(groups),
    }


def _reps(session: Session) -> list[Any]:
    reps = [
        create_user(session, email, DEMO_PASSWORD, team_name=DEMO_TEAM, name=name, is_admin=i == 0)
        for i, (email, name) in enumerate(REPS)
    ]
    for i, rep in enumerate(reps):
        rep.person.company = "Referrals Demo Co"
        rep.person.title = "Account Executive"
        rep.person.phone = f"+1-555-010-20{30 + i}"
        rep.person.timezone = "America/Chicago"
    return reps


def _contacts(session: Session, rng: random.Random, team_id: int, people: int) -> list[Person]:
    """`people` contacts with distinct names, spread over the companies in turn."""
    contacts: list[Person] = []
    used_names: set[str] = set()
    while len(contacts) < people:
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        if name in used_names:
            continue
        used_names.add(name)
        company, tz = COMPANIES[len(contacts) % len(COMPANIES)]
        contacts.append(_contact(rng, team_id, name, company, tz))
    session.add_all(contacts)
    session.flush()
    return contacts


def _contact(rng: random.Random, team_id: int, name: str, company: str, tz: str) -> Person:
    roles = _roles(rng)
    slug = name.lower().replace(" ", ".")
    domain = company.lower().replace("&", "and").replace(" ", "").replace("-", "") + ".example"
    prospect = "prospect" in roles
    return Person(
        team_id=team_id,
        name=name,
        company=company,
        title=rng.choice(TITLES),
        email=f"{slug}@{domain}",
        phone=f"+1-555-{rng.randint(100, 999)}-{rng.randint(1000, 9999)}",
        timezone=tz,
        is_customer="customer" in roles,
        is_reference="reference" in roles,
        is_advocate="advocate" in roles,
        is_prospect=prospect,
        do_not_contact=rng.random() < 0.04,
        deal_value=Decimal(rng.choice(DEAL_VALUES)) if prospect else None,
        notes="",
        pressing_issues=(
            sorted(rng.sample(ISSUES, rng.randint(1, 2)), key=ISSUES.index) if prospect else []
        ),
    )


class _Ties:
    """The demo's relationships: one per pair and kind, recorded by a random rep."""

    def __init__(self, rng: random.Random, reps: list[Any], today: date) -> None:
        self.rng, self.reps, self.today = rng, reps, today
        self.pairs: set[tuple[int, int, str]] = set()
        self.made: list[Relationship] = []

    def add(self, a: Person, b: Person, kind: str, rating: int | None = None) -> None:
        low, high = sorted((a.id, b.id))
        if low == high or (low, high, kind) in self.pairs:
            return
        self.pairs.add((low, high, kind))
        rng = self.rng
        rel = Relationship(
            team_id=a.team_id,
            kind=kind,
            rating=rating or _rating(rng, kind),
            notes="",
            last_interaction=(
                self.today - timedelta(days=rng.randint(3, 900)) if rng.random() < 0.8 else None
            ),
            recorded_by_id=rng.choice(self.reps).id,
        )
        rel.set_people(a.id, b.id)
        self.made.append(rel)

    def weave(self, contacts: list[Person], target: int) -> None:
        """Each rep knows their own customers, references and advocates well, and a few
        others; colleagues know each other inside each company; then ties across companies
        until there are `target`."""
        rng, reps = self.rng, self.reps
        warm = [p for p in contacts if p.is_customer or p.is_advocate or p.is_reference]
        for i, rep in enumerate(reps):
            for person in warm[i::len(reps)]:
                self.add(rep.person, person, "customer", rng.choice([4, 5, 5]))
            for person in rng.sample(contacts, 12):
                self.add(rep.person, person,
                         rng.choice(["acquaintance", "friend", "former_colleague"]))
        by_company: dict[str, list[Person]] = {}
        for person in contacts:
            by_company.setdefault(person.company or "", []).append(person)
        for staff in by_company.values():
            for a, b in zip(staff, staff[1:], strict=False):
                self.add(a, b, "colleague")
        kinds, weights = zip(*KIND_WEIGHTS.items(), strict=True)
        while len(self.made) < target:
            a, b = rng.sample(contacts, 2)
            self.add(a, b, rng.choices(kinds, weights)[0])


def _roles(rng: random.Random) -> set[str]:
    roll = rng.random()
    if roll < 0.35:
        return {"prospect"}
    if roll < 0.55:
        return {"customer"}
    if roll < 0.67:
        return {"customer", "reference"}
    if roll < 0.75:
        return {"customer", "reference", "advocate"}
    if roll < 0.80:
        return {"customer", "advocate"}
    return set()


def _rating(rng: random.Random, kind: str) -> int:
    base = {"family": 5, "friend": 4, "customer": 4, "referral": 4, "colleague": 3,
            "former_colleague": 3, "acquaintance": 2}[kind]
    return max(1, min(5, base + rng.choice([-1, 0, 0, 1])))


def _group(session: Session, rng: random.Random, team_id: int, name: str, kind: str,
           size: int, everyone: list[Person]) -> Group:
    group = Group(team_id=team_id, name=name, kind=kind, notes="")
    session.add(group)
    session.flush()
    for person in rng.sample(everyone, min(size, len(everyone))):
        session.add(GroupMembership(group_id=group.id, person_id=person.id, team_id=team_id))
    return group


def _outreach(session: Session, rng: random.Random, rep: Any, contacts: list[Person]) -> None:
    """The value library, and a few weeks of the first rep's touches: one prospect who keeps
    not calling back (stalled), one who called back, a few with a first voicemail left."""
    items = [ValueItem(team_id=rep.team_id, title=title, kind=kind, issues=issues, pitch=pitch,
                       short=short, created_by_id=rep.id)
             for title, kind, issues, pitch, short in VALUE_ITEMS]
    session.add_all(items)
    session.flush()
    prospects = [p for p in contacts if p.is_prospect and not p.do_not_contact]
    now = utc_now()

    def touch(person: Person, days_ago: int, channel: str, outcome: str | None,
              item: ValueItem | None = None, notes: str = "") -> None:
        at = datetime.combine((now - timedelta(days=days_ago)).date(), time(14, 30), tzinfo=UTC)
        session.add(Touch(team_id=rep.team_id, person_id=person.id, user_id=rep.id,
                          channel=channel, outcome=outcome, occurred_at=at, notes=notes,
                          value_item_id=item.id if item else None))

    stalled, called_back, *fresh = prospects[:6]
    touch(stalled, 12, "call", "no_answer")
    touch(stalled, 9, "voicemail", "voicemail_left", items[0], "Mentioned the changeover study.")
    touch(stalled, 5, "email", None, items[1], "Sent the freight index.")
    touch(stalled, 2, "voicemail", "voicemail_left", items[1], "Said I'd e-mailed the index.")
    touch(called_back, 6, "voicemail", "voicemail_left", items[4], "Left the margins story.")
    touch(called_back, 1, "call", "callback_received", notes="Wants numbers for two plants.")
    for person in fresh:
        touch(person, rng.randint(1, 4), "voicemail", "voicemail_left", rng.choice(items))


def _introductions(session: Session, rep: Any, contacts: list[Person]) -> None:
    """Two of the first rep's introduction requests: one asked, one the helper agreed to."""
    reachable = [p for p in contacts if not p.do_not_contact]
    prospects = [p for p in reachable if p.is_prospect][6:8]  # past the outreach demo's six
    helpers = [p for p in reachable if p.is_advocate and not p.is_prospect][:2]
    for prospect, helper, status in zip(prospects, helpers, ("asked", "agreed"), strict=False):
        request = introductions.create_introduction_request(
            session, rep, prospect.id, helper.id, status="asked", confirm_over_cap=True)
        if status == "agreed":
            introductions.change_introduction_status(session, rep, request, "agreed",
                                                 note="Said she'd e-mail us both this week.")
