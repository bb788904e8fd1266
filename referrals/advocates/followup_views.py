"""Pages: follow-ups with their history, the rep's own reminders, keep-in-touch snoozes and
the calendar feed."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response as WerkzeugResponse

from referrals.advocates import followups as fu
from referrals.advocates import introductions, reminders
from referrals.advocates.forms import ActionForm, OwnFollowupForm, SnoozeForm
from referrals.clock import today_for
from referrals.errors import DomainError, ValidationFailed
from referrals.extensions import db
from referrals.models import Followup, Person, Team
from referrals.people import services as people
from referrals.people.panels import Panel, panel_of
from referrals.redirects import safe_next
from referrals.urls import external_url
from referrals.web.forms import ID, attach_errors, id_arg, joined_messages, page_arg

bp = Blueprint("followups", __name__)
panel_of(bp, Panel("remind", "followups/_person_remind.html", order=40))

Page = str | tuple[str, int]


def remind_form(day: date, person: Person | None = None) -> OwnFollowupForm:
    """A blank "remind me" form, due tomorrow, about `person` when given."""
    form = OwnFollowupForm(formdata=None)
    form.due_on.data = day + timedelta(days=1)
    form.person_id.data = person.id if person else None
    return form


# --- the calendar feed --------------------------------------------------------------------------

@bp.route("/calendar/<token>.ics")
def calendar(token: str) -> Response:
    """The secret feed: no sign-in (calendar apps can't), the token is the key."""
    user = reminders.user_for_calendar_token(db.session, token)
    if user is None:
        abort(404)
    today = today_for(user)
    team = db.session.get(Team, user.team_id)
    body = reminders.calendar_ics(
        fu.open_followups(db.session, user), host=request.host.split(":")[0],
        url_for_followup=lambda f: external_url(".detail", followup_id=f.id),
        keep_in_touch=fu.keep_in_touch_due(
            db.session, team, today + timedelta(days=reminders.KEEP_IN_TOUCH_AHEAD_DAYS)),
        today=today,
        url_for_person=lambda p: external_url("people.detail", person_id=p.id),
    )
    return Response(body, mimetype="text/calendar",
                    headers={"Cache-Control": "private, max-age=300"})


# --- follow-ups ---------------------------------------------------------------------------------

def _mine(followup_id: int) -> Followup:
    return fu.get_followup(db.session, current_user.team_id, followup_id)


def _back(default: str) -> str:
    # Only our own pages: a relative path, never another site (see referrals.redirects).
    return safe_next(request.form.get("next"), default)


@bp.route("/followups/")
@login_required
def index() -> str:
    status = request.args.get("status", "open")
    if status not in ("open", "done"):
        status = "open"
    stmt = fu.followups_query(current_user.team_id, user_id=current_user.id, status=status,
                              kinds=fu.LISTED_KINDS)
    order = (Followup.due_on, Followup.id) if status == "open" else (
        Followup.completed_at.desc(), Followup.id.desc())
    page = db.paginate(stmt.order_by(*order), page=page_arg(), per_page=50)
    return render_template("followups/index.html", page=page, status=status,
                           today=today_for(current_user), due_label=fu.due_label)


@bp.route("/followups/new", methods=["GET", "POST"])
@login_required
def new() -> Page | WerkzeugResponse:
    """"Remind me to … on <date>"; `?person=` fixes whom it is about."""
    day = today_for(current_user)
    person_id = id_arg("person")
    person = people.get_person(db.session, current_user.team_id, person_id) if person_id else None
    form = OwnFollowupForm() if request.method == "POST" else remind_form(day, person)
    if form.validate_on_submit():
        try:
            followup = fu.create_own_followup(db.session, current_user, {
                "person_id": form.person_id.data, "reason": form.reason.data,
                "due_on": form.due_on.data, "kind": form.kind.data})
        except DomainError as exc:
            db.session.rollback()
            attach_errors(form, exc)
        else:
            db.session.commit()
            flash(_reminder_set(followup, day), "success")
            return redirect(_back(url_for("main.today")))
    return render_template("followups/new.html", form=form,
                           person=person), 400 if form.errors else 200


def _reminder_set(followup: Followup, day: date) -> str:
    what = "Call" if followup.kind == "call" else "Reminder"
    said = f"{what} set for {fu.due_phrase(followup.due_on, day)} ({followup.person.name})"
    if fu.on_today_list(followup, current_user, day):
        return f"{said} – it's on your Today list."
    shows_from = followup.due_on - timedelta(days=fu.AHEAD_DAYS)
    return f"{said}. It will show on your Today list from {fu.due_phrase(shows_from, day)}."


@bp.route(f"/followups/<{ID}:followup_id>")
@login_required
def detail(followup_id: int) -> str:
    return render_template("followups/detail.html", f=_mine(followup_id),
                           snooze_choices=fu.SNOOZE_CHOICES,
                           today=today_for(current_user), due_label=fu.due_label)


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
    return redirect(_back(url_for("main.today")))


@bp.route(f"/followups/<{ID}:followup_id>/snooze", methods=["POST"])
@login_required
def snooze(followup_id: int) -> WerkzeugResponse:
    followup = _mine(followup_id)
    form = SnoozeForm()
    if form.validate_on_submit():
        try:
            fu.snooze_followup(db.session, current_user, followup, form.days.data,
                               today_for(current_user))
        except ValidationFailed as exc:
            db.session.rollback()
            flash(joined_messages(exc.fields, exc.message), "error")
        else:
            db.session.commit()
            flash(f"Snoozed until {followup.due_on:%A %d %B}.", "success")
    else:
        flash(joined_messages(form.errors), "error")
    return redirect(_back(url_for("main.today")))


# --- keep in touch and asks with no answer ------------------------------------------------------

@bp.route(f"/keep-in-touch/<{ID}:person_id>/snooze", methods=["POST"])
@login_required
def snooze_keep_in_touch(person_id: int) -> WerkzeugResponse:
    person = people.get_person(db.session, current_user.team_id, person_id)
    form = SnoozeForm()
    if form.validate_on_submit():
        marker = fu.snooze_keep_in_touch(db.session, current_user, person, form.days.data,
                                         today_for(current_user))
        db.session.commit()
        flash(f"{person.name} comes back on your Today list on {marker.due_on:%A %d %B}.",
              "success")
    else:
        flash(joined_messages(form.errors), "error")
    return redirect(_back(url_for("main.today")))


@bp.route(f"/today/asks/<{ID}:request_id>/no-reply", methods=["POST"])
@login_required
def ask_no_reply(request_id: int) -> WerkzeugResponse:
    ask = introductions.get_introduction(db.session, current_user.team_id, request_id)
    if ActionForm().validate_on_submit():
        try:
            introductions.change_introduction_status(db.session, current_user, ask, "no_reply",
                                                note="No answer to the ask.")
        except DomainError as exc:
            db.session.rollback()
            flash(joined_messages(exc.fields, exc.message), "error")
        else:
            db.session.commit()
            flash(f"Marked: no reply from {ask.via.name}.", "success")
    else:
        flash("That form had expired; please try again.", "error")
    return redirect(_back(url_for("main.today")))


# --- calendar settings --------------------------------------------------------------------------

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
        new_url = external_url(".calendar", token=token)
    feed = reminders.calendar_feed_of(db.session, current_user)
    return render_template("followups/calendar.html", form=form, feed=feed, new_url=new_url)
