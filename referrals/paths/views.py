"""Pages: warm paths on a person's page and how warmth works (the Warmest prospects table
is composed in main/)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from referrals.clock import utc_today
from referrals.errors import ValidationFailed
from referrals.extensions import db
from referrals.graph.tie import describe_tie_model
from referrals.models import Person
from referrals.paths import pictures, services
from referrals.paths.cache import team_graph
from referrals.paths.forms import tie_settings_data, tie_settings_form
from referrals.people.panels import Panel, panel_of, shared_read, warmth_of
from referrals.settings import reset_tie_params, tie_params, update_tie_params
from referrals.web.forms import attach_errors

bp = Blueprint("paths", __name__)
_OPENERS = "referrals.path_openers"


def use_openers(blueprint: Blueprint, source: services.OpenerSource) -> None:
    """Word the rep's paths on these pages with `source` (the outreach layer registers its
    opener templates this way, so paths/ never imports it)."""
    blueprint.record_once(lambda state: state.app.extensions.__setitem__(_OPENERS, source))


def _openers() -> services.OpenerSource | None:
    return current_app.extensions.get(_OPENERS)


@bp.before_request
@login_required
def _signed_in() -> None:
    return None


def _links() -> pictures.Href:
    """Links for a picture's dots: two routes built once, then an id put in each."""
    n = pictures.LINK_PLACEHOLDER
    return pictures.id_links(url_for("people.detail", person_id=n),
                             url_for("groups.detail", group_id=n))


def intro_url(path: services.WarmPath) -> str | None:
    """Where "ask for an introduction" goes: the request workflow when the app has it."""
    via = path.first_ask
    if via is None:
        return None
    if "introductions.new" in current_app.view_functions:
        return url_for("introductions.new", prospect=path.target.id, via=via.id)
    return url_for("people.detail", person_id=via.id)


def page_ask_dates() -> dict[int, list[date]]:
    """The team's recent asks, read once for the person page (its paths and its warning)."""
    return shared_read("ask_dates", lambda: services.recent_ask_dates(
        db.session, current_user.team, utc_today()))


def person_paths_context(person: Person) -> dict[str, Any]:
    """What the person page shows about paths: top 3 warm paths and the 2-hop picture."""
    user = current_user._get_current_object()  # the services read it often: not via the proxy
    G = team_graph(db.session, user.team)
    you = user.person_id
    context: dict[str, Any] = {"warm_paths": [], "network_picture": None, "path_pictures": []}
    href = _links()
    found: list[services.WarmPath] = []
    if person.id != you:
        found = services.find_warm_paths(db.session, user, person, k=3,
                                         openers=_openers(), graph=G, asks=page_ask_dates())
        context["warm_paths"] = found
        context["path_pictures"] = [pictures.path_picture(G, p.path, href) for p in found]
        context["intro_urls"] = [intro_url(p) for p in found]
    if person.id in G:
        context["network_picture"] = pictures.kept_network_picture(
            G, person.id, href, you=you, paths=[p.path for p in found])
    return context


panel_of(bp, Panel("paths", "paths/_panel.html", person_paths_context, order=10))
panel_of(bp, Panel("paths_glance", "paths/_glance.html", slot="glance", order=10))
warmth_of(bp, lambda people: services.warmth_to(db.session, current_user, people))


@bp.route("/warmth", methods=["GET", "POST"])
def warmth() -> ResponseReturnValue:
    team = current_user.team
    params = tie_params(team)
    form = tie_settings_form(params, formdata=request.form if request.method == "POST" else None)
    if request.method == "POST":
        if not current_user.is_admin:
            abort(403)
        if form.validate():
            try:
                update_tie_params(db.session, team, tie_settings_data(form))
            except ValidationFailed as exc:
                attach_errors(form, exc)
            else:
                db.session.commit()
                flash("Saved. Every warm path and the ranking now use these numbers.", "success")
                return redirect(url_for(".warmth"))
    return render_template(
        "paths/warmth.html", sections=describe_tie_model(params), form=form,
        customised=bool((team.settings or {}).get("tie")),
    ), 400 if form.errors else 200


@bp.post("/warmth/reset")
def reset_warmth() -> ResponseReturnValue:
    if not current_user.is_admin:
        abort(403)
    reset_tie_params(db.session, current_user.team)
    db.session.commit()
    flash("Back to the standard numbers.", "success")
    return redirect(url_for(".warmth"))
