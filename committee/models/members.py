"""The people on the steering committee (a translated snippet)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from programme.facts import COUNTRIES


class CommitteeRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    AI_EXPERT = "ai_expert", _("AI expert")
    CITY_PARTICIPANT = "city_participant", _("City participant")
    EFUS_STAFF = "efus_staff", _("Efus staff")


class CommitteeMember(TranslatableMixin, index.Indexed, models.Model):
    """A person on the steering committee; the role and bio are translated, the name is not."""

    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=CommitteeRole.choices)
    organisation = models.CharField(_("organisation"), max_length=200)
    city = models.CharField(_("city"), max_length=150, blank=True)
    country = models.CharField(_("country"), max_length=2, choices=COUNTRIES, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), max_length=600, blank=True)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_profiles",
        help_text=_("The member's login, so that their notes appear in their space."),
    )
    sort_order = models.PositiveSmallIntegerField(_("order on the committee page"), default=10)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("role"), FieldPanel("sort_order")]),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
        FieldPanel("photo"),
        FieldPanel("bio"),
        FieldPanel("account"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.FilterField("locale_id"),
    ]
    override_translatable_fields = [
        SynchronizedField("name"),
        SynchronizedField("organisation"),
        SynchronizedField("city"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("committee member")
        verbose_name_plural = _("committee members")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name
