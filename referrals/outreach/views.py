"""Pages: a prospect's outreach (touches and cadence), openers, the voicemail builder, the
call-back card, stalled prospects, the value library, opener templates, cadence settings and
the message check."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import Session
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from referrals.advocates import followups as fu
from referrals.clock import aware, today_for, zone_of
from referrals.database import unit_of_work
from referrals.errors import DomainError
from referrals.extensions import db
from referrals.models import Person, Touch, User, ValueItem
from referrals.outreach import callback, library, touches, wording
from referrals.outreach import openers as op
from referrals.outreach.cadence import describe_rules
from referrals.outreach.checks import check_message, spoken_length
from referrals.outreach.forms import (
    HookForm,
    MessageCheckForm,
    OpenerTemplateForm,
    SaveOpenerForm,
    StallForm,
    TouchForm,
    ValueItemForm,
    VoicemailForm,
    cadence_form,
)
from referrals.outreach.scripts import CALLS_TO_ACTION, action_for, short_of
from referrals.paths.cache import team_graph
from referrals.paths.views import use_openers
from referrals.people import services as people
from referrals.people.panels import (
    Event,
    Panel,
    PersonRows,
    TimelineSource,
    panel_of,
    person_rows,
    rows_of,
    timeline_of,
)
from referrals.people.views import team_reps
from referrals.vocab import (
    CHANNEL_LABELS,
    CONNECTION_KINDS,
    CONNECTION_LABELS,
    ISSUE_LABELS,
    ISSUES,
    OUTCOME_LABELS,
    VALUE_KIND_LABELS,
)
from referrals.web.forms import ID, attach_errors, call_service

bp = Blueprint("outreach", __name__)

Page = str | tuple[str, int]


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


@bp.context_processor
def labels() -> dict[str, Any]:
    return {"issue_labels": ISSUE_LABELS, "value_kind_labels": VALUE_KIND_LABELS,
            "connection_labels": CONNECTION_LABELS, "cause_labels": callback.CAUSE_LABELS}


def _person(person_id: int) -> Person:
    return people.get_person(db.session, current_user.team_id, person_id)


def _status(*forms: Any) -> int:
    return 400 if any(f is not None and f.errors for f in forms) else 200


def _rep_zone():
    return zone_of(current_user.person)


# --- a person's outreach --------------------------------------------------------------------

def _item_choices(form: TouchForm) -> None:
    items = library.list_value_items(db.session, current_user.team_id)
    form.value_item_id.choices = [SelectChoice(0, "Nothing")] + [
        SelectChoice(i.id, i.title) for i in items]


def _touch_data(form: TouchForm, person: Person) -> dict[str, Any]:
    at = form.occurred_at.data
    if at is not None:  # a datetime-local input is the rep's own wall-clock time
        at = at.replace(tzinfo=_rep_zone())
    return {"person_id": person.id, "channel": form.channel.data, "occurred_at": at,
            "outcome": form.outcome.data or None, "value_item_id": form.value_item_id.data or None,
            "script_id": int(form.script_id.data) if (form.script_id.data or "").isdigit()
            else None, "notes": form.notes.data, "confirm": bool(form.confirm.data),
            "call_on": form.call_on.data}


def outreach_facts(person: Person,
                   found: Sequence[Touch | TouchRow] | None = None) -> dict[str, Any]:
    """Where the rep stands with a person: their touches (latest first; `found` when read
    already), the cadence advice and both time zones – for the outreach page and the panel
    on the person's page."""
    if found is None:
        found = touches.touches_of(db.session, person)
    return {"touches": found,
            "cadence": touches.cadence_for(db.session, person, touches=found,
                                           rep=current_user.person),
            "rep_zone": _rep_zone(), "person_zone": zone_of(person)}


@bp.route(f"/people/<{ID}:person_id>/outreach", methods=["GET", "POST"])
def person_outreach(person_id: int) -> Page | Response:
    person = _person(person_id)
    form = TouchForm()
    _item_choices(form)
    needs_confirm = False
    today = today_for(current_user)
    if form.validate_on_submit():
        try:
            with unit_of_work(db.session):
                touches.log_touch(db.session, current_user, _touch_data(form, person))
        except DomainError as exc:
            attach_errors(form, exc)
            needs_confirm = isinstance(exc, touches.CadenceBroken)
        else:
            call_on = form.call_on.data
            promised = (f" Your call to {person.name} is due {fu.due_phrase(call_on, today)} – "
                        "it's on your Today list." if call_on else "")
            flash(f"Logged: {form.channel.data.replace('_', ' ')} to {person.name}.{promised}",
                  "success")
            return redirect(url_for(".person_outreach", person_id=person.id))
    if request.method == "GET":
        form = TouchForm(formdata=None)
        _item_choices(form)
        _prefill_script(form, person)
    return render_template(
        "outreach/person.html", person=person, needs_confirm=needs_confirm, touch_form=form,
        scripts=wording.scripts_of(db.session, person), **outreach_facts(person),
    ), _status(form)


def _prefill_script(form: TouchForm, person: Person) -> None:
    """Coming from the voicemail builder: log the script just saved as the voicemail left."""
    script_id = request.args.get("script", type=int)
    if not script_id:
        return
    try:
        script = wording.get_script(db.session, current_user.team_id, script_id)
    except DomainError:
        return
    if script.person_id == person.id:
        form.channel.data, form.script_id.data = "voicemail", str(script.id)
        form.value_item_id.data = script.value_items[0].id if script.value_items else 0
        form.notes.data = "Left the voicemail script."


# --- openers --------------------------------------------------------------------------------

@bp.route(f"/people/<{ID}:person_id>/openers", methods=["GET", "POST"])
def openers(person_id: int) -> Page | Response:
    person = _person(person_id)
    hook_form = HookForm(request.args)
    hook_form.validate()
    save_form = SaveOpenerForm()
    if save_form.validate_on_submit():
        data = {"text": save_form.text.data, "kind": save_form.kind.data or None,
                "template_key": save_form.template_key.data or None,
                "via_id": int(save_form.via_id.data) if (save_form.via_id.data or "").isdigit()
                else None}
        if call_service(save_form, wording.save_opener, current_user, person, data):
            flash("Saved your opener – it is on the call-back card and in the voicemail "
                  "builder.", "success")
            return redirect(url_for(".openers", person_id=person.id))
    ctx = wording.opener_context(db.session, current_user, person,
                                 hook=None if hook_form.hook.errors else hook_form.hook.data)
    G = team_graph(db.session, current_user.team)
    found = []
    for wp in wording.warm_paths_for(db.session, current_user, person, k=3):
        connection, rendered = ctx.render(G, wp.path)
        found.append((wp, connection, rendered))
    return render_template(
        "outreach/openers.html", person=person, found=found, hooks=ctx.hooks(G, person),
        hook_form=hook_form, save_form=save_form,
        saved=wording.latest_saved_opener(db.session, current_user, person),
    ), _status(save_form, hook_form)


# --- the voicemail builder ------------------------------------------------------------------

def _voicemail_form(person: Person, formdata: Any = None) -> VoicemailForm:
    form = VoicemailForm(formdata=formdata)
    items = library.list_value_items(db.session, current_user.team_id)
    used = library.voicemail_uses(db.session, person)
    ordered = library.suggested_items(items, person.pressing_issues or [], used)
    form.value_item_ids.choices = [
        SelectChoice(i.id, i.title + (f" – used {used[i.id]:%d %b}" if i.id in used else ""))
        for i in ordered]
    form.used_ids = set(used)  # shown greyed out: a series never repeats an item
    # "I've e-mailed you" only after a logged e-mail; before it, the action promises one.
    sent = library.recent_channels(db.session, person)
    form.call_to_action.choices = [SelectChoice(key, action_for(key, sent)[0])
                                   for key in CALLS_TO_ACTION]
    if formdata is None:
        saved = wording.latest_saved_opener(db.session, current_user, person)
        if saved is not None:
            form.opener.data = saved.text
        else:
            paths = wording.warm_paths_for(db.session, current_user, person, k=1)
            form.opener.data = (paths[0].opener or "") if paths else ""
        fresh = [i for i in ordered if i.id not in used]
        form.value_item_ids.data = [fresh[0].id] if fresh else []
        if not fresh and person.pressing_issues:  # no library yet: speak to their issue
            form.issues.data = person.pressing_issues[:1]
        form.phone.data = current_user.person.phone if current_user.person else ""
    return form


def _voicemail_data(form: VoicemailForm, edited: bool) -> dict[str, Any]:
    return {"opener": form.opener.data, "value_item_ids": list(form.value_item_ids.data or []),
            "issues": list(form.issues.data or []), "call_to_action": form.call_to_action.data,
            "phone": form.phone.data, "text": form.text.data if edited else "",
            "override": bool(form.override.data)}


@bp.route(f"/people/<{ID}:person_id>/voicemail", methods=["GET", "POST"])
def voicemail(person_id: int) -> Page | Response:
    """GET: the builder with a first draft. POST `compose`: rewrite from the parts; POST
    `check`: re-check the rep's edit; POST `save`: save the script (and maybe log it)."""
    person = _person(person_id)
    form = _voicemail_form(person, request.form if request.method == "POST" else None)
    action = request.form.get("action", "compose")
    draft = None
    if request.method == "GET":  # a first draft when there is enough to write one
        try:
            draft = wording.draft_voicemail(db.session, current_user, person,
                                            _voicemail_data(form, edited=False))
            form.text.data = draft.text
        except library.NoRoom as exc:  # what to change, said before anything is written
            attach_errors(form, exc)
        except DomainError:
            draft = None  # no reason or no phone yet: the page says what to pick
    elif form.validate_on_submit():
        data = _voicemail_data(form, edited=action in ("check", "save"))
        if action == "save" and request.method == "POST":
            script = call_service(form, wording.save_voicemail, current_user, person, data)
            if script is not None:
                flash(f"Saved the voicemail script ({script.words} words, about "
                      f"{script.seconds:.0f} seconds). Log it once you've left it.", "success")
                return redirect(url_for(".person_outreach", person_id=person.id,
                                        script=script.id) + "#log")
        draft = call_service(form, wording.draft_voicemail, current_user, person, data)
        if draft is not None:
            form.text.data = draft.text
    return render_template("outreach/voicemail.html", person=person, form=form, draft=draft,
                           scripts=wording.scripts_of(db.session, person)), (
        200 if request.method == "GET" else _status(form))


# --- the call-back card ---------------------------------------------------------------------

@bp.route(f"/people/<{ID}:person_id>/callback")
def callback_card(person_id: int) -> Page:
    person = _person(person_id)
    card = callback.callback_card(db.session, current_user, person)
    return render_template("outreach/callback.html", card=card, person=person,
                           rep_zone=_rep_zone())


@bp.route("/callback")
def callback_find() -> Page | Response:
    """Who is calling? A name, company, e-mail or phone number jumps to their card."""
    # PostgreSQL text can't hold NUL; a pasted one is noise, not part of a name or number.
    q = (request.args.get("q") or "").replace("\x00", "").strip()[:200]
    matches = callback.find_caller(db.session, current_user.team_id, q) if q else []
    if len(matches) == 1:
        return redirect(url_for(".callback_card", person_id=matches[0].id))
    return render_template("outreach/callback_find.html", q=q, matches=matches)


# --- stalled prospects ----------------------------------------------------------------------

@bp.route("/outreach/")
def index() -> Page:
    return render_template("outreach/index.html",
                           stalled=callback.stalled_prospects(db.session, current_user))


@bp.route(f"/people/<{ID}:person_id>/stalled", methods=["GET", "POST"])
def stalled(person_id: int) -> Page | Response:
    person = _person(person_id)
    form = StallForm()
    form.cause.choices = [SelectChoice(c, label) for c, label in callback.CAUSE_LABELS.items()]
    advice = None
    if form.validate_on_submit():
        if call_service(form, callback.review_stall, current_user, person, form.cause.data):
            return redirect(url_for(".stalled", person_id=person.id, cause=form.cause.data))
    found = callback.diagnose(db.session, current_user, person)
    cause = request.args.get("cause")
    if request.method == "GET" and cause not in callback.CAUSE_LABELS and found.likely:
        cause = found.likely[0].cause  # the likeliest, until the rep picks another
    if request.method == "GET" and cause in callback.CAUSE_LABELS:
        form.cause.data = cause
        advice = callback.different_approach(db.session, current_user, person, cause)
    return render_template(
        "outreach/stalled.html", person=person, form=form, advice=advice, likely=found.likely,
        labels=callback.CAUSE_LABELS,
        cadence=touches.cadence_for(db.session, person, rep=current_user.person),
    ), _status(form)


# --- the value library ----------------------------------------------------------------------

@bp.route("/outreach/library")
def value_library() -> Page:
    issue = request.args.get("issue")
    if issue not in ISSUES:
        issue = None
    items = library.list_value_items(db.session, current_user.team_id, issue=issue)
    return render_template("outreach/library.html", issue=issue, items=items,
                           briefly={i.id: short_of(i.short, i.pitch) for i in items})


@bp.route("/outreach/library/new", methods=["GET", "POST"])
def new_value_item() -> Page | Response:
    form = ValueItemForm()
    if form.validate_on_submit() and (
            item := call_service(form, library.create_value_item, current_user,
                                 form.service_data())):
        flash(f"Added \"{item.title}\" to the library.", "success")
        return redirect(url_for(".value_library"))
    return render_template("outreach/value_form.html", form=form, item=None), _status(form)


@bp.route(f"/outreach/library/<{ID}:item_id>/edit", methods=["GET", "POST"])
def edit_value_item(item_id: int) -> Page | Response:
    item = library.get_value_item(db.session, current_user.team_id, item_id)
    form = ValueItemForm(obj=item)
    if form.validate_on_submit() and call_service(form, library.update_value_item, item,
                                                  form.service_data()):
        flash(f"Saved \"{item.title}\".", "success")
        return redirect(url_for(".value_library"))
    return render_template("outreach/value_form.html", form=form, item=item), _status(form)


@bp.post(f"/outreach/library/<{ID}:item_id>/delete")
def delete_value_item(item_id: int) -> Response:
    item = library.get_value_item(db.session, current_user.team_id, item_id)
    title = item.title
    library.delete_value_item(db.session, item)
    db.session.commit()
    flash(f"Removed \"{title}\" from the library; messages that used it keep their words.",
          "success")
    return redirect(url_for(".value_library"))


# --- opener templates -----------------------------------------------------------------------

def _template_form(row: Any = None) -> OpenerTemplateForm:
    form = OpenerTemplateForm(obj=row)
    form.kind.choices = [SelectChoice(k, CONNECTION_LABELS[k]) for k in CONNECTION_KINDS]
    form.replaces.choices = [SelectChoice("", "Nothing – add a variant")] + [
        SelectChoice(t.key, f"{CONNECTION_LABELS[t.kind]}: {t.label}") for t in op.BUILTIN]
    return form


def _template_data(form: OpenerTemplateForm) -> dict[str, Any]:
    return {"kind": form.kind.data, "label": form.label.data, "source": form.source.data,
            "replaces": form.replaces.data or None}


def _admin_only() -> None:
    if not current_user.is_admin:
        abort(403)


@bp.route("/outreach/openers", methods=["GET", "POST"])
def opener_templates() -> Page | Response:
    form = _template_form()
    if request.method == "POST":
        _admin_only()
        if form.validate_on_submit() and call_service(form, wording.save_template, current_user,
                                                      _template_data(form)):
            flash("Saved the template; every rep sees it from now on.", "success")
            return redirect(url_for(".opener_templates"))
    if request.method == "GET" and request.args.get("copy"):
        builtin = {t.key: t for t in op.BUILTIN}.get(request.args["copy"])
        if builtin is not None:
            form.kind.data, form.source.data = builtin.kind, builtin.source
            form.replaces.data, form.label.data = builtin.key, builtin.label
    return render_template(
        "outreach/templates.html", form=form, builtin=op.BUILTIN, variables=op.VARIABLES,
        rows=wording.team_template_rows(db.session, current_user.team_id),
    ), _status(form)


@bp.route(f"/outreach/openers/<{ID}:template_id>/edit", methods=["GET", "POST"])
def edit_opener_template(template_id: int) -> Page | Response:
    row = wording.get_template_row(db.session, current_user.team_id, template_id)
    form = _template_form(row)
    if request.method == "POST":
        _admin_only()
        if form.validate_on_submit() and call_service(form, wording.save_template, current_user,
                                                      _template_data(form), row):
            flash("Saved the template.", "success")
            return redirect(url_for(".opener_templates"))
    return render_template("outreach/template_form.html", form=form, row=row,
                           variables=op.VARIABLES), _status(form)


@bp.post(f"/outreach/openers/<{ID}:template_id>/delete")
def delete_opener_template(template_id: int) -> Response:
    row = wording.get_template_row(db.session, current_user.team_id, template_id)
    _admin_only()
    wording.delete_template(db.session, row)
    db.session.commit()
    flash("Deleted the template; the built-in wording is back where it stood in.", "success")
    return redirect(url_for(".opener_templates"))


# --- cadence settings -----------------------------------------------------------------------

@bp.route("/outreach/cadence", methods=["GET", "POST"])
def cadence() -> Page | Response:
    team = current_user.team
    rules = touches.cadence_rules(team)
    form = cadence_form(rules, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        _admin_only()
        if form.validate() and call_service(
                form, touches.update_cadence_rules, team,
                {name: form[name].data for name in rules.to_dict()}):
            flash("Saved. Every prospect's cadence now follows these numbers.", "success")
            return redirect(url_for(".cadence"))
    return render_template("outreach/cadence.html", form=form, lines=describe_rules(rules),
                           customised=bool((team.settings or {}).get("cadence"))), _status(form)


@bp.post("/outreach/cadence/reset")
def reset_cadence() -> Response:
    _admin_only()
    touches.reset_cadence_rules(db.session, current_user.team)
    db.session.commit()
    flash("Back to the standard cadence.", "success")
    return redirect(url_for(".cadence"))


# --- the message check ----------------------------------------------------------------------

@bp.route("/outreach/check", methods=["GET", "POST"])
def message_check() -> Page:
    form = MessageCheckForm()
    flags = length = None
    if form.validate_on_submit():
        flags = check_message(form.text.data, channel=form.channel.data)
        length = spoken_length(form.text.data)
    return render_template("outreach/check.html", form=form, flags=flags,
                           length=length), _status(form)


def person_outreach_panel(person: Person) -> dict[str, Any]:
    """The outreach panel of a person's page: cadence, the latest touches, the next step."""
    facts = outreach_facts(person, person_rows(person, "touches"))
    return {"outreach_panel": {
        **facts, "touches": facts["touches"][:3], "all_touches": facts["touches"],
        "is_rep": person.id in team_reps()}}


def page_openers(session: Session, user: User, target: Person) -> wording.OpenerContext:
    """The openers of the person page's paths: who stands where with the prospect is read
    from the introductions and advocate calls the page reads anyway."""
    return wording.OpenerContext(
        wording.templates_for(session, user.team),
        wording.standing_from(
            [(r.via_id, r.status) for r in person_rows(target, "introductions")
             if r.prospect_id == target.id]
            + [(c.advocate_id, "called") for c in person_rows(target, "advocate_calls")
               if c.prospect_id == target.id]),
        user)


use_openers(bp, page_openers)
@dataclass(frozen=True, slots=True)
class OfferedItem:
    """What the panel shows of a touch's value item: its title."""

    title: str


@dataclass(frozen=True, slots=True)
class TouchRow:
    """A touch as the person page shows it (and its cadence reads it): plain values."""

    id: int
    team_id: int
    channel: str
    outcome: str | None
    occurred_at: datetime
    notes: str
    broke_cadence: bool
    value_item: OfferedItem | None


def _touch_row(values: Sequence[Any]) -> TouchRow:
    *touch, title = values
    return TouchRow(*touch, OfferedItem(title) if title is not None else None)


rows_of(bp, PersonRows(
    "touches", Touch,
    lambda key, team_id: (Touch.team_id == team_id) & (Touch.person_id == key),
    sort=lambda t: (aware(t.occurred_at), t.id), newest_first=True,
    columns=(Touch.id, Touch.team_id, Touch.channel, Touch.outcome, Touch.occurred_at,
             Touch.notes, Touch.broke_cadence, ValueItem.title),
    joins=((ValueItem, ValueItem.id == Touch.value_item_id),), make=_touch_row))
panel_of(bp, Panel("outreach", "outreach/_person_panel.html", person_outreach_panel, order=20))
panel_of(bp, Panel("outreach_glance", "outreach/_glance.html", slot="glance", order=20))
panel_of(bp, Panel("outreach_actions", "outreach/_actions.html", slot="actions", order=10))


def touch_events(person: Person, context: Mapping[str, Any]) -> list[Event]:
    """The rep's calls, voicemails, e-mails and letters, and the person's answers; an
    advocate's call is the advocates' event, not repeated here."""
    found = (context.get("outreach_panel") or {}).get("all_touches", [])
    url = url_for("outreach.person_outreach", person_id=person.id)
    events = []
    rep = current_user._get_current_object()  # once, not through the proxy per touch
    for t in found:
        if t.channel == "advocate_call":
            continue
        title = CHANNEL_LABELS.get(t.channel, t.channel)
        if t.outcome == "voicemail_left":
            title = "Voicemail left" if t.channel == "voicemail" else f"{title} – voicemail left"
        elif t.outcome:
            title += f" – {OUTCOME_LABELS.get(t.outcome, t.outcome).lower()}"
        at = aware(t.occurred_at)
        events.append(Event(today_for(rep, at), "touches", title, t.notes or "", url,
                            at=at))
    return events


timeline_of(bp, TimelineSource("touches", "Calls and e-mails", touch_events, order=10))


@bp.app_context_processor
def outreach_globals() -> dict[str, Any]:
    """For every page: the vocabularies' words."""
    return {"channel_labels": CHANNEL_LABELS, "outcome_labels": OUTCOME_LABELS}


