"""The team's value library: articles, research, tips and whitepapers, tagged by the issues
they speak to – the reasons a prospect has to call back. Services never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, String, cast, select
from sqlalchemy.orm import Session

from referrals.clock import aware, today_for, utc_now
from referrals.database import contains
from referrals.errors import Conflict, ValidationFailed
from referrals.models import Person, Touch, User, ValueItem, VoicemailScript
from referrals.models.outreach import script_value_items
from referrals.outreach.scripts import (
    ISSUE_LINES,
    ISSUE_SHORT_LINES,
    SHORT_MAX,
    Fitted,
    Reason,
    short_of,
)
from referrals.rows import get_team_row
from referrals.vocab import ISSUE_LABELS, ISSUES, VALUE_KINDS

VALUE_FIELDS = ("title", "kind", "pitch", "short", "url", "issues")
#: How many days a logged e-mail or letter keeps "I've sent you…" true in a voicemail.
RECENT_DAYS = 14


def value_items_query(team_id: int, *, issue: str | None = None, q: str | None = None) -> Select:
    stmt = select(ValueItem).where(ValueItem.team_id == team_id)
    if q:
        stmt = stmt.where(contains(ValueItem.title, q))
    if issue is not None:
        if issue not in ISSUES:
            raise ValidationFailed("Unknown issue.", {"issue": [_choose(ISSUES)]})
        # The tags are a JSON list of fixed words; its text holds each as "word" on both
        # SQLite and PostgreSQL, which is portable where JSON operators are not.
        stmt = stmt.where(cast(ValueItem.issues, String).like(f'%"{issue}"%'))
    return stmt


def list_value_items(session: Session, team_id: int, *, issue: str | None = None,
                     q: str | None = None) -> list[ValueItem]:
    """The team's items by title; with `issue`, only those tagged with it."""
    return list(session.scalars(value_items_query(team_id, q=q, issue=issue)
                                .order_by(ValueItem.title, ValueItem.id)))


def get_value_item(session: Session, team_id: int, item_id: int) -> ValueItem:
    return get_team_row(session, ValueItem, team_id, item_id, "No such value item.")


def _choose(values: Sequence[str]) -> str:
    return f"Choose from: {', '.join(values)}."


def _validate(data: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, list[str]] = {}
    clean: dict[str, Any] = {}
    for name in VALUE_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name in ("title", "pitch", "short", "url") and isinstance(value, str):
            value = " ".join(value.split()) if name == "short" else value.strip()
        clean[name] = value
    if "title" in clean and not clean["title"]:
        fields["title"] = ["Give it a title the rep will recognise."]
    if "kind" in clean and clean["kind"] not in VALUE_KINDS:
        fields["kind"] = [_choose(VALUE_KINDS)]
    if "pitch" in clean and not clean["pitch"]:
        fields["pitch"] = ["Say in one sentence what's in it for the prospect – it goes "
                           "straight into voicemails."]
    if "short" in clean:
        clean["short"] = clean["short"] or None
        if clean["short"] is not None and len(clean["short"]) > SHORT_MAX:
            fields["short"] = [f"Keep the short form to {SHORT_MAX} characters – about a dozen "
                               f"spoken words (this one has {len(clean['short'])})."]
    if "url" in clean:
        url = clean["url"] or None
        if url is not None and not url.lower().startswith(("http://", "https://")):
            fields["url"] = ["Use a web address starting with http:// or https://."]
        clean["url"] = url
    if "issues" in clean:
        issues = list(dict.fromkeys(clean["issues"] or []))
        unknown = [i for i in issues if i not in ISSUES]
        if unknown:
            fields["issues"] = [_choose(ISSUES)]
        elif not issues:
            fields["issues"] = ["Tag at least one issue it speaks to, so it is offered to the "
                                "right prospects."]
        clean["issues"] = [i for i in ISSUES if i in issues]  # a stable order
    if fields:
        raise ValidationFailed("Invalid value item.", fields)
    return clean


def _check_unique(session: Session, item: ValueItem) -> None:
    stmt = select(ValueItem.id).where(ValueItem.team_id == item.team_id,
                                      ValueItem.title == item.title)
    if item.id is not None:
        stmt = stmt.where(ValueItem.id != item.id)
    if session.scalar(stmt) is not None:
        raise Conflict("Duplicate value item.", {
            "title": ["Your library already has an item with this title."]})


def create_value_item(session: Session, user: User, data: Mapping[str, Any]) -> ValueItem:
    missing = {n: ["This field is required."] for n in ("title", "kind", "pitch", "issues")
               if n not in data}
    if missing:
        raise ValidationFailed("Invalid value item.", missing)
    item = ValueItem(team_id=user.team_id, created_by_id=user.id, **_validate(data))
    _check_unique(session, item)
    session.add(item)
    session.flush()
    return item


def update_value_item(session: Session, item: ValueItem, data: Mapping[str, Any]) -> ValueItem:
    for name, value in _validate(data).items():
        setattr(item, name, value)
    _check_unique(session, item)
    session.flush()
    return item


def delete_value_item(session: Session, item: ValueItem) -> None:
    """Scripts and touches that used it keep their text; their link to it is cleared."""
    session.delete(item)
    session.flush()


# --- what a prospect has already been offered ---------------------------------------------

def voicemail_uses(session: Session, person: Person) -> dict[int, datetime]:
    """Value item id -> when it first went into a voicemail to `person` (script or touch).

    A voicemail series reveals a new fact each time, so these are not offered again.
    """
    used: dict[int, datetime] = {}
    rows = session.execute(
        select(script_value_items.c.value_item_id, VoicemailScript.created_at)
        .join(VoicemailScript, VoicemailScript.id == script_value_items.c.script_id)
        .where(VoicemailScript.person_id == person.id)
    )
    rows_touches = session.execute(
        select(Touch.value_item_id, Touch.occurred_at).where(
            Touch.person_id == person.id, Touch.value_item_id.is_not(None),
            (Touch.channel == "voicemail") | (Touch.outcome == "voicemail_left"))
    )
    for item_id, at in [*rows, *rows_touches]:
        if item_id not in used or at < used[item_id]:
            used[item_id] = at
    return used


def sent_by_other_channels(session: Session, person: Person) -> dict[int, tuple[str, datetime]]:
    """Value item id -> the latest non-phone channel it went to `person` by, and when (so a
    message can say what was sent, and say it truly: "this week" only if it was)."""
    rows = session.execute(
        select(Touch.value_item_id, Touch.channel, Touch.occurred_at).where(
            Touch.person_id == person.id, Touch.value_item_id.is_not(None),
            Touch.channel.not_in(("call", "voicemail", "advocate_call")))
        .order_by(Touch.occurred_at)
    )
    return {item_id: (channel, at) for item_id, channel, at in rows}


def suggested_items(items: Sequence[ValueItem], issues: Sequence[str],
                    used: Mapping[int, Any]) -> list[ValueItem]:
    """Unused items first, those matching more of the prospect's issues first, then by title.

    Examples
    --------
    >>> a = ValueItem(id=1, title="A", issues=["costs"])
    >>> b = ValueItem(id=2, title="B", issues=["costs", "staffing"])
    >>> c = ValueItem(id=3, title="C", issues=["economy"])
    >>> [i.title for i in suggested_items([a, b, c], ["costs", "staffing"], {2: None})]
    ['A', 'C', 'B']
    """
    wanted = set(issues)
    return sorted(items, key=lambda i: (i.id in used, -len(wanted & set(i.issues or [])),
                                        i.title.lower(), i.id))


# --- what a voicemail may say -------------------------------------------------------------

def recent_channels(session: Session, person: Person, days: int = RECENT_DAYS) -> set[str]:
    """The channels touches went to `person` by in the last `days` days (an e-mail, a
    letter…), so a voicemail says "I've sent you" only about what was logged."""
    since = utc_now() - timedelta(days=days)
    return set(session.scalars(select(Touch.channel).distinct().where(
        Touch.person_id == person.id, Touch.occurred_at >= since)))


def voicemail_reasons(session: Session, user: User, person: Person, items: Sequence[ValueItem],
                      issues: Sequence[str]) -> list[Reason]:
    """The reasons a voicemail gives, each with its short form, and – for an item that went
    by another channel – how and on which of the rep's days it went."""
    sent = sent_by_other_channels(session, person)
    reasons = []
    for item in items:
        channel, at = sent.get(item.id, (None, None))
        reasons.append(Reason(item.pitch, short=short_of(item.short, item.pitch),
                              title=item.title, sent_by=channel,
                              sent_on=today_for(user, aware(at)) if at is not None else None))
    return reasons + [Reason(ISSUE_LINES[i], short=ISSUE_SHORT_LINES[i]) for i in issues]


def _names(items: Sequence[ValueItem], issues: Sequence[str]) -> list[str]:
    return [f'"{i.title}"' for i in items] + [
        f"the point on {ISSUE_LABELS[i].lower()}" for i in issues]


def said_briefly(fitted: Fitted, items: Sequence[ValueItem], issues: Sequence[str]) -> str:
    """Tells the rep what the voicemail says more briefly than they picked it."""
    names = _names(items, issues)
    done = [f"said {' and '.join(names[i] for i in fitted.brief)} in short form"
            ] if fitted.brief else []
    if fitted.opener_cut:
        done.append("kept only the first sentence of the connection")
    return f"To stay within 30 seconds, the builder {' and '.join(done)}."


class NoRoom(ValidationFailed):
    """No voicemail of these parts fits in 30 seconds, even said briefly: the message says
    which reason to drop (or, for a single reason, to shorten the connection sentence), and
    names the items that lack a short form."""

    def __init__(self, fitted: Fitted, items: Sequence[ValueItem], issues: Sequence[str]) -> None:
        names = _names(items, issues)
        lacking = [names[i] for i in fitted.needs_short]
        ask = (f" Or give {' and '.join(lacking)} a short form in the value library."
               if lacking else "")
        said = (f"Even said briefly, this runs about {fitted.seconds:g} seconds – over the "
                "30-second limit")
        if fitted.drop is None:
            fields = {"opener": [f"{said}. Shorten the connection sentence.{ask}"]}
        else:
            field = "value_item_ids" if fitted.drop < len(items) else "issues"
            fields = {field: [f"{said} with {len(names)} reasons. Drop {names[fitted.drop]}: it "
                              f"makes the most room.{ask}"]}
        super().__init__("Too long to fit.", fields)
        self.drop = fitted.drop
