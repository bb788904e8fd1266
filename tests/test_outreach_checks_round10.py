"""Round 10: the classes the blind k… set found, pinned in other words than the k… author's.

Each class is pinned by variants written for this round (a seventh author's wording of the
same idea, none of them copied from the corpus), with good sentences written to sit close to
it, so that a rule fitted to one phrasing fails here.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message, read_sentences


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [f.code for f in check_message(text, channel=channel, earlier=earlier)]


# --- a phone number in two groups of five is no number in the message ---------------------------

@pytest.mark.parametrize("text", [
    "Hello Mr. Iyer, this is Kavya from BrightPath Logistics. Please call me back on 99887 "
    "12345. Thank you.",
    "Good morning Ms. Rao, Arjun calling from Sunrise Solar. Kindly ring me on +91 90123 45678 "
    "when convenient.",
])
def test_a_mobile_in_two_groups_of_five_is_a_phone_number(text: str) -> None:
    assert codes(text)[:2] == ["only_name_number", "no_reason"]


def test_a_count_in_five_digit_groups_is_still_no_phone_when_it_is_money() -> None:
    # A price with a currency sign is never a phone number.
    assert "no_reason" not in codes(
        "Hi Ravi, Meena from Coastal Freight. Your Chennai to Dubai containers cost $12,400 a "
        "month on the spot market; our contract rate is $10,900. Call me on 99887 12345.")


# --- an e-mail's heading is no fact, and its label no word --------------------------------------

@pytest.mark.parametrize("text", [
    "Subject: Your packaging needs\n\nHi Omar,\n\nI'm with Crate & Co and I'd like to hear "
    "about your packaging needs.\n\nThanks,\nLena",
    "Subject: Your cleaning partner\n\nHi Jess,\n\nWhatever your cleaning challenges, "
    "SparkleWorks has the people to handle them.\n\nBest,\nTom",
    "Subject: Your payroll questions\n\nHi Dana,\n\nWould you have some time on Thursday to "
    "walk me through how you run payroll today?\n\nBest,\nNoor",
])
def test_a_heading_or_a_plural_noun_after_your_is_no_fact(text: str) -> None:
    assert "no_reason" in codes(text, channel="email")


@pytest.mark.parametrize("text", [
    # A heading that states a fact is still one.
    "Subject: Your Leeds depot lease ends in March\n\nHi Sam,\n\nWe have a unit two miles "
    "away.\n\nBest,\nKit",
    # A clause whose -s verb has words after it is still a clause.
    "Hi Ann, Raj from Northside Print. Your shop orders two thousand flyers a month from a "
    "printer in Leeds. 555-0188.",
])
def test_a_fact_in_a_heading_or_a_plain_verb_still_counts(text: str) -> None:
    assert "no_reason" not in codes(text, channel="email")


def test_a_subject_label_is_no_story() -> None:
    text = ("Subject: Partnership\n\nHello Ms. Park,\n\nMy name is Leo Grant and I'm with "
            "Brightway Cleaning. I'd like to find a time to speak with you.\n\nBest regards,\n"
            "Leo Grant\n555-0190")
    assert "about_me" not in codes(text, channel="email")


# --- asking for their time, or whether they still want the deal, is no question -----------------

@pytest.mark.parametrize("text", [
    "Hi Bo, Kim at Apex Staffing. Could you find a bit of time next week to tell me how you hire "
    "drivers? 555-0140.",
    "Hi Bo, Kim at Apex Staffing. Just ten minutes about your hiring. Surely you could spare "
    "that? 555-0141.",
    "Hi Bo, Kim at Apex Staffing. Hope you're well. Is the proposal still something you would "
    "want? 555-0142.",
    "Hi Bo, Kim at Apex Staffing. Are you ready to move forward? 555-0143.",
])
def test_asking_for_time_or_for_the_deal_is_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


def test_a_sharp_question_about_their_business_is_still_a_reason() -> None:
    assert "no_reason" not in codes(
        "Hi Bo, Kim at Apex Staffing. Are your forklift drivers certified for the new "
        "reach trucks you ordered? 555-0144.")


# --- "quote" as a verb is no quote sent ----------------------------------------------------------

def test_quote_as_a_verb_is_no_resource() -> None:
    assert "no_reason" in codes(
        "Hi Al, Jo at Inkwell Print. I'd like to learn what you print and whether there's "
        "anything we could quote on. 555-0150.")


def test_a_quote_as_a_noun_is_still_a_resource() -> None:
    assert "no_reason" not in codes(
        "Hi Al, Jo at Inkwell Print. I've e-mailed you a quote for the spring catalogue, "
        "$2,100 for 5,000 copies. 555-0151.")


# --- a promise made for them, and messages left, are no reason ----------------------------------

@pytest.mark.parametrize("text", [
    "Hi Len, Rae at Harbor IT. Your office manager told me you'd get back to me on Monday. "
    "555-0160.",
    "Hi Len, Rae at Harbor IT. Your PA said you would call me back after the board meeting. "
    "555-0161.",
])
def test_a_promise_made_for_them_is_blame_not_a_referral(text: str) -> None:
    found = codes(text)
    assert "blames" in found and "no_reason" in found


def test_a_referral_is_still_a_referral() -> None:
    assert codes("Hi Len, Rae at Harbor IT. Your office manager told me you're moving to the "
                 "Dock Street building in May. 555-0162.") == []


def test_messages_left_are_nothing_left_for_them() -> None:
    assert "no_reason" in codes(
        "Hi Len, Rae at Harbor IT. I left you a voicemail last week and one more yesterday. "
        "555-0163.")


def test_something_left_for_them_still_is() -> None:
    assert "no_reason" not in codes(
        "Hi Len, Rae at Harbor IT. I left you a spare router at the front desk. 555-0164.")


def test_help_free_for_them_on_a_day_is_an_offer() -> None:
    assert codes("Hey Lori, Jim at Midwest Staffing. Your manager said you'd call back, but "
                 "nothing came. Anyway, we have three forklift drivers free Tuesday for your "
                 "Racine warehouse. 555-0165.") == ["blames"]


def test_the_reps_own_staff_is_no_offer() -> None:
    read = read_sentences("We have 40 technicians available around the clock.")
    assert "offer" not in read[0].reasons


# --- a truism about their business is no fact ----------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Your storefront is the first thing people notice.",
    "Your customers judge you by your sign.",
    "Your drivers work hard.",
])
def test_a_truism_about_them_is_no_fact(sentence: str) -> None:
    text = f"Hi Mo, Eve at BrightSign. {sentence} Call me at 555-0170."
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("sentence", [
    "Your website has been down since Tuesday.",
    "Your reception area is the same layout as the clinic we redid in Leeds.",
    "Your fleet runs forty vans out of the Hull depot.",
    "Your lease comes up for renewal in June.",
])
def test_a_particular_fact_about_them_still_counts(sentence: str) -> None:
    text = f"Hi Mo, Eve at BrightSign. {sentence} Call me at 555-0171."
    assert "no_reason" not in codes(text)


# --- pressure: a held price, the rep's slots; not their deadline, not a concession --------------

@pytest.mark.parametrize("text", [
    "Hi Raj, Tess at Bluewater Freight. I've got you $980 a container, but I can only keep the "
    "rate until Thursday. 555-0180.",
    "Hi Raj, Tess at Bluewater Freight. I have two install dates left this month and I really "
    "need to fill those. 555-0181.",
    "Hi Raj, Tess at Bluewater Freight. Just following up, checking whether you're still keen. "
    "555-0182.",
    "Hi Raj, Tess at Bluewater Freight. Twenty percent off for anyone who signs up before the "
    "twenty-first. 555-0183.",
])
def test_the_reps_push_is_desperate(text: str) -> None:
    assert "desperate" in codes(text)


@pytest.mark.parametrize("text", [
    "Subject: Your licences\n\nHi Raj, a quick note in case it helps: your depot's forklift "
    "operator licences expire at the end of the month, by the state register.\n\nTess",
    "Hi Raj, Tess at Bluewater Freight. I've sent the parts list for the conveyor; even if you "
    "decide to fit them in-house, it saves a week of searching. 555-0185.",
])
def test_their_deadline_or_a_concession_is_no_push(text: str) -> None:
    assert "desperate" not in codes(text)
