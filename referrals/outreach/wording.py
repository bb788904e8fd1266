"""Openers for a prospect's warm paths, the team's own opener templates, and voicemail
scripts. Services take the session and never commit; the words come from the pure modules
`referrals.graph.connection`, `referrals.outreach.openers`, `.scripts` and `.checks`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from referrals.clock import aware, today_for
from referrals.errors import Conflict, ValidationFailed
from referrals.graph.connection import Connection, classify
from referrals.graph.paths import Path
from referrals.models import (
    OpenerTemplate,
    Person,
    SavedOpener,
    Team,
    User,
    ValueItem,
    VoicemailScript,
)
from referrals.models.counters import OPENERS, Kept
from referrals.outreach import openers as op
from referrals.outreach.checks import Flag, Length, check_message, spoken_length
from referrals.outreach.library import (
    NoRoom,
    recent_channels,
    said_briefly,
    voicemail_reasons,
    voicemail_uses,
)
from referrals.outreach.scripts import CALLS_TO_ACTION, ISSUE_LINES, fit_voicemail
from referrals.paths.asks import asks_about
from referrals.paths.services import WarmPath, find_warm_paths
from referrals.rows import get_team_row, team_row
from referrals.vocab import CONNECTION_KINDS
from referrals.words import day_label

# Introduction requests at these statuses mean the introducer said yes to the rep calling, or
# made the introduction; at these, the rep is still waiting for an answer.
VOUCHED_STATUSES = ("agreed", "introduced", "meeting_set", "won", "lost")
PENDING_STATUSES = ("draft", "asked", "no_reply")
#: The stages of a connection at which the rep is offered an opener for the prospect.
OPENER_STAGES = ("warm", "known")
MAX_REASONS = 3


# --- the team's templates -------------------------------------------------------------------

def _as_template(row: OpenerTemplate) -> op.TemplateSpec:
    return op.TemplateSpec(kind=row.kind, key=f"team.{row.id}", label=row.label,
                             source=row.source)


def team_template_rows(session: Session, team_id: int) -> list[OpenerTemplate]:
    return list(session.scalars(select(OpenerTemplate).where(OpenerTemplate.team_id == team_id)
                                .order_by(OpenerTemplate.kind, OpenerTemplate.label)))


# Every warm path of every page is worded with them: each worker keeps them under the team's
# openers counter, bumped by every write of a template.
_TEMPLATES: Kept[tuple[op.TemplateSpec, ...]] = Kept(OPENERS)


def templates_for(session: Session, team: Team) -> tuple[op.TemplateSpec, ...]:
    """The built-in variants, each replaced by the team's own where it has one, then the
    team's extra variants (kept by the worker while the team's openers counter stands)."""
    return _TEMPLATES.get(session, team, lambda: _read_templates(session, team.id))


def _read_templates(session: Session, team_id: int) -> tuple[op.TemplateSpec, ...]:
    rows = team_template_rows(session, team_id)
    replacing = {row.replaces: row for row in rows if row.replaces}
    found = [_as_template(replacing[t.key]) if t.key in replacing else t for t in op.BUILTIN]
    return (*found, *(_as_template(row) for row in rows if not row.replaces))


def get_template_row(session: Session, team_id: int, template_id: int) -> OpenerTemplate:
    return get_team_row(session, OpenerTemplate, team_id, template_id, "No such opener template.")


def _check_template_data(session: Session, team_id: int, data: Mapping[str, Any],
                         row: OpenerTemplate | None) -> dict[str, Any]:
    kind = data.get("kind", row.kind if row else None)
    label = (data.get("label", row.label if row else "") or "").strip()
    source = data.get("source", row.source if row else "") or ""
    replaces = data.get("replaces", row.replaces if row else None) or None
    fields: dict[str, list[str]] = {}
    if kind not in CONNECTION_KINDS:
        fields["kind"] = [f"Choose one of: {', '.join(CONNECTION_KINDS)}."]
    if not label:
        fields["label"] = ["Give the variant a short name."]
    if not source.strip():
        fields["source"] = ["Write the template."]
    elif kind in CONNECTION_KINDS:
        try:
            op.check_template(source, kind)
        except op.TemplateProblem as exc:
            fields["source"] = [str(exc)]
    builtin = {t.key: t for t in op.BUILTIN}
    if replaces is not None and (replaces not in builtin or builtin[replaces].kind != kind):
        fields["replaces"] = ["Pick a built-in variant of the same kind, or none."]
    if fields:
        raise ValidationFailed("Invalid opener template.", fields)
    clash = select(OpenerTemplate.id).where(OpenerTemplate.team_id == team_id,
                                            OpenerTemplate.kind == kind,
                                            OpenerTemplate.label == label)
    if row is not None:
        clash = clash.where(OpenerTemplate.id != row.id)
    if session.scalar(clash) is not None:
        raise Conflict("Duplicate opener template.",
                       {"label": ["This kind already has a variant with that name."]})
    return {"kind": kind, "label": label, "source": source, "replaces": replaces}


def save_template(session: Session, user: User, data: Mapping[str, Any],
                  row: OpenerTemplate | None = None) -> OpenerTemplate:
    """Create or change a team template; a template that does not render is refused."""
    clean = _check_template_data(session, user.team_id, data, row)
    if row is None:
        row = OpenerTemplate(team_id=user.team_id, **clean)
        session.add(row)
    else:
        for name, value in clean.items():
            setattr(row, name, value)
    session.flush()
    return row


def delete_template(session: Session, row: OpenerTemplate) -> None:
    session.delete(row)
    session.flush()


# --- openers for a path ---------------------------------------------------------------------

@dataclass(frozen=True)
class Standing:
    """Where each go-between stands with the rep about one prospect (see
    referrals.graph.connection.classify): who vouched, who is still to answer, who said no."""

    asked: set[int] = field(default_factory=set)
    called: set[int] = field(default_factory=set)
    pending: set[int] = field(default_factory=set)
    declined: set[int] = field(default_factory=set)

    def classify(self, G: nx.Graph, path: Path) -> Connection:
        return classify(G, path, asked=self.asked, called_ahead=self.called,
                        pending=self.pending, declined=self.declined)


def standing_of(session: Session, team: Team, target_id: int) -> Standing:
    """Who agreed or made an introduction to `target`, who called `target` for the rep, who
    has an ask still open, and who declined (every path of every person page reads it: kept
    with the team's recent asks, `paths.asks.asks_about`)."""
    return standing_from(asks_about(session, team, target_id))


def standing_from(rows: Iterable[tuple[int, str]]) -> Standing:
    """:func:`standing_of` from (helper, introduction status or "called") pairs.

    >>> s = standing_from([(2, "asked"), (2, "agreed"), (3, "declined"), (4, "called")])
    >>> sorted(s.asked), sorted(s.pending), sorted(s.declined), sorted(s.called)
    ([2], [], [3], [4])
    """
    found = Standing()
    for person_id, status in rows:
        if status == "called":
            found.called.add(person_id)
        elif status in VOUCHED_STATUSES:
            found.asked.add(person_id)
        elif status in PENDING_STATUSES:
            found.pending.add(person_id)
        elif status == "declined":
            found.declined.add(person_id)
    # One helper may have several requests over time: a yes outweighs an open ask or a no.
    found.pending.difference_update(found.asked | found.called)
    found.declined.difference_update(found.asked | found.called | found.pending)
    return found


@dataclass(frozen=True)
class OpenerContext:
    """What the openers of one prospect's paths are rendered with (read once per page)."""

    templates: Sequence[op.TemplateSpec]
    standing: Standing
    rep: User
    hook: str | None = None

    def connection(self, G: nx.Graph, path: Path) -> Connection:
        return self.standing.classify(G, path)

    def render(self, G: nx.Graph, path: Path) -> tuple[Connection, list[op.RenderedOpener]]:
        """Every variant for the path's connection; none while the rep must ask first."""
        connection = self.connection(G, path)
        if connection.stage not in OPENER_STAGES:
            return connection, []
        rendered = op.openers_for(G, path, connection, templates=self.templates,
                                  **self._rep_context(G))
        return connection, rendered

    def first(self, G: nx.Graph, path: Path) -> str | None:
        """The first variant that renders and passes the truth rule: what a path shows before
        the rep picks one; None while the rep must ask first (see :data:`OPENER_STAGES`).

        Renders one template at a time (every warm path of every person page asks for it).
        """
        connection = self.connection(G, path)
        if connection.stage not in OPENER_STAGES:
            return None
        context = op.path_context(G, path, connection, **self._rep_context(G))
        for template in self.templates:
            if template.kind == connection.kind:
                try:
                    text = op.render_opener(template.source, context)
                except op.TemplateProblem:
                    continue  # a broken team template: the next variant stands in
                if text and op.truth_problem(text, context) is None:
                    return text
        return None

    def hooks(self, G: nx.Graph, target: Person) -> list[op.RenderedOpener]:
        """The public-hook variants (they need no path), filled with the rep's hook."""
        if target.id not in G:
            return []
        connection = Connection(kind="public_hook", target=target.id, knower=None, group=None,
                                teammate=None, tie_kind=None)
        return op.openers_for(G, None, connection, templates=self.templates,
                              **self._rep_context(G))

    def _rep_context(self, G: nx.Graph) -> dict[str, Any]:
        # The team graph holds the rep's own name and company (kept current like every
        # person's): their row is read only when they are not in it.
        person = self.rep.person if self.rep.person_id not in G else None
        return {"rep": self.rep.person_id, "rep_name": person.name if person else None,
                "rep_company": person.company if person else None, "hook": self.hook}


def opener_context(session: Session, user: User, target: Person,
                   hook: str | None = None) -> OpenerContext:
    return OpenerContext(templates_for(session, user.team),
                         standing_of(session, user.team, target.id), user, hook)


def warm_paths_for(session: Session, user: User, target: Person, *, k: int = 3,
                   max_hops: int = 4) -> list[WarmPath]:
    """The rep's warmest paths to `target`, each worded by the team's opener templates."""
    return find_warm_paths(session, user, target, k=k, max_hops=max_hops,
                           openers=opener_context)


def latest_saved_opener(session: Session, user: User, person: Person) -> SavedOpener | None:
    return session.scalar(select(SavedOpener).where(
        SavedOpener.team_id == user.team_id, SavedOpener.person_id == person.id)
        .order_by(SavedOpener.created_at.desc(), SavedOpener.id.desc()).limit(1))


def save_opener(session: Session, user: User, person: Person,
                data: Mapping[str, Any]) -> SavedOpener:
    """Keep the opener the rep picked and maybe edited; the latest one is the prospect's."""
    text = " ".join((data.get("text") or "").split())
    fields: dict[str, list[str]] = {}
    if not text:
        fields["text"] = ["Write the opener first."]
    elif len(text) > 1_000:
        fields["text"] = ["Keep an opener under 1,000 characters – one or two sentences."]
    kind = data.get("kind") or "mutual"
    if kind not in CONNECTION_KINDS:
        fields["kind"] = [f"Choose one of: {', '.join(CONNECTION_KINDS)}."]
    via_id = data.get("via_id") or None
    if via_id is not None and team_row(session, Person, user.team_id, via_id) is None:
        fields["via_id"] = ["No such person in your team."]
    if person.do_not_contact:
        fields["text"] = [f"{person.name} asked not to be contacted."]
    if fields:
        raise ValidationFailed("Invalid opener.", fields)
    saved = SavedOpener(team_id=user.team_id, person_id=person.id, user_id=user.id, kind=kind,
                        template_key=(data.get("template_key") or None), via_id=via_id,
                        text=text)
    session.add(saved)
    session.flush()
    return saved


# --- voicemail scripts ----------------------------------------------------------------------

@dataclass
class VoicemailDraft:
    """A voicemail as the builder shows it: the text, its length and what the check found."""

    text: str
    length: Length
    flags: list[Flag]
    items: list[ValueItem]
    issues: list[str]
    call_to_action: str
    composed: bool  # True when the app wrote the text, False when the rep edited it
    warnings: list[str] = field(default_factory=list)


def _pick_items(session: Session, user: User, person: Person, ids: Sequence[Any],
                fields: dict[str, list[str]]) -> list[ValueItem]:
    items: list[ValueItem] = []
    for item_id in dict.fromkeys(ids):
        item = team_row(session, ValueItem, user.team_id, item_id)
        if item is None:
            fields["value_item_ids"] = ["No such item in your value library."]
            return []
        items.append(item)
    used = voicemail_uses(session, person)
    repeats = [i for i in items if i.id in used]
    if repeats:
        today = today_for(user)
        names = ", ".join(f'"{i.title}" ({day_label(today_for(user, aware(used[i.id])), today)})'
                          for i in repeats)
        fields["value_item_ids"] = [
            f"Already used in a voicemail to {person.name}: {names}. Each message in a series "
            "should bring something new – pick another item."]
    return items


def draft_voicemail(session: Session, user: User, person: Person,
                    data: Mapping[str, Any]) -> VoicemailDraft:
    """Build (or re-check the rep's edit of) a voicemail for `person`.

    `data`: `opener` (the connection sentence), `value_item_ids` and `issues` (one to three
    reasons between them), `call_to_action`, `phone` (defaults to the rep's), and `text` when
    the rep edited the script. Raises ValidationFailed with a message per field.
    """
    fields: dict[str, list[str]] = {}
    if person.do_not_contact:
        raise ValidationFailed("Do not contact.", {"person_id": [
            f"{person.name} asked not to be contacted."]})
    items = _pick_items(session, user, person, data.get("value_item_ids") or [], fields)
    issues = [i for i in dict.fromkeys(data.get("issues") or [])]
    if any(i not in ISSUE_LINES for i in issues):
        fields["issues"] = [f"Issues are any of: {', '.join(ISSUE_LINES)}."]
    count = len(data.get("value_item_ids") or []) + len(issues)
    if "value_item_ids" not in fields and "issues" not in fields and not 1 <= count <= MAX_REASONS:
        fields["value_item_ids"] = [
            "Pick one to three reasons for them to call back – value items or issues "
            f"(you picked {count})."]
    cta = data.get("call_to_action") or "call_back"
    if cta not in CALLS_TO_ACTION:
        fields["call_to_action"] = [f"Choose one of: {', '.join(CALLS_TO_ACTION)}."]
    phone = (data.get("phone") or (user.person.phone if user.person else None) or "").strip()
    if cta in CALLS_TO_ACTION and "{phone}" in CALLS_TO_ACTION[cta][1] and not phone:
        fields["phone"] = ["Give the number they should call (or add it to your own person)."]
    edited = (data.get("text") or "").strip()
    if fields:
        raise ValidationFailed("Invalid voicemail.", fields)
    rep = user.person
    fitted = fit_voicemail(
        prospect_name=person.name, rep_name=rep.name if rep else user.email,
        rep_company=rep.company if rep else None, opener=data.get("opener") or "",
        reasons=voicemail_reasons(session, user, person, items, issues), call_to_action=cta,
        phone=phone or None, today=today_for(user), sent=recent_channels(session, person))
    if fitted.text is None and not edited:  # said before writing, never refused on save
        raise NoRoom(fitted, items, issues)
    composed = fitted.text or ""
    text = edited or composed
    draft = VoicemailDraft(text=text, length=spoken_length(text),
                           flags=check_message(text, channel="voicemail", earlier=[
                               s.text for s in reversed(scripts_of(session, person))]),
                           items=items,
                           issues=issues, call_to_action=cta, composed=not edited)
    if draft.length.message:
        draft.warnings.append(draft.length.message)
    if not edited and (fitted.brief or fitted.opener_cut):
        draft.warnings.append(said_briefly(fitted, items, issues))
    return draft


def save_voicemail(session: Session, user: User, person: Person,
                   data: Mapping[str, Any]) -> VoicemailScript:
    """Save the script; one over 30 seconds only with `override`."""
    draft = draft_voicemail(session, user, person, data)
    if draft.length.level == "too_long" and not data.get("override"):
        raise ValidationFailed("Too long.", {"text": [
            f"{draft.length.message} To keep it as it is, tick \"save it although it runs "
            "over 30 seconds\"."]})
    script = VoicemailScript(team_id=user.team_id, person_id=person.id, user_id=user.id,
                             text=draft.text, call_to_action=draft.call_to_action,
                             words=draft.length.words, seconds=draft.length.seconds,
                             over_length=draft.length.level == "too_long",
                             value_items=draft.items)
    session.add(script)
    session.flush()
    return script


def scripts_of(session: Session, person: Person) -> list[VoicemailScript]:
    return list(session.scalars(select(VoicemailScript).where(
        VoicemailScript.team_id == person.team_id, VoicemailScript.person_id == person.id)
        .order_by(VoicemailScript.created_at.desc(), VoicemailScript.id.desc())))


def get_script(session: Session, team_id: int, script_id: int) -> VoicemailScript:
    return get_team_row(session, VoicemailScript, team_id, script_id, "No such voicemail script.")
