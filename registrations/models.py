"""Registration for public events: an event's registration settings (open to the public, capacity,
closing time) and the people who registered, with their place or their rank on the waiting list."""

import uuid

from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from programme.facts import COUNTRIES

CONSENT_VERSION = "2026-12"


class OrganisationKind(models.TextChoices):
    CITY = "city", _("City or municipality")
    REGION = "region", _("Region")
    NATIONAL = "national", _("National authority")
    EU = "eu", _("EU institution")
    NGO = "ngo", _("NGO or association")
    RESEARCH = "research", _("Research")
    PRESS = "press", _("Press")
    FUNDER = "funder", _("Funder")
    OTHER = "other", _("Other")


OTHER_EU = "EU"
OUTSIDE_EU = "XX"
REGISTRANT_COUNTRIES = [
    *COUNTRIES,
    (OTHER_EU, _("Another EU country")),
    (OUTSIDE_EU, _("A country outside the EU")),
]


class RegistrantStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class EventRegistration(models.Model):
    """What editors decide about registering for one event."""

    event = models.OneToOneField(
        "programme.Event",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registration",
    )
    is_open = models.BooleanField(
        _("open to the public"),
        default=False,
        help_text=_("Anyone can register on the site, in six languages."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        help_text=_("Beyond this number, registrants join the waiting list. Empty: no limit."),
    )
    closes_at = models.DateTimeField(
        _("registration closes at"),
        null=True,
        blank=True,
        help_text=_("Empty: registration closes when the event starts."),
    )
    recording_sent_at = models.DateTimeField(
        _("recording sent at"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        ordering = ["event__starts_at"]

    def __str__(self):
        return str(self.event)

    def closing_time(self):
        return self.closes_at or self.event.starts_at

    def is_closed(self, now=None):
        return not self.is_open or (now or timezone.now()) >= self.closing_time()


class RegistrantQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=RegistrantStatus.CONFIRMED)

    def waiting(self):
        return self.filter(status=RegistrantStatus.WAITING).order_by("registered_at", "pk")

    def not_erased(self):
        return self.filter(erased_at__isnull=True)


class Registrant(models.Model):
    """One person registered for one event, in the language they registered in."""

    registration = models.ForeignKey(
        EventRegistration,
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="registrants",
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"))
    organisation = models.CharField(_("organisation"), max_length=200)
    organisation_kind = models.CharField(
        _("kind of organisation"), max_length=20, choices=OrganisationKind.choices
    )
    country = models.CharField(_("country"), max_length=2, choices=REGISTRANT_COUNTRIES)
    role = models.CharField(_("role"), max_length=200)
    language = models.CharField(_("language"), max_length=8, default="en")
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrantStatus.choices, db_index=True
    )
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)
    consent_version = models.CharField(max_length=20, blank=True)
    consented_at = models.DateTimeField(null=True, blank=True)
    spam_check_done = models.BooleanField(_("spam check done"), default=False)
    # The key of the form that made it: a form sent twice makes one registrant.
    form_key = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    # The event's SEQUENCE in the registrant's calendar (their last invitation).
    invited_sequence = models.IntegerField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    objects = RegistrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("registrant")
        verbose_name_plural = _("registrants")
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                "registration", Lower("email"), name="one_registrant_per_address_and_event"
            )
        ]

    def __str__(self):
        return self.name

    @property
    def event(self):
        return self.registration.event

    @property
    def is_confirmed(self):
        return self.status == RegistrantStatus.CONFIRMED


class RegistrantReminder(models.Model):
    """A join-link reminder queued for one registrant before one date of the event: each goes
    once, and a moved event's new date gets its own."""

    registrant = models.ForeignKey(Registrant, on_delete=models.CASCADE, related_name="reminders")
    hours_before = models.PositiveSmallIntegerField(_("hours before"))
    starts_at = models.DateTimeField(_("event start reminded of"))
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)

    class Meta:
        verbose_name = _("registrant reminder")
        verbose_name_plural = _("registrant reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registrant", "hours_before", "starts_at"],
                name="one_reminder_per_registrant_and_date",
            )
        ]
