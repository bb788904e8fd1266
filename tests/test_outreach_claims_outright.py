"""The rep's standing said outright, with nothing after it to check, is an empty claim.

"Our crews are the best.", "we're a market leader in …", "top-of-the-line", "outperforms every
competitor", "breakthrough results": a rank or a result that names no customer and no number.
The same words backed by a named customer's result, or said of something else, are not. The
cases are written here in other words than the corpus.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message

pytestmark = pytest.mark.graph


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel)]


@pytest.mark.parametrize("text", [
    "Hi Joan, Pete at Ridgeline Roofing. Honestly, our crews are the best. Call me at 555-0131.",
    "Hi Sam, Lia from Corvid Freight. We're a recognized market leader in refrigerated "
    "freight. Call me back at 555-0114.",
    "Hi Nell, Abe at Quill Printing. Our presses outperform every competitor on colour. "
    "555-0172.",
    "Subject: Support\n\nHi Omar,\n\nWe provide top-of-the-line network support for offices "
    "like yours.\n\nKai\nNetHaven",
    "Subject: Growth\n\nHi Rosa,\n\nOur clients see breakthrough pipeline growth within "
    "weeks.\n\nTess\nLeadLoom",
])
def test_standing_said_outright_is_an_empty_claim(text: str) -> None:
    channel = "email" if text.startswith("Subject") else "voicemail"
    assert "empty_claim" in codes(text, channel)


@pytest.mark.parametrize("text", [
    # A time the rep can call, ranked.
    "Hi Joan, Pete at Ridgeline Roofing. I mailed you the photos of your north gutter. I can "
    "come Tuesday or Thursday; Tuesday at ten is the best for me. 555-0131.",
    # A result with its customer and number.
    "Hi Nell, Abe at Quill Printing. Harbor Books saw dramatic savings on their catalogue run, "
    "22 percent, after moving to our web press. I'll send you their quote. 555-0172.",
    # The listener's own ranking, quoted to them.
    "Hi Sam, Lia from Corvid Freight. The state's survey named your Yakima plant the market "
    "leader in cold-pack apples this year; I've mailed you its page on freight costs. "
    "555-0114.",
])
def test_the_same_words_with_their_proof_or_about_something_else_pass(text: str) -> None:
    assert "empty_claim" not in codes(text)
