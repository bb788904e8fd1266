"""vCard files (2.1, 3.0 and 4.0): read by a small linear parser, written with `vobject`.

Reading takes only what an import uses (FN, N, ORG, TITLE, EMAIL, TEL, NOTE) and works within
limits – cards per file, lines per card, characters per unfolded line and a time budget per
file – so one hostile or enormous upload is refused with a clear message instead of holding a
worker for seconds (vobject needed ~2.7 s per MB, and longer for a card of many lines).
"""

from __future__ import annotations

import quopri
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import vobject

from referrals.errors import ValidationFailed
from referrals.transfer.records import ContactRecord, ParsedFile, web_pages

MAX_CARDS = 100_000  # per file
MAX_LINES_PER_CARD = 1_000  # unfolded property lines in one card
MAX_LINE_CHARS = 1024 * 1024  # one unfolded line (an embedded photo is the largest)
TIME_BUDGET = 10.0  # seconds of reading per file; 16 MiB of ordinary cards take ~3 s
WANTED = frozenset({"FN", "N", "ORG", "TITLE", "EMAIL", "TEL", "NOTE", "URL"})

_BREAK = re.compile(r"\r\n|\r|\n")
# NAME *(;PARAM) ":" VALUE – a quoted parameter value may hold ; and :
# (possessive: a line without its colon fails at once instead of backtracking)
_CONTENT = re.compile(r'([^";:]*+)((?:;(?:[^";:]++|"[^"]*+")*+)*+):(.*)', re.DOTALL)
_PARAM = re.compile(r';((?:[^";]++|"[^"]*+")*+)')
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"n": "\n", "N": "\n"}


@dataclass
class _Card:
    row: int
    lines: int = 0
    props: dict[str, list[tuple[dict[str, str], str]]] = field(default_factory=dict)


def is_vcard(text: str) -> bool:
    return text.lstrip()[:11].upper() == "BEGIN:VCARD"


def parse_vcards(text: str, *, time_budget: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> ParsedFile:
    """Every card of the file as a contact; `row` is the line where the card begins.

    >>> parsed = parse_vcards("BEGIN:VCARD\\r\\nFN:Ada\\\\, Countess\\r\\nEND:VCARD\\r\\n")
    >>> parsed.contacts[0].name, parsed.contacts[0].row
    ('Ada, Countess', 1)
    """
    contacts: list[ContactRecord] = []
    # Read at call time, not import time, so a test on a loaded machine can widen it.
    budget = TIME_BUDGET if time_budget is None else time_budget
    for card in _cards(text, clock() + budget, clock):
        if len(contacts) == MAX_CARDS:
            raise _refused(f"The file has more than {MAX_CARDS:,} cards; split it into "
                           "smaller files.")
        contacts.append(_contact(card))
    if not contacts:
        raise ValidationFailed("The file has no vCards.", {"file": ["No BEGIN:VCARD found."]})
    return ParsedFile("contacts", "vcard", contacts=contacts)


def _refused(message: str) -> ValidationFailed:
    return ValidationFailed(message, {"file": [message]})


def _broken(row: int, why: str) -> ValidationFailed:
    return ValidationFailed(f"The vCard file could not be read near the card at line {row}.",
                            {"file": [why]})


def _cards(text: str, deadline: float, clock: Callable[[], float]) -> Iterator[_Card]:
    """The cards of `text`, their wanted properties parsed; lines outside cards are ignored."""
    card: _Card | None = None
    for number, line in _unfolded(text):
        if clock() > deadline:
            raise _refused(f"The vCard file took too long to read (stopped at line {number}); "
                           "split it into smaller files.")
        keyword = line.strip().upper()
        if keyword == "BEGIN:VCARD":
            if card is not None:
                raise _broken(card.row, "A card starts before the previous one ends "
                                        "(END:VCARD is missing).")
            card = _Card(number)
        elif card is None:
            continue
        elif keyword == "END:VCARD":
            yield card
            card = None
        else:
            card.lines += 1
            if card.lines > MAX_LINES_PER_CARD:
                raise _broken(card.row, f"The card has more than {MAX_LINES_PER_CARD:,} lines.")
            if len(line) > MAX_LINE_CHARS:
                raise _broken(card.row, f"A line of the card is longer than "
                                        f"{MAX_LINE_CHARS // 1024:,} KiB.")
            if _name(line) in WANTED:
                name, params, value = _split(line)
                card.props.setdefault(name, []).append((params, value))
    if card is not None:
        raise _broken(card.row, "The card has no END:VCARD.")


def _unfolded(text: str) -> Iterator[tuple[int, str]]:
    """(line number, logical line): folded lines joined, as are quoted-printable soft breaks."""
    start, parts = 0, []
    for number, physical in enumerate(_BREAK.split(text), start=1):
        if parts and physical[:1] in (" ", "\t"):
            parts.append(physical[1:])
            continue
        if parts and parts[-1].endswith("=") and _quoted_printable(parts[0]):
            parts[-1] = parts[-1][:-1]  # a soft line break: '=' at the end joins the next
            parts.append(physical)
            continue
        if parts:
            yield start, "".join(parts)
        start, parts = number, [physical]
    if parts:
        yield start, "".join(parts)


def _quoted_printable(first: str) -> bool:
    head = first.partition(":")[0].upper()
    return "QUOTED-PRINTABLE" in head


def _name(line: str) -> str:
    """'item1.EMAIL;TYPE=WORK:a@b' -> 'EMAIL' (cheap: most lines are not read further)."""
    end = len(line)
    for stop in (line.find(";"), line.find(":")):
        if 0 <= stop < end:
            end = stop
    return line[:end].rpartition(".")[2].strip().upper()


def _split(line: str) -> tuple[str, dict[str, str], str]:
    """'item1.EMAIL;TYPE=WORK:a@b' -> ('EMAIL', {'TYPE': 'WORK'}, 'a@b'); no colon: ('', …)."""
    head, colon, value = line.partition(":")
    if not colon:
        return "", {}, ""
    if '"' in head:  # a quoted parameter may hold ':' – the full grammar
        match = _CONTENT.fullmatch(line)
        if not match:
            return "", {}, ""
        head, value = match.group(1) + match.group(2), match.group(3)
    name, _, raw_params = head.partition(";")
    name = name.rpartition(".")[2].strip().upper()
    params: dict[str, str] = {}
    for raw in _PARAM.findall(";" + raw_params) if raw_params else ():
        key, has_value, setting = raw.partition("=")
        if has_value:
            params[key.strip().upper()] = setting.strip().strip('"')
        else:
            params.setdefault("TYPE", key.strip())  # vCard 2.1: TEL;CELL:…
            if key.strip().upper() == "QUOTED-PRINTABLE":
                params["ENCODING"] = "QUOTED-PRINTABLE"
    return name, params, value


def _decoded(params: dict[str, str], value: str) -> str:
    """The value with its transfer encoding undone (vCard 2.1's quoted-printable)."""
    if params.get("ENCODING", "").upper() != "QUOTED-PRINTABLE":
        return value
    raw = quopri.decodestring(value.encode("utf-8", errors="replace"))
    try:
        return raw.decode(params.get("CHARSET") or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return raw.decode("latin-1")


def _unescape(value: str) -> str:
    r"""'a\\, b\\nc' -> 'a, b' + newline + 'c'."""
    return _ESCAPE.sub(lambda m: _UNESCAPED.get(m.group(1), m.group(1)), value)


def _components(value: str) -> list[str]:
    """A structured value (N, ORG) split at its unescaped semicolons, each unescaped; a
    component's comma-separated list reads as words."""
    parts = re.split(r"(?<!\\);", value)
    return [" ".join(_unescape(p).strip() for p in re.split(r"(?<!\\),", part) if p.strip())
            for part in parts]


def _texts(card: _Card, name: str) -> list[str]:
    return [_unescape(_decoded(params, value)).strip()
            for params, value in card.props.get(name, [])
            if params.get("ENCODING", "").upper() not in ("B", "BASE64")]


def _contact(card: _Card) -> ContactRecord:
    name = (_texts(card, "FN") or [""])[0]
    if not name and card.props.get("N"):
        params, value = card.props["N"][0]
        n = _components(_decoded(params, value)) + [""] * 5
        family, given, additional, prefix, suffix = n[:5]
        name = " ".join(p for p in (prefix, given, additional, family, suffix) if p)
    orgs = card.props.get("ORG")
    company = _components(_decoded(*orgs[0]))[0] if orgs else ""
    phones = [v.removeprefix("tel:") for v in _texts(card, "TEL") if v]
    emails = [v.removeprefix("mailto:").lower() for v in _texts(card, "EMAIL") if v]
    notes = "\n".join(v for v in _texts(card, "NOTE") if v)
    title = (_texts(card, "TITLE") or [""])[0] or None
    page, page_note = web_pages(_texts(card, "URL"))
    return ContactRecord(row=card.row, name=name, company=company or None, title=title,
                         emails=emails, phones=phones,
                         notes="\n".join(n for n in (notes, page_note) if n),
                         extra={"profile_url": page})


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
        if person.get("profile_url"):
            card.add("url").value = person["profile_url"]
        if person.get("notes"):
            card.add("note").value = person["notes"]
        cards.append(card.serialize())
    return "".join(cards)
