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

from referrals.outreach.reasons import _NUMBER, MONTHS

__all__ = ["not_the_reps", "pushed_count"]

_PERIOD_END = re.compile(r"end of (?:the|this) (?:quarter|month|year)", re.I)
_THEIR_DEADLINE = re.compile(
    r"\b(?:manufacturer|maker|state|city|county|council|utility|program(?:me)?|rebate|grant"
    r"|renewal|hotels?|venues?|suppliers?|option|tax|festival|told (?:all|its|their) (?:agencies"
    r"|customers|clients)"
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


_CHASED = re.compile(r"check|touch|follow|circl|bump|nudge|radar|remind|chas|any (?:news|word"
                     r"|update)", re.I)
# A price said with its currency ("49 euro a day"), or as a cut ("at 115 instead of 139").
_PRICE_SAID = re.compile(r"[$\u00a3\u20ac%]|\bper ?cent\b|\b(?:dollars|euros?|eur|pounds|rand)\b"
                         r"|\d instead of \d", re.I)


_ATTEMPTED = re.compile(
    r"\b(?:\d+|[a-z]+|a few|a couple of) (?:days?|weeks?|months?|(?:mon|tues|wednes|thurs|fri"
    r"|satur|sun)days?) ago\b|\btwice\b"
    r"|\b(?:on |since )?(?:the )?\d{1,2}(?:st|nd|rd|th)?(?:(?:, | and )\d{1,2}(?:st|nd|rd|th)?)*"
    r"(?: (?:of )?" + MONTHS + r")\b(?![,.]?\d)|\bthe \d{1,2}(?:st|nd|rd|th)\b"
    r"|\b(?:\d+|[a-z]+) times\b|\b\d{1,2} ?[ap]\.?m\.?"
    # Dates written in figures, day first or month first: "on 02-09", "on 04.03", "3/31".
    r"|\b\d{1,2}[./-]\d{1,2}(?:[./-](?:\d{4}|\d{2}))?\b(?![,.]?\d)"
    r"|\b(?:it's|it has|it is|that's) (?:now |already )?been (?:\w+ ){0,2}(?:days?|weeks?"
    r"|months?)\b", re.I)


def pushed_count(reasons: tuple[str, ...], desperate: str | None,
                  claimless: str, blame: str | None = None) -> tuple[str, ...]:
    """A sentence's number beside its push: the rep's own count or date ("only two install
    slots left", "a target of ten new laboratories by December", "the promotion ends on the
    30th") is no reason; a price is, and so is a chase's fact ("just touching base: three of
    your job codes fall under the new minimum wage"). Beside a reproach, the dates and spans
    of the rep's own attempts are none either ("I sent you our proposal three weeks ago",
    "I called on 3, 10 and 17 March").

    >>> pushed_count(("number",), "ends on", "the promotion ends on the 30th")
    ()
    >>> pushed_count(("number",), "ends on", "$40 off the install, but it ends on the 30th")
    ('number',)
    >>> pushed_count(("offer", "number"), None, "I sent you our quote three weeks ago", "haven't")
    ('offer',)
    """
    if blame and "number" in reasons and not _NUMBER.search(_ATTEMPTED.sub(" ", claimless)):
        return tuple(r for r in reasons if r != "number")
    if not desperate or reasons != ("number",) or _PRICE_SAID.search(claimless) \
            or _CHASED.search(desperate):
        return reasons
    return ()
