"""Pages: Today (the rep's work queue, the landing page), follow-ups with their history, the
rep's own reminders, keep-in-touch snoozes and the calendar feed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response as WerkzeugResponse

from referrals.advocates import followups as fu
from referrals.advocates import introductions, reminders
from referrals.advocates.forms import ActionForm, OwnFollowupForm, SnoozeForm
from referrals.base import utcnow
from referrals.errors import DomainError, ValidationFailed
from referrals.extensions import db
from referrals.models import Followup, Person, Team, User
from referrals.outreach.cadence import Window, off_hours_windows
from referrals.outreach.callback import stalled_prospects
from referrals.outreach.touches import zone_of
from referrals.people import services as people
from referrals.people.panels import Panel, panel_of
from referrals.redirects import safe_next
from referrals.urls import external_url
from referrals.web.forms import ID, attach_errors, id_arg, joined_messages, page_arg

bp = Blueprint("followups", __name__)
panel_of(bp, Panel("remind", "followups/_person_remind.html", order=40))

Page = str | tuple[str, int]
SHOWN = 20  # rows per Today section; the count says how many there are in all


# --- Today: the work queue -------------------------------------------------------------------

@dataclass
class Section:
    """One block of Today: its items (at most SHOWN) and how many there are in all."""

    key: str
    title: str
    items: list[Any]
    count: int
    note: str = ""
    more_url: str | None = None


@dataclass
class Queue:
    today: date
    sections: list[Section] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.sections


def open_call_windows(session: Any, user: User, now: datetime
                      ) -> tuple[list[tuple[Person, Window]], int]:
    """The team's prospects whose off-hours window is open now in their own time zone, and
    how many prospects were not checked because their time zone is unknown."""
    stmt = select(Person).where(Person.team_id == user.team_id, Person.is_prospect.is_(True),
                                Person.do_not_contact.is_(False)).order_by(Person.name, Person.id)
    open_now, unknown = [], 0
    for person in session.scalars(stmt):
        if not person.timezone:
            unknown += 1
            continue
        window = off_hours_windows(now, zone_of(person), count=1)[0]
        if window.start <= now < window.end:
            open_now.append((person, window))
    return open_now, unknown


def _section(key: str, title: str, items: list[Any], **extra: Any) -> Section | None:
    if not items:
        return None
    return Section(key, title, items[:SHOWN], len(items), **extra)


def today_queue(session: Any, user: User, now: datetime) -> Queue:
    """What the rep has to do, in the order they should look at it; empty sections left out."""
    day = fu.local_today(user, now)
    team = session.get(Team, user.team_id)
    upcoming = list(session.scalars(fu.followups_query(
        user.team_id, user_id=user.id, status="open",
        due_on_or_before=day + timedelta(days=fu.AHEAD_DAYS),
        kinds=[k for k in fu.LISTED_KINDS if k != "call"],
    ).order_by(Followup.due_on, Followup.id)))
    calls = list(session.scalars(fu.followups_query(
        user.team_id, user_id=user.id, status="open", kinds=("call",),
    ).order_by(Followup.due_on, Followup.id)))
    windows, no_zone = open_call_windows(session, user, now)
    zone_note = (f"{no_zone} prospect{'s have' if no_zone != 1 else ' has'} no time zone, so "
                 "their window is unknown." if no_zone else "")
    found = [
        _section("overdue", "Overdue", [f for f in upcoming if f.due_on < day]),
        _section("today", "Today", [f for f in upcoming if f.due_on == day]),
        _section("week", "Next 7 days", [f for f in upcoming if f.due_on > day]),
        _section("calls", "Calls you promised", calls),
        _section("asks", "Asks with no answer", fu.unanswered_asks(session, user, day)),
        _section("stalled", "Stalled prospects", stalled_prospects(session, user, now=now),
                 more_url=url_for("outreach.index")),
        _section("windows", "Call window open now", windows, note=zone_note),
        _section("keep", "Keep in touch", fu.keep_in_touch_due(session, team, day)),
    ]
    return Queue(day, [s for s in found if s is not None])


@bp.route("/today")
@login_required
def today() -> str:
    queue = today_queue(db.session, current_user, utcnow())
    return render_template(
        "followups/today.html", queue=queue, today=queue.today, due_label=fu.due_label,
        snooze_choices=fu.SNOOZE_CHOICES, own_form=_remind_form(queue.today),
        everyone=_people_choices(),
    )


def _people_choices() -> list[Person]:
    stmt = people.people_query(current_user.team_id).order_by(Person.name, Person.id)
    return [p for p in db.session.scalars(stmt) if p.id != current_user.person_id]


def _remind_form(day: date, person: Person | None = None) -> OwnFollowupForm:
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
    today = fu.local_today(user)
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
                           today=fu.local_today(current_user), due_label=fu.due_label)


@bp.route("/followups/new", methods=["GET", "POST"])
@login_required
def new() -> Page | WerkzeugResponse:
    """"Remind me to … on <date>"; `?person=` fixes whom it is about."""
    day = fu.local_today(current_user)
    person_id = id_arg("person")
    person = people.get_person(db.session, current_user.team_id, person_id) if person_id else None
    form = OwnFollowupForm() if request.method == "POST" else _remind_form(day, person)
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
            return redirect(_back(url_for(".today")))
    return render_template("followups/new.html", form=form, person=person,
                           everyone=_people_choices()), 400 if form.errors else 200


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


# --- keep in touch and asks with no answer ------------------------------------------------------

@bp.route(f"/keep-in-touch/<{ID}:person_id>/snooze", methods=["POST"])
@login_required
def snooze_keep_in_touch(person_id: int) -> WerkzeugResponse:
    person = people.get_person(db.session, current_user.team_id, person_id)
    form = SnoozeForm()
    if form.validate_on_submit():
        marker = fu.snooze_keep_in_touch(db.session, current_user, person, form.days.data,
                                         fu.local_today(current_user))
        db.session.commit()
        flash(f"{person.name} comes back on your Today list on {marker.due_on:%A %d %B}.",
              "success")
    else:
        flash(joined_messages(form.errors), "error")
    return redirect(_back(url_for(".today")))


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
    return redirect(_back(url_for(".today")))


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
