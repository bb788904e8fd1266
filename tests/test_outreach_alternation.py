"""The phrase families, regrouped by first letter, match exactly what their plain alternation
matches: on the corpus's sentences, on awkward characters, and on random alternations."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from referrals.outreach.alternation import alternatives, by_first_letter, first_letters
from referrals.outreach.claims import CLAIM
from referrals.outreach.formulas import _normalise, _split
from referrals.outreach.phrases import BLAME, DESPERATE, families, spelled_out

pytestmark = pytest.mark.graph  # no database: the SQLite pass only

DATA = Path(__file__).resolve().parent / "data"
FAMILIES = {"BLAME": BLAME, "DESPERATE": DESPERATE, "CLAIM": CLAIM}
AWKWARD = [
    "", "#1 in the region", "\u212aeep me posted", "\u017fo sorry to chase", "\u0130t's me again",
    "Élan Tools here, no reply yet", "٣ times I called", "3 times I called you", "JUST CHECKING IN",
    "I've tried you 4 times", "we're the best in the business", "a two-way street, isn't it?",
]


def _sentences() -> list[str]:
    rows = [json.loads(line) for line in (DATA / "craft_tune.jsonl").read_text("utf-8")
            .splitlines() if line.strip()]
    return [s for r in rows[::12] for s in _split(_normalise(r["text"]))] + AWKWARD


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    return _sentences()


@pytest.mark.parametrize("name", FAMILIES)
def test_a_grouped_family_matches_what_its_plain_alternation_matches(name, sentences) -> None:
    grouped = FAMILIES[name]
    plain = spelled_out(grouped)
    assert plain.pattern != grouped.pattern and "(?=a)(?:" in grouped.pattern
    for sentence in sentences:
        got, want = grouped.search(sentence), plain.search(sentence)
        assert (got and got.span()) == (want and want.span()), sentence
    for text in sentences[::25]:
        assert grouped.sub(" ", text) == plain.sub(" ", text), text


@pytest.mark.parametrize("name", FAMILIES)
def test_cutting_a_family_at_its_bars_gives_back_every_alternative(name) -> None:
    plain = spelled_out(FAMILIES[name]).pattern
    inner = plain[plain.index("(?:") + 3:-1]
    pieces = alternatives(inner)
    assert "|".join(pieces) == inner and len(pieces) > 150
    for piece in pieces:
        re.compile(piece)  # each one whole: no bar inside a group or class was cut


def test_the_first_letters_of_awkward_alternatives() -> None:
    assert first_letters(r"(?<!not )\bsave") == frozenset("s")
    assert first_letters(r"[A-C]\d+") == frozenset("abc")
    assert first_letters(r"(?:a|b)?(?:c|d)e") == frozenset("abcd")
    assert first_letters(r"\d+ times") is None  # any Unicode digit
    assert first_letters(r"[^a]bc") is None and first_letters("é") is None
    assert first_letters(r"(?:x)*") is None  # can match nothing, so start anywhere
    with pytest.raises(ValueError):
        by_first_letter(["a"], flags=0)


WORDS = ["a", "an", "no", "not", "reply", "you", "yet", "Kim", "3", "#1", "é", "call"]
_piece = st.lists(st.one_of(
    st.sampled_from([rf"\b{w}" for w in WORDS] + [w for w in WORDS]),
    st.sampled_from([r"(?:just )?", r"(?:a|an) ", r"[ck]", r"\w+", r"\d", r"(?!not)", " ",
                     r"(?-i:K)", r"(?:x|)", r"[A-C]"]),
), min_size=1, max_size=4).map("".join)


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_piece, min_size=1, max_size=8),
       text=st.text(alphabet="ankoreplyuKIM3#1é cl\u212a\u017fABC-'", max_size=30))
def test_random_alternations_match_the_same_once_grouped(pieces, text) -> None:
    plain = re.compile("(?:" + "|".join(pieces) + ")", re.I)
    grouped = re.compile("(?:" + by_first_letter(pieces) + ")", re.I)
    for at in range(len(text) + 1):
        got, want = grouped.match(text, at), plain.match(text, at)
        assert (got and got.span()) == (want and want.span()), (pieces, text, at)
    family = families(*pieces)
    assert (family.search(text) and family.search(text).span()) == (
        spelled_out(family).search(text) and spelled_out(family).search(text).span())
