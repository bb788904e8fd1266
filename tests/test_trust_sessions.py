"""Sessions that really end: signing out ends every copy of the cookie;
"sign out everywhere" and a password reset end every session and can revoke API tokens and
the calendar feed; minting a token asks for the password again."""

from __future__ import annotations

import re

from flask import Flask
from sqlalchemy import func, select

from referrals.advocates import reminders
from referrals.auth.credentials import make_reset_token
from referrals.auth.services import create_token
from referrals.extensions import db
from referrals.models import ApiToken, CalendarFeed, UserSession
from tests import factories
from tests.conftest import AuthActions, csrf_token_from


def _signed_in(app: Flask, remember: bool = False):
    browser = app.test_client()
    page = browser.get("/login")
    data = {"email": factories.EMAIL, "password": factories.PASSWORD,
            "csrf_token": csrf_token_from(page.get_data(as_text=True))}
    if remember:
        data["remember"] = "y"
    assert browser.post("/login", data=data).status_code == 302
    return browser


def _copy(app: Flask, browser, *names: str):
    """Another browser holding copies of `browser`'s cookies (same address and User-Agent)."""
    thief = app.test_client()
    for name in names:
        cookie = browser.get_cookie(name)
        assert cookie is not None, name
        thief.set_cookie(name, cookie.value)
    return thief


def _post(browser, page: str, target: str, data: dict | None = None):
    token = csrf_token_from(browser.get(page).get_data(as_text=True))
    return browser.post(target, data={**(data or {}), "csrf_token": token})


def _token_count() -> int:
    return db.session.scalar(select(func.count(ApiToken.id))) or 0


def test_a_session_cookie_copied_before_sign_out_no_longer_opens_settings(app, user):
    browser = _signed_in(app)
    thief = _copy(app, browser, "session")
    assert thief.get("/settings").status_code == 200
    stale_csrf = csrf_token_from(thief.get("/settings").get_data(as_text=True))
    AuthActions(browser).logout()
    response = thief.get("/settings")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    # ...and cannot mint a token, even knowing the password and holding a CSRF token
    response = thief.post("/settings/tokens", data={
        "name": "backdoor", "password": factories.PASSWORD, "csrf_token": stale_csrf})
    assert response.status_code in (302, 400)
    assert _token_count() == 0


def test_a_remember_me_cookie_copied_before_sign_out_no_longer_works(app, user):
    browser = _signed_in(app, remember=True)
    remember = browser.get_cookie("remember_token").value
    thief = _copy(app, browser, "remember_token")  # no session cookie: remember-me restores it
    assert thief.get("/settings").status_code == 200
    AuthActions(browser).logout()
    assert thief.get("/settings").status_code == 302  # the session it restored ended too
    replay = app.test_client()
    replay.set_cookie("remember_token", remember)
    assert replay.get("/settings").status_code == 302


def test_signing_out_ends_only_this_browser(app, user):
    laptop, phone = _signed_in(app), _signed_in(app)
    AuthActions(laptop).logout()
    assert laptop.get("/settings").status_code == 302
    assert phone.get("/settings").status_code == 200
    assert db.session.scalar(select(func.count(UserSession.id))) == 1


def test_minting_a_token_asks_for_the_password(client, logged_in):
    for password in ("", "wrong password!"):
        response = _post(client, "/settings", "/settings/tokens",
                         {"name": "CRM", "password": password})
        assert response.status_code == 400
        assert _token_count() == 0
    assert 'type="password"' in client.get("/settings").get_data(as_text=True)
    response = _post(client, "/settings", "/settings/tokens",
                     {"name": "CRM", "password": factories.PASSWORD})
    assert response.status_code == 200 and _token_count() == 1


def _keys(user) -> tuple[str, str]:
    token = create_token(db.session, user, "script")
    feed = reminders.rotate_calendar_token(db.session, user)
    db.session.commit()
    return token, feed


def _works(client, token: str, feed: str) -> tuple[bool, bool]:
    api = client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code
    cal = client.get(f"/calendar/{feed}.ics").status_code
    return api == 200, cal == 200


def test_sign_out_everywhere_keeps_tokens_unless_asked(app, user):
    token, feed = _keys(user)
    browser, other = _signed_in(app), _signed_in(app)
    response = _post(browser, "/settings", "/settings/sign-out-everywhere")
    assert response.status_code == 302
    assert other.get("/settings").status_code == 302
    assert _works(app.test_client(), token, feed) == (True, True)


def test_sign_out_everywhere_can_revoke_tokens_and_the_calendar_feed(app, user):
    token, feed = _keys(user)
    browser, other = _signed_in(app), _signed_in(app)
    html = browser.get("/settings").get_data(as_text=True)
    assert 'name="revoke_keys"' in html
    response = _post(browser, "/settings", "/settings/sign-out-everywhere", {"revoke_keys": "y"})
    assert response.status_code == 302
    assert other.get("/settings").status_code == 302
    assert _works(app.test_client(), token, feed) == (False, False)
    assert db.session.scalar(select(func.count(CalendarFeed.id))) == 0


def test_a_token_minted_through_a_copied_cookie_dies_with_sign_out_everywhere(app, user):
    browser = _signed_in(app)
    thief = _copy(app, browser, "session")
    response = _post(thief, "/settings", "/settings/tokens",
                     {"name": "backdoor", "password": factories.PASSWORD})
    stolen = re.search(r'id="new-token">([^<]+)<', response.get_data(as_text=True)).group(1)
    _post(browser, "/settings", "/settings/sign-out-everywhere", {"revoke_keys": "y"})
    assert thief.get("/settings").status_code == 302
    assert app.test_client().get(
        "/api/v1/me", headers={"Authorization": f"Bearer {stolen}"}).status_code == 401


def _reset(app: Flask, user, data: dict):
    token = make_reset_token(app.config["SECRET_KEY"], user)
    browser = app.test_client()
    page = browser.get(f"/reset-password/{token}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    return browser.post(f"/reset-password/{token}", data={
        "password": "a brand new password", "confirm": "a brand new password",
        "csrf_token": csrf_token_from(html), **data}), html


def test_a_password_reset_ends_every_session_and_by_default_revokes_keys(app, user):
    token, feed = _keys(user)
    browser = _signed_in(app, remember=True)
    remembered = _copy(app, browser, "remember_token")
    response, html = _reset(app, user, {"revoke_keys": "y"})
    assert re.search(r'name="revoke_keys"[^>]*checked|checked[^>]*name="revoke_keys"', html)
    assert response.status_code == 302
    assert browser.get("/settings").status_code == 302
    assert remembered.get("/settings").status_code == 302
    assert _works(app.test_client(), token, feed) == (False, False)
    assert AuthActions(app.test_client()).login(password="a brand new password").status_code == 302


def test_a_password_reset_can_leave_keys_working(app, user):
    token, feed = _keys(user)
    response, _ = _reset(app, user, {})  # the box unticked
    assert response.status_code == 302
    assert _works(app.test_client(), token, feed) == (True, True)
