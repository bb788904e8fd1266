"""Pages: asking someone for an introduction, its drafted e-mail, status and history."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from referrals.advocates import followups as fu
from referrals.advocates import services
from referrals.advocates.forms import IntroductionForm, IntroductionStatusForm
from referrals.extensions import db
from referrals.main.forms_util import ID, call_service, id_arg, page_arg
from referrals.models import IntroductionRequest, Person
from referrals.people import services as people

bp = Blueprint("introductions", __name__, url_prefix="/introductions")

Page = str | tuple[str, int]


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


@bp.route("/")
def index() -> str:
    stmt = services.introductions_query(current_user.team_id).order_by(
        IntroductionRequest.status_on.desc(), IntroductionRequest.id.desc())
    page = db.paginate(stmt, page=page_arg(), per_page=50)
    return render_template("introductions/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page | Response:
    """`?prospect=<id>&via=<id>`: ask `via` to introduce the rep to `prospect`."""
    prospect_id, via_id = id_arg("prospect"), id_arg("via")
    if prospect_id is None or via_id is None:
        return _pick_page(prospect_id, via_id)
    team_id = current_user.team_id
    prospect = people.get_person(db.session, team_id, prospect_id)
    via = people.get_person(db.session, team_id, via_id)
    form = IntroductionForm()
    if not form.is_submitted():
        form.ask_text.data = services.draft_introduction_ask(fu.rep_name(current_user), via,
                                                             prospect)
    if form.validate_on_submit() and (
        request := call_service(
            form, services.create_introduction_request, current_user, prospect.id, via.id,
            status=form.status.data, ask_text=form.ask_text.data or "",
            notes=form.notes.data or "", confirm_over_cap=bool(form.confirm_over_cap.data),
        )
    ):
        db.session.commit()
        flash(f"Saved your request to {via.name}. Copy the e-mail below and send it.", "success")
        return redirect(url_for(".detail", request_id=request.id))
    warning = services.over_ask_warning(db.session, current_user.team, via,
                                        fu.local_today(current_user))
    return render_template(
        "introductions/new.html", form=form, prospect=prospect, via=via, warning=warning,
    ), 400 if form.errors or form.form_errors else 200


def _pick_page(prospect_id: int | None, via_id: int | None) -> str:
    """Without both people in the URL: choose them (a GET form, so no token is needed)."""
    stmt = people.people_query(current_user.team_id).order_by(Person.name, Person.id)
    everyone = [p for p in db.session.scalars(stmt) if p.id != current_user.person_id]
    return render_template("introductions/pick.html", everyone=everyone,
                           prospect_id=prospect_id, via_id=via_id)


def _detail_page(request: IntroductionRequest, form: IntroductionStatusForm | None = None
                 ) -> Page:
    form = form or IntroductionStatusForm(formdata=None)
    return render_template("introductions/detail.html", request_=request, form=form,
                           labels=services.STATUS_LABELS), 400 if form.errors else 200


@bp.route(f"/<{ID}:request_id>")
def detail(request_id: int) -> Page:
    return _detail_page(services.get_introduction(db.session, current_user.team_id, request_id))


@bp.route(f"/<{ID}:request_id>/status", methods=["POST"])
def status(request_id: int) -> Page | Response:
    request = services.get_introduction(db.session, current_user.team_id, request_id)
    form = IntroductionStatusForm()
    if form.validate_on_submit() and call_service(
        form, services.change_introduction_status, current_user, request, form.status.data,
        on=form.on.data, note=form.note.data or "",
        confirm_over_cap=bool(form.confirm_over_cap.data),
    ):
        db.session.commit()
        flash(f"Now: {services.STATUS_LABELS[request.status].lower()}.", "success")
        return redirect(url_for(".detail", request_id=request.id))
    return _detail_page(request, form)
