"""What the message check says when the learned reading, not a rule, finds a flaw.

A rule can quote the phrase it matched; the model (:mod:`referrals.outreach.learned`) only
scores, so its flags say what the message *reads as*, and the flag's excerpt is the sentence
that scores highest ("this sentence" in the wording), never a cause the check did not see.
"""

from __future__ import annotations

__all__ = ["hunch"]

_SAYS = {
    "only_name_number": (
        "Beyond who you are and how to reach you, this message says very little: to the "
        "prospect it sounds like a request to call back and not much more.",
        "Before your number, put one thing they would gain: who suggested you call, what you "
        "sent them, or what a company like theirs got."),
    "no_reason": (
        "This message doesn't seem to give the prospect a concrete reason, about their own "
        "business, to call you back.",
        "Add one: a number from a customer like them, something you sent, a name they know, "
        "or a pointed question about how they run things."),
    "empty_claim": (
        "This sentence reads like a claim any competitor could make, with nothing to back "
        "it.",
        "Back it in the same sentence with a number or a named customer's result, or cut it."),
    "blames": (
        "This sentence may come across as a reproach for not getting back to you.",
        "Leave the silence unmentioned and bring something new instead, as warmly as if this "
        "were your first message."),
    "desperate": (
        "This sentence reads as your need rather than theirs.",
        "Drop the push, the plea or the check-in and bring one new thing for them; keep "
        "deadlines and discounts for the conversation."),
    "about_me": (
        "Most of this message reads as your company's story rather than what the prospect "
        "gains; this sentence most of all.",
        "Keep the story to a clause and spend the sentences on them: what a company like "
        "theirs got, what you sent, what you'll show them."),
}


def hunch(code: str) -> tuple[str, str]:
    """The message and the suggestion for a flaw the learned reading found.

    >>> hunch("blames")[0]
    'This sentence may come across as a reproach for not getting back to you.'
    >>> hunch("no_reason")[1].startswith("Add one")
    True
    """
    return _SAYS[code]
