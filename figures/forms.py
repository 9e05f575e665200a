"""The feedback form, worded by the questionnaire in the participant's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
