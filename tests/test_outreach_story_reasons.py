"""The company's story told with names and numbers is still the story, not a reason.

A founder's name, the town of the first shed and the head count look like a peer and a fact;
in a message that is mostly about the rep they give the listener nothing. A sentence that turns
to the listener, or tells what happened for a customer, still gives a reason in the same
message. The cases are written here in other words than the corpus.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message

pytestmark = pytest.mark.graph


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [flag.code for flag in check_message(text, channel=channel)]


@pytest.mark.parametrize(("text", "channel"), [
    ("Hi Gail, Tom Reddy at Reddy Fasteners. My grandfather founded Reddy Fasteners in Gary in "
     "1952, and today we employ 140 people across three depots. Last spring we opened a fourth "
     "branch in Joliet. We've won the Midwest Distributor award twice. Call me at 555-0148.",
     "voicemail"),
    ("Subject: Meet Northline Courier\n\nHi Carla,\n\nNorthline Courier was established in "
     "1988 by Ed and Mary Lind. We have grown to 60 vans and five offices across Minnesota. Our "
     "team of 75 drivers was voted Duluth's best courier three times.\n\nCould we find 20 "
     "minutes next week?\n\nJune Park\nNorthline Courier", "email"),
    ("Hi Ron, Asha at Keel Analytics. Keel was founded in 2015 by two former Boeing engineers. "
     "Since then we've grown to 90 people and raised a Series B from Harbor Ventures. We "
     "recently published our second industry report. I'd love to introduce our team. "
     "555-0177.", "voicemail"),
])
def test_a_story_with_names_and_numbers_gives_no_reason(text: str, channel: str) -> None:
    found = codes(text, channel)
    assert "about_me" in found
    assert "no_reason" in found


@pytest.mark.parametrize("text", [
    # A customer's result beside the story.
    "Hi Gail, Tom at Reddy Fasteners. We were founded in Gary in 1952 and employ 140 people "
    "across three depots. Last year Hale Tool moved to our kanban bins and cut stockouts from "
    "nine a month to one. Call me at 555-0148.",
    # The new branch told as what it means for the listener, in a message mostly about the rep.
    "Hi Gail, Tom at Reddy Fasteners. My grandfather founded Reddy Fasteners in Gary in 1952, "
    "and today we employ 140 people across three depots. We've won the Midwest Distributor "
    "award twice. Last spring we opened a branch two miles from your Joliet plant, and I've "
    "mailed you its price list for the bolts on your line. 555-0148.",
    # A resource sent, after the story.
    "Hi Ron, Asha at Keel Analytics. Keel was founded in 2015 and has grown to 90 people. I've "
    "mailed you our report on scrap rates at plants your size, page three covers welding. "
    "555-0177.",
])
def test_the_story_beside_a_real_reason_still_gives_one(text: str) -> None:
    assert "no_reason" not in codes(text)
