"""Pages: the advocates ranking and ask cap, logging advocate calls, offering references,
recording what came of a prospect, and the advocacy panel on a person's page."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    get_template_attribute,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from referrals.advocates import calls, care, introductions
from referrals.advocates import followups as fu
from referrals.advocates import references as refs
from referrals.advocates.forms import (
    AdvocateCallForm,
    AskCapForm,
    ProspectOutcomeForm,
    ReferenceOfferForm,
    ReferencePhonedForm,
)
from referrals.clock import aware, today_for
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.models import AdvocateCall, Followup, IntroductionRequest, Person
from referrals.paths import asks
from referrals.paths import services as path_services
from referrals.paths.views import page_ask_dates
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
from referrals.vocab import INTRO_STATUS_LABELS
from referrals.web.forms import ID, call_service, id_arg, joined_messages
from referrals.web.templating import id_link
from referrals.words import first_name

bp = Blueprint("advocates", __name__, url_prefix="/advocates")

Page = str | tuple[str, int]


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


def _person(person_id: int) -> Person:
    return people.get_person(db.session, current_user.team_id, person_id)


# --- the advocates page ---------------------------------------------------------------------

def _index_page(cap_form: AskCapForm | None = None) -> Page:
    cap = asks.ask_cap(current_user.team)
    cap_form = cap_form or AskCapForm(
        data={"ask_cap": cap.cap, "ask_window_days": cap.window_days})
    helpers = care.advocate_care(db.session, current_user)
    return render_template(
        "advocates/index.html", helpers=helpers, cap=cap, cap_form=cap_form,
        not_thanked=[h for h in helpers if h.thanks_outstanding],
    ), 400 if cap_form.errors else 200


@bp.route("/")
def index() -> Page:
    return _index_page()


@bp.route("/settings", methods=["POST"])
def settings() -> Page | Response:
    form = AskCapForm()
    if form.validate_on_submit() and call_service(
        form, asks.update_ask_cap, current_user.team, form.ask_cap.data,
        form.ask_window_days.data,
    ):
        flash("Saved your team's limit on asks.", "success")
        return redirect(url_for(".index"))
    return _index_page(form)


# --- advocate calls ---------------------------------------------------------------------------

@bp.route("/calls/new", methods=["GET", "POST"])
def new_call() -> Page | Response:
    """Log an advocate's call; `?prospect=` or `?advocate=` preselects one side."""
    prospect_id, advocate_id = id_arg("prospect"), id_arg("advocate")
    prospect = _person(prospect_id) if prospect_id else None
    advocate = _person(advocate_id) if advocate_id else None
    form = AdvocateCallForm()
    if request.method == "GET":
        form.advocate_id.data = advocate.id if advocate else None
        form.prospect_id.data = prospect.id if prospect else None
        form.occurred_on.data = today_for(current_user)
    if form.validate_on_submit() and (
        call := call_service(form, calls.log_advocate_call, current_user,
                             form.service_data())
    ):
        thank_you = fu.open_thank_you(db.session, call.advocate_id, call.prospect_id)
        day = today_for(current_user)
        owed = ""
        if thank_you is not None:  # none when they were thanked already, e.g. the same day
            listed = (" – it's on your Today list"
                      if fu.on_today_list(thank_you, current_user, day) else "")
            owed = f" Thank-you due {fu.due_phrase(thank_you.due_on, day)}{listed}."
        flash(f"Logged {call.advocate.name}'s call to {call.prospect.name}.{owed}", "success")
        return redirect(url_for("people.detail", person_id=call.prospect_id) + "#advocacy")
    back = prospect or advocate
    return render_template(
        "advocates/call_form.html", form=form,
        cancel=url_for("people.detail", person_id=back.id) if back else url_for(".index"),
    ), 400 if form.errors else 200


# --- what came of a prospect --------------------------------------------------------------------

@bp.route(f"/prospects/<{ID}:person_id>/outcome", methods=["POST"])
def prospect_outcome(person_id: int) -> Response:
    prospect = _person(person_id)
    form = ProspectOutcomeForm()
    if form.validate_on_submit():
        try:
            moved = introductions.record_prospect_outcome(
                db.session, current_user, prospect, form.outcome.data, form.on.data)
        except ValidationFailed as exc:
            db.session.rollback()
            flash(exc.message, "error")
        else:
            db.session.commit()
            flash(f"Recorded it. {moved} feedback follow-up{'s are' if moved != 1 else ' is'} "
                  "now due – tell your helpers what came of their help.", "success")
    else:
        flash(joined_messages(form.errors), "error")
    return redirect(url_for("people.detail", person_id=prospect.id) + "#advocacy")


# --- references ----------------------------------------------------------------------------------

def _references_page(prospect: Person, offer_form: ReferenceOfferForm | None = None,
                     warning: str | None = None) -> Page:
    matches = refs.match_references(db.session, current_user, prospect)
    offers = [a for a in refs.reference_asks_of(db.session, prospect)
              if a.prospect_id == prospect.id]
    return render_template(
        "advocates/references.html", prospect=prospect, matches=matches, offers=offers,
        offer_form=offer_form or ReferenceOfferForm(), phoned_form=ReferencePhonedForm(),
        warning=warning,
    ), 400 if offer_form is not None and offer_form.errors else 200


@bp.route(f"/references/<{ID}:person_id>")
def references(person_id: int) -> Page:
    return _references_page(_person(person_id))


@bp.route(f"/references/<{ID}:person_id>/offer", methods=["POST"])
def offer_reference(person_id: int) -> Page | Response:
    prospect = _person(person_id)
    form = ReferenceOfferForm()
    ref_id = form.reference_id.data or ""
    if form.validate_on_submit() and ref_id.isdigit() and (
        ask := call_service(form, refs.offer_reference, current_user, prospect,
                            int(ref_id), reason=form.reason.data or "",
                            confirm_over_cap=bool(form.confirm_over_cap.data))
    ):
        flash(f"Logged: you offered {ask.reference.name} as a reference to {prospect.name}. "
              "When they have talked, record it so the thank-you is not forgotten.", "success")
        return redirect(url_for(".references", person_id=prospect.id))
    if not ref_id.isdigit() and not form.errors:
        form.form_errors.append("Choose a reference.")
    warning = form.confirm_over_cap.errors[0] if form.confirm_over_cap.errors else None
    return _references_page(prospect, form, warning)


@bp.route(f"/references/asks/<{ID}:ask_id>/phoned", methods=["POST"])
def reference_phoned(ask_id: int) -> Response:
    ask = refs.get_reference_ask(db.session, current_user.team_id, ask_id)
    form = ReferencePhonedForm()
    if form.validate_on_submit():
        try:
            refs.reference_phoned(db.session, current_user, ask, form.phoned_on.data)
        except ValidationFailed as exc:
            db.session.rollback()
            flash(joined_messages(exc.fields, exc.message), "error")
        else:
            db.session.commit()
            flash(f"Recorded. Thank {ask.reference.name} by the next business day.", "success")
    else:
        flash(joined_messages(form.errors), "error")
    return redirect(url_for(".references", person_id=ask.prospect_id))


# --- the panel on a person's page ------------------------------------------------------------

def advocacy_panel(person: Person) -> dict[str, Any]:
    """What the person page shows about advocacy: calls, introductions, follow-ups (all read
    with the page's other rows, see `people.panels.person_rows`)."""
    followups = [f for f in person_rows(person, "followups") if f.status == "open"]
    warning = path_services.ask_warning(current_user.team, person, today_for(current_user),
                                        page_ask_dates())
    found_calls = person_rows(person, "advocate_calls")
    intros = person_rows(person, "introductions")
    # The panel and the timeline name the people of each row: their names in one query (a
    # join per name in the page's rows statement cost PostgreSQL more to plan on every page).
    names = people.names_of(db.session, person.team_id, {
        *(f.person_id for f in followups),
        *(i for c in found_calls for i in (c.advocate_id, c.prospect_id)),
        *(i for r in intros for i in (r.via_id, r.prospect_id))})

    def named(pid: int) -> Named:
        return Named(pid, names.get(pid, ""))

    return {
        "calls": [replace(c, advocate=named(c.advocate_id), prospect=named(c.prospect_id))
                  for c in found_calls],
        "intros": [replace(r, via=named(r.via_id), prospect=named(r.prospect_id))
                   for r in intros],
        "followups": [replace(f, person=named(f.person_id)) for f in followups],
        "ask_warning": warning,
        "outcome_fields": blank_outcome_fields(),
        "is_rep": person.id in team_reps(),
    }


_BLANK_OUTCOME = "referrals.advocates.blank_outcome_fields"


def blank_outcome_fields() -> Markup:
    """The prospect-outcome form's two fields as the person page shows them (empty, no
    errors), rendered once per app: building the form and rendering its fields cost
    ~0.2 ms a page. The template writes the session's CSRF token itself."""
    kept = current_app.extensions.get(_BLANK_OUTCOME)
    if kept is None:
        field = get_template_attribute("macros/forms.html", "field")
        form = ProspectOutcomeForm(formdata=None, meta={"csrf": False})
        # The whitespace between the two as the template's lines wrote it.
        kept = Markup(field(form.outcome)) + Markup("\n    ") + Markup(field(form.on))
        current_app.extensions[_BLANK_OUTCOME] = kept
    return kept


def _either(column_a: Any, column_b: Any) -> Callable[[Any, Any], Any]:
    """The team's rows whose `column_a` or `column_b` is the person: the team in each branch,
    so that each is one probe of its (team, column) index."""
    table = column_a.class_
    return lambda key, team_id: (((table.team_id == team_id) & (column_a == key))
                                 | ((table.team_id == team_id) & (column_b == key)))


@dataclass(frozen=True, slots=True)
class Named:
    """A person a row of the panel names: their id and name."""

    id: int
    name: str


# Plain rows for the panel and the timeline, which only show them (see `PersonRows.columns`);
# the names of the people they name are added by `advocacy_panel`, read in one query.
@dataclass(frozen=True, slots=True)
class FollowupRow:
    id: int
    team_id: int
    person_id: int
    prospect_id: int | None
    kind: str
    status: str
    due_on: date
    reason: str
    completed_at: datetime | None
    person: Named | None = None


@dataclass(frozen=True, slots=True)
class IntroductionRow:
    id: int
    team_id: int
    via_id: int
    prospect_id: int
    status: str
    status_on: date
    asked_on: date | None
    introduced_on: date | None
    via: Named | None = None
    prospect: Named | None = None


@dataclass(frozen=True, slots=True)
class CallRow:
    id: int
    team_id: int
    advocate_id: int
    prospect_id: int
    occurred_on: date
    outcome: str
    notes: str
    prospect_outcome: str | None
    advocate: Named | None = None
    prospect: Named | None = None


def _row(build: Callable[..., Any]) -> Callable[[Sequence[Any]], Any]:
    return lambda values: build(*values)


rows_of(bp, PersonRows(
    "followups", Followup,
    # No team term: the team's open follow-ups index would win over the person's own.
    lambda key, team_id: (Followup.person_id == key) | (Followup.prospect_id == key),
    sort=lambda f: (f.due_on is None, f.due_on or date.min, f.id),
    columns=(Followup.id, Followup.team_id, Followup.person_id, Followup.prospect_id,
             Followup.kind, Followup.status, Followup.due_on, Followup.reason,
             Followup.completed_at), make=_row(FollowupRow)))
rows_of(bp, PersonRows(
    "introductions", IntroductionRequest,
    _either(IntroductionRequest.via_id, IntroductionRequest.prospect_id),
    sort=lambda r: r.id, newest_first=True,
    columns=(IntroductionRequest.id, IntroductionRequest.team_id, IntroductionRequest.via_id,
             IntroductionRequest.prospect_id, IntroductionRequest.status,
             IntroductionRequest.status_on, IntroductionRequest.asked_on,
             IntroductionRequest.introduced_on), make=_row(IntroductionRow)))
rows_of(bp, PersonRows(
    "advocate_calls", AdvocateCall, _either(AdvocateCall.advocate_id, AdvocateCall.prospect_id),
    sort=lambda c: (c.occurred_on, c.id), newest_first=True,
    columns=(AdvocateCall.id, AdvocateCall.team_id, AdvocateCall.advocate_id,
             AdvocateCall.prospect_id, AdvocateCall.occurred_on, AdvocateCall.outcome,
             AdvocateCall.notes, AdvocateCall.prospect_outcome), make=_row(CallRow)))
panel_of(bp, Panel("advocacy", "advocates/_person_panel.html",
                   lambda person: {"advocacy_panel": advocacy_panel(person)}, order=30))
panel_of(bp, Panel("advocacy_glance", "advocates/_glance.html", slot="glance", order=30))
panel_of(bp, Panel("advocacy_actions", "advocates/_actions.html", slot="actions", order=20))



def call_events(person: Person, context: Mapping[str, Any]) -> list[Event]:
    """Advocate calls for or by the person, from the advocacy panel's list."""
    found = (context.get("advocacy_panel") or {}).get("calls", [])
    events = []
    person_link = id_link("people.detail", "person_id")  # one route build, not one per call
    for call in found:
        if call.prospect_id == person.id:
            title = f"{call.advocate.name} called {first_name(person.name)} for you"
            url = person_link(call.advocate_id)
        else:
            title = f"Called {call.prospect.name} for you"
            url = person_link(call.prospect_id)
        detail = " ".join(part for part in (call.outcome, call.notes) if part)
        events.append(Event(call.occurred_on, "advocate_calls", title, detail, url))
    return events


def introduction_events(person: Person, context: Mapping[str, Any]) -> list[Event]:
    """Each introduction request's steps that carry a date: asked, introduced, and where it
    stands now when that came later."""
    found = (context.get("advocacy_panel") or {}).get("intros", [])
    events = []
    intro_link = id_link("introductions.detail", "request_id")  # one route build for them all
    for r in found:
        url = intro_link(r.id)
        via, prospect = r.via.name, r.prospect.name
        steps = [(r.asked_on, f"You asked {via} to introduce you to {prospect}"),
                 (r.introduced_on, f"{via} introduced you to {prospect}")]
        if r.status not in ("asked", "introduced") and r.status_on is not None:
            steps.append((r.status_on, f"Introduction to {prospect} through {via}: "
                                       f"{INTRO_STATUS_LABELS[r.status].lower()}"))
        events += [Event(on, "introductions", title, url=url) for on, title in steps if on]
    return events


#: What a finished follow-up says on the timeline: that the rep marked it done, not more.
_DONE_TITLES = {"thank_you": "Thank-you marked done", "feedback": "Feedback marked done",
                "call": "Promised call marked done"}


def followup_events(person: Person, context: Mapping[str, Any]) -> list[Event]:
    """The follow-ups owed to this person that the rep marked done, on the day they did."""
    events = []
    rep = current_user._get_current_object()  # once, not through the proxy per follow-up
    for f in person_rows(person, "followups"):
        if f.person_id != person.id or f.status != "done" or f.completed_at is None:
            continue
        at = aware(f.completed_at)
        title = _DONE_TITLES.get(f.kind, "Reminder marked done")
        events.append(Event(today_for(rep, at), "followups", title,
                            f.reason if f.kind not in _DONE_TITLES else "", at=at))
    return events


timeline_of(bp, TimelineSource("advocate_calls", "Advocate calls", call_events, order=20))
timeline_of(bp, TimelineSource("followups", "Follow-ups", followup_events, order=40))
timeline_of(bp, TimelineSource("introductions", "Introductions", introduction_events, order=30))
