"""Round 25: the classes the blind H…, L… and T… sets found, in other words.

A rank against everyone stays empty beside a price; the trade's own promises ("your worries
are over", "the ultimate solution") are empty claims; a period's end that someone else's
schedule sets is no push; a repeat that says it is chasing is a plea; a word given and broken
by its date, or silence noted ("nobody ever picks up"), is blame; office hours, a visit's date
and a chase by question are no reasons; a price per unit in any currency is an offer. Every
case was written for this round, none copied from the corpus; the near misses must keep their
verdict. The rules are judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail", earlier: tuple[str, ...] = ()) -> list[str]:
    return [f.code for f in check_message(text, channel=channel, earlier=earlier,
                                          learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Moira, Ewan from Tidyline. We empty café bins in Leith at €38 a fortnight, and I'll "
    "be honest, nobody in Edinburgh will treat you better. 0131 496 0821.",
    "Hi Raj, Ewan at Tidyline. For the two kitchens it's £160 a month, and you won't find a "
    "tidier crew anywhere. 0131 496 0821.",
    "Hi Sal, Ewan at Tidyline. Our compactors simply last longer than anything else out "
    "there. 0131 496 0821.",
    "Hi Tom, Ewan at Tidyline. We're the ultimate solution for restaurant waste. "
    "0131 496 0821.",
    "Hi Ann, Ewan at Tidyline. With us, your bin worries are over. 0131 496 0821.",
    "Hi Lee, Ewan at Tidyline. We really have excellent compactors for a hotel like yours. "
    "0131 496 0821.",
    "Hi Kay, Ewan at Tidyline. Our app is super easy to use and gives you total control of "
    "spend. 0131 496 0821.",
])
def test_a_rank_or_promise_for_everyone_is_an_empty_claim(text: str) -> None:
    assert "empty_claim" in codes(text)


@pytest.mark.parametrize("text", [
    # A rank in the listener's inspector's mouth, a peer's price, a trial's terms, their risk.
    "Hi Dana, Ewan from Tidyline. Clean bin stores are the number one thing the food "
    "inspector checks, and I can send you the checklist Hale Hotel used. 0131 496 0821.",
    "Hi Ross, Ewan from Tidyline. The Leith creamery sends its whey to a pig farm for less "
    "than landfill, and I can put you in touch with their manager. 0131 496 0821.",
    "Hi Jo, Ewan at Tidyline. I'd like to offer Hale Foods a free sixty-day trial on the "
    "Dundee site's collections. If it doesn't save your team time, you walk away. "
    "0131 496 0821.",
    "Hi Pat, Ewan at Tidyline. Your Monday queue probably starts with receipts nobody can "
    "match; Burns Bakery set card limits and stopped chasing them. 0131 496 0821.",
])
def test_near_misses_of_a_claim_stay_clean(text: str) -> None:
    assert "empty_claim" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Gail, Ewan at Tidyline. The Granton yard needs its waste licence renewed by the end "
    "of the month, I gather from your planner. I can send you the form we filled in for "
    "Forth Ports. 0131 496 0821.",
    "Hi Sam, Ewan at Tidyline. Groups your size often approve supplier invoices office by "
    "office, which is where duplicate payments slip through; Burns Bakery caught £9,000 "
    "of them. 0131 496 0821.",
    "Hi Ian, Ewan at Tidyline. At the Glasgow meeting you asked about pumps that can be "
    "repaired under pressure; I found the Scottish Water case study with its costs. "
    "0131 496 0821.",
    "Hi Meg, Ewan at Tidyline. The twelve pumps on your Dundee line are in their ninth year. "
    "If you order the seal kits before your October shutdown, we ship from stock in ten "
    "days. 0131 496 0821.",
    "Hi Ed, Ewan at Tidyline. The Fringe closes your street to lorries from 10am for three "
    "weeks. We can move your lifts to 6am at no extra cost, but I need to book the slot "
    "this week. 0131 496 0821.",
])
def test_an_outside_schedule_is_no_push(text: str) -> None:
    assert "desperate" not in codes(text)


def test_a_repeat_that_says_it_is_chasing_is_a_plea() -> None:
    earlier = ("Hi Cormac, Ewan from Tidyline. We'd service the grease trap at the chippy "
               "for £110 a quarter, paperwork included. 0131 496 0821.",)
    text = ("Hi Cormac, Ewan again, just following up on my message. It was about the grease "
            "trap at the chippy, £110 a quarter. 0131 496 0821.")
    got = codes(text, earlier=earlier)
    assert "repeated" in got and "desperate" in got
    # The same chase with news in it is not a repeat, and so no plea.
    fresh = ("Hi Cormac, Ewan again, just following up: the council fined two chippies on "
             "your street in May for grease in the drains. £110 a quarter still stands. "
             "0131 496 0821.")
    assert "desperate" not in codes(fresh, earlier=earlier)


@pytest.mark.parametrize("text", [
    "Hi Neil, Ewan at Tidyline. When we spoke you said you'd bring in your finance director "
    "by April, so I'll put the pilot details here: 400 invoices, 30 days, free. "
    "0131 496 0821.",
    "Hi Kurt, Ewan at Tidyline. You'd promised to get me the meter readings, so I'll guess: "
    "about four hundred lifts a year. 0131 496 0821.",
    "Hi Ciara, Ewan at Tidyline. I sent the quote before your board meeting as you asked, "
    "and I've heard nothing since. It's £720 a month. 0131 496 0821.",
    "Hi Olek, Ewan at Tidyline. I've rung your mobile and the office all week and nobody "
    "ever picks up. 0131 496 0821.",
    "Hi Ayse, Ewan at Tidyline. It would have been kind to let me know the order went "
    "elsewhere. I can still offer spares for your 300 actuators. 0131 496 0821.",
    "Hi Pat, Ewan at Tidyline. I'd assumed I'd hear from you after the trade show, but the "
    "pricing you asked about is in your inbox. 0131 496 0821.",
])
def test_a_broken_word_or_a_noted_silence_is_blame(text: str) -> None:
    assert "blames" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Neil, Ewan at Tidyline. You mentioned you'd like the figures by March, so here they "
    "are: 400 invoices a month, £1.10 each. 0131 496 0821.",
    "Hi Ramona, Ewan at Tidyline. I know you're in the middle of the audit, so no need to "
    "reply: the checklist for your Ricoh printers is attached. 0131 496 0821.",
])
def test_near_misses_of_blame_stay_clean(text: str) -> None:
    assert "blames" not in codes(text)


@pytest.mark.parametrize("text,channel", [
    ("Hello, Ewan Bell from Tidyline, looking for Mr. Walsh. If you could ring me back on "
     "0131 496 0821, I'm around till half five most days. Thanks a million.", "voicemail"),
    ("Subject: Ewan Bell, Tidyline\n\nDear Mr. Walsh,\n\nI'm the account manager for your "
     "area at Tidyline. I'd be glad to arrange a time to speak. I'm in the office Monday to "
     "Friday, 8.30 to 5, on 0131 496 0821.\n\nYours sincerely,\nEwan Bell", "email"),
    ("Hi Fintan, Ewan from Tidyline. I'm just chasing up my e-mail from last week, would you "
     "ever give me a quick ring back? 0131 496 0821.", "voicemail"),
    ("Subject: My e-mail\n\nHi Ronan,\n\nJust wondering if my e-mail from last week reached "
     "you?\n\nThanks,\nEwan", "email"),
    ("Good morning Mr Toma, Ewan from Tidyline. Please call me back. Plus 44, 131, 496, "
     "0821.", "voicemail"),
])
def test_hours_a_chase_and_a_spoken_number_are_only_name_and_number(text: str,
                                                                   channel: str) -> None:
    got = codes(text, channel)
    assert "only_name_number" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Paddy, Ewan from Tidyline. Race week is back on the 28th. We can do a daily lift "
    "for the seven days, €95 for the week. 0131 496 0821.",
    "Hi Mr Fotiou, Ewan from Tidyline. We can repack the valves on site, about €60 per "
    "valve. 0131 496 0821.",
    "Hi Janet, Ewan at Tidyline. I know Heartland Supply has about fifteen people keying "
    "invoices. We connect to Intacct. 0131 496 0821.",
    "Hi Paul, Ewan at Tidyline. Since then I've got a firm price from our supplier, so the "
    "cool room system is now £2,100 cheaper than quoted. 0131 496 0821.",
])
def test_a_price_per_unit_or_a_fact_heard_is_a_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


def test_a_visit_date_is_no_reason() -> None:
    text = ("Subject: About Tidyline\n\nHi Noreen,\n\nTidyline started in 1998 and is still "
            "family owned. We collect from 3,000 firms across Scotland. In 2022 we opened our "
            "own sorting plant.\n\nI'll be in Leith on the 14th if you'd like to meet.\n\n"
            "Ewan Bell")
    got = codes(text, "email")
    assert "about_me" in got and "no_reason" in got
