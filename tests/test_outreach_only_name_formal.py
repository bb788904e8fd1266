"""A formal request for a meeting, and where or when the rep can be found, say nothing more.

"A convenient date for a meeting at your offices", "I'm in the office Monday to Thursday",
"I'm always around", a title in the rep's own language ("Directrice commerciale"): a name and
a request, however formal. A topic, a product or an office that is the subject still lifts a
message out. The cases are written here in other words than the corpus.
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message

pytestmark = pytest.mark.graph


def codes(text: str) -> list[str]:
    return [f.code for f in check_message(text, channel="email")]


@pytest.mark.parametrize("text", [
    "Subject: Appointment\n\nDear Ms Laine,\n\nI should be grateful if you could suggest a "
    "convenient day to meet at your offices this month.\n\nYours sincerely,\nClaire Mercier\n"
    "Directrice commerciale, Mercier SA\n+33 4 55 50 12 19",
    "Subject: A quick call?\n\nHi Devon,\n\nCould we find twenty minutes next week? I'm in the "
    "office Tuesday to Friday, 8 to 4 Central.\n\nThanks,\nAmy Roth\n555-0166",
    "Subject: Hello again\n\nHi Lou,\n\nIt's been a while! If you ever fancy a coffee, I'm "
    "always around.\n\nBest,\nKit\n555-0188",
    # "Grant" the verb is the request, not a grant to apply for.
    "Subject: Appointment\n\nDear Mr Okoye,\n\nMay I ask you to grant us half an hour at your "
    "convenience?\n\nRespectfully,\nFemi Ade\n+234 1 555 0192",
])
def test_a_formal_request_and_where_to_find_the_rep_are_only_a_name(text: str) -> None:
    assert "only_name_number" in codes(text)


@pytest.mark.parametrize("text", [
    "Subject: Your offices\n\nHi Devon,\n\nWe clean offices in your building on Elm Street; "
    "could we find twenty minutes next week?\n\nAmy Roth\nBrightway\n555-0166",
    "Subject: Your grant\n\nHi Tunde,\n\nThe state's energy grant covers half of a new chiller "
    "this year; could we find twenty minutes?\n\nFemi\n555-0192",
    "Subject: Roles\n\nHi Adam,\n\nDo you have any warehouse roles coming up this spring? "
    "I'm always around.\n\nClive\nHartley Recruitment\n555-0153",
])
def test_a_product_or_a_topic_still_says_more(text: str) -> None:
    assert "only_name_number" not in codes(text)
