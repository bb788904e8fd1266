"""The message check: bad rep-speak gets the right flag, good messages pass clean.

The tricky cases (good messages once flagged, bad ones once passed) are pinned here; the
rates over the labelled corpus (tests/data/craft_*.jsonl) are measured by
``python -m bench.craft``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.craft import Example, Result, by_set, load, run, set_table, table, verdict
from referrals.outreach.checks import (
    CHANNELS,
    CODES,
    EMAIL_MAX_WORDS,
    REPEAT_MIN_SIMILARITY,
    Flag,
    Length,
    check_message,
    content_repeat,
    read_sentences,
    similarity,
    spoken_length,
    word_count,
)
from referrals.outreach.repeats import stated_numbers
from referrals.outreach.scripts import Reason, compose_voicemail

pytestmark = pytest.mark.graph

DATA = Path(__file__).parent / "data"


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel, earlier=earlier)]


def flag(text: str, code: str, channel: str = "voicemail",
         earlier: tuple[str, ...] = ()) -> Flag:
    (found,) = [f for f in check_message(text, channel=channel, earlier=earlier)
                if f.code == code]
    return found


# --- good messages: no flags at all -----------------------------------------------------------

GOOD_VOICEMAILS = [
    # A customer asked the rep to call: the warmest opener.
    "Hi Dana, this is Rita Rep with Acme Supply. Mike Kincaid at Quality Fabricators asked me "
    "to give you a call, and I promised him I would. I mailed you a short article on cutting "
    "changeover time by a third. Call me at 555 010 2030. Again, 555 010 2030.",
    # An advocate who called ahead, plus a number and something sent by e-mail.
    "Hi Sam, this is Rita with Acme. Jan Ortiz at Ridgeway Tool said she'd mention me after "
    "the chamber breakfast. Her crew cut scrap by 18 percent with a coolant change, and she "
    "thought you'd want to see how. I'll e-mail you the one-page summary today. My number is "
    "555 010 2030.",
    # Same association, and research the prospect cares about.
    "Hi Priya, Rita Rep from Acme Supply. We were both at the Midwest Packaging Association "
    "meeting, and your question about freight costs stayed with me. A state university study "
    "found shared routes saved members about $40,000 a year. A copy is in the mail to you. "
    "I'm at 555 010 2030.",
    # Local economic research.
    "Good afternoon Mr. Lee, this is Rita Rep from Acme Supply. The county's new hiring survey "
    "says shops your size lose one in five new hires within ninety days. Two of our customers "
    "turned that around with a simple buddy system, and I can walk you through it. Call me at "
    "555 010 2030.",
    # A question about their business.
    "Hi Carla, this is Rita with Acme Supply. Quick question about your second shift: are your "
    "operators still losing twenty minutes at every die change? A plant like yours in Dayton "
    "got that down to six. My number is 555 010 2030.",
    # "Following up", but with a new fact: a real reason.
    "Hi Dana, Rita Rep from Acme Supply, following up on the article I mailed last week. One "
    "number in it is worth your time: plants that switched to quick-change fixtures spent far "
    "less on setup labour. You can reach me at 555 010 2030.",
    # A public hook, then research; "haven't heard of" is not a reproach.
    "Hi Mr. Okafor, this is Rita Rep with Acme Supply. Your talk on customer loyalty at the "
    "Rotary lunch stuck with me. If you haven't heard of the reorder research from Ohio State, "
    "it fits your point exactly, and I'll send it over today. Call me at 555 010 2030.",
]

GOOD_EMAILS = [
    # Value first, then a phone appointment at two set times.
    "Dana, three plants in the Tri-County area cut overtime by 12% last quarter by moving "
    "their changeovers to the start of the shift. I wrote up what they did on one page; it is "
    "attached. If it would help to talk it through, would Tuesday at 7:45 or Thursday at 5:45 "
    "work for a 10-minute phone appointment? Either way, the page is yours to keep. "
    "Rita Rep, Acme Supply, 555-010-2030",
    # After unanswered voicemails: switch to e-mail with a referral and an offer.
    "Hi Dana, rather than trade voicemails, I'll keep this short. Mike Kincaid suggested I "
    "reach out because his team halved changeover time with a tooling cart. You'll find the "
    "before-and-after photos in the attached note. Would a 10-minute call on Wednesday at "
    "8:00 or Friday at 4:30 suit you? Best regards, Rita Rep, Acme Supply",
]


@pytest.mark.parametrize("text", GOOD_VOICEMAILS)
def test_good_voicemail_passes(text: str) -> None:
    assert check_message(text) == []
    assert spoken_length(text).level != "too_long"


@pytest.mark.parametrize("text", GOOD_EMAILS)
def test_good_email_passes(text: str) -> None:
    assert check_message(text, channel="email") == []


# --- bad messages: each gets its flag ---------------------------------------------------------

ONLY_NAME_NUMBER = [
    "Hi, this is Rita Rep from Acme, please call me back at 555-010-2030. Thanks.",
    "Hello, my name is Tom Baker with Baker Industrial Supply. My number is 555-0142. "
    "Thank you, bye.",
    "Hey Dana, it's Rita at Acme Supply. Give me a ring when you get a chance, 555 010 2030. "
    "Have a great day!",
    "Good morning Mr. Lee, this is Rita Rep calling from Acme Supply. Please return my call at "
    "(555) 010-2030, extension 12. Thanks so much.",
    "Good morning, Rita Rep here, Acme Supply, 555.010.2030, call me back.",
    "Hi Dana, please call me back. Best regards, Rita Rep, Acme Supply, rita@acmesupply.com",
]


@pytest.mark.parametrize("text", ONLY_NAME_NUMBER)
def test_only_name_number(text: str) -> None:
    assert "only_name_number" in codes(text)


@pytest.mark.parametrize("text", [
    # Well-wishing, when and how to reach the rep, a job title: still only a name and number.
    "Hi Tom, Priya Nair from Eastgate Insurance. Hope your week is going well! Whenever it's "
    "convenient, drop me a line on my mobile, 555-0101. Have a great day.",
    "Good morning Mr. Abara, this is Leon Voss, the new territory manager for your area at "
    "Keller Tools. I'm in the office from nine to four, Monday to Friday, at 555-0188. Thanks.",
    "Dear Ms. Quinn,\n\nI hope this note finds you well. I'm a senior account executive with "
    "Larch Logistics. When you have a moment, please reply to this e-mail or call 555-0170.\n\n"
    "Kind regards,\nOla Brandt",
    "Hello, this message is for Ben Ortiz. Ben, Sara Lund at Pike Bank, calling at about nine on "
    "Thursday. I look forward to hearing from you; my direct line is 555-0149.",
])
def test_courtesies_titles_and_hours_are_still_only_a_name_and_number(text: str) -> None:
    assert codes(text, "email" if text.startswith("Dear") else "voicemail") == [
        "only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    # The hour is formula; the counts and the fifth are the listener's reasons.
    "Hi Tom, Priya from Eastgate. Three bakeries on Elm Street cut their flour waste by a "
    "fifth; I'll drop the figures off at ten on Monday. 555-0101.",
    "Hi Tom, Priya from Eastgate. Your two trucks at the Elm depot are due for inspection. "
    "Call me any time at 555-0101.",
])
def test_an_hour_in_a_message_with_a_reason_is_not_all_formula(text: str) -> None:
    assert codes(text) == []


def test_a_referral_name_is_substance_not_identity() -> None:
    text = "Hi Dana, Mike Kincaid asked me to give you a call. 555 010 2030."
    assert "only_name_number" not in codes(text)


NO_REASON = [
    ("Hi Dana, this is Rita Rep with Acme Supply. I'd like to introduce myself and tell you a "
     "little about what we do. Please call me back at 555 010 2030.",
     "I'd like to introduce myself"),
    ("Hey Sam, Rita from Acme, just checking in to see if you have any needs this quarter. "
     "Give me a call at 555-0142.", "just checking in"),
    ("Hi Carla, Rita Rep here. Just touching base, wanted to see how things are going over "
     "there. Call me back when you can.", "Just touching base"),
    ("Hello Mr. Lee, this is Rita with Acme. I'm following up on my last message and would "
     "love to find a time to talk. My number is 555 010 2030.",
     "following up on my last message"),
    ("Hi Priya, this is Rita with Acme Supply. I wanted to reach out and ask for a few "
     "minutes of your time next week. Thanks!", "I wanted to reach out"),
    ("Hi Dana, Rita with Acme here. I'm calling to see if you have any needs coming up for "
     "packaging. Call me at 555 010 2030.", "see if you have any needs coming up for packaging"),
    ("Dana, we are a family-owned distributor of industrial supplies based in Dayton. Let me "
     "know if you would like a catalogue.", None),
    # Asking for a meeting, or how they are, is not a question about their business.
    ("Hi Sam, Rita from Acme. Do you have 15 minutes on Tuesday for a quick chat? "
     "555-0142.", None),
    ("Hello Mr. Lee, Rita Rep from Acme Supply, how are you doing this week? I'm at "
     "555 010 2030.", None),
    ("Hi Dana, are you there? It's Rita from Acme, checking in. Call me at 555-0142.",
     "checking in"),
]


@pytest.mark.parametrize(("text", "excerpt"), NO_REASON)
def test_no_reason_quotes_the_empty_purpose(text: str, excerpt: str | None) -> None:
    found = flag(text, "no_reason")
    assert found.excerpt == excerpt
    if excerpt:
        assert excerpt in found.message


BLAMES = [
    ("Hi Dana, Rita again. I haven't heard from you, so I'm trying one more time.",
     "haven't heard from you"),
    ("Mr. Lee, you never called me back about the samples.", "you never called"),
    ("Hi Sam, this is my fourth message about the new fixtures.",
     "this is my fourth message"),
    ("Carla, I\u2019ve left you several messages about the freight study.",
     "left you several messages"),
    ("Why haven't you returned my calls? The pricing is only good this week.",
     "Why haven't you"),
    ("As I said in my last two messages, the savings are real.",
     "As I said in my last two messages"),
    ("I'm still waiting to hear back about the article I mailed.", "still waiting to hear"),
    ("I have not heard back from you on the quote.", "have not heard back"),
    ("You didn\u2019t return my call last week, so here is the tip again.",
     "You didn't return"),
    ("Hi Sam, I've called you three times now about the freight study.",
     "called you three times"),
    ("Carla, I take it you're not interested in the savings.",
     "I take it you're not interested"),
]


@pytest.mark.parametrize(("text", "excerpt"), BLAMES)
def test_blames(text: str, excerpt: str) -> None:
    assert flag(text, "blames").excerpt == excerpt


ABOUT_ME = [
    "Hi, this is Rita from Acme. I wanted to tell you about our new line. We've been in "
    "business 30 years and we're the largest distributor in the state. I think our prices are "
    "great. Call me at 555 010 2030.",
    "Hello, it's Tom. I'm excited because we just opened our new warehouse and I'd love to "
    "show it off. My manager asked me to call everyone on my list.",
    "Hi Dana, we won a state award for our service last spring. We're proud of our team "
    "and I'd like to visit.",
    "I'm Rita, I'm new at Acme, and I'm building my territory. I'd love to meet you.",
    # The company for a subject, and the rep's own story.
    "Hi Gina, Carl Hoff with Brightway Electric. Brightway has served the valley since 1990. "
    "Our company is family-owned. 555 701 1111.",
    "Hi Todd, Maria Lopez here. I spent fifteen years at two Fortune 500 companies before "
    "starting my own practice. I'd welcome a chance to introduce my services. 555 701 5555.",
]


@pytest.mark.parametrize("text", ABOUT_ME)
def test_about_me(text: str) -> None:
    assert "about_me" in codes(text)


def test_about_me_counts_sentences_and_quotes_the_first() -> None:
    text = ("Hi Dana, this is Rita with Acme. We've been in business 30 years. We're proud of "
            "our team. Call me at 555 010 2030.")
    found = flag(text, "about_me")
    assert "2 of its sentences are about you" in found.message
    assert "against 0 about the prospect" in found.message
    assert found.excerpt == "We've been in business 30 years."


def test_one_sentence_about_the_rep_is_not_a_monologue() -> None:
    # One sentence about the rep (ABOUT_ME_MIN_SENTENCES is 2) is not "all about me"...
    one = "Hi Dana, Rita from Acme. We've been in business 30 years. Call me at 555 010 2030."
    assert "about_me" not in codes(one)
    # ...two are, unless as many sentences are about the prospect.
    two = one.replace("years.", "years. We're proud of our team.")
    assert "about_me" in codes(two)
    # Two sentences for the prospect balance two about the rep.
    balanced = two.replace("team.", "team. Plants like yours in Dayton cut scrap by 18% "
                                     "with our coolant. I'll mail you their numbers.")
    assert "about_me" not in codes(balanced)


def test_the_greeting_and_the_call_back_ask_are_not_about_the_rep() -> None:
    # Seven first-person words, all in formulas: the old pronoun count called this about me.
    text = ("Hi Dana, I'm Rita, I'm with Acme. My number is 555 0142, call me back. "
            "I mailed you our freight study.")
    assert [s.about for s in read_sentences(text)] == ["formula", "formula", "them"]
    assert codes(text) == []


TOO_LONG_VOICEMAILS = [
    "word " * 76,
    GOOD_VOICEMAILS[0] + " " + GOOD_VOICEMAILS[1],
    " ".join(GOOD_VOICEMAILS),
    "Hi Dana, this is Rita with Acme Supply. " + "We cut scrap at a plant like yours. " * 12,
]


@pytest.mark.parametrize("text", TOO_LONG_VOICEMAILS)
def test_too_long_voicemail(text: str) -> None:
    found = flag(text, "too_long")
    words = word_count(text)
    assert f"({words} words)" in found.message
    assert f"{spoken_length(text).seconds:g} seconds" in found.message
    assert "50 to 75 words" in found.suggestion


@pytest.mark.parametrize("words", [151, 200, 400, 1000])
def test_too_long_email(words: int) -> None:
    found = flag("tip " * words, "too_long", channel="email")
    assert f"{words} words" in found.message


def test_voicemail_boundary_is_75_words() -> None:
    assert "too_long" not in codes("tip " * 75)
    assert "too_long" in codes("tip " * 76)


def test_email_boundary_is_max_words() -> None:
    assert "too_long" not in codes("tip " * EMAIL_MAX_WORDS, channel="email")
    assert "too_long" in codes("tip " * (EMAIL_MAX_WORDS + 1), channel="email")
    # An e-mail is judged in words, not seconds: 100 words is fine in an e-mail only.
    assert "too_long" not in codes("tip " * 100, channel="email")
    assert "too_long" in codes("tip " * 100)


# --- length -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "seconds", "level"),
    [(0, 0.0, "ok"), (50, 20.0, "ok"), (51, 20.4, "warn"), (75, 30.0, "warn"),
     (76, 30.4, "too_long"), (150, 60.0, "too_long")],
)
def test_spoken_length_levels(words: int, seconds: float, level: str) -> None:
    length = spoken_length("word " * words)
    assert (length.words, length.seconds, length.level) == (words, seconds, level)
    assert (length.message is None) == (level == "ok")


def test_spoken_length_messages_say_how_long() -> None:
    assert spoken_length("word " * 60) == Length(
        60, 24.0, "warn",
        "About 24 seconds spoken (60 words): past the 20 seconds a voicemail should take. "
        "Trim it if you can.",
    )
    assert "30-second limit" in spoken_length("word " * 90).message


@pytest.mark.parametrize(
    ("text", "count"),
    [("Call me", 2), ("555-010-2030", 3), ("555-0142", 2), ("(555) 010-2030", 3),
     ("555.010.2030", 3), ("don't", 1), ("don\u2019t", 1), ("e-mail Acme's", 2),
     ("  Hi,\n\tDana!  ", 2), ("-- ... !!", 0), ("3.5", 2)],
)
def test_word_count(text: str, count: int) -> None:
    assert word_count(text) == count


# --- input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("channel", ["sms", "Email", "", "letter"])
def test_unknown_channel_is_refused(channel: str) -> None:
    with pytest.raises(ValueError, match="unknown channel"):
        check_message("Mike Kincaid asked me to call.", channel=channel)


@pytest.mark.parametrize("channel", CHANNELS)
def test_known_channels_are_accepted(channel: str) -> None:
    assert check_message("Mike Kincaid asked me to call you.", channel=channel) == []


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_message_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="empty message"):
        check_message(text)


def test_curly_quotes_are_normalised_in_excerpts() -> None:
    found = flag("I haven\u2019t heard from you about the \u201csavings\u201d idea.", "blames")
    assert found.excerpt == "haven't heard from you"


def test_flags_come_in_the_documented_order() -> None:
    assert CODES == ("only_name_number", "no_reason", "empty_claim", "blames", "desperate",
                     "about_me", "repeated", "too_long")
    text = ("I haven't heard from you, so I'm just checking in. We're the leading provider "
            "in the state. We've been in business 30 years. I'm Rita at Acme, my number is "
            "555-0142. " * 4)
    assert codes(text, earlier=(text,)) == [
        "no_reason", "empty_claim", "blames", "desperate", "about_me", "repeated", "too_long"]
    assert codes("Hi, this is Rita. Call me at 555-0142.") == ["only_name_number", "no_reason"]


def test_every_flag_explains_itself_differently() -> None:
    bad = [ONLY_NAME_NUMBER[0], NO_REASON[0][0], BLAMES[0][0], ABOUT_ME[0], "tip " * 76,
           EMPTY_CLAIMS[0][0], DESPERATE[0][0]]
    flags = {f.code: f for text in bad for f in check_message(text)}
    flags["repeated"] = flag(GOOD_VOICEMAILS[1], "repeated", earlier=(GOOD_VOICEMAILS[1],))
    assert set(flags) == set(CODES)
    assert len({f.message for f in flags.values()}) == len(CODES)
    assert len({f.suggestion for f in flags.values()}) == len(CODES)
    assert all(f.message.startswith("This ") for f in flags.values())


# --- the tricky cases: good messages once flagged, bad ones once passed --------------------------

KINCAID = GOOD_VOICEMAILS[0]


def test_the_kincaid_referral_voicemail_is_not_about_me() -> None:
    # Seven first-person words against two "you"s fooled the pronoun count.
    assert check_message(KINCAID) == []
    assert "me" not in [s.about for s in read_sentences(KINCAID)]


def test_three_websites_and_i_will_e_mail_the_links_is_a_reason() -> None:
    text = ("Hi Sam, this is Rita with Acme. I found three websites with free layout "
            "templates for a shop your size, and I'll e-mail you the links today. Call me at "
            "555 010 2030.")
    assert check_message(text) == []
    # Without the websites and the links it is only a call-me-back.
    assert "no_reason" in codes("Hi Sam, this is Rita with Acme. Call me at 555 010 2030.")


def test_competitors_in_plano_is_a_reason() -> None:
    text = ("Hi Carla, Rita Rep with Acme Supply. Two of your competitors in Plano started "
            "offering same-day quotes, and their customers noticed. Call me at 555 010 2030.")
    assert check_message(text) == []
    read = read_sentences(text)[1]
    assert read.about == "them" and "peer" in read.reasons


def test_the_builders_freight_index_sentence_is_a_reason_about_them() -> None:
    sentence = "Our freight index shows where shippers in your region are paying too much."
    (read,) = read_sentences(sentence)
    assert read.about == "them" and read.reasons
    text = compose_voicemail(
        prospect_name="Priya Shah", rep_name="Rita Rep", rep_company="Acme Freight",
        opener="", reasons=[Reason(sentence)], call_to_action="call_back",
        phone="555 010 2030")
    assert check_message(text) == []


def test_one_deal_short_and_a_discount_for_signing_now_is_desperate() -> None:
    text = ("Hi Pat, Rita from Acme. I'm one deal short of my target \u2013 if you sign this "
            "week I can give you 30 percent off. Call me at 555 010 2030.")
    found = flag(text, "desperate")
    assert found.excerpt == "one deal short"
    assert "desperate" not in codes(text.replace(
        "I'm one deal short of my target \u2013 if you sign this week I can give you 30 "
        "percent off", "Plants like yours cut freight 30 percent with our index"))


def test_a_near_word_for_word_repeat_of_the_last_voicemail_is_flagged() -> None:
    last = ("Hi Carla, Rita Rep with Acme Supply. Two of your competitors in Plano started "
            "offering same-day quotes, and their customers noticed. I can show you how they "
            "do it. 555 010 2030.")
    again = ("Hi Carla, Rita Rep with Acme Supply once more. Two of your competitors in Plano "
             "started offering same-day quotes and their customers noticed. I can show you how "
             "they do it. Call me at 555 010 2030.")
    assert codes(again) == []  # alone it is a good message...
    assert codes(again, earlier=(last,)) == ["repeated"]  # ...but not the same one twice
    assert "your last message" in flag(again, "repeated", earlier=(last,)).message


def test_not_sure_why_you_are_not_returning_my_calls_blames() -> None:
    text = ("Hi Tom, this is Rita at Acme. I'm not sure why you're not returning my calls, "
            "but I have a new study on freight costs in your region. 555 010 2030.")
    assert codes(text) == ["blames"]
    assert flag(text, "blames").excerpt == "not sure why you"


def test_i_was_expecting_to_hear_back_blames() -> None:
    text = ("Hi Dana, Rita again. I was expecting to hear back after I mailed you the "
            "changeover article last week. Call me at 555 010 2030.")
    assert codes(text) == ["blames"]
    assert flag(text, "blames").excerpt == "was expecting to hear back"
    assert codes(text.replace("I was expecting to hear back after I mailed",
                              "I hope you enjoyed")) == []


def test_leading_provider_and_learn_more_about_us_is_about_me() -> None:
    text = ("Hi Mr. Dunn, this is Rita from Acme Supply. We're the leading provider of "
            "industrial fasteners in the Midwest. Visit our website to learn more about us. "
            "555 010 2030.")
    assert codes(text) == ["no_reason", "empty_claim", "about_me"]
    assert [s.about for s in read_sentences(text)] == ["formula", "me", "me", "formula"]


def test_i_can_save_you_money_is_an_empty_claim() -> None:
    text = "Hi Ron, Rita from Acme. I can save you money. Call me at 555 010 2030."
    assert codes(text) == ["no_reason", "empty_claim"]
    assert flag(text, "empty_claim").excerpt == "save you money"
    # With its proof in the same sentence it is a reason, not a claim.
    proved = text.replace("I can save you money.", "I can save you money: Hale Tool in "
                                                    "Dayton cut freight by 11% last year.")
    assert codes(proved) == []


# --- who a sentence is about --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "about"),
    [("I'll e-mail you the links this afternoon.", "them"),
     ("We insure six daycare centres in your county, and all six cut their premium.", "them"),
     ("I mailed you a short article on cutting changeover time by a third.", "them"),
     ("Are your operators still losing twenty minutes at every die change?", "them"),
     ("We've been in business for 30 years and we carry 20,000 products.", "me"),
     ("My father started our company in 1978.", "me"),
     ("I'd love to tell you more about us.", "me"),
     ("I'm excited because we just opened our new warehouse.", "me"),
     ("I'd like to set up some time to learn about your business.", "wish"),
     ("Hi Dana, this is Rita Rep with Acme Supply.", "formula"),
     ("Call me at 555 010 2030.", "formula"),
     ("Best regards, Rita Rep, Acme Supply", "formula")],
)
def test_who_a_sentence_is_about(sentence: str, about: str) -> None:
    (read,) = read_sentences(sentence)
    assert read.about == about


def test_sentences_split_on_stops_but_not_on_titles_or_numbers() -> None:
    text = ("Hello Mr. Lee, Dr. Ramos asked me to call. Her bill fell by $1,200.50 a month! "
            "Call 555.010.2030; thanks.")
    assert [s.text for s in read_sentences(text)] == [
        "Hello Mr. Lee, Dr. Ramos asked me to call.", "Her bill fell by $1,200.50 a month!",
        "Call 555.010.2030;", "thanks."]


# --- empty claims, desperation, more blame ------------------------------------------------------

EMPTY_CLAIMS = [
    ("Hi Mike, Ella from Prime Freight. We offer world-class service at competitive prices. "
     "555 818 6060.", "world-class"),
    ("Hello Mr. Barnes, our best-in-class software can help your company increase efficiency. "
     "555 929 7171.", "best-in-class"),
    ("Hi Sue, we're the number one cleaning company in the region. Call me at 555 131 8282.",
     "number one"),
    ("Hi Mr. Gray, I'm confident we can lower your costs and improve your coverage.",
     "lower your costs"),
]


@pytest.mark.parametrize(("text", "excerpt"), EMPTY_CLAIMS)
def test_empty_claims(text: str, excerpt: str) -> None:
    found = flag(text, "empty_claim")
    assert found.excerpt == excerpt and excerpt in found.message


DESPERATE = [
    ("Hey Sam, Rita from Acme, just checking in to see if you have any needs this quarter. "
     "Give me a call at 555-0142.", "just checking in"),
    ("Hi Carla, Rita Rep here. Just touching base. Call me back when you can.",
     "Just touching base"),
    ("Hi Greg, our quarter closes Friday, so I can knock $50 a month off the lease.",
     "quarter closes"),
    ("Hi Mark, it's Zoe at Bright Telecom. I'm begging you, just five minutes.", "begging"),
    ("Hi Rosa, this deal expires at five today. I need this one to make quota.",
     "expires at"),
    ("Hi Sharon, I hope I'm not bothering you. I'd be so grateful for a reply.",
     "not bothering you"),
]


@pytest.mark.parametrize(("text", "excerpt"), DESPERATE)
def test_desperate(text: str, excerpt: str) -> None:
    assert flag(text, "desperate").excerpt == excerpt


@pytest.mark.parametrize("text", [
    "Cedar prices jump eight percent on the first; I held a truckload at the old price.",
    "Your boat club's policy renews in May, and I can lock in last year's rate through March.",
    # (Not the rep's own season: "August is our busiest month, so booking before June saves
    # you fifteen percent" is a discount for booking by a date, a push by the labelling rules.)
    "The mill raises its prices in June, so ordering before June saves you fifteen percent.",
])
def test_a_deadline_that_is_theirs_is_not_desperate(text: str) -> None:
    assert "desperate" not in codes(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    ("You must be very busy since I haven't been able to reach you.", "You must be very busy"),
    ("I thought I'd have heard from you by now about the samples.",
     "thought I'd have heard from you"),
    ("I know you got my e-mails, so I'm surprised.", "I know you got my"),
    ("Not sure if you're ignoring me or just swamped.", "ignoring me"),
    ("I've written to you three times now without an answer.", "written to you three times"),
])
def test_indirect_blame(text: str, excerpt: str) -> None:
    assert flag(text, "blames").excerpt == excerpt


@pytest.mark.parametrize("text", [
    "I haven't forgotten your question at the trade show about short runs.",
    "I know it's your busy season, so I'll be short: clinics lose 4% of claims to coding.",
    "You asked me in March to check back when the new rates were out; they're out.",
])
def test_warm_words_are_not_blame(text: str) -> None:
    assert "blames" not in codes(text)


# --- families of phrasing: a new way of saying the same flaw -----------------------------------
# Each line says a flaw in words no other test or corpus line uses in that order; the check
# must catch it from the family (a count of attempts, the rep's need, a benefit verb on a
# generic object), not from a listed phrase.

@pytest.mark.parametrize(("text", "excerpt"), [
    ("Third time's the charm, right? Give me a call back.", "Third time's"),
    ("Are you avoiding my calls? I have the lane rates.", "Are you avoiding"),
    ("I've been trying to reach you for weeks.", "been trying to reach you"),
    ("It's been three weeks and still no word.", "It's been three weeks"),
    ("A quick reply to my last four e-mails would be appreciated.", "my last four e-mails"),
    ("I can't seem to get a reply, so here is the rebate form.", "can't seem to get a reply"),
    ("You're a hard man to get hold of!", "You're a hard man to get hold of"),
    ("I've left you message after message.", "left you message after message"),
    ("I guess my messages aren't a priority for you.", "I guess my"),
    ("Still nothing from your end, so I'll try e-mail.", "Still nothing from your end"),
    ("Your team never got back to me about the backup test.", "never got back to me"),
    ("This is attempt number five to get hold of you.", "attempt number five"),
    ("I've messaged you several times now about the rebate.", "messaged you several times"),
])
def test_blame_families(text: str, excerpt: str) -> None:
    assert flag(text, "blames").excerpt == excerpt


@pytest.mark.parametrize(("text", "excerpt"), [
    ("It's the last week of our fiscal year, so I can give you an extra five percent if we "
     "close by Friday.", "last week of our fiscal"),
    ("Any chance you'd reconsider? I'm really counting on this one.", "Any chance you'd"),
    ("Just giving this a little nudge. Hope all is well!", "nudge"),
    ("I'm a few deals behind this quarter and would love your help.", "deals behind"),
    ("If you can get me a signature by Thursday, I'll knock 15 percent off the install.",
     "signature by Thursday"),
    ("Please, I'm asking for just ten minutes.", "Please,"),
    ("Just a gentle reminder about my previous e-mail.", "gentle reminder"),
    ("I'm having a tough quarter and your business would make a difference for me.",
     "tough quarter"),
    ("I'd do anything to get your business, honestly.", "do anything"),
])
def test_desperate_families(text: str, excerpt: str) -> None:
    assert flag(text, "desperate").excerpt == excerpt


def test_an_empty_follow_up_is_desperate_but_one_with_news_is_not() -> None:
    empty = ("Hi Tina, it's Greg at Metro Movers, wanted to follow up on my voicemail from last "
             "week. Call me back when you can. 555 830 0008.")
    # Since round 11's rule, a contentless follow-up is also only a name and a number.
    assert codes(empty) == ["only_name_number", "no_reason", "desperate"]
    assert flag(empty, "desperate").excerpt == "follow up on my voicemail"
    news = ("Hi Anne, following up on my note: I've attached the moisture test results for the "
            "three decking boards you asked about. Leo Shaw, Deckworks")
    assert codes(news, channel="email") == []


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Imagine saving money while growing your business.", "saving money"),
    ("Nobody cleans better than we do.", "Nobody cleans better"),
    ("Our prices can't be beat.", "can't be beat"),
    ("I can get you better coverage for less.", "better coverage for less"),
    ("We're the leading HR outsourcing provider for small businesses.", "the leading"),
    ("We'll help you slash your energy bills.", "slash your energy bills"),
    ("Our quality speaks for itself.", "speaks for itself"),
    ("Our software boosts team efficiency.", "boosts team efficiency"),
    ("We offer superior protection at an affordable price.", "superior protection"),
    ("We're the top provider of payroll in Ohio.", "top provider"),
])
def test_empty_claim_families(text: str, excerpt: str) -> None:
    assert flag(text, "empty_claim").excerpt == excerpt


@pytest.mark.parametrize(("text", "excerpt"), [
    # Made simple, made better, for anyone: a benefit with nobody and nothing named.
    ("We make bookkeeping effortless for busy owners.", "make bookkeeping effortless"),
    ("We make IT painless for small firms.", "make IT painless"),
    ("Our routing will make your deliveries more efficient.",
     "make your deliveries more efficient"),
    ("We help clinics like yours thrive.", "help clinics like yours thrive"),
    ("Every print job we do exceeds customer expectations.", "exceeds customer expectations"),
    ("Our app empowers your staff.", "empowers your staff"),
    ("We give the best after-sales service in the county.", "the best after-sales service in"),
    ("Our crew is dedicated to your success.", "dedicated to your success"),
    # The rep's own size proves nothing: "40,000-square-foot" is not a result.
    ("Our 40,000-square-foot plant turns out world-class cabinets.", "world-class"),
])
def test_empty_claim_families_round_5(text: str, excerpt: str) -> None:
    assert flag(text, "empty_claim").excerpt == excerpt


@pytest.mark.parametrize("text", [
    # A list the rep was on, a customer's numbers: facts, not claims.
    "We were on the Courier's list of fastest-growing firms last year. Hale Tool cut scrap 9% "
    "with us.",
    # Make it easy: a courtesy, not a pitch.
    "To make it easy, I've put two times in the calendar invite: Monday at 8 or Friday at 4.",
])
def test_facts_and_courtesies_are_not_empty_claims(text: str) -> None:
    assert "empty_claim" not in codes(text)


@pytest.mark.parametrize(("text", "excerpt"), [
    # Patience worn thin, a reply owed, silence at the end of a sentence.
    ("I don't mind following up, but the rebate closes soon.", "I don't mind following up"),
    ("You'd think 20% off your freight would be worth a quick reply.",
     "worth a quick reply"),
    ("I'd have thought the survey results deserved a look.", "I'd have thought"),
    ("I called twice in May and haven't heard anything.", "haven't heard anything"),
    ("The plans are ready, but it's been six weeks.", "but it's been six weeks"),
])
def test_blame_families_round_5(text: str, excerpt: str) -> None:
    assert flag(text, "blames").excerpt == excerpt


@pytest.mark.parametrize(("text", "excerpt"), [
    # Did you see it, my boss, send business my way, a rate that runs out, the fear of missing.
    ("Just making sure you saw my note about the boiler.", "making sure you saw my"),
    ("I wanted to be sure my last e-mail reached you.", "be sure my last e-mail reached"),
    ("My manager's been on me about new accounts this month.", "My manager's been on me"),
    ("If you could send a little business my way I'd be grateful.",
     "send a little business my way"),
    ("Our special rates for first-time clients end Friday.", "special rates"),
    ("I'd hate for you to miss out.", "hate for you to miss out"),
])
def test_desperate_families_round_5(text: str, excerpt: str) -> None:
    assert flag(text, "desperate").excerpt == excerpt


@pytest.mark.parametrize("text", [
    # A passive "signed by", setting something up, a maker's or the law's deadline, another
    # time to meet: none is the rep's pressure or a reproach.
    "Contracts signed by staff under 18 need a parent's signature under the new state rule; "
    "I've attached the one-page summary.",
    "Setting it up takes an afternoon; Hale Tool's crew did it on a Friday.",
    "The manufacturer replaces the faulty valves free until the end of the month, and I can "
    "check your serial numbers on Monday.",
    "I have two slots for a ten-minute call: Tuesday at 8 or Thursday at 5. Or suggest "
    "another time.",
])
def test_deadlines_and_set_ups_that_are_not_pressure(text: str) -> None:
    assert not {"desperate", "blames"} & set(codes(text))


@pytest.mark.parametrize("text", [
    # The same words as the new families, saying something else: their deadline, a courtesy,
    # a law that empowers, a wait that is the weather's.
    "To make sure you get the rebate, the form must reach the utility by the 30th; I've "
    "attached it.",
    "I'd hate for you to miss the June 30 filing deadline, so I've attached the form.",
    "I don't mind calling after six if that suits you better; the survey is attached.",
    "The new law empowers tenants to ask for repairs; I've attached a one-page summary.",
    "The seams were sealed in May, but it's been three weeks of dry weather, so the coating "
    "has cured; I'll send the photos.",
])
def test_the_new_families_leave_good_sentences_alone(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize("text", [
    # The company's own growth and history, in verbs the check was never given as phrases.
    "Hi Ivy, Clara from Summit Bakery Supply. We've just moved into a brand-new warehouse, and "
    "we've doubled our staff. We're really proud of how far we've come. 555 730 2051.",
    "Hello Ms. Long, it's Tara Simms with Simms Design. I recently moved back to the area after "
    "ten years in New York. I'm building up my local client base. 555 730 2043.",
    "Hi Sean, let me tell you a bit about us. Greenway was set up in 2009 by two brothers. "
    "Since then we've grown to six depots and eighty staff. Kind regards, Lisa Greenway",
    "Hi Vince, Pat at Summit Movers. We just added six new trucks to our fleet. We're also "
    "hiring, which is exciting. 555 850 0008.",
])
def test_about_me_families(text: str) -> None:
    assert {"about_me", "no_reason"} <= set(codes(text, channel="email"))


@pytest.mark.parametrize("text", [
    # The rep's pitch material, vague ideas and a meeting ask are not reasons.
    "Hi Arnold, this is Joy with Bright Cleaning, I'd like to stop by and drop off a brochure. "
    "555 860 0006.",
    "Hello Maria, I'd like to set up a brief call to learn more about your business and share "
    "some ideas. What does your schedule look like? Regards, Ethan Moore",
    "Hi Marek, I wanted to connect and learn a bit about your priorities for next year. Do you "
    "have 20 minutes? Thanks, Ana Ruiz",
    "Hi Lorraine, Sam at Crest Insurance, circling back on the quote. 555 730 2066.",
])
def test_no_reason_families(text: str) -> None:
    assert "no_reason" in codes(text, channel="email")


@pytest.mark.parametrize("text", [
    # "Law" in "a law firm" is no new law; asking for 20 minutes is no question about them.
    "Hi Ada, Tom from Ledgerly. Running a law firm is a juggling act. Do you have 20 minutes "
    "sometime next week? 555-0110.",
    # Their own clinic is not a peer; thanks for their time is no referral.
    "Dear Dr. Moss, thank you for taking the time to read this. I'd welcome the chance to "
    "discuss your clinic's staffing needs and see where we might help. Regards, Pia Holm",
    # Half an hour is a meeting's length, not a number about them.
    "Hi Ada, Tom from Ledgerly. I work with plenty of firms in town. Could you spare half an "
    "hour on Friday? Best, Tom",
    # The listener glad to share is no third party glad to talk to them.
    "Hi Ada, Tom from Ledgerly. If you are happy to share last year's bills, I'd love to "
    "talk. Best, Tom",
    # Background on the rep is the rep's story, not something they would want.
    "Hi Raj, before we meet I thought you'd like a little background on me: twelve years in "
    "freight, the last four at Corvo Logistics. Talk soon, Eva Lind",
])
def test_no_reason_families_round_5(text: str) -> None:
    assert "no_reason" in codes(text, channel="email")


@pytest.mark.parametrize("text", [
    # A job done for a named customer, told with "for"; and the customer glad to talk.
    "Hi Ian, Sue at Harbor Bank. We financed the new kitchen for Rosa's Cantina at a fixed rate "
    "through construction. I'm at 555-0177.",
    "Hi Ian, Sue at Harbor Bank. Rosa at the Cantina is glad to tell you how the kitchen loan "
    "went. I'm at 555-0177.",
    # What a peer's manager says about it.
    "Hi Ian, Sue at Harbor Bank. The Cantina's manager says the new fryers were the smartest "
    "thing she did this year. I'm at 555-0177.",
    # Our people ready to start, our rate, our price against a rival's, our offer to share.
    "Hi Ian, Sue at Linkstaff. We have four trained forklift drivers who could start Monday. "
    "I'm at 555-0177.",
    "Hi Ian, Sue at Harbor Bank. Our business money market is paying 4.1% this month. "
    "I'm at 555-0177.",
    "Hi Ian, Sue at Crate Co. Our pallets run 12% under what the big distributor charges. "
    "I'm at 555-0177.",
    "Hi Ian, Sue at Crate Co. I'm happy to share the plans we drew for the bakery on Elm "
    "Street. I'm at 555-0177.",
    # What the rep saw on their premises.
    "Hi Ian, Sue at Crate Co. I noticed a cracked downspout on your loading dock when I "
    "delivered next door. I'm at 555-0177.",
])
def test_concrete_reasons_told_in_the_first_person_pass(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize("text", [
    # Moving, hiring and a track record, with two adverbs in the way.
    "Hi Noor, Max at Lumen Staffing. We've also just moved into the old mill on Canal Street. "
    "We've placed more than 4,000 nurses in the region. 555-0140.",
    # The company named in the signature, its founding and its award, voted by readers.
    "Hi Noor,\n\nBrightline Movers started Brightline in 1988 with one truck. Readers of the "
    "Courier voted us best mover three years running. Our founder's promise still guides "
    "us.\n\nMax Ortiz\nBrightline Movers\n555-0140",
    # The rep's plant did something for itself.
    "Hi Noor, Max at Pallas Packaging. Our plant in Toledo just added a third press, which "
    "doubles our capacity. We're rated the top converter in the state. 555-0140.",
])
def test_about_me_families_round_5(text: str) -> None:
    assert "about_me" in codes(text, channel="email")


def test_the_company_after_the_greeting_or_in_the_signature_is_the_rep() -> None:
    text = ("Hi Chef Ana,\n\nLindell Farms has supplied the valley's kitchens since 1961. Our "
            "founder's recipe book still guides us. Brasa Grill cut waste 9% with our weekly "
            "box.\n\nMia Lind\nLindell Farms\n555-0101")
    assert [s.about for s in read_sentences(text)][:3] == ["me", "me", "them"]
    assert codes(text, channel="email") == ["about_me"]


def test_introducing_yourself_and_your_title_is_no_monologue() -> None:
    # One introduction, a job title and a wish: no reason, but not a story about the rep.
    text = ("Hi Carlos, I wanted to introduce myself. I'm the new sales rep for your area at "
            "Kite Freight, and I'd love to learn more about your shipping. Best, Ida Kent")
    assert codes(text, channel="email") == ["no_reason"]


@pytest.mark.parametrize(("text", "channel"), [
    # Good messages the check used to flag. First person, but the job is on the listener's
    # things.
    ("Hi Pam, Joel Tan with Riverside Fire Safety. Your sprinkler certificate on the back wall "
     "expired last month; I spotted it when I was servicing the cafe next door. A lapsed "
     "certificate can void the insurance on a claim. I can test and re-certify it on Monday. "
     "555 910 0003.", "voicemail"),
    # "Busy" that spares them, not one that blames them.
    ("Hi Andre, Kate Lim with Prism Printing. I know you've got a lot on with the store "
     "opening, so I'll be short: we can print your opening-day flyers in 24 hours, and I've put "
     "a sample in the mail. 555 720 1041.", "voicemail"),
    # Something of theirs that is ready is a reason.
    ("Hi Vince, Nina with Nina's Catering. The menu for your holiday party is ready. "
     "555 730 2040.", "voicemail"),
])
def test_good_messages_in_the_first_person_pass(text: str, channel: str) -> None:
    assert codes(text, channel=channel) == []


# --- repetition ---------------------------------------------------------------------------------

SERIES = [
    "Hi Derek, Anna Volk at Fieldstone Payroll. The new overtime threshold starts January "
    "first and changes pay for about a third of salaried supervisors. I've mailed you a "
    "checklist. 555 676 2424.",
    "Hi Derek, Anna Volk at Fieldstone Payroll. A quick addition to the overtime checklist I "
    "mailed: a restaurant group in your county found four supervisors it had misclassified, "
    "and fixed it before the audit. I can show you how. 555 676 2424.",
]


def test_each_new_message_with_a_new_fact_is_not_a_repeat() -> None:
    assert codes(SERIES[1], earlier=SERIES[:1]) == []
    assert similarity(SERIES[1], SERIES[0]) < REPEAT_MIN_SIMILARITY


def test_a_repeat_of_an_older_message_names_which() -> None:
    again = SERIES[0].replace("I've mailed you", "I mailed you")
    found = flag(again, "repeated", earlier=tuple(SERIES))
    assert "the message 2 before this one" in found.message


def test_a_repeat_with_a_reproach_added_is_still_a_repeat() -> None:
    again = SERIES[0].replace("Payroll.", "Payroll, I still haven't heard back.")
    assert codes(again, earlier=SERIES[:1]) == ["blames", "repeated"]


def test_a_name_and_number_again_is_a_repeat() -> None:
    first = "Hi Bo, Lena Kim at Pike Cleaning. Call me on 555-0133. Thanks."
    again = "Hello Bo, it's Lena Kim, Pike Cleaning, again. 555-0133, any time."
    assert codes(again, earlier=(first,)) == ["only_name_number", "no_reason", "repeated"]


def test_the_same_name_and_number_is_not_a_repeat() -> None:
    # Every message from a rep shares the greeting, the name and the number.
    other = ("Hi Derek, Anna Volk at Fieldstone Payroll. Your state's new paid-leave law needs "
             "a written policy by December; I wrote a template for firms under fifty staff. "
             "555 676 2424.")
    assert codes(other, earlier=tuple(SERIES)) == []


# Reworded repeats: synonyms, another order, digits for words. Each new message in a series
# must bring a new fact; the same facts in other words are the same message.
REWORDED = [
    ("Hi Paula, Tom Reyes at Northgate Linen. Restaurants on Elm Street that moved to weekly "
     "towel service cut their laundry bills by eighteen percent. I can run the same numbers "
     "for your kitchen. 555-0177.",
     "Paula, it's Tom from Northgate Linen again. I'm happy to work out your kitchen's figures: "
     "the Elm Street restaurants that switched to a weekly towel service reduced laundry costs "
     "18%. Call me, 555-0177."),
    ("Hi Omar, Jess Lin with Keystone Boilers. The county's new inspection rule takes effect "
     "March first and covers boilers older than fifteen years; yours was installed in 2006. "
     "I'll mail you the inspection checklist. 555-0188.",
     "Hello Omar, Jess at Keystone Boilers. Your boiler went in back in two thousand six, so "
     "the inspection rule the county starts on March 1 for boilers over 15 years old applies "
     "to you. I'll send the checklist by mail. 555-0188."),
]


@pytest.mark.parametrize(("first", "again"), REWORDED)
def test_the_same_facts_reworded_and_reordered_are_a_repeat(first: str, again: str) -> None:
    assert similarity(again, first) < REPEAT_MIN_SIMILARITY  # not near word for word...
    assert codes(again) == []  # ...and a good message on its own...
    found = flag(again, "repeated", earlier=(first,))  # ...but the same one again
    assert "in other words" in found.message
    assert content_repeat(again, first)[0]


@pytest.mark.parametrize(("first", "again", "fact"), [
    # One new number, date or name makes it a follow-up.
    (*REWORDED[0], ("18%.", "18%, and the ones on Oak Street 24%.")),
    (*REWORDED[1], ("I'll send", "The deadline to book one is April 30. I'll send")),
    (*REWORDED[1], ("I'll send", "Dale Ortiz at Ridgeline Bakery got his done with us. I'll "
                    "send")),
])
def test_a_reworded_follow_up_with_a_new_fact_is_not_a_repeat(
        first: str, again: str, fact: tuple[str, str]) -> None:
    follow_up = again.replace(*fact)
    assert follow_up != again
    assert "repeated" not in codes(follow_up, earlier=(first,))
    assert not content_repeat(follow_up, first)[0]


def test_an_empty_call_after_an_empty_call_is_a_repeat_in_any_words() -> None:
    first = "Hi Rosa, Ben at Clearwater Staffing, just wanted to check in with you. 555-0190."
    again = ("Hey Rosa, Ben again from Clearwater Staffing, touching base in case there's "
             "something I can do for you. 555-0190.")
    assert codes(again, earlier=(first,)) == ["only_name_number", "no_reason", "desperate",
                                              "repeated"]
    # After a message that gave a reason, an empty one is empty, not a repeat of it.
    reason = ("Hi Rosa, Ben at Clearwater Staffing. Two clinics near you filled night-shift "
              "nurse posts in a week with our float pool. 555-0190.")
    assert "repeated" not in codes(again, earlier=(reason,))


def test_quantities_in_words_and_digits_are_the_same_fact() -> None:
    assert stated_numbers("twenty-six pallets, eight hundred dollars") == stated_numbers(
        "26 pallets, $800")
    assert stated_numbers("since nineteen seventy-two") >= stated_numbers("since '72")
    assert not stated_numbers("one of our customers, a couple of weeks, both sites")


@pytest.mark.parametrize("earlier", [(), ("",), ("   ",)])
def test_no_earlier_message_means_no_repeat(earlier: tuple[str, ...]) -> None:
    assert "repeated" not in codes(SERIES[0], earlier=earlier)


# --- the corpus the bench measures --------------------------------------------------------------


def _corpus(name: str) -> list[dict]:
    path = DATA / name
    if not path.exists():  # the blind held-out set is written by another author, later
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def _check_labels(rows: list[dict]) -> None:
    assert len({r["id"] for r in rows}) == len(rows)
    assert sum(not r["flaws"] for r in rows) >= 40  # good messages, for the false alarms
    for code in CODES:
        assert sum(code in r["flaws"] for r in rows) >= 6, code
    for r in rows:
        assert set(r["flaws"]) <= set(CODES) and r["channel"] in CHANNELS
        # too_long is a definition, not a judgement: the labels must agree with it.
        limit = 75 if r["channel"] == "voicemail" else EMAIL_MAX_WORDS
        assert ("too_long" in r["flaws"]) == (word_count(r["text"]) > limit), r["id"]
        assert ("repeated" in r["flaws"]) <= bool(r.get("earlier")), r["id"]
        # An only-name-and-number message gives no reason either.
        assert ("only_name_number" in r["flaws"]) <= ("no_reason" in r["flaws"]), r["id"]


def test_the_tune_split_is_labelled_with_known_flaws() -> None:
    tune = _corpus("craft_tune.jsonl")
    assert len(tune) >= 23010
    # Every earlier set, blind ones included once they were scored, is tuning data now.
    assert {r["id"][0] for r in tune} >= set("thfxbcdegkmnpqrsuwjyvialozJQRKMPSVWAEBGNCDFHLTIOUXYZ")
    assert {r["id"][:2] for r in tune} >= {"AA", "BB", "CC", "DD", "EE", "FF", "GG", "HH", "II",
                                           "JJ", "KK", "LL", "MM", "NN", "OO", "PP", "QQ", "RR",
                                           "SS", "TT", "UU", "VV", "WW", "XX"}
    _check_labels(tune)


def test_the_held_out_split_is_empty_or_labelled_and_apart_from_the_tune_split() -> None:
    # Empty until the next blind set is written; then it must be labelled like the tune
    # split and share no message with it.
    tune, held = _corpus("craft_tune.jsonl"), _corpus("craft_heldout.jsonl")
    if held:
        _check_labels(held)
    assert not {r["text"] for r in tune} & {r["text"] for r in held}
    assert not {r["id"] for r in tune} & {r["id"] for r in held}


def test_the_corpus_loader_copes_with_an_absent_or_empty_split(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", "utf-8")
    assert load(empty) == [] and load(tmp_path / "absent.jsonl") == []
    result = run("held-out", [])
    assert verdict(result) == [] and "– (0/0)" in table([result])


def test_the_bench_splits_a_result_by_set_so_an_old_set_can_be_checked_alone() -> None:
    name_only = "Hi, this is Rita from Acme. Call me at 555-0142."
    examples = [Example("t1", "voicemail", name_only, frozenset({"only_name_number",
                                                                  "no_reason"})),
                Example("b1", "voicemail", name_only, frozenset()),
                Example("t2", "voicemail", "Hi Dana, Mike Kincaid asked me to call.",
                        frozenset())]
    sets = by_set(run("tune", examples))
    assert [(r.split, [ex.id for ex in r.examples]) for r in sets] == [
        ("tune b…", ["b1"]), ("tune t…", ["t1", "t2"])]
    rows = set_table(sets).splitlines()
    assert rows[2].startswith("| tune b… | – (0/0)") and rows[2].endswith("| 100.0% (1/1) |")
    assert rows[3].startswith("| tune t… | 1.00 (1/1) | 1.00 (1/1)")
    assert rows[3].endswith("| 0.0% (0/1) |")


@pytest.mark.heavy
@pytest.mark.parametrize("quarter", range(4))
def test_each_quarter_of_the_tune_split_meets_the_targets(quarter: int) -> None:
    # The held-out split is reported by bench.craft only, so nobody tunes against it here.
    # Every fourth message from `quarter` on: all four quarters together are the whole split,
    # each with every author in it, and each runs on whichever test process is free.
    rows = _corpus("craft_tune.jsonl")[quarter::4]
    got = [set(codes(r["text"], r["channel"], tuple(r.get("earlier", ())))) for r in rows]
    good = [g for r, g in zip(rows, got, strict=True) if not r["flaws"]]
    assert sum(bool(g) for g in good) <= 0.05 * len(good)
    for code in CODES:
        positives = [code in g for r, g in zip(rows, got, strict=True) if code in r["flaws"]]
        assert sum(positives) >= 0.9 * len(positives), code


# --- round 6: classes the c… set found ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hi Rhonda, it's Carl Mendez with Tri-County Linen. Call me back at five five five, oh "
    "one six two. Thanks.",
    "Morning Dale, uh, this is Pete at Ridgeway Signs, yeah, give me a ring, "
    "five-five-five, zero-one-four-seven. Okay, bye.",
])
def test_a_number_read_out_digit_by_digit_is_only_a_number(text: str) -> None:
    assert codes(text) == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    # News about their own business is a reason, with no number in it.
    "Hi Ines, Walt at Harbor Metals. Your plating vendor in Toledo shut its doors on Monday. "
    "We run the same zinc-nickel finish with room on the line. 555-0171.",
    "Hi Ines, Walt at Harbor Metals. I saw you're expanding the Fremont plant this summer; "
    "our crew refits press lines over a weekend. 555-0171.",
    "Hi Ines, Walt at Harbor Metals. Your fire permit for the east building comes up for "
    "renewal in May, and I can file it for you. 555-0171.",
    # A job offered on their things, in few words, is not a formula.
    "Hi Ines, Walt at Harbor Metals. The dock plate at your loading bay is cracked at the "
    "hinge. I can weld it Saturday. 555-0171.",
])
def test_news_about_their_business_or_a_job_on_their_things_is_a_reason(text: str) -> None:
    assert codes(text) == []


def test_a_claim_word_inside_a_company_name_is_the_name() -> None:
    text = ("Hi Gwen, Lou at Premier Pest Control. Your kitchen passed inspection, but the "
            "inspector noted droppings by the dock door; I can seal it Friday. 555-0140.")
    assert codes(text) == []
    assert "empty_claim" in codes(text.replace("Lou at Premier Pest Control.",
                                               "Lou here. We're the premier pest firm."))
    topic = ("Hi Gwen, I've mailed you an article on cutting food waste costs; page 3 shows "
             "how a diner in Akron saved $9,000 a year. Lou, 555-0140.")
    assert codes(topic) == []


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Hi Raj, it's Mo at Polar Ice. I suspect you never got to my last voicemail, so here "
     "it is again. 555-0102.", "I suspect you never"),
    ("Hi Raj, Mo at Polar Ice. Seems my note about the freezer rebate got past you. "
     "555-0102.", "got past you"),
    ("Hi Raj, Mo at Polar Ice. We had a call booked for nine and you weren't on the line. "
     "555-0102.", "you weren't on the line"),
    ("Hi Raj, Mo at Polar Ice. I was honestly expecting a reply after the samples went out. "
     "555-0102.", "was honestly expecting a reply"),
    ("Hi Raj, Mo at Polar Ice. Even a no is fine by me at this point. 555-0102.",
     "Even a no is"),
])
def test_blame_by_guessing_missed_meetings_and_owed_replies(text: str, excerpt: str) -> None:
    assert flag(text, "blames").excerpt == excerpt


@pytest.mark.parametrize("text", [
    "Hi Raj, Mo at Polar Ice. It seems your county moved the food-safety audit to March; I "
    "mailed you the new checklist. 555-0102.",
    "Hi Raj, Mo at Polar Ice. Jen Ruiz at Crest Diner expected a hard summer and cut her ice "
    "bill 20% with our leased machine. 555-0102.",
    "Hi Raj, Mo at Polar Ice. A bakery near you cut its no-show rate on deliveries to 2% with "
    "our route plan; I've attached it. 555-0102.",
    "Hi Raj, Mo at Polar Ice. Cal Boyd isn't a relative, I promise, but he suggested I call. "
    "Your walk-in runs 4 degrees warm. 555-0102.",
    "Hi Raj, Mo at Polar Ice. I imagine you saw the county raised the ice-machine permit fee "
    "to $90; I can file yours. 555-0102.",
])
def test_good_messages_near_the_new_families_pass(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Hi Ada, Len at Brightline Payroll. I'd be so thankful for ten minutes. 555-0120.",
     "I'd be so thankful"),
    ("Hi Ada, Len at Brightline Payroll. Your account matters so much to me. 555-0120.",
     "matters so much to me"),
    ("Hi Ada, Len at Brightline Payroll. I won't give up on us. 555-0120.", "won't give up"),
    ("Hi Ada, Len at Brightline Payroll. I truly hope we can meet soon. 555-0120.",
     "truly hope we can"),
])
def test_the_reps_feelings_about_the_meeting_are_desperate(text: str, excerpt: str) -> None:
    assert flag(text, "desperate").excerpt == excerpt


@pytest.mark.parametrize(("text", "excerpt"), [
    ("Hi Lee, Sam at Cobalt Networks. We bring military-grade security to small offices. "
     "555-0133.", "military-grade"),
    ("Hi Lee, Sam at Cobalt Networks. Cobalt is a recognized leader in office networking. "
     "555-0133.", "a recognized leader in"),
    ("Hi Lee, Sam at Cobalt Networks. Frankly we do a better job than the other guys. "
     "555-0133.", "better job than the other guys"),
    ("Hi Lee, Sam at Cobalt Networks. We're easily the fastest installer around. 555-0133.",
     "We're easily the fastest"),
    ("Hi Lee, Sam at Cobalt Networks. We can trim your printing and copier costs. 555-0133.",
     "trim your printing and copier costs"),
])
def test_claims_against_nobody_in_particular_are_empty(text: str, excerpt: str) -> None:
    assert flag(text, "empty_claim").excerpt == excerpt


def test_a_generic_question_is_no_reason_to_the_rules() -> None:
    # The rules read it as no reason. Since round 31 the learned reading doubts that flag (it
    # scores "no reason" 0.144 here, under its 0.15 doubt, and "empty claim" 0.82, under its
    # 0.95 threshold), so the check with the reading says nothing: a known loss, kept visible.
    text = ("Hi Lee, Sam at Cobalt Networks. Is your team getting the most out of its network? "
            "555-0133.")
    assert "no_reason" in [f.code for f in check_message(text, learned=False)]


@pytest.mark.parametrize("text", [
    # A count of the rep's attempts, a reproach asked: no reason.
    "Hi Lee, Sam at Cobalt Networks. I see you've read my note three times. 555-0133.",
    "Hi Lee, Sam at Cobalt Networks. Is there some reason you keep ignoring my calls? "
    "555-0133.",
    # The company's new name is the rep's news, not the listener's.
    "Hi Lee, Sam at Cobalt Networks. I wanted to let you know our firm just renamed itself; "
    "we used to be Bluewire Data. 555-0133.",
    # "Quote" the verb is no quote in hand.
    "Hi Lee, Sam at Cobalt Networks. I'd welcome the chance to quote your cabling. 555-0133.",
])
def test_no_reason_under_the_look_of_one(text: str) -> None:
    assert "no_reason" in codes(text)


def test_a_peers_cost_cut_with_a_number_is_a_result_not_a_claim() -> None:
    text = ("Hi Lee, Sam at Cobalt Networks. Dora Pike at Lakeside Dental cut her phone bill by "
            "about a quarter when we moved her lines. 555-0133.")
    assert codes(text) == []


def test_a_short_offer_on_their_things_is_no_formula_and_talking_it_through_is() -> None:
    text = ("Hi Kay, Lori at Midstate Print. You asked Jeff at the expo about short runs. I "
            "run that desk. We printed three hundred for a dental office last week at forty "
            "cents each. I'll mail you one. Call me at five five five, oh one one seven and "
            "we'll talk it through.")
    assert codes(text) == []
    assert [s.about for s in read_sentences(text)][-2:] == ["them", "formula"]


@pytest.mark.parametrize("text", [
    "Hi Kay, Lori at Midstate Print. Just put in a second press and hired three more "
    "operators. We run six shifts now. I'd love to give you a tour. 555-0117.",
    "Hi Kay, Lori at Midstate Print. We employ forty press operators. We own nine presses. "
    "I'd welcome a visit. 555-0117.",
])
def test_the_reps_machines_and_people_are_the_reps_story(text: str) -> None:
    assert "about_me" in codes(text)
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # ...but not a question about theirs.
    "Hi Kay, Lori at Midstate Print. Just opened a second store? Your new address is missing "
    "from your printed menus, and I can reprint them by Monday. 555-0117.",
])
def test_near_the_reps_story_but_about_them(text: str) -> None:
    assert codes(text) == []


@pytest.mark.parametrize("text", [
    # News supposed, or a need the rep invents, is no news about their business.
    "Hi Tom, Ann at Vireo IT. If your team is switching providers this year, keep us in "
    "mind. 555-0101.",
    "Hi Tom, Ann at Vireo IT. I'd like to introduce myself; your account will need a new rep "
    "soon. 555-0101.",
])
def test_news_supposed_is_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


# --- round 12 -----------------------------------------------------------------------------------
# Each class added for the n… and p… sets, pinned in words the corpus does not use.
@pytest.mark.parametrize("text", [
    # A superlative by its form, ranked against a field nobody names.
    "Hi Joan, Ed at Crestline Doors. Our roller door is the quietest on the market. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. Our app is the simplest to install. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. It's the wisest purchase you will ever make. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. We're the best supplier a warehouse could ask for. "
    "555-0144.",
    "Hi Joan, Ed at Crestline Doors. We sell the region's sturdiest dock levellers. 555-0144.",
    # Better than nobody named.
    "Hi Joan, Ed at Crestline Doors. We fit doors quicker than anybody. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. Our refurbished openers run better than new. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. No other installer in Dayton comes close. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. You won't find cheaper anywhere. 555-0144.",
    # Praise of the rep's own thing with nothing behind it.
    "Hi Joan, Ed at Crestline Doors. We offer very reasonable rates on hinges. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. Our fitters get stunning results. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. We have built a reputation for reliability. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. We're a young team with a passion for engineering. "
    "555-0144.",
    "Hi Joan, Ed at Crestline Doors. Our clients swear by us. 555-0144.",
])
def test_round12_empty_claims_by_form(text: str) -> None:
    assert "empty_claim" in codes(text)


@pytest.mark.parametrize("text", [
    # A price offered to them is an offer, not praise; the nearest depot is no ranking.
    "Hi Joan, Ed at Crestline Doors. I can get you a really good price on the two dock doors "
    "at your Elm Road site, 1,900 dollars each. 555-0144.",
    "Hi Joan, Ed at Crestline Doors. Your Elm Road site is closer than our Akron depot, so I "
    "can be there Tuesday to measure the two dock doors. 555-0144.",
])
def test_round12_not_empty_claims(text: str) -> None:
    assert "empty_claim" not in codes(text)


@pytest.mark.parametrize("text", [
    # Silence said without "you", or doubted on the way.
    "Hi Carl, Mia at Tern Labels. I still have not received reply to my letters. 555-0162.",
    "Hi Carl, Mia at Tern Labels. We're still not receiving a call back. 555-0162.",
    "Hi Carl, Mia at Tern Labels. Perhaps you never saw my notes? 555-0162.",
    "Hi Carl, Mia at Tern Labels. I fear my letters ended up in your junk folder. 555-0162.",
    "Hi Carl, Mia at Tern Labels. My proposal was never even opened. 555-0162.",
    "Hi Carl, Mia at Tern Labels. I've been waiting for weeks. 555-0162.",
    "Hi Carl, Mia at Tern Labels. You're never picking up. 555-0162.",
    "Hi Carl, Mia at Tern Labels. I wrote you three letters already. 555-0162.",
    # A promise of theirs whose date has passed.
    "Hi Carl, Mia at Tern Labels. You promised an answer on the label order by spring, and "
    "here we are in July. 555-0162.",
    "Hi Carl, Mia at Tern Labels. You said you'd sign off on the artwork by the end of last "
    "week. 555-0162.",
])
def test_round12_blames_said_indirectly(text: str) -> None:
    assert "blames" in codes(text)


def test_round12_trying_them_at_an_hour_is_no_reproach() -> None:
    text = ("Hi Carl, Mia at Tern Labels, trying you at seven since the line starts at eight. "
            "Your label printer's ribbon was recalled on Monday, and I have six replacements "
            "for your Fenton plant. 555-0162.")
    assert "blames" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Rosa, Ben at Quill Payroll. I only need two minutes of your time. 555-0178.",
    "Hi Rosa, Ben at Quill Payroll. I really want to speak with you this week. 555-0178.",
    "Hi Rosa, Ben at Quill Payroll. Please ring me back today. 555-0178.",
    "Hi Rosa, Ben at Quill Payroll. Please call me, it is urgent. 555-0178.",
    "Hi Rosa, Ben at Quill Payroll. Our autumn promo on payroll runs out on Thursday. 555-0178.",
    "Hi Rosa, Ben at Quill Payroll. We take on a limited number of accounts each quarter. "
    "555-0178.",
    "Hi Rosa, Ben at Quill Payroll. I wanted to be sure my letter didn't fall through the "
    "cracks. 555-0178.",
    "Hi Rosa, Ben at Quill Payroll. This quarter we have a target of ten new firms. 555-0178.",
])
def test_round12_the_reps_need_said_plainly(text: str) -> None:
    assert "desperate" in codes(text)


def test_round12_an_offer_running_out_still_offers() -> None:
    # Only the offer's name is taken out: what it gives them is still a reason.
    text = ("Hi Rosa, Ben at Quill Payroll. My offer of three free payroll runs for your "
            "Dayton office expires Friday. 555-0178.")
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    # A number read out with tens and hundreds among its digits is a phone number, not a fact.
    "Hi Lou, it's Tess from Marlow Staffing. Ring me on oh six hundred, two two one, eight "
    "four three.",
    "Hi Lou, it's Tess from Marlow Staffing. Call me on plus thirty-one, twenty, four four "
    "seven, sixty-two ten.",
    # With its country code, in groups of any size.
    "Hi Lou, it's Tess from Marlow Staffing. Call me on +31 6 4412 70 95.",
    # A range of minutes asked for, and the rep's own free time, are no offer or number.
    "Hi Lou, it's Tess from Marlow Staffing. Could you spare ten or fifteen minutes for a call "
    "on Friday? 555-0120.",
    "Hi Lou, it's Tess from Marlow Staffing. I am free most mornings next week. 555-0120.",
])
def test_round12_the_reps_number_and_time_give_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


# --- round 13 -----------------------------------------------------------------------------------
# The q… and r… sets: blame, pressure and claims in classes their two authors found and no
# family covered. Each class is pinned in words of its own, not the corpus's.
@pytest.mark.parametrize("text", [
    # The attempts counted by the calendar.
    "Hi Nell, Ivo at Brackett Tiles. I've rung you every morning this week. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. I phoned you twice yesterday. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. I have called severally without luck. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. I did phone on Monday and again on Tuesday. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. I've been trying to get ahold of you since spring. "
    "555-0190.",
    # The line that never answers.
    "Hi Nell, Ivo at Brackett Tiles. I keep landing on your answering service. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. Every time I ring, you're in a meeting. 555-0190.",
    # The notes doubted.
    "Hi Nell, Ivo at Brackett Tiles. I'm unsure whether you've been reading my notes. "
    "555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. Maybe my earlier letters never reached your desk. "
    "555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. Perhaps I've ended up in your blocked numbers. 555-0190.",
    # An understanding or a promise of theirs, broken.
    "Hi Nell, Ivo at Brackett Tiles. I had been told at the front desk that you would ring "
    "me on Friday. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. You had agreed to send the floor plan in April. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. Your assistant assured me twice that you would phone. "
    "555-0190.",
    # Their date gone by, said in a sentence of its own.
    "Hi Nell, Ivo at Brackett Tiles. You planned to choose a tile after the show in March. "
    "Well, it's June. 555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. It's July now and we haven't seen the sample order "
    "back. 555-0190.",
    # Impatience.
    "Hi Nell, Ivo at Brackett Tiles. I cannot understand why the decision is dragging on. "
    "555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. Even a two-word answer would spare us both the trouble. "
    "555-0190.",
    "Hi Nell, Ivo at Brackett Tiles. Is there any point in my calling again? 555-0190.",
])
def test_round13_blames_by_calendar_line_and_broken_word(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    # Scarcity and the rep's own date.
    "Hi Omar, Lena at Vesta Ovens. The demo ovens are half price while supplies last. "
    "555-0133.",
    "Hi Omar, Lena at Vesta Ovens. Places on the baking course are strictly limited. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. Our combi-oven bundle is a steal, so don't miss this. "
    "555-0133.",
    "Hi Omar, Lena at Vesta Ovens. The bundle is valid only till Friday. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. The quote above ends with our year-end. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. I'd like to sign before our financial year is over. "
    "555-0133.",
    # A plea for a chance, or a favour owed.
    "Hi Omar, Lena at Vesta Ovens. Please grant me a single chance to present. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. I'm requesting you to meet me for ten minutes. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. Give me a meeting and I won't let you down. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. Call me back and I would owe you big. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. Honestly I'm getting quite desperate. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. Sorry to nag again. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. A yes or a no would really help me plan. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. I'm so hoping you'll ring today. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens. I'm just making sure my e-mails reached you. 555-0133.",
    # A follow-up that says it is saying it again.
    "Hi Omar, Lena at Vesta Ovens. Following up on my letter. Like I mentioned, your oven's "
    "gas certificate lapses in May. 555-0133.",
    "Hi Omar, Lena at Vesta Ovens, ringing again about the hood service. Same price as "
    "before, eighty pounds for both hoods. 555-0133.",
    # Asking whether they got it, with nothing else.
    "Hi Omar, Lena at Vesta Ovens, ringing to see if you got my note. 555-0133.",
])
def test_round13_pressure_scarcity_pleas_and_restated_follow_ups(text: str) -> None:
    assert "desperate" in codes(text)


@pytest.mark.parametrize("text", [
    # Saying it again without following up is no follow-up.
    "Hi Omar, Lena at Vesta Ovens. As I said on the phone, your oven's gas certificate lapses "
    "in May, and I can renew it on Monday. 555-0133.",
    # Their call returned, and the chat recapped, is news.
    "Hi Omar, thank you for ringing back on Thursday. To recap our chat: Kiln Street Bakery "
    "cut its gas bill 14% with the same oven, and the price for yours is attached.",
    # The rep's promise not to let them down is no reproach.
    "Hi Omar, Lena at Vesta Ovens. Kiln Street Bakery swapped to our oven in May and halved "
    "its bake times; the trial unit for yours will not disappoint. 555-0133.",
])
def test_round13_a_follow_up_or_a_promise_that_is_not_pressure(text: str) -> None:
    assert not {"desperate", "blames"} & set(codes(text))


@pytest.mark.parametrize("text", [
    # The rep ranked first by a place's possessive, or offering "the finest" somewhere.
    "Hi Pam, Rui at Kestrel Couriers. We're Leeds's most punctual couriers. 555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. We supply the finest packaging in Cornwall. 555-0147.",
    # A place where the rep ranks itself is no customer's result.
    "Hi Pam, Rui at Kestrel Couriers. We're the most trusted couriers in the Fens and we'd "
    "love to show you our vans. 555-0147.",
    # Size and age, spelled out as a voicemail says them, prove no claim.
    "Hi Pam, Rui at Kestrel Couriers. We're a premier courier with depots in nine states. "
    "555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. We're a top-rated courier, thirty years running, with "
    "two thousand clients. 555-0147.",
    # Life made easier, savings found, more done with less, for nobody named.
    "Hi Pam, Rui at Kestrel Couriers. We'll make life much easier for your dispatch desk. "
    "555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. We can look at your routes and uncover hidden savings. "
    "555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. We help shops get more done with less. 555-0147.",
    # A job or deals praised, trust and priority claimed.
    "Hi Pam, Rui at Kestrel Couriers. I'm sure we'd do a terrific job on your parcels. "
    "555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. We've got fantastic deals on next-day delivery. "
    "555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. Retailers trust Kestrel with their parcels. 555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. Your customers are our top priority. 555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. We're known for being punctual. 555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. Our vans make a lasting impression on your buyers. "
    "555-0147.",
    "Hi Pam, Rui at Kestrel Couriers. Try us once and you'll be blown away. 555-0147.",
])
def test_round13_claims_by_place_size_and_praise(text: str) -> None:
    assert "empty_claim" in codes(text)


# --- round 16: classes the v… and i… sets found -------------------------------------------------

@pytest.mark.parametrize(("text", "excerpt"), [
    ("We go above and beyond for every client.", "above and beyond"),
    ("Honestly, we're the total package for IT.", "the total package"),
    ("We've built a reputation as the firm that always delivers.", "firm that always delivers"),
    ("Since 2003 we've been setting the standard for service in Knoxville.",
     "setting the standard"),
    ("Whatever's slowing your line down, that's what we do best.", "what we do best"),
    ("Every dental practice in town is talking about us.", "is talking about"),
    ("We've got a lot to offer a firm like yours.", "a lot to offer"),
    ("Our controls really make a difference.", "really make a difference"),
])
def test_round16_character_claimed_for_the_firm_is_an_empty_claim(text: str,
                                                                   excerpt: str) -> None:
    flags = check_message(text, learned=False)
    assert "empty_claim" in [f.code for f in flags]
    assert flag(text, "empty_claim").excerpt == excerpt


@pytest.mark.parametrize("text", [
    "It made a big difference to their scrap: down 18% at Hale Tool last spring.",
    "The new camera made a real difference at Oxley Meats: 212 short packs caught in May.",
    "Nothing is too much trouble for Dave at Hollow Creek, he says you two met at the expo.",
])
def test_round16_a_difference_with_its_proof_is_no_empty_claim(text: str) -> None:
    assert "empty_claim" not in codes(text)


@pytest.mark.parametrize("text", [
    "I'm new and my manager's given me a target of ten meetings this month.",
    "My boss says I have to get three meetings on the books by Friday.",
    "My manager says I can only offer the free trial until this Friday.",
    "It's our best deal of the year, so call me before it's gone.",
    "I'm sure you'd agree a five-minute call isn't too much to ask.",
])
def test_round16_the_managers_push_and_a_deal_running_out_are_desperate(text: str) -> None:
    assert "desperate" in [f.code for f in check_message(text, learned=False)]


def test_round16_a_manager_named_for_their_sake_is_not_desperate() -> None:
    text = "My manager told me your plant runs three shifts; we did the same line at Hale Tool."
    assert "desperate" not in codes(text)


# --- round 17: classes the a… and l… sets found -------------------------------------------------

@pytest.mark.parametrize(("text", "excerpt"), [
    ("We really are the gold standard for care rostering.", "the gold standard"),
    ("Honestly, it's a no-brainer.", "a no-brainer"),
    ("It's the future of hospitality.", "It's the future of"),
    ("Honestly, we make care rostering completely effortless.", "completely effortless"),
    ("Our app is the best thing to happen to bar payroll in years.", "the best thing to happen"),
    ("There's honestly no easier way to run a hotel rota.", "no easier way to"),
    ("We offer the most complete, future-proof workforce solution out there.",
     "We offer the most complete, future-proof workforce solution out there"),
    ("We make chillers run like new again.", "run like new"),
    ("We keep chillers running when it matters most.", "when it matters most"),
])
def test_round17_a_verdict_for_everyone_is_an_empty_claim(text: str, excerpt: str) -> None:
    assert "empty_claim" in [f.code for f in check_message(text, learned=False)]
    assert flag(text, "empty_claim").excerpt == excerpt


@pytest.mark.parametrize("text", [
    "The future of your Oban site depends on March staffing; Lorne Arms hired 40 in a week.",
    "Is there an easier way to run the Friday cash-up? The Drover's Rest cut it to ten minutes.",
])
def test_round17_their_future_and_a_question_are_no_empty_claim(text: str) -> None:
    assert "empty_claim" not in codes(text)


def test_round17_the_reps_own_career_is_the_companys_story() -> None:
    text = ("Hi Jackie, Tom Brandt, Lakeshore Mechanical. I'm an ex-pipefitter, spent twenty "
            "years on boilers. Now I run the service sales side for Lakeshore. We've got twelve "
            "techs in Portage. The boiler at your school tripped three times last winter.")
    assert [s.about for s in read_sentences(text)][1:4] == ["me", "me", "me"]
    assert "about_me" in [f.code for f in check_message(text, learned=False)]
    # Their years are theirs.
    assert read_sentences("Your crew spent two years on that retrofit; Hale Tool did theirs "
                          "in six weeks.")[0].about == "them"


@pytest.mark.parametrize("text", [
    "My manager wants me to show you the Hale Tool numbers: scrap down 18% since May.",
    "I need your floor plan to quote the Elm branch; Hale Tool's quote took a day.",
])
def test_what_the_quote_or_the_manager_needs_for_them_is_not_desperate(text: str) -> None:
    assert "desperate" not in codes(text)


@pytest.mark.parametrize("text", [
    "My manager wants this deal on the board before the quarter closes.",
    "I really need your answer today, or the rate expires at midnight.",
    "I need the signed order before December 20 for the discount to count.",
])
def test_the_reps_need_behind_the_same_words_is_still_desperate(text: str) -> None:
    assert "desperate" in [f.code for f in check_message(text, learned=False)]


# --- round 18: classes the o… and z… sets found ----------------------------------------------

def rule_codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "I know you didn't get a chance to send the schedule I asked for, so I pulled it myself.",
    "You're a hard man to get ahold of, Ike.",
    "Well, looks like I've missed you again.",
    "One more call, since I'm not having much luck catching you.",
    "Third try this month, Annette.",
    "My quote has been sitting on your desk since May.",
    "We had Tuesday booked, but I guess it slipped your mind.",
    "I drove out to Woodward and you weren't in, a long trip for nothing.",
    "I've left word three times. Odd that none of them got through.",
    "I'm a bit surprised nobody from the lab has come back to me.",
    "I've been expecting your call since the demo.",
    "As I have now written twice, the contract is 3,700 euros a year.",
    "Call me back, even if it's only to tell me no.",
    "I'd hoped to hear back after my last two notes.",
    "You told me at the fair you'd get back to me by spring.",
])
def test_round18_silence_put_on_them_sideways_is_blame(text: str) -> None:
    assert "blames" in rule_codes(text)


@pytest.mark.parametrize("text", [
    "I'll be honest, I've got a number to hit before the thirtieth.",
    "I'm a little behind on my Benelux number this quarter.",
    "I'm trying to close out June with this one.",
    "It would really help me to get this through before the holidays.",
    "I've got till Friday to fill my last slot in the spring program.",
    "The price holds until the twentieth. After that I can't promise anything.",
    "That discount won't be around long.",
    "You'd get 10% off the fleet premium if you bind with us by April 15.",
])
def test_round18_the_reps_number_said_in_passing_is_desperate(text: str) -> None:
    assert "desperate" in rule_codes(text)


@pytest.mark.parametrize("text", [
    "It would help me quote the Elm branch if you sent the floor plan.",
    "The new rate card takes effect on April 15, after the filing window closes.",
])
def test_round18_help_to_quote_and_their_dates_are_not_desperate(text: str) -> None:
    assert "desperate" not in rule_codes(text)


@pytest.mark.parametrize("text", [
    "Our cover is simply better than anything else out there.",
    "We can do a whole lot better for your harvest crew than whoever you've got now.",
    "We offer the most complete hay coverage available.",
    "Our hoods are the most energy-efficient on the market.",
    "These freezers are the best investment any lab can make.",
    "Honestly, we're the best at this.",
    "We find you the best coverage at the best price.",
    "We save boarding barns like yours a lot of money.",
    "Our service plans are completely flexible.",
    "We're the partner of choice for growing labs.",
    "Let's future-proof your cold storage.",
    "I think we could do great things together.",
    "We're a very customer-focused company.",
])
def test_round18_better_than_anything_is_an_empty_claim(text: str) -> None:
    assert "empty_claim" in rule_codes(text)


@pytest.mark.parametrize("text", [
    "These are the most recent county figures available, and they show hail claims up 30%.",
    "Hale Tool's new cover is better than what they had: claims paid in 9 days, not 40.",
])
def test_round18_a_fact_said_with_most_or_better_is_no_empty_claim(text: str) -> None:
    assert "empty_claim" not in rule_codes(text)


def test_round18_the_companys_size_and_family_give_no_reason() -> None:
    text = ("Hi Ellen, Travis with Cimarron Agency. Been with the agency eighteen years now. "
            "My dad ran it before me, and we've grown to four offices and fourteen people. "
            "We do mostly farm work. 580-555-0163.")
    assert {"about_me", "no_reason"} <= set(rule_codes(text))
    # A number about their business still is one.
    assert "no_reason" not in rule_codes(
        "Hi Ellen, Travis with Cimarron. Your fence line is forty miles; rebuilding it after "
        "the Starbuck fire cost ranchers $3.50 a foot. 580-555-0163.")


# --- round 19: classes the J…, Q… and R… sets found ------------------------------------------

@pytest.mark.parametrize("text", [
    "You'd mentioned you'd pick a label supplier by April, so I'm a bit in the dark.",
    "Your office manager said you'd review it that week.",
    "You did say to call you back this week, so here I am.",
    "Not sure why I can't get you on the phone.",
    "I was sorry you weren't able to make our call on the 12th.",
    "You've had my e-mail for two weeks now.",
    "I'm resending this because I don't think you saw it the first time.",
    "I've been trying to get your feedback on the proofs for a month now.",
])
def test_round19_their_word_or_silence_held_up_is_blame(text: str) -> None:
    assert "blames" in rule_codes(text)


@pytest.mark.parametrize("text", [
    "You told me in March you'd need seasonal pickers by October; I have twelve ready.",
    "You mentioned you'd missed the training grant last year; the next round opens 1 March.",
    "You said you'd like to see the Hale Tool numbers, so here they are: scrap down 18%.",
])
def test_round19_their_own_need_told_back_is_not_blame(text: str) -> None:
    assert "blames" not in rule_codes(text)


@pytest.mark.parametrize("text", [
    "We make folding cartons that really pop on shelf.",
    "Our sleeves help brands stand out from the crowd.",
    "We print labels that make any wine look premium.",
    "Our anti-fog windows are the industry's very best.",
    "We're the smart choice for growing brands.",
    "Your practice stays compliant without lifting a finger.",
    "We're a great company with great people.",
    "We love what we do.",
    "Our company is proud to be a trusted safety partner.",
    "We make stunning can sleeves.",
])
def test_round19_praise_by_looks_fans_or_people_is_an_empty_claim(text: str) -> None:
    assert "empty_claim" in rule_codes(text)


def test_round19_their_people_praised_are_not_our_claim() -> None:
    assert "empty_claim" not in rule_codes(
        "Your outstanding team at the Dandenong plant cut changeovers to 40 minutes.")


@pytest.mark.parametrize("text", [
    "I was counting on getting you in this month.",
    "To finish the year strong, I can take 10% off if you order by June 30.",
    "I'd really love to move it this week.",
    "That price is only on for the next two weeks.",
])
def test_round19_the_reps_month_or_stock_is_desperate(text: str) -> None:
    assert "desperate" in rule_codes(text)


def test_round19_the_firms_news_and_people_are_its_story() -> None:
    text = ("Hi Hemi, Kirsty at Bluegum. We've just opened our Auckland office. It's a team "
            "of six led by Toni Walker. We now employ 70 people. Your rosé labels could ship "
            "from Auckland in a day. 0412 338 907.")
    assert [s.about for s in read_sentences(text)][1:4] == ["me", "me", "me"]
    assert "about_me" in rule_codes(text)
    # Moving a customer is their result, not our story.
    assert read_sentences("We moved Pine Valley Foods onto the Friday run and they saved "
                          "12%.")[0].about != "me"


# --- round 20: classes the K…, M… and P… sets found ------------------------------------------

@pytest.mark.parametrize("text", [
    "In September you wrote that you'd get back to me by mid-October.",
    "Since you didn't make it to the site walk on Wednesday, here's the headline.",
    "Another week, another voicemail.",
    "I haven't seen a reply to my note about the permit change.",
    "I keep trying and not getting anywhere here.",
    "I did go to some trouble over that quote.",
    "I asked your assistant to pass on my message twice already.",
    "We did agree you'd send over the electricity bills.",
    "I did expect you'd want to hear about this one.",
    "It's a shame you weren't able to reply before the deadline.",
    "Third message this week, so I'll keep it short.",
])
def test_round20_more_silence_held_up_is_blame(text: str) -> None:
    assert "blames" in rule_codes(text)


@pytest.mark.parametrize("text", [
    "Phase three of the grant opens on the tenth, with 35% for cold stores.",
    "You mentioned the roof faces south; that suits 600 kW.",
])
def test_round20_a_third_round_and_their_own_facts_are_not_blame(text: str) -> None:
    assert "blames" not in rule_codes(text)


def test_round20_the_firms_goals_and_team_give_no_reason_in_its_story() -> None:
    text = ("Hi Rui, Marta at Lumen Ibérica. We started in Jaén in 2009 on an olive farm. "
            "Today we're in four cities. Our goal for 2026 is to reach 1,500 sites. "
            "Our Porto team has four people, led by Carla Sousa. 612 483 907.")
    assert {"about_me", "no_reason"} <= set(rule_codes(text))


# --- round 21: numbers in two groups, as Singapore, Britain and India write them ------------

@pytest.mark.parametrize("text", [
    "Hello, this is Priya Nair, sales engineer with Kestrel Engineering. Please give me a call "
    "back when you have a moment on 9833 2016. Thank you.",
    "Hi Gerald, Priya, Kestrel. Call me back. 9833 2016.",
    "Hi Sophie, Danny at Brewline. Give me a ring on 07700 900461 when you're free. Cheers.",
    "Hi Anil, Ravi from Deccan Pumps. Please call me on 98450 55107.",
])
def test_round21_a_number_in_two_groups_is_only_a_number(text: str) -> None:
    assert {"only_name_number", "no_reason"} <= set(rule_codes(text))


def test_round21_two_years_side_by_side_are_not_a_phone_number() -> None:
    # A fact about their business still counts: the years are no phone number.
    text = "Hi Sam, Rita at Acme. Your claims rose 30% between 2019 2020 and now. 555 010 2030."
    assert "only_name_number" not in rule_codes(text)


def test_a_set_is_named_by_all_the_letters_its_ids_start_with() -> None:
    # Every single letter names a set already, so newer blind sets take two ("AA001"); those
    # must not be counted with the "A…" set in the by-set table.
    ids = ("t001", "AA002", "t003", "A004", "AA005")
    examples = [Example(i, "email", "", frozenset()) for i in ids]
    parts = by_set(Result("tune", examples, [frozenset()] * 5, [0.0] * 5, [0.0] * 5))
    assert {r.split: [e.id for e in r.examples] for r in parts} == {
        "tune A…": ["A004"], "tune AA…": ["AA002", "AA005"], "tune t…": ["t001", "t003"]}
