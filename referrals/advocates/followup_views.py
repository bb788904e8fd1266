"""Pages: Today (the landing page), follow-ups with their history, and the calendar feed."""

from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from referrals.advocates import followups as fu
from referrals.advocates import reminders
from referrals.advocates.forms import ActionForm, SnoozeForm
from referrals.base import utcnow
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.main.forms_util import ID, joined_messages, page_arg
from referrals.models import Followup, Touch

bp = Blueprint("followups", __name__)

Page = str | tuple[str, int]
WARM_LIMIT = 8
CALLBACK_DAYS = 14  # a call-back older than two weeks is no longer news


@bp.route("/calendar/<token>.ics")
def calendar(token: str) -> Response:
    """The secret feed: no sign-in (calendar apps can't), the token is the key."""
    user = reminders.user_for_calendar_token(db.session, token)
    if user is None:
        abort(404)
    body = reminders.calendar_ics(
        fu.open_followups(db.session, user), host=request.host.split(":")[0],
        url_for_followup=lambda f: url_for(".detail", followup_id=f.id, _external=True),
    )
    return Response(body, mimetype="text/calendar",
                    headers={"Cache-Control": "private, max-age=300"})


def _mine(followup_id: int) -> Followup:
    return fu.get_followup(db.session, current_user.team_id, followup_id)


def _back(default: str) -> str:
    # Only our own pages: a relative path, never another site.
    target = request.form.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else default


@bp.route("/today")
@login_required
def today() -> str:
    from referrals.paths.services import rank_prospects_for

    day = fu.local_today(current_user)
    due = fu.due_followups(db.session, current_user, day)
    callbacks = list(db.session.scalars(
        db.select(Touch).where(Touch.team_id == current_user.team_id,
                               Touch.outcome == "callback_received",
                               Touch.occurred_at >= utcnow() - timedelta(days=CALLBACK_DAYS))
        .order_by(Touch.occurred_at.desc()).limit(10)))
    try:
        warm = [row for row in rank_prospects_for(db.session, current_user, not_contacted=True,
                                                  limit=WARM_LIMIT * 3)
                if row.warmth is not None][:WARM_LIMIT]
    except ValidationFailed:  # pragma: no cover - a rep without a person
        warm = []
    return render_template(
        "followups/today.html", today=day, overdue=[f for f in due if f.due_on < day],
        due_today=[f for f in due if f.due_on == day], callbacks=callbacks, warm=warm,
        snooze_choices=fu.SNOOZE_CHOICES, due_label=fu.due_label,
    )


@bp.route("/followups/")
@login_required
def index() -> str:
    status = request.args.get("status", "open")
    if status not in ("open", "done"):
        status = "open"
    stmt = fu.followups_query(current_user.team_id, user_id=current_user.id, status=status)
    order = (Followup.due_on, Followup.id) if status == "open" else (
        Followup.completed_at.desc(), Followup.id.desc())
    page = db.paginate(stmt.order_by(*order), page=page_arg(), per_page=50)
    return render_template("followups/index.html", page=page, status=status,
                           today=fu.local_today(current_user), due_label=fu.due_label)


@bp.route(f"/followups/<{ID}:followup_id>")
@login_required
def detail(followup_id: int) -> str:
    return render_template("followups/detail.html", f=_mine(followup_id),
                           snooze_choices=fu.SNOOZE_CHOICES,
                           today=fu.local_today(current_user), due_label=fu.due_label)


@bp.route(f"/followups/<{ID}:followup_id>/complete", methods=["POST"])
@login_required
def complete(followup_id: int) -> WerkzeugResponse:
    followup = _mine(followup_id)
    if ActionForm().validate_on_submit():
        fu.complete_followup(db.session, current_user, followup)
        db.session.commit()
        flash(f"Done: {followup.person.name} – it stays in the history.", "success")
    else:
        flash("That form had expired; please try again.", "error")
    return redirect(_back(url_for(".today")))


@bp.route(f"/followups/<{ID}:followup_id>/snooze", methods=["POST"])
@login_required
def snooze(followup_id: int) -> WerkzeugResponse:
    followup = _mine(followup_id)
    form = SnoozeForm()
    if form.validate_on_submit():
        try:
            fu.snooze_followup(db.session, current_user, followup, form.days.data,
                               fu.local_today(current_user))
        except ValidationFailed as exc:
            db.session.rollback()
            flash(joined_messages(exc.fields, exc.message), "error")
        else:
            db.session.commit()
            flash(f"Snoozed until {followup.due_on:%A %d %B}.", "success")
    else:
        flash(joined_messages(form.errors), "error")
    return redirect(_back(url_for(".today")))


@bp.route("/followups/calendar", methods=["GET", "POST"])
@login_required
def calendar_settings() -> Page | WerkzeugResponse:
    """Show whether a feed exists; POST makes a new secret address (the old one stops)."""
    form = ActionForm()
    new_url = None
    if form.validate_on_submit():
        if request.form.get("action") == "revoke":
            reminders.revoke_calendar_token(db.session, current_user)
            db.session.commit()
            flash("The calendar address no longer works.", "success")
            return redirect(url_for(".calendar_settings"))
        token = reminders.rotate_calendar_token(db.session, current_user)
        db.session.commit()
        new_url = url_for(".calendar", token=token, _external=True)
    feed = reminders.calendar_feed_of(db.session, current_user)
    return render_template("followups/calendar.html", form=form, feed=feed, new_url=new_url)
