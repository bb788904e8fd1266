"""The phone layout's markup: a one-row header whose pages open from a <details> menu (no
script needed), compact People cards, the person page's action bar kept in reach.

What the layout looks like is checked in a real browser (tests/test_browser.py measures the
header at 390 px); these tests keep the markup the stylesheet relies on in place.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referrals.extensions import db
from tests import factories

CSS = (Path(__file__).resolve().parent.parent / "referrals" / "static" / "app.css").read_text()


def _header(html: str) -> str:
    return html[html.index('<header class="topbar">'):html.index("</header>")]


@pytest.mark.parametrize("path", ["/today", "/people/", "/prospects", "/settings"])
def test_the_pages_and_the_account_are_in_a_details_menu(client, logged_in, path):
    header = _header(client.get(path).get_data(as_text=True))
    menu = header[header.index('<details class="menu">'):header.index("</details>")]
    assert re.search(r"<summary>\s*Menu\s*</summary>", menu)  # its name, for a screen reader
    assert '<nav class="mainnav" aria-label="Main">' in menu
    assert 'action="/logout"' in menu and "Sign out" in menu
    assert 'href="/callback"' in menu  # the call-back card, whose button a phone hides
    # the search stays outside the menu: one tap from any page
    assert header.index('<form class="jump"') < header.index('<details class="menu">')


def test_signed_out_pages_have_no_menu(client):
    assert '<details class="menu">' not in client.get("/login").get_data(as_text=True)


def test_the_stylesheet_lays_the_menu_out_in_the_bar_on_a_wide_screen():
    wide = CSS[CSS.index("@supports selector(::details-content)"):]
    assert ".menu::details-content" in wide and ".menu > summary { display: none; }" in wide


def test_people_cards_leave_out_empty_cells_and_labels(client, logged_in):
    factories.make_person(db.session, logged_in.team_id, "Nell Plain")
    db.session.commit()
    html = client.get("/people/?q=Nell").get_data(as_text=True)
    row = next(r for r in html.split("<tr>") if "Select Nell Plain" in r)
    row = row[:row.index("</tr>")]
    empty = row.count('class="none"') + row.count(' none"')
    assert empty == 4, row  # works at, roles, warmth, deal
    phone = CSS[CSS.index("/* The People list: tick people"):]
    assert "table.people td[data-label]::before { content: none; }" in phone
    assert "table.people td.none { display: none; }" in phone


def test_the_person_page_keeps_its_action_bar_where_the_phone_rule_finds_it(client, logged_in):
    person = factories.make_person(db.session, logged_in.team_id, "Ola Action")
    db.session.commit()
    html = client.get(f"/people/{person.id}").get_data(as_text=True)
    head = html[html.index('<header class="person-head'):]
    assert '<div class="actions head-actions">' in head[:head.index("</header>")]
    assert re.search(r"\.person-head \.head-actions \{ position: fixed;[^}]*bottom: 0", CSS)
    assert "body:has(.person-head .head-actions) .page { padding-bottom:" in CSS


def test_the_select_all_script_is_served_from_the_app(client, logged_in):
    html = client.get("/people/").get_data(as_text=True)
    assert 'src="/static/select-all.js' in html
    response = client.get("/static/select-all.js")
    assert response.status_code == 200 and b"selectAll" in response.data
    response.close()
