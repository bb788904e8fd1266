"""Checking in in other words, and the rep's push for now, are the rep's need.

A message with nothing in it but "just phoning to see how things are coming along", "any
further thoughts?", "wanted to try you again", "sorry to keep pestering you" or "I wanted to
follow up." is a contentless follow-up; "72 hours only", "I need your decision by Thursday"
and "get this over the finish line" push for the rep's sake. With a real reason beside them,
or with the deadline someone else's, the same words are no plea. The cases are written here
in other words than the corpus.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message

pytestmark = pytest.mark.graph


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel)]


@pytest.mark.parametrize("text", [
    "Hi Tara, Joe at Fenway Print, just phoning to see how things are coming along over there. "
    "555-0190.",
    "Hi Beth, Kim from Ardent Payroll. Sorry to keep pestering you. Ring me at 555-0161.",
    "Subject: Re: quote\n\nHi Lou,\n\nAny further thoughts?\n\nDee",
    "Hi Ana, Rick at Holt Signs. I left a message an hour ago and wanted to try you again. "
    "555-0107.",
    "Hi Pat, Lisa at Crane HVAC, about your rooftop units. I wanted to follow up. 555-0133.",
    "Subject: 72 hours only\n\nHi Ed,\n\nFor the next 72 hours only our furnace filters are 20% "
    "off.\n\nNia",
    "Hi Ray, Cal at Dune Freight. I really need your decision by Thursday so I can hold the "
    "trucks. 555-0170.",
    "Hi Sue, Max at Pine Pest. I'd love to get this over the finish line this week. 555-0114.",
])
def test_checking_in_and_the_reps_push_are_desperate(text: str) -> None:
    channel = "email" if text.startswith("Subject") else "voicemail"
    assert "desperate" in codes(text, channel)


@pytest.mark.parametrize("text", [
    # A reason beside the question of how it is going.
    "Hi Tara, Joe at Fenway Print. The paper mill raises its prices 6 percent on June 1, so "
    "I'm calling to see how your catalogue proof is coming along. 555-0190.",
    # Someone else's deadline, and the rep holding stock against it.
    "Hi Dave, Jess at Ridgeline Roofing. Owens Corning raises shingle prices eight percent on "
    "June first; I've kept a pallet aside at today's price. Ring me at 555-0163 to lock it in.",
    # A wish to meet beside a peer's result.
    "Hi Olivia, Daniel at Keystone Legal. Harmon and Reyes cut their filing time in half with "
    "our docketing tool; I'd love to reconnect over coffee and show you how. 555-0177.",
])
def test_with_a_reason_or_an_outside_deadline_the_words_are_no_plea(text: str) -> None:
    assert "desperate" not in codes(text)
