"""Round 28: the classes the blind AA…, BB… and CC… sets found, in other words.

A Polish landline is a phone number; the rep's story told with counts (years served, vans,
advisers, a promotion) is no reason; more questions are the rep's own ask; "our offer" sent
before is the rep's pitch; a discount without its size offers nothing; more blame said
politely. Every case was written for this round, none copied from the corpus; the near misses
must keep their verdict. The rules are judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


def test_a_polish_landline_is_only_a_number() -> None:
    assert codes("Dzień dobry Mr Lis, Marta Zając from Regal Safety. You can reach me at the "
                 "office, 71 334 52 90.") == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    "Hi Gary, Lou Pinto, Keystone Hood & Trap. A little about me: I cleaned hoods for Keystone "
    "for eighteen years before they moved me into sales. We've got room for nine vans at the "
    "new Erie shop. We were founded in 1994. 814-555-0139.",
    "Dear Mr. Iyer, Kavita from Sahyog Payroll. We are a family firm from Chennai. We opened "
    "our Madurai office in June. We have offices in Pune and Coimbatore. This month Sahyog "
    "completes 21 years. Our team of 140 includes 12 chartered accountants and five labour "
    "law advisers. 98401 22345.",
])
def test_the_reps_story_told_in_counts_is_no_reason(text: str) -> None:
    got = codes(text)
    assert "about_me" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Mr. Kerr, Lou at Keystone. Would your parish be interested in talking about hood "
    "cleaning this spring? 814-555-0139.",
    "Hi Mr. Kerr, Lou at Keystone. Could you forward this to whoever handles the kitchen at "
    "St. Mark's? 814-555-0139.",
    "Dear Mr Lis, Marta from Regal Safety. Who is responsible for racking safety at your "
    "Gliwice site? 71 334 52 90.",
    "Dear Mr. Iyer, Kavita at Sahyog. Did you get my e-mail about moving your payroll to us? "
    "98401 22345.",
    "Dear Mr. Iyer, Kavita at Sahyog. Would you have any time next week? 98401 22345.",
])
def test_the_reps_own_ask_put_as_a_question_is_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    "Dear Mr Lis, Marta from Regal Safety. Two weeks ago I sent you our offer for racking "
    "repairs, and I was expecting at least a reply. 71 334 52 90.",
    "Dear Mr Lis, Marta from Regal Safety. I can give you a really nice discount if we sign "
    "this month. 71 334 52 90.",
])
def test_the_reps_pitch_and_an_unsized_discount_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # A discount with its size is an offer, and a sharp question about their site stays one.
    "Dear Mr Lis, Marta from Regal Safety. I can take 15 percent off the inspection of both "
    "your Gliwice halls if we sign this month. 71 334 52 90.",
    "Dear Mr Lis, Marta from Regal Safety. Are the drive-in lanes in your Gliwice cold store "
    "still on the 2009 rails that PIP flagged at Tychy? 71 334 52 90.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    "Mr Lis, Marta at Regal Safety. I don't know why nobody answers my calls. 71 334 52 90.",
    "Mr Lis, Marta at Regal Safety. I was promised a call back by your office last week. "
    "71 334 52 90.",
    "Mr Lis, Marta at Regal Safety. I know you're busy, but a short answer would only be "
    "polite. 71 334 52 90.",
    "Mr Lis, Marta at Regal Safety. You promised at the fair to ring me and you didn't. "
    "71 334 52 90.",
    "Mr Lis, Marta at Regal Safety. I expected a reply after our meeting in March. "
    "71 334 52 90.",
])
def test_more_blame_said_politely(text: str) -> None:
    assert "blames" in codes(text)


def test_their_own_unanswered_line_is_no_reproach() -> None:
    got = codes("Hi Dr. Vogel, Lou at Keystone. Your walk-in's alarm still rings a landline "
                "that nobody answers at night; we can route it to your cook's phone for $9 a "
                "month. 814-555-0139.")
    assert "blames" not in got
