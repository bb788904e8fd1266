"""The landing page: the rep's Today list (follow-ups, call-backs, warm prospects)."""

from flask import Blueprint, redirect, url_for
from flask_login import login_required
from werkzeug.wrappers import Response

bp = Blueprint("main", __name__)


@bp.route("/")
@login_required
def index() -> Response:
    return redirect(url_for("followups.today"))
