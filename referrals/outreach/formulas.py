"""What every message has and no reader needs: greeting, who is calling, number, sign-off.

The message check (:mod:`referrals.outreach.checks`) and its repeat judgement
(:mod:`referrals.outreach.repeats`) both read a message sentence by sentence with the
formulas taken out; this module is that shared first step: normalising the text, counting
words as a listener hears them, splitting sentences, and blanking greetings, names, phone
numbers (in digits or read out), times of day, courtesies and job titles. The names with a
leading underscore are the check's internals, shared by its modules and no one else.
"""

from __future__ import annotations

import functools
import re

import phonenumbers

from referrals.outreach.readings import COURTESY as _COURTESY
from referrals.outreach.readings import DAY as _DAY
from referrals.outreach.readings import TITLE_ALONE as _TITLE_ALONE

__all__ = ["MAX_FORMULA_WORDS", "word_count"]

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



#: A sentence with at most this many words of substance is only a formula ("Talk soon.").
MAX_FORMULA_WORDS = 1
#: Every phrase the check looks for starts a word: checking that first spares Python's ``re``
#: trying each of dozens of alternatives at every character (the check runs on every save).
_AT_WORD = r"(?<![\w'-])(?=[\w#])"


# --- formulas: greeting, who is calling, the number, the call-back ask, sign-off -------------
_SPOKEN_DIGIT = r"(?:zero|oh|o|one|two|three|four|five|six|seven|eight|nine)"
# A number read out in pairs or with a country code: "plus ninety-one, ninety-eight four five
# zero", "double five, oh one". Seven such words in a row are never prose.
_SPOKEN_GROUP = (r"(?:plus|double|triple|zero|oh|o|one|two|three|four|five|six|seven|eight|nine"
                 r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen"
                 r"|nineteen|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                 r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|hundred)")
_TENS = r"(?:ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_PHONE_PATTERN = re.compile(
    # "Area code 503, 555-0166": the area code said apart is part of the number.
    r"\barea code,? \(?\d{3}\)?(?!\w)"
    r"|(?<!\w)(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3,4}(?:[\s.-]?\d{4})?"
    r"(?:,?\s*(?:ext\.?|extension|x|poste)\s*\d+)?(?!\w)"
    # (Not the start of a longer number in groups: "021 448 902" in New Zealand.)
    r"(?![ .-]\d{3,4}\b)"
    # Read out digit by digit, as a voicemail script spells it: "five five five, oh one
    # four oh" – seven digits or more.
    rf"|(?<![\w'-])(?=[zoeftsn])(?:{_SPOKEN_DIGIT}[\s,.-]+){{6,}}{_SPOKEN_DIGIT}\b"
    rf"|(?<![\w'-])(?=[pdtzoefsn])(?:{_SPOKEN_GROUP}[\s,.-]+){{6,}}{_SPOKEN_GROUP}\b"
    # With a country code, in groups of any size: "+81 3 5555 0123", "+46 8 555 012 34",
    # "+1 (408) 555-0115"; after a label, any grouping: "T: 0161 4960 712", "Mob: 07700 900461".
    r"|(?<![\w$£€.,])\+\d{1,3}(?:[\s.-]?\(?\d{1,5}\)?){2,6}(?![\w-])"
    r"|\b(?:tel|mob|ph|t|m|p|c|phone|mobile|cell|direct|office|landline|whatsapp|fax):\s*"
    r"\+?\d[\d\s().-]{5,}\d(?![\w-])"
    # Numbers outside North America, in groups: "0161 496 0712", "+39 02 555 0189",
    # "22 555 0173" (three groups or more, the last two of three or four digits).
    r"|(?=[+\d])(?<![\w$£€.,])(?:\+\d{1,3}[\s.-]?)?\d{2,5}(?:[ .-]\d{3,4}){2,3}(?![\w-])"
    # A number in two groups, as India, Singapore and Britain write them: "98450 55107",
    # "+91 98200 55873", "9833 2016", "07700 900461" (not two years: "2019 2020").
    r"|(?=[+\d])(?<![\w$£€.,])(?!(?:19|20)\d\d[ .-](?:19|20)\d\d\b)(?:\+\d{1,3}[\s.-]?)?"
    r"\d{4,5}[ .-]\d{4,6}(?![\w-])"
    # Two digits, three, then two pairs, as Poland writes a landline: "32 256 70 81".
    r"|(?<![\w$£€.,])\d{2,3} \d{3} \d{2} \d{2}(?![\w-])"
    # Behind the trunk 0, in pairs or small groups, as the Netherlands and Belgium write
    # them: "06 28 44 19 03", "0476 55 21 09", "03 555 27 19", "06-41228730"; or behind the
    # international 00: "0031 6 1234 8890".
    r"|(?<![\w$£€.,])0\d{1,4}(?:[ .-]\d{2,4}){3,5}(?![\w-])"
    r"|(?<![\w$£€.,])0\d[ -]\d{8}(?![\w-])"
    r"|(?<![\w$£€.,])00\d{1,3}(?:[ .-]\d{1,5}){2,5}(?![\w-])"
    # An area code in brackets before two groups, as Australia writes it: "(08) 8362 4410".
    r"|(?<![\w$£€.,])\(0\d\) ?\d{4}[ .-]?\d{4}(?![\w-])"
    # A country code said as a word, groups apart: "Plus 39, 030, 555, 4412".
    r"|\bplus \d{1,3}(?:,? \d{2,5}){2,4}(?![\w-])"
    # With its country code, groups of any size: "+46 8 555 012 34", "+20 2 5555
    # 0147", "+44 (0)20 7946 0199".
    r"|(?<![\w$£€.,])\+\d{1,3}(?:[ .-]\(?\d{1,5}\)?){3,6}(?![\w-])"
    # Read out in words with tens and hundreds among the digits: "oh four hundred, five five
    # five, seven six one", "plus forty-nine, sixty-nine, five five five, zero one two three"
    # – eight number words or more in a row, three of them single digits in a row.
    rf"|(?<![\w'-])(?=[zoeftsnp])(?:(?:plus|{_SPOKEN_DIGIT}|{_TENS}(?:-{_SPOKEN_DIGIT})?|hundred"
    rf"|double|triple)[\s,.-]+){{3,}}?{_SPOKEN_DIGIT}[\s,.-]+{_SPOKEN_DIGIT}[\s,.-]+"
    rf"{_SPOKEN_DIGIT}(?:[\s,.-]+(?:{_SPOKEN_DIGIT}|{_TENS}(?:-{_SPOKEN_DIGIT})?|hundred))*\b",
    re.I,
)


# A run of digits written in groups, as any country writes a phone number: "(44) 99812-3076",
# "082 555 1234", "0917 123 4567". Not inside a word, a price or a decimal.
_DIGIT_RUN = re.compile(r"(?<![\w$\u00a3\u20ac\u00a5\u20b9\u20b1.,/+-])\+?[\d(][\d() .\-\u00a0]*\d"
                        r"(?![\w-]|[.,]\d)")
# What makes a run of digits no number to call: a currency before it ("R$ 1 250 000",
# "ZAR 12 500 000"), a unit or share after it ("1 250 000 litres"), the shape of a date
# ("12.03.2025") or of two years ("2019 2020").
_MONEY_BEFORE = re.compile(r"(?:(?:R\$?|Rs\.?|USD|EUR|ZAR|PHP|MXN|BRL|INR|CHF|GBP|PLN|TRY"
                           r"|CLP|ARS|JPY|yen|euros?|rand|pesos?|reais)|[$\u00a3\u20ac\u00a5"
                           r"\u20b9\u20b1\u20ba])\s*$", re.I)
_UNIT_AFTER = re.compile(r"^\s*(?:%|percent|per\b|x\b|[a-z]{1,3}\b(?<!ext)(?<!or)|hectares?"
                         r"|litres?|liters?|tonnes?|tons?|units|pieces|bottles|kilos?|metres?"
                         r"|meters?|euros?|rand|pesos?|dollars|reais|yen)", re.I)
_DATE_OR_YEARS = re.compile(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|(?:19|20)\d\d[ .-](?:19|20)\d\d"
                            r"|(?:19|20)\d\d[./-]\d{1,2}[./-]\d{1,2}")
# The regions whose plans admit the most numbers first, so a valid run is found early.
_FIRST_REGIONS = ("DE", "AT", "BR", "IN", "GB", "US", "ZA", "PH", "IT", "MX", "TR", "JP")
_REGIONS = _FIRST_REGIONS + tuple(sorted(phonenumbers.SUPPORTED_REGIONS - set(_FIRST_REGIONS)))


@functools.lru_cache(maxsize=4096)
def _valid_somewhere(run: str) -> bool:
    """Whether a run of digits is a valid number in some region's numbering plan.

    >>> _valid_somewhere("(44) 99812-3076"), _valid_somewhere("1234 5678 9012 3456")
    (True, False)
    """
    for region in (None,) if run.startswith("+") else _REGIONS:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(run, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def _is_number(text: str, run: re.Match[str]) -> bool:
    digits = sum(c.isdigit() for c in run.group())
    return (8 <= digits <= 15 and not run.group().isdigit()
            and not _DATE_OR_YEARS.fullmatch(run.group())
            and not _MONEY_BEFORE.search(text, 0, run.start())
            and not _UNIT_AFTER.match(text, run.end())
            and _valid_somewhere(run.group()))


_EXTENSION = re.compile(r",? ?(?:ext|extension|x|loc|local|poste|ramal|durchwahl|dw|int)\.? ?"
                        r"\d{1,5}\b", re.I)


_SPOKEN_CODE = re.compile(rf"\bplus(?:[ ,-]+{_SPOKEN_GROUP}){{1,3}}[ ,]*$", re.I)


class _Phones:
    """The phone numbers in a text: the written patterns, and any run of digits in groups
    that some country's numbering plan holds (read by ``phonenumbers``, so a country the
    patterns never met is read all the same).

    A run replaces the pattern matches it wholly holds (the pattern took only part of the
    number); where a pattern match reaches beyond a run, the pattern's longer match stands.

    >>> _PHONE.sub(" ", "Call me on (44) 99812-3076 today.")
    'Call me on   today.'
    >>> _PHONE.sub(" ", "Sprayed on 12.03.2025, as in the 2019 2020 season.")
    'Sprayed on 12.03.2025, as in the 2019 2020 season.'
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern

    def spans(self, text: str) -> tuple[tuple[int, int], ...]:
        # Each sentence is asked about several times (formulas, reasons, proof, the number).
        return _phone_spans(self.pattern, text)

    def search(self, text: str) -> tuple[int, int] | None:
        spans = self.spans(text)
        return spans[0] if spans else None

    def sub(self, repl: str, text: str) -> str:
        out, last = [], 0
        for start, end in self.spans(text):
            out += [text[last:start], repl]
            last = end
        return "".join(out) + text[last:]


@functools.lru_cache(maxsize=4096)
def _phone_spans(pattern: re.Pattern[str], text: str) -> tuple[tuple[int, int], ...]:
    """The spans of :class:`_Phones`: the pattern's matches, and the runs of digits that some
    plan holds in place of the matches they wholly hold."""
    found = [m.span() for m in pattern.finditer(text)]
    for run in _DIGIT_RUN.finditer(text):
        start, end = run.span()
        if (start, end) in found or not _is_number(text, run):
            continue
        inside = [s for s in found if start <= s[0] and s[1] <= end]
        if any(s[0] < end and start < s[1] for s in found if s not in inside):
            continue
        found = sorted([s for s in found if s not in inside] + [(start, end)])
    # An extension belongs to its number ("(02) 8634-2210 loc. 114"), and so does a country
    # code said before it ("plus six five, 9176 2281").
    return tuple((code.start() if (code := _SPOKEN_CODE.search(text, 0, start)) else start,
                  ext.end() if (ext := _EXTENSION.match(text, end)) else end)
                 for start, end in found)


_PHONE = _Phones(_PHONE_PATTERN)
# An address written, read out ("dave dot kim at brightwater dot co") or a link to book a
# time ("calendly.com/adam-fisher"): ways to reach the rep, like a number.
_EMAIL = re.compile(
    r"\S+@\S+\.\w+"
    r"|\b[\w-]+(?: dot [\w-]+)* at [\w-]+(?: dot [\w-]+)*? dot (?:com|net|org|io|co|uk|de|ca|au"
    r"|in|biz|us|info|me|ly|app|ai|eu|nz|ie|fr|es|it|nl|se|jp|sg|ae)"
    r"(?: dot (?:uk|au|nz|za|in|sg))?\b"  # "kestrel-it dot co dot uk"
    r"|\b(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|co|uk|de|ca|au|in|biz"
    r"|us|info|me|ly|app|ai|eu|nz|ie|fr|es|it|nl|se|jp|sg|ae)\b(?:/[\w./%#?=&-]*[\w/])?", re.I)
_CALL_BACK = re.compile(
    r"\b(?:call|ring|phone) me\b|\bcall(?:ing)? (?:me )?back\b|\bgive me a (?:call|ring|buzz)\b"
    r"|\breach me\b|\bget back to me\b|\breturn my call\b|\bmy (?:number|cell|phone) is\b"
    r"|\blet me know\b",
    re.I,
)
# Up to four capitalised words (no comma in between) are a name or a company; a signature
# may run over commas ("Best regards, Rita Rep, Acme Supply").
_NAME = r"[A-Z][\w'&.-]*\s*(?:(?:and |& |of )?[A-Z][\w'&.-]*\s*){0,3}"
_SIGNATURE = r"(?:[A-Z][\w'&.-]*[\s,]*){1,4}"
_IDENTITY = re.compile(
    rf"(?i:\b(?:this is|my name is|it's|it is|i'm|i am|from|with|at|of|for|hi|hello|hey|dear"
    rf"|good (?:morning|afternoon|evening)))\s*,?\s*{_NAME}(?:,\s*{_NAME}(?=,|\.|$))?"
    rf"|(?i:\b(?:regards|best|thanks|thank you|cheers|sincerely|talk soon))\s*,?\s*{_SIGNATURE}"
    rf"|{_NAME}(?i:here)\b"
)
#: Who is calling, for telling a peer from the rep: "for" and "of" name a customer as often
#: as the rep ("we financed the build-out for Pine Street Bakery").
_CALLER = re.compile(_IDENTITY.pattern.replace("|of|for|", "|"))
_FILLER = frozenset(
    """returning a an the and or at on to of for in by is it it's this that i i'm i'll i'd me my am
    please again so just here calling call back number phone cell office direct line ext
    extension reach give ring buzz return get chance you your can could would when soon today
    thanks thank bye goodbye hi hello hey dear good morning afternoon evening have nice great
    day weekend much very quick convenience earliest anytime any time name regards best cheers
    sincerely talk later message there minute moment one once more with from looking forward
    speaking hear hearing kind warm warmest kindest um uh uhm erm er yeah yep okay ok anyway
    sir ma'am madam doctor text that's
    """.split()
)




# A sign-off alone on its line: what follows it is the signature block (names, titles,
# addresses, legal notices), who is writing and nothing more.
_SIGN_OFF_LINE = re.compile(
    r"^[ \t]*(?:(?:kind|best|warm|warmest|kindest|many|with (?:best|kind|warm))[ \t]+)?"
    r"(?:regards|sincerely|cheers|best|thanks|thank you|respectfully(?: yours)?|yours (?:truly"
    r"|sincerely|faithfully)|warmly|faithfully|cordiali saluti|distinti saluti|saluti|un saludo"
    r"|saludos|atenciosamente|abraços?|beste grüße|mit freundlichen grüßen|viele grüße)"
    r"[ \t]*[,.!]?[ \t]*$", re.I | re.M)
#: A postscript after the signature is the message again: "P.S. The report is attached."
_POSTSCRIPT = re.compile(r"^[ \t]*p\.? ?s\b", re.I | re.M)


def signature_span(text: str) -> tuple[int, int]:
    r"""Where the signature block starts and ends in the normalised text: from the last
    sign-off alone on its line to a postscript or the end; empty when there is none.

    >>> t = "Hi Ana,\n\nThe pump report is attached.\n\nRegards,\nJo Reyes\nUnit 1203, Tektite"
    >>> start, end = signature_span(t)
    >>> _normalise(t)[start:end]
    'Regards, Jo Reyes Unit 1203, Tektite'
    >>> signature_span("Thanks. Call me at 555-0142.")
    (28, 28)
    """
    found = None
    for found in _SIGN_OFF_LINE.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    end = len(_normalise(text))
    if found is None or not text[:found.start()].strip():
        return end, end
    after = _POSTSCRIPT.search(text, found.end())
    if after:
        end = len(_normalise(text[:after.start()]))
    return len(_normalise(text[:found.start()])) + 1, end


#: An e-mail's heading label is no word of the message: "Subject: Re: Connecting".
_HEADING = re.compile(r"^(?:(?:subject|re|fwd?)\s*:\s*)+", re.I)


@functools.lru_cache(maxsize=4096)
def _formula_free(text: str) -> str:
    """The text without greetings, names, numbers, courtesies, titles or sign-offs.

    Cached: each sentence is asked about several times (formula? names only? a repeat?).
    """
    rest = _COURTESY.sub(" ", _TIME.sub(" ", _PHONE.sub(" ", _EMAIL.sub(" ", text))))
    return _TITLE_ALONE.sub(" ", _IDENTITY.sub(" ", rest))


def _substance(text: str) -> list[str]:
    """The words left once greetings, names, numbers, sign-offs and call-back words go."""
    return [w for w in _WORD.findall(_formula_free(_HEADING.sub("", text)).lower())
            if w not in _FILLER]


def _said(text: str) -> list[str]:
    """The words of substance that are not names: capitalised words left over are names."""
    # "Let's" starts a proposal ("Let's find a time to connect"), never a name.
    return [w for w in _WORD.findall(_formula_free(_HEADING.sub("", text)))
            if w.lower() not in _FILLER and (not w[0].isupper() or w == "Let's")]


# --- sentences --------------------------------------------------------------------------------
# A full stop after these is not the end of a sentence ("Mr. Lee", "Acme Co. in Dayton").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr co inc ltd corp vs etc e.g i.e a.m p.m no approx dept ave mt ft tel mob"
    " loc ext fax"
    .split())
_SENTENCE_END = re.compile(r"[.!?;]+[\"')]*\s+|[.!?]+[\"')]*$")


def _split(text: str) -> list[str]:
    parts, start = [], 0
    for end in _SENTENCE_END.finditer(text):
        before = text[start:end.start()].rsplit(" ", 1)[-1].lower().rstrip(".")
        rest = text[end.end():]
        if end.group(0).startswith(".") and (
                before in _ABBREVIATIONS or (len(before) == 1 and before.isalpha())
                or (rest[:1].islower())):
            continue
        parts.append(text[start:end.end()].strip())
        start = end.end()
    if text[start:].strip():
        parts.append(text[start:].strip())
    return parts


# Numbers and quantities that say nothing about the prospect: times of day, call lengths.
_HOUR = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon)"
_TIME = re.compile(
    # (Not a price: "$0.38 a mile" is no time.)
    _AT_WORD + r"(?:\bbetween \d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)? (?:and|to|-) \d{1,2}"
    r"(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?![\w%])"
    # Office hours: "8.30 to 5", "9am-5", "Monday to Friday", "till half five".
    r"|(?<![$\u00a3\u20ac])\b\d{1,2}(?:[:.]\d{2}\s*(?:[ap]\.?m\.?)?|\s*[ap]\.?m\.?) ?(?:to|till"
    r"|until|-|\u2013) ?\d{1,2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?(?![\w%])"
    r"|\b(?:Monday|Mon) (?:to|through|-) (?:Friday|Fri|Saturday|Sat)\b"
    rf"|\b(?:until|till|to|before|after|at|by) half {_HOUR}\b"
    r"|(?<![$\u00a3\u20ac])\b\d{1,2}[:.]\d{2}\b(?:\s*[ap]\.?m\.?)?"
    r"|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)"
    # On a 24-hour clock, as much of the world writes it: "Tuesday 14h", "at 9h30".
    r"|\b(?:[01]?\d|2[0-3])h(?:[0-5]\d)?\b"
    # Spelled out: "calling at about ten on Tuesday", "between eight and five".
    rf"|\b(?:between|from) (?:about |around )?{_HOUR}(?:[ -](?:thirty|fifteen|forty-five))?"
    rf"(?: ?[ap]\.?m\.?)? (?:and|to|until|till) {_HOUR}(?:[ -](?:thirty|fifteen|forty-five))?\b"
    rf"|\b(?:at|after|before|until|till|past|up to) (?:about |around )?{_HOUR}"
    r"(?: o'clock|[ -]thirty|[ -]fifteen|[ -]forty-five)?(?: ?[ap]\.?m\.?)?"
    r"(?=\s*(?:[,.;!?]|$|on\b|this\b|tomorrow\b|if\b"
    r"|today\b|tonight\b|in the (?:morning|afternoon|evening)|your time|every\b|most days\b"
    r"|" + _DAY + "))"
    # Bare hours as a reach: "Monday through Friday, 7 to 4", "any time before 6".
    r"|(?<=day, )\d{1,2} (?:to|till|until|-) \d{1,2}\b"
    # A bare hour as a bound: "any time after 9 works", "call me before 10."
    r"|\b(?:after|before) \d{1,2}(?=\s*(?:works|suits|is (?:fine|good|best)|[,.;!?]|$))"
    # Spelled out or after "from", as a reach: "Monday to Friday, eight to five", "from 8 to
    # 5", "eight thirty to six".
    rf"|(?:(?<=, )|(?<=ys )){_HOUR}(?: thirty)? (?:to|till|until|-) {_HOUR}\b"
    r"(?=\s*[,.;]|\s+(?:and|or|on|at)\b)"
    rf"|\bfrom (?:1[0-2]|[1-9]|{_HOUR})(?: thirty)? (?:to|till|until|-) (?:1[0-2]|[1-9]|{_HOUR})\b"
    r"(?=\s*(?:[,.;!?)]|$|at\b|on\b|or\b|and\b|every\b|daily\b|weekdays\b))"
    r"|\b(?:before|after|until|till) \d{1,2}(?=\s*(?:[,.;!?]|$))"
    rf"|\b{_HOUR} o'clock\b|\b(?:next|a|the) (?:day|week|month|fortnight) or two\b"
    r"(?! (?:later|after|before|ago)\b)"
    # An hour after a day: "Tuesday at 10 or Wednesday at 2".
    r"|(?<=day )at \d{1,2}(?::\d\d)?\b(?!\s*(?:%|percent|per))"
    # A range of hours after a day: "Tuesday 10-12 or Thursday 2-4 (ET)".
    r"|(?<=day )\d{1,2}(?::\d\d)?\s*(?:[ap]\.?m\.?)?\s*[-–]\s*\d{1,2}(?::\d\d)?(?:\s*[ap]\.?m\.?)?"
    r"(?!\s*(?:weeks?|days?|months?|years?|%|percent|hours?)\b)(?:\s*\([A-Z]{1,4}\))?)",
    re.I)
_NOT_NAMES = frozenset(
    "I I'm I'll I'd I've Monday Tuesday Wednesday Thursday Friday Saturday Sunday January "
    "February March April May June July August September October November December Mr Ms Mrs "
    "Dr Again Call Thanks Best LinkedIn WhatsApp Teams Zoom Slack Calendly Outlook Gmail"
    .split())
