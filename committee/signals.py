"""Signal wiring of the committee: page privacy kept the same in every language, and each new
notes section opened to committee members."""

from django.db.models.signals import m2m_changed, post_save
from django.dispatch import receiver
from wagtail.models import PageViewRestriction

from committee import privacy
from committee.models import CommitteeNoteIndexPage
from committee.permissions import grant_committee_section

post_save.connect(privacy.on_restriction_saved, sender=PageViewRestriction)
m2m_changed.connect(
    privacy.on_restriction_groups_changed, sender=PageViewRestriction.groups.through
)


@receiver(post_save, sender=CommitteeNoteIndexPage, dispatch_uid="committee.open_notes_section")
def open_new_notes_section(sender, instance, created, **kwargs):
    if created:
        grant_committee_section(instance)
