"""The user's settings page (API tokens, sign out everywhere) and the team's members page."""

from __future__ import annotations

import smtplib

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, logout_user
from werkzeug.wrappers import Response

from referrals.account import services
from referrals.account.forms import (
    ConfirmForm,
    InviteForm,
    KeepInTouchForm,
    NewTokenForm,
    SignOutEverywhereForm,
)
from referrals.advocates.followups import keep_in_touch_default, update_keep_in_touch_default
from referrals.auth import credentials
from referrals.auth.services import create_token, verify_password
from referrals.errors import NotFound
from referrals.extensions import db
from referrals.mail import send_mail
from referrals.urls import external_url
from referrals.web.forms import ID, call_service

bp = Blueprint("account", __name__)


@bp.before_request
@login_required
def _signed_in() -> None:
    """Every page here is for signed-in users only."""


def _settings_page(form: NewTokenForm, new_token: str | None = None) -> ResponseReturnValue:
    tokens = services.active_tokens(db.session, current_user)
    return render_template(
        "account/settings.html", form=form, tokens=tokens, new_token=new_token,
        confirm=ConfirmForm(), sign_out_form=SignOutEverywhereForm(formdata=None),
    ), 400 if form.errors else 200


@bp.get("/settings")
def settings() -> ResponseReturnValue:
    return _settings_page(NewTokenForm(formdata=None))


@bp.post("/settings/tokens")
def create_api_token() -> ResponseReturnValue:
    form = NewTokenForm()
    if not form.validate():
        return _settings_page(form)
    if not verify_password(current_user.password_hash, form.password.data or ""):
        form.password.errors.append("That is not your password.")
        return _settings_page(form)
    token = create_token(db.session, current_user, (form.name.data or "").strip())
    db.session.commit()
    # Shown on this answer only: it is stored hashed and can never be shown again.
    return _settings_page(NewTokenForm(formdata=None), new_token=token)


@bp.post(f"/settings/tokens/<{ID}:token_id>/revoke")
def revoke_api_token(token_id: int) -> Response:
    try:
        token = services.revoke_token(db.session, current_user, token_id)
    except NotFound:
        abort(404)
    db.session.commit()
    flash(f"Token “{token.name or 'unnamed'}” revoked; it no longer works.", "success")
    return redirect(url_for(".settings"))


@bp.post("/settings/sign-out-everywhere")
def sign_out_everywhere() -> Response:
    form = SignOutEverywhereForm()
    revoke_keys = bool(form.revoke_keys.data)
    services.sign_out_everywhere(db.session, current_user, revoke_keys=revoke_keys)
    db.session.commit()
    logout_user()
    flash("Signed out on every device"
          + ("; every API token is revoked and the calendar address no longer works"
             if revoke_keys else "") + ". Sign in again here.", "info")
    return redirect(url_for("auth.login"))


# --- the team ----------------------------------------------------------------------------

def _team_page(form: InviteForm, keep_form: KeepInTouchForm | None = None
               ) -> ResponseReturnValue:
    members = services.team_members(db.session, current_user.team_id)
    if keep_form is None:
        keep_form = KeepInTouchForm(formdata=None)
        keep_form.keep_in_touch_days.data = keep_in_touch_default(current_user.team) or 0
    return render_template(
        "account/team.html", form=form, members=members, confirm=ConfirmForm(),
        keep_form=keep_form,
    ), 400 if form.errors or keep_form.errors else 200


@bp.get("/team")
def team() -> ResponseReturnValue:
    return _team_page(InviteForm(formdata=None))


@bp.post("/team/invite")
def invite() -> ResponseReturnValue:
    if not current_user.is_admin:
        abort(403)
    form = InviteForm()
    if not form.validate():
        return _team_page(form)
    config = current_app.config
    token = call_service(form, credentials.make_invite_token, config["SECRET_KEY"], current_user,
                         form.email.data or "")
    if token is None:
        return _team_page(form)
    email = form.email.data.strip().lower()
    link = external_url("auth.accept_invite", token=token)
    days = config["INVITE_MAX_AGE"] // 86400
    body = (
        f"{current_user.email} invites you to the team {current_user.team.name} on referrals.\n\n"
        f"Choose your password here within {days} days:\n\n{link}\n"
    )
    try:
        sent = send_mail(config, email, f"Join {current_user.team.name} on referrals", body)
    except (smtplib.SMTPException, OSError):
        current_app.logger.exception("could not send the invitation")
        form.email.errors = ["The invitation could not be sent; try again later."]
        return _team_page(form)
    if sent:
        flash(f"Invitation sent to {email}.", "success")
    else:  # no SMTP server configured (development): hand the link to the admin
        flash(f"Mail is not set up; send {email} this link yourself: {link}", "info")
    return redirect(url_for(".team"))


@bp.post("/team/keep-in-touch")
def keep_in_touch() -> ResponseReturnValue:
    """The team's keep-in-touch default (admins only)."""
    if not current_user.is_admin:
        abort(403)
    form = KeepInTouchForm()
    if not form.validate() or not call_service(
            form, update_keep_in_touch_default, current_user.team, form.keep_in_touch_days.data):
        return _team_page(InviteForm(formdata=None), form)
    days = keep_in_touch_default(current_user.team)
    flash(f"Advocates and customers now come up to keep in touch every {days} days."
          if days else "Keep in touch is off for the team's advocates and customers; people "
          "with their own setting still come up.", "success")
    return redirect(url_for(".team"))


@bp.post(f"/team/members/<{ID}:user_id>/remove")
def remove_member(user_id: int) -> ResponseReturnValue:
    if not current_user.is_admin:
        abort(404)  # the same answer as for a member of another team
    if user_id == current_user.id:
        flash("You can't remove yourself; ask another admin.", "error")
        return redirect(url_for(".team"))
    try:
        member = services.remove_member(db.session, current_user, user_id)
    except NotFound:
        abort(404)
    db.session.commit()
    flash(f"{member.email} can no longer sign in; their people and history stay.", "success")
    return redirect(url_for(".team"))
