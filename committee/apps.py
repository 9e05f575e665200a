from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "committee"
    verbose_name = _("Steering committee")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import m2m_changed, post_save
        from wagtail.models import PageViewRestriction

        from committee import privacy
        from committee.models import CommitteeNoteIndexPage
        from home.groups import grant_committee_section

        post_save.connect(privacy.on_restriction_saved, sender=PageViewRestriction)
        m2m_changed.connect(
            privacy.on_restriction_groups_changed, sender=PageViewRestriction.groups.through
        )

        def open_new_notes_section(sender, instance, created, **kwargs):
            if created:
                grant_committee_section(instance)

        post_save.connect(open_new_notes_section, sender=CommitteeNoteIndexPage, weak=False)
