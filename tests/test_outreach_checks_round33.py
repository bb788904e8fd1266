"""Round 33: the classes the SS…, TT… and UU… sets found, in other words.

The rep's own size, counted ("six depots", "two hundred-plus staff", "forty years in the
trade", "one of three we run") and the company's year ("going back to 1979", "since 1991")
are its story, no number for the listener; a cut-off date ("before the 15th", "the offer
closes on 28 February") counts nothing either. Hours spelt with a hyphen ("till half past"
aside: "until five-thirty") are reach hours. "Are you happy with who you're using now?" is a
question anyone could be asked; "a short visit next week" asks for a meeting; "the proposal I
sent over" sends nothing new; "lock in a call" is no offer. "Exclusive savings" are no
finding, "your esteemed family in good health" and "you are missing out" are no news about
them, a crowd across a region ("hotel owners across Ontario") is no peer, and a business that
"started with one van" is telling its story. Table linen is no table of figures, and a price
in pence ("at 31p a towel") is an offer. Every case was written for this round, none copied
from the corpus; the near misses must keep their verdict. The rules are judged alone
(``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Moira, Duncan from Clydeside Laundry. We run six depots and two hundred-plus staff. "
    "Forty years in the trade this spring. Ring me on 0141 496 0377.",
    "Hi Mr Rao, Anil from Konkan Cold Stores. Our Udupi yard is close to you, and it's one of "
    "three we run. Please call 98450 11234.",
    "Hi Dolores, Wade from Pecos Fire. The company goes back to 1979, family-owned since 1991. "
    "Give me a call at 432-555-0144.",
    "Hi Dolores, Wade from Pecos Fire. We started with one van and a ladder; now it's nine "
    "vans. Call me at 432-555-0144.",
])
def test_the_reps_own_size_and_years_are_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Mrs Kerr, Ailsa from Clydeside Laundry. If you sign before the 15th, I can get you "
    "sorted, so please ring me back. 0141 496 0377.",
    "Hi Mr Menon, Anil from Konkan Cold Stores. Our festival offer closes on 28 February, so "
    "do call me before then. 98450 11234.",
])
def test_a_cut_off_date_counts_nothing(text: str) -> None:
    assert "no_reason" in codes(text)


def test_hours_with_a_hyphen_are_reach_hours() -> None:
    got = codes("Hi, Wade Tillman with Pecos Fire. You can get me at 432-555-0144, I'm at my "
                "desk until five-thirty most days.")
    assert "only_name_number" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Gus, Wade from Pecos Fire. Are you happy with who you're using now? 432-555-0144.",
    "Hi Gus, Wade from Pecos Fire. Would a short visit to your yard on Friday be possible? "
    "432-555-0144.",
    "Hi Mr Shetty, Anil from Konkan. Did you get a chance to read the proposal I sent over "
    "last week? 98450 11234.",
    "Hi Isla, Ailsa from Clydeside Laundry. Can we lock in a call for Thursday? "
    "0141 496 0377.",
])
def test_asking_for_time_or_about_the_pitch_is_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Mr Pillai, Anil from Konkan Cold Stores. Book your blast freezer this month and enjoy "
    "exclusive savings. 98450 11234.",
    "Dear Mr Nair, I trust this note finds you and your esteemed family in good health. Anil, "
    "Konkan Cold Stores, 98450 11234.",
    "Hi Gus, Wade from Pecos Fire. Honestly, you are missing out on a great deal. "
    "432-555-0144.",
    "Hi Gus, Wade from Pecos Fire. Hotel owners across Ontario trust us to keep their guests "
    "safe. 432-555-0144.",
    "Hi Morag, Duncan from Clydeside Laundry, calling about your table linen. 0141 496 0377.",
])
def test_empty_words_that_looked_like_reasons_are_none(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # Their own size, counted, is theirs.
    "Hi Morag, Duncan from Clydeside Laundry. Your sixth depot opened in Paisley last month, "
    "so your four vans will cross ours. 0141 496 0377.",
    # An outside deadline given to them is news.
    "Hi Mr Iyer, Anil from Konkan. The state has given exporters until 31 March to register "
    "their cold rooms. 98450 11234.",
    # A price in pence is an offer.
    "Hi Morag, Duncan from Clydeside Laundry. I can do your bath towels at 31p a towel, "
    "collected twice a week. 0141 496 0377.",
    # A date with a size still counts.
    "Hi Gus, Wade from Pecos Fire. Sign before March 31 and we take 12% off the inspection. "
    "432-555-0144.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)
