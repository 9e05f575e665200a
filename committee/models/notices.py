"""What the committee's members are told, and how often each wants to hear."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NoticeFrequency(models.TextChoices):
    EACH = "each", _("An email for each new note, document or web conference")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No email")


class NoticePreference(models.Model):
    """A member's choice; a member without one gets the weekly digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="committee_notices"
    )
    frequency = models.CharField(
        _("how often"),
        max_length=10,
        choices=NoticeFrequency.choices,
        default=NoticeFrequency.WEEKLY,
    )
    # Notes in these languages too, besides those of the member's own language.
    languages = models.JSONField(_("other languages"), default=list, blank=True)
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("committee email preference")
        verbose_name_plural = _("committee email preferences")

    def __str__(self):
        return f"{self.user} – {self.get_frequency_display()}"


class NoticeKind(models.TextChoices):
    NOTE = "note", _("Note")
    DOCUMENT = "document", _("Library document")
    CONFERENCE = "conference", _("Web conference")


class Notice(models.Model):
    """One piece of news for the committee: a note published, a document added to the library,
    a web conference announced or moved (`version`: its SEQUENCE). Each is announced once."""

    kind = models.CharField(_("kind"), max_length=12, choices=NoticeKind.choices)
    object_id = models.PositiveBigIntegerField(_("record"))
    version = models.PositiveIntegerField(_("version"), default=0)
    # A note's language; empty for news that concerns every language.
    language = models.CharField(_("language"), max_length=5, blank=True)
    created_at = models.DateTimeField(_("announced at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("committee notice")
        verbose_name_plural = _("committee notices")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id", "version"], name="one_notice_per_change"
            )
        ]

    def __str__(self):
        return f"{self.kind} #{self.object_id}"
