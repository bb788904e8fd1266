"""Round 31: the classes the MM…, NN… and OO… sets found, in other words.

A country code read out before a number belongs to it; reach hours after "weekdays", "when
you've got five" and "a week or two" are no figures; names, titles and legal notices below a
sign-off are no substance; a calendar invite, a video call, "share more", "drop in" and
"three messages I've left you now" offer nothing; their office's word held up to them is no
referral; "hope you and your team are keeping well" is a courtesy. Every case was written for
this round, none copied from the corpus; the near misses must keep their verdict. The rules are
judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message
from referrals.outreach.formulas import _PHONE


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


def test_a_country_code_read_out_belongs_to_its_number() -> None:
    assert _PHONE.sub("#", "Number is plus six five, 9176 2281.") == "Number is #."


@pytest.mark.parametrize("text", [
    "Hey Sasha, Lachie from Northline. Give me a call back when you've got five, on "
    "0491 571 804. Ta.",
    "Hi Mr Tan, Aaron from Harimau here. Could you call me? Number is plus six five, "
    "9176 2281. Cheers.",
    "Hi Melissa, Kylie at Northline. You can reach me on (07) 5550 4420, that's weekdays seven "
    "till three, or on my mobile after that. Talk soon.",
    "Hamish, Jess again, Northline. That's three messages I've left you now. Call me back on "
    "0491 570 110.",
])
def test_only_a_name_and_a_number_however_it_is_said(text: str) -> None:
    got = codes(text)
    assert "only_name_number" in got and "no_reason" in got


def test_the_legal_notice_below_the_sign_off_is_no_substance() -> None:
    text = ("Subject: Catch-up\n\nHi Dom,\n\nWould you be free for a quick call next week?\n\n"
            "Cheers,\nJess Kowalski\nNorthline Roof Services\nM: 0491 570 110\n\nThis email "
            "and any attachments are confidential and may be legally privileged. If you are "
            "not the intended recipient, you must not read, copy or disclose it.")
    assert codes(text, "email")[:2] == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    "Subject: Let's connect\n\nHi Trudy,\n\nWould you be open to a short call next week? Tell "
    "me a time and I'll send through an invite.\n\nKylie Watts\nNorthline",
    "Subject: Meeting\n\nDear Cr White,\n\nI'm happy to come to the chambers or meet by video "
    "call.\n\nHannah Bui\nNorthline",
    "Hi Mr Okafor, Ada from Sunrise Grid. I'd be glad to share more when we meet, or to drop "
    "in at your office. 0803 412 7765.",
    "Subject: Any chance of 15 minutes in the next week or two?\n\nHi Fern,\n\nLet me know."
    "\n\nTash\nNorthline",
])
def test_the_reps_own_meeting_offers_nothing(text: str) -> None:
    assert "no_reason" in codes(text, "email" if text.startswith("Subject") else "voicemail")


@pytest.mark.parametrize("text", [
    "Hi Mr Tham, Hafiz from Harimau. I hope you and your team are keeping well. May I have a "
    "short meeting? 012-318 4472.",
    "Hi Encik Jamal, Hafiz from Harimau. Your office said you'd definitely call me this week. "
    "012-318 4472.",
])
def test_courtesies_and_their_offices_word_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Fern, I've attached the video of the box gutter at your Yatala shed from Tuesday's "
    "storm. Tash, 0491 571 266.",
    "Hi Mr Okafor, I'd be glad to share the diesel log from Amuwo Family Clinic, which fell to "
    "2.9 million naira a month. 0803 412 7765.",
    "Hi Encik Jamal, Dr Lim at the Klang plant said you'd want to see his rodent data. "
    "012-318 4472.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Heather, Dean from Northline. I was on your tenant's roof yesterday, and your main box "
    "gutter has a pile of leaves sitting against the outlet. 0491 570 156.",
    "Hi Nev, Lachie from Northline. The roof over your Oakey grain shed has lost a row of "
    "screws on the windward side. 0491 571 804.",
    "Hi Bronte, Priya from Northline. That downpipe on the north side of your Salisbury factory "
    "is cut off a metre below the gutter. 0491 570 157.",
])
def test_what_the_rep_saw_on_their_premises_is_a_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Pauline, Mick from Northline. We can swap the Harbour Road sump out for about fourteen "
    "hundred dollars. 0491 570 313.",
    "Hi Alex, Lachlan from Northline. We could fit a new 20 m stainless section at Torrington "
    "over one weekend for about $7,400. 0491 571 804.",
    "Hi Mr Lim, Aaron from Harimau. We can bird-proof the Jurong loading bay for RM 3,800. "
    "012-318 4472.",
])
def test_a_jobs_price_is_an_offer(text: str) -> None:
    assert "no_reason" not in codes(text)


def test_what_the_rep_paid_for_their_own_kit_is_no_offer() -> None:
    assert "no_reason" in codes("Hi Mr Lim, Aaron from Harimau. We bought a new fogging truck "
                                "for $90,000 last year. 012-318 4472.")
