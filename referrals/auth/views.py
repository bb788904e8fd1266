"""Sign in and out, reset a forgotten password, accept an invitation."""

from __future__ import annotations

import math
import smtplib

from flask import (
    Blueprint,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from referrals.auth import credentials, sessions, throttle
from referrals.auth.forms import AcceptInviteForm, ForgotPasswordForm, LoginForm, ResetPasswordForm
from referrals.auth.services import authenticate
from referrals.errors import NotFound
from referrals.extensions import db, limiter, login_manager
from referrals.mail import send_mail
from referrals.models import User
from referrals.redirects import safe_next
from referrals.urls import external_url
from referrals.web.forms import call_service

bp = Blueprint("auth", __name__)


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    """The user named by the session, while that session has not been ended (see
    referrals.auth.sessions)."""
    return sessions.user_for_session_id(db.session, user_id)


def _fresh_session() -> None:
    """Empty the session, and forget this request's CSRF token, which named the old one."""
    session.clear()
    g.pop("csrf_token", None)


def _sign_in(user: User, *, remember: bool = False) -> None:
    """Start a fresh session for `user`, one the server can end (see auth.sessions).

    Nothing from before it (a planted CSRF token, a fixated session) survives. Not a
    permanent session: the cookie ends with the browser, the server refuses it
    PERMANENT_SESSION_LIFETIME after it was signed, and Flask-Login's "strong" protection
    (which permanent sessions would weaken to "basic") applies.
    """
    config = current_app.config
    _fresh_session()
    sessions.start_session(db.session, user, keep_for=max(
        config["PERMANENT_SESSION_LIFETIME"], config["REMEMBER_COOKIE_DURATION"]))
    login_user(user, remember=remember)


def _login_counters(email: str) -> list[tuple[str, throttle.Policy]]:
    per_account, per_address = throttle.policies(current_app.config)
    address = request.remote_addr  # the client's, once ProxyFix has read X-Forwarded-For
    return [(throttle.account_key(email, address), per_account),
            (throttle.address_key(address), per_address)]


def _wait_words(seconds: int) -> str:
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    if form.validate_on_submit():
        email = form.email.data or ""
        counters = _login_counters(email)
        wait = throttle.seconds_to_wait(db.session, counters)
        if wait:
            # Refused without looking at the password, so waiting is the only way on; the
            # owner elsewhere is not slowed, and the reset link always works.
            form.form_errors.append(
                f"Too many failed sign-ins from here. Try again in {_wait_words(wait)}, "
                "or reset your password.")
            return render_template("auth/login.html", form=form, throttled=True), 429, {
                "Retry-After": str(wait)}
        user = authenticate(db.session, email, form.password.data or "")
        if user is not None:
            next_url = safe_next(request.args.get("next"), url_for("main.index"))
            throttle.clear(db.session, counters[0][0])
            _sign_in(user, remember=bool(form.remember.data))
            db.session.commit()
            flash(f"Welcome back, {user.person.name if user.person else user.email}.", "success")
            return redirect(next_url)
        throttle.record_failure(db.session, counters)
        db.session.commit()
        form.password.errors.append("That e-mail and password don't match an account.")
    return render_template("auth/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> Response:
    # Ends this session on the server: a copy of the cookie made before now stops working.
    sessions.end_session(db.session, session.get("_user_id"))
    db.session.commit()
    logout_user()
    _fresh_session()
    flash("You are signed out.", "info")
    return redirect(url_for("auth.login"))


# --- forgotten password -------------------------------------------------------------------

@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["MAIL_LIMIT_PER_ADDRESS"], methods=["POST"])
def forgot_password() -> ResponseReturnValue:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = credentials.user_for_email(db.session, form.email.data or "")
        if user is not None:
            token = credentials.make_reset_token(current_app.config["SECRET_KEY"], user)
            link = external_url("auth.reset_password", token=token)
            minutes = current_app.config["PASSWORD_RESET_MAX_AGE"] // 60
            body = (
                f"Someone (hopefully you) asked to reset the password of {user.email} on "
                f"referrals.\n\nChoose a new one here within {minutes} minutes:\n\n{link}\n\n"
                "If it wasn't you, ignore this message; your password stays as it is.\n"
            )
            _send(user.email, "Reset your referrals password", body)
        # The same answer whether or not the address has an account.
        flash("If that address has an account, a link to reset its password is on its way.",
              "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form), 400 if form.errors else 200


def _send(to: str, subject: str, body: str) -> None:
    try:
        send_mail(current_app.config, to, subject, body)
    except (smtplib.SMTPException, OSError):
        current_app.logger.exception("could not send mail %r", subject)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str) -> ResponseReturnValue:
    config = current_app.config
    try:
        user = credentials.user_for_reset_token(
            db.session, config["SECRET_KEY"], token, config["PASSWORD_RESET_MAX_AGE"]
        )
    except NotFound as exc:
        return render_template("auth/link_invalid.html", message=exc.message), 404
    form = ResetPasswordForm()
    if form.validate_on_submit():
        revoked = bool(form.revoke_keys.data)
        call_service(form, credentials.set_password, user, form.password.data or "",
                     fast_hash=bool(config.get("PASSWORD_HASH_FAST")), revoke_keys=revoked)
        if not form.errors:
            logout_user()
            _fresh_session()
            flash("Password changed; every session is signed out"
                  + (", your API tokens are revoked and your calendar address no longer works"
                     if revoked else "") + ". Sign in now.", "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset.html", form=form, email=user.email), (
        400 if form.errors else 200
    )


# --- invitations -------------------------------------------------------------------------

@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str) -> ResponseReturnValue:
    config = current_app.config
    try:
        invite = credentials.read_invite(
            db.session, config["SECRET_KEY"], token, config["INVITE_MAX_AGE"]
        )
    except NotFound as exc:
        return render_template("auth/link_invalid.html", message=exc.message), 404
    if current_user.is_authenticated:
        flash("Sign out first to accept an invitation for someone else.", "info")
        return redirect(url_for("main.index"))
    form = AcceptInviteForm()
    if form.validate_on_submit():
        user = call_service(form, credentials.accept_invite, invite, form.name.data or "",
                            form.password.data or "",
                            fast_hash=bool(config.get("PASSWORD_HASH_FAST")))
        if user is not None:
            _sign_in(user)
            db.session.commit()
            flash(f"Welcome to {invite['team'].name}.", "success")
            return redirect(url_for("main.index"))
    return render_template("auth/invite.html", form=form, invite=invite), (
        400 if form.errors else 200
    )
