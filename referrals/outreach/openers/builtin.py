"""The built-in openers, as data: at least three templates for every kind of connection."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["BUILTIN", "TemplateSpec"]


@dataclass(frozen=True)
class TemplateSpec:
    """One opener template, for one kind of connection: a built-in one, or a team's own as
    read from its saved row (:class:`referrals.models.OpenerTemplate`).

    Attributes
    ----------
    kind : str
        One of :data:`referrals.vocab.CONNECTION_KINDS`.
    key : str
        Stable id, e.g. ``"asked_to_call.promise"``.
    label : str
        Short name shown in a picker.
    source : str
        The Jinja source.
    """

    kind: str
    key: str
    label: str
    source: str


# The built-in openers. Each says of the knower only what the data holds (truth_problem):
# asked_to_call and called_ahead are endorsed by definition; for the rest, the endorsed
# wording sits behind knower.endorsed, "I know" behind knower.direct, "well" behind
# knower.close. Fragments used by several of them:
_KNOWER_AT = "{{ knower.name }}{% if knower.company %} at {{ knower.company }}{% endif %}"
_FORMER = "{% if tie_kind == 'former colleague' %}"
# "…, is someone I know well" / "…, is someone I know" (the rep knows the knower whenever an
# opener is offered without an endorsement).
_I_KNOW = "is someone I know{% if knower.close %} well{% endif %}"


def _builtin(kind: str, slug: str, label: str, source: str) -> TemplateSpec:
    """A built-in spec keyed ``kind.slug``: a team's copy replaces the built-in by this key."""
    return TemplateSpec(kind, f"{kind}.{slug}", label, source)


#: The built-in openers: at least three for every kind of connection.
BUILTIN: tuple[TemplateSpec, ...] = (
    # Someone asked the rep to call, agreed to the introduction, or referred the prospect.
    _builtin(
        "asked_to_call",
        "promise",
        "A promise to call",
        _KNOWER_AT + " asked me to be sure to call you, and I promised {{ knower.first }} I would.",
    ),
    _builtin(
        "asked_to_call",
        "should_talk",
        "We should talk",
        _KNOWER_AT + " thought the two of us should talk, and asked me to reach out to you "
        "personally.",
    ),
    _builtin(
        "asked_to_call",
        "worth_your_while",
        "Worth your while",
        "{{ prospect.first }}, {{ knower.name }} asked me to give you a call – {{ knower.first }} "
        "felt a few minutes with me would be worth your while.",
    ),
    # An advocate called, or will call, ahead.
    _builtin(
        "called_ahead",
        "heads_up",
        "As promised",
        _KNOWER_AT + " said they'd give you a heads-up that I'd be calling, so here I am, "
        "as promised.",
    ),
    _builtin(
        "called_ahead",
        "heard_from",
        "You may have heard",
        "You may already have heard from " + _KNOWER_AT + " – {{ knower.first }} thought we "
        "should talk, and so do I.",
    ),
    _builtin(
        "called_ahead",
        "good_word",
        "A good word",
        "{{ knower.first }} offered to put in a good word for me with you, {{ prospect.first }}, "
        "and I'm glad to follow up on it myself.",
    ),
    # A reference the prospect knows. Being a reference doesn't mean they vouched to this
    # prospect: the rep offers to ask them, and says no more.
    _builtin(
        "reference",
        "call_them",
        "Hear it from them",
        "I believe you know " + _KNOWER_AT + ". {{ knower.first }} knows my work"
        "{% if knower.close %} well{% endif %}, so if you'd like to hear about it from someone "
        "you trust, I'd be glad to ask {{ knower.first }} to take your call.",
    ),
    _builtin(
        "reference",
        "not_my_word",
        "Not just my word",
        "Don't just take my word for it: you know " + _KNOWER_AT + ", who has worked with me"
        "{% if knower.close %} for a good while{% endif %} – I'm happy to ask {{ knower.first }} "
        "to give you a ring.",
    ),
    _builtin(
        "reference",
        "someone_you_know",
        "Someone you know",
        "If you'd rather hear about me from someone you already know, {{ knower.name }} has "
        "worked with me, and I'm happy to ask {{ knower.first }} to give you a call.",
    ),
    # A teammate of the rep knows the prospect.
    _builtin(
        "teammate",
        "my_colleague",
        "My colleague knows you",
        "I believe you know my colleague {{ knower.name }}, so I wanted to reach out to you "
        "myself.",
    ),
    _builtin(
        "teammate",
        "on_our_team",
        "On our team",
        "{{ knower.first }} on our team knows you, so it seemed right that you and I talked "
        "too{% if prospect.company %}, about what's ahead for {{ prospect.company }}"
        "{% endif %}.",
    ),
    _builtin(
        "teammate",
        "work_together",
        "We work together",
        "My colleague {{ knower.first }} and I work together{% if rep.company %} at "
        "{{ rep.company }}{% endif %}, and I believe you two know each other, so I wanted to "
        "reach out directly.",
    ),
    # A colleague or former colleague of the prospect, whom the rep knows.
    _builtin(
        "colleague",
        "works_with_you",
        "Works with you",
        _KNOWER_AT + ", who " + _FORMER + "used to work{% else %}works{% endif %} with you, "
        + _I_KNOW + ", so I thought I'd reach out.",
    ),
    _builtin(
        "colleague",
        "your_colleague",
        "Your colleague",
        "I know your " + _FORMER + "former {% endif %}colleague {{ knower.name }}"
        "{% if knower.close %} well{% endif %}, and it seemed time you and I spoke too.",
    ),
    _builtin(
        "colleague",
        "go_back",
        "Worked together",
        "I believe you and {{ knower.first }} " + _FORMER + "worked{% else %}work{% endif %} "
        "together, and {% if knower.close %}{{ knower.first }} and I go back a way"
        "{% else %}{{ knower.first }} and I know each other{% endif %}, so I wanted to say "
        "hello.",
    ),
    # Someone both know.
    _builtin(
        "mutual",
        "in_common",
        "Someone we both know",
        "{% if knower.friend %}We have a friend in common – " + _KNOWER_AT + " – so it seemed "
        "time you and I spoke.{% else %}I believe you know " + _KNOWER_AT + ", whom I know"
        "{% if knower.close %} well{% endif %}, so it seemed time you and I spoke.{% endif %}",
    ),
    _builtin(
        "mutual",
        "both_know",
        "We both know",
        "You and I both know {{ knower.name }}, and that seemed like a good reason to pick up "
        "the phone.",
    ),
    _builtin(
        "mutual",
        "say_hello",
        "Say hello",
        "{{ knower.first }}{% if knower.company %} over at {{ knower.company }}{% endif %} "
        "is someone we both know, so I wanted to reach out and say hello, {{ prospect.first }}.",
    ),
    # The same association.
    _builtin(
        "association",
        "fellow_member",
        "A fellow member",
        "{% if knower %}{{ knower.name }}, who's with you in {{ group.name }}, "
        "{% if knower.endorsed %}suggested I get in touch{% else %}" + _I_KNOW + ", so I "
        "thought I'd reach out{% endif %}.{% else %}We're both members of {{ group.name }}, "
        "so it seemed time we spoke.{% endif %}",
    ),
    _builtin(
        "association",
        "part_of",
        "Both part of it",
        "{% if knower %}You and {{ knower.first }} are both part of {{ group.name }}, and "
        "{% if knower.endorsed %}{{ knower.first }} thought we should talk{% elif knower.close %}"
        "{{ knower.first }} and I go back a way{% else %}{{ knower.first }} and I know each "
        "other{% endif %}{% else %}As a fellow member of {{ group.name }}, I've wanted to get "
        "in touch for a while{% endif %}, so I thought I'd call.",
    ),
    _builtin(
        "association",
        "say_hello",
        "Say hello",
        "{% if knower %}{{ knower.first }}{% if knower.endorsed %}, who suggested I call,"
        "{% elif knower.close %}, someone I know well,{% endif %} is a fellow member of "
        "{{ group.name }} with you, so I wanted to say hello.{% else %}I always enjoy meeting "
        "fellow members of {{ group.name }}, so I wanted to say hello.{% endif %}",
    ),
    # The same event.
    _builtin(
        "event",
        "follow_up",
        "Follow up on the event",
        "{% if knower %}" + _KNOWER_AT + " was at {{ group.name }} with you"
        "{% if knower.endorsed %} and suggested I get in touch{% else %}, and "
        "{{ knower.first }} " + _I_KNOW + ", so I wanted to reach out{% endif %}.{% else %}"
        "We were both at {{ group.name }}, and I wanted to follow up while it's still fresh."
        "{% endif %}",
    ),
    _builtin(
        "event",
        "what_you_made",
        "What you made of it",
        "{% if knower %}{% if knower.endorsed %}{{ knower.name }} mentioned you{% else %}"
        "I know {{ knower.name }}{% endif %} – you were both at {{ group.name }} – and I'd love "
        "to hear what you made of it.{% else %}I saw you were at {{ group.name }} as well – "
        "I'd love to hear what you made of it.{% endif %}",
    ),
    _builtin(
        "event",
        "quick_call",
        "A quick call",
        "{% if knower %}You and {{ knower.first }} were both at {{ group.name }}, and "
        "{% if knower.endorsed %}since {{ knower.first }} suggested it{% else %}since I know "
        "{{ knower.first }}{% if knower.close %} well{% endif %}{% endif %}, a quick call "
        "seemed in order.{% else %}Since we were both at {{ group.name }}, a quick call seemed "
        "in order.{% endif %}",
    ),
    # The same company.
    _builtin(
        "company",
        "both_work",
        "Both work there",
        "{% if knower %}{{ knower.name }} and you both work at {{ group.name }}, and "
        "{% if knower.endorsed %}{{ knower.first }} suggested I get in touch{% else %}I know "
        "{{ knower.first }}{% if knower.close %} well{% endif %}{% endif %}, so I thought I'd "
        "reach out.{% else %}We share a connection to {{ group.name }}, so I thought I'd reach "
        "out.{% endif %}",
    ),
    _builtin(
        "company",
        "knows_you_from",
        "Knows you from there",
        "{% if knower %}{{ knower.first }}, who knows you from {{ group.name }}, "
        "{% if knower.endorsed %}thought we should talk{% else %}" + _I_KNOW + "{% endif %}, "
        "and I wanted to say hello.{% else %}We both have ties to {{ group.name }}, and I "
        "wanted to say hello.{% endif %}",
    ),
    _builtin(
        "company",
        "get_to_know",
        "Get to know you",
        "{% if knower %}{% if knower.endorsed %}{{ knower.name }} told me about your work at "
        "{{ group.name }}{% else %}I've come to know {{ group.name }} through "
        "{{ knower.name }}{% endif %}, and I'd like to get to know you too.{% else %}With "
        "{{ group.name }} in both our backgrounds, I thought it was worth a quick call."
        "{% endif %}",
    ),
    # The rep knows the prospect already.
    _builtin(
        "reconnect",
        "catch_up",
        "Catch up",
        "It's been a while, {{ prospect.first }}, and I've been meaning to catch up on how "
        "things are going{% if prospect.company %} at {{ prospect.company }}{% endif %}.",
    ),
    _builtin(
        "reconnect",
        "came_to_mind",
        "You came to mind",
        "{{ prospect.first }}, you came to mind this week, and I wanted to hear what's new "
        "with you.",
    ),
    _builtin(
        "reconnect",
        "too_long",
        "It's been too long",
        "It's {{ rep.first }}{% if rep.company %} from {{ rep.company }}{% endif %} – it's been "
        "too long, {{ prospect.first }}, and I have something I think you'll like.",
    ),
    # A public hook: the rep saw them speak, or read about them.
    _builtin(
        "public_hook",
        "stayed_with_me",
        "It stayed with me",
        "I caught {{ hook }}, {{ prospect.first }}, and it's stayed with me – I'd love to hear "
        "more.",
    ),
    _builtin(
        "public_hook",
        "congratulations",
        "Congratulations",
        "Congratulations on {{ hook }} – that's a real achievement"
        "{% if prospect.company %} for {{ prospect.company }}{% endif %}.",
    ),
    _builtin(
        "public_hook",
        "enjoyed_it",
        "I enjoyed it",
        "I came across {{ hook }} and wanted to tell you how much I enjoyed it.",
    ),
)
