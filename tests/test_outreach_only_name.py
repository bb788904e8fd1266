"""A name, a way to reach the rep and a request, in forms the phrase lists never held.

Each case is written here in other words than the corpus: the forms are classes – a number
read out or given with a country code, an address read out, a booking link, hours after a
day, any length of time asked for, "free" meaning available, counts, adverbs and job titles
– and the reasons beside them still lift a message out.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message

pytestmark = pytest.mark.graph


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel)]


@pytest.mark.parametrize("text", [
    # A number with a country code, in groups of any size, or after a label.
    "Hello Ms. Okafor, Lena Brandt from Nordwerk Logistik. Please ring me back on "
    "+49 30 4 555 0191 at your convenience.",
    "Dear Mr. Ito, I hope this finds you well. I'd be glad to arrange a short call whenever it "
    "suits. Kind regards, Paolo Ricci, Regional Manager, Arco Srl, Tel: 02 5550 1189",
    # Read out in pairs and with the code.
    "Hi Wei, it's Rohan Das of Kestrel Advisory. You can get me on plus forty-four, seventy-seven "
    "double oh, nine one two three four five. Speak soon.",
    # An address read out, a link to book a slot.
    "Hi Dana, Priya at Fieldstone. Drop me a line at priya dot shah at fieldstone dot io, or "
    "call 555-0178. Thanks!",
    "Subject: Quick chat?\nHi Omar,\nCould we find twenty minutes? Grab any slot at "
    "cal.com/mara-lindqvist/intro.\nMara",
    # Hours after a day, any length of time asked for, "free" as available.
    "Hi Beth, it's Carl Meyer from Brightline. I'm free Wednesday 9-11 or Friday 1-3 if you "
    "could spare ten or fifteen minutes. 555-0163.",
    "Good morning Mr. Adeyemi, this is Grace Holm of Tidewell. I was hoping you might have "
    "half an hour free sometime next week. My number is 555-0184. Have a lovely day.",
    # Counts, adverbs, "'s" and titles say nothing: "twice", "genuinely", "diary's".
    "Hi Sam, Nadia Ferreira, senior business development executive at Corvid. I've tried you "
    "twice now and would genuinely value a few minutes. My diary's open, 555-0101.",
])
def test_a_name_a_way_to_reach_and_a_request_is_all_it_says(text: str) -> None:
    channel = "email" if text.startswith("Subject") else "voicemail"
    found = codes(text, channel)
    assert "only_name_number" in found and "no_reason" in found


@pytest.mark.parametrize("text", [
    # Time saved is a fact about them, not a call's length.
    "Hi Dev, Maya at Routewise. Bakers on our Tuesday route cut 25 minutes a truck off loading. "
    "Worth a look for your Elm Street dock? 555-0122.",
    # Free as a giveaway, not as available.
    "Hi Luis, Kara at Sunfield Payroll. Your first two payroll runs are free if you switch "
    "before your January filing. 555-0190.",
    # A topic word ending in -ly is a topic.
    "Hi Ana, Joe with Harbor Benefits, calling about family coverage for your drivers. "
    "555-0140.",
    # A link to a resource still names the resource.
    "Hi Tess, Ben from Gridline. I put the energy audit checklist for cold stores at "
    "gridline.com/checklist, if it helps with your Salem plant. 555-0177.",
])
def test_a_reason_beside_those_forms_still_lifts_the_message(text: str) -> None:
    assert "only_name_number" not in codes(text)


@pytest.mark.parametrize("text", [
    # The rep's tries counted, in any form, are no number about the listener.
    "Hi Colm, Ivy Marsh from Keel Freight. This is my fourth attempt to reach you since the last "
    "three weeks, after six or seven voicemails. Please ring back on 555-0119.",
    "Hi Noor, Fred Lamb at Ostrava Tools. I sent two separate e-mails and this is the third call. "
    "Could we talk? 555-0155.",
    # Asking for their time is no question about their business.
    "Hi Rhea, Dom Pike from Lattice HR. Would you find time on Thursday for a short call? "
    "555-0108.",
])
def test_counted_tries_and_asked_for_time_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


def test_a_count_of_their_own_things_is_still_a_reason() -> None:
    text = ("Hi Raj, Lin at Coldline. Your three cold rooms on Pier 4 run older compressors; "
            "two of the four we replaced at Dockside cut their power bill 18%. 555-0131.")
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    # Their own word held up to them is no referral.
    "Hi Gus, Tara at Pinefield Roofing. You told me at the builders' expo you'd ring me once the "
    "storm claims settled. 555-0144.",
    # Asking them to try the product is the pitch, not a question about their business.
    "Hi Meg, Olu at Swiftline Couriers. Would you consider trying our same-day service for a "
    "month? 555-0106.",
])
def test_their_promise_and_the_pitch_as_a_question_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


def test_someone_who_said_to_call_is_still_a_referral() -> None:
    text = ("Hi Gus, Tara at Pinefield Roofing. Lena Ruiz at Northgate Homes said you'd want to "
            "hear how we re-roofed her two show homes in four days. 555-0144.")
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    # Request words in another tense or number, words of the office, a courtesy abroad.
    "Dear Mr Laine, I write further to my earlier correspondence, seeking an appointment at a "
    "date of your choosing. I remain at your disposal. Mit freundlichen Grüßen, Jonas Weber, "
    "Tel: +49 40 555 0192",
    "Hi Tom, it's Alice at Brookfield Bank. I've left my details with your secretary twice "
    "and I'm hoping we manage to connect. Grazie, 555-0134.",
])
def test_request_words_inflected_and_courtesies_abroad_say_nothing(text: str) -> None:
    channel = "email" if text.startswith("Dear") else "voicemail"
    assert "only_name_number" in codes(text, channel)


@pytest.mark.parametrize("text", [
    # A teaser and the rep's tenure still say something.
    "Hi Rob, Lena at Oakfield Labels. I've got a couple of ideas I think you'd find "
    "intriguing. 555-0145.",
    "Hi Rob, Lena Park, the new manager for your area at Oakfield Labels. I've been with the "
    "firm for twelve years. 555-0145.",
])
def test_a_teaser_or_the_reps_years_lift_a_message(text: str) -> None:
    assert "only_name_number" not in codes(text)


@pytest.mark.parametrize("text", [
    # The company's history in the third person is the rep's story, not a reason.
    "Subject: Meet Fairhaven Tools\nDear Ms Cole,\nWhat began as a two-man forge in Sheffield "
    "in 1961 now ships to thirty countries. Fairhaven Tools celebrates its sixtieth year this "
    "spring. I'd welcome a short meeting.\nRegards, Owen Marsh",
    # Where things stand with the rep's own ask is no question about their business.
    "Hi Ali, Sean at Brightwell Signs. Could you let me know either way? 555-0119.",
    "Hi Ali, Sean at Brightwell Signs. I've written on four occasions now. 555-0119.",
])
def test_the_companys_history_and_status_questions_give_no_reason(text: str) -> None:
    channel = "email" if text.startswith("Subject") else "voicemail"
    assert "no_reason" in codes(text, channel)


def test_a_dated_fact_about_their_business_is_still_a_reason() -> None:
    text = ("Hi Ali, Sean at Brightwell Signs. Your landlord on Quay Street started the facade "
            "works in March, and the council now needs new fascia permits by June. 555-0119.")
    assert "no_reason" not in codes(text)


@pytest.mark.parametrize("text", [
    # A request word with "re-" or "-en", the day and hour of a slot.
    "Subject: Reintroducing myself\nHi Dee,\nI've taken over the region from Sam. Could we find "
    "15 minutes on Monday at 9 or Thursday at 3?\nBest, Kit Lowe",
    # The rep's silence observed, the rep's own pitch asked about.
    "Hi Lou, Cass at Brightline Print. My e-mails show as opened, so I hope they reached you. "
    "Had a chance to look at the quote I sent? 555-0191.",
    # The catalogue read out and a dated history, whoever the subject.
    "Subject: Hello from Norvik\nDear Mr Bell,\nNorvik has been making pallets since 1987. Our "
    "services include racking, repairs and audits. Would you like to learn more?\nAnna Holm",
])
def test_asks_the_reps_own_pitch_and_catalogue_give_no_reason(text: str) -> None:
    channel = "email" if text.startswith("Subject") else "voicemail"
    assert "no_reason" in codes(text, channel)


def test_a_customer_using_the_product_since_a_date_is_still_a_reason() -> None:
    text = ("Hi Vince, Amy at Oak Printing. Rosa's Grill has been using our waterproof menus "
            "since 2023 and they still look new. I've mailed you a sample. 555-0121.")
    assert "no_reason" not in codes(text)
