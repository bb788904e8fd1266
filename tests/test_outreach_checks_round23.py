"""Round 23: the classes the blind B…, G… and N… sets found, in other words.

A phone number in three groups of three (New Zealand) and office hours are no reason; a 1 or
a 2 written in digits is a new fact in a follow-up; the rep's firm told in the third person is
the rep's story; a quote the rep sent is no resource; "we'd be a great fit" and the promises
every firm makes are empty claims; a tyre under pressure, a reminder for their staff and a
supplier's renewal are no plea. Every case was written for this round, none copied from the
corpus; the near misses must keep their verdict. The rules are judged alone
(``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message
from referrals.outreach.repeats import new_facts, stated_numbers


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [f.code for f in check_message(text, channel=channel, earlier=earlier,
                                          learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Moana, Tama from Harbourview IT. I've tried a couple of times now. I'm on 027 552 318 "
    "if you've got a minute.",
    "Subject: Meeting request\n\nDear Ms Grey,\n\nI'm the account manager for Harbourview IT "
    "in Wellington. I'd welcome half an hour at your convenience.\n\nYou can reach me on 04 "
    "555 7160, Monday to Friday between 8.30 and 5.\n\nTama Reweti",
])
def test_a_number_in_three_groups_and_office_hours_are_no_reason(text: str) -> None:
    channel = "email" if text.startswith("Subject:") else "voicemail"
    assert codes(text, channel)[:2] == ["only_name_number", "no_reason"]


def test_a_one_or_two_in_digits_is_a_new_fact_but_not_after_the_same_said_in_words() -> None:
    assert sorted(stated_numbers("waste fell from 6% to just under 2%")) == [2.0, 6.0]
    first = ("Hi Ana, Rui at Ventos. The port's new gate rule starts in April; 12 of your "
             "trucks would need tags. 555-0120.")
    assert new_facts("Hi Ana, Rui again. The port has now confirmed 1 April for the gate rule, "
                     "and your 12 trucks need tags. 555-0120.", first)
    assert not new_facts("Hi Ana, Rui again. We can hold shafts to 2\" diameter. 555-0120.",
                         "Hi Ana, Rui at Ventos. We hold shafts up to two inches. 555-0120.")


def test_the_reps_firm_in_the_third_person_is_the_reps_story() -> None:
    text = ("Subject: Company profile\n\nDear Mr Dube,\n\nAs requested, a short profile. "
            "Kestrel Haulage Ltd was registered in 1996 and has its head office in Pinetown. "
            "The company employs 240 people and runs 180 trucks from four depots. The company "
            "holds ISO 9001 and was named Transporter of the Year in 2019.\n\nKind regards,\n"
            "Lindiwe van der Merwe\nKestrel Haulage\n031 555 0199")
    got = codes(text, "email")
    assert "about_me" in got and "no_reason" in got


def test_a_quote_the_rep_sent_is_no_resource() -> None:
    text = ("Subject: Still keen?\n\nHi Dawie,\n\nI sent you a quote four weeks ago and I'm "
            "still waiting to hear what you think.\n\nPieter")
    got = codes(text, "email")
    assert "no_reason" in got and "blames" in got


@pytest.mark.parametrize("text", [
    "Hi Cara, Liam at Tui Networks. I know we'd be a great fit for your practice. 555-0140.",
    "Hi Rob, Jess from Ridgeline. We'll look after you from start to finish. 555-0151.",
    "Hi Ken, Sipho at Zama Tracking. Our system is the best way to keep your vans safe. "
    "555-0162.",
    "Hi Meg, Ari at Copperleaf. We go the extra mile for every client. 555-0173.",
    "Hi Tom, Nia from Stonebridge. Farmers choose us because we deliver results. 555-0184.",
    "Hi Lou, Vic at Harlow. Our panels pay for themselves, and you'll see the difference "
    "from day one. 555-0195.",
])
def test_promises_every_firm_makes_are_empty_claims(text: str) -> None:
    assert "empty_claim" in codes(text)


@pytest.mark.parametrize(("text", "channel", "code"), [
    # A tyre's pressure, and theirs, are no plea.
    ("Subject: Your trailer tyres\n\nHi Ruan,\n\nTwo of your six trailers ran 12% under "
     "pressure on most trips last month; the readings are attached.\n\nMarike", "email",
     "desperate"),
    ("Hi Lerato, Thabo here. I know you're under pressure with the bus tender, so one thing: "
     "the department moved the deadline to 1 November. 555-0131.", "voicemail", "desperate"),
    # A reminder the rep suggests for their staff is advice.
    ("Subject: The fake court e-mails\n\nHi Cath,\n\nThree of your solicitors got the fake "
     "court e-mail on Friday. I'd suggest a quick reminder to the team today.\n\nHemi", "email",
     "desperate"),
    # Dropping a note in the post is no bump.
    ("Hi Stu, Darren at SunYield. I wrote up what four Kyogle dairies did about the evening "
     "tariff; I'll pop it in the post today. 555-0142.", "voicemail", "desperate"),
    # An end-of-month date that their insurer's renewal explains.
    ("Subject: Your renewal\n\nDear Mr Kruger,\n\nYour insurer cuts premiums 12% for fleets "
     "with a year of camera data. If cameras go in by the end of this month, you'd have that "
     "year in hand for the renewal after next.\n\nMarike", "email", "desperate"),
    # A site that connects back to head office is no meeting request.
    ("Subject: Your new clinic\n\nHi Jo,\n\nWill the new Rototuna clinic keep its own records "
     "server, or connect back to Hillcrest over the VPN?\n\nHemi", "email", "no_reason"),
    # First-class postage and "the best way to reach you" are no claims.
    ("Hi Keisha, Brandon at Apex Mail. Your appeal letter last December went first-class "
     "post; at your volume, nonprofit rates would have saved $1,180. 555-0153.", "voicemail",
     "empty_claim"),
])
def test_near_misses_keep_their_verdict(text: str, channel: str, code: str) -> None:
    assert code not in codes(text, channel)
