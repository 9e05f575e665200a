"""The page where cities apply; its routes are the application process's public views.

The page sits on top of its app: it imports the views, and nothing in the views imports it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from applications import views
from home.blocks import BaseStreamBlock


class ApplicationPage(RoutablePageMixin, Page):
    """The page where cities apply: the form for the cohorts whose window is open."""

    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("introduction"))

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("application page")

    @path("")
    def application_form(self, request):
        return views.application_form(self, request)

    @path("received/", name="received")
    def received(self, request):
        return views.application_received(self, request, request.GET.get("receipt", ""))

    @path("alerts/", name="request_alert")
    def request_alert(self, request):
        return views.request_opening_alert(self, request)

    @path("alerts/confirm/", name="confirm_alert")
    def confirm_alert(self, request):
        return views.confirm_opening_alert(self, request)

    @path("status/", name="status")
    def status(self, request):
        return views.application_status(self, request)
