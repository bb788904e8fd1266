"""The helper's reply page: no sign-in (the signed link is the key), CSRF still on.

A link answers one introduction request, once, within 14 days. Any link that no longer works
gets the same plain page and writes nothing.
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from werkzeug.wrappers import Response

from referrals.advocates import introductions
from referrals.advocates.forms import ReplyForm
from referrals.advocates.intro_requests import REPLIES
from referrals.errors import NotFound
from referrals.extensions import db
from referrals.models import IntroductionRequest

bp = Blueprint("reply", __name__, url_prefix="/r")

Page = str | tuple[str, int]


def _request(token: str) -> IntroductionRequest | None:
    try:
        return introductions.request_for_reply(db.session, current_app.config["SECRET_KEY"], token)
    except (NotFound, introductions.ReplyLinkGone):
        return None


def _dead() -> tuple[str, int]:
    # 410 for every dead link alike: whether it was forged or merely old is nobody's business.
    return render_template("reply/dead.html"), 410


@bp.route("/<token>", methods=["GET", "POST"])
def answer(token: str) -> Page | Response:
    request = _request(token)
    if request is None:
        return _dead()
    form = ReplyForm()
    if form.validate_on_submit():
        answer = form.answer.data
        introductions.answer_reply(db.session, request, answer)
        db.session.commit()
        return render_template("reply/thanks.html", request_=request, label=REPLIES[answer][0])
    return render_template(
        "reply/answer.html",
        request_=request,
        form=form,
        replies=REPLIES,
        rep=introductions.rep_of(db.session, request),
    ), 400 if form.errors else 200
