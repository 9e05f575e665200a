"""Staff's screen for the outbox (the emails still waiting or undelivered, and "send again"),
and the public one-click unsubscribe."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.viewsets.base import ViewSet

from mail.models import EmailStatus, OutgoingEmail
from mail.outbox import VIEW_OUTBOX_PERMISSION
from mail.tasks import send_again
from mail.unsubscribe import read_token, unsubscribe
from web.cache_headers import mark_private

RESEND_PERMISSION = "mail.change_outgoingemail"


class SendAgainColumn(Column):
    cell_template_name = "mail/send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        context["can_send_again"] = instance.status == EmailStatus.FAILED and request.user.has_perm(
            RESEND_PERMISSION
        )
        # Wagtail renders a cell's template without the request, so no context processor adds
        # the token its form needs.
        context["csrf_token"] = get_token(request)
        return context


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=gettext_lazy("Status"), choices=EmailStatus.choices, empty_label=None
    )

    class Meta:
        model = OutgoingEmail
        fields = ["status"]


class UndeliveredEmailsView(ReportView):
    """Emails not (yet) sent: undelivered first by default, with the error's kind."""

    page_title = gettext_lazy("Emails not sent")
    header_icon = "mail"
    index_url_name = "outbox:index"
    index_results_url_name = "outbox:results"
    filterset_class = OutboxFilterSet
    list_export = ["kind", "record_id", "status", "attempts", "last_error", "created_at"]
    columns = [
        Column("kind", label=gettext_lazy("Kind of email")),
        Column("record_id", label=gettext_lazy("Record")),
        Column("get_status_display", label=gettext_lazy("Status")),
        Column("attempts", label=gettext_lazy("Attempts")),
        Column("last_error", label=gettext_lazy("Last error")),
        DateColumn("created_at", label=gettext_lazy("Queued at")),
        SendAgainColumn("send_again", label=gettext_lazy("Action")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(VIEW_OUTBOX_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if not kwargs["data"] or "status" not in kwargs["data"]:
            kwargs["data"] = {"status": EmailStatus.FAILED}
        return kwargs

    def get_queryset(self):
        return OutgoingEmail.objects.exclude(status=EmailStatus.SENT).order_by("-created_at")


@require_POST
def send_again_view(request, pk):
    if not request.user.has_perm(RESEND_PERMISSION):
        raise PermissionDenied
    email = get_object_or_404(OutgoingEmail, pk=pk, status=EmailStatus.FAILED)
    send_again(email)
    messages.success(request, _("The email will be sent again in a moment."))
    return redirect("outbox:index")


@csrf_exempt  # RFC 8058: the mail client POSTs without a form; the signed token is the key.
def unsubscribe_view(request, token):
    """One-click unsubscribe: a POST (the mail client's, or the page's button) unsubscribes; a
    GET only shows the button. Works without signing in; a bad token gets a 404."""
    found = read_token(token)
    if found is None:
        raise Http404
    done = request.method == "POST"
    if done:
        unsubscribe(*found)
    response = TemplateResponse(request, "mail/unsubscribe.html", {"done": done})
    return mark_private(response)


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_OUTBOX_PERMISSION)


class OutboxViewSet(ViewSet):
    """Reports › Emails not sent, under /admin/emails/."""

    name = "outbox"
    url_prefix = "emails"
    icon = "mail"
    menu_label = gettext_lazy("Emails not sent")
    menu_name = "outbox"
    menu_order = 1000
    menu_hook = "register_reports_menu_item"
    menu_item_class = OutboxMenuItem

    def get_urlpatterns(self):
        return [
            path("", UndeliveredEmailsView.as_view(), name="index"),
            path("results/", UndeliveredEmailsView.as_view(results_only=True), name="results"),
            path("<int:pk>/send-again/", send_again_view, name="send_again"),
        ]
