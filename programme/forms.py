"""The editors' cohort form: one screen to update and confirm every date of a cohort."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from programme.models import Session, SessionKind

EXPECTED_SESSIONS = {SessionKind.ONLINE: 4, SessionKind.IN_PERSON: 1}


class CohortAdminForm(WagtailAdminModelForm):
    """Saves the cohort and its sessions, then logs each confirmation or change of a date."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions_before = {}
        if self.instance.pk:
            self.sessions_before = {
                session.pk: session.snapshot()
                for session in Session.objects.filter(cohort=self.instance)
            }

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("sessions")
        if formset is None or not formset.is_valid():
            return cleaned_data
        counts = dict.fromkeys(EXPECTED_SESSIONS, 0)
        for form in formset.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            counts[data["kind"]] = counts.get(data["kind"], 0) + 1
        if counts != EXPECTED_SESSIONS:
            raise ValidationError(
                _(
                    "A cohort has 4 online sessions and 1 in-person session "
                    "(this form has %(online)s online and %(in_person)s in person)."
                )
                % {"online": counts[SessionKind.ONLINE], "in_person": counts[SessionKind.IN_PERSON]}
            )
        return cleaned_data

    def save(self, commit=True):
        cohort = super().save(commit=commit)
        if commit:
            for session in cohort.sessions.all():
                session.record_edit(self.sessions_before.get(session.pk), self.for_user)
        return cohort
