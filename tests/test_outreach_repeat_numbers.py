"""A follow-up that says the same numbers another way repeats the earlier message.

"Three point six" is 3.6, 25 percent is "a quarter", "about eight seconds" is 7.8 seconds
rounded, and "my fourth call on this" counts the rep's tries, not a fact about the listener:
none of them is a new fact. A number that really is new still makes a follow-up. The cases are
written here in other words than the corpus.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message
from referrals.outreach.repeats import stated_numbers

pytestmark = pytest.mark.graph

SEED = ("Hi Lena, Omar at Vale Seeds. Our trial plots near Ames gave 3.6 more bushels an acre on "
        "clay with the treated seed. 555-0120.")
WATER = ("Hi Bec, Tom at Outback Irrigation. The Hoyts down the road cut their water use by a "
         "quarter after our drip retrofit. 0438 555 207.")
PAGE = ("Subject: Your booking page\n\nHi Dr. Ellis,\n\nYour clinic's booking page takes 7.8 "
        "seconds to load on a phone, and most visitors leave after three. The full report is "
        "attached.\n\nAriana")


def codes(text: str, earlier: str) -> list[str]:
    return [f.code for f in check_message(text, earlier=[earlier])]


@pytest.mark.parametrize(("text", "earlier"), [
    ("Hello Lena, it's Omar from Vale Seeds once more. With treated seed, clay ground near Ames "
     "yielded three point six extra bushels per acre across our test strips. 555-0120.", SEED),
    ("Hello Bec, Tom from Outback Irrigation again. The Hoyt family, just down your road, "
     "trimmed 25 percent off their water use once we fitted drip lines. 0438 555 207.", WATER),
    ("Hi Dr. Ellis, Ariana calling about your booking page: it takes about eight seconds to "
     "load on a phone, and most visitors leave after three. The report is in your inbox.",
     PAGE),
    ("Hello Lena, fourth call on this from Omar at Vale Seeds. Treated seed on clay near Ames: "
     "our test strips showed 3.6 extra bushels per acre. 555-0120.", SEED),
])
def test_the_same_numbers_said_another_way_repeat(text: str, earlier: str) -> None:
    assert "repeated" in codes(text, earlier)


@pytest.mark.parametrize(("text", "earlier"), [
    ("Hi Lena, Omar again at Vale Seeds. On clay near Ames the treated seed gave three point "
     "six more bushels an acre, and on sand two point one. 555-0120.", SEED),
    ("Hi Bec, Tom again, Outback Irrigation. The Hoyts cut their water use by 25 percent, and "
     "the state's drip grant closes on May 9. 0438 555 207.", WATER),
    ("Hi Dr. Ellis, Ariana calling about your booking page: since Monday's update it takes "
     "twelve seconds to load on a phone. The report is in your inbox.", PAGE),
])
def test_a_number_that_is_really_new_makes_a_follow_up(text: str, earlier: str) -> None:
    assert "repeated" not in codes(text, earlier)


def test_spoken_decimals_fractions_and_tries_counted() -> None:
    assert stated_numbers("four point two bushels") == stated_numbers("4.2 bushels")
    assert 20.0 in stated_numbers("cut their use by a fifth")
    assert stated_numbers("third time trying you, my fourth e-mail") == frozenset()
    assert 50.0 not in stated_numbers("a half-day course, two and a half hours")
