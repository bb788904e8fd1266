"""Round 30: the classes the JJ…, KK… and LL… sets found, in other words.

More blame said politely (attempts "on four occasions", "I did warn you", "which is a shame",
"hoping for at least a reply", "they tell me you're in a meeting"); reach hours spelled out;
the signature block after a sign-off line (addresses, unit numbers, legal notices) gives no
reason; "for your reference", "walk you through our options" and "I send you my best regards"
offer nothing; a date is no discount's size; the rep's attempts dated by weekday beside a
reproach are no reason. Every case was written for this round, none copied from the corpus;
the near misses must keep their verdict. The rules are judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Ms Dube, Lerato from Karoo Pumps. I have phoned your office on three occasions this "
    "month. Please call me on 082 417 3390.",
    "Hi Mr Venter, Sipho from Karoo Pumps. I did warn you in May that the sump pumps would not "
    "cope, and the pit flooded in June. 082 417 3390.",
    "Dear Dott. Galli, Marco from Tecno Imballi. You may not have read my note, which is a "
    "shame. Call me on 051 634 2290.",
    "Dear Mr Reyes, Ana from Lakas Power. I was hoping for at least a short reply to my e-mail "
    "of March. 0917 624 8831.",
    "Dear Ma'am Cruz, Ana from Lakas Power. Every day they tell me you're in a meeting. "
    "0917 624 8831.",
    "Dear Dott. Galli, Marco from Tecno Imballi. I sent the offer a month ago and nobody has "
    "even confirmed receiving it. 051 634 2290.",
    "Hi Sir Ben, Jun from Lakas Power. I thought we had an understanding that you'd decide by "
    "Friday. 0917 624 8831.",
])
def test_more_blame_said_politely(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Will, Jo from Karoo Pumps. I did say I'd try you again this week: the Kathu dam is at "
    "41 percent. 082 417 3390.",
    "Hi Mr Venter, Mokopane Clinic had a four-hour response from us on three occasions last "
    "quarter. 082 417 3390.",
    "Hi Ms Pinky, nobody has confirmed the building set can take your CT room's surge; the "
    "last test was in 2021. 0917 624 8831.",
])
def test_near_misses_are_no_blame(text: str) -> None:
    assert "blames" not in codes(text)


def test_reach_hours_spelled_out_are_no_reason() -> None:
    assert codes("Good afternoon Sir Dante, Jerome from Lakas Power. I'm in the office Monday "
                 "to Friday, eight to five, and from 8 to 5 on 0917 445 9902.") == [
        "only_name_number", "no_reason"]


def test_a_figure_from_and_to_is_still_a_reason() -> None:
    assert "no_reason" not in codes(
        "Hi Alicia, Sunridge Nuts went from 18 to 26 cases a minute with the same packer. "
        "Call me on 559-555-0133.")


def test_the_signature_block_gives_no_reason() -> None:
    text = ("Subject: Meeting request\n\nDear Engr. Santos,\n\nMay I request a short meeting "
            "at your convenience?\n\nRespectfully yours,\nAna Cruz\nAccount Executive\nLakas "
            "Power\nUnit 1203, Tektite East Tower, Ortigas Center\n0917 624 8831")
    assert codes(text, "email") == ["only_name_number", "no_reason"]


def test_a_postscript_after_the_signature_is_read() -> None:
    text = ("Subject: Meeting request\n\nDear Engr. Santos,\n\nMay I request a short meeting?"
            "\n\nRegards,\nAna Cruz\nLakas Power\n\nP.S. Your Pasig building's last load-bank "
            "test was in 2019, and the DOH now asks for one every year.")
    assert "no_reason" not in codes(text, "email")


@pytest.mark.parametrize("text", [
    "Dear Ms Lim, Ana from Lakas Power. I have attached our company profile for your "
    "reference. 0917 624 8831.",
    "Dear Mr Tan, Ana from Lakas Power. I'd be glad to walk you through our options. "
    "0917 624 8831.",
    "Gentile Dott. Zago, I remain at your disposal and send you my best regards. Marco Neri, "
    "Tecno Imballi, 051 634 2290.",
])
def test_courtesies_and_the_reps_range_offer_nothing(text: str) -> None:
    assert "no_reason" in codes(text)


def test_a_date_is_no_discounts_size() -> None:
    got = codes("Hi Mr Go, for a limited time only, enjoy special discounted rates on all our "
                "services when you sign up before June 30. 0917 624 8831.")
    assert "no_reason" in got and "desperate" in got


def test_a_discount_with_its_size_is_still_a_reason() -> None:
    assert "no_reason" not in codes(
        "Hi Mr Go, sign the Cubao standby contract before June 30 and the discount is 12 "
        "percent, ₱8,400 a month. 0917 624 8831.")


def test_attempts_dated_by_weekday_beside_a_reproach_are_no_reason() -> None:
    got = codes("Hi Mr Venter, Sipho from Karoo Pumps. You did say you'd come back to me by "
                "Friday, and that was two Fridays ago. 082 417 3390.")
    assert "blames" in got and "no_reason" in got
