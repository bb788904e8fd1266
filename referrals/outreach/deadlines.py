"""Whose deadline: the message check (:mod:`referrals.outreach.checks`) hears a period's end or
a sign-by date as the rep's push only when it is the rep's.

The end of the month is none when it is a maker's, the law's or the listener's own deadline:

>>> not_the_reps("end of the month", "the manufacturer swaps them free until the end of the month")
True
>>> not_the_reps("end of the month", "I'd love to get this signed by the end of the month")
False
"""

from __future__ import annotations

import re

__all__ = ["not_the_reps"]

_PERIOD_END = re.compile(r"end of (?:the|this) (?:quarter|month|year)", re.I)
_THEIR_DEADLINE = re.compile(
    r"\b(?:manufacturer|maker|state|city|county|council|utility|program(?:me)?|rebate|grant"
    r"|renewal"
    r"|law|rules?|regulations?|agency|IRS|government|recall|warranty|insurer|carrier|landlord"
    r"|your (?:[\w'-]+ ){0,3}?(?:lease|contract|policy|permit|licen[cs]e|certificate"
    r"|warranty|deadline|filing|plan|rate|term)s?)\b", re.I)


# A period that is the listener's own ("your fiscal year closes in six weeks"), or a span a
# service runs ("slots from Koper through the end of the year").
_THEIR_PERIOD = re.compile(r"\b(?:your|their|through)(?: the)?(?: fiscal| financial"
                           r"| tax)?\s*$", re.I)
_SIGNING = re.compile(r"\bsign(?:ed)?\b|\border(?:ed)? by\b|\bif (?:you|we) (?:can )?order\b", re.I)
# A period's end that someone else's schedule sets, with nothing of the rep's deal around it:
# "the yard needs class approvals by the end of the month", "the receipts come to Saginaw at
# month-end", "we'd need to lodge the permit by the end of this month".
_SCHEDULE = re.compile(r"\b(?:needs|due|switch(?:es|ing)?|comes?|arrives?|lodge|files?|filing"
                       r"|submit|approvals?|inspections?|audits?)\b", re.I)
_DEAL = re.compile(r"\b(?:offer|price|pricing|discount|deal|special|promo(?:tion)?|rate|sign"
                   r"|signed|contract|order|close|closing|quota|target|numbers|love|hope|hoping"
                   r"|percent|free)\b|%", re.I)
# An order-by date that a lead time explains is the listener's schedule, not the rep's push:
# "delivery in six weeks, so an order by 10 February is commissioned inside the year",
# "which puts commissioning before your 20 October light-up if ordered by 1 August".
_LEAD_TIME = re.compile(
    r"\b(?:delivery|lead[- ]time|commissioning|installation|turnaround)\b[^.?!;]{0,20}?"
    r"\b(?:\d+|[a-z]+) (?:weeks?|days|months)\b|\bbefore your\b", re.I)


def not_the_reps(desperate: str, rest: str) -> bool:
    """Whether a deadline found is someone else's: the law's, a maker's, a landlord's (named
    before it: "the landlord has agreed to two months free if the lease is signed by the
    30th") or the listener's own period."""
    before = rest[:rest.find(desperate)]
    signing = _SIGNING.search(desperate)
    if signing and _LEAD_TIME.search(rest):
        return True
    period = re.search(r"\b(?:year|quarter|month)\b", desperate, re.I)
    if period and _THEIR_PERIOD.search(before):
        return True
    if period and not signing and _SCHEDULE.search(rest) and not _DEAL.search(rest):
        return True
    third = _THEIR_DEADLINE.search(before if signing else rest)
    return bool(third and (_PERIOD_END.fullmatch(desperate) or signing))
