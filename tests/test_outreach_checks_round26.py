"""Round 26: the classes the blind I…, O… and U… sets found, in other words.

Numbers that say nothing of the listener (an Australian landline, "poste 212", a form's code,
the push's own count, a meeting's dates) give no reason; a long signature still names the
firm; a plain request in more courteous words is still only a name and a number; more blame
said sideways, more of the trade's promises; an outage counted, a slow week on piece rate and
"our numbers" sent are no reproach or plea. Every case was written for this round, none
copied from the corpus; the near misses must keep their verdict. The rules are judged alone
(``learned=False``).
"""

from __future__ import annotations

import pytest

from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


@pytest.mark.parametrize("text,channel", [
    ("Good afternoon Mrs Hale, Colin Webb with Gumtree Solar. I wonder if you might be good "
     "enough to return my call when convenient, on (08) 8123 4567. With thanks.", "voicemail"),
    ("Monsieur Caron, Julie Roy, Norbridge. Rappelez-moi s'il vous plaît, (514) 555-0188, "
     "poste 305. Merci.", "voicemail"),
    ("Hi Shane, Mick from Gumtree Solar. If you could flick me an email or give me a buzz on "
     "0412 555 019, that'd be ace. Ta.", "voicemail"),
    ("Hi Deano, Mick from Gumtree Solar. No rush, but when you get a minute could you give me "
     "a bell? 0412 555 019. Cheers.", "voicemail"),
    ("Subject: Meeting request\n\nGood afternoon Mr. Pratt,\n\nI'm Ana Silva, Account "
     "Executive with Norbridge. Would you have 30 minutes on Tuesday the 14th or Wednesday "
     "the 15th for a meeting at your office? Or call me at 519-555-0161.\n\nRegards,\nAna",
     "email"),
])
def test_a_courteous_request_is_still_only_a_name_and_a_number(text: str, channel: str) -> None:
    got = codes(text, channel)
    assert "only_name_number" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Paquette, Dave Kowalczyk again, Norbridge, about your T4s. Call me, 416-555-0143.",
    "Hi Tim, Mick at Gumtree Solar. We've only got two install slots left before the end of "
    "the financial year, so you'll want to move quickly. 0412 555 019.",
    "Hi Ruth, Mick at Gumtree Solar. I have a target of ten new wineries by December, and "
    "I'd be so grateful for a meeting. 0412 555 019.",
])
def test_a_code_or_the_pushs_own_count_is_no_reason(text: str) -> None:
    assert "no_reason" in codes(text)


@pytest.mark.parametrize("text", [
    # A price with the push is an offer; rand is money, not a code; a chase beside a fact.
    "Hi Ruth, Mick at Gumtree Solar. Sign before Friday and I'll take $1,200 off the 30 kW "
    "system. 0412 555 019.",
    "Hi Gerhard, Marius at Calitech. On that model it's nearly always the outlet gasket, "
    "R340 and a twenty-minute job. 082 555 0319.",
    "Hi Gus, Mick at Gumtree Solar, just touching base: three of your sheds fall under the "
    "new network tariff from January. 0412 555 019.",
])
def test_near_misses_keep_their_reason(text: str) -> None:
    assert "no_reason" not in codes(text)


def test_a_long_signature_still_names_the_firm() -> None:
    text = ("Subject: 15 years of Gumtree Solar\n\nDear Ms Lane,\n\nThis month we turn fifteen. "
            "Gumtree Solar has grown from two installers to forty, and opened a fourth office "
            "in Mildura this year. Gumtree Solar also won the state's installer award.\n\n"
            "Yours sincerely,\nColin Webb Commercial Sales Manager Gumtree Solar (08) 8123 4567")
    got = codes(text, "email")
    assert "about_me" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Ron, Mick from Gumtree Solar. You did say you'd have a decision by the end of March, "
    "and we're now well into April. The quote was $27,300. 0412 555 019.",
    "Mr. Lachance, Dave from Norbridge. At the show you told me to call in the fall and "
    "you'd have an answer, well, it's fall. 416-555-0143.",
    "Hi Jenna, Mick from Gumtree Solar. I'll take it you're not interested unless I hear "
    "otherwise, but the Penola cold store's demand charge fell to $1,150. 0412 555 019.",
    "Hi Ingrid, Mick again. I'd have expected a quick call back on this one. The feeder "
    "dropped out three times last summer. 0412 555 019.",
    "Ms. Wong, Rick at Norbridge. Starting to feel like I'm talking to myself here. "
    "289-555-0116.",
    "Subject: Trying e-mail\n\nMr. Paradis,\n\nYour phone goes straight to voicemail no matter "
    "when I call. Please call me at (418) 555-0124.\n\nMathieu",
    "Dear Dr Steenkamp, I sent our proposal on the 4th and called twice since. Even if the "
    "answer is no, a short reply would be appreciated. 051 555 0184.",
])
def test_more_blame_said_sideways(text: str) -> None:
    channel = "email" if text.startswith("Subject:") else "voicemail"
    assert "blames" in codes(text, channel)


@pytest.mark.parametrize("text", [
    "Hi Owen, Mick at Gumtree Solar. The Hamilton line dropped out again on Sunday; if it "
    "did at your place, that's the third time this harvest, and a battery would have covered "
    "all three. 0412 555 019.",
    "Hi Pat, Mick at Gumtree Solar. We've written six of these grant applications, and the "
    "assessors want interval data. 0412 555 019.",
])
def test_their_own_count_is_no_reproach(text: str) -> None:
    assert "blames" not in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Mr. Lee, Dana at Norbridge. With the October minimum wage change, a slow week on "
    "piece rate can drop some of your pickers below minimum. 416-555-0143.",
    "Subject: Greg Harris said to send you our numbers\n\nMr. Van Dyk,\n\nGreg Harris at the "
    "chamber said you're looking for a payroll provider before spring hiring.\n\nDana",
])
def test_their_slow_week_and_our_numbers_sent_are_no_plea(text: str) -> None:
    channel = "email" if text.startswith("Subject:") else "voicemail"
    assert "desperate" not in codes(text, channel)


@pytest.mark.parametrize("text", [
    "Hi Craig, Mick from Gumtree Solar. We can take a big chunk off your power bills. "
    "0412 555 019.",
    "Hi Tegan, Mick from Gumtree Solar. We make the whole process painless. 0412 555 019.",
    "Hi Mr. Talbot, Kevin at Norbridge. Our payroll service is built for companies like "
    "yours. 416-555-0143.",
    "Hi Ms. Kay, Kevin at Norbridge. We'll take the payroll stress off your plate. "
    "416-555-0143.",
    "Hi Serge, Rick at Norbridge. We're simply better at this. 289-555-0116.",
    "Hi Dr Lin, Lebo at Calitech. Your contract ends on 30 June; we'd take it over at R9 800 "
    "a month, and we're hands down the best in Gauteng. 082 555 0874.",
])
def test_more_promises_anyone_makes(text: str) -> None:
    assert "empty_claim" in codes(text)
