"""The feedback and self-assessment forms, worded by their questions in the participant's
language, and the period of the funder's report."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from figures.models import USEFULNESS_SCALE, FeedbackAnswer, Pace

FREE_TEXT_LIMIT = 2000


class FeedbackForm(forms.ModelForm):
    usefulness = forms.TypedChoiceField(
        coerce=int,
        choices=[(value, str(value)) for value in USEFULNESS_SCALE],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a number from 1 (not useful) to 5 (very useful).")},
    )
    pace = forms.ChoiceField(
        choices=Pace.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the pace was.")},
    )
    will_use = forms.CharField(
        required=False, max_length=FREE_TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )
    missing = forms.CharField(
        required=False, max_length=FREE_TEXT_LIMIT, widget=forms.Textarea(attrs={"rows": 4})
    )

    class Meta:
        model = FeedbackAnswer
        fields = ["usefulness", "pace", "will_use", "missing"]

    def __init__(self, *args, text, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.Meta.fields:
            self.fields[name].label = getattr(text, name)
        self.fields["usefulness"].help_text = _("1: not useful at all – 5: very useful")


SKILL_SCALE = [(value, str(value)) for value in range(1, 6)]
# Each learning outcome is asked twice: where the participant stood before, and stands now
# (the legend, and the error when it is left out).
MOMENTS = {
    "before": (_("Before the training"), _("Rate your skill before the training, from 1 to 5.")),
    "after": (_("Now"), _("Rate your skill now, from 1 to 5.")),
}


class SelfAssessmentForm(forms.Form):
    """Two ratings, 1–5, per learning outcome of `text`: fields `before_1`, `after_1`…;
    `outcomes` lists [(outcome, [(legend, bound field) before and now])] for the template."""

    def __init__(self, *args, text, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = []
        for number, outcome in enumerate(text.outcome_list, start=1):
            pair = []
            for moment, (legend, required) in MOMENTS.items():
                name = f"{moment}_{number}"
                self.fields[name] = forms.TypedChoiceField(
                    label=outcome,
                    coerce=int,
                    choices=SKILL_SCALE,
                    widget=forms.RadioSelect,
                    error_messages={"required": required, "invalid_choice": required},
                )
                pair.append((legend, self[name]))
            self.outcomes.append((outcome, pair))

    def ratings(self):
        """{outcome number: (before, after)} of a valid form."""
        return {
            number: (self.cleaned_data[f"before_{number}"], self.cleaned_data[f"after_{number}"])
            for number in range(1, len(self.outcomes) + 1)
        }


class ReportForm(forms.Form):
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and until < since:
            self.add_error("until", _("The end of the period cannot be before its start."))
        return cleaned


class QuestionsAdminForm(WagtailAdminModelForm):
    """The editors' form of a version of questions: its wording in English is required (every
    other language falls back on it)."""

    def is_valid(self):
        # The texts are checked after their formset, which the parent's clean() runs before.
        if not super().is_valid():
            return False
        texts = {
            form.cleaned_data["language"]: form.cleaned_data
            for form in self.formsets["texts"].forms
            if form.cleaned_data.get("language") and not form.cleaned_data.get("DELETE")
        }
        problem = self.texts_problem(texts)
        if problem:
            self.add_error(None, problem)
            return False
        return True

    def texts_problem(self, texts):
        if settings.LANGUAGE_CODE not in texts:
            return _("Give the wording in English at least: other languages fall back on it.")
        return None


class SelfAssessmentAdminForm(QuestionsAdminForm):
    """…and every language lists as many learning outcomes (a rating is stored by the
    outcome's number)."""

    def texts_problem(self, texts):
        counts = {
            len([line for line in text["outcomes"].splitlines() if line.strip()])
            for text in texts.values()
        }
        if len(counts) > 1:
            return _(
                "Every language must list the same number of learning outcomes, one per line, "
                "in the same order."
            )
        return super().texts_problem(texts)
