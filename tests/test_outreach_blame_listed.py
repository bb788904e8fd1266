"""Reproach in forms the families missed: tries listed or counted loosely, receipt asserted.

"I've rung you a good few times", "third go at catching you", "a message Tuesday and another
one Thursday", "I've tried e-mail, phone and LinkedIn", "I know you've been getting my notes",
"talking to a wall", "you haven't sent back the kit": each makes the listener wrong. A
condition, another company's support line and a count of the rep's own work do not. The
cases are written here in other words than the corpus.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message

pytestmark = pytest.mark.graph


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel)]


@pytest.mark.parametrize("text", [
    "Hi Moira, Cathal at Lough Print. I've phoned you a fair few times now. Give me a ring on "
    "087 555 0199.",
    "Hi Jen, Ross from Tallow Freight. Fourth go at reaching you. 555-0123.",
    "Hi Abe, Lena at Quarry Tools. I left you a voicemail Monday and another on Wednesday. "
    "555-0181.",
    "Hi Dev, Sam at Ferro Steel. I've tried phone, text and LinkedIn. 555-0146.",
    "Subject: My notes\n\nHi Ana,\n\nI can see you've been opening my e-mails, so I'll keep "
    "this short: are you still looking at new racking?\n\nPaul",
    "Hi Gus, Nadia at Brightwell. Honestly it feels like talking to a brick wall. 555-0150.",
    "Subject: The sample\n\nHi Theo,\n\nI noticed you haven't sent back the soil sample bag I "
    "mailed on the 3rd.\n\nMara",
])
def test_listed_tries_and_receipt_asserted_blame(text: str) -> None:
    channel = "email" if text.startswith("Subject") else "voicemail"
    assert "blames" in codes(text, channel)


@pytest.mark.parametrize("text", [
    "Hi Theo, Mara at Terrafirm Labs. If you haven't sent back the county's soil form, the "
    "late fee starts Monday; I've mailed you a filled-in copy to check. 555-0163.",
    "Hi Dev, Sam at Ferro Steel. Your team has tried phone and e-mail support at your current "
    "mill and waited two days each time; Hale Tool gets a named rep from us. 555-0146.",
    "Hi Abe, Lena at Quarry Tools. We've reground blades like yours lots of times for Pike "
    "Stone, and their cut times fell 12 percent. I'll bring one Tuesday. 555-0181.",
])
def test_a_condition_or_someone_elses_tries_is_no_reproach(text: str) -> None:
    assert "blames" not in codes(text)
