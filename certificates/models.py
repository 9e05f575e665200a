"""Participants enrolled in a cohort, their attendance, and the certificates they earn."""

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Position
from certificates.calendar_rule import require_course_ended, require_session_started
from home.dates import local_day
from programme.models import Cohort
from web.storage import private_storage

# 80 random bits written in RFC 4648 base32 (A–Z, 2–7): 16 characters in four groups.
CODE_BYTES = 10
CODE_GROUP = 4
# The positions of the revocation list (a W3C Bitstring Status List): the smallest list the
# recommendation allows (16 KB, 131,072 bits), so that a position says nothing of how many
# certificates exist nor of their order.
STATUS_LIST_SIZE = 131072


def new_code():
    raw = base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")
    return "-".join(raw[i : i + CODE_GROUP] for i in range(0, len(raw), CODE_GROUP))


def normalise_code(text):
    """The stored form of a code as someone may type it: any case, spaces, 0 for O, 1 for I."""
    cleaned = "".join(ch for ch in (text or "").upper() if ch.isalnum())
    cleaned = cleaned.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    if len(cleaned) != CODE_BYTES * 8 // 5:
        return ""
    return "-".join(cleaned[i : i + CODE_GROUP] for i in range(0, len(cleaned), CODE_GROUP))


def certificate_path(certificate, filename):
    """A generated name in private storage: the code is never part of a file name."""
    return f"certificates/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


def free_status_index():
    """A position of the revocation list drawn at random among those never given: neither to
    a certificate, nor as the old position (its key) of one issued before positions were
    random, which its first credentials still point at."""
    taken = set()
    for index, legacy in Certificate.objects.values_list("status_index", "legacy_status_index"):
        taken.update((index, legacy))
    if len(taken) >= STATUS_LIST_SIZE:
        raise RuntimeError("The revocation list has no free position left.")
    while True:
        index = secrets.randbelow(STATUS_LIST_SIZE)
        if index not in taken:
            return index


class CompletionOverride(models.TextChoices):
    COMPLETED = "completed", _("Completed (override)")
    NOT_COMPLETED = "not_completed", _("Not completed (override)")


class Enrolment(models.Model):
    """A participant of a cohort, carried over from an accepted application."""

    cohort = models.ForeignKey(
        "programme.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("application"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    name = models.CharField(_("full name"), max_length=150)
    # The holder's identifier in Open Badges credentials (credentialSubject.id, the JWT's sub).
    subject_id = models.UUIDField(
        _("credential subject identifier"), default=uuid.uuid4, unique=True, editable=False
    )
    email = models.EmailField(_("email"))
    position = models.CharField(_("position"), max_length=10, choices=Position.choices)
    service = models.CharField(_("service"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    enrolled_at = models.DateTimeField(_("enrolled at"), default=timezone.now)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completion_override = models.CharField(
        _("completion override"), max_length=15, choices=CompletionOverride.choices, blank=True
    )
    override_reason = models.TextField(_("reason for the override"), blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("override recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    override_at = models.DateTimeField(_("override recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "user"], name="one_enrolment_per_cohort"),
            models.CheckConstraint(
                condition=models.Q(completion_override="") | ~models.Q(override_reason=""),
                name="override_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.cohort})"

    @property
    def subject_urn(self):
        return f"urn:uuid:{self.subject_id}"


class AttendanceQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for session in {attendance.session for attendance in objs}:
            require_session_started(session)
        return super().bulk_create(objs, *args, **kwargs)


class Attendance(models.Model):
    """Whether one participant attended one session, and who recorded it when; only for a
    session that has started."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendances")
    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        ordering = ["session__position", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"], name="one_attendance_per_session"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id}/{self.session_id}: {self.present}"

    def save(self, *args, **kwargs):
        require_session_started(self.session)
        super().save(*args, **kwargs)


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)

    def revoked_status_indexes(self):
        """The revocation list's bits to set: each revoked certificate's position, and the old
        one of those issued before positions were random."""
        indexes = []
        for index, legacy in self.filter(revoked_at__isnull=False).values_list(
            "status_index", "legacy_status_index"
        ):
            indexes.extend(i for i in (index, legacy) if i is not None)
        return indexes

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for certificate in objs:
            certificate.require_course_ended()
            if certificate.status_index is None:
                certificate.status_index = free_status_index()
        return super().bulk_create(objs, *args, **kwargs)


class Certificate(models.Model):
    """A certificate of completion with its public code; revoked ones stay, marked."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("code"), max_length=24, unique=True, default=new_code)
    credential_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Its bit in the revocation list, drawn at random and never given twice.
    status_index = models.PositiveIntegerField(
        _("position in the revocation list"), unique=True, editable=False
    )
    # Certificates issued before positions were random had their key as position; their
    # credentials issued then still point at it, so a revocation sets that bit too.
    legacy_status_index = models.PositiveIntegerField(
        null=True, blank=True, unique=True, editable=False
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(
        _("PDF"), upload_to=certificate_path, storage=private_storage, blank=True, max_length=255
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revocation_reason = models.TextField(_("reason for the revocation"), blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-pk"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_valid_certificate_per_enrolment",
            ),
            models.CheckConstraint(
                condition=models.Q(revoked_at__isnull=True) | ~models.Q(revocation_reason=""),
                name="revocation_has_reason",
            ),
        ]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        if self._state.adding:
            self.require_course_ended()
            if self.status_index is None:
                self.status_index = free_status_index()
        super().save(*args, **kwargs)

    @property
    def is_revoked(self):
        return self.revoked_at is not None

    @property
    def issued_on(self):
        """The day of issue in Efus's zone (Brussels), as every page, PDF and email shows it."""
        return local_day(self.issued_at)

    @property
    def revoked_on(self):
        return local_day(self.revoked_at) if self.revoked_at else None

    def require_course_ended(self):
        """No certificate exists, nor is dated, before its cohort's last session has ended."""
        # The cohort and its sessions as they are now in the database, not as a caller's
        # copy remembers them.
        cohort = Cohort.objects.with_sessions().get(pk=self.enrolment.cohort_id)
        require_course_ended(cohort, at=self.issued_at)


class CalendarKey(models.Model):
    """The version of a participant's private calendar address: a new address raises it, and
    every address signed with an older version stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_key"
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("private calendar address")
        verbose_name_plural = _("private calendar addresses")

    def __str__(self):
        return f"{self.user} (v{self.version})"

    @classmethod
    def version_for(cls, user_id):
        return cls.objects.filter(user_id=user_id).values_list("version", flat=True).first() or 1

    @classmethod
    def renew(cls, user):
        """Make the user's current calendar address stop working; return the new version."""
        key, _created = cls.objects.get_or_create(user=user)
        cls.objects.filter(pk=key.pk).update(version=models.F("version") + 1)
        key.refresh_from_db()
        return key.version


class SessionReminder(models.Model):
    """A reminder queued for one participant before one date of one session: the key makes
    each reminder go once, and a moved session's new date gets reminders of its own."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reminders")
    session = models.ForeignKey("programme.Session", on_delete=models.CASCADE, related_name="+")
    days_before = models.PositiveSmallIntegerField(_("days before"))
    starts_at = models.DateTimeField(_("session start reminded of"))
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now)

    class Meta:
        verbose_name = _("session reminder")
        verbose_name_plural = _("session reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session", "days_before", "starts_at"],
                name="one_reminder_per_session_date",
            )
        ]
