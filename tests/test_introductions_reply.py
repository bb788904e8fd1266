"""The helper's public reply page: no sign-in, CSRF on, one request, once, for 14 days."""

from __future__ import annotations

import pytest
from flask import current_app
from sqlalchemy import select

from referrals.advocates import introductions
from referrals.advocates.intro_requests import make_reply_token
from referrals.extensions import db
from referrals.models import Followup
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot


@pytest.fixture
def asked(user):
    gus = factories.make_person(db.session, user.team_id, "Gus Ortega")
    dana = factories.make_person(db.session, user.team_id, "Dana Lee", roles=["prospect"])
    request = introductions.create_introduction_request(db.session, user, dana.id, gus.id,
                                                   status="asked")
    db.session.commit()
    token = introductions.reply_token(current_app.config["SECRET_KEY"], request)
    return request, f"/r/{token}"


def test_the_helper_answers_without_signing_in(client, user, asked):
    request, url = asked
    page = client.get(url)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Dana Lee" in html and user.person.name in html
    for label in ("I&#39;ve introduced you", "I&#39;ll do it this week", "Not a good fit"):
        assert label in html
    response = client.post(url, data={"csrf_token": csrf_token_from(html),
                                      "answer": "introduced"})
    assert response.status_code == 200 and "Thank you" in response.get_data(as_text=True)
    db.session.expire_all()
    assert request.status == "introduced" and request.reply_answer == "introduced"
    custom = db.session.scalar(select(Followup).where(Followup.kind == "custom"))
    assert custom.reason == "Gus Ortega replied: I've introduced you. Call Dana Lee."
    # Used once: the same link is dead, and a second post writes nothing.
    before = snapshot()
    again = client.post(url, data={"csrf_token": csrf_token_from(html), "answer": "not_a_fit"})
    assert again.status_code == 410 and "no longer works" in again.get_data(as_text=True)
    assert client.get(url).status_code == 410
    assert snapshot() == before


def test_a_reply_without_csrf_is_refused_and_writes_nothing(client, asked):
    _, url = asked
    before = snapshot()
    response = client.post(url, data={"answer": "introduced"})
    assert response.status_code == 400
    assert snapshot() == before


def test_an_unknown_answer_writes_nothing(client, asked):
    _, url = asked
    html = client.get(url).get_data(as_text=True)
    before = snapshot()
    response = client.post(url, data={"csrf_token": csrf_token_from(html), "answer": "maybe"})
    assert response.status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize("kind", ["tampered", "other_secret", "deleted", "replaced"])
def test_dead_links_get_a_plain_page_and_write_nothing(client, user, asked, kind):
    request, url = asked
    html = client.get(url).get_data(as_text=True)
    secret = current_app.config["SECRET_KEY"]
    if kind == "tampered":
        url = url[:-3] + ("xyz" if not url.endswith("xyz") else "abc")
    elif kind == "other_secret":
        url = "/r/" + make_reply_token(secret + "x", request.id, request.reply_nonce)
    elif kind == "deleted":
        db.session.delete(request)
    else:
        introductions.new_reply_link(db.session, request)
    db.session.commit()
    before = snapshot()
    for response in (client.get(url), client.post(url, data={
            "csrf_token": csrf_token_from(html), "answer": "introduced"})):
        assert response.status_code in (404, 410)
        assert "no longer works" in response.get_data(as_text=True)
        assert "Dana" not in response.get_data(as_text=True)
    assert snapshot() == before
