"""Name-drop only the truth: the words that claim something about a go-between, and the fact
each one needs. Pure (no Flask, no database), so every layer that writes a sentence – openers,
voicemail scripts, call-back scripts, ask e-mails – checks it against the same rule.

A sentence may say that someone asked, suggested, referred, recommended, vouched, or is happy
to talk only when the data holds it (``endorsed``: they agreed to or made an introduction,
logged an advocate call for this prospect, or referred the prospect while the rep knows them
well); "I know …" only about someone the rep knows (``direct``); "… well" and "we go back"
only over a strong tie (``close``); "a friend in common" only when both ties are friendships
(``friends``). Everything else says only what is known: "I believe you know Gus".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["CLAIMS", "FACTS", "Claim", "Unsupported", "unsupported_claims"]

#: The facts a claim can need, with how a message names each one when it is missing.
FACTS: dict[str, str] = {
    "endorsed": "they haven't asked, agreed to or made an introduction, or called ahead",
    "direct": "the rep doesn't know them personally",
    "close": "the rep's own tie to them isn't strong",
    "friends": "the two ties aren't both friendships",
}


@dataclass(frozen=True)
class Claim:
    """Words that claim a fact: ``pattern`` (case-insensitive) needs ``fact`` to hold."""

    fact: str
    pattern: re.Pattern[str]
    what: str


def _claim(fact: str, what: str, *patterns: str) -> Claim:
    return Claim(fact, re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE), what)


#: Every claim the rule knows, in the order they are reported.
CLAIMS: tuple[Claim, ...] = (
    _claim(
        "endorsed", "that they asked, suggested, referred or vouched",
        r"asked", r"asks", r"suggest(?:ed|s|ion)?", r"referr?(?:ed|al|s)?", r"recommend(?:ed|s)?",
        r"vouch(?:ed|es)?", r"endorse[ds]?", r"promised", r"offered to", r"mentioned",
        r"told me", r"said (?:you|you'd|they'd|he'd|she'd|I should|we should|to)",
        r"(?:happy|glad|keen|pleased) to (?:tell|talk|take|speak|share|chat|vouch|help)",
        r"welcome to call", r"good word", r"heads-up",
        r"thought (?:that )?(?:we|the two of us|you and I|you two)\b[^.]{0,20}"
        r"(?:should|talk|meet|speak|call)",
        r"thought it was time", r"wanted (?:us|me|you) to", r"put (?:us|me) in touch",
        r"introduc(?:e|ed|ing) (?:us|me)", r"passed (?:along|on) your", r"gave me your",
        r"on (?:his|her|their) behalf", r"speaks? highly", r"sent me",
    ),
    _claim(
        "close", "that the rep knows them well",
        r"knows? (?:\w+ ){0,5}well", r"known (?:\w+ ){0,5}well", r"good friend",
        r"close friend", r"go back a (?:long )?way", r"goes back a (?:long )?way",
        r"old friend",
    ),
    _claim(
        "direct", "that the rep knows them",
        r"I know", r"I've (?:come to )?know", r"I've known", r"we both know",
        r"you and I both know", r"someone (?:we both|I) know", r"friend of mine",
        r"knows? (?:me|my work)", r"and I know each other", r"and I (?:go back|work together)",
    ),
    _claim(
        "friends", "that you share a friend",
        r"friends? in common", r"mutual friend", r"our friend", r"common friend",
    ),
)


@dataclass(frozen=True)
class Unsupported:
    """One claim the facts don't hold: the words found and the fact they need."""

    claim: Claim
    words: str

    def message(self) -> str:
        """The problem in plain words, e.g. for a template editor."""
        return (f"“{self.words}” claims {self.claim.what}, which isn't true for every "
                f"connection of this kind ({FACTS[self.claim.fact]})")


def unsupported_claims(text: str, facts: Mapping[str, bool]) -> list[Unsupported]:
    """The claims in ``text`` that ``facts`` don't support (empty: the text is truthful).

    Parameters
    ----------
    text : str
        A generated sentence or two.
    facts : mapping of str to bool
        Which of :data:`FACTS` hold for the person the text names; a missing one is false.

    Examples
    --------
    >>> [u.words for u in unsupported_claims("Gus Ortega suggested I get in touch.", {})]
    ['suggested']
    >>> unsupported_claims("Gus Ortega suggested I get in touch.", {"endorsed": True})
    []
    >>> unsupported_claims("I believe you and Gus worked together at Hale Tools.", {})
    []
    >>> [u.claim.fact for u in unsupported_claims("I know Gus well.", {"direct": True})]
    ['close']
    >>> [u.claim.fact for u in unsupported_claims("We have a friend in common.", {})]
    ['friends']
    """
    found: list[Unsupported] = []
    for claim in CLAIMS:
        if facts.get(claim.fact):
            continue
        match = claim.pattern.search(text)
        if match:
            found.append(Unsupported(claim, match.group(0)))
    return found
