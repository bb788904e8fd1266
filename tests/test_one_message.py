"""Each problem with a form is said once on the page: not as a flash, a summary at the top and
a message beside the field, all at the same time.

The pages are parsed (html.parser) and every message found in a flash, a form's summary, an
alert or a field's error list is compared with the others.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import Person
from tests import factories
from tests.conftest import csrf_token_from

VOID = {"br", "hr", "img", "input", "link", "meta", "source", "col", "wbr"}


class _Messages(HTMLParser):
    """Where the page says something went wrong, as (place, text) in page order: a place is
    "page" for flashes, alerts and a form's summary, or the id of a field's error list."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, str | None]] = []  # (tag, the place a message opened here)
        self.found: list[list[str]] = []

    def _in_message(self) -> bool:
        return any(place for _, place in self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        place = None
        parent = self.open[-1] if self.open else ("", None)
        if parent[1] and parent[1].startswith("list:") and tag in ("li", "p"):
            place = parent[1].removeprefix("list:")  # one message of a field's list
        elif self._in_message():
            place = None
        elif "errors" in classes and tag in ("ul", "div"):
            place = "list:" + (attributes.get("id") or f"errors-{len(self.found)}")
        elif "errors" in classes:
            place = attributes.get("id") or f"errors-{len(self.found)}"
        elif {"flash", "form-errors", "conflict"} & classes or attributes.get("role") == "alert":
            place = "page"
        self.open.append((tag, place))
        if place and not place.startswith("list:"):
            self.found.append([place, ""])

    def handle_endtag(self, tag: str) -> None:
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.found and any(place and not place.startswith("list:")
                              for _, place in self.open):
            self.found[-1][1] += data


def messages(html: str) -> list[tuple[str, str]]:
    parser = _Messages()
    parser.feed(html)
    return [(place, re.sub(r"\s+", " ", text).strip()) for place, text in parser.found
            if text.strip()]


def said(html: str, words: str) -> int:
    """How many of the page's messages say `words`."""
    return sum(words.lower() in text.lower() for _, text in messages(html))


def repeated(html: str) -> list[str]:
    """Messages said twice about one problem: twice beside one field, or at the top of the
    page and again anywhere else. (The same words beside two fields are two problems.)"""
    found = messages(html)
    twice = []
    for i, (place, text) in enumerate(found):
        for other_place, other in found[i + 1:]:
            same = text == other or (min(len(text), len(other)) > 15
                                     and (text in other or other in text))
            if same and (place == other_place or "page" in (place, other_place)):
                twice.append(text)
    return twice


def test_the_parser_finds_each_kind_of_message():
    html = ('<p class="flash" role="status">A</p><div class="form-errors" role="alert"><p>B</p>'
            '</div><ul class="errors" id="x-errors"><li>C</li><li>D</li></ul>'
            '<p class="errors">E</p>')
    assert messages(html) == [("page", "A"), ("page", "B"), ("x-errors", "C"),
                              ("x-errors", "D"), ("errors-4", "E")]
    assert repeated(html) == []
    assert repeated('<p class="flash">Too long, please.</p><ul class="errors" id="a">'
                    '<li>Too long, please.</li></ul>') == ["Too long, please."]


def _page(client, url: str) -> tuple[str, str]:
    html = client.get(url).get_data(as_text=True)
    return html, csrf_token_from(html)


@pytest.fixture
def prospect(logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Dana Whitfield",
                                   company="Harbor Foods", roles=["prospect"])
    db.session.commit()
    return person


def test_a_stale_person_edit_is_explained_once(client, prospect):
    url = f"/people/{prospect.id}/edit"
    html, token = _page(client, url)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', html).group(1)
    db.session.get(Person, prospect.id).company = "Someone Else Inc"
    db.session.get(Person, prospect.id).version += 1
    db.session.commit()
    response = client.post(url, data={"csrf_token": token, "version": version,
                                      "name": "Dana Whitfield", "company": "Mine Inc"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert said(page, "someone else changed") == 1, messages(page)


def test_asking_a_helper_past_the_cap_is_warned_once(client, logged_in, prospect):
    from referrals.advocates import calls
    mike = factories.make_person(db.session, logged_in.team_id, "Mike Kincaid")
    for name in ("P1", "P2"):
        other = factories.make_person(db.session, logged_in.team_id, name)
        calls.log_advocate_call(db.session, logged_in, {
            "advocate_id": mike.id, "prospect_id": other.id,
            "occurred_on": today_for(logged_in)})
    db.session.commit()
    url = f"/introductions/new?prospect={prospect.id}&via={mike.id}"
    html, token = _page(client, url)
    assert said(html, "has been asked 2 times") == 1
    response = client.post(url, data={"csrf_token": token, "status": "asked",
                                      "ask_text": "Hi", "notes": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert said(page, "has been asked 2 times") == 1, messages(page)


def test_a_voicemail_that_breaks_the_cadence_is_flagged_once(client, logged_in, prospect):
    url = f"/people/{prospect.id}/outreach"
    for _ in range(4):  # the cadence allows 3 voicemails in its window
        html, token = _page(client, url)
        response = client.post(url, data={"csrf_token": token, "channel": "voicemail",
                                          "outcome": "voicemail_left", "notes": ""})
        if response.status_code != 302:
            break
    page = response.get_data(as_text=True)
    assert response.status_code in (400, 409), messages(page)
    assert not repeated(page), messages(page)
    assert said(page, "4th voicemail") == 1, messages(page)


def test_a_wrong_password_is_said_once(client, user):
    html, token = _page(client, "/login")
    response = client.post("/login", data={"csrf_token": token, "email": factories.EMAIL,
                                           "password": "wrong"})
    page = response.get_data(as_text=True)
    assert said(page, "don't match") == 1, messages(page)


@pytest.mark.parametrize(("url", "data", "words"), [
    ("/people/new", {"name": ""}, "required"),
    ("/outreach/library/new", {"title": "", "kind": "tip"}, ""),
    ("/settings/tokens", {"name": "x", "password": "wrong"}, "not your password"),
    ("/advocates/calls/new", {"advocate": "Nobody Here", "prospect": "Dana Whitfield"},
     "choose the advocate"),
    ("/followups/new", {"reason": "", "due_on": "2020-01-01", "kind": "reminder"}, ""),
    ("/transfer/", {}, ""),
])
def test_bad_input_on_each_main_form_is_said_once(client, prospect, url, data, words):
    page_url = "/settings" if url == "/settings/tokens" else url
    html, token = _page(client, page_url)
    response = client.post(url, data={"csrf_token": token, **data})
    page = response.get_data(as_text=True)
    if response.status_code == 302:
        page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert messages(page), (response.status_code, page[:500])
    assert not repeated(page), messages(page)
    if words:
        assert said(page, words) == 1, messages(page)


def test_an_import_without_a_name_column_is_explained_once(client, logged_in):
    from tests.test_imports_views import post_upload, preview_form

    fields = preview_form(post_upload(client, b"who,mail\nKim Lee,kim@u.example\n"))
    response = client.post("/transfer/preview", data={**fields, "action": "import"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert not repeated(page), messages(page)
    assert said(page, "name") <= 1, messages(page)


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\xff" * 10])
def test_a_bad_import_file_is_refused_once(client, logged_in, data):
    from tests.test_imports_views import post_upload

    page = post_upload(client, data).get_data(as_text=True)
    assert messages(page) and not repeated(page), messages(page)
