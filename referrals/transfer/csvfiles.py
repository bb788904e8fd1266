"""CSV files: the dialect, the header, the layout (LinkedIn, Google, Outlook, ties, group
memberships or any other CSV with a column mapping) and the records they hold."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from referrals.errors import ValidationFailed
from referrals.transfer.records import (
    ContactRecord,
    MemberRecord,
    ParsedFile,
    PersonRef,
    TieRecord,
    clean,
    parse_bool,
    parse_date,
    web_pages,
)
from referrals.vocab import ROLES

HEADER_SEARCH_ROWS = 30  # LinkedIn puts a few lines of notes before its header
SNIFF_BYTES = 64 * 1024
LINKEDIN_HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"

# Fields a generic CSV column can be mapped to, with the headers that map by themselves.
MAPPABLE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "full_name", "fullname", "contact", "contact_name", "display_name"),
    "first_name": ("first_name", "first", "firstname", "given_name", "forename"),
    "last_name": ("last_name", "last", "lastname", "surname", "family_name"),
    "email": ("email", "e_mail", "email_address", "e_mail_address", "mail", "work_email"),
    "company": ("company", "organization", "organisation", "company_name", "employer",
                "account", "account_name"),
    "title": ("title", "job_title", "position", "job"),
    "phone": ("phone", "phone_number", "mobile", "mobile_phone", "telephone", "tel", "cell",
              "work_phone"),
    "notes": ("notes", "note", "comments", "comment"),
    "timezone": ("timezone", "time_zone", "tz"),
    "roles": ("roles",),
    "do_not_contact": ("do_not_contact", "dnc"),
    "deal_value": ("deal_value",),
    "industry": ("industry", "sector"),
    "company_size": ("company_size", "employees", "headcount"),
    "region": ("region", "territory"),
    "profile_url": ("profile_url", "profile_address", "linkedin_url", "linkedin_profile"),
}
FIELD_LABELS = {
    "": "Ignore this column", "name": "Full name", "first_name": "First name",
    "last_name": "Last name", "email": "E-mail", "company": "Company", "title": "Job title",
    "phone": "Phone", "notes": "Notes", "timezone": "Time zone", "roles": "Roles",
    "do_not_contact": "Do not contact", "deal_value": "Deal value", "industry": "Industry",
    "company_size": "Company size", "region": "Region", "profile_url": "Profile address",
}
FORMATS = ("linkedin", "google", "outlook", "ties", "members", "csv")


class NotContacts(ValidationFailed):
    def __init__(self, message: str) -> None:
        super().__init__(message, {"file": [message]})


def slug(header: str) -> str:
    """'E-mail Address ' -> 'e_mail_address'."""
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def read_rows(text: str) -> list[list[str]]:
    """Every record of the file (blank lines as []), in the file's own dialect."""
    sample_start = text.find(LINKEDIN_HEADER)
    sample = text[max(sample_start, 0):][:SNIFF_BYTES]
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    try:
        sniffed = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        if sniffed.delimiter != ",":
            class Sniffed(csv.excel):  # trust the sniffer for the delimiter only
                delimiter = sniffed.delimiter
            dialect = Sniffed
    except csv.Error:
        pass
    try:
        # newline="" keeps the line breaks inside quoted cells as they are.
        return list(csv.reader(io.StringIO(text, newline=""), dialect))
    except csv.Error as exc:
        raise NotContacts(f"The file could not be read as CSV: {exc}.") from None


def detect(header: list[str]) -> str:
    """The layout a header row belongs to."""
    names = {h.strip() for h in header}
    slugs = {slug(h) for h in header}
    if {"First Name", "Last Name", "Connected On"} <= names:
        return "linkedin"
    if any(re.fullmatch(r"E-mail \d+ - Value", n) for n in names) or "Given Name" in names \
            or "Organization 1 - Name" in names:
        return "google"
    if "E-mail Address" in names and ({"Job Title", "Business Phone", "Mobile Phone"} & names):
        return "outlook"
    if {"a_email", "b_email"} <= slugs or {"a_name", "b_name"} <= slugs:
        return "ties"
    if {"group", "email"} <= slugs:
        return "members"
    return "csv"


def _find_header(rows: list[list[str]], wanted: str | None) -> int:
    """Index of the header row: the first one of a known layout, else the first non-empty."""
    first = None
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if not any(cell.strip() for cell in row):
            continue
        if first is None:
            first = index
        layout = detect(row)
        if layout != "csv" and (wanted in (None, "csv") or layout == wanted):
            return index
        if wanted == "linkedin" and row[:2] == ["First Name", "Last Name"]:
            return index
    if first is None:
        raise NotContacts("The file has no rows.")
    return first


def parse_csv(text: str, wanted: str | None = None,
              mapping: dict[int, str] | None = None) -> ParsedFile:
    """Read a CSV file of contacts, ties or memberships (`wanted` forces the layout)."""
    rows = read_rows(text)
    header_index = _find_header(rows, wanted)
    header = [cell.strip() for cell in rows[header_index]]
    # "csv" says only "a CSV file": its header still tells which kind.
    layout = wanted if wanted not in (None, "csv") else detect(header)
    body = [(number, row) for number, row in enumerate(rows[header_index + 1:],
                                                      start=header_index + 2)
            if any(cell.strip() for cell in row)]
    if layout == "ties":
        return ParsedFile("ties", "ties", ties=[_tie(n, _cells(header, r)) for n, r in body],
                          columns=header)
    if layout == "members":
        return ParsedFile("members", "members",
                          members=[_member(n, _cells(header, r)) for n, r in body],
                          columns=header)
    if layout in LAYOUTS:
        reader = LAYOUTS[layout]
        contacts = [reader(n, _cells(header, r)) for n, r in body]
        parsed = ParsedFile("contacts", layout, contacts=contacts, columns=header)
        if not {"First Name", "Last Name", "Name", "Given Name", "Family Name"} & set(header):
            raise NotContacts("The file has no name column, so it does not look like contacts.")
        return parsed
    return _generic(header, body, mapping)


def _cells(header: list[str], row: list[str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for name, value in zip(header, row, strict=False):
        if name and name not in cells:
            cells[name] = clean(value)
    return cells


def _join(*parts: str | None) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _split_multi(value: str) -> list[str]:
    # Google puts several values in one cell separated by " ::: ".
    return [part.strip() for part in value.split(":::") if part.strip()]


def _numbered(cells: dict[str, str], pattern: str) -> list[str]:
    found = []
    for name, value in cells.items():
        if value and re.fullmatch(pattern, name):
            found.extend(_split_multi(value))
    return found


def _linkedin(row: int, c: dict[str, str]) -> ContactRecord:
    record = ContactRecord(
        row=row, name=_join(c.get("First Name"), c.get("Last Name")),
        company=c.get("Company") or None, title=c.get("Position") or None,
        emails=[c["Email Address"]] if c.get("Email Address") else [],
        extra={"profile_url": c.get("URL") or None},  # checked by the planner like any field
    )
    try:
        record.connected_on = parse_date(c.get("Connected On", ""))
    except ValueError:
        pass  # the connection date only annotates the tie; a strange one is no reason to skip
    return record


def _google(row: int, c: dict[str, str]) -> ContactRecord:
    name = c.get("Name") or _join(
        c.get("First Name") or c.get("Given Name"),
        c.get("Middle Name") or c.get("Additional Name"),
        c.get("Last Name") or c.get("Family Name"),
    )
    page, page_note = web_pages(_numbered(c, r"Website \d+ - Value"))
    return ContactRecord(
        row=row, name=name,
        company=c.get("Organization Name") or c.get("Organization 1 - Name") or None,
        title=c.get("Organization Title") or c.get("Organization 1 - Title") or None,
        emails=_numbered(c, r"E-mail \d+ - Value"), phones=_numbered(c, r"Phone \d+ - Value"),
        notes=_lines(c.get("Notes", ""), page_note), extra={"profile_url": page},
    )


OUTLOOK_PHONES = ("Mobile Phone", "Business Phone", "Primary Phone", "Home Phone",
                  "Business Phone 2", "Other Phone", "Company Main Phone")


def _lines(*parts: str) -> str:
    return "\n".join(p for p in parts if p)


def _outlook(row: int, c: dict[str, str]) -> ContactRecord:
    page, page_note = web_pages([c.get("Web Page", "")])
    return ContactRecord(
        row=row, name=_join(c.get("First Name"), c.get("Middle Name"), c.get("Last Name"),
                            c.get("Suffix")),
        company=c.get("Company") or None, title=c.get("Job Title") or None,
        emails=[c[k] for k in ("E-mail Address", "E-mail 2 Address", "E-mail 3 Address")
                if c.get(k)],
        phones=[c[k] for k in OUTLOOK_PHONES if c.get(k)],
        notes=_lines(c.get("Notes", ""), page_note), extra={"profile_url": page},
    )


LAYOUTS: dict[str, Callable[[int, dict[str, str]], ContactRecord]] = {
    "linkedin": _linkedin, "google": _google, "outlook": _outlook,
}


def auto_mapping(header: list[str]) -> dict[int, str]:
    """Column index -> person field for the headers that say what they hold."""
    aliases = {alias: name for name, options in MAPPABLE_FIELDS.items() for alias in options}
    mapping: dict[int, str] = {}
    for index, column in enumerate(header):
        target = aliases.get(slug(column))
        if target and target not in mapping.values():
            mapping[index] = target
    return mapping


def _generic(header: list[str], body: list[tuple[int, list[str]]],
             mapping: dict[int, str] | None) -> ParsedFile:
    mapping = auto_mapping(header) if mapping is None else mapping
    has_name = {"name", "first_name", "last_name"} & set(mapping.values())
    parsed = ParsedFile("contacts", "csv", columns=header, mapping=mapping,
                        needs_mapping=not has_name)
    if has_name:
        parsed.contacts = [_mapped(n, row, mapping) for n, row in body]
    return parsed


def _mapped(row_number: int, row: list[str], mapping: dict[int, str]) -> ContactRecord:
    values: dict[str, str] = {}
    for index, target in mapping.items():
        if target and index < len(row):
            value = clean(row[index])
            if value:
                values[target] = f"{values[target]} {value}" if target in values else value
    record = ContactRecord(
        row=row_number,
        name=values.get("name") or _join(values.get("first_name"), values.get("last_name")),
        company=values.get("company"), title=values.get("title"),
        emails=_split_multi(values.get("email", "").replace(";", ":::")),
        phones=[values["phone"]] if values.get("phone") else [],
        notes=values.get("notes", ""), timezone=values.get("timezone"),
        extra={k: values[k] for k in ("industry", "company_size", "region", "profile_url")
               if k in values},
    )
    try:
        if "roles" in values:
            roles = [r.strip().lower() for r in re.split(r"[;,|]", values["roles"]) if r.strip()]
            unknown = set(roles) - set(ROLES)
            if unknown:
                raise ValueError(f"Unknown roles: {', '.join(sorted(unknown))}.")
            record.roles = roles
        if "do_not_contact" in values:
            record.do_not_contact = parse_bool(values["do_not_contact"])
        if "deal_value" in values:
            record.deal_value = _money(values["deal_value"])
    except ValueError as exc:
        record.problem = str(exc)
    return record


def _money(value: str) -> Decimal:
    try:
        amount = Decimal(value.replace(",", "").replace("$", "").strip())
    except InvalidOperation:
        raise ValueError(f"'{value}' is not an amount.") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"'{value}' is not an amount.")
    return amount


def _ref(c: dict[str, str], side: str) -> PersonRef:
    get = {slug(k): v for k, v in c.items()}.get
    return PersonRef(email=(get(f"{side}_email") or "").lower() or None,
                     name=get(f"{side}_name") or None, company=get(f"{side}_company") or None)


def _tie(row: int, c: dict[str, str]) -> TieRecord:
    get = {slug(k): v for k, v in c.items()}.get
    record = TieRecord(row=row, a=_ref(c, "a"), b=_ref(c, "b"),
                       kind=slug(get("kind") or ""), notes=get("notes") or "")
    try:
        rating = (get("rating") or "").strip()
        record.rating = int(rating) if rating else None
    except ValueError:
        record.problem = f"'{rating}' is not a rating; use a whole number from 1 to 5."
    try:
        record.last_interaction = parse_date(get("last_interaction") or "")
    except ValueError as exc:
        record.problem = str(exc)
    return record


def _member(row: int, c: dict[str, str]) -> MemberRecord:
    get = {slug(k): v for k, v in c.items()}.get
    return MemberRecord(
        row=row, group=get("group") or "", group_kind=slug(get("group_kind") or "association"),
        person=PersonRef(email=(get("email") or "").lower() or None,
                         name=get("name") or None, company=get("company") or None),
    )
