"""Words a rep says: the voicemail "commercial" built from its parts, and the call-back script.

Pure functions over plain values (no Flask, no SQL), so the pages, the API and the tests
build exactly the same text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from referrals.outreach.checks import spoken_length, word_count
from referrals.words import first_name

__all__ = [
    "CALLS_TO_ACTION",
    "ISSUE_LINES",
    "ISSUE_SHORT_LINES",
    "PROMISED_ACTIONS",
    "SHORT_MAX",
    "Fitted",
    "Reason",
    "action_for",
    "callback_script",
    "compose_voicemail",
    "fit_voicemail",
    "short_of",
    "when_sent",
]

#: The one action a voicemail ends with: key -> (label for the picker, the sentence).
#: ``{phone}`` is the rep's number, said slowly. Two of them say something already went by
#: another channel; they are true only when that was logged (see :data:`ACTION_NEEDS`).
CALLS_TO_ACTION: dict[str, tuple[str, str]] = {
    "call_back": ("Call me back", "If that's worth ten minutes, call me at {phone}."),
    "reply_email": (
        "Reply to my e-mail",
        "I've e-mailed you the details – just reply with a good time.",
    ),
    "book_call": (
        "Pick a time for a short call",
        "Tell me a good time for a short call: {phone}.",
    ),
    "expect_package": (
        "Look at what I mailed",
        "Look at what I mailed you, then call me at {phone}.",
    ),
}

#: The channels a logged touch must have gone by for an action's sentence to be true.
ACTION_NEEDS: dict[str, frozenset[str]] = {
    "reply_email": frozenset({"email"}),
    "expect_package": frozenset({"letter", "card", "postcard"}),
}

#: What those actions say when nothing went by that channel yet: a promise, never a claim.
PROMISED_ACTIONS: dict[str, tuple[str, str]] = {
    "reply_email": (
        "Reply to the e-mail I'll send",
        "I'll e-mail you the details – just reply with a good time.",
    ),
    "expect_package": (
        "Look out for what I'll mail",
        "I'll mail you the details; have a look, then call me at {phone}.",
    ),
}

#: A reason built from a pressing issue alone, when no piece of the value library fits.
ISSUE_LINES: dict[str, str] = {
    "economy": "I have an idea for planning around the changes in your local economy.",
    "competitors": "I have an idea for staying a step ahead of your competitors this year.",
    "loyalty": "I have an idea for keeping your best customers coming back.",
    "profit": "I have a practical idea for protecting your margins.",
    "productivity": "I have a tip for getting more out of the hours your crew already works.",
    "staffing": "I have an idea for holding on to your best people.",
    "costs": "I have an idea for keeping your rising costs in check.",
}

#: Each issue line said briefly, for a voicemail with more to fit in.
ISSUE_SHORT_LINES: dict[str, str] = {
    "economy": "I have an idea for a changing local market.",
    "competitors": "I have an idea for staying ahead of competitors.",
    "loyalty": "I have an idea for keeping your best customers.",
    "profit": "I have an idea for protecting your margins.",
    "productivity": "I have a tip for getting more done in a shift.",
    "staffing": "I have an idea for keeping good people.",
    "costs": "I have an idea for easing your rising costs.",
}

#: The most characters a short form may have: one spoken sentence of about a dozen words.
SHORT_MAX = 90

_SENT_WORDS = {
    "email": "e-mailed you", "letter": "mailed you", "card": "sent you a card with",
    "postcard": "sent you a postcard about", "fax": "faxed you", "visit": "dropped off",
    "social": "shared with you",
}
# Said with short forms: the title gives way to "it", which the reason just named – or to
# "both" or "all three", said once after the last of the reasons that went together.
_SENT_IT = {
    "email": "I e-mailed {it}", "letter": "I mailed {it}", "card": "I put {it} in my card",
    "postcard": "I put {it} on my postcard", "fax": "I faxed {it}", "visit": "I dropped {it} off",
    "social": "I shared {it}",
}
_TOGETHER = {1: "it", 2: "both", 3: "all three"}


def when_sent(sent_on: date | None, today: date) -> str:
    """When something went, as the rep says it – never more recent than it was.

    "this week" means since Monday of the rep's own week, "last week" the week before;
    within the last six days a weekday is said instead when the week has turned since, and
    anything older gets its date.

    >>> today = date(2026, 12, 4)  # a Friday
    >>> [when_sent(today - timedelta(days=d), today) for d in (0, 1, 3)]
    [' today', ' yesterday', ' this week']
    >>> [when_sent(today - timedelta(days=d), today) for d in (5, 8, 12)]
    [' on Sunday', ' last week', ' on 22 Nov']
    >>> when_sent(date(2025, 12, 30), today), when_sent(None, today)
    (' on 30 Dec 2025', '')
    """
    if sent_on is None or sent_on > today:
        return ""
    days = (today - sent_on).days
    if days <= 1:
        return " today" if days == 0 else " yesterday"
    monday = today - timedelta(days=today.weekday())
    if sent_on >= monday:
        return " this week"
    if days <= 6:
        return f" on {sent_on:%A}"
    if sent_on >= monday - timedelta(days=7):
        return " last week"
    return f" on {sent_on.day} {sent_on:%b}" + ("" if sent_on.year == today.year
                                                 else f" {sent_on.year}")


def short_of(short: str | None, pitch: str) -> str | None:
    """The short form a value item is said in: its own, else its pitch when that is short
    enough already, else the pitch's first clause when that still says something; None
    when only the rep can shorten it.

    >>> short_of(None, "a checklist that saves crews an hour a shift")
    'a checklist that saves crews an hour a shift'
    >>> short_of(None, "Quality Fabricators held its margins while competitors cut prices"
    ...                " – here is how, in two pages with the numbers for every plant")
    'Quality Fabricators held its margins while competitors cut prices'
    >>> short_of(None, "a long sentence " * 10) is None
    True
    """
    if short and short.strip():
        return " ".join(short.split())
    pitch = " ".join(pitch.split()).rstrip(".")
    if len(pitch) <= SHORT_MAX:
        return pitch
    for mark in (" – ", " - ", "; ", ": "):
        head = pitch.split(mark)[0].strip()
        if head != pitch and len(head) <= SHORT_MAX and word_count(head) >= 5:
            return head
    return None


@dataclass(frozen=True)
class Reason:
    """One reason for the prospect to call back.

    Attributes
    ----------
    text : str
        What the rep says: a value item's pitch, or an issue line from :data:`ISSUE_LINES`.
    short : str or None
        The same said briefly (a value item's short form, an issue's short line), for a
        voicemail that needs the room; None when there is none.
    title : str or None
        The value item's title, when the reason is one (used to say what was sent).
    sent_by : str or None
        The channel it already went by (``email``, ``letter``, …), so the message can say so.
    sent_on : date or None
        The day it went, in the rep's zone (see :func:`when_sent`).
    brief : bool
        Said in its short form: what was sent is then "it", not its title again.
    """

    text: str
    short: str | None = None
    title: str | None = None
    sent_by: str | None = None
    sent_on: date | None = None
    brief: bool = False

    def briefly(self) -> Reason:
        """The reason in its short form (itself when it has none)."""
        if self.short is None or self.brief:
            return self
        return replace(self, text=self.short, short=None, brief=True)


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def _sent_clause(reasons: Sequence[Reason], i: int, today: date | None) -> str:
    """' – I mailed you "Title" this week.' to end reason `i`'s sentence with, or ''.

    Brief reasons that went the same way on the same day are named once, after the last of
    them ("I mailed both this week").
    """
    reason = reasons[i]
    if not reason.sent_by or not (reason.title or reason.brief):
        return ""
    when = when_sent(reason.sent_on, today) if today is not None else ""
    if not reason.brief:
        return f' – I {_SENT_WORDS.get(reason.sent_by, "sent you")} "{reason.title}"{when}.'
    together = [j for j, r in enumerate(reasons) if r.brief and r.sent_by == reason.sent_by
                and (when_sent(r.sent_on, today) if today is not None else "") == when]
    if together[-1] != i:
        return ""
    said = _SENT_IT.get(reason.sent_by, "I sent {it}").format(it=_TOGETHER[len(together)])
    return f" – {said}{when}."


def action_for(key: str, sent: Collection[str] = ()) -> tuple[str, str]:
    """The label and sentence of an action, given the channels things went to the prospect
    by lately: "I've e-mailed you" only when an e-mail was logged, else the promise
    "I'll e-mail you".

    >>> [action_for("reply_email", sent)[1][:17] for sent in ({"email"}, ())]
    ["I've e-mailed you", "I'll e-mail you t"]
    """
    needs = ACTION_NEEDS.get(key)
    if needs is not None and not needs & set(sent):
        return PROMISED_ACTIONS[key]
    return CALLS_TO_ACTION[key]


def compose_voicemail(
    *,
    prospect_name: str,
    rep_name: str,
    rep_company: str | None,
    opener: str,
    reasons: Sequence[Reason],
    call_to_action: str,
    phone: str | None,
    today: date | None = None,
    sent: Collection[str] = (),
) -> str:
    """A voicemail in the order a listener needs it: who, why you, what's in it, one action.

    The rep's number is said twice – once in the action, once at the very end – because a
    listener reaches for a pen only after hearing it the first time.

    Parameters
    ----------
    prospect_name, rep_name : str
        Full names; the greeting uses the prospect's first name.
    rep_company : str or None
        Said after the rep's name.
    opener : str
        The connection sentence (from the opener templates), may be empty.
    reasons : sequence of Reason
        One to three.
    call_to_action : str
        A key of :data:`CALLS_TO_ACTION`.
    phone : str or None
        Needed by the actions that name it.
    today : date or None
        The rep's today, to say when a reason went by another channel; without it no time
        is said.
    sent : collection of str
        The channels touches went to the prospect by lately (see :func:`action_for`).

    Raises
    ------
    ValueError
        For no reasons or more than three, an unknown action, or a missing phone number.

    Examples
    --------
    >>> print(compose_voicemail(
    ...     prospect_name="Dana Lee", rep_name="Rita Rep", rep_company="Acme Supply",
    ...     opener="Mike Kincaid at Quality Fabricators asked me to give you a call.",
    ...     reasons=[Reason("a two-page study shows plants like yours cut changeover time "
    ...                     "by a fifth", title="Changeover study", sent_by="letter",
    ...                     sent_on=date(2026, 12, 1))],
    ...     call_to_action="call_back", phone="555 010 2030", today=date(2026, 12, 4)))
    Hi Dana, this is Rita Rep with Acme Supply. Mike Kincaid at Quality Fabricators asked me \
to give you a call. A two-page study shows plants like yours cut changeover time by a fifth – \
I mailed you "Changeover study" this week. If that's worth ten minutes, call me at \
555 010 2030. Again, Rita Rep, 555 010 2030.
    """
    if not 1 <= len(reasons) <= 3:
        raise ValueError("pick one to three reasons")
    if call_to_action not in CALLS_TO_ACTION:
        raise ValueError(f"unknown call to action {call_to_action!r}")
    action = action_for(call_to_action, sent)[1]
    if "{phone}" in action and not (phone or "").strip():
        raise ValueError("this call to action needs your phone number")
    who = f"this is {rep_name}" + (f" with {rep_company}" if rep_company else "")
    parts = [f"Hi {first_name(prospect_name)}, {who}."]
    if opener.strip():
        parts.append(_sentence(opener))
    for i, reason in enumerate(reasons):
        text, sent = _sentence(reason.text), _sent_clause(reasons, i, today)
        if sent:
            text = text[:-1] + sent
        if i > 0:  # "Also, ..." keeps a second and third reason from sounding like a list
            text = "Also, " + (text if text.startswith("I ") else text[:1].lower() + text[1:])
        parts.append(text)
    parts.append(action.format(phone=(phone or "").strip()))
    if phone and phone.strip():
        parts.append(f"Again, {rep_name}, {phone.strip()}.")
    return " ".join(parts)


@dataclass(frozen=True)
class Fitted:
    """A voicemail fitted into 30 seconds, or what to change when none fits.

    Attributes
    ----------
    text : str or None
        The voicemail; None when even the short forms run over.
    seconds : float
        How long the text (or the shortest try) takes to say.
    brief : tuple of int
        The reasons said in their short form.
    drop : int or None
        When none fits: the reason to drop (the one that makes the most room); None when a
        single reason does not fit, so the connection sentence is what to shorten.
    needs_short : tuple of int
        When none fits: the reasons that have no short form yet.
    opener_cut : bool
        Only the opener's first sentence is said (the connection itself).
    """

    text: str | None
    seconds: float
    brief: tuple[int, ...] = ()
    drop: int | None = None
    needs_short: tuple[int, ...] = ()
    opener_cut: bool = False


_FIRST_SENTENCE = re.compile(r"^.*?[.!?](?=\s+[A-Z])")


def _fits(text: str) -> bool:
    return spoken_length(text).level != "too_long"


def fit_voicemail(*, reasons: Sequence[Reason], **parts: Any) -> Fitted:
    """:func:`compose_voicemail` within 30 seconds: the reasons that save the most words are
    said in their short forms, one at a time, until it fits; then only the opener's first
    sentence – the connection – is said; when even that runs over, which reason to drop.

    `parts` are the other arguments of :func:`compose_voicemail`.

    Examples
    --------
    >>> long = Reason("a two-page study shows plants like yours in the region cutting their "
    ...               "changeover time by a fifth within a single quarter",
    ...               short="plants like yours cut changeover time by a fifth")
    >>> parts = dict(prospect_name="Dana Lee", rep_name="Rita Rep", rep_company="Acme",
    ...              opener="Mike Kincaid at Quality Fabricators asked me to call you.",
    ...              call_to_action="call_back", phone="555 010 2030")
    >>> fitted = fit_voicemail(reasons=[long, long, Reason(ISSUE_LINES["costs"])], **parts)
    >>> fitted.brief, fitted.seconds <= 30
    ((0, 1), True)
    >>> chatty = {**parts, "opener": "Mike Kincaid at Quality Fabricators asked me to call you. "
    ...           "He knows my work well, and he thought the two of us should really talk."}
    >>> cut = fit_voicemail(reasons=[long, long, long], **chatty)
    >>> cut.opener_cut, "He knows" in cut.text
    (True, False)
    >>> no_short = replace(long, short=None)
    >>> tight = fit_voicemail(reasons=[no_short, no_short, no_short], **parts)
    >>> tight.text, tight.drop, tight.needs_short
    (None, 0, (0, 1, 2))
    """
    said = list(reasons)
    text = compose_voicemail(reasons=said, **parts)
    saving = {i: word_count(r.text) - word_count(r.short) for i, r in enumerate(said)
              if r.short is not None}
    for i in sorted(saving, key=lambda i: (-saving[i], i)):
        if _fits(text):
            break
        said[i] = said[i].briefly()
        text = compose_voicemail(reasons=said, **parts)
    brief = tuple(i for i, r in enumerate(said) if r.brief and not reasons[i].brief)
    first = _FIRST_SENTENCE.match(" ".join(str(parts.get("opener") or "").split()))
    cut = not _fits(text) and first is not None and word_count(first.group(0)) >= 4
    if cut:
        parts = {**parts, "opener": first.group(0)}
        text = compose_voicemail(reasons=said, **parts)
    if _fits(text):
        return Fitted(text, spoken_length(text).seconds, brief, opener_cut=cut)
    needs_short = tuple(i for i, r in enumerate(said) if not r.brief and r.short is None)
    if len(said) == 1:
        return Fitted(None, spoken_length(text).seconds, brief, None, needs_short)
    # The reason whose going leaves the shortest message makes the most room.
    without = {i: word_count(compose_voicemail(
        reasons=said[:i] + said[i + 1:], **parts)) for i in range(len(said))}
    drop = min(without, key=lambda i: (without[i], i))
    return Fitted(None, spoken_length(text).seconds, brief, drop, needs_short)


def callback_script(
    *,
    prospect_name: str,
    knower_name: str | None,
    last_offer: str | None,
    issue: str | None,
    endorsed: bool = False,
) -> list[str]:
    """What to say when the prospect calls back: thank, connect, offer, ask, propose.

    A prospect who returns a call is highly qualified; the rep should not have to improvise.

    Parameters
    ----------
    prospect_name : str
    knower_name : str or None
        The person the prospect knows on the best path, if any.
    endorsed : bool
        The knower vouched for the rep (called ahead, or agreed to the introduction); else
        the script only says the two know each other.
    last_offer : str or None
        The last thing the rep offered, as the prospect heard it (the value item's pitch).
    issue : str or None
        One of the prospect's pressing issues (a key of :data:`ISSUE_LINES`).

    Examples
    --------
    >>> for line in callback_script(prospect_name="Dana Lee", knower_name="Mike Kincaid",
    ...                             last_offer="plants like yours cut changeover time by a "
    ...                                        "fifth", issue="costs", endorsed=True):
    ...     print(line)
    Thanks for calling me back, Dana – I appreciate it.
    Mike Kincaid thought we should talk, and I'm glad we finally connected.
    Last time I mentioned that plants like yours cut changeover time by a fifth – did that \
reach you, and was any of it useful?
    How are rising costs hitting you this year?
    Would twenty minutes next week be worth it, to see whether we can help?
    >>> callback_script(prospect_name="Dana Lee", knower_name="Mike Kincaid", last_offer=None,
    ...                 issue=None)[1]
    "I believe you know Mike Kincaid – small world, and I'm glad we finally connected."
    """
    lines = [f"Thanks for calling me back, {first_name(prospect_name)} – I appreciate it."]
    if knower_name and endorsed:
        lines.append(f"{knower_name} thought we should talk, and I'm glad we finally connected.")
    elif knower_name:
        lines.append(f"I believe you know {knower_name} – small world, and I'm glad we finally "
                     "connected.")
    if last_offer:
        lines.append(f"Last time I mentioned that {last_offer} – did that reach you, and was "
                     "any of it useful?")
    question = _ISSUE_QUESTIONS.get(issue or "", "What's the biggest thing on your plate this "
                                                 "quarter?")
    lines.append(question)
    lines.append("Would twenty minutes next week be worth it, to see whether we can help?")
    return lines


_ISSUE_QUESTIONS = {
    "economy": "How is the economy in your market treating you this year?",
    "competitors": "What are your competitors doing that worries you most?",
    "loyalty": "How are you keeping your best customers coming back?",
    "profit": "Where are your margins under the most pressure?",
    "productivity": "Where does your team lose the most hours in a week?",
    "staffing": "How hard is it to keep good people right now?",
    "costs": "How are rising costs hitting you this year?",
}
