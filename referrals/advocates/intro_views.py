"""Pages: asking someone for an introduction, its drafted e-mail, status and history."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, url_for
from flask import request as flask_request
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from referrals.advocates import introductions
from referrals.advocates.forms import (
    ActionForm,
    IntroductionForm,
    IntroductionPickForm,
    IntroductionStatusForm,
)
from referrals.advocates.intro_requests import (
    REPLIES,
    mailto_link,
    next_status,
    with_reply_link,
)
from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import IntroductionRequest
from referrals.paths import asks
from referrals.people import services as people
from referrals.people.picker import TEXT_SUFFIX
from referrals.urls import external_url
from referrals.vocab import INTRO_STATUS_LABELS
from referrals.web.forms import ID, call_service, id_arg, page_arg

bp = Blueprint("introductions", __name__, url_prefix="/introductions")

Page = str | tuple[str, int]


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


@bp.route("/")
def index() -> str:
    stmt = introductions.introductions_query(current_user.team_id).order_by(
        IntroductionRequest.status_on.desc(), IntroductionRequest.id.desc())
    page = db.paginate(stmt, page=page_arg(), per_page=50)
    return render_template("introductions/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page | Response:
    """`?prospect=<id>&via=<id>`: ask `via` to introduce the rep to `prospect`; `&next=<id>`
    names whom `via` knows on a longer path (the ask mentions them only if the tie is known)."""
    prospect_id, via_id, next_id = id_arg("prospect"), id_arg("via"), id_arg("next")
    if prospect_id is None or via_id is None:
        return _pick_page()
    team_id = current_user.team_id
    prospect = people.get_person(db.session, team_id, prospect_id)
    via = people.get_person(db.session, team_id, via_id)
    next_person = people.get_person(db.session, team_id, next_id) if next_id else None
    form = IntroductionForm()
    if not form.is_submitted():
        form.ask_text.data = introductions.draft_ask_for(db.session, current_user, via, prospect,
                                                    next_person)
    if form.validate_on_submit() and (
        request := call_service(
            form, introductions.create_introduction_request, current_user, prospect.id, via.id,
            status=form.status.data, ask_text=form.ask_text.data or "",
            notes=form.notes.data or "", confirm_over_cap=bool(form.confirm_over_cap.data),
        )
    ):
        flash(f"Saved your request to {via.name}. Copy the e-mail below and send it.", "success")
        return redirect(url_for(".detail", request_id=request.id))
    warning = asks.over_ask_warning(db.session, current_user.team, via,
                                        today_for(current_user))
    return render_template(
        "introductions/new.html", form=form, prospect=prospect, via=via, warning=warning,
    ), 400 if form.errors or form.form_errors else 200


def _pick_page() -> Page | Response:
    """Without both people in the URL: find them by name. Once the names were typed (no
    JavaScript) and each is one person, on to the ask; otherwise the page again, with the
    people to choose from beside each name."""
    form = IntroductionPickForm(flask_request.args)
    typed = any(key.endswith(TEXT_SUFFIX) for key in flask_request.args)
    if typed and form.validate():
        return redirect(url_for(".new", prospect=form.prospect.data, via=form.via.data))
    return render_template("introductions/pick.html", form=form), 400 if form.errors else 200


def _detail_page(request: IntroductionRequest, form: IntroductionStatusForm | None = None
                 ) -> Page:
    # The control offers the next step, never the status the request already has.
    form = form or IntroductionStatusForm(formdata=None,
                                          data={"status": next_status(request.status)})
    token = introductions.reply_token(current_app.config["SECRET_KEY"], request)
    reply_url = external_url("reply.answer", token=token) if token else None
    email = with_reply_link(request.ask_text, reply_url)
    return render_template(
        "introductions/detail.html", request_=request, form=form,
        labels=INTRO_STATUS_LABELS, email=email, reply_url=reply_url,
        mailto=mailto_link(request.via.email, email) if request.via.email else None,
        replies=REPLIES, action_form=ActionForm(),
    ), 400 if form.errors else 200


@bp.route(f"/<{ID}:request_id>")
def detail(request_id: int) -> Page:
    return _detail_page(
        introductions.get_introduction(db.session, current_user.team_id, request_id)
    )


@bp.route(f"/<{ID}:request_id>/status", methods=["POST"])
def status(request_id: int) -> Page | Response:
    request = introductions.get_introduction(db.session, current_user.team_id, request_id)
    form = IntroductionStatusForm()
    if form.validate_on_submit() and call_service(
        form, introductions.change_introduction_status, current_user, request, form.status.data,
        on=form.on.data, note=form.note.data or "",
        confirm_over_cap=bool(form.confirm_over_cap.data),
    ):
        flash(f"Now: {INTRO_STATUS_LABELS[request.status].lower()}.", "success")
        return redirect(url_for(".detail", request_id=request.id))
    return _detail_page(request, form)


@bp.route(f"/<{ID}:request_id>/reply-link", methods=["POST"])
def new_link(request_id: int) -> Response:
    """A new reply link for the helper; the one sent before stops working."""
    request = introductions.get_introduction(db.session, current_user.team_id, request_id)
    if ActionForm().validate_on_submit():
        introductions.new_reply_link(db.session, request)
        db.session.commit()
        flash("Made a new reply link; the earlier one no longer works.", "success")
    else:
        flash("That didn't work; reload the page and try again.", "error")
    return redirect(url_for(".detail", request_id=request.id))
