"""Is a message a repeat of an earlier one to the same person? Two judgements, both pure.

Near word for word (:func:`similarity`: rapidfuzz on the words of substance), or the same
content reworded and reordered (:func:`content_repeat`: no new number, date or name, and most
of the same content words once stemmed). Each new message in a series should bring a new
fact; one new number, date or name makes a follow-up, however alike the rest.
"""

from __future__ import annotations

import functools
import re

from rapidfuzz import fuzz

from referrals.outreach.formulas import (
    _FILLER,
    _IDENTITY,
    _NOT_NAMES,
    _WORD,
    MAX_FORMULA_WORDS,
    _formula_free,
    _normalise,
    _split,
    _substance,
)
from referrals.outreach.phrases import BLAME as _BLAME
from referrals.outreach.phrases import DESPERATE as _DESPERATE

__all__ = ["REPEAT_MAX_NEW_SHARE", "REPEAT_MIN_CONTENT", "REPEAT_MIN_SIMILARITY",
           "content_repeat", "new_facts", "new_share", "similarity", "stated_numbers"]

#: repeated: rapidfuzz token_set_ratio (0-100) of the substance against an earlier message...
REPEAT_MIN_SIMILARITY = 85
#: ...and at most this share of the new message's substance words new to the earlier one.
REPEAT_MAX_NEW_SHARE = 0.3
#: repeated, in other words: no new fact, and this token_set_ratio (0-100) of the stemmed
#: content words. Reworded repeats in the corpus score 64 and up (the d… set's shortest
#: rewordings 64-65), good follow-ups without a new number or name at most 58: the threshold
#: sits between them.
REPEAT_MIN_CONTENT = 61


@functools.lru_cache(maxsize=512)
def _plain_part(part: str) -> str:
    """A sentence without reproaches, pleading, greetings, names, numbers or sign-offs.

    Cached: a message in a series is compared with each earlier one, twice.
    """
    return _formula_free(_DESPERATE.sub(" ", _BLAME.sub(" ", part)))


def _substance_words(text: str) -> list[str]:
    """What a message says, in words: no formulas, names, reproaches or pleading."""
    parts = _split(_normalise(text))
    known = {word.lower() for word in re.findall(r"\b[A-Z][\w&'-]+", parts[0] if parts else "")}
    words = []
    for part in parts:
        said = [w for w in _WORD.findall(_plain_part(part).lower()) if w not in _FILLER]
        if len(said) > MAX_FORMULA_WORDS:
            words += [w for w in said if w not in known]
    return words


def similarity(text: str, earlier: str) -> float:
    """How alike two messages are (0-100), greetings, names and numbers set aside.

    rapidfuzz's ``token_set_ratio`` of the words of substance: word order and a word or two
    added or dropped barely move it; new facts do.

    Examples
    --------
    >>> earlier = ("Hi Gus, Nina from Horizon. Two firms in Boise cut premiums by nine "
    ...            "percent. I'll send you their numbers. 555 111 2929.")
    >>> similarity("Hi Gus, Nina from Horizon again. Two firms in Boise cut their premiums "
    ...            "by nine percent. 555 111 2929.", earlier) >= REPEAT_MIN_SIMILARITY
    True
    >>> similarity("Hi Gus, Nina from Horizon. The state's new leave law starts in "
    ...            "January; I mailed you a template. 555 111 2929.", earlier) < 50
    True
    >>> similarity("Gus, it's Nina at Horizon. Call me back on 555 111 2929.",
    ...            "Hi Gus, Nina from Horizon, 555 111 2929.")
    100.0
    """
    new, old = _substance_words(text), _substance_words(earlier)
    if not new and not old:
        return 100.0  # a name and a number, again: nothing new either time
    if not new or not old:
        return 0.0
    return fuzz.token_set_ratio(" ".join(new), " ".join(old))


def new_share(text: str, earlier: str) -> float:
    new, old = _substance_words(text), set(_substance_words(earlier))
    return sum(w not in old for w in new) / len(new) if new else 0.0


# --- judged on content: the same facts, in other words and another order ------------
_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
    .split(), 1)} | {"thirtieth": 30}
_NUMBER_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+", re.I)


# A share said as a ratio is a percentage: "seven parts in a hundred" is 7%, "around seven in
# ten" is 70% – the hundred and the ten are no facts of their own.
_IN_HUNDRED = re.compile(r"\b(?:in|out of|per) (?:a |every |each )?(?:hundred|100)\b", re.I)
_IN_TEN = re.compile(r"\b(\w+) (?:in|out of) (?:every )?(?:ten|10)\b", re.I)


# A price under a dollar is the same fact in cents: "$0.38 a mile" is "38 cents a mile".
_CENTS = re.compile(r"[$\u00a3\u20ac]0?\.(\d\d)\b")
# Said aloud, a decimal is "four point two": the same fact as 4.2.
_DIGIT = "|".join(word for word, value in _UNITS.items() if value < 10)
_SPOKEN_DECIMAL = re.compile(rf"\b(\d+|{_DIGIT}) point ({_DIGIT}|\d)\b", re.I)
# A share said as a fraction is also a percentage: "cut their use by a fifth" is 20%.
_FRACTIONS = {"half": 50, "third": 33, "quarter": 25, "fifth": 20, "tenth": 10}
_FRACTION = re.compile(rf"(?<!\band )\b(?:a|one)[ -]({'|'.join(_FRACTIONS)})\b"
                       r"(?!-| (?:of the year|quarter))", re.I)
# The rep's tries counted are no fact about the listener: "third time trying you", "my
# fourth e-mail on this".
_TRY_ORDINAL = re.compile(
    rf"\b(?:{'|'.join(list(_ORDINALS)[:10])}|\d+(?:st|nd|rd|th))"
    r" (?:time|e-?mail|message|voicemail|call|attempt|try|go|note)\b", re.I)


def _digits(found: re.Match[str]) -> str:
    """A spoken decimal in digits: "four point two" is "4.2"."""
    return ".".join(w if w.isdigit() else str(_UNITS[w.lower()]) for w in found.groups())


def _tenths(found: re.Match[str]) -> str:
    share = stated_numbers(found.group(1))
    return f"{max(share) * 10:g} percent" if share else found.group(0)


def stated_numbers(text: str) -> frozenset[float]:
    """The quantities a text states, in digits or in words, as numbers.

    "Twenty-six pallets", "26 pallets" and "$26" are one fact; so are "nineteen seventy-two",
    "1972" and "'72" (a year is also known by its last two digits). One and two said in words
    are left out ("one of our customers", "a couple", "both" are no facts); written in digits
    they are kept ("just under 2%", "from 1 April").

    Long because the spoken forms (tens, hundreds, years, ordinals) are read in one pass,
    word by word, each depending on the number read so far.

    Examples
    --------
    >>> sorted(stated_numbers("saved $4,200, about twenty-six pallets, since nineteen seventy-two"))
    [26.0, 72.0, 1972.0, 4200.0]
    >>> sorted(stated_numbers("eight hundred dollars by September fifteenth, 30% off"))
    [15.0, 30.0, 800.0]
    >>> sorted(stated_numbers("seven parts in a hundred; around seven in ten"))
    [7.0, 70.0]
    """
    values: list[float] = []
    current: float | None = None
    # Written in digits, even 1 and 2 are stated: "just under 2%", "from 1 April".
    written: set[float] = set()
    text = _IN_TEN.sub(_tenths, _IN_HUNDRED.sub(" percent", _CENTS.sub(r"\1 cents", text)))
    text = _TRY_ORDINAL.sub(" ", _SPOKEN_DECIMAL.sub(_digits, text))
    text = _FRACTION.sub(lambda m: f"{m.group(0)}, {_FRACTIONS[m.group(1).lower()]} percent",
                         text)
    for token in _NUMBER_TOKEN.findall(text.replace("-", " ")):
        word = token.lower()
        if token[0].isdigit():
            if current is not None:
                values.append(current)
                current = None
            written.add(float(token.replace(",", "")))
        elif word in _UNITS:
            if current is not None and (current % 100 == 0 and current >= 100
                                        or current % 10 == 0 and _UNITS[word] < 10):
                current += _UNITS[word]  # "eight hundred five", "twenty six"
            else:
                if current is not None:
                    values.append(current)
                current = _UNITS[word]
        elif word in _TENS:
            if current is not None and 10 <= current < 20:
                current = current * 100 + _TENS[word]  # "nineteen seventy": a year
            elif current is not None and current >= 100 and current % 100 == 0:
                current += _TENS[word]
            else:
                if current is not None:
                    values.append(current)
                current = _TENS[word]
        elif word in _SCALES:
            current = (current or 1) * _SCALES[word]
        elif word in _ORDINALS:
            if current is not None and current % 10 == 0 and current >= 20:
                values.append(current + _ORDINALS[word])  # "twenty-first"
            else:
                if current is not None:
                    values.append(current)
                values.append(_ORDINALS[word])
            current = None
        elif not (word == "and" and current is not None and current >= 100) \
                and word not in ("a", "one"):
            if current is not None:
                values.append(current)
            current = None
    if current is not None:
        values.append(current)
    facts = {float(v) for v in values if v > 2} | written
    return frozenset(facts | {v % 100 for v in facts if 1900 <= v < 2100})


#: Words that carry no content: function words, and the rep's everyday verbs.
_STOP = _FILLER | frozenset(
    """a an the and or but if of to in on at by for with from as is are was were be been being
    its this that these those there their they them we our us i me my you your yours he she
    his her him so than then too very also about into over under up down out off more most
    some any all each both no not only own same such can could would should will shall may
    might must do does did have has had what which who whom where why how now again once new
    one two we're we've we'd we'll you're you've you'd you'll they're it's that's there's
    i've i'd i'll i'm""".split())
_SUFFIX = re.compile(r"(?<=\w{3})(?:ing|ed|es|s|ly|er)$")
# A name or code mid-sentence ("the Ohio Food Processors Association", "flood zone AE",
# "Form I-9", "17-4 stainless"): a fact, like a number.
_PROPER = re.compile(r"(?<=[a-z,;:%)]\s)[A-Z][\w&-]*|\b[A-Za-z]+-?\d[\w-]*")
# A business function's initials name no one: "their HR manager", "your IT team".
_FUNCTIONS = frozenset("HR IT CEO CFO COO CTO GM HQ PR VP MD QA ERP CRM".split())
# A name the earlier message had anywhere – at a sentence's start, in brackets – is no new one.
_ANY_PROPER = re.compile(r"\b[A-Z][\w&-]*|\b[A-Za-z]+-?\d[\w-]*")


def _stem(word: str) -> str:
    """A light stem, so "reduced", "reduces" and "reducing" are one word.

    >>> [_stem(w) for w in ("reduced", "cycles", "rinsing", "roughly", "cut")]
    ['reduc', 'cycl', 'rins', 'rough', 'cut']
    """
    return _SUFFIX.sub("", word.lower().removesuffix("'s"))


_INTRODUCED = re.compile(r"(?:[A-Z][\w'-]+ ){1,3}(?=(?:at|with|from|of|here at) [A-Z])")


@functools.lru_cache(maxsize=256)
def _who(text: str) -> frozenset[str]:
    """The capitalised words of who is calling and who is called: greeting, name, signature."""
    parts = _split(text)
    formulas = [p for p in parts if len(_substance(p)) <= MAX_FORMULA_WORDS]
    said = " ".join(m.group(0) for p in parts for m in _IDENTITY.finditer(p))
    if parts:  # "Hey Kofi, Patrice Dumont at Lumen Print": the rep's full name
        said += " " + " ".join(_INTRODUCED.findall(parts[0]))
    return frozenset(w.lower() for w in re.findall(r"\b[A-Z][\w&'-]+", " ".join(formulas) + " "
                                                     + said))


@functools.lru_cache(maxsize=256)
def _content(text: str, who: frozenset[str]) -> tuple[tuple[str, ...], frozenset[float],
                                                       frozenset[str]]:
    """What a message says: its content words (stemmed), the numbers and the names it states.

    Greetings, who is calling, the number, reproaches and pleading are left out, as in
    :func:`_substance_words`; so are the names in ``who``.
    """
    words: list[str] = []
    numbers: set[float] = set()
    names: set[str] = set()
    for part in _split(text):
        free = _plain_part(part)
        if len([w for w in _WORD.findall(free.lower()) if w not in _FILLER]) \
                <= MAX_FORMULA_WORDS:
            continue
        numbers |= stated_numbers(free)
        names |= {_stem(m.group(0)) for m in _PROPER.finditer(free)
                  if m.group(0).lower() not in who | _STOP
                  and m.group(0) not in _NOT_NAMES | _FUNCTIONS
                  and _said_before(free[:m.start()], who)}
        words += [_stem(w) for w in _WORD.findall(free)
                  if w.lower() not in _STOP and w.lower() not in who
                  and not any(c.isdigit() for c in w)]
    return tuple(words), frozenset(numbers), frozenset(names)


# An e-mail's subject line runs into its first sentence once the line breaks are gone: its
# first word, a "Re:", and the word after the greeting ("Subject: Re: Hood filters / Dear
# Mr. Patel, / I wanted ...", "Subject: Jensen & Eastgate / Pete, / Wanted to flag") start a
# line, not a name.
_SUBJECT_MARK = re.compile(r"^\s*Subject:\s*(?:(?:Re|Fwd?|Fw)\s*:\s*)*", re.I)
_GREETED = re.compile(r"(?:^|\s),\s*$")
_VOCATIVE = re.compile(r"\b[A-Z][\w'-]*,\s*$")


def _said_before(before: str, who: frozenset[str]) -> bool:
    """Whether words come before a capital: past a greeting ("Claire, Since I wrote") or at
    the start of a subject line it starts the sentence and is no name."""
    subject = _SUBJECT_MARK.match(before)
    if subject:
        before = before[subject.end():]
        if _VOCATIVE.search(before):
            return False
    if _GREETED.search(before):
        return False
    return any(w.lower() not in who for w in _WORD.findall(before))


@functools.lru_cache(maxsize=256)
def _capitals(text: str) -> frozenset[str]:
    """Every capitalised word or code a message has, wherever it stands (stemmed)."""
    return frozenset(_stem(m.group(0)) for m in _ANY_PROPER.finditer(text))


def content_repeat(text: str, earlier: str) -> tuple[bool, float]:
    """Whether a message says what an earlier one said, whatever the words and their order.

    A repeat states no fact (number, amount, date, name) the earlier message didn't, and
    most of its content words, stemmed, were in the earlier message too (rapidfuzz's
    ``token_set_ratio`` at least ``REPEAT_MIN_CONTENT``). Returns the verdict and that ratio.

    Examples
    --------
    >>> first = ("Hi Jo, Ann at Beck Chemical. One member of the Ohio Food Association cut "
    ...          "caustic use by 30% by adjusting concentration in rinse cycles. 555-0174.")
    >>> content_repeat("Hello Jo, Ann again. A fellow Ohio Food Association member reduced "
    ...                "caustic usage thirty percent by tuning rinse cycle concentration. "
    ...                "555-0174.", first)[0]
    True
    >>> content_repeat("Hello Jo, Ann again. Rinse cycle concentration: the Ohio Food "
    ...                "Association's survey says members cut caustic by 30% and water by "
    ...                "18%. 555-0174.", first)[0]
    False
    """
    if new_facts(text, earlier):
        return False, 0.0  # a new fact: a follow-up, not a repeat
    who = _who(text) | _who(earlier)
    new_words, old_words = _content(text, who)[0], _content(earlier, who)[0]
    if not new_words or not old_words:
        return False, 0.0  # nothing said: judged by the words of substance instead
    score = fuzz.token_set_ratio(" ".join(new_words), " ".join(old_words))
    return score >= REPEAT_MIN_CONTENT, score


# A 1 or a 2 said in words, as an earlier message may have said what this one writes in digits.
_SMALL_SAID = {1.0: re.compile(r"\b(?:one|first|1st|single)\b", re.I),
               2.0: re.compile(r"\b(?:two|second|2nd|both|couple|pair)\b", re.I)}


def new_facts(text: str, earlier: str) -> bool:
    """Whether a message states a number or a name the earlier one didn't."""
    who = _who(text) | _who(earlier)
    _, new_numbers, new_names = _content(text, who)
    _, old_numbers, old_names = _content(earlier, who)
    # A number rounded is no new one: "nine seconds" after "9.4 seconds".
    rounded = {float(f(v)) for v in old_numbers if v != int(v) for f in (round, int)}
    # Nor a 1 or a 2 the earlier message said in words: "2\"" after "two inches", "August 1"
    # after "August first".
    said = {v for v, words in _SMALL_SAID.items() if words.search(earlier)}
    return bool(new_numbers - old_numbers - rounded - said
                or new_names - old_names - _capitals(earlier))
