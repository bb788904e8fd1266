"""The over-ask penalty shows: pages and the API give the warmth lists are sorted by, and why."""

from __future__ import annotations

import math
import re

import pytest

from referrals.advocates.calls import log_advocate_call
from referrals.clock import today_for
from referrals.extensions import db
from referrals.models import Person
from tests import factories
from tests.test_api_support import CheckedApi
from tests.test_paths_views import ranked_names, text_of

REASON = "Gus Ortega was asked 3 times in the last 90 days; the team's cap is 2."


@pytest.fixture
def team(user):
    """Rep -> Gus (advocate) -> Pat; Rep -> Ann -> Quinn. Pat is the warmer of the two until
    Gus has been asked three times (cap 2: factor 0.25)."""
    s, tid = db.session, user.team_id
    rep = s.get(Person, user.person_id)
    gus = factories.make_person(s, tid, "Gus Ortega", roles=["advocate"])
    ann = factories.make_person(s, tid, "Ann Lee")
    pat = factories.make_person(s, tid, "Pat Prospect", roles=["prospect"])
    quinn = factories.make_person(s, tid, "Quinn Prospect", roles=["prospect"])
    factories.make_relationship(s, rep, gus, kind="friend", rating=5)
    factories.make_relationship(s, gus, pat, kind="friend", rating=5)
    factories.make_relationship(s, rep, ann, kind="friend", rating=4)
    factories.make_relationship(s, ann, quinn, kind="friend", rating=4)
    s.commit()
    return {"rep": rep, "gus": gus, "ann": ann, "pat": pat, "quinn": quinn}


def ask_gus(user, team, times: int = 3) -> None:
    s = db.session
    for i in range(times):
        other = factories.make_person(s, user.team_id, f"Called {i}")
        log_advocate_call(s, user, {
            "advocate_id": team["gus"].id, "prospect_id": other.id,
            "occurred_on": today_for(user), "outcome": "", "notes": ""})
    s.commit()


def percents(html: str, name: str) -> str:
    """The warmth cell of `name`'s ranking row, as text."""
    row = re.search(rf">{name}</a>.*?</tr>", html, re.S)
    assert row, name
    return text_of(row.group(0))


@pytest.fixture
def api(api, app):
    return CheckedApi(api, app)


def test_the_ranking_page_shows_the_warmth_it_sorts_by_and_why(client, auth, user, team):
    auth.login()
    html = client.get("/prospects").get_data(as_text=True)
    assert ranked_names(html) == ["Pat Prospect", "Quinn Prospect"]
    assert "Lowered from" not in html

    ask_gus(user, team)
    html = client.get("/prospects").get_data(as_text=True)
    assert ranked_names(html) == ["Quinn Prospect", "Pat Prospect"]
    plain = 0.85 * 0.85
    pat = percents(html, "Pat Prospect")
    assert f"{100 * plain * 0.25:.0f}%" in pat  # the number the list is sorted by
    assert f"Lowered from {100 * plain:.0f}%: {REASON}" in pat
    assert "Lowered from" not in percents(html, "Quinn Prospect")
    shown = [float(v) for v in re.findall(r'<meter min="0" max="1" value="([\d.]+)"', html)]
    assert shown == sorted(shown, reverse=True)


def test_the_person_page_shows_the_penalised_warmth_and_why(client, auth, user, team):
    auth.login()
    page = text_of(client.get(f"/people/{team['pat'].id}").get_data(as_text=True))
    assert "Lowered from" not in page and "72%" in page
    ask_gus(user, team)
    page = text_of(client.get(f"/people/{team['pat'].id}").get_data(as_text=True))
    assert "18%" in page
    assert f"Lowered from 72%: {REASON}" in page


def test_the_api_carries_the_same_numbers(api, user, team):
    pat = team["pat"]
    before = api.get(f"/api/v1/people/{pat.id}/paths?k=1").get_json()["paths"][0]
    assert before["penalty"] is None and before["penalised_warmth"] == before["warmth"]

    ask_gus(user, team)
    path = api.get(f"/api/v1/people/{pat.id}/paths?k=1").get_json()["paths"][0]
    assert math.isclose(path["warmth"], math.prod(t["tie_strength"] for t in path["ties"]))
    assert math.isclose(path["penalised_warmth"], path["warmth"] * 0.25)
    assert path["penalty"]["factor"] == 0.25
    assert path["penalty"]["reason"] == REASON
    assert path["penalty"]["helpers"] == [{
        "id": team["gus"].id, "name": "Gus Ortega", "asks": 3, "window_days": 90, "cap": 2,
        "factor": 0.25}]

    items = api.get("/api/v1/prospects/ranking").get_json()["items"]
    by_name = {i["prospect"]["name"]: i for i in items}
    ranked = [i for i in items if i["warmth"] is not None]
    assert [i["prospect"]["name"] for i in ranked] == ["Quinn Prospect", "Pat Prospect"]
    values = [i["penalised_warmth"] for i in ranked]
    assert values == sorted(values, reverse=True)
    assert math.isclose(by_name["Pat Prospect"]["penalised_warmth"], path["penalised_warmth"])
    assert by_name["Pat Prospect"]["penalty"] == path["penalty"]
    quinn = by_name["Quinn Prospect"]
    assert quinn["penalty"] is None and quinn["penalised_warmth"] == quinn["warmth"]


def test_paths_from_another_person_show_the_penalty_too(api, user, team):
    ask_gus(user, team)
    path = api.get(f"/api/v1/people/{team['pat'].id}/paths?k=1&from={team['rep'].id}")
    assert path.get_json()["paths"][0]["penalty"]["reason"] == REASON
