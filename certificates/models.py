"""Participants enrolled in a cohort, their attendance, and the certificates they earn."""

import base64
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from applications.models import Position
from web.storage import private_storage

# 80 random bits written in RFC 4648 base32 (A–Z, 2–7): 16 characters in four groups.
CODE_BYTES = 10
CODE_GROUP = 4


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


class Attendance(models.Model):
    """Whether one participant attended one session, and who recorded it when."""

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


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """A certificate of completion with its public code; revoked ones stay, marked."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="certificates")
    code = models.CharField(_("code"), max_length=24, unique=True, default=new_code)
    credential_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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

    @property
    def is_revoked(self):
        return self.revoked_at is not None


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
