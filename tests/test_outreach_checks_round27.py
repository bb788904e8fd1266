"""Round 27: the classes the blind X…, Y… and Z… sets found, in other words.

Phone numbers as the Netherlands and Belgium write them, the year of their event and "24/7"
say nothing of the listener; a price in euro or as a cut is an offer; generic questions about
contentment and the rep's own ask put as a question give no reason; the rep's own past with
the listener beside a reproach is no referral; Spanish courtesies and a plain "I'd be grateful"
are a polite request; more of the trade's promises are empty; another firm's deadline is not
the rep's push. Every case was written for this round, none copied from the corpus; the near
misses must keep their verdict. The rules are judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "Hello Mr. Bakker, Femke Smit from Polder Stays. Please call me back on 06 31 52 77 40. "
    "Thank you.",
    "Hi Mrs. Peeters, Lien Wouters from Kempen Venues. You can reach me on 0478 21 63 90.",
    "Good morning Mr. Jansen, Sem de Wit, Haven Events. My number is 0031 6 4411 2398.",
    "Hello Mr. Claes, Joris Maes, Dijle Meetings. Call me on 016 23 48 15, thanks.",
    "Hi Mr. Visser, Noor Bos from Polder Stays. You can call or text me on 06-24118803.",
])
def test_a_dutch_or_belgian_number_is_only_a_number(text: str) -> None:
    assert codes(text) == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    "Hello Mr. Kok, Sem de Wit from Haven Events, about your symposium in 2026. "
    "Call me on 06 31 52 77 40.",
    "Hi Mrs. Mertens, Lien Wouters, Kempen Venues. We run a 24/7 booking desk for your 2026 "
    "meetings. 0478 21 63 90.",
])
def test_the_year_of_their_event_is_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # A model year is a fact about their equipment, not the date of an event.
    "Hi Ron, Cal at Fenner Air. The 1996 chiller on your roof uses R-22, and that gas now "
    "costs four times what it did. 555-0144.",
    # A price in euro, and a cut, are offers even beside a push.
    "Hi Mr. Hendriks, Sem de Wit, Haven Events. I can hold 70 rooms at the Rotterdam Marriott "
    "at 139 euro a night for your autumn meeting. 06 31 52 77 40.",
    "Hi Mrs. Dekker, Femke Smit, Polder Stays. For your board retreat I can give you the "
    "Kasteel de Hooge Vuursche at 210 instead of 245, if you sign this week. 06 31 52 77 40.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text,channel", [
    ("Hi Mr. Lopez, Ana at Mesquite Linen. How happy are you with your current towel "
     "service? 915-555-0167.", "voicemail"),
    ("Hi Mr. Lopez, Ana at Mesquite Linen. Is your linen company giving you the quality and "
     "value you deserve? 915-555-0167.", "voicemail"),
    ("Subject: Your next linen partner?\n\nHi Mr. Lopez,\n\nIs your kitchen ready for the "
     "busy season ahead? Could I buy you a coffee one morning?\n\nAna Ruiz\nMesquite Linen\n"
     "915-555-0167", "email"),
    ("Hi Mr. Lopez, Ana at Mesquite Linen. Could you let me know when I can reach you in the "
     "office? 915-555-0167.", "voicemail"),
])
def test_a_question_anyone_could_be_asked_is_no_reason(text: str, channel: str) -> None:
    assert "no_reason" in codes(text, channel)


def test_the_reps_own_meeting_beside_a_reproach_is_no_referral() -> None:
    got = codes("Hi Dana, Reece at Wold IT. When we met at the Harrogate expo you said the "
                "partners would choose a provider by June, so I thought I'd have heard by now. "
                "01423 496 0112.")
    assert "blames" in got and "no_reason" in got


def test_someone_who_sent_the_rep_beside_a_reproach_still_counts() -> None:
    got = codes("Hi Dana, Reece at Wold IT. I haven't heard back, but Tom Firth at Firth & Cole "
                "asked me to call you about the phishing test we ran for his partners. "
                "01423 496 0112.")
    assert "no_reason" not in got


@pytest.mark.parametrize("text", [
    "Buenas tardes, le habla Rosa Garza de Mesquite Linen, para el señor Treviño. Cuando tenga "
    "un momentito, llámeme al 915-555-0167. Muchas gracias, que tenga buen día.",
    "Good afternoon Mr. Holt, Priya Shah, account manager at Wold IT. I'd be grateful for a "
    "call back at your convenience on 01423 496 0112. Many thanks.",
    "Hello, Imogen Price at Wold IT. Do drop me an e-mail, imogen dot price at wold-it dot co "
    "dot uk, or call 01423 496 0112. Thanks.",
])
def test_a_polite_request_in_other_words_is_only_a_name_and_a_number(text: str) -> None:
    assert codes(text) == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    "Hi Mr. Holt, Priya at Wold IT. I'd be so grateful if you could spare me ten minutes. "
    "01423 496 0112.",
    "Hi Mr. Holt, Priya at Wold IT. I've a new support plan and I'd be grateful for the "
    "business. 01423 496 0112.",
])
def test_gratitude_that_pleads_is_still_a_plea(text: str) -> None:
    assert "desperate" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Ms. Cole, Priya at Wold IT. Our managed service gives you complete peace of mind. "
    "01423 496 0112.",
    "Hi Ms. Cole, Priya at Wold IT. We're miles ahead of the other IT firms in Harrogate. "
    "01423 496 0112.",
    "Hi Mr. Garza, Ana at Mesquite Linen. Our mats outlast anything else you can buy, and "
    "they're better, period. 915-555-0167.",
    "Hello Mrs. Bos, Noor from Polder Stays. We find the perfect hotel for every group, with "
    "zero stress for you. 06 31 52 77 40.",
    "Hi Mr. Kok, Sem at Haven Events. We are simply better and cheaper than your agency. "
    "06 31 52 77 40.",
])
def test_more_promises_anyone_makes(text: str) -> None:
    assert "empty_claim" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Mr. de Vries, Sem at Haven Events. The Hilton in Rotterdam told all agencies its "
    "group rates rise 9% for contracts signed after 1 May, and your June congress has 150 "
    "rooms there. 06 31 52 77 40.",
    "Hi Mrs. Smit, Noor at Polder Stays. The Beurs van Berlage holds your date only until the "
    "end of the month, then the option goes to another association. 06 31 52 77 40.",
])
def test_another_firms_deadline_is_not_the_reps_push(text: str) -> None:
    assert "desperate" not in codes(text)
