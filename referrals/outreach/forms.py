"""Forms for outreach: touches, the value library, openers, voicemails, the message check,
cadence settings and "why no call-back?"."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import URL, DataRequired, InputRequired, Length, NumberRange, Optional

from referrals.outreach.cadence import BOUNDS, CadenceRules
from referrals.outreach.scripts import CALLS_TO_ACTION, SHORT_MAX
from referrals.outreach.touches import REP_CHANNELS
from referrals.vocab import (
    CHANNEL_LABELS,
    ISSUE_LABELS,
    ISSUES,
    OUTCOME_LABELS,
    VALUE_KIND_LABELS,
    VALUE_KINDS,
)
from referrals.web.forms import MultiCheckboxField, no_nul

TEXT_MAX = 5_000


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _none_as_zero(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


class TouchForm(FlaskForm):
    channel = SelectField("How", choices=[SelectChoice(c, CHANNEL_LABELS[c]) for c in REP_CHANNELS],
                          validators=[DataRequired(message="Choose how you reached out.")])
    occurred_at = DateTimeLocalField(
        "When", format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"], validators=[Optional()],
        description="Your local time; leave empty for now.")
    outcome = SelectField(
        "What happened",
        choices=[SelectChoice("", "—")] + [SelectChoice(o, OUTCOME_LABELS[o])
                                           for o in OUTCOME_LABELS],
        validators=[Optional()])
    value_item_id = SelectField("Value that went with it", coerce=_none_as_zero,
                                validators=[Optional()])
    notes = TextAreaField("Notes", validators=[Length(max=TEXT_MAX), no_nul],
                          render_kw={"rows": 2})
    call_on = DateField("They expect my call on", validators=[Optional()],
                        description="Leave empty unless you promised a call; it then shows "
                                    "on your Today list that day.")
    script_id = HiddenField()  # the voicemail script just saved, when logging it
    confirm = BooleanField("Log it anyway, although it breaks the cadence")


class ValueItemForm(FlaskForm):
    title = StringField("Title", filters=[_strip],
                        validators=[DataRequired(), Length(max=200), no_nul])
    kind = SelectField("Kind", choices=[SelectChoice(k, VALUE_KIND_LABELS[k]) for k in VALUE_KINDS])
    pitch = TextAreaField(
        "What's in it for the prospect", filters=[_strip],
        validators=[DataRequired(), Length(max=500), no_nul], render_kw={"rows": 2},
        description="One sentence you could say in a voicemail, e.g. \"a two-page study shows "
                    "plants like yours cut changeover time by a fifth\".")
    short = StringField(
        "Said briefly", filters=[_strip], validators=[Optional(), Length(max=SHORT_MAX), no_nul],
        description="The same in about a dozen words, e.g. \"plants like yours cut changeover "
                    "time by a fifth\". The voicemail builder says this when two or three "
                    "reasons would run over 30 seconds.")
    url = URLField("Link", filters=[_strip],
                   validators=[Optional(), Length(max=500),
                               URL(require_tld=False, message="Enter a web address.")])
    issues = MultiCheckboxField("Speaks to", choices=[SelectChoice(i, ISSUE_LABELS[i])
                                                      for i in ISSUES])

    def service_data(self) -> dict[str, Any]:
        return {"title": self.title.data, "kind": self.kind.data, "pitch": self.pitch.data,
                "short": self.short.data or None, "url": self.url.data or None,
                "issues": list(self.issues.data or [])}


class OpenerTemplateForm(FlaskForm):
    kind = SelectField("Kind of connection")
    label = StringField("Name", filters=[_strip],
                        validators=[DataRequired(), Length(max=80), no_nul],
                        description="A short name the reps pick it by.")
    source = TextAreaField("Template", validators=[DataRequired(), Length(max=2_000), no_nul],
                           render_kw={"rows": 4})
    replaces = SelectField("Instead of", validators=[Optional()],
                           description="Leave as is to add a variant; pick a built-in one to "
                                       "use this in its place.")


class SaveOpenerForm(FlaskForm):
    text = TextAreaField("Your opener", filters=[_strip],
                         validators=[DataRequired(message="Write the opener first."),
                                     Length(max=1_000), no_nul], render_kw={"rows": 3})
    kind = HiddenField()
    template_key = HiddenField()
    via_id = HiddenField()


class HookForm(FlaskForm):
    """GET: the public hook the rep types (a talk they heard, an article about the prospect)."""

    class Meta:
        csrf = False

    hook = StringField("Public hook", filters=[_strip], validators=[Optional(), Length(max=200),
                                                                   no_nul],
                       description="E.g. \"your talk at the Midwest Fabricators Expo\".")


class VoicemailForm(FlaskForm):
    opener = TextAreaField("Connection", filters=[_strip],
                           validators=[Length(max=1_000), no_nul], render_kw={"rows": 2})
    value_item_ids = MultiCheckboxField("Value to offer", coerce=int)
    issues = MultiCheckboxField("Or speak to an issue",
                                choices=[SelectChoice(i, ISSUE_LABELS[i]) for i in ISSUES])
    call_to_action = SelectField(
        "One action to ask for",
        choices=[SelectChoice(k, label) for k, (label, _) in CALLS_TO_ACTION.items()])
    phone = TelField("Your phone number", filters=[_strip],
                     validators=[Optional(), Length(max=50), no_nul])
    text = TextAreaField("The script", validators=[Length(max=TEXT_MAX), no_nul],
                         render_kw={"rows": 6},
                         description="Edit freely; it is checked again when you save.")
    override = BooleanField("Save it although it runs over 30 seconds")


class MessageCheckForm(FlaskForm):
    channel = SelectField("It is a", choices=[SelectChoice("voicemail", "Voicemail"),
                                              SelectChoice("email", "E-mail")])
    text = TextAreaField("Your message", validators=[DataRequired(message="Paste or write the "
                                                                          "message first."),
                                                     Length(max=TEXT_MAX), no_nul],
                         render_kw={"rows": 8})


class StallForm(FlaskForm):
    cause = RadioField("What do you think is going on?", validators=[
        InputRequired(message="Pick the likeliest reason.")])


def cadence_form(rules: CadenceRules, formdata: Any = None) -> FlaskForm:
    """One whole-number field per cadence constant, filled with the team's current rules."""

    class CadenceForm(FlaskForm):
        pass

    for name, (label, help_text) in CADENCE_FIELDS.items():
        low, high = BOUNDS[name]
        setattr(CadenceForm, name, IntegerField(
            label, validators=[InputRequired(message="Enter a whole number."),
                               NumberRange(low, high, message=f"Use {low:,} to {high:,}.")],
            description=help_text, render_kw={"min": low, "max": high}))
    return CadenceForm(formdata=formdata, data=rules.to_dict())


CADENCE_FIELDS: dict[str, tuple[str, str]] = {
    "voicemail_limit": ("Voicemails at most", "… within the window below."),
    "window_days": ("Window (days)", ""),
    "layoff_days": ("Then lay off (days)", "No voicemail for this long after the limit."),
    "switch_after": ("Suggest e-mail after this many unanswered voicemails", ""),
    "base_attempts": ("Call attempts a base deal is worth",
                      "Calls and voicemails; e-mails, letters and other touches get as many "
                      "again, on a budget of their own."),
    "base_value": ("Base deal value ($)", ""),
    "attempts_per_tenfold": ("More call attempts for each tenfold of deal value", ""),
    "min_attempts": ("Fewest call attempts", ""),
    "max_attempts": ("Most call attempts", ""),
    "default_attempts": ("Call attempts when the deal value is unknown", ""),
}
