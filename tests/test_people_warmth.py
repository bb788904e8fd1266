"""The people list and the type-ahead show how warm the rep's way in to each person is."""

from __future__ import annotations

import re

from referrals.extensions import db
from tests import factories

LABEL = re.compile(r"^(Warm|Fair|Cool|Cold) · \d+%$")


def _network(user):
    carla = factories.make_person(db.session, user.team_id, "Carla Customer",
                                  roles=["customer"])
    paul = factories.make_person(db.session, user.team_id, "Paul Prospect",
                                 roles=["prospect"])
    factories.make_person(db.session, user.team_id, "Paula Nobody", roles=["prospect"])
    factories.make_relationship(db.session, user.person, carla, kind="customer", rating=5)
    factories.make_relationship(db.session, carla, paul, kind="colleague", rating=4)
    db.session.commit()


def test_the_lookup_says_how_warm_each_person_is(client, logged_in, user):
    _network(user)
    people = {p["name"]: p for p in client.get("/people/lookup?q=Paul").get_json()["people"]}
    assert LABEL.match(people["Paul Prospect"]["warmth"])
    assert people["Paula Nobody"]["warmth"] == ""  # no way in: nothing claimed


def test_the_people_list_has_a_warmth_column(client, logged_in, user):
    _network(user)
    html = client.get("/people/?q=Paul").get_data(as_text=True)
    assert ">Warmth</th>" in html
    row = re.search(r"Paul Prospect.*?</tr>", html, re.S).group(0)
    assert re.search(r"(Warm|Fair|Cool|Cold) · \d+%", row)
    nobody = re.search(r"Paula Nobody.*?</tr>", html, re.S).group(0)
    assert not re.search(r"· \d+%", nobody)
