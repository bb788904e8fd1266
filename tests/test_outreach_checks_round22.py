"""Round 22: the classes the blind A… and E… sets found, in other words.

Their word or their absence held up to them is a reproach; the rep's slow month and "your
account is so important to us" are the rep's need; rank said with no measure is an empty
claim; an order-by date that a lead time explains is the listener's schedule. Every case was
written for this round, none copied from the corpus; the near misses must keep their verdict.
The rules are judged alone (``learned=False``): these are their families, not the model's.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Odette, Bram from Kestrel Hoists. I was counting on a call from you after the trade fair. "
    "Ring me on 0412 557 309.",
    "Hello Mr. Yilmaz, Priya at Greenway Filters. I was expecting you at the open day on Friday. "
    "Call me when you can, 555-0131.",
    "Hi Sunil, Marco from Tidewell Pumps. I was really hoping you'd ring after the samples went "
    "out. 555-0188.",
    "Hi Greta, it's Lars. I thought we'd agreed you'd call me on Monday. 555-0172.",
    "Morning Mr. Osei, Dana from Brightline. You didn't turn up for the site visit we booked. "
    "555-0150.",
    "Hi Ms. Farah, Joel at Cobalt Racking. The walkthrough was postponed again from your end. "
    "555-0163.",
    "Hi Piers, Tomasz at Harbour Print. I've still not got a response to either of my notes. "
    "555-0194.",
    "Hi Ines, Viv from Northdown. I'm sure you got my earlier voicemails, so I'll keep it short. "
    "555-0110.",
    "Hi Colm, Aoife at Brightwater. OK, you clearly don't want to hear from me. 555-0157.",
    "Hi Rohan, Meg at Fernlea. You cancelled our call twice, so I'll stop asking. 555-0139.",
    "Hi Tess, Ravi from Quarrytech. Three weeks of voicemails now and I'm starting to take it "
    "personally. 555-0126.",
    "Hi Wyn, Ola from Lakeside. Guess you're too busy for suppliers these days. 555-0145.",
    "Hi Mr. Adeyemi, Beth at Solway. I was under the impression you would confirm by today. "
    "555-0103.",
])
def test_their_absence_or_their_word_held_up_is_a_reproach(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Nell, Owen from Kettle Valley Foods. Honestly this quarter has been slow for us, so I "
    "thought I'd try you. 555-0117.",
    "Hi Mr. Haddad, Sofia from Crestline. Our Leeds branch is behind on its numbers, and I'd "
    "love your order. 555-0128.",
    "Hi Maeve, Tariq at Bellwood. We've been hoping to get into your group for a long time. "
    "555-0149.",
    "Hi Mr. Kowal, Jo at Pinecrest. Your plant is very important to us this year. 555-0162.",
    "Subject: Final reminder\n\nHi Arjun,\n\nThis is my final reminder about the quote.\n\nBen",
    "Hi Ama, Joss from Riverbend. I know I'm the last person you want to hear from, but I'd be "
    "grateful for a call. 555-0186.",
    "Hi Nico, Lou at Harwood. I apologise for calling again, I don't mean to be a pest. "
    "555-0197.",
])
def test_the_reps_own_need_is_desperate(text: str) -> None:
    assert "desperate" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Fern, Ed from Castlegate Tiles. Our showroom is the biggest in the state. 555-0122.",
    "Hi Mr. Lund, Ada at Merrow Valves. Our valves are simply better than the rest. 555-0133.",
    "Hi Kai, Rosa at Alder Payroll. We're highly regarded across the sector and would be the "
    "perfect partner for your stores. 555-0144.",
    "Hi Lena, Sam at Tallis HR. Our portal will make your life so much easier. 555-0155.",
])
def test_rank_or_regard_with_no_measure_is_an_empty_claim(text: str) -> None:
    assert "empty_claim" in codes(text)


def test_an_order_by_date_a_lead_time_explains_is_not_the_reps_push() -> None:
    text = ("Subject: Your chiller before the summer\n\nHi Mr. Barros,\n\nYour packing hall's "
            "chiller at Leiria tripped four times in August. Lead time on the replacement is "
            "seven weeks, so an order by 20 April has it running before your June peak.\n\n"
            "Rita Sousa\nFrioLar")
    assert "desperate" not in codes(text, "email")


@pytest.mark.parametrize(("text", "code"), [
    # Kindness about their time is not a reproach.
    ("Hi Noor, Femi from Eastgate. I know the harvest keeps you busy, so here's the one thing: "
     "your Ashby cold store is on the council's inspection list for March. 555-0115.", "blames"),
    # A time that suits them better is no claim.
    ("Subject: Walk-through\n\nHi Amir,\n\nAs promised, the floor plan of the 40,000 sq ft unit "
     "on Dock Road is attached. I've pencilled in Monday at 10; tell me if another time is "
     "better.\n\nSteph", "empty_claim"),
    # The rep's own culture, or the rep's plans for other markets, are no plea.
    ("Hi Tom, Jen from Lakemont IT. Security is really important to us: Harlow Dental's server "
     "has run 400 days without an incident since we took it on. 555-0164.", "desperate"),
    ("Hi Ruth, Lee at Copperline. We mostly work with clinics but we're trying to get into "
     "law firms; Bexley Solicitors cut their printing bill 22% with us. 555-0176.", "desperate"),
])
def test_near_misses_keep_their_verdict(text: str, code: str) -> None:
    channel = "email" if text.startswith("Subject:") else "voicemail"
    assert code not in codes(text, channel)
