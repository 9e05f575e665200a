"""Programme events: the steering committee's web conferences and the final online conference."""

import zoneinfo

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, TranslatableMixin
from wagtail.search import index

from programme.facts import TIME_ZONES


class EventTopic(TranslatableMixin, index.Indexed, models.Model):
    """The translated words of an event: its title and what it is about."""

    title = models.CharField(_("title"), max_length=200)
    summary = RichTextField(_("summary"), blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("title"), FieldPanel("summary")]
    search_fields = [
        index.SearchField("title"),
        index.SearchField("summary"),
        index.FilterField("locale_id"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("event topic")
        verbose_name_plural = _("event topics")

    def __str__(self):
        return self.title


class EventKind(models.TextChoices):
    WEB_CONFERENCE = "web_conference", _("Steering committee web conference")
    FINAL_CONFERENCE = "final_conference", _("Final online conference")


class EventQuerySet(models.QuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    """When an event happens: a fact stored once; its words come from a translated topic."""

    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    topic = models.ForeignKey(
        EventTopic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Title and summary, translated with the other snippets."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    time_zone = models.CharField(
        _("time zone"), max_length=40, choices=TIME_ZONES, default="Europe/Brussels"
    )
    is_confirmed = models.BooleanField(_("date confirmed"), default=True)
    join_url = models.URLField(_("join link"), blank=True)
    recording_url = models.URLField(_("recording link"), blank=True)
    sequence = models.PositiveIntegerField(default=0, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        if self.pk:
            before = Event.objects.filter(pk=self.pk).values("starts_at", "ends_at").first()
            if before and (before["starts_at"], before["ends_at"]) != (
                self.starts_at,
                self.ends_at,
            ):
                self.sequence += 1
        super().save(*args, **kwargs)

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def uid(self):
        return f"event-{self.pk}@aiforcities.eu"

    def localized_topic(self, topics_by_key):
        if self.topic_id is None:
            return None
        return topics_by_key.get(self.topic.translation_key, self.topic)

    @property
    def is_past(self):
        return self.ends_at < timezone.now()


def attach_topics(events):
    """Give each event `display_title` and `display_summary` in the active language (2 queries)."""
    events = list(events)
    keys = {event.topic.translation_key for event in events if event.topic_id}
    localized = {}
    if keys:
        locale = Locale.get_active()
        for topic in EventTopic.objects.filter(translation_key__in=keys, locale=locale):
            localized[topic.translation_key] = topic
    for event in events:
        topic = event.localized_topic(localized)
        event.display_title = topic.title if topic else event.get_kind_display()
        event.display_summary = topic.summary if topic else ""
    return events


# Apps that let the public register for events (registrations) register a function (events)
# that sets `registration_url`, a path in the active language, on those open for registration.
EVENT_REGISTRATION_HOOK = "programme_event_registration"


def attach_registration_links(events):
    """Each event's `registration_url` ("" when nobody registers for it on the site)."""
    events = list(events)
    for event in events:
        event.registration_url = ""
    for attach in hooks.get_hooks(EVENT_REGISTRATION_HOOK):
        attach(events)
    return events


def events_calendar_url():
    return reverse("programme:all_calendar")
