"""Links the app mails out start with BASE_URL, never with the Host a caller sends; production
needs an https BASE_URL; with BASE_URL set, other Host headers are refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from referrals.config import apply_base_url
from referrals.extensions import db
from tests import factories
from tests.conftest import csrf_token_from

BASE = "https://referrals.example.com"


@pytest.fixture
def outbox(monkeypatch) -> list[tuple[str, str, str]]:
    sent: list[tuple[str, str, str]] = []

    def fake_send(config, to, subject, body):
        sent.append((to, subject, body))
        return True

    monkeypatch.setattr("referrals.auth.views.send_mail", fake_send)
    monkeypatch.setattr("referrals.account.views.send_mail", fake_send)
    return sent


def _configure(app: Flask, base: str | None, trusted: list[str] | None = None) -> None:
    app.config.update(BASE_URL=base, TRUSTED_HOSTS=trusted)
    apply_base_url(app.config, "testing")


@pytest.fixture
def base_url(app: Flask) -> Iterator[None]:
    """BASE_URL set as in production, the test client's own host trusted besides it."""
    saved = {k: app.config.get(k) for k in ("BASE_URL", "TRUSTED_HOSTS")}
    _configure(app, BASE, ["localhost"])
    try:
        yield
    finally:
        app.config.update(saved)


@pytest.fixture
def base_url_only(app: Flask) -> Iterator[None]:
    """BASE_URL set and nothing else trusted: only its host is answered."""
    saved = {k: app.config.get(k) for k in ("BASE_URL", "TRUSTED_HOSTS")}
    _configure(app, BASE)
    try:
        yield
    finally:
        app.config.update(saved)


def _forgot(client, host: str | None = None):
    page = client.get("/forgot-password", headers={"Host": "referrals.example.com"})
    token = csrf_token_from(page.get_data(as_text=True))
    headers = {"Host": host} if host else {"Host": "referrals.example.com"}
    return client.post("/forgot-password", data={"email": factories.EMAIL, "csrf_token": token},
                       headers=headers)


def test_a_reset_asked_with_an_attackers_host_mails_no_link_there(client, user, outbox,
                                                                  base_url_only):
    response = _forgot(client, host="attacker.example")
    assert response.status_code == 400
    assert not any("attacker.example" in body for _, _, body in outbox)
    assert outbox == []


@pytest.mark.parametrize("host", ["attacker.example", "referrals.example.com.attacker.example",
                                  "attacker.example:443"])
def test_other_hosts_are_refused_on_every_page(client, base_url_only, host):
    assert client.get("/login", headers={"Host": host}).status_code == 400
    assert client.get("/api/v1/me", headers={"Host": host}).status_code == 400
    assert client.get("/login", headers={"Host": "referrals.example.com"}).status_code == 200


def test_the_reset_link_starts_with_base_url_whatever_host_asked(client, user, outbox, base_url):
    page = client.get("/forgot-password")  # Host: localhost, trusted besides BASE_URL's
    response = client.post("/forgot-password", data={
        "email": factories.EMAIL, "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    (to, _, body), = outbox
    assert to == factories.EMAIL
    assert f"{BASE}/reset-password/" in body and "http://localhost" not in body


def test_the_invitation_link_starts_with_base_url(client, logged_in, outbox, base_url):
    page = client.get("/team")
    response = client.post("/team/invite", data={
        "email": "new@example.com", "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.status_code == 302
    (_, _, body), = outbox
    assert f"{BASE}/invite/" in body and "localhost" not in body


def test_the_calendar_address_starts_with_base_url(client, logged_in, base_url):
    html = client.get("/followups/calendar").get_data(as_text=True)
    page = client.post("/followups/calendar",
                       data={"csrf_token": csrf_token_from(html), "action": "rotate"})
    html = page.get_data(as_text=True)
    assert f"{BASE}/calendar/" in html and "http://localhost/calendar/" not in html


# --- configuration ------------------------------------------------------------------------

def _production(**overrides):
    from referrals import create_app

    return create_app({"ENV_NAME": "production", "SECRET_KEY": "k" * 40,
                       "SQLALCHEMY_DATABASE_URI": "sqlite://", **overrides})


@pytest.mark.parametrize("base", [None, "", "http://referrals.example.com", "referrals.example.com",
                                  "https://", "javascript:alert(1)"])
def test_production_refuses_to_start_without_an_https_base_url(monkeypatch, base):
    monkeypatch.delenv("BASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="BASE_URL"):
        _production(BASE_URL=base)


def test_production_trusts_only_base_urls_host(monkeypatch):
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    prod = _production(BASE_URL="https://referrals.example.com/", TRUSTED_HOSTS=None)
    assert prod.config["BASE_URL"] == "https://referrals.example.com"
    assert prod.config["TRUSTED_HOSTS"] == ["referrals.example.com"]
    client = prod.test_client()
    assert client.get("/healthz", headers={"Host": "attacker.example"}).status_code == 400


def test_more_trusted_hosts_can_be_named(monkeypatch):
    prod = _production(BASE_URL="https://referrals.example.com",
                       TRUSTED_HOSTS=["10.0.0.5", "referrals.example.com"])
    assert prod.config["TRUSTED_HOSTS"] == ["referrals.example.com", "10.0.0.5"]


def test_without_base_url_development_links_follow_the_request(client, user, outbox):
    page = client.get("/forgot-password")
    client.post("/forgot-password", data={
        "email": factories.EMAIL, "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    (_, _, body), = outbox
    assert "http://localhost/reset-password/" in body
    db.session.rollback()
