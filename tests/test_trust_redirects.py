"""No open redirect: every `next` the app follows goes through referrals.redirects –
after sign-in and from the follow-up forms."""

from __future__ import annotations

from datetime import timedelta

import pytest

from referrals.advocates import calls
from referrals.clock import today_for
from referrals.extensions import db
from referrals.redirects import is_safe_path, safe_next
from tests import factories
from tests.conftest import csrf_token_from

# Raw query strings, as an attacker would put them in a link.
BAD_NEXT = [
    "%2F%09%2Fevil.example",  # "/\t/evil.example": browsers drop the tab
    "%2F%0A%2Fevil",  # a newline: also once a 500 (a header can't hold it)
    "%2F%0D%2Fevil",
    "/%09/evil.example",
    "%09%2F%2Fevil.example",
    "%20%2F%2Fevil.example",  # a leading space browsers strip
    "//evil.example",
    "%2F%2Fevil.example",
    "/%5Cevil.example",  # "/\\evil.example"
    "%5C%5Cevil.example",
    "%5C/evil.example",
    "/%5C/evil.example",
    "https://evil.example/",
    "http:evil.example",
    "HTTP://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt%3Aalert(1)",
    "data:text/html,hi",
    "evil.example",
    "%00/evil",
    "/%7F/evil",
    "/%C2%85/evil",  # NEL, a C1 control
    "///evil.example",
    "%E2%80%AE/evil",  # a bidi override before the path
]


def _login(client, query: str):
    page = client.get("/login")
    return client.post(f"/login?next={query}", data={
        "email": factories.EMAIL, "password": factories.PASSWORD,
        "csrf_token": csrf_token_from(page.get_data(as_text=True))})


@pytest.mark.parametrize("query", BAD_NEXT)
def test_sign_in_never_redirects_off_site(client, user, query):
    response = _login(client, query)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize("query, location", [
    ("/people/", "/people/"),
    ("%2Fpeople%2F3%3Ftab%3Dties", "/people/3?tab=ties"),
    ("/followups/%3Fstatus%3Ddone", "/followups/?status=done"),
    ("/a%252F%252Fb", "/a%2F%2Fb"),  # an encoded slash inside a path stays a path
])
def test_sign_in_keeps_a_good_relative_path(client, user, query, location):
    response = _login(client, query)
    assert response.status_code == 302 and response.headers["Location"] == location


def test_the_login_page_a_protected_page_sends_you_to_comes_back(client, user):
    response = client.get("/people/")
    assert response.status_code == 302
    login_url = response.headers["Location"]
    page = client.get(login_url)
    response = client.post(login_url, data={
        "email": factories.EMAIL, "password": factories.PASSWORD,
        "csrf_token": csrf_token_from(page.get_data(as_text=True))})
    assert response.headers["Location"] == "/people/"


@pytest.fixture
def followup(logged_in):
    mike = factories.make_person(db.session, logged_in.team_id, "Mike Kincaid")
    dana = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield",
                                 roles=["prospect"])
    call = calls.log_advocate_call(db.session, logged_in, {
        "advocate_id": mike.id, "prospect_id": dana.id,
        "occurred_on": today_for(logged_in) - timedelta(days=3)})
    db.session.commit()
    return call.followups[0]


@pytest.mark.parametrize("target", [
    "/\t/evil.example", "/\n/evil", "/\\evil.example", "\\\\evil.example", "//evil.example",
    "https://evil.example", "javascript:alert(1)", " //evil.example", "\u202e//evil.example",
])
def test_the_followup_forms_never_send_you_off_site(client, followup, target):
    token = csrf_token_from(client.get("/followups/").get_data(as_text=True))
    response = client.post(f"/followups/{followup.id}/snooze",
                           data={"csrf_token": token, "days": "3", "next": target})
    assert response.status_code == 302 and response.headers["Location"] == "/today"


def test_the_followup_forms_keep_a_good_path(client, followup):
    token = csrf_token_from(client.get("/followups/").get_data(as_text=True))
    response = client.post(f"/followups/{followup.id}/complete",
                           data={"csrf_token": token, "next": "/followups/?status=open"})
    assert response.headers["Location"] == "/followups/?status=open"


@pytest.mark.parametrize("target", ["/\t/x", "/\r\n/x", "/\x0b/x", "/\\x", "//x", "x:y", "[",
                                    "/" + "a" * 5000, "http://x", "/\x85/x"])
def test_the_helper_refuses(target):
    assert not is_safe_path(target)
    assert safe_next(target, "/home") == "/home"


@pytest.mark.parametrize("target", ["/", "/people/3", "/x?next=//evil.example", "/x#//y",
                                    "/ünïcode/路径", "/a:b"])
def test_the_helper_keeps(target):
    assert safe_next(target, "/home") == target
