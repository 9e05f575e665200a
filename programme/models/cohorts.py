"""Cohorts and their sessions: the programme's dates, stored once and shown in every language."""

import zoneinfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce, Greatest
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from home.dates import long_date, month_period, zone_title
from programme.cohort_slugs import localized_slug
from programme.facts import COUNTRIES, COUNTRY_TIME_ZONES, DELIVERY_LANGUAGES, TIME_ZONES

# Sent after an editor changes a confirmed session date (applicants are told by email).
session_date_changed = Signal()
# Sent after every recorded change of a session's date, confirmation included (enrolled
# participants' calendars follow every one).
session_date_recorded = Signal()


class LanguageListField(models.CharField):
    """A list of language codes stored as "fr,nl,de" and edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == 32:
            del kwargs["max_length"]
        return name, path, args, kwargs

    def from_db_value(self, value, expression, connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list):
            return value
        return [code for code in (value or "").split(",") if code]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            return ",".join(value)
        return value

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=DELIVERY_LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        known = {code for code, _label in DELIVERY_LANGUAGES}
        unknown = [code for code in value if code not in known]
        if unknown:
            raise ValidationError(_("Unknown language: %(codes)s"), params={"codes": unknown})
        if not value and not self.blank:
            raise ValidationError(self.error_messages["blank"], code="blank")


class CohortStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPLICATIONS_OPEN = "applications_open", _("Applications open")
    APPLICATIONS_CLOSED = "applications_closed", _("Applications closed")
    IN_PROGRESS = "in_progress", pgettext_lazy("cohort status", "In progress")
    COMPLETED = "completed", _("Completed")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", pgettext_lazy("cohort status", "Cancelled")


STATUS_OVERRIDES = [
    (CohortStatus.POSTPONED.value, CohortStatus.POSTPONED.label),
    (CohortStatus.CANCELLED.value, CohortStatus.CANCELLED.label),
]


class CohortQuerySet(models.QuerySet):
    def not_finished(self, now=None):
        """Cohorts still ahead or under way: their planned period or a session is not over."""
        now = now or timezone.now()
        return self.filter(
            models.Q(planned_end__gte=now.date())
            | models.Q(pk__in=Session.objects.filter(ends_at__gte=now).values("cohort_id"))
        )

    def with_sessions(self):
        return self.prefetch_related(
            models.Prefetch("sessions", queryset=Session.objects.order_by("position", "pk"))
        )


class Cohort(ClusterableModel):
    """One national-language cohort: 4 online sessions and 1 in-person session."""

    slug = models.SlugField(
        unique=True, help_text=_("Used in the cohort's web address, e.g. france-2025-autumn.")
    )
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES)
    delivery_languages = LanguageListField(
        _("delivery languages"),
        help_text=_("The language(s) the sessions are given in."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    planned_start = models.DateField(
        _("planned start"), help_text=_("First day of the planned period (day may be approximate).")
    )
    planned_end = models.DateField(_("planned end"))
    seats = models.PositiveSmallIntegerField(_("seats"), default=25)
    # Kept by the applications app as decisions are taken; the database refuses overbooking.
    accepted_participants = models.PositiveSmallIntegerField(
        _("accepted participants"), default=0, editable=False
    )
    applications_open_on = models.DateField(_("applications open on"), null=True, blank=True)
    applications_close_on = models.DateField(_("applications close on"), null=True, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=40,
        choices=TIME_ZONES,
        blank=True,
        help_text=_("Local time zone of the cohort; left empty, the country's zone is used."),
    )
    status_override = models.CharField(
        _("status override"),
        max_length=20,
        choices=STATUS_OVERRIDES,
        blank=True,
        help_text=_("Only for exceptional cases; otherwise the status follows the dates."),
    )
    dates_updated_at = models.DateTimeField(_("dates last confirmed"), null=True, blank=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        ordering = ["planned_start", "country"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(planned_end__gte=models.F("planned_start")),
                name="cohort_planned_period_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_participants__lte=models.F("seats")),
                name="cohort_not_overbooked",
            ),
        ]

    def __str__(self):
        return f"{self.get_country_display()} {self.period_label}"

    def slug_in(self, language_code):
        """The slug of the cohort's address in `language_code`: "deutschland-2026" in German
        for "germany-2026" (programme/cohort_slugs.py)."""
        return localized_slug(self.slug, self.country, language_code)

    def clean(self):
        errors = {}
        if self.slug and self.country:
            clash = self.address_clash()
            if clash is not None:
                errors["slug"] = _(
                    "In one language, this cohort would have the same address as the %(cohort)s "
                    "cohort (%(slug)s). Choose another slug."
                ) % {"cohort": clash[0], "slug": clash[1]}
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            errors["planned_end"] = _("The planned end cannot be before the planned start.")
        opens, closes = self.applications_open_on, self.applications_close_on
        if opens and closes and closes < opens:
            errors["applications_close_on"] = _("Applications cannot close before they open.")
        if bool(opens) != bool(closes):
            errors["applications_close_on"] = _("Give both the opening and the closing date.")
        if errors:
            raise ValidationError(errors)

    def address_clash(self):
        """(another cohort, the slug) if in some language both would have the same address
        ("deutschland-2026", an editor's own slug, and "germany-2026" in German). The same
        slug is left to the unique check."""
        languages = [code for code, _name in settings.LANGUAGES]
        mine = {(code, self.slug_in(code)) for code in languages}
        for other in Cohort.objects.exclude(pk=self.pk).exclude(slug=self.slug):
            for code in languages:
                if (code, other.slug_in(code)) in mine:
                    return other, other.slug_in(code)
        return None

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone or COUNTRY_TIME_ZONES[self.country])

    @property
    def zone_title(self):
        """The cohort's zone in the reader's language: "Mitteleuropäische Zeit (Berlin)"."""
        return zone_title(self.zone)

    @property
    def seats_left(self):
        return self.seats - self.accepted_participants

    @property
    def period_label(self):
        """The planned period in the active language, e.g. "March – April 2025"."""
        return month_period(self.planned_start, self.planned_end)

    @property
    def language_names(self):
        names = dict(DELIVERY_LANGUAGES)
        return [str(names[code]) for code in self.delivery_languages if code in names]

    @cached_property
    def ordered_sessions(self):
        return sorted(self.sessions.all(), key=lambda session: (session.position, session.pk or 0))

    def _scheduled(self):
        return [s for s in self.ordered_sessions if s.starts_at and not s.is_cancelled]

    @property
    def first_day(self):
        scheduled = self._scheduled()
        if scheduled:
            return min(s.starts_at for s in scheduled).astimezone(self.zone).date()
        return self.planned_start

    @property
    def last_day(self):
        scheduled = self._scheduled()
        if len(scheduled) == len([s for s in self.ordered_sessions if not s.is_cancelled]) and (
            scheduled
        ):
            return max(s.ends_at or s.starts_at for s in scheduled).astimezone(self.zone).date()
        return self.planned_end

    def status_on(self, day):
        if self.status_override:
            return CohortStatus(self.status_override)
        if day > self.last_day:
            return CohortStatus.COMPLETED
        if day >= self.first_day:
            return CohortStatus.IN_PROGRESS
        if self.applications_open_on and self.applications_open_on <= day:
            if day <= self.applications_close_on:
                return CohortStatus.APPLICATIONS_OPEN
            return CohortStatus.APPLICATIONS_CLOSED
        return CohortStatus.PLANNED

    @property
    def status(self):
        return self.status_on(timezone.localdate(timezone=self.zone))

    @property
    def is_open_for_applications(self):
        return self.status == CohortStatus.APPLICATIONS_OPEN

    @property
    def public_changes(self):
        """Confirmations, moves and cancellations the public may see, newest first."""
        sessions = {session.pk: session for session in self.ordered_sessions}
        changes = [c for c in self.date_changes.all() if c.kind in SessionDateChange.PUBLIC_KINDS]
        for change in changes:
            # Reuse the sessions already loaded, so describing a change costs no query.
            if change.session_id in sessions:
                change.session = sessions[change.session_id]
        return changes

    def get_calendar_url(self):
        return reverse("programme:cohort_calendar", kwargs={"slug": self.slug})


class SessionKind(models.TextChoices):
    ONLINE = "online", _("Online session")
    IN_PERSON = "in_person", _("In-person session")


class DateState(models.TextChoices):
    TO_BE_CONFIRMED = "tbc", _("To be confirmed")
    CONFIRMED = "confirmed", _("Confirmed")
    MOVED = "moved", pgettext_lazy("session date", "Moved")
    CANCELLED = "cancelled", pgettext_lazy("session date", "Cancelled")


class Session(models.Model):
    """One session of a cohort. Its date is public only once an editor confirms it."""

    cohort = ParentalKey(Cohort, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("kind"), max_length=10, choices=SessionKind.choices)
    position = models.PositiveSmallIntegerField(_("order"), default=1)
    starts_at = models.DateTimeField(_("starts at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    is_confirmed = models.BooleanField(_("date confirmed"), default=False)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    venue = models.CharField(
        _("venue"), max_length=200, blank=True, help_text=_("For the in-person session.")
    )
    join_url = models.URLField(
        _("link to join"),
        max_length=500,
        blank=True,
        help_text=_("For an online session: shown only to the cohort's enrolled participants."),
    )
    previous_starts_at = models.DateTimeField(null=True, blank=True, editable=False)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(starts_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(is_confirmed=False) | models.Q(starts_at__isnull=False),
                name="confirmed_session_has_start",
            ),
        ]

    def __str__(self):
        return f"{self.cohort} – {self.title}"

    def clean(self):
        errors = {}
        if self.is_confirmed and not self.starts_at:
            errors["starts_at"] = _("A confirmed session needs its start date and time.")
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The session must end after it starts.")
        if errors:
            raise ValidationError(errors)

    @property
    def title(self):
        if self.kind == SessionKind.IN_PERSON:
            return gettext("In-person session")
        return gettext("Online session %(number)s") % {"number": self.number}

    @property
    def number(self):
        """The session's number among the cohort's sessions of the same kind."""
        same_kind = [s for s in self.cohort.ordered_sessions if s.kind == self.kind]
        return next((i for i, s in enumerate(same_kind, 1) if s.pk == self.pk), self.position)

    @property
    def state(self):
        if self.is_cancelled:
            return DateState.CANCELLED
        if not self.is_confirmed:
            return DateState.TO_BE_CONFIRMED
        if self.previous_starts_at and self.previous_starts_at != self.starts_at:
            return DateState.MOVED
        return DateState.CONFIRMED

    @property
    def shows_date(self):
        return self.is_confirmed and self.starts_at is not None

    @property
    def is_past(self):
        """A confirmed session held on an earlier day than today in the cohort's zone (a
        cancelled one is not "past": it never took place). By day, as pages are cached by day."""
        if not self.shows_date or self.is_cancelled:
            return False
        last_moment = self.local(self.ends_at or self.starts_at)
        return last_moment.date() < timezone.localdate(timezone=self.cohort.zone)

    def local(self, moment):
        return moment.astimezone(self.cohort.zone) if moment else None

    @property
    def local_start(self):
        return self.local(self.starts_at)

    @property
    def local_end(self):
        return self.local(self.ends_at)

    @property
    def local_previous_start(self):
        return self.local(self.previous_starts_at)

    @property
    def uid(self):
        return f"session-{self.pk}@aiforcities.eu"

    def snapshot(self):
        return SessionSnapshot(self.starts_at, self.ends_at, self.is_confirmed, self.is_cancelled)

    def record_edit(self, before, user=None, at=None):
        """Log what an editor changed since `before` and keep calendars in step.

        Returns the change recorded, or None when nothing the public sees changed.
        `at` backdates the record (demo content); by default it is now.
        """
        kind = SessionDateChange.kind_between(before, self.snapshot())
        if kind is None:
            return None
        if kind == SessionDateChange.Kind.MOVED:
            self.previous_starts_at = before.starts_at
        self.sequence += 1
        self.save(update_fields=["previous_starts_at", "sequence"])
        change = SessionDateChange.objects.create(
            cohort=self.cohort,
            session=self,
            kind=kind,
            changed_at=at or timezone.now(),
            changed_by=user if user and user.is_authenticated else None,
            old_starts_at=before.starts_at if before else None,
            old_ends_at=before.ends_at if before else None,
            new_starts_at=self.starts_at,
            new_ends_at=self.ends_at,
        )
        Cohort.objects.filter(pk=self.cohort_id).update(
            dates_updated_at=Greatest(
                Coalesce("dates_updated_at", change.changed_at),
                change.changed_at,
            )
        )
        session_date_recorded.send(sender=Session, session=self, change=change)
        if kind in (SessionDateChange.Kind.MOVED, SessionDateChange.Kind.CANCELLED):
            session_date_changed.send(sender=Session, session=self, change=change)
        return change


class SessionSnapshot:
    """The public-facing date facts of a session at one moment."""

    __slots__ = ("starts_at", "ends_at", "is_confirmed", "is_cancelled")

    def __init__(self, starts_at, ends_at, is_confirmed, is_cancelled):
        self.starts_at = starts_at
        self.ends_at = ends_at
        self.is_confirmed = is_confirmed
        self.is_cancelled = is_cancelled


class SessionDateChange(models.Model):
    """One confirmation or change of a session date: who, when, old → new."""

    class Kind(models.TextChoices):
        CONFIRMED = "confirmed", _("Date confirmed")
        MOVED = "moved", _("Date moved")
        CANCELLED = "cancelled", _("Session cancelled")
        REINSTATED = "reinstated", _("Session reinstated")
        UNCONFIRMED = "unconfirmed", _("Date back to be confirmed")

    PUBLIC_KINDS = {Kind.CONFIRMED, Kind.MOVED, Kind.CANCELLED, Kind.REINSTATED}

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="date_changes")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="date_changes")
    kind = models.CharField(_("change"), max_length=12, choices=Kind.choices)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    old_starts_at = models.DateTimeField(_("old start"), null=True, blank=True)
    old_ends_at = models.DateTimeField(_("old end"), null=True, blank=True)
    new_starts_at = models.DateTimeField(_("new start"), null=True, blank=True)
    new_ends_at = models.DateTimeField(_("new end"), null=True, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("session date change")
        verbose_name_plural = _("session date changes")

    def __str__(self):
        return self.describe()

    @classmethod
    def kind_between(cls, before, after):
        if before is None:
            return cls.Kind.CONFIRMED if after.is_confirmed else None
        if after.is_cancelled != before.is_cancelled:
            return cls.Kind.CANCELLED if after.is_cancelled else cls.Kind.REINSTATED
        if after.is_confirmed and not before.is_confirmed:
            return cls.Kind.CONFIRMED
        if before.is_confirmed and not after.is_confirmed:
            return cls.Kind.UNCONFIRMED
        moved = (after.starts_at, after.ends_at) != (before.starts_at, before.ends_at)
        if after.is_confirmed and moved:
            return cls.Kind.MOVED
        return None

    @property
    def local_new_start(self):
        return self.new_starts_at.astimezone(self.cohort.zone) if self.new_starts_at else None

    @property
    def local_new_end(self):
        return self.new_ends_at.astimezone(self.cohort.zone) if self.new_ends_at else None

    def _day(self, moment):
        if moment is None:
            return ""
        return long_date(moment.astimezone(self.cohort.zone))

    def describe(self):
        """One line of the public change log, naming the session, in the active language."""
        session = self.session.title
        old, new = self._day(self.old_starts_at), self._day(self.new_starts_at)
        if self.kind == self.Kind.MOVED:
            if old == new:
                return pgettext("date change log", "%(session)s: new time on %(old)s") % {
                    "session": session,
                    "old": old,
                }
            return pgettext("date change log", "%(session)s moved from %(old)s to %(new)s") % {
                "session": session,
                "old": old,
                "new": new,
            }
        if self.kind == self.Kind.CANCELLED:
            return pgettext("date change log", "%(session)s of %(old)s cancelled") % {
                "session": session,
                "old": old,
            }
        if self.kind == self.Kind.REINSTATED:
            return pgettext("date change log", "%(session)s reinstated on %(new)s") % {
                "session": session,
                "new": new,
            }
        if self.kind == self.Kind.UNCONFIRMED:
            return pgettext(
                "date change log", "%(session)s of %(old)s: date to be confirmed again"
            ) % {"session": session, "old": old}
        return pgettext("date change log", "%(session)s confirmed for %(new)s") % {
            "session": session,
            "new": new,
        }
