"""Signing in and out through the real pages, CSRF token included."""

from __future__ import annotations

import pytest

from tests import factories
from tests.conftest import csrf_token_from

CREDENTIALS = {"email": factories.EMAIL, "password": factories.PASSWORD}


def login_token(client) -> str:
    return csrf_token_from(client.get("/login").get_data(as_text=True))


def test_the_login_page_renders(client):
    response = client.get("/login")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="email"' in html and 'name="password"' in html and 'name="csrf_token"' in html
    assert "Sign out" not in html  # no navigation for strangers


def test_sign_in_and_land_on_today(client, auth, user):
    response = auth.login()
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/").headers["Location"] == "/today"  # the Today page
    html = client.get("/today").get_data(as_text=True)
    assert "Welcome back, Rep." in html and factories.EMAIL in html


def test_the_email_is_not_case_sensitive(client, auth, user):
    assert auth.login(email=factories.EMAIL.upper()).status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [(factories.EMAIL, "wrong password!"), ("nobody@example.com", factories.PASSWORD)],
)
def test_a_wrong_email_or_password_gets_the_same_answer(client, auth, user, email, password):
    response = auth.login(email=email, password=password)
    assert response.status_code == 400
    assert "That e-mail and password don&#39;t match an account." in response.get_data(as_text=True)
    assert client.get("/people/").status_code == 302


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"email": "", "password": "x"}, "email"),
        ({"email": "not-an-email", "password": "x"}, "email"),
        ({"email": factories.EMAIL, "password": ""}, "password"),
    ],
)
def test_missing_or_malformed_fields_are_shown_beside_them(client, user, data, field):
    response = client.post("/login", data={**data, "csrf_token": login_token(client)})
    assert response.status_code == 400
    assert f'id="{field}-errors"' in response.get_data(as_text=True)


def test_sign_in_without_csrf_token_is_refused(client, user):
    response = client.post("/login", data=CREDENTIALS)
    assert response.status_code == 400
    assert client.get("/people/").status_code == 302


def test_the_page_asked_for_is_where_you_land(client, user):
    response = client.get("/groups/?kind=event")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")
    login_page = client.get(response.headers["Location"])
    assert "Please sign in to see that page." in login_page.get_data(as_text=True)
    response = client.post(
        "/login?next=/groups/?kind%3Devent",
        data={"email": factories.EMAIL, "password": factories.PASSWORD,
              "csrf_token": csrf_token_from(login_page.get_data(as_text=True))},
    )
    assert response.headers["Location"] == "/groups/?kind=event"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "evil.example"])
def test_sign_in_never_sends_you_to_another_site(client, user, target):
    response = client.post(
        "/login", query_string={"next": target},
        data={**CREDENTIALS, "csrf_token": login_token(client)},
    )
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_sign_in_never_sends_you_to_another_site_via_a_backslash(client, user):
    response = client.post(
        "/login", query_string={"next": "/\\evil.example/"},
        data={**CREDENTIALS, "csrf_token": login_token(client)},
    )
    assert response.headers["Location"] == "/"


def test_a_signed_in_rep_skips_the_login_page(client, logged_in):
    assert client.get("/login").headers["Location"] == "/"


def test_keep_me_signed_in_sets_a_remember_cookie(client, user):
    client.post("/login", data={"email": factories.EMAIL, "password": factories.PASSWORD,
                                "remember": "y", "csrf_token": login_token(client)})
    assert client.get_cookie("remember_token") is not None


def test_sign_out(client, auth, logged_in):
    response = auth.logout()
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    assert "You are signed out." in client.get("/login").get_data(as_text=True)
    assert client.get("/people/").status_code == 302


def test_sign_out_needs_post(client, logged_in):
    assert client.get("/logout").status_code == 405
    assert client.get("/people/").status_code == 200
