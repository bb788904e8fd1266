"""Words for outreach: openers for a person's warm paths, voicemail scripts, the message
check and the call-back card."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask.typing import ResponseReturnValue

from referrals.api import bp, lookups
from referrals.api.auth import current_user
from referrals.api.pagination import page
from referrals.api.paths import _path_json
from referrals.api.responses import created, to_json
from referrals.api.schemas import outreach as schemas
from referrals.api.schemas.common import ListQuery
from referrals.api.touches import cadence_json
from referrals.api.validation import parse_body, parse_query
from referrals.database import unit_of_work
from referrals.extensions import db
from referrals.models import VoicemailScript
from referrals.outreach import callback, wording
from referrals.outreach.checks import check_message, spoken_length
from referrals.outreach.wording import warm_paths_for
from referrals.paths.cache import team_graph
from referrals.paths.services import step_of


def _option(rendered: Any) -> dict[str, Any]:
    return {"key": rendered.template.key, "label": rendered.template.label,
            "text": rendered.text, "problem": rendered.problem}


def _step(G: Any, node: int | None) -> dict[str, Any] | None:
    if node is None:
        return None
    step = step_of(G, node)
    return {"type": step.type, "id": step.id, "name": step.name}


@bp.get("/people/<int:person_id>/openers")
def person_openers(person_id: int) -> dict[str, Any]:
    person = lookups.person(person_id)
    query = parse_query(schemas.OpenersQuery)
    user = current_user()
    ctx = wording.opener_context(db.session, user, person, hook=query.hook)
    G = team_graph(db.session, user.team)
    paths = []
    for wp in warm_paths_for(db.session, user, person, k=query.k):
        connection, rendered = ctx.render(G, wp.path)
        paths.append({"path": _path_json(wp), "kind": connection.kind,
                      "knower": _step(G, connection.knower),
                      "teammate": _step(G, connection.teammate),
                      "options": [_option(r) for r in rendered]})
    hooks = [] if person.do_not_contact else [_option(r) for r in ctx.hooks(G, person)]
    return to_json(schemas.OpenersAnswer, {
        "paths": paths, "public_hook": hooks,
        "saved": wording.latest_saved_opener(db.session, user, person)})


@bp.post("/people/<int:person_id>/openers")
def save_person_opener(person_id: int) -> ResponseReturnValue:
    person = lookups.person(person_id)
    data = parse_body(schemas.OpenerSave).model_dump()
    saved = wording.save_opener(db.session, current_user(), person, data)
    db.session.commit()
    return created(to_json(schemas.SavedOpener, saved),
                   url_for(".person_openers", person_id=person.id, _external=True))


def _draft_json(draft: wording.VoicemailDraft) -> dict[str, Any]:
    return {"text": draft.text, "length": draft.length, "flags": draft.flags,
            "value_item_ids": [i.id for i in draft.items], "issues": draft.issues,
            "call_to_action": draft.call_to_action, "warnings": draft.warnings}


def _script_json(script: VoicemailScript) -> dict[str, Any]:
    return {"id": script.id, "person_id": script.person_id, "text": script.text,
            "call_to_action": script.call_to_action, "words": script.words,
            "seconds": script.seconds, "over_length": script.over_length,
            "value_item_ids": [i.id for i in script.value_items],
            "created_at": script.created_at}


@bp.get("/people/<int:person_id>/voicemail-scripts")
def list_voicemail_scripts(person_id: int) -> dict[str, Any]:
    person = lookups.person(person_id)
    query = parse_query(ListQuery)
    stmt = db.select(VoicemailScript).where(VoicemailScript.team_id == person.team_id,
                                            VoicemailScript.person_id == person.id)
    items, next_url = page(stmt, VoicemailScript.id, query)
    return to_json(schemas.VoicemailScriptList,
                   {"items": [_script_json(s) for s in items], "next": next_url})


@bp.post("/people/<int:person_id>/voicemail-scripts")
def create_voicemail_script(person_id: int) -> ResponseReturnValue:
    person = lookups.person(person_id)
    data = parse_body(schemas.VoicemailRequest).model_dump()
    user = current_user()
    if data["preview"]:
        # A draft only reads and saves nothing, so there is no change to commit.
        draft = wording.draft_voicemail(db.session, user, person, data)
        return to_json(schemas.VoicemailDraft, _draft_json(draft))
    with unit_of_work(db.session):
        script = wording.save_voicemail(db.session, user, person, data)
    return created(to_json(schemas.VoicemailScript, _script_json(script)),
                   url_for(".list_voicemail_scripts", person_id=person.id, _external=True))


@bp.post("/message-checks")
def create_message_check() -> dict[str, Any]:
    data = parse_body(schemas.MessageCheckRequest)
    return to_json(schemas.MessageCheck, {
        "flags": check_message(data.text, channel=data.channel),
        "length": spoken_length(data.text)})


@bp.get("/people/<int:person_id>/callback-card")
def person_callback_card(person_id: int) -> dict[str, Any]:
    card = callback.callback_card(db.session, current_user(), lookups.person(person_id))
    return to_json(schemas.CallbackCard, {
        "person": card.person, "local_time": card.local_time,
        "connection": _path_json(card.path) if card.path else None, "opener": card.opener,
        "last_messages": [{
            "id": t.id, "channel": t.channel, "outcome": t.outcome,
            "occurred_at": t.occurred_at, "notes": t.notes,
            "value_item": t.value_item.title if t.value_item else None,
            "script": t.script.text if t.script else None} for t in card.touches],
        "offered": card.offered, "open_followups": card.followups,
        "cadence": cadence_json(card.advice), "next_step": card.next_step,
        "script": card.script, "promised": card.promised, "promised_at": card.promised_at,
        "they_said": card.they_said.notes if card.they_said else None})


def _advice_json(advice: callback.StallAdvice) -> dict[str, Any]:
    return {"cause": advice.cause, "label": advice.label, "advice": advice.advice,
            "approaches": [{"kind": a.kind, "text": a.text, "person_id": a.person_id,
                            "value_item_id": a.value_item_id, "channel": a.channel}
                           for a in advice.approaches]}


@bp.get("/people/<int:person_id>/stall")
def person_stall(person_id: int) -> dict[str, Any]:
    person = lookups.person(person_id)
    query = parse_query(schemas.StallQuery)
    user = current_user()
    found = callback.diagnose(db.session, user, person)
    cause = query.cause or (found.likely[0].cause if found.likely else None)
    advice = callback.different_approach(db.session, user, person, cause) if cause else None
    return to_json(schemas.StallDiagnosis, {
        "stalled": found.stalled, "attempts": found.attempts,
        "likely_causes": [{"cause": c.cause, "label": callback.CAUSE_LABELS[c.cause],
                           "evidence": c.evidence} for c in found.likely],
        "advice": _advice_json(advice) if advice else None})


@bp.post("/people/<int:person_id>/stall-reviews")
def create_stall_review(person_id: int) -> ResponseReturnValue:
    person = lookups.person(person_id)
    data = parse_body(schemas.StallReviewCreate)
    review = callback.review_stall(db.session, current_user(), person, data.cause)
    db.session.commit()
    return created(to_json(schemas.StallReview, {
        "id": review.id, "person_id": person.id, "cause": review.cause,
        "created_at": review.created_at}),
        url_for(".person_stall", person_id=person.id, _external=True))
