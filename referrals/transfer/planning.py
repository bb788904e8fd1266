"""Deciding, before anything is written, what each row of a file will do.

`plan_import` is a pure function of the parsed file and a `Snapshot` of the team: it
matches people (by e-mail, else by normalized name and company), spots conflicts and rows
repeated within the file, and returns a `Plan` – what to create and update, and one
`Outcome` (row, action, message) per row – that `services.apply_plan` writes in bulk.

New objects are referred to by negative numbers (-1 is the first new person or group)
until the database gives them ids.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, Literal

from email_validator import EmailNotValidError, validate_email

from referrals.database import max_amount
from referrals.models import Person
from referrals.people.services import is_valid_timezone
from referrals.text import web_address_problem
from referrals.transfer.records import (
    PERSON_LIMITS,
    ContactRecord,
    MemberRecord,
    ParsedFile,
    PersonRef,
    TieRecord,
    TouchRecord,
    normalize,
    person_key,
)
from referrals.vocab import (
    COMPANY_SIZES,
    GROUP_KINDS,
    RELATIONSHIP_KINDS,
    ROLES,
    TOUCH_CHANNELS,
    TOUCH_OUTCOMES,
)

Action = Literal["create", "update", "skip", "error"]
# Optional text columns of people beyond the basics, carried in `ContactRecord.extra`.
EXTRA_FIELDS = ("industry", "company_size", "region", "profile_url")
FILLABLE = ("company", "title", "email", "phone", "timezone", "deal_value", "notes",
            *EXTRA_FIELDS)
MAX_DEAL_VALUE = max_amount(Person.deal_value)
LINKEDIN_TIE_KIND = "acquaintance"
LINKEDIN_TIE_RATING = 2
DEFAULT_RATING = 3


@dataclass(frozen=True)
class Outcome:
    """What one row does, and what the row holds (`details`: its name, company… as read),
    so the rep can check the file was read right before importing it."""

    row: int
    action: Action
    message: str
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Snapshot:
    """What the plan needs to know of the team, loaded once (see services.load_snapshot)."""

    people: dict[int, dict[str, Any]] = field(default_factory=dict)
    ties: dict[tuple[int, int, str], dict[str, Any]] = field(default_factory=dict)
    groups: dict[tuple[str, str], int] = field(default_factory=dict)
    memberships: set[tuple[int, int]] = field(default_factory=set)
    touches: set[tuple[int, str, datetime]] = field(default_factory=set)
    rep_person_id: int | None = None

    @property
    def pairs(self) -> set[tuple[int, int]]:
        return {(low, high) for low, high, _ in self.ties}


@dataclass
class Plan:
    kind: str
    format: str
    outcomes: list[Outcome] = field(default_factory=list)
    new_people: list[dict[str, Any]] = field(default_factory=list)
    person_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    new_ties: list[dict[str, Any]] = field(default_factory=list)
    tie_updates: dict[int, dict[str, Any]] = field(default_factory=dict)
    new_groups: list[dict[str, Any]] = field(default_factory=list)
    new_memberships: list[tuple[int, int]] = field(default_factory=list)
    new_touches: list[dict[str, Any]] = field(default_factory=list)
    rep_ties: int = 0  # ties from the rep to LinkedIn connections, beyond the file's own
    rep_ties_dated: int = 0  # existing ties to connections given the day the rep connected

    def count(self, action: Action) -> int:
        return sum(1 for o in self.outcomes if o.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def skipped(self) -> int:
        return self.count("skip") + self.count("error")

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == "error"]

    @property
    def writes_anything(self) -> bool:
        return bool(self.new_people or self.person_updates or self.new_ties
                    or self.tie_updates or self.new_groups or self.new_memberships
                    or self.new_touches)

    @staticmethod
    def filled_details(outcomes: list[Outcome]) -> set[str]:
        """The details (name, company…) that at least one of `outcomes` has a value for."""
        return {key for o in outcomes for key, value in o.details.items() if value}

    def summary(self) -> dict[str, Any]:
        """The API's answer: counts and the rows that could not be imported."""
        return {"created": self.created, "updated": self.updated, "skipped": self.skipped,
                "errors": [{"row": o.row, "message": o.message} for o in self.errors]}


def as_utc(moment: datetime) -> datetime:
    """A timestamp in UTC (SQLite hands back naive ones; every timestamp is stored in UTC)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@lru_cache(maxsize=65536)
def checked_email(value: str) -> str | None:
    """The address in lower case, or None when it is not an e-mail address."""
    try:
        return validate_email(value, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def contact_details(record: ContactRecord) -> dict[str, str]:
    """What a contact row holds, as the file gave it, for the preview."""
    return {"name": " ".join(record.name.split()), "company": record.company or "",
            "title": record.title or "", "email": ", ".join(record.emails),
            "phone": ", ".join(record.phones)}


class Planner:
    def __init__(self, parsed: ParsedFile, snapshot: Snapshot, today: date,
                 roles: Collection[str] = (), roles_for_existing: bool = False) -> None:
        self.plan = Plan(parsed.kind, parsed.format)
        self.snap = snapshot
        self.today = today
        self.roles = [role for role in ROLES if role in roles]
        self.roles_for_existing = roles_for_existing
        self.by_email: dict[str, int] = {}
        self.by_key: dict[tuple[str, str], int] = {}
        self.by_doc_id: dict[str, int] = {}
        for pid, person in snapshot.people.items():
            if person["email"]:
                self.by_email.setdefault(person["email"].lower(), pid)
            self.by_key.setdefault(person_key(person["name"], person["company"]), pid)
        self.planned_ties: dict[tuple[int, int, str], int] = {}
        self.pairs = snapshot.pairs
        self.group_refs = dict(snapshot.groups)
        self.planned_members: dict[tuple[int, int], int] = {}
        self.shown: Mapping[str, str] = {}  # what the row being planned holds

    # --- helpers ------------------------------------------------------------------------

    def add(self, row: int, action: Action, message: str, section: str = "") -> None:
        """One outcome for the row being planned (whose details are `self.shown`)."""
        if self.plan.kind == "team" and section:
            message = f"{section}: {message}"
        self.plan.outcomes.append(Outcome(row, action, message, self.shown))

    def person(self, ref: int) -> dict[str, Any]:
        return self.plan.new_people[-ref - 1] if ref < 0 else self.snap.people[ref]

    def name_of(self, ref: int) -> str:
        return self.person(ref)["name"]

    def resolve(self, ref: PersonRef) -> int | None:
        if ref.ref is not None:
            return self.by_doc_id.get(ref.ref)
        if ref.email:
            return self.by_email.get(ref.email.lower())
        if ref.name:
            return self.by_key.get(person_key(ref.name, ref.company))
        return None

    # --- contacts -----------------------------------------------------------------------

    def contacts(self, records: list[ContactRecord], link_rep: bool) -> None:
        seen: dict[int, int] = {}  # person ref -> the first row of this file naming them
        for record in records:
            self.shown = contact_details(record)
            values, error = self._person_values(record)
            if error:
                self.add(record.row, "error", error, "Person")
                continue
            emails = values.pop("_emails")
            match, error = self._match(record, values, emails)
            if error:
                self.add(record.row, "error", error, "Person")
                continue
            if match is None or self.roles_for_existing:
                values.update({f"is_{role}": True for role in self.roles})
            if match is None:
                match = -(len(self.plan.new_people) + 1)
                values["email"] = emails[0] if emails else None
                self.plan.new_people.append(values)
                self.add(record.row, "create", f"New person: {record.name}.", "Person")
            elif match in seen:
                self._fill(match, values, emails)
                self.add(record.row, "skip", f"Same person as row {seen[match]}.", "Person")
            else:
                filled = self._fill(match, values, emails)
                if filled:
                    self.add(record.row, "update",
                             f"Fills in {', '.join(filled)} for {self.name_of(match)}.", "Person")
                else:
                    self.add(record.row, "skip",
                             f"{self.name_of(match)} is already up to date.", "Person")
            seen.setdefault(match, record.row)
            for email in emails:
                self.by_email.setdefault(email, match)
            self.by_key.setdefault(person_key(record.name, record.company), match)
            if record.ref is not None:
                self.by_doc_id[record.ref] = match
            if link_rep:
                self._link_rep(match, record)

    def _person_values(self, record: ContactRecord) -> tuple[dict[str, Any], str | None]:
        if record.problem:
            return {}, record.problem
        name = " ".join(record.name.split())
        if not name:
            return {}, "This row has no name."
        values: dict[str, Any] = {
            "name": name, "company": record.company, "title": record.title,
            "phone": record.phones[0] if record.phones else None,
            "timezone": record.timezone or None, "deal_value": record.deal_value,
            "do_not_contact": bool(record.do_not_contact),
        }
        for name in EXTRA_FIELDS:
            values[name] = record.extra.get(name) or None
            column = Person.__table__.c[name]
            if values[name] and len(values[name]) > (column.type.length or 10**6):
                return {}, f"The {name.replace('_', ' ')} is too long."
        url = values.get("profile_url")
        if url and web_address_problem(url):
            return {}, (f"'{url}' is not a profile address: use one that starts with "
                        "https:// or http://.")
        size = values.get("company_size")
        if size and size not in COMPANY_SIZES:
            return {}, f"'{size}' is not a company size; use one of {', '.join(COMPANY_SIZES)}."
        for field_name, limit in PERSON_LIMITS.items():
            value = values.get(field_name)
            if isinstance(value, str) and len(value) > limit:
                return {}, f"The {field_name} is longer than {limit} characters."
        if values["timezone"] and not is_valid_timezone(values["timezone"]):
            return {}, f"'{values['timezone']}' is not a time zone name such as America/Chicago."
        if values["deal_value"] is not None and values["deal_value"] > MAX_DEAL_VALUE:
            return {}, "The deal value is too large."
        emails = []
        for raw in record.emails:
            email = checked_email(raw.strip())
            if email is None:
                return {}, f"'{raw}' is not a valid e-mail address."
            if len(email) > PERSON_LIMITS["email"]:
                return {}, f"The e-mail is longer than {PERSON_LIMITS['email']} characters."
            if email not in emails:
                emails.append(email)
        extras = []
        if len(emails) > 1:
            extras.append("Other e-mails: " + ", ".join(emails[1:]))
        if len(record.phones) > 1:
            extras.append("Other phones: " + ", ".join(record.phones[1:]))
        values["notes"] = "\n".join(p for p in (record.notes.strip(), *extras) if p)
        for role in ROLES:
            values[f"is_{role}"] = role in (record.roles or ())
        values["_emails"] = emails
        return values, None

    def _match(self, record: ContactRecord, values: dict[str, Any],
               emails: list[str]) -> tuple[int | None, str | None]:
        for email in emails:
            match = self.by_email.get(email)
            if match is not None:
                if normalize(self.name_of(match)) != normalize(values["name"]):
                    return None, (f"The e-mail {email} belongs to {self.name_of(match)}, "
                                  f"not {values['name']}; not merged.")
                return match, None
        match = self.by_key.get(person_key(values["name"], values["company"]))
        if match is not None and match < 0 and record.ref is not None:
            return None, None  # two people of a team export are two people, even if alike
        return match, None

    def _fill(self, ref: int, values: dict[str, Any], emails: list[str]) -> list[str]:
        """Copy into the person's empty fields; the names of the fields filled."""
        current = self.person(ref)
        pending = self.plan.new_people[-ref - 1] if ref < 0 else \
            self.plan.person_updates.setdefault(ref, {})
        incoming = dict(values, email=next((e for e in emails if e not in self.by_email), None))
        filled = []
        for name in FILLABLE:
            if incoming.get(name) not in (None, "") and current.get(name) in (None, "") \
                    and pending.get(name) in (None, ""):
                pending[name] = incoming[name]
                filled.append(name.replace("_", " "))
        for flag in ["do_not_contact", *(f"is_{role}" for role in ROLES)]:
            if incoming.get(flag) and not current.get(flag) and not pending.get(flag):
                pending[flag] = True
                filled.append(flag.removeprefix("is_").replace("_", " "))
        if ref > 0 and not pending:
            del self.plan.person_updates[ref]
        return filled

    def _link_rep(self, ref: int, record: ContactRecord) -> None:
        """Tie the rep to a LinkedIn connection, dated from the day they connected: the one
        contact the file proves (a date in the future proves nothing and is left out)."""
        rep = self.snap.rep_person_id
        if rep is None or ref == rep:
            return
        met = record.connected_on
        if met is not None and met > self.today:
            met = None
        pair = (min(rep, ref), max(rep, ref))
        if pair in self.pairs:
            self._date_rep_tie(pair, met)
            return
        self.pairs.add(pair)
        on = f" on {met.isoformat()}" if met else ""
        self.plan.new_ties.append({
            "person_a": rep, "person_b": ref, "kind": LINKEDIN_TIE_KIND,
            "rating": LINKEDIN_TIE_RATING, "last_interaction": met,
            "notes": f"Connected on LinkedIn{on}.",
        })
        self.plan.rep_ties += 1

    def _date_rep_tie(self, pair: tuple[int, int], met: date | None) -> None:
        """An existing LinkedIn-kind tie takes the connection day when it knows no later one."""
        existing = self.snap.ties.get((*pair, LINKEDIN_TIE_KIND))
        if met is None or existing is None or existing["id"] in self.plan.tie_updates:
            return
        if existing["last_interaction"] is None or existing["last_interaction"] < met:
            self.plan.tie_updates[existing["id"]] = {"last_interaction": met}
            self.plan.rep_ties_dated += 1

    # --- ties ---------------------------------------------------------------------------

    def ties(self, records: list[TieRecord]) -> None:
        for record in records:
            self.shown = {"a": record.a.describe(), "b": record.b.describe(),
                          "kind": record.kind.replace("_", " ")}
            error = self._tie_problem(record)
            a = self.resolve(record.a)
            b = self.resolve(record.b)
            if not error and a is None:
                error = f"No one in your team matches {record.a.describe()}."
            if not error and b is None:
                error = f"No one in your team matches {record.b.describe()}."
            if not error and a == b:
                error = "Both sides of this tie are the same person."
            if error or a is None or b is None:
                self.add(record.row, "error", error or "", "Relationship")
                continue
            key = (min(a, b), max(a, b), record.kind)
            label = f"{self.name_of(a)} – {self.name_of(b)} ({record.kind.replace('_', ' ')})"
            if key in self.planned_ties:
                self.add(record.row, "skip", f"Same tie as row {self.planned_ties[key]}.",
                         "Relationship")
                continue
            self.planned_ties[key] = record.row
            existing = self.snap.ties.get(key) if a > 0 and b > 0 else None
            if existing is None:
                self.plan.new_ties.append({
                    "person_a": a, "person_b": b, "kind": record.kind,
                    "rating": record.rating or DEFAULT_RATING,
                    "last_interaction": record.last_interaction, "notes": record.notes,
                })
                self.pairs.add(key[:2])
                self.add(record.row, "create", f"New tie: {label}.", "Relationship")
                continue
            changes: dict[str, Any] = {}
            if record.last_interaction and (existing["last_interaction"] is None
                                            or record.last_interaction
                                            > existing["last_interaction"]):
                changes["last_interaction"] = record.last_interaction
            if record.notes and not existing["notes"]:
                changes["notes"] = record.notes
            if changes:
                self.plan.tie_updates[existing["id"]] = changes
                self.add(record.row, "update",
                         f"Updates {', '.join(c.replace('_', ' ') for c in changes)} of {label}.",
                         "Relationship")
            else:
                self.add(record.row, "skip", f"{label} is already recorded.", "Relationship")

    def _tie_problem(self, record: TieRecord) -> str | None:
        if record.problem:
            return record.problem
        if record.kind not in RELATIONSHIP_KINDS:
            shown = record.kind or "(blank)"
            return f"'{shown}' is not a kind of tie; use one of {', '.join(RELATIONSHIP_KINDS)}."
        if record.rating is not None and not 1 <= record.rating <= 5:
            return "Rate the tie from 1 (barely know) to 5 (close)."
        if record.last_interaction and record.last_interaction > self.today:
            return "The last interaction can't be in the future."
        return None

    # --- group memberships --------------------------------------------------------------

    def members(self, records: list[MemberRecord]) -> None:
        for record in records:
            self.shown = {"group": " ".join(record.group.split()),
                          "person": "" if record.person == PersonRef()
                          else record.person.describe()}
            name = " ".join(record.group.split())
            if not name:
                self.add(record.row, "error", "This row has no group name.", "Group")
                continue
            if len(name) > 200:
                self.add(record.row, "error", "The group name is longer than 200 characters.",
                         "Group")
                continue
            if record.group_kind not in GROUP_KINDS:
                self.add(record.row, "error", f"'{record.group_kind}' is not a kind of group; "
                         f"use one of {', '.join(GROUP_KINDS)}.", "Group")
                continue
            person = None
            if record.person != PersonRef():
                person = self.resolve(record.person)
                if person is None:
                    self.add(record.row, "error",
                             f"No one in your team matches {record.person.describe()}.", "Group")
                    continue
            group, new_group = self._group(name, record)
            if person is None:
                self.add(record.row, "create" if new_group else "skip",
                         f"New group: {name}." if new_group else f"{name} already exists.",
                         "Group")
                continue
            key = (group, person)
            label = f"{self.name_of(person)} in {name}"
            if key in self.planned_members:
                self.add(record.row, "skip", f"Same as row {self.planned_members[key]}.",
                         "Group")
            elif group > 0 and person > 0 and key in self.snap.memberships:
                self.add(record.row, "skip", f"{label}: already a member.", "Group")
            else:
                self.plan.new_memberships.append(key)
                self.add(record.row, "create", f"Adds {label}"
                         f"{' (a new group)' if new_group else ''}.", "Group")
            self.planned_members.setdefault(key, record.row)

    def _group(self, name: str, record: MemberRecord) -> tuple[int, bool]:
        key = (name.casefold(), record.group_kind)
        if key in self.group_refs:
            return self.group_refs[key], False
        ref = -(len(self.plan.new_groups) + 1)
        self.plan.new_groups.append({"name": name, "kind": record.group_kind,
                                     "notes": record.group_notes})
        self.group_refs[key] = ref
        return ref, True


    # --- touches (team exports) ---------------------------------------------------------

    def touches(self, records: list[TouchRecord]) -> None:
        planned: dict[tuple[int, str, datetime], int] = {}
        for record in records:
            self.shown = {"person": record.person.describe(),
                          "channel": record.channel.replace("_", " ")}
            person = self.resolve(record.person)
            error = None
            if record.channel not in TOUCH_CHANNELS:
                error = f"'{record.channel}' is not a channel of outreach."
            elif record.outcome is not None and record.outcome not in TOUCH_OUTCOMES:
                error = f"'{record.outcome}' is not an outcome of outreach."
            elif person is None:
                error = f"No one in your team matches {record.person.describe()}."
            if error or person is None:
                self.add(record.row, "error", error or "", "Touch")
                continue
            key = (person, record.channel, as_utc(record.occurred_at))
            if key in planned or (person > 0 and key in self.snap.touches):
                self.add(record.row, "skip", "Already recorded.", "Touch")
                continue
            planned[key] = record.row
            self.plan.new_touches.append({
                "person_id": person, "channel": record.channel, "outcome": record.outcome,
                "occurred_at": key[2], "notes": record.notes})
            self.add(record.row, "create",
                     f"{record.channel.replace('_', ' ').capitalize()} to {self.name_of(person)}.",
                     "Touch")


def plan_import(parsed: ParsedFile, snapshot: Snapshot, *, today: date,
                roles: Collection[str] = (), roles_for_existing: bool = False) -> Plan:
    """What importing `parsed` into the team of `snapshot` would do, row by row.

    `roles` are given to the people the import creates, and with `roles_for_existing` also
    to the people already in the team that the file names.
    """
    planner = Planner(parsed, snapshot, today, roles, roles_for_existing)
    planner.contacts(parsed.contacts, link_rep=parsed.format == "linkedin")
    planner.ties(parsed.ties)
    planner.members(parsed.members)
    planner.touches(parsed.touches)
    return planner.plan
