"""vCard 3.0 and 4.0 files, read and written with `vobject`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import vobject

from referrals.errors import ValidationFailed
from referrals.transfer.records import ContactRecord, ParsedFile


def is_vcard(text: str) -> bool:
    return text.lstrip()[:11].upper() == "BEGIN:VCARD"


def parse_vcards(text: str) -> ParsedFile:
    """Every card of the file as a contact; `row` is the line where the card begins."""
    starts = [number for number, line in enumerate(text.splitlines(), start=1)
              if line.strip().upper() == "BEGIN:VCARD"]
    contacts: list[ContactRecord] = []
    try:
        for index, card in enumerate(vobject.readComponents(text, ignoreUnreadable=True)):
            row = starts[index] if index < len(starts) else index + 1
            contacts.append(_contact(row, card))
    except Exception as exc:  # vobject raises several kinds of error for a broken card
        line = len(contacts)
        where = f" near the card at line {starts[line]}" if line < len(starts) else ""
        raise ValidationFailed(
            f"The vCard file could not be read{where}.", {"file": [str(exc)[:200]]}
        ) from None
    if not contacts:
        raise ValidationFailed("The file has no vCards.", {"file": ["No BEGIN:VCARD found."]})
    return ParsedFile("contacts", "vcard", contacts=contacts)


def _values(card: Any, name: str) -> list[Any]:
    return [line.value for line in card.contents.get(name, [])]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return " ".join(str(v).strip() for v in value if str(v).strip())
    return str(value or "").strip()


def _contact(row: int, card: Any) -> ContactRecord:
    name = _text((_values(card, "fn") or [""])[0])
    if not name and card.contents.get("n"):
        n = card.n.value
        name = " ".join(p for p in (_text(n.prefix), _text(n.given), _text(n.additional),
                                    _text(n.family), _text(n.suffix)) if p)
    org = (_values(card, "org") or [None])[0]
    company = org[0].strip() if isinstance(org, list) and org else _text(org) or None
    phones = [_text(v).removeprefix("tel:") for v in _values(card, "tel") if _text(v)]
    emails = [_text(v).removeprefix("mailto:").lower() for v in _values(card, "email")
              if _text(v)]
    notes = "\n".join(_text(v) for v in _values(card, "note") if _text(v))
    title = _text((_values(card, "title") or [""])[0]) or None
    return ContactRecord(row=row, name=name, company=company or None, title=title,
                         emails=emails, phones=phones, notes=notes)


def people_to_vcards(people: Iterable[Mapping[str, Any]]) -> str:
    """vCard 3.0 text for people given as mappings of Person fields."""
    cards = []
    for person in people:
        card = vobject.vCard()
        card.add("fn").value = person["name"]
        given, _, family = person["name"].rpartition(" ")
        card.add("n").value = vobject.vcard.Name(family=family, given=given)
        if person.get("company"):
            card.add("org").value = [person["company"]]
        if person.get("title"):
            card.add("title").value = person["title"]
        if person.get("email"):
            line = card.add("email")
            line.value = person["email"]
            line.type_param = "INTERNET"
        if person.get("phone"):
            card.add("tel").value = person["phone"]
        if person.get("notes"):
            card.add("note").value = person["notes"]
        cards.append(card.serialize())
    return "".join(cards)
