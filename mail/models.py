"""The outbox: every email the site has to send, until it is sent, and after that for staff.

A row is written in the same transaction as the record it is about, so nothing is saved
without its emails. Its key makes sending idempotent: only the worker that claims a row sends
it, and the key is the message's Message-ID, so a send repeated after a crash is recognisable.
An email that fails for good stays here as "undelivered", visible to staff, who can send it
again.
"""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Undelivered")


class OutgoingEmailQuerySet(models.QuerySet):
    def undelivered(self):
        return self.filter(status=EmailStatus.FAILED)

    def waiting(self):
        return self.filter(status__in=[EmailStatus.QUEUED, EmailStatus.SENDING])


class OutgoingEmail(models.Model):
    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind of email"), max_length=80, db_index=True)
    record_id = models.BigIntegerField(_("record"))
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # Only the kind of error, never the mail server's words (they quote addresses).
    last_error = models.CharField(_("last error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("queued at"), default=timezone.now, db_index=True)
    claimed_at = models.DateTimeField(_("last attempt at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("email")
        verbose_name_plural = _("emails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.kind} #{self.record_id}"


class ErrorReport(models.Model):
    """A server error reported to the site's admins: one email per kind of error per hour.

    The first occurrence in an hour is written here and its email queued in the outbox; the
    next ones of the same signature only count, so a failing page polled by a load balancer
    or a scanner does not flood the admins' inboxes.
    """

    signature = models.CharField(_("signature"), max_length=64, db_index=True)
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("report"))
    first_seen = models.DateTimeField(_("first seen"), default=timezone.now, db_index=True)
    occurrences = models.PositiveIntegerField(_("occurrences"), default=1)

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-first_seen"]

    def __str__(self):
        return self.subject
