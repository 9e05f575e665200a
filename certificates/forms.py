"""The public verification form and the editors' forms (override, revocation)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certificates.models import CompletionOverride, normalise_code


class VerificationForm(forms.Form):
    code = forms.CharField(
        label=_("Certificate code"),
        max_length=40,
        help_text=_("The code printed on the certificate, for example ABCD-EFGH-JKLM-NPQR."),
        error_messages={"required": _("Enter the certificate code.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError(
                _("A certificate code has 16 letters and digits, in four groups of four.")
            )
        return code


class OverrideForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Completion"),
        choices=[("", _("Follow the completion rule")), *CompletionOverride.choices],
        required=False,
    )
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", _("Give the reason for the override."))
        return cleaned


class RevocationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the revocation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Give the reason for the revocation.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Give the reason for the revocation."))
        return reason
