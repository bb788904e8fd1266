"""Why a prospect doesn't call back, read from the history: the likely causes, each with the
evidence in plain words. Pure: the service gathers a :class:`History`, this module judges it.

An unreturned call is a symptom (DOMAIN.md rule 9): no reason, no gain, no need, no trust, no
difference, too busy, a better deal, no money or authority, or a prospect who won't say no –
and, when nothing of value has been offered, no value in the relationship yet. The rules
below name only causes the history points to; a rep still picks the one they believe.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time

__all__ = ["DECISION_TITLES", "JUNIOR_TITLES", "History", "Likely", "is_off_hours",
           "likely_causes"]

#: Words in a title that suggest the person does not sign large purchases alone.
JUNIOR_TITLES = ("coordinator", "assistant", "specialist", "analyst", "associate",
                 "supervisor", "administrator", "representative", "clerk", "buyer", "engineer")
#: Words that suggest they do (they win over JUNIOR_TITLES: "engineering director").
DECISION_TITLES = ("owner", "founder", "president", "chief", "ceo", "cfo", "coo", "cto",
                   "vp", "vice president", "director", "head", "partner", "general manager")
#: The deal value from which a junior title is worth a second look.
AUTHORITY_VALUE = 10_000


@dataclass(frozen=True)
class History:
    """What the team's records say about the attempts on one prospect.

    Attributes
    ----------
    attempts : int
        Touches by the rep (calls, voicemails, e-mails, letters, …).
    voicemails : int
        Voicemails left.
    off_hours : int
        Calls and voicemails made in the prospect's off-hours windows (before 8:30, over
        lunch, after 17:30 their time).
    calls : int
        Calls and voicemails in all.
    last_conversation : date or None
        The last time they spoke with the rep, called back, or agreed a meeting.
    attempts_since_conversation : int
        Attempts after that conversation.
    value_offered : int
        Value items offered (in voicemails or sent by another channel).
    messages : int
        Messages the app has the words of (voicemail scripts).
    flags : mapping of str to int
        How many of those messages the message check flagged, by flag.
    path_stage : str or None
        The best warm path's stage (``warm``, ``known``, ``ask``, ``declined``), or None
        when there is no path.
    over_asked : str or None
        The reason the best path is lowered for an over-asked helper, if it is.
    title, deal_value : optional
        The prospect's title and the deal's value.
    """

    attempts: int = 0
    voicemails: int = 0
    calls: int = 0
    off_hours: int = 0
    last_conversation: date | None = None
    attempts_since_conversation: int = 0
    value_offered: int = 0
    messages: int = 0
    flags: Mapping[str, int] = field(default_factory=dict)
    path_stage: str | None = None
    over_asked: str | None = None
    title: str | None = None
    deal_value: float | None = None


@dataclass(frozen=True)
class Likely:
    """A likely cause (a key of the stall causes) and why the history points to it."""

    cause: str
    evidence: str


def is_off_hours(local: datetime) -> bool:
    """Whether a moment, on the prospect's own clock, is when people answer their own phone:
    before 8:30, over lunch (12-13), after 17:30, or at the weekend.

    >>> [is_off_hours(datetime(2026, 12, 2, h, m)) for h, m in ((8, 0), (10, 0), (12, 30),
    ...                                                       (17, 45))]
    [True, False, True, True]
    >>> is_off_hours(datetime(2026, 12, 5, 10, 0))  # a Saturday
    True
    """
    at = local.time()
    return (local.weekday() >= 5 or at < time(8, 30) or time(12) <= at < time(13)
            or at >= time(17, 30))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _has(words: str, terms: tuple[str, ...]) -> bool:
    return any(re.search(rf"\b{re.escape(term)}\b", words) for term in terms)


def _junior(title: str | None) -> bool:
    words = (title or "").lower()
    if not words or _has(words, DECISION_TITLES):  # whole words: "coo" is not "coordinator"
        return False
    return _has(words, JUNIOR_TITLES) or words.endswith("manager")


def likely_causes(h: History) -> list[Likely]:
    """The causes the history points to, the strongest evidence first.

    Examples
    --------
    >>> found = likely_causes(History(attempts=3, voicemails=3, calls=3, path_stage=None))
    >>> [(c.cause, c.evidence) for c in found][:2]  # doctest: +NORMALIZE_WHITESPACE
    [('no_trust', '3 voicemails, and no warm path: they have no reason yet to trust a
       stranger'), ('no_value', 'nothing of value offered in 3 attempts')]
    >>> h = History(attempts=5, voicemails=3, calls=4, off_hours=1, value_offered=2,
    ...             last_conversation=date(2026, 11, 2), attempts_since_conversation=3,
    ...             path_stage="warm")
    >>> [c.cause for c in likely_causes(h)]
    ['wont_say_no']
    >>> likely_causes(History(attempts=1, calls=1, value_offered=1, off_hours=1,
    ...                       path_stage="warm"))
    []
    """
    found: list[Likely] = []
    if h.last_conversation is not None and h.attempts_since_conversation >= 3:
        found.append(Likely("wont_say_no", (
            f"you spoke on {h.last_conversation:%d %b}, and "
            f"{_plural(h.attempts_since_conversation, 'attempt')} since have brought neither "
            "a yes nor a no")))
    elif h.last_conversation is not None and h.attempts_since_conversation >= 1:
        found.append(Likely("no_need", (
            f"you spoke on {h.last_conversation:%d %b}, then they went quiet: "
            "nothing makes it urgent for them yet")))
    if h.voicemails >= 2 and h.path_stage not in ("warm", "known"):
        why = {None: "no warm path", "ask": "nobody they know has vouched for you yet",
               "declined": "the person who knows them declined to introduce you"}
        found.append(Likely("no_trust", (
            f"{_plural(h.voicemails, 'voicemail')}, and {why.get(h.path_stage, 'no warm path')}"
            ": they have no reason yet to trust a stranger")))
    elif h.voicemails >= 2 and h.over_asked:
        found.append(Likely("no_trust", f"your warmest way in is worn: {h.over_asked}"))
    empty = h.flags.get("no_reason", 0) + h.flags.get("only_name_number", 0)
    if empty:
        found.append(Likely("no_reason", (
            f"{empty} of your {_plural(h.messages, 'message')} gave no reason to call back")))
    if h.value_offered == 0 and h.attempts >= 2:
        found.append(Likely("no_value", (
            f"nothing of value offered in {_plural(h.attempts, 'attempt')}")))
    samey = sum(h.flags.get(f, 0) for f in ("about_me", "empty_claim", "repeated"))
    if samey:
        found.append(Likely("no_difference", (
            f"{samey} of your messages talked about you, made claims without proof, or "
            "repeated an earlier one")))
    if h.calls >= 3 and h.off_hours == 0:
        found.append(Likely("too_busy", (
            f"all {h.calls} calls were in their working hours, when they are busiest")))
    if (h.deal_value or 0) >= AUTHORITY_VALUE and _junior(h.title):
        found.append(Likely("no_authority", (
            f"a ${h.deal_value:,.0f} decision may sit above a {h.title}")))
    pressure = h.flags.get("desperate", 0) + h.flags.get("blames", 0)
    if pressure and not any(f.cause == "no_difference" for f in found):
        found.append(Likely("no_difference", (
            f"{pressure} of your messages sounded pressed or blamed them – it reads like "
            "every other seller")))
    return found
