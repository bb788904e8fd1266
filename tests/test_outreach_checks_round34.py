"""Round 34: the classes the VV…, WW… and XX… sets found, in other words.

Empty claims the rules did not know: "never again" promises ("you'll never have to chase a
delivery again"), "built to last", "known across Munster for our quality", "the best-known
name", "full control and …", "maximum uptime", "you'll see a real difference", "we've helped
plenty of". No reason: a number word that starts a name ("Five Oaks Cooling"), a bare hour as
a bound ("any time after 8 works"), dates offered for a meeting, and questions anyone could be
asked ("would you like to see it in action?", "when you are available?", "to get to know you",
"what we can do for you", "what if your …", "something you're thinking about", "any projects
coming up?"); "significant savings" and "sheet metal" are no finding. Every case was written
for this round, none copied from the corpus; the near misses must keep their verdict. The
rules are judged alone (``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text", [
    "Hi Siobhan, Colm from Atlantic Chill. With our service plan you'll never have to chase a "
    "delivery again. 021 555 0148.",
    "Hi Siobhan, Colm from Atlantic Chill. Our cabinets are built to last. 021 555 0148.",
    "Hi Siobhan, Colm from Atlantic Chill. We're known right across Munster for our quality. "
    "021 555 0148.",
    "Hi Siobhan, Colm from Atlantic Chill. Our portal gives you full control and total "
    "visibility. 021 555 0148.",
    "Hi Siobhan, Colm from Atlantic Chill. Our controllers deliver maximum uptime. "
    "021 555 0148.",
    "Hi Siobhan, Colm from Atlantic Chill. Within weeks you'll see a real difference. "
    "021 555 0148.",
    "Hi Siobhan, Colm from Atlantic Chill. We've helped plenty of butchers around Cork. "
    "021 555 0148.",
])
def test_empty_claims_the_rules_did_not_know(text: str) -> None:
    assert "empty_claim" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Gary, Dale Kjos with Five Oaks Cooling. Give me a call at 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Any time after 8 works, my number is 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Are you available on Monday 3 March at 9:00 or Wednesday "
    "5 March at 15:00? 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Would you like to see it in action? 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Could you let me know when you are available? "
    "605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Could I stop in sometime to get to know you? "
    "605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Curious what we could do for you? 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. What if your chillers just worked? 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Is cooling something you're thinking about this year? "
    "605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Any projects coming up this spring? 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Our controls bring significant savings, and we also do "
    "sheet metal. 605-555-0121.",
])
def test_no_reason_in_names_hours_and_questions_anyone_could_be_asked(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # A count about them, a question about their plant, a finding with its figure.
    "Hi Gary, Dale from Kjos Cooling. Your two chillers at the Brookings plant are both past "
    "twenty years. 605-555-0121.",
    "Hi Gary, Dale from Kjos Cooling. Is the Brookings line still running its 1998 chiller on "
    "the second shift? 605-555-0121.",
    "Hi Siobhan, Colm from Atlantic Chill. Murphy's in Mallow saw their power bill drop 14% "
    "after we swapped two compressors. 021 555 0148.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


def test_a_real_difference_with_its_figure_is_no_empty_claim() -> None:
    assert "empty_claim" not in codes(
        "Hi Siobhan, Colm from Atlantic Chill. Murphy's saw a real difference: 14% off their "
        "power bill in three months. 021 555 0148.")
