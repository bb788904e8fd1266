"""The team document over the database: export everything a team owns, restore it into an
empty team. Services never commit.

The export numbers each list from 1 in the order the rows were made, and names users by
e-mail; a restore inserts the lists in that order, so restoring a document and exporting the
team again gives the same document. A restore only ever writes rows of the target team: the
document's ids are its own, and a user is found by e-mail among the target team's users only
(a row whose user is not there keeps no user).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from referrals.clock import utc_now
from referrals.errors import ValidationFailed
from referrals.graph.tie import TieParams
from referrals.models import (
    AdvocateCall,
    Followup,
    FollowupEvent,
    Group,
    GroupMembership,
    IntroductionRequest,
    IntroductionStatusChange,
    OpenerTemplate,
    Person,
    PersonNote,
    ReferenceAsk,
    Relationship,
    SavedOpener,
    StallReview,
    Team,
    Touch,
    User,
    ValueItem,
    VoicemailScript,
    bump_graph_version,
)
from referrals.models.outreach import script_value_items
from referrals.transfer.planning import EXTRA_FIELDS, as_utc
from referrals.transfer.teamdoc import TeamDocument, check_references, team_document
from referrals.vocab import ISSUES, ROLES

BATCH = 5000  # rows per bulk statement

PERSON_FIELDS = ("name", "company", "title", "email", "phone", "timezone", "do_not_contact",
                 "deal_value", "notes", *EXTRA_FIELDS, "pressing_issues", "keep_in_touch_days",
                 "last_contact_on")


def _utc(moment: datetime | None) -> datetime | None:
    return None if moment is None else as_utc(moment)


def _rows(session: Session, model: Any, *where: Any) -> list[Any]:
    table: Table = model.__table__
    return list(session.execute(select(table).where(*where).order_by(table.c.id)))


def _numbered(rows: list[Any]) -> dict[int, int]:
    """Database id → the document's id: each list is numbered from 1."""
    return {row.id: number for number, row in enumerate(rows, start=1)}


def _ref(ids: dict[int, int], db_id: int | None) -> int | None:
    return None if db_id is None else ids[db_id]


# --- export ----------------------------------------------------------------------------------


def export_team(session: Session, team_id: int, now: datetime | None = None) -> dict[str, Any]:
    """Everything team `team_id` owns as one JSON-ready document (see `teamdoc`).

    Left out, on purpose: password hashes, API tokens, sessions and calendar feeds (secrets),
    reply links' nonces (a restored request needs a new link), the graph change log and the
    edit version counters (both start afresh).
    """
    team = session.get(Team, team_id)
    export = _Export(session, team_id)
    return team_document(
        team=team.name if team else "",
        exported_at=now or utc_now(),
        settings=(team.settings if team else None) or {},
        **export.network(), **export.outreach(), **export.advocacy(),
    )


class _Export:
    """One team's rows as the document's lists: ids renumbered, users named by e-mail."""

    def __init__(self, session: Session, team_id: int) -> None:
        self.session, self.team_id = session, team_id
        self.users = list(session.execute(select(User.id, User.email, User.person_id)
                                          .where(User.team_id == team_id).order_by(User.id)))
        self.email = {u.id: u.email for u in self.users}  # the team's own users only
        self.people = _rows(session, Person, Person.team_id == team_id)
        self.pid = _numbered(self.people)

    def user(self, user_id: int | None) -> str | None:
        return self.email.get(user_id) if user_id is not None else None

    def _owned(self, model: Any) -> list[Any]:
        return _rows(self.session, model, model.team_id == self.team_id)

    def _children(self, model: Any, parent_key: Any, parent: Any) -> list[Any]:
        return _rows(self.session, model, parent_key.in_(
            select(parent.id).where(parent.team_id == self.team_id)))

    def network(self) -> dict[str, list[dict[str, Any]]]:
        pid, user = self.pid, self.user
        groups = self._owned(Group)
        members: dict[int, list[Any]] = {g.id: [] for g in groups}
        for m in self.session.execute(select(GroupMembership.__table__)
                                      .where(GroupMembership.team_id == self.team_id)):
            members[m.group_id].append(m)
        return dict(
            users=[{"email": u.email, "person": _ref(pid, u.person_id)} for u in self.users
                   if u.person_id is None or u.person_id in pid],
            people=[{"id": pid[p.id], **{f: getattr(p, f) for f in PERSON_FIELDS},
                     "roles": [r for r in ROLES if getattr(p, f"is_{r}")],
                     "pressing_issues": list(p.pressing_issues or []),
                     "created_at": _utc(p.created_at), "updated_at": _utc(p.updated_at)}
                    for p in self.people],
            relationships=[{"person_a": pid[t.person_a_id], "person_b": pid[t.person_b_id],
                            "kind": t.kind, "rating": t.rating,
                            "last_interaction": t.last_interaction, "notes": t.notes,
                            "recorded_by": user(t.recorded_by_id),
                            "created_at": _utc(t.created_at), "updated_at": _utc(t.updated_at)}
                           for t in self._owned(Relationship)],
            groups=[{"name": g.name, "kind": g.kind, "notes": g.notes,
                     "members": sorted(({"person": pid[m.person_id],
                                         "created_at": _utc(m.created_at)}
                                        for m in members[g.id]), key=lambda m: m["person"]),
                     "created_at": _utc(g.created_at), "updated_at": _utc(g.updated_at)}
                    for g in groups],
            person_notes=[{"person": pid[n.person_id], "body": n.body, "user": user(n.user_id),
                           "created_at": _utc(n.created_at)}
                          for n in self._owned(PersonNote) if n.person_id in pid],
        )

    def outreach(self) -> dict[str, list[dict[str, Any]]]:
        pid, user = self.pid, self.user
        values = self._owned(ValueItem)
        vid = _numbered(values)
        scripts = self._owned(VoicemailScript)
        sid = _numbered(scripts)
        script_values: dict[int, list[int]] = {s.id: [] for s in scripts}
        links = self.session.execute(
            select(script_value_items.c.script_id, script_value_items.c.value_item_id)
            .where(script_value_items.c.script_id.in_(select(VoicemailScript.id).where(
                VoicemailScript.team_id == self.team_id))))
        for script_id, value_id in links:
            script_values[script_id].append(vid[value_id])
        return dict(
            touches=[{"person": pid[t.person_id], "channel": t.channel, "outcome": t.outcome,
                      "occurred_at": _utc(t.occurred_at), "notes": t.notes,
                      "user": user(t.user_id), "value_item": _ref(vid, t.value_item_id),
                      "script": _ref(sid, t.script_id), "broke_cadence": t.broke_cadence,
                      "created_at": _utc(t.created_at)} for t in self._owned(Touch)],
            value_items=[{"id": vid[v.id], "title": v.title, "kind": v.kind, "pitch": v.pitch,
                          "short": v.short, "url": v.url, "issues": list(v.issues or []),
                          "created_by": user(v.created_by_id),
                          "created_at": _utc(v.created_at),
                          "updated_at": _utc(v.updated_at)} for v in values],
            opener_templates=[{"kind": o.kind, "label": o.label, "source": o.source,
                               "replaces": o.replaces, "created_at": _utc(o.created_at),
                               "updated_at": _utc(o.updated_at)}
                              for o in self._owned(OpenerTemplate)],
            saved_openers=[{"person": pid[o.person_id], "user": user(o.user_id),
                            "kind": o.kind, "template_key": o.template_key,
                            "via": _ref(pid, o.via_id), "text": o.text,
                            "created_at": _utc(o.created_at)}
                           for o in self._owned(SavedOpener)],
            voicemail_scripts=[{"id": sid[s.id], "person": pid[s.person_id],
                                "user": user(s.user_id), "text": s.text,
                                "call_to_action": s.call_to_action, "words": s.words,
                                "seconds": s.seconds, "over_length": s.over_length,
                                "value_items": sorted(script_values[s.id]),
                                "created_at": _utc(s.created_at)} for s in scripts],
            stall_reviews=[{"person": pid[r.person_id], "user": user(r.user_id),
                            "cause": r.cause, "created_at": _utc(r.created_at)}
                           for r in self._owned(StallReview)],
        )

    def advocacy(self) -> dict[str, list[dict[str, Any]]]:
        pid, user = self.pid, self.user
        calls = self._owned(AdvocateCall)
        intros = self._owned(IntroductionRequest)
        asks = self._owned(ReferenceAsk)
        cid, rid, aid = _numbered(calls), _numbered(intros), _numbered(asks)
        history: dict[int, list[Any]] = {r.id: [] for r in intros}
        for h in self._children(IntroductionStatusChange, IntroductionStatusChange.request_id,
                                IntroductionRequest):
            history[h.request_id].append(h)
        return dict(
            advocate_calls=[{"id": cid[c.id], "advocate": pid[c.advocate_id],
                             "prospect": pid[c.prospect_id], "occurred_on": c.occurred_on,
                             "outcome": c.outcome, "notes": c.notes,
                             "prospect_outcome": c.prospect_outcome,
                             "recorded_by": user(c.recorded_by_id),
                             "created_at": _utc(c.created_at)} for c in calls],
            introduction_requests=[{
                "id": rid[r.id], "prospect": pid[r.prospect_id], "via": pid[r.via_id],
                "user": user(r.user_id), "status": r.status, "status_on": r.status_on,
                "asked_on": r.asked_on, "introduced_on": r.introduced_on,
                "ask_text": r.ask_text, "notes": r.notes, "reply_answer": r.reply_answer,
                "replied_at": _utc(r.replied_at),
                "history": [{"status": h.status, "changed_on": h.changed_on,
                             "user": user(h.user_id), "note": h.note,
                             "created_at": _utc(h.created_at)} for h in history[r.id]],
                "created_at": _utc(r.created_at), "updated_at": _utc(r.updated_at)}
                for r in intros],
            reference_asks=[{"id": aid[a.id], "reference": pid[a.reference_id],
                             "prospect": pid[a.prospect_id], "user": user(a.user_id),
                             "status": a.status, "asked_on": a.asked_on,
                             "phoned_on": a.phoned_on, "prospect_outcome": a.prospect_outcome,
                             "reason": a.reason, "created_at": _utc(a.created_at)}
                            for a in asks],
            followups=self._followups(cid, rid, aid),
        )

    def _followups(self, cid: dict[int, int], rid: dict[int, int],
                   aid: dict[int, int]) -> list[dict[str, Any]]:
        pid, user = self.pid, self.user
        followups = self._owned(Followup)
        events: dict[int, list[Any]] = {f.id: [] for f in followups}
        for e in self._children(FollowupEvent, FollowupEvent.followup_id, Followup):
            events[e.followup_id].append(e)
        return [{
            "person": pid[f.person_id], "prospect": _ref(pid, f.prospect_id),
            "user": user(f.user_id), "kind": f.kind, "status": f.status, "due_on": f.due_on,
            "reason": f.reason, "message": f.message,
            "advocate_call": _ref(cid, f.advocate_call_id),
            "introduction": _ref(rid, f.introduction_id),
            "reference_ask": _ref(aid, f.reference_ask_id),
            "completed_at": _utc(f.completed_at),
            "events": [{"action": e.action, "due_on": e.due_on, "user": user(e.user_id),
                        "note": e.note, "created_at": _utc(e.created_at)}
                       for e in events[f.id]],
            "created_at": _utc(f.created_at)} for f in followups]


# --- restore ---------------------------------------------------------------------------------


def restore_team(session: Session, team: Team, doc: TeamDocument) -> dict[str, int]:
    """Write everything in `doc` into `team` (which should be empty), with new ids; return
    how many rows of each list were written.

    The document is checked whole first – every reference inside it, the vocabularies –
    and a row the database refuses (a duplicate e-mail, a value too long) fails it all with
    `ValidationFailed`; the caller then rolls back, so nothing is half-restored. The team's
    settings become the document's. A user is matched by e-mail among `team`'s users; one
    who has no record of their own yet is given theirs from the document.
    """
    check_references(doc)
    _check_vocabularies(doc)
    try:
        counts = _write(session, team, doc)
    except (IntegrityError, DataError) as exc:
        reason = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        raise ValidationFailed("The team export does not fit the database.",
                               {"file": [reason]}) from None
    bump_graph_version(session, team.id)  # no change list: workers rebuild the graph
    session.expire_all()  # the bulk statements went around any objects already loaded
    return counts


def _check_vocabularies(doc: TeamDocument) -> None:
    known = set(ISSUES)
    lists = [(f"people.{i}.pressing_issues", p.pressing_issues) for i, p in enumerate(doc.people)]
    lists += [(f"value_items.{i}.issues", v.issues) for i, v in enumerate(doc.value_items)]
    for where, issues in lists:
        unknown = sorted(set(issues) - known)
        if unknown:
            raise ValidationFailed("The team export is damaged.",
                                   {"file": [f"{where}: unknown issue {unknown[0]!r}"]})
    try:
        TieParams.from_dict(doc.settings.get("tie", {}) or {})
    except (ValueError, TypeError, AttributeError):
        raise ValidationFailed("The team export is damaged.",
                               {"file": ["settings.tie: not valid tie-strength settings"]}
                               ) from None


def _batches(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    for start in range(0, len(rows), BATCH):
        yield rows[start:start + BATCH]


def _insert(session: Session, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert `rows` in order; the new ids, in the same order."""
    table: Table = model.__table__ if hasattr(model, "__table__") else model
    ids: list[int] = []
    for batch in _batches(rows):
        if "id" in table.c:
            ids.extend(session.scalars(
                insert(table).returning(table.c.id, sort_by_parameter_order=True), batch))
        else:
            session.execute(insert(table), batch)
    return ids


def _write(session: Session, team: Team, doc: TeamDocument) -> dict[str, int]:
    if "settings" in doc.model_fields_set:  # a version 1 document has none: keep the team's
        team.settings = dict(doc.settings)
        session.flush()
    restore = _Restore(session, team.id, doc)
    restore.network()
    restore.outreach()
    restore.advocacy()
    return _counts(doc)


class _Restore:
    """The document's lists written into one team in order, each id mapped to its new one."""

    def __init__(self, session: Session, team_id: int, doc: TeamDocument) -> None:
        self.session, self.team_id, self.doc = session, team_id, doc
        self.now = utc_now()
        self.accounts = {email.casefold(): (user_id, person_id) for user_id, email, person_id
                         in session.execute(select(User.id, User.email, User.person_id)
                                            .where(User.team_id == team_id))}
        self.person: dict[int, int] = {}
        self.values: dict[int, int] = {}

    def user(self, email: str | None) -> int | None:
        found = self.accounts.get(email.casefold()) if email else None
        return found[0] if found else None

    def at(self, moment: datetime | None) -> datetime:
        return as_utc(moment) if moment is not None else self.now

    def who(self, ref: int | None) -> int | None:
        return None if ref is None else self.person[ref]

    def _insert(self, model: Any, rows: list[dict[str, Any]]) -> list[int]:
        return _insert(self.session, model, rows)

    def network(self) -> None:
        doc, team_id, at, user = self.doc, self.team_id, self.at, self.user
        new = self._insert(Person, [
            {"team_id": team_id, **{f: getattr(p, f) for f in PERSON_FIELDS},
             **{f"is_{r}": r in p.roles for r in ROLES},
             "pressing_issues": list(p.pressing_issues),
             "created_at": at(p.created_at), "updated_at": at(p.updated_at)} for p in doc.people])
        person = self.person = dict(zip((p.id for p in doc.people), new, strict=True))
        for u in doc.users:  # a rep's own record, for a user of this team who has none yet
            found = self.accounts.get(u.email.casefold())
            if found and found[1] is None and u.person is not None:
                self.session.execute(update(User.__table__).where(User.__table__.c.id == found[0])
                                     .values(person_id=person[u.person]))
        self._insert(Relationship, [
            {"team_id": team_id, "person_a_id": person[r.person_a],
             "person_b_id": person[r.person_b],
             "pair_low": min(person[r.person_a], person[r.person_b]),
             "pair_high": max(person[r.person_a], person[r.person_b]), "kind": r.kind,
             "rating": r.rating, "last_interaction": r.last_interaction, "notes": r.notes,
             "recorded_by_id": user(r.recorded_by), "created_at": at(r.created_at),
             "updated_at": at(r.updated_at)} for r in doc.relationships])
        groups = self._insert(Group, [
            {"team_id": team_id, "name": g.name, "kind": g.kind, "notes": g.notes,
             "created_at": at(g.created_at), "updated_at": at(g.updated_at)} for g in doc.groups])
        self._insert(GroupMembership, [
            {"team_id": team_id, "group_id": group_id, "person_id": person[m],
             "created_at": at(None if isinstance(member, int) else member.created_at)}
            for g, group_id in zip(doc.groups, groups, strict=True)
            for member, m in zip(g.members, g.member_ids(), strict=True)])
        self._insert(PersonNote, [
            {"team_id": team_id, "person_id": person[n.person], "user_id": user(n.user),
             "body": n.body, "created_at": at(n.created_at)} for n in doc.person_notes])

    def outreach(self) -> None:
        doc, team_id, at, user, person = self.doc, self.team_id, self.at, self.user, self.person
        values = self.values = dict(zip((v.id for v in doc.value_items), self._insert(ValueItem, [
            {"team_id": team_id, "title": v.title, "kind": v.kind, "pitch": v.pitch,
             "short": v.short, "url": v.url, "issues": list(v.issues),
             "created_by_id": user(v.created_by),
             "created_at": at(v.created_at), "updated_at": at(v.updated_at)}
            for v in doc.value_items]), strict=True))
        scripts = dict(zip((s.id for s in doc.voicemail_scripts), self._insert(VoicemailScript, [
            {"team_id": team_id, "person_id": person[s.person], "user_id": user(s.user),
             "text": s.text, "call_to_action": s.call_to_action, "words": s.words,
             "seconds": s.seconds, "over_length": s.over_length, "created_at": at(s.created_at)}
            for s in doc.voicemail_scripts]), strict=True))
        self._insert(script_value_items, [
            {"script_id": scripts[s.id], "value_item_id": values[v]}
            for s in doc.voicemail_scripts for v in dict.fromkeys(s.value_items)])
        self._insert(Touch, [
            {"team_id": team_id, "person_id": person[t.person], "user_id": user(t.user),
             "channel": t.channel, "outcome": t.outcome, "occurred_at": as_utc(t.occurred_at),
             "notes": t.notes,
             "value_item_id": None if t.value_item is None else values[t.value_item],
             "script_id": None if t.script is None else scripts[t.script],
             "broke_cadence": t.broke_cadence, "created_at": at(t.created_at)}
            for t in doc.touches])
        self._insert(OpenerTemplate, [
            {"team_id": team_id, "kind": o.kind, "label": o.label, "source": o.source,
             "replaces": o.replaces, "created_at": at(o.created_at),
             "updated_at": at(o.updated_at)} for o in doc.opener_templates])
        self._insert(SavedOpener, [
            {"team_id": team_id, "person_id": person[o.person], "user_id": user(o.user),
             "kind": o.kind, "template_key": o.template_key, "via_id": self.who(o.via),
             "text": o.text, "created_at": at(o.created_at)} for o in doc.saved_openers])
        self._insert(StallReview, [
            {"team_id": team_id, "person_id": person[r.person], "user_id": user(r.user),
             "cause": r.cause, "created_at": at(r.created_at)} for r in doc.stall_reviews])

    def advocacy(self) -> None:
        doc, team_id, at, user, person = self.doc, self.team_id, self.at, self.user, self.person
        calls = dict(zip((c.id for c in doc.advocate_calls), self._insert(AdvocateCall, [
            {"team_id": team_id, "advocate_id": person[c.advocate],
             "prospect_id": person[c.prospect], "occurred_on": c.occurred_on,
             "outcome": c.outcome, "notes": c.notes, "prospect_outcome": c.prospect_outcome,
             "recorded_by_id": user(c.recorded_by), "created_at": at(c.created_at)}
            for c in doc.advocate_calls]), strict=True))
        intro_ids = self._insert(IntroductionRequest, [
            {"team_id": team_id, "prospect_id": person[r.prospect], "via_id": person[r.via],
             "user_id": user(r.user), "status": r.status, "status_on": r.status_on,
             "asked_on": r.asked_on, "introduced_on": r.introduced_on, "ask_text": r.ask_text,
             "notes": r.notes, "reply_nonce": None, "reply_answer": r.reply_answer,
             "replied_at": _utc(r.replied_at), "created_at": at(r.created_at),
             "updated_at": at(r.updated_at)} for r in doc.introduction_requests])
        intros = dict(zip((r.id for r in doc.introduction_requests), intro_ids, strict=True))
        self._insert(IntroductionStatusChange, [
            {"request_id": intros[r.id], "status": h.status, "changed_on": h.changed_on,
             "user_id": user(h.user), "note": h.note, "created_at": at(h.created_at)}
            for r in doc.introduction_requests for h in r.history])
        asks = dict(zip((a.id for a in doc.reference_asks), self._insert(ReferenceAsk, [
            {"team_id": team_id, "reference_id": person[a.reference],
             "prospect_id": person[a.prospect], "user_id": user(a.user), "status": a.status,
             "asked_on": a.asked_on, "phoned_on": a.phoned_on,
             "prospect_outcome": a.prospect_outcome, "reason": a.reason,
             "created_at": at(a.created_at)} for a in doc.reference_asks]), strict=True))
        self._followups(calls, intros, asks)

    def _followups(self, calls: dict[int, int], intros: dict[int, int],
                   asks: dict[int, int]) -> None:
        doc, at, user = self.doc, self.at, self.user
        followup_ids = self._insert(Followup, [
            {"team_id": self.team_id, "user_id": user(f.user), "person_id": self.person[f.person],
             "prospect_id": self.who(f.prospect), "kind": f.kind, "status": f.status,
             "due_on": f.due_on, "reason": f.reason, "message": f.message,
             "advocate_call_id": None if f.advocate_call is None else calls[f.advocate_call],
             "introduction_id": None if f.introduction is None else intros[f.introduction],
             "reference_ask_id": None if f.reference_ask is None else asks[f.reference_ask],
             "completed_at": _utc(f.completed_at), "created_at": at(f.created_at)}
            for f in doc.followups])
        self._insert(FollowupEvent, [
            {"followup_id": followup_id, "action": e.action, "due_on": e.due_on,
             "user_id": user(e.user), "note": e.note, "created_at": at(e.created_at)}
            for f, followup_id in zip(doc.followups, followup_ids, strict=True)
            for e in f.events])


def _counts(doc: TeamDocument) -> dict[str, int]:
    return {"people": len(doc.people), "relationships": len(doc.relationships),
            "groups": len(doc.groups),
            "memberships": sum(len(g.members) for g in doc.groups),
            "touches": len(doc.touches), "value_items": len(doc.value_items),
            "opener_templates": len(doc.opener_templates),
            "saved_openers": len(doc.saved_openers),
            "voicemail_scripts": len(doc.voicemail_scripts),
            "stall_reviews": len(doc.stall_reviews), "advocate_calls": len(doc.advocate_calls),
            "introduction_requests": len(doc.introduction_requests),
            "reference_asks": len(doc.reference_asks), "followups": len(doc.followups)}
