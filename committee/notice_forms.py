"""A committee member's choice of emails, in "my space" (`committee.notices`)."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from committee.models import NoticePreference


class NoticePreferenceForm(forms.ModelForm):
    """A member's choice in "my space": how often to hear of the committee's news, and the
    languages whose notes they follow besides their own."""

    languages = forms.MultipleChoiceField(
        label=_("Also tell me of notes in"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NoticePreference
        fields = ["frequency", "languages"]
        widgets = {"frequency": forms.RadioSelect}
        labels = {"frequency": _("Emails about the committee's news")}
