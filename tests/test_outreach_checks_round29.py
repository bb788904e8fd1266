"""Round 29: the classes the DD… to II… sets found, in other words.

A phone number is read by any country's numbering plan, not one pattern a country; times on a
24-hour clock ("14h") are times; thanks as a courtesy is nobody who sent the rep; the firm's
own papers attached are its pitch; a crowd of unnamed customers, the rep's own people, and
results promised in general are no reason; a named firm's news is the rep's story; how they
do things "currently" is a question anyone could be asked; attempts dated in figures beside
a reproach are no reason. Every case was written for this round, none copied from the corpus;
the near misses must keep their verdict. The rules are judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message
from referrals.outreach.formulas import _PHONE


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    # A Brazilian mobile, a South African landline, a Philippine mobile, an Italian landline:
    # none of them is written the way the patterns know.
    "Bom dia, Seu Jorge, Paulo Andrade from Campo Voador. Call me back on (44) 99812-3076.",
    "Morning Thabo, Pieter from Karoo Pumps here. Give me a ring on 013 692 4418.",
    "Good morning po, Ma'am Reyes, this is Jun from Lakas Power. My number is 0917 624 8831.",
    "Good morning Mr. Fabbri, this is Chiara from Tecno Imballi. Call me at 051 634 2290.",
])
def test_a_number_in_any_countrys_plan_is_only_a_number(text: str) -> None:
    assert codes(text) == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    "The Sorriso co-op sprayed 2 400 ha last season.",
    "Your audit on 14.03.2025 found 11 open drains.",
    "Between the 2019 2020 harvests your yield fell.",
])
def test_figures_dates_and_years_are_no_phone_number(text: str) -> None:
    assert _PHONE.search(text) is None


def test_a_number_keeps_its_extension() -> None:
    text = "Call me on (02) 8634-2210 loc. 114 today."
    assert _PHONE.sub("#", text) in ("Call me on # today.", "Call me on #. 114 today.")
    assert codes("Hi Ma'am Cruz, Ana from Lakas Power. Call me on (02) 8634-2210 ext 114."
                 ) == ["only_name_number", "no_reason"]


def test_a_24_hour_time_is_no_reason() -> None:
    assert codes("Bom dia Dona Lúcia, Tiago from Campo Voador. Is Thursday 14h a good time "
                 "for a call? (66) 3544-7120.") == ["only_name_number", "no_reason"]


@pytest.mark.parametrize("text", [
    "Dear Mr. Ueda, thank you for your continued support. Could we meet next week? "
    "Kenji Mori, Tokai Air Service, 052-812-4471.",
    "Hello Mr. Kaya, thank you for your hard work this season. I'd like a short call. "
    "Emre, Yolbil Telematik, 0532 418 22 90.",
])
def test_thanks_as_a_courtesy_is_no_referral(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    "Subject: Our company profile\n\nDear Ms. Ito,\n\nPlease find attached our company "
    "profile. I'd be glad to hear from you.\n\nHiro Sato\nTokai Air Service",
    "Subject: Brochure\n\nDear Mr. Lenz,\n\nOur new company brochure is attached. Let me know "
    "when suits you.\n\nAnna Bauer\nReinwerk GmbH",
    "Hi Mr. Okafor, Sipho from Karoo Pumps. I sent you our pump service presentation two "
    "weeks ago. Please call me back on 082 417 3390.",
])
def test_the_firms_own_papers_attached_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text, "email" if text.startswith("Subject") else "voicemail")


@pytest.mark.parametrize("text", [
    "Hi Marco, many wineries in the Valpolicella have cut their losses with our service. "
    "Call me on 045 771 2290.",
    "Hi Ms. Dela Cruz, our manager, Ramon Lim, used to run standby power for a big mall "
    "group. Call me on 0917 512 4488.",
    "Hello Mr. Botha, we guarantee results and better savings for every client. "
    "Ring me on 082 417 3390.",
])
def test_crowds_our_own_people_and_promised_results_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Marco, twelve wineries in the Valpolicella cut their bottling losses by a third with "
    "our service. Call me on 045 771 2290.",
    "Hi Ms. Dela Cruz, SM Seaside's engineering head, Ramon Lim, switched their standby sets to "
    "us last May. Call me on 0917 512 4488.",
    "Hello Mr. Botha, the results of the water test at your Kathu plant are back. Ring me on "
    "082 417 3390.",
    "Dear Mr. Rossi, I've attached the test results from your line 2 filler. Chiara Neri, "
    "Tecno Imballi.",
    "Dear Mr. Ueda, we're offering 10 percent on the leak survey for your Kariya plant this "
    "month. Kenji Mori, 052-812-4471.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    "Subject: Tecno Imballi turns 30!\n\nDear Mr. Fabbri,\n\nTecno Imballi turns 30 this "
    "year. Last week Tecno Imballi opened its fourth branch.\n\nChiara Neri\nTecno Imballi",
    "Dear Mr. Kaya, in June Yolbil was certified to ISO 27001. Yolbil now has 140 staff. "
    "Emre Aksoy, Yolbil, 0532 418 22 90.",
])
def test_a_named_firms_news_is_its_story(text: str) -> None:
    got = codes(text, "email" if text.startswith("Subject") else "voicemail")
    assert "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Ms. Villa, Ana from Lakas Power. Do you currently have a backup generator? "
    "Call me on 0917 624 8831.",
    "Hi Herr Maier, Anna from Reinwerk. How satisfied are you with the results? "
    "Call me on 0871 43 21 09.",
])
def test_how_they_do_it_now_is_a_question_anyone_could_be_asked(text: str) -> None:
    assert "no_reason" in codes(text)


def test_a_sharp_question_is_still_a_reason() -> None:
    assert "no_reason" not in codes(
        "Hi Ms. Villa, Ana from Lakas Power. Is the Cubao mall still on the 1998 Cummins set "
        "that tripped during the May brownout? Call me on 0917 624 8831.")


def test_attempts_dated_in_figures_beside_a_reproach_are_no_reason() -> None:
    got = codes("Subject: No reply\n\nDear Mr. Duman,\n\nI sent you our proposal on 04.03 "
                "and a reminder on 18.03, and I still haven't heard from you.\n\nAyse Polat"
                "\nYolbil", "email")
    assert "blames" in got and "no_reason" in got
