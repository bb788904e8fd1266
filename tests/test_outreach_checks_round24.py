"""Round 24: the classes the blind C…, D… and F… sets found, in other words.

A company story told in plants, licences and the rep's own schooling gives no reason; a
contentless follow-up in other words ("just poking my head in", "seeing where things stand")
is a plea when nothing else is said; a reproach by the clock ("That was two weeks ago now") or
by the receptionist ("your secretary took my number twice"); a nun by her title is no sibling.
Every case was written for this round, none copied from the corpus; the near misses must keep
their verdict. The rules are judged alone (``learned=False``), except where the learned
reading's own part is the point.
"""

from __future__ import annotations

import pytest

from referrals.outreach import checks
from referrals.outreach.checks import check_message


def codes(text: str, channel: str = "voicemail") -> list[str]:
    return [f.code for f in check_message(text, channel=channel, learned=False)]


def test_a_story_in_plants_and_schooling_gives_no_reason() -> None:
    text = ("Hi Joel, Claire from Nordpak. We're a family company since 1991, with three plants "
            "in Quebec. I studied packaging at Laval and joined Nordpak in 2015. Our Laval "
            "plant is SQF certified for food contact. 514-555-0133.")
    got = codes(text)
    assert "about_me" in got and "no_reason" in got


@pytest.mark.parametrize("text", [
    "Hi Deb, Walt at Pinecone Insurance, just poking my head in again. Catch me at 555-0171.",
    "Hi Raul, Walt here, just swinging back around. 555-0171.",
    "Hi Gus, Walt from Pinecone, seeing where things stand. 555-0171.",
    "Hi Amy, Walt at Pinecone, ringing back about my earlier message. 555-0171.",
    "Hi Bo, Walt at Pinecone. Calling about that e-mail I sent. 555-0171.",
    "Good morning sir, Ade from Sunhive. Sorry to disturb you again. 0803 555 0190.",
])
def test_a_contentless_follow_up_in_other_words_is_a_plea(text: str) -> None:
    assert codes(text)[:2] == ["only_name_number", "no_reason"] and "desperate" in codes(text)


@pytest.mark.parametrize("text", [
    "Hi Kevin, Ama from Sunhive. I know you said you'd ring back. That was three weeks ago now. "
    "0722 555 014.",
    "Hi Mr. Obi, Ade from Sunhive. Your secretary took my number twice. 0803 555 0190.",
    "Hi Angela, Ama here. I've called five times and I'm running out of ideas. 0722 555 014.",
])
def test_a_reproach_by_the_clock_or_the_receptionist(text: str) -> None:
    got = codes(text)
    assert "blames" in got and "no_reason" in got


def test_a_nun_by_her_title_is_no_sibling() -> None:
    assert codes("Hi Sister Agnes, Ama from Sunhive. Please ring me back on 0722 555 014.")[:2] \
        == ["only_name_number", "no_reason"]


@pytest.mark.parametrize(("text", "code"), [
    # A date in another's remark is no reproach.
    ("Subject: Reject curves\n\nHi Dom,\n\nLena, who ran quality at your Spalding site, says "
     "the line's logic looked like ours when she left, though that was a year ago. The curve "
     "we fitted at Boston cut rejects 31%.\n\nLucy", "blames"),
    # A neighbour named is still a referral.
    ("Hi Ms. Cruz, Luis from Agrovia. Your neighbour Mr. Ferri told me about the rust in your "
     "soy; our trial plot cut it by half. 555-0188.", "no_reason"),
    # "Calling again" with news is no plea.
    ("Hi Dr. Mays, Dana from Cascade, calling again: Linn County Humane now runs 400 spays a "
     "year on our packs at $31 each. 555-0165.", "desperate"),
])
def test_near_misses_keep_their_verdict(text: str, code: str) -> None:
    channel = "email" if text.startswith("Subject:") else "voicemail"
    assert code not in codes(text, channel)


def test_the_readings_story_is_read_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where the learned reading finds the rep's story and the rules did not, the story's
    # sizes give no reason either.
    # (Since round 29 the rules know "my father" as the rep's own people, so the family
    # here is named: the rules still take it for a peer.)
    text = ("Hi Kim, Gen from Nordpak. I grew up in Rimouski, where the Gagnons ran a "
            "fish-packing plant, so I've been around boxes my whole life. Nordpak is a family "
            "company, three plants, about a hundred and forty people. 514-555-0182.")

    class _Reading:
        def judge(self, text, channel, sentences, abouts, ruled, named=False):
            return {"about_me": sentences[1]}, frozenset()

    assert "no_reason" not in codes(text)
    monkeypatch.setattr(checks, "learned_model", lambda: _Reading())
    got = [f.code for f in check_message(text)]
    assert "about_me" in got and "no_reason" in got
