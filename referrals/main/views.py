"""Page composition: the landing page and Today, the rep's work queue."""

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from referrals.advocates import followups as fu
from referrals.advocates.followup_views import remind_form
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.main.today import today_queue

bp = Blueprint("main", __name__)


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


