"""The message check: does a voicemail or e-mail earn a return call? Pure rules, plain words.

A message sells a *return call*, not the product. :func:`check_message` flags, in order:
``only_name_number`` (greeting, name, number, nothing else), ``no_reason`` (nothing the
prospect gains), ``blames`` (makes the prospect wrong), ``about_me`` (at least
``ABOUT_ME_MIN_FIRST_PERSON`` first-person words and more than ``ABOUT_ME_RATIO`` x the
second-person ones, formulas like "thank you" and "call me back" not counted) and ``too_long``
(a voicemail over ``VOICEMAIL_MAX_SECONDS`` spoken, an e-mail over ``EMAIL_MAX_WORDS`` words).
The rules are simple pattern matches for the usual rep-speak; each flag says why and what to
do instead, so a false alarm costs a glance, not a lost call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CHANNELS", "EMAIL_MAX_WORDS", "VOICEMAIL_MAX_SECONDS", "VOICEMAIL_TARGET_SECONDS",
    "WORDS_PER_MINUTE", "Flag", "Length", "check_message", "spoken_length", "word_count",
]

WORDS_PER_MINUTE = 150  # spoken pace
VOICEMAIL_TARGET_SECONDS = 20  # warn above
VOICEMAIL_MAX_SECONDS = 30  # refuse above (unless the rep overrides)
EMAIL_MAX_WORDS = 150
CHANNELS = ("voicemail", "email")

#: only_name_number: at most this many words of substance may be left once greetings,
#: sign-offs, who is calling, numbers, addresses and call-me-back words are taken out.
MAX_SUBSTANCE_WORDS = 2
#: about_me: flag when first-person words >= this and > ABOUT_ME_RATIO x second-person words.
ABOUT_ME_MIN_FIRST_PERSON = 5
ABOUT_ME_RATIO = 2
FIRST_PERSON = frozenset(
    "i i'm i've i'd i'll me my mine myself we we're we've we'd we'll our ours ourselves us".split()
)
SECOND_PERSON = frozenset("you you're you've you'd you'll your yours yourself yourselves".split())


@dataclass(frozen=True)
class Flag:
    """One problem: a ``code``, why it hurts, what to do instead, and the phrase if any."""

    code: str
    message: str
    suggestion: str
    excerpt: str | None = None


@dataclass(frozen=True)
class Length:
    """How long a message takes to say: ``level`` is "ok", "warn" or "too_long"."""

    words: int
    seconds: float
    level: str
    message: str | None


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"'})
# Letters/digits, with inner ' - . kept inside the word ("don't", "e-mail", "Acme's").
_WORD = re.compile(r"[^\W_]+(?:['.\-][^\W_]+)*")
_DIGIT_GROUPS = re.compile(r"\d+(?:[.\-]\d+)+")


def _normalise(text: str) -> str:
    """Curly quotes to straight ones, runs of whitespace to one space."""
    return " ".join(text.translate(_QUOTES).split())


def word_count(text: str) -> int:
    """Words as a listener hears them.

    A word is a run of letters or digits, with inner ``'``, ``-`` or ``.`` allowed ("don't",
    "e-mail", "Acme's"). Digits joined by ``-`` or ``.`` count one word per group, since a
    phone number is read out group by group: "555-010-2030" is 3 words. Punctuation and
    symbols are not words.

    Examples
    --------
    >>> word_count("Call me at 555-010-2030, don't wait!")
    8
    >>> word_count("   ")
    0
    """
    tokens = _WORD.findall(_normalise(text))
    return sum(len(re.split(r"[.\-]", t)) if _DIGIT_GROUPS.fullmatch(t) else 1 for t in tokens)


def spoken_length(text: str) -> Length:
    """How long the text takes to say at ``WORDS_PER_MINUTE``, and whether that is too long.

    "ok" up to ``VOICEMAIL_TARGET_SECONDS`` (50 words), "warn" up to ``VOICEMAIL_MAX_SECONDS``
    (75 words), "too_long" beyond.

    Examples
    --------
    >>> spoken_length("word " * 50)
    Length(words=50, seconds=20.0, level='ok', message=None)
    >>> spoken_length("word " * 76).level
    'too_long'
    """
    words = word_count(text)
    seconds = round(words / WORDS_PER_MINUTE * 60, 1)
    # Compare whole numbers (words x 60 vs seconds x pace) so no float rounding moves a boundary.
    if words * 60 <= VOICEMAIL_TARGET_SECONDS * WORDS_PER_MINUTE:
        return Length(words, seconds, "ok", None)
    if words * 60 <= VOICEMAIL_MAX_SECONDS * WORDS_PER_MINUTE:
        return Length(words, seconds, "warn", (
            f"About {seconds:g} seconds spoken ({words} words): past the "
            f"{VOICEMAIL_TARGET_SECONDS} seconds a voicemail should take. Trim it if you can."))
    return Length(words, seconds, "too_long", (
        f"About {seconds:g} seconds spoken ({words} words): over the {VOICEMAIL_MAX_SECONDS}"
        "-second limit. Cut it to 50 to 75 words."))


# --- only_name_number -------------------------------------------------------------------------
_PHONE = re.compile(
    r"(?<!\w)(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3,4}(?:[\s.-]?\d{4})?"
    r"(?:,?\s*(?:ext\.?|extension|x)\s*\d+)?(?!\w)",
    re.I,
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_CALL_BACK = re.compile(
    r"\b(?:call|ring|phone) me\b|\bcall(?:ing)? (?:me )?back\b|\bgive me a (?:call|ring|buzz)\b"
    r"|\breach me\b|\bget back to me\b|\breturn my call\b|\bmy (?:number|cell|phone) is\b",
    re.I,
)
# Up to four capitalised words (no comma in between) are a name or a company; a signature
# may run over commas ("Best regards, Rita Rep, Acme Supply").
_NAME = r"(?:[A-Z][\w'&.-]*\s*){1,4}"
_SIGNATURE = r"(?:[A-Z][\w'&.-]*[\s,]*){1,4}"
_IDENTITY = re.compile(
    rf"(?i:\b(?:this is|my name is|it's|it is|i'm|i am|from|with|at|hi|hello|hey|dear"
    rf"|good (?:morning|afternoon|evening)))\s*,?\s*{_NAME}"
    rf"|(?i:\b(?:regards|best|thanks|thank you|cheers|sincerely))\s*,?\s*{_SIGNATURE}"
    rf"|{_NAME}(?i:here)\b"
)
_FILLER = frozenset(
    """a an the and or at on to of for in by is it it's this that i i'm i'll i'd me my am
    please again so just here calling call back number phone cell office direct line ext
    extension reach give ring buzz return get chance you your can could would when soon today
    thanks thank bye goodbye hi hello hey dear good morning afternoon evening have nice great
    day weekend much very quick convenience earliest anytime any time name regards best cheers
    sincerely talk later""".split()
)


def _only_name_number(text: str) -> Flag | None:
    if not (_PHONE.search(text) or _CALL_BACK.search(text)):
        return None
    rest = _IDENTITY.sub(" ", _PHONE.sub(" ", _EMAIL.sub(" ", text)))
    substance = [w for w in _WORD.findall(rest.lower()) if w not in _FILLER]
    if len(substance) > MAX_SUBSTANCE_WORDS:
        return None
    return Flag(
        "only_name_number",
        "This message is only a greeting, your name and your number. It tells the prospect "
        "nothing they would gain by calling back, so it sounds like every other sales call.",
        "Before your number, give one to three reasons about their business: who suggested "
        "you call, what you sent them, a result a company like theirs got. Then ask for the "
        "one action you want.",
    )


# --- no_reason --------------------------------------------------------------------------------
_VALUE = re.compile(
    r"\b(?:ideas?|tips?|articles?|research|stud(?:y|ies)|surveys?|reports?|white ?papers?"
    r"|checklists?|guides?|benchmarks?|findings|numbers|figures|data|results|savings"
    r"|techniques?|summary|insights?)\b"
    r"|\$\s?\d|%|\bper ?cent\b"
    r"|\b(?:sav(?:e|ed|es|ing)(?! (?:my|our|this)\b)|cut|cutting|reduc(?:e|ed|es|ing)"
    r"|lower(?:ed|ing)?|boost(?:ed|ing)?|doubl(?:e|ed|ing)|halv(?:e|ed|ing))\b"
    # A referral: someone the prospect knows sent the rep.
    r"|\b(?:suggested|recommended|referred|asked me to|told me to|thought you(?:'d| would)"
    r"|mentioned (?:you|your)|said you)\b"
    # Something sent by another channel.
    r"|\b(?:in the mail|attached|enclosed|postcards?|letters?|samples?)\b",
    re.I,
)
_QUESTION = re.compile(r"[^.?!,;:]*\?")  # the clause that asks, without "Hi Dana,"
_SCHEDULING = re.compile(
    r"\b(?:call|talk|chat|meet|speak|available|free|convenient|a good time|work for you)\b"
    r"|\bhow are you\b|\bdo you have (?:a|\d+|a few|five|ten|fifteen) (?:minutes?|moments?)\b",
    re.I,
)
_EMPTY_PURPOSE = re.compile(
    r"\b(?:(?:i'd|i would) like to |i (?:just )?want(?:ed)? to |just wanted to )?"
    r"introduc(?:e|ing) myself\b"
    r"|\b(?:just )?(?:checking|check) in\b|\b(?:just )?touch(?:ing)? base\b"
    r"|\b(?:i )?(?:just )?(?:wanted to |want to )?reach(?:ing)? out\b"
    r"|\b(?:just )?follow(?:ing)?[ -]?up(?: on (?:my|our) (?:last|previous|earlier) "
    r"(?:message|voicemail|call|e-?mail)s?)?\b"
    r"|\bsee (?:if|whether) (?:you|there)(?:'s| have| has| need| are|'re| is)[^.?!,;]*"
    r"|\b(?:wanted|want|like|love) to connect\b|\bput a (?:voice|face) to (?:the|my) name\b",
    re.I,
)


def _asks_about_their_business(text: str) -> bool:
    """A real question about the prospect ("are your operators still ...?"), not a call ask."""
    return any(
        re.search(r"\byou(?:r|'re)?\b", q, re.I)
        and len(_WORD.findall(q)) >= 4
        and not _SCHEDULING.search(q)
        for q in _QUESTION.findall(text)
    )


def _no_reason(text: str) -> Flag | None:
    if _VALUE.search(text) or _asks_about_their_business(text):
        return None
    found = _EMPTY_PURPOSE.search(text)
    excerpt = found.group(0).strip() if found else None
    why = f'"{excerpt}" is about what you want, not what they get. ' if excerpt else ""
    return Flag(
        "no_reason",
        "This message gives the prospect no reason to call back. " + why
        + "Nothing in it answers their question: what's in it for me?",
        "Lead with something they value: the name of who suggested you call, an article or "
        "tip you sent, a number from a customer like them, or a sharp question about their "
        "business.",
        excerpt,
    )


# --- blames -----------------------------------------------------------------------------------
_NOT = r"(?:haven't|have not|havent|hadn't|had not|'ve not|didn't|did not|never|still not)"
_SEVERAL = (
    r"(?:several|a few|a couple(?: of)?|many|multiple|a number of|numerous|so many|two|three"
    r"|four|five|\d+)"
)
_BLAME = re.compile(
    rf"\b(?:still )?{_NOT} (?:yet |still |really |ever )?hear(?:d)? (?:anything |a word )?"
    r"(?:back|from you)"
    rf"|\byou(?:'ve| have)? (?:still )?(?:{_NOT}|not) (?:yet )?(?:call(?:ed)?|return(?:ed)?"
    r"|respond(?:ed)?|repl(?:y|ied)|got back|gotten back|get back|answer(?:ed)?)\b"
    r"|\b(?:still|been) waiting (?:to hear|for (?:a|your) (?:call|reply|response|answer))"
    r"|\bthis is (?:my|our|the) (?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)"
    r"|last|final) (?:message|call|voicemail|attempt|try|e-?mail|time)"
    rf"|\b(?:left|sent) (?:you )?{_SEVERAL} (?:messages|voicemails|e-?mails|notes)"
    rf"|\b(?:called|tried|phoned|e-?mailed) (?:you )?{_SEVERAL} times"
    r"|\bwhy (?:haven't|have not|didn't|did not|won't|don't|do not) you\b"
    r"|\b(?:as|like) i(?:'ve| have)? (?:said|mentioned|explained|told you) (?:before )?"
    r"(?:in|on) (?:my|our) (?:last|previous|earlier|other)[^.?!,;]*"
    r"|\bignor(?:e|es|ed|ing) (?:me|my)\b"
    r"|\b(?:i guess|i assume|i take it|i suppose) you(?:'re| are) (?:not|no longer) interested",
    re.I,
)


def _blames(text: str) -> Flag | None:
    found = _BLAME.search(text)
    if not found:
        return None
    return Flag(
        "blames",
        "This message makes the prospect wrong for not calling back. Guilt doesn't earn a "
        "return call; it makes your next message easier to delete.",
        "Drop the reproach and bring something new: a fresh idea, what you just sent, a name "
        "they know. Sound warm and upbeat, as if this were your first message.",
        found.group(0).strip(),
    )


# --- about_me ---------------------------------------------------------------------------------
# Formulas whose "you" or "me" says nothing about whose message it is: "thank you", "talk to
# you soon", and the call-back ask (_CALL_BACK: "call me back", "my number is").
_COURTESY = re.compile(
    r"\bthank you\b|\b(?:talk|speak|chat) (?:to|with) you (?:soon|later)\b"
    r"|\bhear(?:ing)? (?:back )?from you\b",
    re.I,
)


def _about_me(text: str) -> Flag | None:
    plain = _CALL_BACK.sub(" ", _COURTESY.sub(" ", text))
    words = [w.lower() for w in _WORD.findall(plain)]
    first = sum(w in FIRST_PERSON for w in words)
    second = sum(w in SECOND_PERSON for w in words)
    if first < ABOUT_ME_MIN_FIRST_PERSON or first <= ABOUT_ME_RATIO * second:
        return None
    return Flag(
        "about_me",
        f"This message is mostly about you: {first} words about you and your company (I, "
        f"me, we, our...) against {second} about the prospect (you, your...).",
        "Turn the sentences around to them: \"your team could...\", \"you'd save...\". Keep "
        "yourself to your name and number, and spend the words on what they gain.",
    )


# --- too_long ---------------------------------------------------------------------------------
def _too_long(text: str, channel: str) -> Flag | None:
    if channel == "email":
        words = word_count(text)
        if words <= EMAIL_MAX_WORDS:
            return None
        return Flag(
            "too_long",
            f"This e-mail has {words} words; past {EMAIL_MAX_WORDS} a busy prospect skims it "
            "or leaves it for later, which means never.",
            f"Keep it to {EMAIL_MAX_WORDS} words or fewer: one reason it matters to them, one "
            "offer (say, a 10-minute phone appointment at two set times), your name and number.",
        )
    length = spoken_length(text)
    if length.level != "too_long":
        return None
    return Flag(
        "too_long",
        f"This voicemail runs about {length.seconds:g} seconds ({length.words} words) when "
        f"spoken; past {VOICEMAIL_MAX_SECONDS} seconds prospects stop listening.",
        "Cut it to 50 to 75 words (20 to 30 seconds), like a radio ad: one reason, one new "
        "fact, your number, and the one thing they should do.",
    )


def check_message(text: str, *, channel: str = "voicemail") -> list[Flag]:
    """Check a voicemail script or e-mail against the craft's rules; ``[]`` means it passes.

    Parameters
    ----------
    text : str
        The message as the rep wrote it. Curly quotes and extra whitespace are normalised.
    channel : str
        One of ``CHANNELS``: "voicemail" (length judged spoken) or "email" (in words).

    Returns
    -------
    list of Flag
        In the order only_name_number, no_reason, blames, about_me, too_long.

    Raises
    ------
    ValueError
        For an unknown channel, or an empty (or whitespace-only) message.

    Examples
    --------
    >>> [f.code for f in check_message("Hi, this is Rita from Acme. Call me at 555-0142.")]
    ['only_name_number', 'no_reason']
    >>> check_message("Hi Dana, Mike Kincaid asked me to call. I mailed you his checklist.")
    []
    >>> check_message("Haven't heard from you!", channel="sms")
    Traceback (most recent call last):
    ...
    ValueError: unknown channel 'sms'; expected one of voicemail, email
    """
    if channel not in CHANNELS:
        raise ValueError(f"unknown channel {channel!r}; expected one of {', '.join(CHANNELS)}")
    clean = _normalise(text)
    if not clean:
        raise ValueError("empty message")
    found = [_only_name_number(clean), _no_reason(clean), _blames(clean), _about_me(clean),
             _too_long(clean, channel)]
    return [flag for flag in found if flag is not None]
