"""Forms for advocate calls, introductions, references, follow-ups and the team's ask cap."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from referrals.advocates.followups import MAX_SNOOZE_DAYS
from referrals.advocates.intro_requests import REPLIES
from referrals.people.picker import PersonField
from referrals.vocab import INTRO_STATUS_LABELS, INTRO_STATUSES
from referrals.web.forms import no_nul

OUTCOME_CHOICES = [
    SelectChoice("meeting_set", "A meeting is set"),
    SelectChoice("won", "Won"),
    SelectChoice("lost", "Lost"),
]
CONFIRM_LABEL = "Ask anyway – I know they have been asked a lot lately"


class AdvocateCallForm(FlaskForm):
    """Log a call an advocate made on the rep's behalf."""

    advocate_id = PersonField("Advocate (who called)", required="Choose the advocate.",
                              prefer="advocate")
    prospect_id = PersonField("Prospect (who they called)", required="Choose the prospect.",
                              prefer="prospect")
    occurred_on = DateField("Date of the call",
                            validators=[InputRequired(message="Enter the date of the call.")])
    outcome = StringField(
        "What came of it", validators=[Length(max=500), no_nul],
        description="In a few words, e.g. “Dana expects your call on Thursday”.")
    notes = TextAreaField("Notes", validators=[Length(max=20_000), no_nul])

    def service_data(self) -> dict:
        return {"advocate_id": self.advocate_id.data, "prospect_id": self.prospect_id.data,
                "occurred_on": self.occurred_on.data, "outcome": self.outcome.data or "",
                "notes": self.notes.data or ""}


class IntroductionForm(FlaskForm):
    status = SelectField("Where it stands", choices=[
        SelectChoice("draft", "Draft – I haven't sent it yet"),
        SelectChoice("asked", "Asked – I've sent the request"),
    ], default="draft")
    ask_text = TextAreaField("Your ask (copy it into an e-mail)",
                             validators=[Length(max=20_000), no_nul],
                             render_kw={"rows": 14})
    notes = TextAreaField("Notes", validators=[Length(max=20_000), no_nul])
    confirm_over_cap = BooleanField(CONFIRM_LABEL)


class IntroductionPickForm(FlaskForm):
    """Whom to meet and who could introduce the rep: a GET form (it changes nothing, so no
    CSRF token) that leads to the drafted ask."""

    class Meta:
        csrf = False

    prospect = PersonField("Prospect", required="Choose whom you want to meet.",
                           prefer="prospect")
    via = PersonField("Who would introduce you", required="Choose who would introduce you.",
                      prefer="advocate")


class IntroductionStatusForm(FlaskForm):
    status = SelectField("New status", choices=[
        SelectChoice(s, INTRO_STATUS_LABELS[s]) for s in INTRO_STATUSES])
    on = DateField("On", validators=[Optional()],
                   description="Leave empty for today.")
    note = StringField("Note", validators=[Length(max=2000), no_nul])
    confirm_over_cap = BooleanField(CONFIRM_LABEL)


class ReplyForm(FlaskForm):
    """The helper's answer on the public reply page: one of three buttons named `answer`."""

    answer = RadioField("Your answer", choices=[
        SelectChoice(key, label) for key, (label, _) in REPLIES.items()],
        validators=[InputRequired(message="Choose one of the buttons.")])


class ProspectOutcomeForm(FlaskForm):
    outcome = SelectField("What happened", choices=OUTCOME_CHOICES)
    on = DateField("On", validators=[Optional()], description="Leave empty for today.")


class ReferenceOfferForm(FlaskForm):
    reference_id = HiddenField(validators=[DataRequired(message="Choose a reference.")])
    reason = HiddenField(validators=[Length(max=2000), no_nul])
    confirm_over_cap = BooleanField(CONFIRM_LABEL)


class ReferencePhonedForm(FlaskForm):
    phoned_on = DateField("Date they phoned", validators=[Optional()])


class ActionForm(FlaskForm):
    """A one-click POST (complete, rotate): only the CSRF token."""


class SnoozeForm(FlaskForm):
    days = IntegerField("Snooze for (days)", validators=[
        InputRequired(message="Enter a number of days."),
        NumberRange(min=1, max=MAX_SNOOZE_DAYS,
                    message=f"Snooze for 1 to {MAX_SNOOZE_DAYS} days.")])


class AskCapForm(FlaskForm):
    ask_cap = IntegerField("Asks per helper", validators=[
        InputRequired(), NumberRange(min=1, max=20, message="Use 1 to 20.")])
    ask_window_days = IntegerField("Within (days)", validators=[
        InputRequired(), NumberRange(min=7, max=365, message="Use 7 to 365 days.")])


class OwnFollowupForm(FlaskForm):
    """"Remind me to … on <date>": the rep's own follow-up about a person."""

    person_id = PersonField("About", required="Choose whom it is about.")
    reason = StringField("Remind me to", filters=[lambda v: v.strip() if isinstance(v, str) else v],
                         validators=[DataRequired(message="Say what to do."), Length(max=500),
                                     no_nul],
                         render_kw={"placeholder": "send the price list"})
    due_on = DateField("On", validators=[InputRequired(message="Pick a day.")])
    kind = SelectField("Kind", choices=[SelectChoice("custom", "A reminder"),
                                        SelectChoice("call", "A call I promised")])
