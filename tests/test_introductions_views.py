"""The introduction request's page: the next step preselected, the e-mail with its reply link,
copy and mailto, a new link that retires the old one."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from referrals.advocates import introductions
from referrals.extensions import db
from referrals.models import IntroductionRequest
from tests import factories
from tests.conftest import csrf_token_from
from tests.test_api_support import snapshot


@pytest.fixture
def pair(logged_in):
    gus = factories.make_person(db.session, logged_in.team_id, "Gus Ortega",
                                email="gus@example.com")
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Lee",
                                 company="Harbor Foods", roles=["prospect"])
    factories.make_relationship(db.session, gus, dana, kind="friend")
    db.session.commit()
    return gus, dana


def selected_status(html: str) -> str:
    select_html = html[html.index('name="status"'):]
    select_html = select_html[:select_html.index("</select>")]
    return re.search(r'<option selected value="([^"]+)"|<option value="([^"]+)" selected',
                     select_html).group(0).split('value="')[1].split('"')[0]


def test_the_status_control_offers_the_next_step(client, logged_in, pair):
    gus, dana = pair
    url = f"/introductions/new?prospect={dana.id}&via={gus.id}"
    page = client.get(url).get_data(as_text=True)
    response = client.post(url, data={"csrf_token": csrf_token_from(page), "status": "draft",
                                      "ask_text": "Hi Gus", "notes": ""})
    detail_url = response.headers["Location"]
    detail = client.get(detail_url).get_data(as_text=True)
    assert selected_status(detail) == "asked"
    for step, then in (("asked", "agreed"), ("agreed", "introduced"),
                       ("introduced", "meeting_set"), ("meeting_set", "won")):
        response = client.post(f"{detail_url}/status", data={
            "csrf_token": csrf_token_from(detail), "status": step, "on": "", "note": ""})
        assert response.status_code == 302
        detail = client.get(detail_url).get_data(as_text=True)
        assert selected_status(detail) == then, step


def test_the_page_shows_the_email_with_reply_link_copy_and_mailto(client, logged_in, pair):
    gus, dana = pair
    request = introductions.create_introduction_request(db.session, logged_in, dana.id, gus.id)
    db.session.commit()
    html = client.get(f"/introductions/{request.id}").get_data(as_text=True)
    box = unescape(re.search(r'<textarea id="ask-text"[^>]*readonly>(.*?)</textarea>', html,
                             re.S).group(1))
    assert "I believe you know Dana." in box
    link = re.search(r"http://localhost/r/\S+", box).group(0)
    assert 'class="small js-copy-text"' in html and "copy.js" in html
    mailto = unescape(re.search(r'href="(mailto:[^"]+)"', html).group(1))
    assert mailto.startswith("mailto:gus@example.com?subject=")
    assert "Dana Lee" in unquote(mailto) and link in unquote(mailto)
    # A new link retires the one on the page.
    before_nonce = request.reply_nonce
    response = client.post(f"/introductions/{request.id}/reply-link",
                           data={"csrf_token": csrf_token_from(html)})
    assert response.status_code == 302
    db.session.expire_all()
    assert request.reply_nonce != before_nonce
    assert client.get(link.removeprefix("http://localhost")).status_code == 410


def test_no_mailto_without_the_helpers_email(client, logged_in, pair):
    _, dana = pair
    ivy = factories.make_person(db.session, logged_in.team_id, "Ivy Stone")
    request = introductions.create_introduction_request(db.session, logged_in, dana.id, ivy.id)
    db.session.commit()
    html = client.get(f"/introductions/{request.id}").get_data(as_text=True)
    assert "mailto:" not in html and "I believe you know" not in html


def test_a_new_link_without_csrf_writes_nothing(client, logged_in, pair):
    gus, dana = pair
    request = introductions.create_introduction_request(db.session, logged_in, dana.id, gus.id)
    db.session.commit()
    before = snapshot()
    assert client.post(f"/introductions/{request.id}/reply-link").status_code == 400
    assert snapshot() == before


def test_the_ask_names_the_next_person_on_a_longer_path(client, logged_in, pair):
    gus, dana = pair
    ivy = factories.make_person(db.session, logged_in.team_id, "Ivy Stone")
    factories.make_relationship(db.session, ivy, gus, kind="colleague")
    db.session.commit()
    html = client.get(f"/introductions/new?prospect={dana.id}&via={ivy.id}&next={gus.id}")
    assert "I believe you know Gus Ortega, who knows Dana." in unescape(html.get_data(as_text=True))
    assert db.session.scalar(select(IntroductionRequest.id)) is None
