"""Round 11: the written labelling rule and the classes the blind m… set found, in other words.

The rule (bench/README.md, "Labelling rules"): a name and a number with a request to call back
or to meet is ``only_name_number`` however the request is put – a plea, a reproach, a
contentless follow-up, an ask for time – and anything more (a topic, a thing sent, an offer, a
claim) lifts it out. Every case here was written for this round, none copied from the corpus;
the near misses are good sentences or messages with substance that must keep their verdict.
"""

from __future__ import annotations

import pytest

from referrals.outreach.asks import beyond_the_request
from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [f.code for f in check_message(text, channel=channel, earlier=earlier)]


# --- a request however put is only a name and a number ------------------------------------------

@pytest.mark.parametrize(("text", "channel", "also"), [
    # A plea.
    ("Hi Corinna, Dev from Larkspur Uniforms. Honestly, I'd be so thankful for a call, it would "
     "mean the world to me. 555-0461.", "voicemail", "desperate"),
    # A reproach: attempts counted.
    ("Hi Rafael, it's Wren at Tallgrass Fencing. This is the fifth time I've tried you this "
     "month. Ring me on 555-0472.", "voicemail", "blames"),
    # A contentless follow-up, in an e-mail with no number: a reply reaches the rep.
    ("Subject: Circling back Hi Odile, just circling back on my earlier note in case it got "
     "buried. Would love to hear your thoughts. Thanks, Piet", "email", "desperate"),
    # The rep's need.
    ("Hi Mags, Toby at Quayside Couriers. I'm two accounts short of my target this month, so "
     "anything you could send my way would help me out. 555-0488.", "voicemail", "desperate"),
])
def test_a_plea_a_reproach_or_an_empty_follow_up_is_only_a_name_and_a_number(
        text: str, channel: str, also: str) -> None:
    got = codes(text, channel)
    assert got[:2] == ["only_name_number", "no_reason"] and also in got


@pytest.mark.parametrize("text", [
    "Subject: 20 minutes? Hi Lotte, could we find twenty minutes next week for a chat? Let me "
    "know what suits. Best, Jonas",
    "Hi Ruth, Ade from Copperfield Telecom. I'd love to learn a bit about your company and see "
    "if there's a fit. Are you free Wednesday? 555-0419.",
])
def test_an_ask_for_time_is_only_a_name_and_a_number(text: str) -> None:
    assert codes(text, "email")[:2] == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    # A topic, one word of it.
    "Hi Rafael, it's Wren at Tallgrass Fencing. I've tried you five times about the perimeter "
    "fencing. Ring me on 555-0472.",
    # A thing sent.
    "Hi Odile, Piet at Harbourline. Just checking in to see whether the quote I sent reached "
    "you. 555-0433.",
    # An offer.
    "Hi Mags, Toby at Quayside Couriers. This week only, same-day runs are half price for new "
    "accounts. 555-0488.",
    # A claim, even an empty one.
    "Hi Ruth, Ade from Copperfield Telecom. We can save you money. Please call me back on "
    "555-0419.",
    # The product, and what the listener needs.
    "Hi Lotte, Jonas at Brightwater. Checking in about your forklift servicing. 555-0421.",
])
def test_anything_more_than_the_request_lifts_it_out(text: str) -> None:
    assert "only_name_number" not in codes(text)


def test_the_request_words_leave_a_topic_standing() -> None:
    assert beyond_the_request("I know you're busy but please just five minutes".split()) == []
    assert beyond_the_request("touching base on the boiler contract".split()) == [
        "boiler", "contract"]


# --- false alarms: an offer, news heard, someone who knows them, a fee waived ---------------------

@pytest.mark.parametrize("text", [
    # An offer of a job is no part of the company's story.
    "Hi Nadia, Sol from Keystone Pest Control. Your bakery's inspection notice came out on "
    "Monday and it names the loading bay. Our night crew treats exactly that. We could do it on "
    "Sunday, ahead of the re-check. Shall I pencil it in? 555-0410.",
    # News heard of a company by name.
    "Hi Viktor, Ines at Northway Freight. I heard Kessler Dairy has just signed for a depot in "
    "Tulsa. We run three trucks a week out of Tulsa that come home empty. 555-0416.",
    # A person who knows them.
    "Subject: Dana Ruiz will ring you Hi Gemma, I spoke with Dana Ruiz at Alder Foods. She "
    "knows you from the growers' co-op and will call you on Monday about our cold store. "
    "Best, Oskar",
    # A fee waived by name.
    "Hi Hamid, Lou at Ridgeline Roofing. We're re-roofing the unit beside yours on Mill Lane "
    "next week with a lift on site. If you'd like your gutters checked while it's there, "
    "there's no call-out fee. 555-0425.",
    # An apology that opens news.
    "Subject: your sign Hi Maeve, I'm sorry to bother you, but I noticed on Sunday that the "
    "top bracket of your shop sign has worked loose. Here's a photo. Best, Rhys 555-0430",
])
def test_good_messages_stay_unflagged(text: str) -> None:
    assert codes(text, "email") == []


@pytest.mark.parametrize("text", [
    # The company's story stays the company's story, offers beside it or not.
    "Hi Ali, Greta from Summit Glass. We were founded in 1964. We now run four plants and 300 "
    "staff. We can quote your windows whenever you like. 555-0440.",
    # "I'm sorry to bother you again" is still a plea.
    "Hi Tess, Ron at Apex. I'm sorry to bother you again. Please call me at 555-0441.",
])
def test_near_misses_keep_their_flags(text: str) -> None:
    got = codes(text)
    assert "about_me" in got or "desperate" in got


# --- recall: silence joked about, bare follow-ups, benefits for anyone --------------------------

@pytest.mark.parametrize("text", [
    "Hi Gus, Marta at Fenwick Print. Just checking you're still alive over there! The proofs "
    "for your menus are ready. 555-0450.",
    "Hi Lena, Cole at Bayside HVAC. A conversation goes both ways, you know. Your service "
    "contract renews on the 9th. 555-0451.",
    "Hi Rob, Yusuf at Linwood Staffing, fingers crossed this is the one that gets through. "
    "555-0452.",
])
def test_silence_made_a_joke_of_is_blame(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Bea, I'm sorry to hear the shop flooded; it went both ways on the high street, I'm "
    "told, and both cafes reopened within the week. 555-0453.",
    "Hi Jon, the new bridge means traffic goes both ways past your yard from June. 555-0454.",
])
def test_both_ways_of_a_thing_is_no_blame(text: str) -> None:
    assert "blames" not in codes(text)


def test_a_bare_follow_up_with_nothing_else_is_needy() -> None:
    got = codes("Hello, this is Priya Nair with Coastline Payroll, following up. Please call me "
                "at 555-0455. Thanks.")
    assert "desperate" in got


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Our menus bring in more diners and get you more customers.", "get you more customers"),
    ("We can help you save on heating costs this winter.", "save on heating costs"),
    ("Wind power can lift your farm's bottom line.", "your farm's bottom line"),
    ("We offer a superior finish at a better price.", "superior finish"),
])
def test_a_benefit_for_anyone_is_an_empty_claim(text: str, excerpt: str) -> None:
    flag = next(f for f in check_message(f"Hi Sam, Ola at Brightline. {text} 555-0460.")
                if f.code == "empty_claim")
    assert flag.excerpt == excerpt


@pytest.mark.parametrize("text", [
    "Last winter Corran Mill saved on heating costs by 18% after we insulated the dryers.",
    "Your new sign brought in more customers after the Harbour Street relaunch, you told me.",
])
def test_a_benefit_with_its_proof_is_no_empty_claim(text: str) -> None:
    assert "empty_claim" not in codes(f"Hi Sam, Ola at Brightline. {text} 555-0460.")
