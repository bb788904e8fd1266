"""Round 32: the classes the PP…, QQ… and RR… sets found, in other words.

Reach hours with "about" and half hours ("from about seven thirty till four thirty", "any
time up to about six") are times; "just so you know who we are" and "not sure if you've heard
of us" are formulas, not words to the listener, so the company's story after them stays its
story; their word held up to them ("you did say to ring you this week") is no reason; "a hard
person to get hold of" is blame. Every case was written for this round, none copied from the
corpus; the near misses must keep their verdict. The rules are judged alone
(``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Aroha, Jess from Kōwhai. Give me a call back on 021 763 0381; I'm at the office from "
    "about seven thirty till four thirty most days. Cheers.",
    "Hi Niamh, Fergal from Liffey Duct Care. My mobile is 087 550 1934, any time up to about "
    "six. Thanks a million.",
])
def test_reach_hours_with_about_and_half_hours_are_only_a_number(text: str) -> None:
    got = codes(text)
    assert "only_name_number" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Mere, Tama from Kōwhai. Just so you know who we are, we're a family business, started "
    "in Hamilton in 1987. We've got four branches now. 021 763 0381.",
    "Hi Ciarán, Fergal from Liffey Duct Care. Not sure if you've heard of us, we were founded "
    "in Dublin in 1996. We've grown to four offices. 087 550 1934.",
])
def test_the_story_after_a_formula_is_still_the_story(text: str) -> None:
    assert "no_reason" in codes(text)


def test_their_word_held_up_is_no_reason() -> None:
    got = codes("Hi Wiremu, Jess from Kōwhai. You did say to ring you this week, and I've tried "
                "you every day. 021 763 0381.")
    assert "blames" in got and "no_reason" in got


def test_a_hard_person_to_get_hold_of_is_blame() -> None:
    assert "blames" in codes("Hi Luc, Marie from Maple Pick. You seem to be a very hard person "
                             "to get hold of. 514 555 0182.")


@pytest.mark.parametrize("text", [
    "Hi Aroha, Jess from Kōwhai. Your Te Rapa shift runs from six till two, so we'd service the "
    "trucks at two thirty, between shifts, for $180 each. 021 763 0381.",
    "Hi Mere, just so you know, Fonterra's Te Rapa site cut forklift downtime by a third after "
    "our lithium changeover. 021 763 0381.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)
