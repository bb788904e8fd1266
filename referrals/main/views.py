"""Page composition: the landing page, Today (the rep's work queue) and the Warmest
prospects table."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from referrals.advocates import followups as fu
from referrals.advocates.followup_views import remind_form
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.main.forms import ProspectTableForm
from referrals.main.prospects import prospect_table
from referrals.main.today import today_queue
from referrals.vocab import INTRO_STATUS_LABELS
from referrals.web.forms import page_arg

bp = Blueprint("main", __name__)
PROSPECTS_PER_PAGE = 50


@bp.route("/")
@login_required
def index() -> Response:
    return redirect(url_for("main.today"))


@bp.route("/today")
@login_required
def today() -> str:
    """Today: the rep's work queue and the landing page."""
    queue = today_queue(db.session, current_user, utc_now())
    return render_template(
        "followups/today.html", queue=queue, today=queue.today, due_label=fu.due_label,
        snooze_choices=fu.SNOOZE_CHOICES, own_form=remind_form(queue.today),
    )




@bp.route("/prospects")
@login_required
def prospects() -> ResponseReturnValue:
    """Warmest prospects: every prospect ranked by warmth, sortable, with per-row actions."""
    form = ProspectTableForm(request.args)
    table = None
    if form.validate():
        order = form.order.data
        table = prospect_table(
            db.session, current_user, now=utc_now(), sort=form.sort.data or "warmth",
            descending=None if not order else order == "desc",
            company=(form.company.data or "").strip() or None,
            max_hops=form.max_hops.data or 4, not_contacted=bool(form.not_contacted.data),
            page=page_arg(), per_page=PROSPECTS_PER_PAGE,
        )
    return render_template("main/prospects.html", form=form, table=table,
                           status_labels=INTRO_STATUS_LABELS), (
        400 if form.errors else 200)
