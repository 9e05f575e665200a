"""Applications of local and regional authorities to a cohort, with their proposed participants
and their history."""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programme.facts import COUNTRIES
from web.storage import private_storage

MOTIVATION_MAX_LENGTH = 3000
MAX_PARTICIPANTS = 10


class AuthorityKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    INTERMUNICIPAL = "intermunicipal", _("Inter-municipal or metropolitan body")
    REGION = "region", _("Region or province")


# The wording that fits each kind of authority, wherever an application is shown.
AUTHORITY_NAME_LABELS = {
    AuthorityKind.MUNICIPALITY: _("Name of the municipality"),
    AuthorityKind.INTERMUNICIPAL: _("Name of the inter-municipal or metropolitan body"),
    AuthorityKind.REGION: _("Name of the region or province"),
}
POPULATION_LABELS = {
    AuthorityKind.MUNICIPALITY: _("Population of the municipality"),
    AuthorityKind.INTERMUNICIPAL: _("Population of the municipalities it brings together"),
    AuthorityKind.REGION: _("Population of the region or province"),
}


class EfusMembership(models.TextChoices):
    """Applicants may not know whether their authority belongs to Efus (membership is often held
    by another department), so "don't know" is an honest answer, not a missing one."""

    YES = "yes", pgettext_lazy("Efus membership", "Yes")
    NO = "no", pgettext_lazy("Efus membership", "No")
    UNKNOWN = "unknown", pgettext_lazy("Efus membership", "Don't know")


class ServiceKind(models.TextChoices):
    MUNICIPAL_POLICE = "municipal_police", _("Municipal police")
    CIVIL_SECURITY = "civil_security", _("Civil security")
    RISK_PREVENTION = "risk_prevention", _("Risk prevention")
    OTHER = "other", _("Other service")


class Position(models.TextChoices):
    ELECTED = "elected", _("Elected representative")
    OFFICIAL = "official", _("Official")


class Gender(models.TextChoices):
    FEMALE = "female", _("Woman")
    MALE = "male", _("Man")
    OTHER = "other", _("Another gender")
    UNDISCLOSED = "undisclosed", _("Prefer not to say")


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Received")
    UNDER_REVIEW = "under_review", _("Under review")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("Waitlisted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # Erased on the applicant's request (or at the end of the retention period) while it was
    # still waiting: it leaves the selection, and nobody is left to write to.
    ERASED = "erased", _("Personal data erased")


class DeclineReason(models.TextChoices):
    """Why an application was declined, as the reviewer picks it (counted in the funder's
    report)."""

    OUTSIDE_TARGET = "outside_target", _("Outside the target group")
    COHORT_FULL = "cohort_full", _("Cohort full")
    INCOMPLETE = "incomplete", _("Application incomplete")
    DUPLICATE = "duplicate", _("Duplicate application")
    WITHDRAWN = "withdrawn", _("Withdrawn by the authority (not through the site)")
    OTHER = "other", _("Other reason")


# Waiting for a decision, or for a seat: what an erasure takes out of the selection.
OPEN_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.WAITLISTED,
)
# Where the selection ended without the applicant taking part: not counted as proposed.
LEFT_STATUSES = (ApplicationStatus.WITHDRAWN, ApplicationStatus.ERASED)
# Erasure writes addresses in this reserved domain (RFC 2606), where no email can go.
ERASED_EMAIL_DOMAIN = "invalid.example"


def letter_path(application, filename):
    """A generated name: the uploader's file name is never trusted nor kept."""
    return f"letters/{timezone.now():%Y/%m}/{application.cohort_id}-{uuid.uuid4().hex}.pdf"


class Application(models.Model):
    """A local or regional authority's application for its officials to join one cohort."""

    reference = models.CharField(_("reference"), max_length=32, unique=True, editable=False)
    cohort = models.ForeignKey(
        "programme.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)

    authority_kind = models.CharField(
        _("kind of authority"),
        max_length=20,
        choices=AuthorityKind.choices,
        default=AuthorityKind.MUNICIPALITY,
    )
    authority_name = models.CharField(_("name of the authority"), max_length=150)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    region = models.CharField(_("region"), max_length=150)
    population = models.PositiveIntegerField(
        _("population"), validators=[MinValueValidator(1), MaxValueValidator(20_000_000)]
    )
    efus_member = models.CharField(
        _("member of Efus"),
        max_length=10,
        choices=EfusMembership.choices,
        default=EfusMembership.UNKNOWN,
    )
    service = models.CharField(_("applying service"), max_length=20, choices=ServiceKind.choices)
    service_other = models.CharField(_("other service"), max_length=150, blank=True)

    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_position = models.CharField(_("contact person's position"), max_length=150)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40)

    motivation = models.TextField(_("motivation"), max_length=MOTIVATION_MAX_LENGTH)
    commits_to_attend = models.BooleanField(_("commitment to attend every session"))
    letter = models.FileField(
        _("signed letter of commitment"),
        upload_to=letter_path,
        storage=private_storage,
        blank=True,
        max_length=255,
    )
    consent_version = models.CharField(_("consent text version"), max_length=20)
    consented_at = models.DateTimeField(_("consent given at"))

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    # Set with a decline, emptied when the application leaves "declined".
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    # False when reCAPTCHA could not load in the visitor's browser or Google could not verify
    # it: the application was accepted on the other checks alone (applications/spam_check.py).
    spam_check_done = models.BooleanField(_("spam check done"), default=True)
    # The key of the form it was sent from (applications/spam_check.py): a form sent again, by
    # a visitor who never saw the answer to the first sending, finds it instead of storing twice.
    submission_key = models.CharField(
        _("form key"), max_length=40, unique=True, null=True, blank=True, editable=False
    )
    possible_duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("possible duplicate of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Its address had had its share of emails (mail/limits.py): stored all the same, but no
    # acknowledgement went out, and staff see why.
    acknowledgement_withheld = models.BooleanField(
        _("acknowledgement withheld"), default=False, editable=False
    )
    # Staff heard of it in this digest rather than alone (applications/notifications.py).
    staff_digest = models.ForeignKey(
        "mail.OutgoingEmail",
        verbose_name=_("staff digest"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        permissions = [
            ("handle_data_requests", _("Can export and erase an applicant's personal data")),
        ]

    def __str__(self):
        return f"{self.reference} – {self.authority_name}"

    @property
    def authority_name_label(self):
        return AUTHORITY_NAME_LABELS[AuthorityKind(self.authority_kind)]

    @property
    def population_label(self):
        return POPULATION_LABELS[AuthorityKind(self.authority_kind)]

    @property
    def is_erased(self):
        """Its personal data was erased: no decision can be taken, no email can go to it."""
        return self.status == ApplicationStatus.ERASED or self.contact_email.endswith(
            f"@{ERASED_EMAIL_DOMAIN}"
        )

    @property
    def can_withdraw(self):
        return not self.is_erased and self.status not in (
            ApplicationStatus.WITHDRAWN,
            ApplicationStatus.DECLINED,
        )

    @property
    def can_be_decided(self):
        return not self.is_erased and self.status != ApplicationStatus.WITHDRAWN

    @property
    def steps(self):
        """The stages of the review as the applicant sees them, marking the ones reached.

        An application withdrawn (or erased) shows the review as reached only if it had moved
        on from "Received" before, and ends on "Withdrawn", never on a review it did not get.
        """
        order = [ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW]
        if self.status in LEFT_STATUSES:
            reviewed = self.status_changes.exclude(new_status__in=LEFT_STATUSES).exists()
            shown = order if reviewed else order[:1]
            return [(status.label, True) for status in shown] + [(self.get_status_display(), True)]
        reached = order.index(self.status) if self.status in order else len(order)
        steps = [(status.label, index <= reached) for index, status in enumerate(order)]
        final = self.status if self.status not in order else None
        steps.append((ApplicationStatus(final).label if final else _("Decision"), bool(final)))
        return steps

    def assign_reference(self):
        """A readable reference built on the database id, so two submissions never share one."""
        self.reference = f"AIC-{self.cohort.year}-{self.cohort.country}-{self.pk:04d}"
        Application.objects.filter(pk=self.pk).update(reference=self.reference)


class ProposedParticipant(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="participants"
    )
    name = models.CharField(_("full name"), max_length=150)
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    service = models.CharField(_("service"), max_length=150)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    email = models.EmailField(_("email"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("proposed participant")
        verbose_name_plural = _("proposed participants")

    def __str__(self):
        return self.name


class ApplicationStatusChange(models.Model):
    """Who moved an application from one status to another, and when."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="status_changes"
    )
    old_status = models.CharField(_("from"), max_length=20, choices=ApplicationStatus.choices)
    new_status = models.CharField(_("to"), max_length=20, choices=ApplicationStatus.choices)
    decline_reason = models.CharField(
        _("reason for declining"), max_length=20, choices=DeclineReason.choices, blank=True
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.application_id}: {self.old_status} → {self.new_status}"


class OpeningAlert(models.Model):
    """ "Tell me when applications open": an address kept only until that one email is sent."""

    email = models.EmailField(_("email"))
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("opening alert")
        verbose_name_plural = _("opening alerts")
        constraints = [
            models.UniqueConstraint(fields=["email", "country"], name="one_alert_per_country")
        ]

    def __str__(self):
        return f"{self.get_country_display()} ({self.language})"
