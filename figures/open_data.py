"""Open data: the cohorts, their sessions and the events, and the published figures, as JSON and
CSV in each language, described field by field once here (the description page, the CSV header,
the JSON and the DCAT-AP catalogue all read DATASETS), under CC BY 4.0 unless the programme's
contact settings name another licence."""

import csv
import io
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from figures.counts import flat_rows, public_figures
from home.site_cache import contact_for
from programme.models import Cohort, Event
from programme.models.events import attach_topics
from web.links import absolute_url

FORMATS = {"json": "application/json", "csv": "text/csv"}
IANA = "https://www.iana.org/assignments/media-types/"


@dataclass(frozen=True)
class Licence:
    name: str
    url: str

    @property
    def link_header(self):
        """The licence as an HTTP Link (RFC 8288's registered "license" relation)."""
        return f'<{self.url}>; rel="license"'


DEFAULT_LICENCE = Licence("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")


def licence_for(site):
    """The licence the contact settings of `site` name, or CC BY 4.0 when they name none."""
    contact = contact_for(site) if site else None
    if contact is not None and contact.open_data_licence_url:
        return Licence(contact.open_data_licence_name, contact.open_data_licence_url)
    return DEFAULT_LICENCE


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # JSON type as the description states it
    description: str


@dataclass(frozen=True)
class Dataset:
    key: str
    title: str
    description: str
    fields: tuple
    formats: tuple = ("json", "csv")


def _moment(session_or_event, moment):
    return session_or_event.local(moment).isoformat() if moment else None


def cohort_records():
    return [
        {
            "id": cohort.slug,
            "country": cohort.country,
            "country_name": str(cohort.get_country_display()),
            "delivery_languages": ",".join(cohort.delivery_languages),
            "year": cohort.year,
            "period": cohort.period_label,
            "planned_start": cohort.planned_start.isoformat(),
            "planned_end": cohort.planned_end.isoformat(),
            "status": cohort.status.value,
            "status_label": str(cohort.status.label),
            "seats": cohort.seats,
            "applications_open_on": _day(cohort.applications_open_on),
            "applications_close_on": _day(cohort.applications_close_on),
            "time_zone": str(cohort.zone),
            "calendar_url": absolute_url(cohort.get_calendar_url()),
        }
        for cohort in Cohort.objects.with_sessions()
    ]


def _day(day):
    return day.isoformat() if day else None


def session_records():
    records = []
    for cohort in Cohort.objects.with_sessions():
        for session in cohort.ordered_sessions:
            shown = session.shows_date
            records.append(
                {
                    "cohort": cohort.slug,
                    "position": session.position,
                    "kind": session.kind,
                    "title": session.title,
                    "state": session.state.value,
                    "state_label": str(session.state.label),
                    "starts_at": _moment(session, session.starts_at) if shown else None,
                    "ends_at": _moment(session, session.ends_at) if shown else None,
                    "time_zone": str(cohort.zone),
                    "place": session.venue if session.kind == "in_person" else "online",
                }
            )
    return records


def event_records():
    return [
        {
            "kind": event.kind,
            "kind_label": str(event.get_kind_display()),
            "title": event.display_title,
            "confirmed": event.is_confirmed,
            "starts_at": event.local_start.isoformat(),
            "ends_at": event.local_end.isoformat(),
            "time_zone": event.time_zone,
        }
        for event in attach_topics(Event.objects.select_related("topic"))
    ]


def figure_records():
    return [
        {"figure": key, "row": row, "column": column, "value": value}
        for key, row, column, value in flat_rows(public_figures())
    ]


DATE_TIME = _("date and time (ISO 8601 with the offset of the local time), empty until confirmed")
DATASETS = {
    "cohorts": Dataset(
        "cohorts",
        _("Cohorts"),
        _("The programme's training cohorts: country, languages, period, status and seats."),
        (
            Field("id", "string", _("Stable identifier of the cohort")),
            Field("country", "string", _("Country (ISO 3166-1 alpha-2 code)")),
            Field("country_name", "string", _("Country, in the language of the file")),
            Field(
                "delivery_languages",
                "string",
                _("Languages of the sessions (ISO 639-1 codes, comma-separated)"),
            ),
            Field("year", "integer", _("Year")),
            Field("period", "string", _("Planned period, in the language of the file")),
            Field("planned_start", "date", _("First day of the planned period")),
            Field("planned_end", "date", _("Last day of the planned period")),
            Field(
                "status",
                "string",
                _(
                    "Status: planned, applications_open, applications_closed, "
                    "in_progress, completed, postponed or cancelled"
                ),
            ),
            Field("status_label", "string", _("Status, in the language of the file")),
            Field("seats", "integer", _("Seats for participants")),
            Field("applications_open_on", "date", _("Day applications open (empty if not set)")),
            Field("applications_close_on", "date", _("Day applications close (empty if not set)")),
            Field("time_zone", "string", _("Time zone of the sessions (IANA name)")),
            Field("calendar_url", "string", _("Address of the cohort's calendar (iCalendar)")),
        ),
    ),
    "sessions": Dataset(
        "sessions",
        _("Sessions"),
        _("The sessions of each cohort, with their confirmed dates, state, time zone and place."),
        (
            Field("cohort", "string", _("Identifier of the cohort (see the cohorts)")),
            Field("position", "integer", _("Order of the session in its cohort")),
            Field("kind", "string", _("Kind: online or in_person")),
            Field("title", "string", _("Title, in the language of the file")),
            Field(
                "state",
                "string",
                _("State of the date: tbc (to be confirmed), confirmed, moved or cancelled"),
            ),
            Field("state_label", "string", _("State of the date, in the language of the file")),
            Field("starts_at", "datetime", _("Start: %(what)s") % {"what": DATE_TIME}),
            Field("ends_at", "datetime", _("End: %(what)s") % {"what": DATE_TIME}),
            Field("time_zone", "string", _("Time zone of the session (IANA name)")),
            Field("place", "string", _("Venue of the in-person session, or “online”")),
        ),
    ),
    "events": Dataset(
        "events",
        _("Events"),
        _("The steering committee's web conferences and the final conference."),
        (
            Field("kind", "string", _("Kind: web_conference or final_conference")),
            Field("kind_label", "string", _("Kind, in the language of the file")),
            Field("title", "string", _("Title, in the language of the file")),
            Field("confirmed", "boolean", _("Whether the date is confirmed")),
            Field("starts_at", "datetime", _("Start (ISO 8601 with the offset of the local time)")),
            Field("ends_at", "datetime", _("End (ISO 8601 with the offset of the local time)")),
            Field("time_zone", "string", _("Time zone of the event (IANA name)")),
        ),
    ),
    "figures": Dataset(
        "figures",
        _("The programme in figures"),
        _(
            "The aggregated figures of the programme in figures page, "
            "with the small-number rule: “<5” stands for fewer than 5 "
            "people, an empty value for an average of fewer than 5 "
            "answers."
        ),
        (
            Field(
                "figure", "string", _("Identifier of the figure (progress, by_country, by_cohort…)")
            ),
            Field("row", "string", _("Row of the figure, in the language of the file")),
            Field("column", "string", _("Column of the figure, in the language of the file")),
            Field("value", "string", _("The number, “<5” or empty")),
        ),
        formats=("csv",),
    ),
}
RECORDS = {
    "cohorts": cohort_records,
    "sessions": session_records,
    "events": event_records,
    "figures": figure_records,
}


def records(key):
    return RECORDS[key]()


def as_json(dataset, language, licence):
    return {
        "dataset": dataset.key,
        "language": language,
        "licence": licence.url,
        "licence_name": licence.name,
        "description": absolute_url(reverse("figures:open_data")),
        "generated_at": timezone.localtime().replace(microsecond=0).isoformat(),
        "records": records(dataset.key),
    }


def as_csv(dataset):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[field.name for field in dataset.fields])
    writer.writeheader()
    for record in records(dataset.key):
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return out.getvalue()


def download_url(dataset, extension, language):
    with translation.override(language):
        return absolute_url(
            reverse("figures:open_data_file", kwargs={"name": dataset.key, "extension": extension})
        )


def dcat_catalogue(languages, licence):
    """The datasets as a DCAT-AP catalogue (JSON-LD): one distribution per format and language."""
    publisher = {
        "@type": "foaf:Organization",
        "foaf:name": "European Forum for Urban Security (Efus)",
        "foaf:homepage": {"@id": "https://efus.eu/"},
    }
    return {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
        },
        "@id": absolute_url(reverse("figures:dcat")),
        "@type": "dcat:Catalog",
        "dct:title": str(_("AI for Cities open data")),
        "dct:description": str(
            _("The cohorts, sessions and events of the AI for Cities programme, and its figures.")
        ),
        "dct:publisher": publisher,
        "dct:license": {"@id": licence.url},
        "dcat:dataset": [
            {
                "@id": absolute_url(reverse("figures:open_data")) + f"#{dataset.key}",
                "@type": "dcat:Dataset",
                "dct:title": str(dataset.title),
                "dct:description": str(dataset.description),
                "dct:publisher": publisher,
                "dcat:landingPage": {"@id": absolute_url(reverse("figures:open_data"))},
                "dcat:distribution": [
                    {
                        "@type": "dcat:Distribution",
                        "dct:title": f"{dataset.key}.{extension} ({language})",
                        "dcat:accessURL": {"@id": download_url(dataset, extension, language)},
                        "dcat:downloadURL": {"@id": download_url(dataset, extension, language)},
                        "dcat:mediaType": {"@id": IANA + FORMATS[extension]},
                        "dct:format": extension.upper(),
                        "dct:language": language,
                        "dct:license": {"@id": licence.url},
                    }
                    for extension in dataset.formats
                    for language in languages
                ],
            }
            for dataset in DATASETS.values()
        ],
    }
