"""Hardened sign-in: rate limits, session cookies, sign out everywhere, API tokens in the
settings page, password reset and invitations by e-mail, removing a member, headers, /healthz.
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes
from email.message import Message

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy import func, select

from referrals.auth.credentials import make_invite_token, make_reset_token
from referrals.auth.services import create_token
from referrals.extensions import db, limiter
from referrals.models import ApiToken, Person, User
from tests import factories
from tests.conftest import AuthActions, csrf_token_from

# --- a local SMTP server -----------------------------------------------------------------


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"

    def wait(self, count: int = 1, timeout: float = 5.0) -> list[Message]:
        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.messages


@pytest.fixture
def inbox(app: Flask) -> Iterator[Inbox]:
    handler = Inbox()
    with socket.socket() as probe:  # a free port for the server
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    saved = {k: app.config.get(k) for k in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port, SMTP_STARTTLS=False)
    try:
        yield handler
    finally:
        app.config.update(saved)
        controller.stop()


def _link(message: Message) -> str:
    body = message.get_payload(decode=True).decode()
    match = re.search(r"http://localhost(/\S+)", body)
    assert match, body
    return match.group(1)


def _post_form(client, page_url: str, data: dict, target: str | None = None):
    page = client.get(page_url)
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(target or page_url, data={**data, "csrf_token": token})


# --- rate limits -------------------------------------------------------------------------


@pytest.fixture
def strict_limits(app: Flask) -> Iterator[None]:
    # Failed sign-ins are slowed by referrals.auth.throttle (see tests/test_trust_throttle.py).
    saved = app.config["MAIL_LIMIT_PER_ADDRESS"]
    app.config.update(MAIL_LIMIT_PER_ADDRESS="2 per minute")
    limiter.reset()
    try:
        yield
    finally:
        app.config.update(MAIL_LIMIT_PER_ADDRESS=saved)
        limiter.reset()


def test_password_reset_requests_are_limited(client, user, strict_limits):
    for _ in range(2):
        assert _post_form(client, "/forgot-password", {"email": "x@example.com"}).status_code == 302
    assert _post_form(client, "/forgot-password", {"email": "x@example.com"}).status_code == 429


# --- session cookies -----------------------------------------------------------------------


def _cookie_header(response, name: str) -> str:
    headers = [h for h in response.headers.getlist("Set-Cookie") if h.startswith(name + "=")]
    assert headers, response.headers
    return headers[-1]


def test_session_cookie_is_httponly_and_samesite(client, auth, user):
    cookie = _cookie_header(auth.login(), "session")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_session_older_than_its_lifetime_is_refused(app, client, auth, user):
    auth.login()
    assert client.get("/people/").status_code == 200
    saved = app.config["PERMANENT_SESSION_LIFETIME"]
    app.config["PERMANENT_SESSION_LIFETIME"] = timedelta(seconds=-1)
    try:
        assert client.get("/people/").status_code == 302
    finally:
        app.config["PERMANENT_SESSION_LIFETIME"] = saved


def test_remember_cookie_is_httponly_and_expires(client, user):
    response = _post_form(client, "/login", {"email": factories.EMAIL,
                                             "password": factories.PASSWORD, "remember": "y"})
    cookie = _cookie_header(response, "remember_token")
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Expires=" in cookie


def test_production_cookies_are_secure(monkeypatch):
    from referrals import create_app

    monkeypatch.setenv("SECRET_KEY", "x" * 40)
    prod = create_app({"ENV_NAME": "production", "SECRET_KEY": "x" * 40,
                       "BASE_URL": "https://referrals.example.com",
                       "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert prod.config["SESSION_COOKIE_SECURE"] and prod.config["REMEMBER_COOKIE_SECURE"]
    assert prod.config["SESSION_COOKIE_HTTPONLY"]
    assert prod.config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("overrides",
                         [{"SECRET_KEY": None},
                          {"SECRET_KEY": "k" * 40, "DEBUG": True,
                           "BASE_URL": "https://referrals.example.com"}])
def test_production_refuses_without_secret_or_with_debug(monkeypatch, overrides):
    from referrals import create_app

    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(RuntimeError):
        create_app({"ENV_NAME": "production", "SQLALCHEMY_DATABASE_URI": "sqlite://", **overrides})


def test_sign_in_starts_a_new_session(client, auth, user):
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
        session["csrf_token"] = "planted-token"
    assert auth.login().status_code == 302
    with client.session_transaction() as session:
        assert "planted" not in session and session.get("csrf_token") != "planted-token"


def test_a_session_replayed_from_another_browser_is_dropped(client, auth, user):
    auth.login()
    assert client.get("/people/").status_code == 200
    response = client.get("/people/", headers={"User-Agent": "Stolen/1.0"})
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")


def test_sign_out_everywhere_ends_other_sessions(app, user):
    first, second = app.test_client(), app.test_client()
    AuthActions(first).login()
    AuthActions(second).login()
    assert second.get("/people/").status_code == 200
    response = _post_form(first, "/settings", {}, "/settings/sign-out-everywhere")
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert first.get("/people/").status_code == 302
    assert second.get("/people/").status_code == 302
    assert AuthActions(second).login().status_code == 302  # the password still works


def test_sign_out_everywhere_ends_remember_me_cookies(app, user):
    browser = app.test_client()
    _post_form(browser, "/login", {"email": factories.EMAIL, "password": factories.PASSWORD,
                                   "remember": "y"})
    remember = browser.get_cookie("remember_token")
    assert remember is not None
    other = app.test_client()
    AuthActions(other).login()
    _post_form(other, "/settings", {}, "/settings/sign-out-everywhere")
    replay = app.test_client()
    replay.set_cookie("remember_token", remember.value)
    assert replay.get("/people/").status_code == 302


# --- API tokens in the settings page ----------------------------------------------------------


def test_settings_lists_tokens_and_creates_one_shown_once(client, logged_in):
    create_token(db.session, logged_in, "CRM sync")
    db.session.commit()
    html = client.get("/settings").get_data(as_text=True)
    assert "CRM sync" in html and "never" in html
    response = _post_form(client, "/settings", {"name": "Laptop script",
                                                "password": factories.PASSWORD}, "/settings/tokens")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    token = re.search(r'id="new-token">([^<]+)<', html).group(1)
    api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert api.status_code == 200
    again = client.get("/settings").get_data(as_text=True)
    assert "Laptop script" in again and token not in again
    used = again.split('data-label="Last used">', 1)[1].split("</td>", 1)[0]
    assert "never" not in used and "(today)" in used  # last used is shown now


def test_a_bad_token_name_is_400(client, logged_in):
    response = _post_form(client, "/settings", {"name": "x" * 500}, "/settings/tokens")
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(ApiToken.id))) == 0


def test_revoking_a_token_stops_it(client, logged_in):
    token = create_token(db.session, logged_in, "old")
    db.session.commit()
    token_id = db.session.scalar(select(ApiToken.id))
    response = _post_form(client, "/settings", {}, f"/settings/tokens/{token_id}/revoke")
    assert response.status_code == 302
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert "<td data-label=\"Name\">old</td>" not in client.get("/settings").get_data(as_text=True)
    # revoking it again: there is nothing to revoke
    again = _post_form(client, "/settings", {}, f"/settings/tokens/{token_id}/revoke")
    assert again.status_code == 404


def test_a_teammates_token_cannot_be_revoked(client, logged_in):
    mate = factories.make_user(db.session, email="mate@example.com")
    create_token(db.session, mate, "theirs")
    db.session.commit()
    token_id = db.session.scalar(select(ApiToken.id).where(ApiToken.user_id == mate.id))
    response = _post_form(client, "/settings", {}, f"/settings/tokens/{token_id}/revoke")
    assert response.status_code == 404
    assert db.session.get(ApiToken, token_id).revoked_at is None


# --- password reset ------------------------------------------------------------------------


def test_password_reset_by_email(client, user, inbox):
    response = _post_form(client, "/forgot-password", {"email": "REP@example.com"})
    assert response.status_code == 302
    (message,) = inbox.wait()
    assert message["To"] == factories.EMAIL and "Reset" in message["Subject"]
    link = _link(message)
    assert client.get(link).status_code == 200
    new = "a brand new passphrase"
    response = _post_form(client, link, {"password": new, "confirm": new})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert AuthActions(client).login(password=factories.PASSWORD).status_code == 400
    assert AuthActions(client).login(password=new).status_code == 302
    # the link worked once
    AuthActions(client).logout()
    assert client.get(link).status_code == 404


def test_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(client, user, inbox):
    response = _post_form(client, "/forgot-password", {"email": "nobody@example.com"})
    assert response.status_code == 302
    time.sleep(0.2)
    assert inbox.messages == []


def test_reset_password_policy_and_mismatch(client, user, app):
    link = "/reset-password/" + make_reset_token(app.config["SECRET_KEY"], user)
    assert _post_form(client, link, {"password": "short", "confirm": "short"}).status_code == 400
    response = _post_form(client, link, {"password": "long enough 1", "confirm": "long enough 2"})
    assert response.status_code == 400 and "match" in response.get_data(as_text=True)


@pytest.mark.parametrize("token", ["forged", "x" * 3000, "eyJ1aWQiOjF9.abc.def"])
def test_forged_reset_links_are_404(client, user, token):
    assert client.get(f"/reset-password/{token}").status_code == 404


def test_expired_reset_link_is_404(client, user, app):
    link = "/reset-password/" + make_reset_token(app.config["SECRET_KEY"], user)
    saved = app.config["PASSWORD_RESET_MAX_AGE"]
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        response = client.get(link)
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = saved
    assert response.status_code == 404 and "expired" in response.get_data(as_text=True)


def test_a_reset_ends_other_sessions(app, user):
    browser = app.test_client()
    AuthActions(browser).login()
    link = "/reset-password/" + make_reset_token(app.config["SECRET_KEY"], user)
    other = app.test_client()
    new = "another good passphrase"
    assert _post_form(other, link, {"password": new, "confirm": new}).status_code == 302
    assert browser.get("/people/").status_code == 302


# --- invitations and removal -------------------------------------------------------------------


def test_admin_invites_and_the_invitee_joins(app, client, logged_in, inbox):
    response = _post_form(client, "/team", {"email": "New.Rep@example.com"}, "/team/invite")
    assert response.status_code == 302
    (message,) = inbox.wait()
    assert message["To"] == "new.rep@example.com" and "Acme Sales" in message["Subject"]
    link = _link(message)
    AuthActions(client).logout()
    newcomer = app.test_client()
    assert "Join Acme Sales" in newcomer.get(link).get_data(as_text=True)
    pw = "newcomer password"
    response = _post_form(newcomer, link, {"name": "Nina New", "password": pw, "confirm": pw})
    assert response.status_code == 302
    joined = db.session.scalar(select(User).where(User.email == "new.rep@example.com"))
    assert joined.team_id == logged_in.team_id and not joined.is_admin
    assert newcomer.get("/people/").status_code == 200
    assert newcomer.get(link).status_code == 404  # accepted already


def test_only_admins_invite(app, user):
    member = factories.make_user(db.session, email="member@example.com")
    db.session.commit()
    browser = app.test_client()
    AuthActions(browser).login(email="member@example.com")
    assert "Invite a teammate" not in browser.get("/team").get_data(as_text=True)
    response = _post_form(browser, "/team", {"email": "x@example.com"}, "/team/invite")
    assert response.status_code == 403
    assert make_invite_token is not None and member.id


def test_inviting_an_existing_address_is_refused(client, logged_in, other_user):
    response = _post_form(client, "/team", {"email": "rival@example.org"}, "/team/invite")
    assert response.status_code == 400 and "Already in use" in response.get_data(as_text=True)


def test_a_forged_invitation_is_404(client):
    assert client.get("/invite/not-a-real-token").status_code == 404


def test_removed_member_cannot_sign_in_but_their_person_stays(app, client, logged_in):
    mate = factories.make_user(db.session, email="leaver@example.com", name="Lee Leaver")
    token = create_token(db.session, mate, "script")
    friend = factories.make_person(db.session, logged_in.team_id, "Lee's Friend")
    factories.make_relationship(db.session, mate.person, friend)
    db.session.commit()
    theirs = app.test_client()
    AuthActions(theirs).login(email="leaver@example.com")
    assert theirs.get("/people/").status_code == 200

    response = _post_form(client, "/team", {}, f"/team/members/{mate.id}/remove")
    assert response.status_code == 302
    assert theirs.get("/people/").status_code == 302  # signed out at once
    assert AuthActions(app.test_client()).login(email="leaver@example.com").status_code == 400
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    db.session.expire_all()
    assert db.session.get(Person, mate.person_id).name == "Lee Leaver"
    assert "removed" in client.get("/team").get_data(as_text=True)


def test_an_admin_cannot_remove_themselves(client, logged_in):
    response = _post_form(client, "/team", {}, f"/team/members/{logged_in.id}/remove")
    assert response.status_code == 302
    assert db.session.get(User, logged_in.id).is_active


def test_a_member_cannot_remove_anyone(app, user):
    factories.make_user(db.session, email="member@example.com")
    db.session.commit()
    browser = app.test_client()
    AuthActions(browser).login(email="member@example.com")
    response = _post_form(browser, "/team", {}, f"/team/members/{user.id}/remove")
    assert response.status_code == 404
    assert db.session.get(User, user.id).is_active


# --- headers, request ids and health -----------------------------------------------------------


@pytest.mark.parametrize("path", ["/login", "/people/", "/api/v1/me", "/healthz", "/nowhere",
                                  "/static/app.css"])
def test_security_headers_on_every_response(client, path):
    response = client.get(path)
    response.close()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"]
    assert response.headers["X-Request-ID"]


def test_templates_have_no_inline_script_or_style():
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "templates"
    for path in root.rglob("*.html"):
        html = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), path
        assert not re.search(r"\son[a-z]+\s*=", html), path
        assert not re.search(r"\sstyle\s*=", html), path
        assert "<style" not in html, path


def test_a_request_id_is_kept_or_made(client):
    given = client.get("/login", headers={"X-Request-ID": "lb-1234.abc"})
    assert given.headers["X-Request-ID"] == "lb-1234.abc"
    made = client.get("/login", headers={"X-Request-ID": "bad id; with spaces"})
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["X-Request-ID"])


def test_logs_are_json_with_the_request_id(capsys):
    import json
    import logging

    from referrals.ops import JsonFormatter

    record = logging.makeLogRecord({"msg": "GET /x 200", "levelname": "INFO", "name": "a",
                                    "request_id": "r1", "status": 200})
    entry = json.loads(JsonFormatter().format(record))
    assert entry["request_id"] == "r1" and entry["status"] == 200 and entry["msg"] == "GET /x 200"


def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["database"] == "ok" and body["migrations"]


def test_healthz_503_when_migrations_are_behind(app, client):
    saved = app.extensions["referrals_migration_heads"] if "referrals_migration_heads" in \
        app.extensions else None
    app.extensions["referrals_migration_heads"] = {"ffffffffffff"}
    try:
        response = client.get("/healthz")
    finally:
        if saved is None:
            app.extensions.pop("referrals_migration_heads")
        else:
            app.extensions["referrals_migration_heads"] = saved
    assert response.status_code == 503
    assert "migrations not current" in response.get_json()["reason"]


def test_healthz_503_when_the_database_is_unreachable(tmp_path):
    from referrals import create_app

    broken = create_app({"ENV_NAME": "testing", "SQLALCHEMY_DATABASE_URI":
                         "postgresql://nobody@127.0.0.1:1/none"})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "reason": "database unreachable"}


def _database_down(*args, **kwargs):
    from sqlalchemy.exc import OperationalError

    raise OperationalError("SELECT 1", {}, Exception("server closed the connection"))


def _driver_down(*args, **kwargs):
    import psycopg

    raise psycopg.OperationalError("the connection is lost")


@pytest.mark.parametrize("failure", [_database_down, _driver_down])
def test_a_database_outage_is_a_clean_503_in_the_api(client, api, monkeypatch, failure):
    monkeypatch.setattr("referrals.api.auth.user_for_token", failure)
    response = api.get("/api/v1/me")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "try again" in response.get_json()["error"]


def test_a_database_outage_is_a_clean_503_on_pages(client, logged_in, monkeypatch):
    monkeypatch.setattr("referrals.people.views.services.people_query", _database_down)
    response = client.get("/people/")
    assert response.status_code == 503 and response.headers["Retry-After"] == "5"
    assert "try again" in response.get_data(as_text=True)


def test_a_connection_lost_at_the_end_of_a_request_is_not_an_error(app, user, monkeypatch):
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    from referrals.ops import close_session

    db.session.get(User, user.id)  # the session holds a connection now
    real_close, calls = Session.close, []

    def close_once_broken(self):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("ROLLBACK", {}, Exception("terminating connection"))
        return real_close(self)

    monkeypatch.setattr(Session, "close", close_once_broken)
    close_session()  # must not raise
    assert len(calls) == 2 and not db.session.registry.has()
