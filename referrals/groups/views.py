"""Pages for groups – associations, events, companies – and who belongs to them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response
from wtforms import SelectChoice

from referrals.database import unit_of_work
from referrals.errors import Conflict
from referrals.extensions import db
from referrals.groups import services
from referrals.groups.forms import (
    KIND_LABELS,
    AddToGroupForm,
    FindMemberForm,
    GroupFilterForm,
    GroupForm,
)
from referrals.models import Group, GroupMembership, Person
from referrals.people import services as people
from referrals.people.panels import Panel, PersonRows, panel_of, person_rows, rows_of
from referrals.people.views import detail_page, network_labels
from referrals.web.forms import ID, call_service, page_arg

bp = Blueprint("groups", __name__, url_prefix="/groups")
bp.context_processor(network_labels)
# Adding and removing from a person's page keeps the person's URLs (/people/<id>/groups…).
person_bp = Blueprint("person_groups", __name__, url_prefix="/people")

Page = str | tuple[str, int]
SEARCH_LIMIT = 20


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


@bp.context_processor
def _kind_labels() -> dict:
    return {"group_kind_labels": KIND_LABELS}


def _team_id() -> int:
    return current_user.team_id


@bp.route("/")
def index() -> Page:
    filters = GroupFilterForm(request.args)
    filters.validate()  # a bad filter is shown beside its field and then ignored
    q = None if filters.q.errors else filters.q.data
    kind = None if filters.kind.errors else (filters.kind.data or None)
    stmt = services.groups_query(_team_id(), kind=kind, q=q).order_by(Group.name, Group.id)
    page = db.paginate(stmt, page=page_arg(),
                       per_page=current_app.config["PEOPLE_PER_PAGE"])
    counts = services.member_counts(db.session, [g.id for g in page.items])
    return render_template("groups/index.html", page=page, counts=counts, filters=filters,
                           q=q, kind=kind)


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page | Response:
    form = GroupForm()
    if form.validate_on_submit() and (
        group := call_service(form, services.create_group, _team_id(), form.service_data())
    ):
        flash(f"Created {group.name}. Now add the people who belong to it.", "success")
        return redirect(url_for(".detail", group_id=group.id))
    return render_template("groups/form.html", form=form, group=None), 400 if form.errors else 200


@bp.route(f"/<{ID}:group_id>")
def detail(group_id: int) -> Page:
    group = services.get_group(db.session, _team_id(), group_id)
    search = FindMemberForm(request.args)
    q = (search.q.data or "").strip() if search.validate() else ""
    candidates: list[Person] = []
    if q:
        stmt = services.non_members_query(group, q=q).order_by(Person.name, Person.id)
        candidates = list(db.session.scalars(stmt.limit(SEARCH_LIMIT + 1)))
    members = db.paginate(services.members_query(group), page=page_arg(),
                          per_page=current_app.config["PEOPLE_PER_PAGE"])
    return render_template(
        "groups/detail.html", group=group, members=members, search=search, q=q,
        candidates=candidates[:SEARCH_LIMIT], more=len(candidates) > SEARCH_LIMIT,
    ), 400 if search.errors else 200


@bp.route(f"/<{ID}:group_id>/edit", methods=["GET", "POST"])
def edit(group_id: int) -> Page | Response:
    group = services.get_group(db.session, _team_id(), group_id)
    form = GroupForm(obj=group)
    if form.validate_on_submit() and call_service(form, services.update_group, group,
                                                  form.service_data()):
        flash(f"Saved {group.name}.", "success")
        return redirect(url_for(".detail", group_id=group.id))
    return render_template("groups/form.html", form=form, group=group), 400 if form.errors else 200


@bp.route(f"/<{ID}:group_id>/delete", methods=["GET", "POST"])
def delete(group_id: int) -> Page | Response:
    """GET asks to confirm; POST deletes the group (its members stay in the network)."""
    group = services.get_group(db.session, _team_id(), group_id)
    if request.method == "GET":
        count = services.member_counts(db.session, [group.id]).get(group.id, 0)
        return render_template("groups/delete.html", group=group, member_count=count)
    name = group.name
    services.delete_group(db.session, group)
    db.session.commit()
    flash(f"Deleted the group {name}. Its members are still in your network.", "success")
    return redirect(url_for(".index"))


@bp.route(f"/<{ID}:group_id>/members/<{ID}:person_id>", methods=["POST"])
def add_member(group_id: int, person_id: int) -> Response:
    group = services.get_group(db.session, _team_id(), group_id)
    person = people.get_person(db.session, _team_id(), person_id)
    try:
        with unit_of_work(db.session):
            services.add_member(db.session, group, person.id)
    except Conflict:
        flash(f"{person.name} is already a member of {group.name}.", "info")
    else:
        flash(f"Added {person.name} to {group.name}.", "success")
    # Back to the same search, so the rep can add several people in a row.
    return redirect(url_for(".detail", group_id=group.id, q=request.args.get("q") or None) + "#add")


@bp.route(f"/<{ID}:group_id>/members/<{ID}:person_id>/remove", methods=["POST"])
def remove_member(group_id: int, person_id: int) -> Response:
    group = services.get_group(db.session, _team_id(), group_id)
    person = people.get_person(db.session, _team_id(), person_id)
    services.remove_member(db.session, group, person.id)
    db.session.commit()
    flash(f"Removed {person.name} from {group.name}.", "success")
    return redirect(url_for(".detail", group_id=group.id))


# --- the groups panel of a person's page ---------------------------------------------------

GROUP_SEARCH_LIMIT = 20


def _group_search(member_of: list[GroupRow]) -> tuple[str, list[Group], bool]:
    """The person page's "add to a group" search (`?group_q=`): the team's groups whose name
    matches, the person's own left out – one small query, and none without a search."""
    q = (request.args.get("group_q") or "").strip()[:120]
    if not q:
        return "", [], False
    stmt = services.groups_query(_team_id(), q=q).order_by(Group.name, Group.id)
    joined = [g.id for g in member_of]
    if joined:
        stmt = stmt.where(Group.id.not_in(joined))
    found = list(db.session.scalars(stmt.limit(GROUP_SEARCH_LIMIT + 1)))
    return q, found[:GROUP_SEARCH_LIMIT], len(found) > GROUP_SEARCH_LIMIT


def person_groups_panel(person: Person) -> dict[str, Any]:
    """The groups a person is in, and the search to add one (no list of every group)."""
    member_of = person_rows(person, "groups")
    group_q, group_results, more_groups = _group_search(member_of)
    return {"member_of": member_of, "group_q": group_q, "group_results": group_results,
            "more_groups": more_groups}


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A group as the person page lists it: read-only values, not an ORM object."""

    id: int
    team_id: int
    name: str
    kind: str


def _group_row(values: Sequence[Any]) -> GroupRow:
    return GroupRow(*values)


panel_of(bp, Panel("groups", "groups/_person_panel.html", person_groups_panel, slot="beside"))
rows_of(bp, PersonRows(
    "groups", Group,
    lambda key, team_id: Group.id == GroupMembership.group_id,
    sort=lambda g: (g.kind, g.name),
    through=(GroupMembership, lambda key: GroupMembership.person_id == key),
    columns=(Group.id, Group.team_id, Group.name, Group.kind), make=_group_row))


def _group_form(member_of: list[Group]) -> AddToGroupForm:
    """The add-to-group form, offering the team's groups the person is not in yet."""
    form = AddToGroupForm()
    joined = {g.id for g in member_of}
    stmt = services.groups_query(_team_id()).order_by(Group.kind, Group.name)
    form.group_id.choices = [SelectChoice(0, "Choose a group…")] + [
        SelectChoice(g.id, f"{g.name} ({g.kind})")
        for g in db.session.scalars(stmt)
        if g.id not in joined
    ]
    return form


@person_bp.before_request
@login_required
def _person_bp_signed_in() -> None:
    """Signed-in reps only, like every page of a person."""


@person_bp.route(f"/<{ID}:person_id>/groups", methods=["POST"])
def add(person_id: int) -> Page | Response:
    """Put a person into a group, from the person's page."""
    person = people.get_person(db.session, _team_id(), person_id)
    form = _group_form(people.groups_of(db.session, person))
    if form.validate_on_submit():
        group = services.get_group(db.session, _team_id(), form.group_id.data)
        if call_service(form, services.add_member, group, person.id,
                        aliases={"person_id": "group_id"}):
            flash(f"Added {person.name} to {group.name}.", "success")
            return redirect(url_for("people.detail", person_id=person.id) + "#groups")
    return detail_page(person, 400 if form.errors else 200, group_form=form)


@person_bp.route(f"/<{ID}:person_id>/groups/<{ID}:group_id>/remove", methods=["POST"])
def remove(person_id: int, group_id: int) -> Response:
    """Take a person out of a group, from the person's page."""
    person = people.get_person(db.session, _team_id(), person_id)
    group = services.get_group(db.session, _team_id(), group_id)
    services.remove_member(db.session, group, person.id)
    db.session.commit()
    flash(f"Removed {person.name} from {group.name}.", "success")
    return redirect(url_for("people.detail", person_id=person.id) + "#groups")
