"""Pages: warm paths and the network picture on a person's page, Warmest prospects, warmth."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from referrals.extensions import db
from referrals.models import Person, Team, Touch
from tests import factories
from tests.conftest import AuthActions, csrf_token_from


@pytest.fixture
def network(logged_in):
    s, tid = db.session, logged_in.team_id
    rep = s.get(Person, logged_in.person_id)
    mike = factories.make_person(s, tid, "Mike Kincaid", company="Quality Fabricators",
                                 roles=["customer", "advocate"])
    dana = factories.make_person(s, tid, "Dana Whitfield", company="Harbor Foods",
                                 roles=["prospect"])
    sam = factories.make_person(s, tid, "Sam Ortiz", company="Harbor Foods", roles=["prospect"])
    far = factories.make_person(s, tid, "Far Away", company="Nowhere Inc", roles=["prospect"])
    dnc = factories.make_person(s, tid, "Do Not Call", roles=["prospect"], do_not_contact=True)
    factories.make_relationship(s, rep, mike, kind="customer", rating=5)
    factories.make_relationship(s, mike, dana, kind="colleague", rating=4)
    factories.make_relationship(s, mike, dnc, kind="friend", rating=5)
    club = factories.make_group(s, tid, "Harbor Rotary Dinner", kind="event", members=[rep, sam])
    s.commit()
    return {"rep": rep, "mike": mike, "dana": dana, "sam": sam, "far": far, "dnc": dnc,
            "club": club}


def text_of(html: str) -> str:
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def ranked_names(html: str) -> list[str]:
    cells = re.findall(
        r'<td data-label="Prospect"><a href="/people/\d+#warm-paths">([^<]+)</a>', html
    )
    return [htmllib.unescape(c) for c in cells]


# --- the person page ------------------------------------------------------------------

def test_a_prospects_page_shows_the_warmest_path_with_picture_opener_and_ask(client, network):
    html = client.get(f"/people/{network['dana'].id}").get_data(as_text=True)
    section = html[html.index('id="warm-paths"'):html.index('id="network"')]
    words = text_of(section)
    assert "Warmest ways to reach Dana Whitfield" in words
    assert "<svg" in section and 'aria-label="Path: Rep → Mike Kincaid → Dana Whitfield"' in section
    assert "You sold to Mike Kincaid" in words
    opener = re.search(r'<textarea id="opener-1"[^>]*>([^<]*)</textarea>', section).group(1)
    assert "Mike Kincaid" in htmllib.unescape(opener)
    assert "Ask Mike Kincaid for an introduction" in words
    assert 'data-copy="opener-1"' in section


def test_the_page_shows_the_two_hop_network(client, network):
    html = client.get(f"/people/{network['mike'].id}").get_data(as_text=True)
    figure = html[html.index('id="network"'):]
    assert "<svg" in figure
    for person in ("rep", "dana", "dnc"):
        assert f'href="/people/{network[person].id}"' in figure
    assert "<script" not in figure


def test_every_dot_of_a_small_network_picture_is_named(client, network):
    # Dana's picture: the rep is two steps away (via Mike) and must not be an unnamed dot.
    html = client.get(f"/people/{network['dana'].id}").get_data(as_text=True)
    figure = html[html.index('id="network"'):]
    figure = figure[:figure.index("</svg>")]
    dots = figure.count("<circle") + figure.count("<rect")
    names = re.findall(r'<text x="[^"]+" y="[^"]+" text-anchor="[a-z]+">([^<]+)</text>', figure)
    assert dots >= 3 and len(names) == dots
    assert "Rep" in names


def test_a_group_path_is_drawn_with_the_group(client, network):
    html = client.get(f"/people/{network['sam'].id}").get_data(as_text=True)
    section = html[html.index('id="warm-paths"'):html.index('id="network"')]
    assert f'href="/groups/{network["club"].id}"' in section
    assert "<rect" in section  # groups are squares


def test_a_do_not_contact_person_gets_no_paths_and_says_why(client, network):
    html = client.get(f"/people/{network['dnc'].id}").get_data(as_text=True)
    section = text_of(html[html.index('id="warm-paths"'):html.index('id="network"')])
    assert "asked not to be contacted" in section and "Opener" not in section


def test_no_path_says_what_to_do(client, network):
    html = client.get(f"/people/{network['far'].id}").get_data(as_text=True)
    assert "Nobody you or your teammates know links to Far Away" in text_of(html)


def test_your_own_page_shows_your_network_not_paths(client, network):
    html = client.get(f"/people/{network['rep'].id}").get_data(as_text=True)
    assert 'id="warm-paths"' not in html and "Your network" in html


def test_a_new_tie_shows_on_the_next_page_view(client, network):
    assert "Nobody you" in text_of(
        client.get(f"/people/{network['far'].id}").get_data(as_text=True)
    )
    factories.make_relationship(
        db.session, network["mike"], network["far"], kind="friend", rating=5
    )
    db.session.commit()
    html = client.get(f"/people/{network['far'].id}").get_data(as_text=True)
    assert "Ask Mike Kincaid for an introduction" in text_of(html)


# --- Warmest prospects ---------------------------------------------------------------

def test_the_ranking_lists_prospects_warmest_first(client, network):
    response = client.get("/prospects")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    names = ranked_names(html)
    assert set(names[:2]) == {"Dana Whitfield", "Sam Ortiz"}
    assert names[2:] == ["Far Away", "Do Not Call"]  # the unreachable last, by id
    words = text_of(html)
    assert "Do not contact" in words and "No warm path within 4 steps" in words
    assert "Mike Kincaid" in words and "(shared group)" in words


def test_the_ranking_order_follows_warmth(client, network):
    html = client.get("/prospects").get_data(as_text=True)
    values = [float(v) for v in re.findall(r'<meter min="0" max="1" value="([0-9.]+)"', html)]
    assert values == sorted(values, reverse=True) and len(values) == 2


@pytest.mark.parametrize("query, expected", [
    ("company=harbor", {"Dana Whitfield", "Sam Ortiz"}),
    ("company=nowhere", {"Far Away"}),
    ("role=customer", {"Dana Whitfield", "Sam Ortiz", "Far Away", "Do Not Call"}),  # prospects only
    ("company=%25", set()),  # a LIKE wildcard is only a character
])
def test_the_ranking_filters(client, network, query, expected):
    assert set(ranked_names(client.get(f"/prospects?{query}").get_data(as_text=True))) == expected


def test_the_hops_filter_limits_paths(client, network):
    html = client.get("/prospects?max_hops=1").get_data(as_text=True)
    assert "No warm path within 1 step " in text_of(html)
    assert not re.findall(r"<meter", html)
    html = client.get("/prospects?max_hops=2").get_data(as_text=True)
    assert len(re.findall(r"<meter", html)) == 2


def test_not_yet_contacted_hides_prospects_with_touches(client, network):
    db.session.add(Touch(team_id=network["dana"].team_id, person_id=network["dana"].id,
                         channel="call", outcome="no_answer"))
    db.session.commit()
    names = ranked_names(client.get("/prospects?not_contacted=y").get_data(as_text=True))
    assert "Dana Whitfield" not in names and "Sam Ortiz" in names


@pytest.mark.parametrize("query, field", [("max_hops=9", "max_hops"), ("sort=boss", "sort")])
def test_a_bad_filter_is_explained(client, network, query, field):
    response = client.get(f"/prospects?{query}")
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert f'id="{field}-errors"' in html and "Fix the filter above" in html


def test_the_ranking_never_shows_another_team(client, network, other_user):
    factories.make_person(db.session, other_user.team_id, "Their Prospect", roles=["prospect"])
    db.session.commit()
    assert "Their Prospect" not in client.get("/prospects").get_data(as_text=True)


def test_the_ranking_pages(client, network):
    for i in range(55):
        factories.make_person(db.session, network["rep"].team_id, f"Extra {i:02d}",
                              roles=["prospect"])
    db.session.commit()
    first = client.get("/prospects").get_data(as_text=True)
    second = client.get("/prospects?page=2").get_data(as_text=True)
    assert len(ranked_names(first)) == 50 and len(ranked_names(second)) == 9
    assert "Next →" in first and "← Previous" in second
    assert "1–50 of 59" in first and "51–59 of 59" in second


# --- how warmth works ----------------------------------------------------------------

def test_the_tie_model_is_explained_in_plain_words(client, network):
    words = text_of(client.get("/warmth").get_data(as_text=True))
    assert "What a tie strength is" in words and "days without contact" in words
    assert "never routes through someone marked do-not-contact" in words


def _settings(client) -> dict[str, str]:
    html = client.get("/warmth").get_data(as_text=True)
    form = html[html.index('class="form settings"'):]
    values = dict(re.findall(r'name="([a-z_]+)" [^>]*value="([^"]*)"', form))
    values.update({n: v for v, n in re.findall(r'value="([^"]*)" [^>]*name="([a-z_]+)"', form)})
    return values


def test_an_admin_changes_the_numbers_and_the_paths_follow(client, network):
    before = client.get("/prospects").get_data(as_text=True)
    data = _settings(client)
    data["colleague"] = "0.1"
    data["csrf_token"] = csrf_token_from(client.get("/warmth").get_data(as_text=True))
    response = client.post("/warmth", data=data)
    assert response.status_code == 302
    team = db.session.get(Team, network["rep"].team_id)
    db.session.refresh(team)
    assert team.settings["tie"]["colleague"] == pytest.approx(0.1)
    after = client.get("/prospects").get_data(as_text=True)
    assert ranked_names(after)[0] == "Sam Ortiz" and ranked_names(before) != ranked_names(after)


def test_bad_numbers_are_refused_field_by_field(client, network):
    data = _settings(client)
    data.update(colleague="7", half_life_days="-3",
                csrf_token=csrf_token_from(client.get("/warmth").get_data(as_text=True)))
    response = client.post("/warmth", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="colleague-errors"' in html and 'id="half_life_days-errors"' in html
    team = db.session.get(Team, network["rep"].team_id)
    db.session.refresh(team)
    assert not (team.settings or {}).get("tie")


def test_only_an_admin_changes_the_numbers(client, network, app):
    factories.make_user(db.session, "member@example.com", team="Acme Sales", name="Member")
    db.session.commit()
    client.post(
        "/logout",
        data={"csrf_token": csrf_token_from(client.get("/warmth").get_data(as_text=True))},
    )
    AuthActions(client).login("member@example.com")
    page = client.get("/warmth").get_data(as_text=True)
    assert "Only a team admin can change these." in page
    response = client.post(
        "/warmth", data={"colleague": "0.1", "csrf_token": csrf_token_from(page)}
    )
    assert response.status_code == 403


def test_reset_goes_back_to_the_standard_numbers(client, network):
    data = _settings(client)
    data.update(
        colleague="0.2", csrf_token=csrf_token_from(client.get("/warmth").get_data(as_text=True))
    )
    client.post("/warmth", data=data)
    page = client.get("/warmth").get_data(as_text=True)
    assert "Your team changed these." in page
    client.post("/warmth/reset", data={"csrf_token": csrf_token_from(page)})
    assert "These are the standard numbers." in client.get("/warmth").get_data(as_text=True)


def test_the_network_picture_colours_the_centre_by_its_role_and_draws_the_warm_path(
        client, network):
    html = client.get(f"/people/{network['dana'].id}").get_data(as_text=True)
    figure = html[html.index('id="network"'):]
    assert 'class="node node-prospect node-center"' in figure  # Dana is a prospect
    # The warm path Rep -> Mike -> Dana is drawn in the path colour, after the other lines.
    lines = re.findall(r'<line class="edge edge-([a-z]+)"', figure)
    assert lines.count("path") == 2 and lines[-2:] == ["path", "path"]
    for key in ("you", "prospect", "advocate", "reference", "customer", "person", "group",
                "dnc"):
        assert f'class="key key-{key}"' in figure
    assert "Everyone in the picture, as a list" in figure


def test_a_groups_tooltip_names_its_kind(client, network):
    html = client.get(f"/people/{network['sam'].id}").get_data(as_text=True)
    figure = html[html.index('id="network"'):]
    assert "Harbor Rotary Dinner (Event)" in figure and "Harbor Rotary Dinner ()" not in figure
