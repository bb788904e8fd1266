"""Pages for relationships: record how two people know each other, edit it, remove it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy.orm import aliased
from werkzeug.wrappers import Response

from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import Person, Relationship
from referrals.people import services as people
from referrals.people.forms import conflict_rows
from referrals.people.panels import Panel, PersonRows, panel_of, person_rows, rows_of
from referrals.people.views import network_labels
from referrals.relationships import services
from referrals.relationships.forms import FindPersonForm, RelationshipForm
from referrals.relationships.interactions import TieStory, tie_stories
from referrals.settings import tie_params
from referrals.web.forms import ID, call_service, id_arg

bp = Blueprint("relationships", __name__, url_prefix="/relationships")
bp.context_processor(network_labels)

Page = str | tuple[str, int]
SEARCH_LIMIT = 20
#: An id no route has otherwise (the person's own id is in the edit and delete links too).
LINK_ID = 987654321


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in reps only."""


def _person_arg(name: str) -> Person | None:
    """The team's person named by a query argument; None if absent, 404 if not the team's."""
    person_id = id_arg(name)
    if person_id is None:
        return None
    return people.get_person(db.session, current_user.team_id, person_id)


def _back_to(rel: Relationship) -> str:
    """The profile the rep came from (`?person_id=`), or else the first person's."""
    person_id = request.args.get("person_id", type=int)
    if person_id not in (rel.person_a_id, rel.person_b_id):
        person_id = rel.person_a_id
    return url_for("people.detail", person_id=person_id) + "#relationships"


def rep_tie_stories(ties: Iterable[Relationship | TieRow]) -> dict[int, TieStory]:
    """The rep's own ties among `ties`, each with its strength in words and the interactions
    behind it."""
    user = current_user._get_current_object()  # read five times: once through the proxy
    return tie_stories(db.session, user, ties, today=today_for(user),
                       params=tie_params(user.team))


def person_relationships_panel(person: Person) -> dict[str, Any]:
    """Who the person knows; the rep's own ties among them explained."""
    relationships = sorted(person_rows(person, "ties"), key=lambda rel: (-rel.rating, rel.id))
    return {"relationships": relationships, "tie_links": _tie_links(person, relationships),
            "stories": rep_tie_stories(relationships) if relationships else {}}


def _tie_links(person: Person, ties: list[TieRow]) -> dict[int, tuple[str, str, str]]:
    """Each tie's three links (the other person, edit, delete) from three routes built once,
    not three per row."""
    n = str(LINK_ID)
    person_url = url_for("people.detail", person_id=LINK_ID)
    edit = url_for("relationships.edit", relationship_id=LINK_ID, person_id=person.id)
    delete = url_for("relationships.delete", relationship_id=LINK_ID, person_id=person.id)
    return {rel.id: (person_url.replace(n, str(rel.other(person.id).id)),
                     edit.replace(n, str(rel.id)), delete.replace(n, str(rel.id)))
            for rel in ties}


@dataclass(frozen=True, slots=True)
class TieEnd:
    """What the relationships panel shows of a person on a tie."""

    id: int
    name: str
    title: str | None
    company: str | None


@dataclass(frozen=True, slots=True)
class TieRow:
    """A tie as the person page shows it: read-only values, not an ORM object."""

    id: int
    team_id: int
    person_a_id: int
    person_b_id: int
    kind: str
    rating: int
    last_interaction: date | None
    notes: str
    person_a: TieEnd
    person_b: TieEnd

    def other(self, person_id: int) -> TieEnd:
        """The person on the other side of the tie from `person_id`."""
        return self.person_b if self.person_a_id == person_id else self.person_a


_END_A, _END_B = aliased(Person, name="end_a"), aliased(Person, name="end_b")
_TIE_COLUMNS = (Relationship.id, Relationship.team_id, Relationship.person_a_id,
                Relationship.person_b_id, Relationship.kind, Relationship.rating,
                Relationship.last_interaction, Relationship.notes,
                *(getattr(end, c)
                  for end in (_END_A, _END_B) for c in ("id", "name", "title", "company")))


def _tie_row(values: Sequence[Any]) -> TieRow:
    return TieRow(*values[:8], TieEnd(*values[8:12]), TieEnd(*values[12:16]))


panel_of(bp, Panel("relationships", "relationships/_person_panel.html",
                   person_relationships_panel, slot="bottom"))
# The ties by either side's index, with both people's names (no team term: see
# `people.services.relationships_of`); plain rows, a hub has hundreds.
rows_of(bp, PersonRows(
    "ties", Relationship,
    lambda key, team_id: (Relationship.person_a_id == key) | (Relationship.person_b_id == key),
    columns=_TIE_COLUMNS, make=_tie_row, alone=True,
    joins=((_END_A, _END_A.id == Relationship.person_a_id),
           (_END_B, _END_B.id == Relationship.person_b_id))))


def _pick_page(person: Person | None) -> Page:
    """Step 1 of a new relationship, without JavaScript: search, then pick from the results."""
    search = FindPersonForm(request.args)
    q = (search.q.data or "").strip() if search.validate() else ""
    results: list[Person] = []
    if q:
        stmt = people.people_query(current_user.team_id, q=q).order_by(Person.name, Person.id)
        results = [p for p in db.session.scalars(stmt.limit(SEARCH_LIMIT + 2)) if p != person]
    return render_template(
        "relationships/pick.html", person=person, search=search, q=q,
        results=results[:SEARCH_LIMIT], more=len(results) > SEARCH_LIMIT,
    ), 400 if search.errors else 200


@bp.route("/new", methods=["GET", "POST"])
def new() -> Page | Response:
    """`?person_id=` is whose profile the rep came from; `?other_id=` the person picked."""
    person, other = _person_arg("person_id"), _person_arg("other_id")
    if person is None or other is None:
        if request.method == "POST":
            abort(400)
        return _pick_page(person)
    form = RelationshipForm()
    if form.validate_on_submit():
        data = {**form.service_data(), "person_a": person.id, "person_b": other.id}
        if call_service(form, services.create_relationship, current_user.team_id, data,
                        recorded_by_id=current_user.id, today=today_for(current_user)):
            flash(f"Saved: {person.name} and {other.name} know each other.", "success")
            return redirect(url_for("people.detail", person_id=person.id) + "#relationships")
    return render_template(
        "relationships/form.html", form=form, person=person, other=other, rel=None,
        back=url_for("people.detail", person_id=person.id),
    ), 400 if form.errors else 200


@bp.route(f"/<{ID}:relationship_id>/edit", methods=["GET", "POST"])
def edit(relationship_id: int) -> Page | Response:
    rel = services.get_relationship(db.session, current_user.team_id, relationship_id)
    form = RelationshipForm(obj=rel)
    conflict = None
    if form.validate_on_submit():
        if call_service(form, services.update_relationship, rel, form.service_data(),
                        expected_version=form.expected_version(), today=today_for(current_user)):
            flash(f"Saved the relationship between {rel.person_a.name} and {rel.person_b.name}.",
                  "success")
            return redirect(_back_to(rel))
        conflict = _stale_edit(form, rel)
    return render_template(
        "relationships/form.html", form=form, person=rel.person_a, other=rel.person_b, rel=rel,
        back=_back_to(rel), story=rep_tie_stories([rel]).get(rel.id), conflict=conflict,
    ), 409 if conflict is not None else 400 if form.errors else 200


def _stale_edit(form: RelationshipForm, rel: Relationship) -> list[tuple[str, str, str]] | None:
    """As people.views._stale_edit: what differs from the newer saved tie, and the form moved
    to its version so that saving again goes over it; None when the version was not it."""
    if form.expected_version() in (None, rel.version):  # rel is re-read after the rollback
        return None
    form.version.data = str(rel.version)
    return conflict_rows(form, services.changed_fields(rel, form.service_data()))


@bp.route(f"/<{ID}:relationship_id>/delete", methods=["POST"])
def delete(relationship_id: int) -> Response:
    rel = services.get_relationship(db.session, current_user.team_id, relationship_id)
    names, back = (rel.person_a.name, rel.person_b.name), _back_to(rel)
    services.delete_relationship(db.session, rel)
    db.session.commit()
    flash("Removed the relationship between {} and {}.".format(*names), "success")
    return redirect(back)
