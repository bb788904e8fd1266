"""The team's value library: articles, research, tips and whitepapers, tagged by the issues
they speak to – the reasons a prospect has to call back. Services never commit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Select, String, cast, select
from sqlalchemy.orm import Session

from referrals.database import contains
from referrals.errors import Conflict, ValidationFailed
from referrals.models import Person, Touch, User, ValueItem, VoicemailScript
from referrals.models.outreach import script_value_items
from referrals.rows import get_team_row
from referrals.vocab import ISSUES, VALUE_KINDS

VALUE_FIELDS = ("title", "kind", "pitch", "url", "issues")


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
        if name in ("title", "pitch", "url") and isinstance(value, str):
            value = value.strip()
        clean[name] = value
    if "title" in clean and not clean["title"]:
        fields["title"] = ["Give it a title the rep will recognise."]
    if "kind" in clean and clean["kind"] not in VALUE_KINDS:
        fields["kind"] = [_choose(VALUE_KINDS)]
    if "pitch" in clean and not clean["pitch"]:
        fields["pitch"] = ["Say in one sentence what's in it for the prospect – it goes "
                           "straight into voicemails."]
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
