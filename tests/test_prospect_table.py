"""The Warmest prospects table: sortable by warmth, deal value, last touch, request status and
calls left; warmth named by the team's own spread; a total; per-row actions."""

from __future__ import annotations

import html as htmllib
import re
from datetime import timedelta
from decimal import Decimal

import pytest

from referrals.advocates import introductions
from referrals.clock import utc_now
from referrals.extensions import db
from referrals.main.prospects import band
from referrals.models import Touch
from tests import factories


@pytest.fixture
def team(logged_in):
    """Five prospects through Mike (the rep's customer), warmest first: Ava, Ben, Cal, Dee
    (by Mike's tie to each), and Eve, whom nobody links to."""
    s, user = db.session, logged_in
    tid = user.team_id
    mike = factories.make_person(s, tid, "Mike Kincaid", roles=["customer"])
    factories.make_relationship(s, user.person, mike, kind="customer", rating=5)
    people = {}
    for name, rating, deal in (("Ava Ames", 5, 5000), ("Ben Best", 4, 60000),
                               ("Cal Cole", 3, None), ("Dee Dunn", 2, 1000)):
        people[name] = factories.make_person(s, tid, name, roles=["prospect"],
                                             deal_value=Decimal(deal) if deal else None)
        factories.make_relationship(s, mike, people[name], kind="colleague", rating=rating)
    people["Eve Ebb"] = factories.make_person(s, tid, "Eve Ebb", roles=["prospect"])
    factories.make_person(s, tid, "Cora Customer", roles=["customer"])
    s.commit()
    now = utc_now()
    for days, name in ((10, "Cal Cole"), (2, "Ben Best"), (5, "Cal Cole")):
        s.add(Touch(team_id=tid, person_id=people[name].id, user_id=user.id, channel="voicemail",
                    outcome="voicemail_left", occurred_at=now - timedelta(days=days)))
    introductions.create_introduction_request(s, user, people["Dee Dunn"].id, mike.id,
                                              status="asked")
    s.commit()
    return {"mike": mike, **people}


def names(html: str) -> list[str]:
    found = re.findall(r'<td data-label="Prospect"><a href="/people/\d+#warm-paths">([^<]+)</a>',
                       html)
    return [htmllib.unescape(n) for n in found]


def page(client, query: str = "") -> str:
    response = client.get(f"/prospects{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_data(as_text=True)


def test_warmth_first_with_a_total_and_the_unreachable_last(client, team):
    html = page(client)
    assert names(html) == ["Ava Ames", "Ben Best", "Cal Cole", "Dee Dunn", "Eve Ebb"]
    assert "5 prospects, 4 with a warm way in" in html
    assert "Cora Customer" not in html  # customers aren't prospects


@pytest.mark.parametrize("query, expected", [
    ("?sort=deal", ["Ben Best", "Ava Ames", "Dee Dunn"]),  # no deal value: after, by warmth
    ("?sort=deal&order=asc", ["Dee Dunn", "Ava Ames", "Ben Best"]),
    ("?sort=last_touch", ["Ben Best", "Cal Cole"]),  # the latest first
    ("?sort=status", ["Dee Dunn"]),
    # Cal: 5 for an unknown deal, less 2 voicemails; Dee: a $1,000 deal is worth 3; Eve: 5.
    ("?sort=attempts_left", ["Cal Cole", "Dee Dunn", "Eve Ebb", "Ava Ames", "Ben Best"]),
    ("?sort=warmth&order=asc", ["Eve Ebb", "Dee Dunn", "Cal Cole", "Ben Best", "Ava Ames"]),
])
def test_each_column_sorts(client, team, query, expected):
    found = names(page(client, query))
    assert found[:len(expected)] == expected
    assert sorted(found) == ["Ava Ames", "Ben Best", "Cal Cole", "Dee Dunn", "Eve Ebb"]


def test_calls_left_count_down_with_each_voicemail(client, team):
    html = page(client, "?sort=attempts_left")
    rows = html.split("<tbody>", 1)[1].split("</tr>")
    cal = next(r for r in rows if "Cal Cole" in r)
    # An unknown deal value is worth 5 call attempts; two voicemails leave 3.
    assert re.search(r'<td data-label="Calls left">3</td>', cal)


def test_the_sorted_column_says_so_and_flips_on_a_second_click(client, team):
    html = page(client, "?sort=deal")
    assert 'aria-sort="descending"' in html
    assert 'href="/prospects?sort=deal&amp;order=asc"' in html


def test_warmth_is_named_by_the_teams_spread(client, team):
    html = page(client)
    # Four reachable prospects: one in each of the first four fifths.
    assert "Warmest fifth" in html and "Cooler than most" in html
    assert re.search(r"Warmest fifth</span> · \d+%", html)


def test_rows_carry_card_ask_and_log(client, team):
    html = page(client)
    ava = team["Ava Ames"]
    assert f'href="/people/{ava.id}/callback"' in html or f"/people/{ava.id}/call" in html
    assert f"prospect={ava.id}&amp;via={team['mike'].id}" in html
    assert f'href="/people/{ava.id}/outreach#log"' in html
    assert 'aria-label="Ask Mike Kincaid to introduce you to Ava Ames"' in html


def test_the_request_column_shows_where_the_ask_stands(client, team):
    html = page(client)
    dee = html.split("Dee Dunn", 1)[1].split("</tr>", 1)[0]
    assert ">Asked</a>" in dee


def test_bands_split_the_spread_in_fifths():
    scores = sorted((i / 20 for i in range(1, 21)), reverse=True)
    assert [band(s, scores) for s in scores].count("warmest fifth") == 4
    assert band(scores[-1], scores) == "coolest fifth"
    assert band(0.5, [0.5]) == "warmest fifth"
