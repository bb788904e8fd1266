"""Words a rep says: the voicemail "commercial" built from its parts, and the call-back script.

Pure functions over plain values (no Flask, no SQL), so the pages, the API and the tests
build exactly the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from referrals.words import first_name

__all__ = [
    "CALLS_TO_ACTION",
    "ISSUE_LINES",
    "Reason",
    "callback_script",
    "compose_voicemail",
]

#: The one action a voicemail ends with: key -> (label for the picker, the sentence).
#: ``{phone}`` is the rep's number, said slowly; ``{day}`` a day the rep names.
CALLS_TO_ACTION: dict[str, tuple[str, str]] = {
    "call_back": ("Call me back", "If that's worth ten minutes, call me at {phone}."),
    "reply_email": (
        "Reply to my e-mail",
        "I've sent you a short e-mail with the details – just reply with a time that suits you.",
    ),
    "book_call": (
        "Pick a time for a call",
        "Let me know a time for a short call this week, and I'll work around you: {phone}.",
    ),
    "expect_package": (
        "Watch for what I sent",
        "Keep an eye out for it, and call me at {phone} once you've had a look.",
    ),
}

#: A reason built from a pressing issue alone, when no piece of the value library fits.
ISSUE_LINES: dict[str, str] = {
    "economy": "I have a few numbers on how the local economy is moving in your market.",
    "competitors": "I've seen what some of your competitors are changing this year.",
    "loyalty": "I have an idea for keeping your best customers coming back.",
    "profit": "I have a practical idea for protecting your margins.",
    "productivity": "I have a tip that saves plants like yours a few hours a week.",
    "staffing": "I have an idea that has helped others hold on to good people.",
    "costs": "I have a way to take some of the sting out of rising costs.",
}

_SENT_WORDS = {
    "email": "e-mailed you", "letter": "mailed you", "card": "sent you a card with",
    "postcard": "sent you a postcard about", "fax": "faxed you", "visit": "dropped off",
    "social": "shared with you",
}


@dataclass(frozen=True)
class Reason:
    """One reason for the prospect to call back.

    Attributes
    ----------
    text : str
        What the rep says: a value item's pitch, or an issue line from :data:`ISSUE_LINES`.
    title : str or None
        The value item's title, when the reason is one (used to say what was sent).
    sent_by : str or None
        The channel it already went by (``email``, ``letter``, …), so the message can say so.
    sent_days_ago : int or None
        How long ago it went: "this week" is said only within six days, "last week" within
        thirteen, and no time at all after that.
    """

    text: str
    title: str | None = None
    sent_by: str | None = None
    sent_days_ago: int | None = None

    @property
    def when_sent(self) -> str:
        """' this week', ' last week' or '' – never more recent than it was.

        >>> Reason("x", sent_days_ago=2).when_sent, Reason("x", sent_days_ago=12).when_sent
        (' this week', ' last week')
        >>> Reason("x", sent_days_ago=30).when_sent, Reason("x").when_sent
        ('', '')
        """
        days = self.sent_days_ago
        if days is None or days > 13:
            return ""
        return " this week" if days <= 6 else " last week"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    if text and text[-1] not in ".!?":
        text += "."
    return text[:1].upper() + text[1:]


def compose_voicemail(
    *,
    prospect_name: str,
    rep_name: str,
    rep_company: str | None,
    opener: str,
    reasons: Sequence[Reason],
    call_to_action: str,
    phone: str | None,
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
    ...                     sent_days_ago=3)],
    ...     call_to_action="call_back", phone="555 010 2030"))
    Hi Dana, this is Rita Rep with Acme Supply. Mike Kincaid at Quality Fabricators asked me \
to give you a call. A two-page study shows plants like yours cut changeover time by a fifth – \
I mailed you "Changeover study" this week. If that's worth ten minutes, call me at \
555 010 2030. Again, Rita Rep, 555 010 2030.
    """
    if not 1 <= len(reasons) <= 3:
        raise ValueError("pick one to three reasons")
    if call_to_action not in CALLS_TO_ACTION:
        raise ValueError(f"unknown call to action {call_to_action!r}")
    action = CALLS_TO_ACTION[call_to_action][1]
    if "{phone}" in action and not (phone or "").strip():
        raise ValueError("this call to action needs your phone number")
    who = f"this is {rep_name}" + (f" with {rep_company}" if rep_company else "")
    parts = [f"Hi {first_name(prospect_name)}, {who}."]
    if opener.strip():
        parts.append(_sentence(opener))
    for i, reason in enumerate(reasons):
        text = _sentence(reason.text)
        if reason.sent_by and reason.title:
            sent = _SENT_WORDS.get(reason.sent_by, "sent you")
            text = f'{text[:-1]} – I {sent} "{reason.title}"{reason.when_sent}.'
        if i > 0:  # "Also, ..." keeps a second and third reason from sounding like a list
            text = "Also, " + (text if text.startswith("I ") else text[:1].lower() + text[1:])
        parts.append(text)
    parts.append(action.format(phone=(phone or "").strip()))
    if phone and phone.strip():
        parts.append(f"Again, {rep_name}, {phone.strip()}.")
    return " ".join(parts)


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
