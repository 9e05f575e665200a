"""The application form: the local or regional authority, its contact, its proposed participants
and its commitments."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from applications.letters import (
    LETTER_MAX_BYTES,
    LETTER_MAX_PAGES,
    UnsafeLetter,
    check_letter,
    sanitised_copy,
)
from applications.records import (
    MAX_PARTICIPANTS,
    MOTIVATION_MAX_LENGTH,
    Application,
    ProposedParticipant,
    ServiceKind,
)
from applications.spam_check import ANSWER_FIELD, WIDGET_SHOWN, FormStartedField, verify_answer

CONSENT_VERSION = "2026-01"
EMPTY_CHOICE = pgettext_lazy("the empty choice of a drop-down list", "Choose…")


def validate_pdf_letter(upload):
    """A real, harmless PDF of at most 5 MB and 20 pages (applications/letters.py)."""
    if upload.size > LETTER_MAX_BYTES:
        raise ValidationError(
            _("The letter is too large: the limit is %(limit)s MB."), params={"limit": 5}
        )
    if not upload.name.lower().endswith(".pdf"):
        raise ValidationError(_("The letter must be a PDF file."))
    try:
        check_letter(upload)
    except UnsafeLetter as refusal:
        raise letter_refused(str(refusal)) from refusal


def letter_refused(reason):
    message = LETTER_REFUSALS.get(reason, LETTER_REFUSALS["unreadable"])
    return ValidationError(
        message, code=reason.replace(" ", "_"), params={"pages": LETTER_MAX_PAGES}
    )


def sanitised_letter(upload):
    """What is stored of an accepted letter: its pages re-written (applications/letters.py),
    never the uploaded file, which staff would otherwise open."""
    try:
        data = sanitised_copy(upload)
    except UnsafeLetter as refusal:
        raise letter_refused(str(refusal)) from refusal
    except Exception as error:  # pypdf could read the file but not write its pages again.
        raise letter_refused("damaged") from error
    return ContentFile(data, name="letter.pdf")


LETTER_REFUSALS = {
    "unreadable": _("The letter must be a PDF file."),
    "damaged": _("The letter’s PDF file is damaged. Please save it again as a PDF."),
    "encrypted": _("The letter must not be password-protected."),
    "pages": _("The letter must have between 1 and %(pages)s pages."),
    "hidden content": _(
        "The letter’s file holds something else besides the PDF. Please save it again as a "
        "plain PDF."
    ),
    "active content": _(
        "The letter contains scripts, automatic actions, forms or embedded files. Please save "
        "it again as a plain PDF."
    ),
    "links": _(
        "The letter contains links that open programs, other files or network folders. "
        "Please remove them, or save it again as a plain PDF."
    ),
}


class PlainWording:
    """Form wording for people, not for Django: no colon after a label that ends with its own
    punctuation, no empty "---------" choice among radio buttons, and "Choose…" in a list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if str(field.label or "").rstrip().endswith((".", "?", "!", ":")):
                field.label_suffix = ""
            if isinstance(field, forms.ModelChoiceField):
                field.empty_label = None if self._is_radio(field) else EMPTY_CHOICE
            elif isinstance(field, forms.ChoiceField):
                field.choices = [
                    (value, EMPTY_CHOICE if value == "" else label)
                    for value, label in field.choices
                    if value != "" or not self._is_radio(field)
                ]

    @staticmethod
    def _is_radio(field):
        return isinstance(field.widget, forms.RadioSelect)


class SpamCheckStateField(forms.CharField):
    """What the page's script says of the reCAPTCHA widget ("ready" once it is shown). Always
    drawn empty: the script says it again on each page."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        super().__init__(required=False, **kwargs)

    def bound_data(self, data, initial):
        return initial


class SpamDefences:
    """The checks of a public form that sends email, for a form that declares the honeypot
    `website`, the reCAPTCHA state `captcha` and the signed `started` stamp: the honeypot stays
    empty, and Google's verdict, when the visitor's browser could ask for one, is kept in
    `spam_check_done` (False when reCAPTCHA could not load or Google could not verify)."""

    def __init__(self, *args, client_address="", **kwargs):
        super().__init__(*args, **kwargs)
        self.client_address = client_address
        self.spam_check_done = False
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("This field must stay empty."))
        return ""

    def clean_captcha(self):
        answer = self.data.get(ANSWER_FIELD, "")
        if not answer:
            if self.cleaned_data.get("captcha") == WIDGET_SHOWN:
                raise ValidationError(
                    _("Please tick the box “I’m not a robot”."), code="captcha_missing"
                )
            return ""  # It never loaded: kept, marked "spam check not done".
        verdict = verify_answer(answer, self.client_address)
        if verdict is False:
            raise ValidationError(
                _("The spam check did not succeed. Please tick the box again."),
                code="captcha_invalid",
            )
        self.spam_check_done = verdict is True
        return ""


class ApplicationForm(SpamDefences, PlainWording, forms.ModelForm):
    consent = forms.BooleanField(
        label=_("I agree that Efus processes the data in this form to handle the application."),
        error_messages={
            "required": _("Please give your consent so we can handle the application.")
        },
    )
    # A field people never see: only robots fill it in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))
    captcha = SpamCheckStateField(label=_("Spam check"))
    started = FormStartedField()

    class Meta:
        model = Application
        fields = [
            "cohort",
            "authority_kind",
            "authority_name",
            "country",
            "region",
            "population",
            "efus_member",
            "service",
            "service_other",
            "contact_name",
            "contact_position",
            "contact_email",
            "contact_phone",
            "motivation",
            "commits_to_attend",
            "letter",
        ]
        widgets = {
            "cohort": forms.RadioSelect,
            "authority_kind": forms.RadioSelect,
            "efus_member": forms.RadioSelect,
            "service": forms.RadioSelect,
            "motivation": forms.Textarea(attrs={"rows": 8, "maxlength": MOTIVATION_MAX_LENGTH}),
            "letter": forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        }
        labels = {
            "authority_kind": _("Kind of authority"),
            "authority_name": _("Name of the authority"),
            "population": _("Population"),
            "efus_member": _("Is your authority a member of Efus?"),
        }
        help_texts = {
            "authority_name": _(
                "For example: City of Lyon, Lyon Metropolis, Occitanie Region, Province of Turin."
            ),
            "population": _(
                "Inhabitants of the municipality, or of the whole area the inter-municipal body, "
                "the region or the province serves."
            ),
            "efus_member": _(
                "Efus, the European Forum for Urban Security, runs this programme. Membership "
                "is not required to apply."
            ),
            "motivation": _("Why your authority wants to take part (at most 3,000 characters)."),
            "letter": _(
                "Optional: a PDF signed by your mayor, president or director, at most 5 MB."
            ),
            "service_other": _("Only if you chose “Other service”."),
        }

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].label_from_instance = lambda cohort: str(cohort)
        if len(cohorts) == 1:
            self.fields["cohort"].initial = cohorts[0].pk
        if self.instance.pk is None:
            # Asked, never assumed: the models' defaults only describe older applications.
            self.initial["authority_kind"] = None
            self.initial["efus_member"] = None
        self.fields["commits_to_attend"].required = True
        self.fields["commits_to_attend"].label = _(
            "Our participants will attend the four online sessions and the in-person session."
        )
        self.fields["commits_to_attend"].error_messages["required"] = _(
            "Participation requires attending every session: please confirm."
        )
        self.fields["letter"].validators.append(validate_pdf_letter)
        self.fields["contact_phone"].widget.attrs["autocomplete"] = "tel"
        self.fields["contact_email"].widget.attrs["autocomplete"] = "email"
        self.fields["contact_name"].widget.attrs["autocomplete"] = "name"

    def clean_letter(self):
        letter = self.cleaned_data.get("letter")
        if isinstance(letter, UploadedFile):
            return sanitised_letter(letter)
        return letter

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("service") == ServiceKind.OTHER and not cleaned.get("service_other"):
            self.add_error("service_other", _("Please say which service is applying."))
        cohort, country = cleaned.get("cohort"), cleaned.get("country")
        if cohort and country and cohort.country != country:
            self.add_error(
                "country",
                _("This cohort is for authorities in %(country)s.")
                % {"country": cohort.get_country_display()},
            )
        return cleaned


class ParticipantForm(PlainWording, forms.ModelForm):
    class Meta:
        model = ProposedParticipant
        fields = ["name", "position", "service", "gender", "email"]
        widgets = {"position": forms.RadioSelect, "gender": forms.RadioSelect}
        help_texts = {"gender": _("Optional. Used only to balance the cohort.")}


class BaseParticipantFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": _("Add at least one participant."),
        "too_many_forms": _("You can propose at most %(num)d participants."),
    }


ParticipantFormSet = inlineformset_factory(
    Application,
    ProposedParticipant,
    form=ParticipantForm,
    formset=BaseParticipantFormSet,
    extra=0,
    min_num=1,
    validate_min=True,
    max_num=MAX_PARTICIPANTS,
    validate_max=True,
    absolute_max=MAX_PARTICIPANTS,
    can_delete=True,
)
