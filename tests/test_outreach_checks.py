"""The message check: bad rep-speak gets the right flag, good messages pass clean."""

from __future__ import annotations

import pytest

from referrals.outreach.checks import (
    CHANNELS,
    EMAIL_MAX_WORDS,
    Flag,
    Length,
    check_message,
    spoken_length,
    word_count,
)

pytestmark = pytest.mark.graph

CODES = ("only_name_number", "no_reason", "blames", "about_me", "too_long")


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel)]


def flag(text: str, code: str, channel: str = "voicemail") -> Flag:
    (found,) = [f for f in check_message(text, channel=channel) if f.code == code]
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
    "the best. Call me at 555 010 2030.",
    "Hello, it's Tom. I'm excited because we just opened our new warehouse and I'd love to "
    "show it off. My manager asked me to call everyone on my list.",
    "Hi Dana, we have an article on our award and I mailed it to you. We're proud of our "
    "team and I'd like to visit.",
    "I'm Rita, I'm new at Acme, and I'm building my territory. I'd love to meet you. "
    "Our catalogue has tips.",
]


@pytest.mark.parametrize("text", ABOUT_ME)
def test_about_me(text: str) -> None:
    assert "about_me" in codes(text)


def test_about_me_counts_are_in_the_message() -> None:
    # 6 first-person (I'm, I, I'll, my, we, our), 1 second-person (you): 6 > 2.
    text = "I'm here because I mailed you a tip. I'll bring my notes; we have our data."
    assert "6 words about you" in flag(text, "about_me").message
    assert "against 1 about the prospect" in flag(text, "about_me").message


def test_about_me_boundary() -> None:
    # 6 first-person, 3 second-person: 6 is not more than 2 x 3, so it passes.
    balanced = "I mailed you my tip. We think your team, and you, could use our idea, I hope."
    assert "about_me" not in codes(balanced)
    # One "you" fewer: 6 > 2 x 2.
    assert "about_me" in codes(balanced.replace("and you, ", ""))
    # Four first-person words never flag, whatever the ratio.
    assert "about_me" not in codes("I mailed my tip and we sent our data.")


def test_thank_you_is_not_about_the_prospect() -> None:
    # 6 first-person words; three "thank you"s would otherwise make it 6 vs 3 and pass.
    text = ("I'm Rita, I mailed my tip, and we have our data. Thank you, thank you, "
            "thank you.")
    assert "about_me" in codes(text)


def test_the_call_back_ask_is_not_about_the_rep() -> None:
    # 4 first-person words plus "call me back" / "my number is": the formulas don't count.
    text = ("I mailed my tip and we sent our data. Call me back, my number is 555-0142.")
    assert "about_me" not in codes(text)
    assert "about_me" in codes(text.replace("Call me back, my number is", "Ring me on my line"))


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
    text = ("I haven't heard from you, so I'm calling again. I'm Rita, I'm at Acme, my number "
            "is 555-0142. " * 6)
    assert codes(text) == ["no_reason", "blames", "about_me", "too_long"]
    assert codes("Hi, this is Rita. Call me at 555-0142.") == ["only_name_number", "no_reason"]


def test_every_flag_explains_itself_differently() -> None:
    bad = [ONLY_NAME_NUMBER[0], NO_REASON[0][0], BLAMES[0][0], ABOUT_ME[0], "tip " * 76]
    flags = {f.code: f for text in bad for f in check_message(text)}
    assert set(flags) == set(CODES)
    assert len({f.message for f in flags.values()}) == len(CODES)
    assert len({f.suggestion for f in flags.values()}) == len(CODES)
    assert all(f.message.startswith("This ") for f in flags.values())
