"""Pages for the people of the rep's network: list, search, profile, create, edit, delete."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    get_template_attribute,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup
from sqlalchemy import Integer, Select, bindparam, select
from werkzeug.wrappers import Response

from referrals.base import MAX_ID
from referrals.clock import aware, today_for
from referrals.database import unit_of_work
from referrals.errors import DomainError, NotFound
from referrals.extensions import db
from referrals.models import Person, PersonNote, User
from referrals.people import search, services
from referrals.people.forms import (
    ROLE_LABELS,
    BulkRolesForm,
    NoteForm,
    PeopleFilterForm,
    PersonForm,
    conflict_rows,
)
from referrals.people.panels import (
    Event,
    PersonRows,
    TimelineSource,
    page_reads,
    panels_for,
    person_rows,
    rows_of,
    shared_read,
    timeline_of,
    warmth_for,
)
from referrals.web.forms import ID, attach_errors, call_service, page_arg
from referrals.web.templating import warmth_label

bp = Blueprint("people", __name__, url_prefix="/people")

Page = str | tuple[str, int]
LOOKUP_LIMIT = 20


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


@bp.context_processor
def network_labels() -> dict:
    """Role labels, and the ids of the team's reps' own people (marked "you"/"rep")."""
    if not current_user.is_authenticated:  # e.g. the error page of a refused request
        return {}
    return {"role_labels": ROLE_LABELS, "reps": team_reps()}


def team_reps() -> set[int]:
    """The ids of the team's reps' own people (read with the person on the person page)."""
    return shared_read("reps", lambda: {
        u.person_id for u in current_user.team.users if u.person_id is not None})


def _team_id() -> int:
    return current_user.team_id


def _timezones() -> list[str]:
    names = services.timezone_names()
    return sorted(n for n in names if "/" in n and not n.startswith(("Etc/", "posix", "right/")))


def _form_page(form: PersonForm, person: Person | None,
               conflict: list[tuple[str, str, str]] | None = None) -> Page:
    return render_template(
        "people/form.html", form=form, person=person, timezones=_timezones(), conflict=conflict,
    ), 409 if conflict is not None else 400 if form.errors else 200


def _stale_edit(form: PersonForm, person: Person) -> list[tuple[str, str, str]] | None:
    """After a refused save: when the page was loaded at an older version, the fields where
    the rep's input differs from what is saved now, and the form moved to the new version so
    that saving again ("save mine anyway") goes over it. None when the version was not it."""
    if form.expected_version() in (None, person.version):  # person is re-read after rollback
        return None
    form.version.data = str(person.version)
    return conflict_rows(form, services.changed_fields(person, form.service_data()))


def _list_page(bulk: BulkRolesForm, status: int = 200) -> Page:
    """The list as the query string filters it, with the bulk roles form (`bulk`)."""
    filters = PeopleFilterForm(request.args)
    filters.validate()  # a bad filter is shown beside its field and then ignored
    q = None if filters.q.errors else filters.q.data
    role = None if filters.role.errors else (filters.role.data or None)
    stmt = services.people_query(_team_id(), q=q, role=role).order_by(Person.name, Person.id)
    page = db.paginate(stmt, page=page_arg(),
                       per_page=current_app.config["PEOPLE_PER_PAGE"])
    return render_template("people/index.html", page=page, filters=filters, q=q, role=role,
                           bulk=bulk, warmth=warmth_for(page.items)), status


def _list_args() -> dict[str, str]:
    """The list's own query arguments (search, role, page), to come back to the same page."""
    return {k: v for k in ("q", "role", "page") if (v := request.args.get(k, ""))}


@bp.route("/")
def index() -> Page:
    return _list_page(BulkRolesForm(formdata=None))


@bp.route("/roles", methods=["POST"])
def bulk_roles() -> Page | Response:
    """Add a role to, or remove it from, the people ticked on the list; all or nothing."""
    form = BulkRolesForm()
    if not form.validate_on_submit():
        return _list_page(form, 400)
    add, role = form.add_and_role()
    ids = form.chosen_ids()
    try:
        with unit_of_work(db.session):
            changed = services.change_roles(db.session, _team_id(), ids, role, add=add)
    except DomainError as exc:  # another team's id (404) or a bad role: nothing written
        attach_errors(form, exc)
        return _list_page(form, exc.status)
    flash(roles_changed(add, role, len(changed), len(ids) - len(changed)), "success")
    return redirect(url_for(".index", **_list_args()))


def roles_changed(add: bool, role: str, changed: int, unchanged: int) -> str:
    """What a bulk role change did, in the rep's words.

    >>> roles_changed(True, "prospect", 12, 0)
    '12 people marked as prospects.'
    >>> roles_changed(True, "advocate", 1, 2)
    '1 person marked as advocate. 2 already were.'
    >>> roles_changed(False, "customer", 2, 1)
    '2 people are no longer customers. 1 was not one.'
    >>> roles_changed(False, "reference", 0, 3)
    'Nobody changed: none of them was a reference.'
    """
    noun = ROLE_LABELS[role].lower()
    a_noun = ("an " if noun[0] in "aeiou" else "a ") + noun
    if not changed:
        if add:
            return (f"Nobody changed: they were all {noun}s already." if unchanged > 1
                    else f"Nobody changed: they were {a_noun} already.")
        return f"Nobody changed: none of them was {a_noun}."
    people = "1 person" if changed == 1 else f"{changed} people"
    if add:
        said = f"{people} marked as {noun if changed == 1 else noun + 's'}."
        rest = {0: "", 1: " 1 already was."}.get(unchanged, f" {unchanged} already were.")
    else:
        said = (f"{people} {'is' if changed == 1 else 'are'} no longer "
                f"{a_noun if changed == 1 else noun + 's'}.")
        rest = {0: "", 1: " 1 was not one."}.get(unchanged, f" {unchanged} were not.")
    return said + rest


@bp.route("/lookup")
def lookup() -> Response:
    """The type-ahead's answer (this app's own pages only, not the API): the team's people
    matching `q`, best first; `prefer` a role to put first, `limit` at most 20."""
    prefer = request.args.get("prefer")
    prefer = prefer if prefer in ROLE_LABELS else None
    limit = min(max(request.args.get("limit", 8, type=int), 1), LOOKUP_LIMIT)
    found = search.search_people(db.session, _team_id(), request.args.get("q"),
                                 prefer=prefer, limit=limit)
    warmth = warmth_for(found)
    response = jsonify(people=[
        {"id": p.id, "name": p.name, "company": p.company or "",
         "role": search.role_label(p, prefer), "url": url_for(".detail", person_id=p.id),
         "warmth": warmth_label(warmth[p.id]) if p.id in warmth else ""}
        for p in found])
    response.headers["Cache-Control"] = "no-store"  # people change; a stale list misleads
    return response


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page | Response:
    form = PersonForm()
    if form.validate_on_submit() and (
        person := call_service(form, services.create_person, _team_id(), form.service_data())
    ):
        flash(f"Added {person.name}. Now note who they know.", "success")
        return redirect(url_for(".detail", person_id=person.id))
    return _form_page(form, None)


def detail_page(person: Person, status: int = 200, **extra: object) -> Page:
    """The profile: the person's details and the panels the features registered (see
    `people.panels`); `extra` carries a panel's refused form back to it."""
    if "note_form" not in extra:
        extra["note_field"] = blank_note_field()
    with page_reads():
        return render_template("people/detail.html", person=person,
                               **panels_for(person, request.args.get("show")), **extra), status


_BLANK_NOTE = "referrals.people.blank_note_field"


def blank_note_field() -> Markup:
    """The note form's field as every page first shows it (empty, no errors), rendered once
    per app: building the form and rendering its field cost ~0.2 ms a page. The CSRF token,
    which is per session, is written by the template itself."""
    kept = current_app.extensions.get(_BLANK_NOTE)
    if kept is None:
        field = get_template_attribute("macros/forms.html", "field")
        kept = Markup(field(NoteForm(formdata=None, meta={"csrf": False}).body))
        current_app.extensions[_BLANK_NOTE] = kept
    return kept


@cache
def _page_person_statement() -> Select[tuple[Person, int | None]]:
    """`_page_person`'s query, built once with bound parameters (building it and its cache
    key cost more than running it)."""
    wanted = select(User.person_id).where(
        User.team_id == bindparam("team_id", type_=Integer)).union_all(
        select(bindparam("person_id", type_=Integer)))
    return (select(Person, User.id).outerjoin(User, User.person_id == Person.id)
            .where(Person.id.in_(wanted.scalar_subquery())))


def _page_person(person_id: int) -> tuple[Person, list[Person]]:
    """The person of a profile, read with the team's reps' people in one query: the page
    marks reps, and the rep's own record (their time zone) is then in the session."""
    team_id = _team_id()
    if not 0 < person_id <= MAX_ID:
        raise NotFound("No such person.")
    found, reps = None, []
    for row, user_id in db.session.execute(_page_person_statement(),
                                           {"team_id": team_id, "person_id": person_id}):
        if row.team_id != team_id:
            continue
        if user_id is not None:
            reps.append(row)
        if row.id == person_id:
            found = row
    if found is None:
        raise NotFound("No such person.")
    return found, reps


@bp.route(f"/<{ID}:person_id>")
def detail(person_id: int) -> Page:
    with page_reads():
        person, reps = _page_person(person_id)
        # Held for the page: the session keeps a row only while something refers to it.
        shared_read("rep_people", lambda: reps)
        shared_read("reps", lambda: {p.id for p in reps})
        return detail_page(person)


@bp.route(f"/<{ID}:person_id>/edit", methods=["GET", "POST"])
def edit(person_id: int) -> Page | Response:
    person = services.get_person(db.session, _team_id(), person_id)
    form = PersonForm(obj=person)
    if form.validate_on_submit():
        if call_service(form, services.update_person, person, form.service_data(),
                        expected_version=form.expected_version()):
            flash(f"Saved the changes to {person.name}.", "success")
            return redirect(url_for(".detail", person_id=person.id))
        return _form_page(form, person, _stale_edit(form, person))
    return _form_page(form, person)


@bp.route(f"/<{ID}:person_id>/delete", methods=["GET", "POST"])
def delete(person_id: int) -> Page | Response:
    """GET asks to confirm (deleting also removes every tie); POST deletes."""
    person = services.get_person(db.session, _team_id(), person_id)
    if request.method == "GET":
        return render_template(
            "people/delete.html", person=person,
            tie_count=len(services.relationships_of(db.session, person)),
            group_count=len(services.groups_of(db.session, person)),
        )
    name = person.name
    try:
        services.delete_person(db.session, person)
    except DomainError:
        db.session.rollback()
        flash("That's you – your own record stays as long as your account does."
              if person_id == current_user.person_id
              else f"{name} is a rep on your team, so their record can't be deleted.", "error")
        return redirect(url_for(".detail", person_id=person_id))
    db.session.commit()
    flash(f"Deleted {name}, with their relationships and group memberships.", "success")
    return redirect(url_for(".index"))


@bp.route(f"/<{ID}:person_id>/notes", methods=["POST"])
def add_note(person_id: int) -> Page | Response:
    """A dated note from the timeline's form; a refused one comes back beside the field."""
    person = services.get_person(db.session, _team_id(), person_id)
    form = NoteForm()
    if form.validate_on_submit() and call_service(
        form, services.add_note, current_user, person, form.body.data
    ):
        flash("Note added.", "success")
        return redirect(url_for(".detail", person_id=person.id, _anchor="timeline"))
    return detail_page(person, 400, note_form=form)


def note_events(person: Person, context: Mapping[str, Any]) -> list[Event]:
    """The rep's dated notes, each on the day it was written (in the rep's zone)."""
    events = []
    rep = current_user._get_current_object()  # once, not through the proxy per note
    for note in person_rows(person, "notes"):
        at = aware(note.created_at)
        events.append(Event(today_for(rep, at), "notes", "Note", note.body, at=at))
    return events


@dataclass(frozen=True, slots=True)
class NoteRow:
    """A dated note as the timeline shows it: read-only values, not an ORM object."""

    id: int
    team_id: int
    body: str
    created_at: datetime


def _note_row(values: Sequence[Any]) -> NoteRow:
    return NoteRow(*values)


rows_of(bp, PersonRows(
    "notes", PersonNote,
    lambda key, team_id: (PersonNote.team_id == team_id) & (PersonNote.person_id == key),
    sort=lambda n: (n.created_at, n.id), newest_first=True,
    columns=(PersonNote.id, PersonNote.team_id, PersonNote.body, PersonNote.created_at),
    make=_note_row))
timeline_of(bp, TimelineSource("notes", "Notes", note_events, order=5))


def added_event(person: Person, context: Mapping[str, Any]) -> list[Event]:
    """When the person's record was made here (not when the rep met them: that isn't known)."""
    at = aware(person.created_at)
    return [Event(today_for(current_user, at), "added", "Added to referrals", at=at)]


timeline_of(bp, TimelineSource("added", "Added", added_event, order=90))
