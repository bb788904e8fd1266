"""Round 7 of the message check: the classes the blind d… set found, and the good sentences
written to collide with each new family (pinned so a later round cannot widen it unseen)."""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message, read_sentences
from referrals.outreach.repeats import content_repeat, stated_numbers


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel, earlier=earlier)]


# --- indirect blame -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # Attempts counted by time, by emphasis, or as "three or four".
    "Hi Ted, it's Randy from Westgate Fleet Services again. I've left you three or four messages "
    "at this point and haven't heard a thing, so I'm guessing you're swamped. Call me back at "
    "555-0104 when you get a minute.",
    "Hi Dr. Salas, it's Connie from Premier Lab Supplies. Just wondering if you ever got around "
    "to reading my e-mail? I did send it twice. Call me, 555-0144.",
    "Hi Mr. Lindgren, Patricia Holm from Edgewater HVAC. I'm sure you're busy, but I did send "
    "you the maintenance proposal twice, so I'm not sure what else I can do. Your boiler failed "
    "its combustion test in January; the fix is a burner tune-up for three-eighty. 555-0108.",
    "Hi Carla, it's Mike at Lakeshore Staffing. I'm really hoping you'll call me back this time. "
    "I've been trying for weeks. 555-0156.",
    # The channel doubted.
    "Dear Ms. Whitcombe, I'm not sure my previous note reached you, so I'll repeat it. Your "
    "Harbor Street lease puts the elevator modernization on the tenant.",
    "Hello Ms. Varga, Per my last email – which I assume got buried – the updated state rule on "
    "food-handler cards takes effect for your six cafés on July 1st.",
    # An answer owed, and the time since.
    "Yeah, hi Bill, it's Dennis from Triad Steel. Look, I was told you'd be the one to call me "
    "back about this, and it's been two weeks. 555-0125.",
    "Hi Devin, You told me in October that you'd make a decision by the end of the year, and "
    "it's now February. Your 2024 credit is worth about $48,000.",
    # Guessing what they failed to do; surprise at the silence.
    "Hey Trent, Carmen again from Evergreen Pest Control. You probably didn't listen to my last "
    "message, so I'll say it again quickly. The county found rodents next door. 555-0185.",
    "Hi Ms. Greer, it's Omar Said with Tollgate Freight Audit. I was a little surprised not to "
    "get a call back after I sent the audit results. 555-0148.",
])
def test_indirect_blame_is_flagged(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    # Busy, said kindly: no guess at why they didn't answer.
    "Hi Nora, Ben at Ridge HVAC. I know you're busy, so I'll keep it short: your boiler failed "
    "its combustion test in January, and the fix is a $380 burner tune-up. 555-0108.",
    "Hi Nora, Ben at Ridge HVAC. I'm sure you're busy with the harvest, so here is the one "
    "number: your cold room lost 6% of its charge since May. 555-0108.",
    # Facts that borrow the families' words.
    "Hi Ms. Oduya, Ferdinand at Riverbend Staffing. Stefan Ivers told me you still haven't "
    "filled his controls role; two of our engineers know his Allen-Bradley code. 555-0144.",
    "Hi Dana, Sam at Clearline. Your recycling bin was tagged twice this month; a third tag is a "
    "$150 fine, and we can swap it for a sorted bin on Friday. 555-0192.",
    "Hi Dana, Sam at Clearline. You probably didn't know the county changed the grease-trap rule "
    "in May: your permit needs a new pump-out log by July 1. 555-0192.",
    "Hi Dana, Sam at Clearline. We've been trying for weeks to get the Dayton plant's numbers, "
    "and they're in: a 14% cut in grease fees. I'll mail you the summary. 555-0192.",
    "Hi Dana, Sam at Clearline. You told me at the expo that your press has been down twice "
    "this month; the clutch kit is $640 and I can fit it Saturday. 555-0192.",
    "Hi Dana, Sam at Clearline. Your filing window opened on January 1st, and it's now March: "
    "the late fee starts at $50 a day. I've attached the form. 555-0192.",
    "Hi Dana, Sam at Clearline. You might be surprised not to see a fuel surcharge on the quote "
    "I attached: the Reno lane runs 9% under your current rate. 555-0192.",
])
def test_good_sentences_that_collide_with_the_blame_families_pass(text: str) -> None:
    assert codes(text) == []


def test_a_fact_in_a_row_is_no_count_of_attempts() -> None:
    read = read_sentences("Last year we were recognized by the Metro Business Journal as one of "
                          "the fastest-growing companies, for the third time in a row.")
    assert read[0].blame is None


# --- reasons the reader saw that were none ------------------------------------------------------

@pytest.mark.parametrize("text", [
    # "Trial experience" is no trial offered; "are you free" asks for the meeting.
    "Dear Ms. Okonjo, Copperleaf was founded in 2004 by two former litigation partners with "
    "real trial experience. Since then we have grown to eleven offices. Are you free next week?",
    # A demo asked for is the rep's meeting.
    "Hi Jonas, We recently launched version 5.0 of our platform. We were also named a Leader in "
    "the G2 Winter report. Would you like a demo?",
    # The area code said apart is part of the number.
    "Good morning Ms. Hollister, this is Agnes Mwangi calling from Bright Harbor Insurance "
    "Agency. I can be reached at area code 503, 555-0166. Thank you.",
    # "It's" at the start of a sentence is no peer's possessive.
    "Hello Ms. Zhou, It's a bit disappointing not to hear back after all the time we spent on "
    "your proposal. Russ Palmer, Keystone Packaging, 555-0134",
    # A follow-up on the rep's own quote.
    "Hey Ginny, it's Paul at Harbor Printing, just following up to see if you got the quote I "
    "sent over. 555-0109.",
    # A vague sweetener for signing now is the push.
    "Hi Felix, if you can commit by the end of this month, I can throw in an extra discount "
    "since we're trying to close out the quarter strong. Tanya Beck, 555-0198",
    # The rep's premises.
    "Hi Nkechi, Drew at Harborview IT. I'm the new account executive here. We have a Tier III "
    "data center and a 24/7 help desk staffed in-house. 555-0140",
])
def test_a_message_whose_only_reasons_are_the_reps_gives_none(text: str) -> None:
    assert "no_reason" in codes(text, channel="email")


@pytest.mark.parametrize("text", [
    # A concrete sweetener is still an offer; a trial they can run is one.
    "Hi Ashok, Mindy at Wrenchworks. If you can sign before the 30th, I can throw in a free "
    "battery for each of your 35 vans. 555-0186.",
    "Hi Ashok, Mindy at Wrenchworks. We can set up a 30-day trial on five of your vans, with "
    "the oil analysis included. 555-0186.",
    # News the rep frames, advice, a price: the listener's.
    "Hi Theo, Ama at Quarry Ridge. One thing I left out: the county is closing the Millerton "
    "Road bridge from June to September, which adds a twelve-mile detour. 555-0169.",
    "Hi Noor, Tobias Grant, Crossfield Translation. There are only three certified Dari medical "
    "interpreters in the state, and two of them work with us. I'd suggest booking them before "
    "the clinic opens. 555-0164.",
    "Hi Joel, Sara at Gatekeeper Parking. A replacement controller costs $1,150 installed, and "
    "the university's facility manager is a reference if you want one. 555-0104.",
])
def test_reasons_the_reader_must_still_see(text: str) -> None:
    assert "no_reason" not in codes(text)


def test_a_plea_already_flagged_desperate_is_not_counted_again_as_the_reps_wish() -> None:
    text = ("Hi Mr. Clarke, Please, I'm asking for just one chance to show you what we can do. "
            "I know we could be a great fit. I won't give up! Josh Tate, Tate Staffing, 555-0186")
    # A plea is also no substance: the message is only a name and a number (round 11's rule).
    assert codes(text, channel="email") == ["only_name_number", "no_reason", "desperate"]


# --- repeats that slipped -----------------------------------------------------------------------

def test_a_share_said_as_a_ratio_is_a_percentage() -> None:
    assert stated_numbers("seven parts in a hundred") == stated_numbers("seven percent")
    assert stated_numbers("around seven in ten of your crew") == stated_numbers("70% of the crew")


@pytest.mark.parametrize(("text", "earlier"), [
    # A capital that starts the sentence past the greeting is no new name.
    ("Hi Gustavo, Forty lead-acid trucks on two shifts means a lot of battery swaps. A center "
     "in Tracy moved to lithium and the change-outs disappeared. Best, Mei Lin, 555-0196",
     "Hi Gustavo, your center runs about 40 lead-acid forklifts on two shifts. When a center in "
     "Tracy moved to lithium, the battery change-outs between shifts disappeared. 555-0196"),
    # A name the earlier message had at a sentence's start, and the rep's surname added.
    ("Hey Olu, Farah Aziz at Tandem HR. Heads up that North Carolina wants its own withholding "
     "registration and unemployment account. We can take care of both for $180 monthly.",
     "Hi Olu, Farah at Tandem HR. North Carolina requires a separate withholding registration "
     "and state unemployment account. We handle both for $180 monthly."),
    # The same facts, as a ratio.
    ("Hi Rick, Paloma at Surco. Your job postings suggest around seven in ten of your field crew "
     "are native Spanish speakers. We produce that training in Spanish. 555-0102",
     "Hi Rick, Paloma at Surco. About 70% of your field crew speaks Spanish, going by your job "
     "ads. We record the training in Spanish. 555-0102"),
])
def test_a_repeat_with_no_new_fact_is_one_whatever_its_capitals(text: str, earlier: str) -> None:
    assert "repeated" in codes(text, earlier=(earlier,))


def test_a_new_name_still_makes_a_follow_up() -> None:
    earlier = ("Hi Olu, Farah at Tandem HR. North Carolina requires a separate withholding "
               "registration. We handle it for $180 monthly.")
    text = ("Hi Olu, Farah at Tandem HR. Heads up that South Carolina requires a separate "
            "withholding registration too. We handle it for $180 monthly.")
    assert not content_repeat(text, earlier)[0]
    assert "repeated" not in codes(text, earlier=(earlier,))
