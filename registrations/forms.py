"""The public registration form, with the application form's defences: a honeypot, a signed
single-use stamp of when the form was opened, and Google's reCAPTCHA when the visitor agrees
to load it (applications/spam_check.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from applications.forms import PlainWording, SpamCheckStateField, SpamDefences
from applications.spam_check import FormStartedField
from registrations.models import Registrant


class RegistrationForm(SpamDefences, PlainWording, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that Efus processes the data in this form to handle my registration."),
        error_messages={
            "required": _("Please give your consent so we can handle your registration.")
        },
    )
    # A field people never see: only robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    captcha = SpamCheckStateField(label=_("Spam check"))
    started = FormStartedField()

    class Meta:
        model = Registrant
        fields = ["name", "email", "organisation", "organisation_kind", "country", "role"]
        labels = {
            "name": _("Your name"),
            "email": _("Your email address"),
            "organisation": _("Your organisation"),
            "role": _("Your role"),
        }
        help_texts = {
            "email": _("Your confirmation, the calendar invitation and the link to join go here."),
            "organisation": _("For example: City of Lyon, Catalan Police, University of Turin."),
            "role": _("For example: head of municipal police, journalist, researcher."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("organisation_kind", None)
        autocomplete = {"name": "name", "email": "email", "organisation": "organization"}
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["role"].widget.attrs["autocomplete"] = "organization-title"

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def validate_unique(self):
        """A second registration with the same address is answered like the first, never
        refused on the page (that would tell who registered)."""


class CancelForm(forms.Form):
    confirm = forms.BooleanField(widget=forms.HiddenInput, initial=True)
