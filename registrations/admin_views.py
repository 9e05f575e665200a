"""Editors' screens: each event's registration settings (a model view set), and per event its
registrants with counts by country and kind of organisation, filters, exports, and attendance
(ticked, or imported from the web conference tool's attendee list)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views.generic import CreateView, EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from registrations import attendance, exports
from registrations.data_protection import anonymise
from registrations.models import (
    REGISTRANT_COUNTRIES,
    EventRegistration,
    OrganisationKind,
    Registrant,
    RegistrantStatus,
)
from registrations.places import settings_changed

VIEW_REGISTRANTS = "registrations.view_registrant"
CHANGE_REGISTRANTS = "registrations.change_registrant"


def require(user, permission):
    if not user.has_perm(permission):
        raise PermissionDenied


class RegistrantFilters(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All"))] + RegistrantStatus.choices,
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country"),
        required=False,
        choices=[("", gettext_lazy("All")), *REGISTRANT_COUNTRIES],
    )
    organisation_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of organisation"),
        required=False,
        choices=[("", gettext_lazy("All"))] + OrganisationKind.choices,
    )
    attended = forms.ChoiceField(
        label=gettext_lazy("Attended"),
        required=False,
        choices=[
            ("", gettext_lazy("All")),
            ("yes", gettext_lazy("yes")),
            ("no", gettext_lazy("no")),
        ],
    )

    def apply(self, registrants):
        if not self.is_valid():
            return registrants
        data = self.cleaned_data
        for name in ("status", "country", "organisation_kind"):
            if data.get(name):
                registrants = registrants.filter(**{name: data[name]})
        if data.get("attended"):
            registrants = registrants.filter(attended=data["attended"] == "yes")
        return registrants


class AttendeeListForm(forms.Form):
    attendee_list = forms.FileField(
        label=gettext_lazy("Attendee list (CSV)"),
        help_text=gettext_lazy(
            "The web conference tool's export: a CSV file with a column whose name contains "
            "“mail”. Registrants are matched on their email address."
        ),
    )


def counts_by(registrants, field, choices):
    labels = dict(choices)
    rows = (
        registrants.exclude(status=RegistrantStatus.CANCELLED)
        .values(field)
        .annotate(count=Count("pk"))
        .order_by("-count", field)
    )
    return [(labels.get(row[field], row[field]), row["count"]) for row in rows]


class RegistrantsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "registrations/admin/registrants.html"
    header_icon = "group"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        require(request.user, VIEW_REGISTRANTS)
        self.registration = get_object_or_404(
            EventRegistration.objects.select_related("event__topic"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Registrants: %(event)s") % {"event": self.event_title()}

    def event_title(self):
        event = self.registration.event
        return event.topic.title if event.topic_id else str(event)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.viewset.get_url_name("index")), "label": _("Event registrations")},
            {"url": "", "label": self.get_page_title()},
        ]

    def url(self):
        return reverse(self.viewset.get_url_name("registrants"), args=[self.registration.pk])

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("export")
        if export_format in exports.FORMATS:
            filters = RegistrantFilters(request.GET)
            registrants = filters.apply(self.registration.registrants.all())
            name = f"registrants-{self.registration.event.starts_at:%Y-%m-%d}"
            return exports.response(registrants, export_format, name)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        registration = self.registration
        everyone = registration.registrants.all()
        filters = RegistrantFilters(self.request.GET)
        shown = filters.apply(everyone)
        totals = everyone.aggregate(
            confirmed=Count("pk", filter=Q(status=RegistrantStatus.CONFIRMED)),
            waiting=Count("pk", filter=Q(status=RegistrantStatus.WAITING)),
            cancelled=Count("pk", filter=Q(status=RegistrantStatus.CANCELLED)),
            attended=Count("pk", filter=Q(attended=True)),
        )
        query = self.request.GET.copy()
        query.pop("export", None)
        return super().get_context_data(
            registration=registration,
            registrants=shown,
            filters=filters,
            totals=totals,
            by_country=counts_by(everyone, "country", REGISTRANT_COUNTRIES),
            by_kind=counts_by(everyone, "organisation_kind", OrganisationKind.choices),
            export_query=query.urlencode(),
            event_is_over=registration.event.ends_at <= timezone.now(),
            can_record=self.request.user.has_perm(CHANGE_REGISTRANTS),
            import_form=kwargs.pop("import_form", None) or AttendeeListForm(),
            public_url=reverse("registrations:register", args=[registration.event_id]),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        require(request.user, CHANGE_REGISTRANTS)
        if self.registration.event.starts_at > timezone.now():
            messages.error(request, _("Attendance can be recorded once the event has started."))
            return redirect(self.url())
        if "import" in request.POST:
            return self.import_list(request)
        ids = [value for value in request.POST.getlist("attended") if value.isdigit()]
        attendance.record_ticks(self.registration, [int(value) for value in ids])
        messages.success(request, _("Attendance saved."))
        return redirect(self.url())

    def import_list(self, request):
        form = AttendeeListForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(import_form=form))
        upload = form.cleaned_data["attendee_list"]
        try:
            result = attendance.import_attendees(
                self.registration, upload.read(attendance.MAX_IMPORT_BYTES + 1)
            )
        except attendance.UnreadableAttendeeList:
            form.add_error(
                "attendee_list",
                _("This file cannot be read as a CSV attendee list with an email column."),
            )
            return self.render_to_response(self.get_context_data(import_form=form))
        messages.success(
            request,
            ngettext(
                "%(count)s registrant marked as attended.",
                "%(count)s registrants marked as attended.",
                result.matched,
            )
            % {"count": result.matched},
        )
        if result.unmatched:
            messages.warning(
                request,
                ngettext(
                    "%(count)s row matched no registrant: %(rows)s",
                    "%(count)s rows matched no registrant: %(rows)s",
                    len(result.unmatched),
                )
                % {"count": len(result.unmatched), "rows": ", ".join(result.unmatched[:20])},
            )
        return redirect(self.url())


class EraseRegistrantView(WagtailAdminTemplateMixin, TemplateView):
    """Erasure on request, from the registrants' screen: asked first, done by POST."""

    template_name = "registrations/admin/erase.html"
    header_icon = "bin"
    viewset = None

    def dispatch(self, request, *args, **kwargs):
        require(request.user, CHANGE_REGISTRANTS)
        self.registrant = get_object_or_404(
            Registrant.objects.not_erased().select_related("registration__event"),
            pk=kwargs["registrant_id"],
            registration_id=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Erase the personal data of %(name)s") % {"name": self.registrant.name}

    def back_url(self):
        return reverse(self.viewset.get_url_name("registrants"), args=[self.kwargs["pk"]])

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            registrant=self.registrant, back_url=self.back_url(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        anonymise(Registrant.objects.filter(pk=self.registrant.pk))
        messages.success(request, _("The registrant's personal data is erased."))
        return redirect(self.back_url())


class RegistrantsColumn(Column):
    """The number with a place, and the link to the registrants' screen."""

    cell_template_name = "registrations/admin/registrants_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["url"] = reverse("event_registrations:registrants", args=[instance.pk])
        context["confirmed"] = instance.confirmed_count
        context["waiting"] = instance.waiting_count
        return context


class WaitingListMovesUp:
    """After the settings are saved: more places let the waiting list move up."""

    def save_instance(self):
        instance = super().save_instance()
        promoted = settings_changed(instance)
        if promoted:
            messages.success(
                self.request,
                ngettext(
                    "%(count)s registrant moved up from the waiting list and was told by email.",
                    "%(count)s registrants moved up from the waiting list and were told by email.",
                    len(promoted),
                )
                % {"count": len(promoted)},
            )
        return instance


class RegistrationIndexView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("event")
            .annotate(
                confirmed_count=Count("registrants", filter=Q(registrants__status="confirmed")),
                waiting_count=Count("registrants", filter=Q(registrants__status="waiting")),
            )
        )


class RegistrationCreateView(WaitingListMovesUp, CreateView):
    pass


class RegistrationEditView(WaitingListMovesUp, EditView):
    pass


class EventRegistrationViewSet(ModelViewSet):
    model = EventRegistration
    icon = "group"
    menu_label = gettext_lazy("Event registrations")
    menu_order = 215
    add_to_admin_menu = True
    name = "event_registrations"
    panels = [
        FieldPanel("event"),
        FieldPanel("is_open"),
        FieldPanel("capacity"),
        FieldPanel("closes_at"),
    ]
    list_filter = ["is_open"]
    index_view_class = RegistrationIndexView
    add_view_class = RegistrationCreateView
    edit_view_class = RegistrationEditView

    @property
    def list_display(self):
        return [
            Column("event", label=_("event"), accessor="__str__"),
            BooleanColumn("is_open", label=_("open to the public")),
            Column("capacity", label=_("places")),
            RegistrantsColumn("registrant_counts", label=_("Registrants"), accessor="pk"),
        ]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "<int:pk>/registrants/",
                RegistrantsView.as_view(viewset=self),
                name="registrants",
            ),
            path(
                "<int:pk>/registrants/<int:registrant_id>/erase/",
                EraseRegistrantView.as_view(viewset=self),
                name="erase_registrant",
            ),
        ]
