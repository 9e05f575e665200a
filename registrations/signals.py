"""When an event is saved: registrants' calendars follow a moved date (a REQUEST with the new
SEQUENCE), and a recording published after the event goes to its registrants."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from programme.models import Event
from registrations.places import queue_date_updates, queue_recording


@receiver(post_save, sender=Event, dispatch_uid="registrations_follow_the_event")
def event_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    registration = getattr(instance, "registration", None)
    if registration is None:
        return
    with transaction.atomic():
        queue_date_updates(instance)
        registration.event = instance
        queue_recording(registration)
