"""Round 9: the classes the blind g… set found, in the g… author's words and in other words.

Each class is pinned by a sentence like the g… set's and by variants written for this round
(a sixth author's wording of the same idea), with good sentences written to collide with it.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message, read_sentences
from referrals.outreach.repeats import new_facts, stated_numbers


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [f.code for f in check_message(text, channel=channel, earlier=earlier)]


# --- a fact about the listener's business, told in plain words, is a reason ---------------------

@pytest.mark.parametrize("text", [
    # The g… author's words.
    "Hi Pete, Rosa with Summit Scaffolding. Saw your firm won the Bridgeport school job, nice "
    "work. Our yard's eight minutes from that site, so we can deliver same-day instead of "
    "next-day. 555-0137.",
    "Hello Mr. Chukwu, Adaeze at Lagos Freight. Your cocoa shipments to Antwerp leave every "
    "week, and we have space on the Wednesday vessel. 555-0415.",
    # Other words for the same idea.
    "Hi Marta, Joe at Coastline Freight. Your wine shipments to Rotterdam go out every "
    "Thursday, and we have two reefer slots open on that sailing. 555-0101.",
    "Hi Paul, Dee at Northside Scaffold. I noticed your crew started on the Elm Street library "
    "last week. Our yard is ten minutes from it. 555-0102.",
    "Hi Tom, Ana at Vista Couriers. You sell next-day in your web shop; we can do same-day in "
    "town. 555-0104.",
    "Hi Ray, it's Lou from Delta Print. You run the spring catalogue through a printer in "
    "Ohio. 555-0109.",
    # A third party acting on their things.
    "Hi Lee, Sam at Orchard Ag. The county's new runoff rule puts your east fields inside the "
    "buffer from June. 555-0105.",
    # A clause after the rep's own: "..., and your lab uses the same analyser".
    "Hi Kim, Bo from Harbor Lab Supply. We supply the clinic in Tacoma, and your lab runs the "
    "same analyser. 555-0106.",
    # Their things routed through a place the rep names.
    "Hi Nina, Carl at Ridge Logistics. Your pallets to Denver could ride on our Friday truck. "
    "555-0107.",
    # What they asked for.
    "Hi Jo, Pat at Lumen Software, returning your call about the scheduling module. 555-0108.",
])
def test_a_fact_about_their_business_is_a_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Sue, Max at Prime Payroll. Your business deserves a payroll partner that cares. "
    "555-0201.",
    "Hi Sue, Max at Prime Payroll. Your team could really benefit from working with us. "
    "555-0202.",
    "Hi Sue, Max at Prime Payroll. I know your time is valuable, so call me at 555-0203.",
    "Hi Sue, Max at Prime Payroll. Your company probably pays too much for payroll. 555-0204.",
    "Hi Sue, Max at Prime Payroll. If your team is growing, we can help. 555-0205.",
    "Hi Sue, Max at Prime Payroll. You work hard, and you deserve a break. 555-0207.",
    "Hi Sue, Max at Prime Payroll. Your staff is going to love our app. 555-0208.",
    "Hi Sue, Max at Prime Payroll. Your success matters to us. 555-0210.",
    "Hi Sue, Max at Prime Payroll. Your payroll could run on our platform in no time. 555-0211.",
    "Hi Sue, Max at Prime Payroll. You received my brochure last week. 555-0212.",
    "Hi Sue, Max at Prime Payroll, returning your call. 555-0206.",
])
def test_near_a_fact_about_them_but_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


def test_a_fact_told_beside_an_empty_claim_is_still_a_reason() -> None:
    got = codes("Hi Declan, Aoife at Shannon Logistics. Your Limerick depot's lease ends in "
                "October, I read in the Leader, and we're the most trusted name in warehousing in "
                "Munster. 555-0506.")
    assert "empty_claim" in got and "no_reason" not in got


def test_a_fact_about_them_proves_no_claim_of_the_reps() -> None:
    got = codes("Hi Mr. Adler, Jill from Keystone Freight. Your Reno warehouse ships about forty "
                "trucks a week to California, and as the leading carrier in the West we'll "
                "streamline the whole operation for you. 555-0502.")
    assert got == ["empty_claim"]


def test_a_may_month_is_no_hedge() -> None:
    read = read_sentences("Hi Mr. Brandt, Kasia from Polmet. I read your company opens a new "
                          "line in Gliwice in May. 555-0147.")
    assert "fact" in read[1].reasons


# --- the g… false alarms, as classes --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    # Promising brevity is a courtesy, not the rep's story.
    "Hi Dr. Quinn, Maya at Pinewood Lab Supply. I'll keep it short. Your pathology lab's pipette "
    "tips are on back-order across the country until March. I have forty cases in our Reno "
    "warehouse, same part number. 555-0906.",
    # An apology for one's English, and a price beaten against a named rival.
    "Hi Oleksandr, Ivan from Baltic Freight. My English is not perfect, sorry. Your company ships "
    "to Gdansk every week. Our rate on this route is twelve percent lower than Maersk. Please "
    "call me, 555-0176.",
    # Times offered for the meeting they asked about.
    "Hi Siobhan, Arjun from Tidewater Software. Returning your call from this morning about the "
    "tracking demo. I've got Thursday at two or Friday at ten. Either works, just call 555-0127 "
    "or reply to my e-mail.",
    # A job timed is no check-in.
    "Hi Jack, Mel from Southside Insurance. Your yard was in the paper after the flood on Friday. "
    "Your flood excess may be waivable; I can check in ten minutes. 555-0914.",
    # Their own fiscal year, someone else's fact reminded, a landlord's signing deadline.
    "Hi Jake, Tanya at Corebridge. Your fiscal year closes in six weeks, and the R&D credit for "
    "manufacturers changed this year; for Velez Machine it was twenty-two thousand. 555-0196.",
    "Hello Mr. Kruger, Elsa at Cape Cold Storage. Just a reminder that Fresh Farms in your area "
    "lost nothing in the last power cut, and your centre had two outages this year. 555-0708.",
    "Hi Amir, Steph at Halsted Realty. The landlord has agreed to two months rent-free if the "
    "lease is signed by the 30th; that works out to $5.60 a foot in year one. 555-0190.",
    # Stock at a price said in words is an offer.
    "Hi Ms. Moreno, Ivan at Adriatic Freight. We have secured twelve rail slots a week from "
    "Koper to Hamburg, at nineteen hundred euros a container. 555-0807.",
])
def test_good_messages_the_g_set_found_alarms_in(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(("text", "code"), [
    # "Through the end of the year" is how long the slots run, not a push.
    ("Hi Ms. Moreno, Ivan at Adriatic Freight. The Koper strike moved rail slots out ten days. "
     "We have secured twelve slots a week from Koper to Hamburg through the end of the year. "
     "555-0807.", "desperate"),
    # "Worth a call back" after news recommends the call.
    ("Hi Brian, Tess from Clearpath. The head chef you liked is free from June. Worth a call "
     "back today. 555-0165.", "blames"),
])
def test_the_narrowed_families_spare(text: str, code: str) -> None:
    assert code not in codes(text)


@pytest.mark.parametrize(("text", "code"), [
    ("Hi Sue, Max at Prime Payroll. Just a reminder that I'm still here for you. 555-0213.",
     "desperate"),
    ("Hi Sue, Max at Prime Payroll. Our fiscal year closes in six weeks, so I can do a deal. "
     "555-0214.", "desperate"),
    ("Hi Sue, Max at Prime Payroll. Just checking in. 555-0215.", "desperate"),
    ("Hi Sue, Max at Prime Payroll. Your payroll would be easier with us; this is worth a "
     "two-minute reply. 555-0216.", "blames"),
])
def test_near_the_narrowed_families_still_flagged(text: str, code: str) -> None:
    assert code in codes(text)


# --- recall: the classes the g… set missed --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hi Joe, Kyle Benton with Farmstead Equipment Finance. Hope the week's going well. When you "
    "get a chance, give me a ring on 555-0211. Thanks, Joe.",
    "Hey Sandra, it's Jess at Brightpath HR, hope you had a great weekend! My number's 555-0216. "
    "Talk to you soon.",
    "Hey there, this is Amber from Quickstep Staffing calling for the hiring manager. Please call "
    "Amber back at 555-0223. Have an awesome day!",
    "Hello Rosa, Luis Mendez with Valley Irrigation. Nice to meet you, well, sort of! Call me "
    "back at 555-0225.",
    "Hi Mr. Nakamura, Ken Osborne, Pacific Systems. I'll try you again, but in the meantime my "
    "number is 555-0224. Thanks.",
    # Other words.
    "Hi Dana, Lee from Acme Linen. Hope you enjoyed the long weekend. Great to e-meet you! "
    "Reach me on 555-0230.",
])
def test_only_a_name_and_a_number_with_new_courtesies(text: str) -> None:
    assert codes(text)[:2] == ["only_name_number", "no_reason"]


def test_lets_find_a_time_is_an_ask_for_time_and_no_more() -> None:
    # Round 9 read "Let's" as more than a name; round 11's rule reads an ask for time as the
    # request to meet, so the message is only a name and a number – but "Let's" is no name.
    got = codes("Hi Ken, Rita at Crossroads Print. Hope your week's going well! Let's find a time "
                "to connect soon. 555 646 7979.")
    assert got == ["only_name_number", "no_reason"]
    got = codes("Hi Ken, Rita at Crossroads Print. Let's find a time to go over your label "
                "printing. 555 646 7979.")
    assert "no_reason" in got and "only_name_number" not in got


@pytest.mark.parametrize(("text", "excerpt"), [
    ("We're the best in Scotland at what we do.", "best"),
    ("Harmony is the highest-rated agency in Orange County.", "highest-rated"),
    ("We have very modern trucks, the best in Czech Republic.", "best"),
    ("We are the undisputed leader in cross-border strategy.", "undisputed leader"),
    ("We're the top growth agency in the state.", "top"),
    ("Our platform really is the most powerful on the market.", "most powerful"),
    ("We help businesses like yours achieve exceptional growth.", "exceptional growth"),
    # Other words.
    ("Frankly, we're simply the foremost installer in the Midlands.", "foremost"),
    ("Our lab is the top-rated lab for crowns in the county.", "top-rated"),
])
def test_the_reps_rank_against_nobody_is_an_empty_claim(text: str, excerpt: str) -> None:
    found = [f for f in check_message(f"Hi Ann, Bo at Acme. {text} 555-0142.")
             if f.code == "empty_claim"]
    # The rank is quoted back, on its own or with the field it is claimed in ("the most
    # powerful on the market").
    assert found and excerpt in found[0].excerpt


@pytest.mark.parametrize("text", [
    "Friday is the best day for a call.",
    "Our Reno depot is the closest one to your site.",
    "It's the most common question in the trade.",
    "You were named the top employer in Ohio by the Business Journal.",
    "The Harbor View cut check-in to four minutes; their GM is the best person to ask.",
])
def test_near_a_rank_but_no_claim(text: str) -> None:
    assert "empty_claim" not in codes(f"Hi Ann, Bo at Acme. {text} 555-0142.")


@pytest.mark.parametrize("text", [
    "Hi Martin, I'm sure you get a lot of e-mails and probably deleted my last two, but your "
    "Bristol depot handles 3,000 parcels a day. 555-0101.",
    "Hi Anton, Since I didn't get a reply, I'm resending: your CAD licences renew in April. "
    "555-0102.",
    "Hi Natalie, My voicemails don't seem to be getting through to you, so here goes: your three "
    "offices buy toner separately. 555-0103.",
    "Hi Dr. Novak, Elise from Dentech. I know I keep calling, sorry. The milling machine you "
    "asked about is twenty percent off. 555-0104.",
    "Hi Angela, Tim from Harvest Credit. I'd hate to keep bugging you, but your equipment loan "
    "resets in March at two points higher. 555-0105.",
    # Other words.
    "Hi Jo, our e-mails may not be reaching you, so: your lease ends in June. 555-0106.",
    "Hi Jo, sorry to keep chasing, but your permit expires on the 9th. 555-0107.",
])
def test_blame_as_failing_notes_or_pestering(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Jo, our trucks keep running through the winter, and your permit expires on the 9th. "
    "555-0108.",
    "Hi Jo, I keep a spare pump in the van, and your pump is the same model. 555-0109.",
    "Hi Jo, the county says the first notices didn't get through to owners; your permit "
    "expires on the 9th. 555-0110.",
])
def test_near_the_new_blame_families_but_none(text: str) -> None:
    assert "blames" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Pradeep, Kavya from Deccan Logistics. We started in Hyderabad in 2008. We now have forty "
    "warehouses. We are opening in Nagpur next month. Your pharma company ships from Nagpur. "
    "555-0628.",
    "Hi Jess, Tom at Northfold. We've just opened in Manchester. Our CEO, Dame Helen Shaw, cut "
    "the ribbon last week. We're also launching a recycled board line. Since you're only five "
    "miles away, I thought I'd reach out. 555-0629.",
])
def test_the_reps_founding_plans_and_people_are_its_story(text: str) -> None:
    assert "about_me" in codes(text)


def test_a_blame_is_not_counted_again_as_the_reps_story() -> None:
    got = codes("Hi Paula, Glen at Premier Insurance. I've called a few times now with no word "
                "back, but I really think it's worth five minutes of your time. We offer the most "
                "comprehensive coverage in the region at unbeatable prices. 555-0307.")
    assert "blames" in got and "about_me" not in got


# --- repeats --------------------------------------------------------------------------------------

def test_a_price_in_cents_is_the_same_fact_in_dollars() -> None:
    assert stated_numbers("about $0.38 a mile over spot") == stated_numbers("38 cents a mile")
    assert not new_facts("You pay roughly 38 cents a mile above spot on Houston-Dallas.",
                         "Your carriers charge about $0.38 a mile over spot on Houston-Dallas.")


def test_a_business_function_is_no_new_name() -> None:
    assert not new_facts(
        "Two Killarney hotels each saved around 4,000 by sharing a trainer. Shall I put you in "
        "touch with their HR manager?",
        "Two Killarney hotels run joint training and each save about 4,000. Would you like an "
        "introduction to their manager?")
