"""The selection statistics of a cohort: who was proposed and who was accepted, by gender,
position, service and size of authority; which authorities applied and were accepted, by kind
and by Efus membership; and applications by country and status."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy

from applications.records import (
    LEFT_STATUSES,
    Application,
    ApplicationStatus,
    AuthorityKind,
    EfusMembership,
    Gender,
    Position,
    ProposedParticipant,
    ServiceKind,
)

POPULATION_BANDS = [
    (20_000, gettext_lazy("Under 20,000")),
    (100_000, gettext_lazy("20,000 to 100,000")),
    (500_000, gettext_lazy("100,000 to 500,000")),
    (None, gettext_lazy("Over 500,000")),
]


def population_band(population):
    return next(
        i for i, (limit, _label) in enumerate(POPULATION_BANDS) if not limit or population < limit
    )


def percent(count, total):
    return round(100 * count / total, 1) if total else 0


@dataclass
class Share:
    label: str
    proposed: int
    proposed_total: int
    accepted: int
    accepted_total: int

    @property
    def proposed_percent(self):
        return percent(self.proposed, self.proposed_total)

    @property
    def accepted_percent(self):
        return percent(self.accepted, self.accepted_total)


# Each make-up: its title, the categories shown, and how a participant row is sorted into them.
MAKE_UP = [
    (
        gettext_lazy("Gender"),
        [*Gender.choices, ("", gettext_lazy("Not given"))],
        lambda row: row["gender"],
    ),
    (gettext_lazy("Position"), Position.choices, lambda row: row["position"]),
    (
        gettext_lazy("Applying service"),
        ServiceKind.choices,
        lambda row: row["application__service"],
    ),
    (
        gettext_lazy("Population of the authority"),
        [(i, label) for i, (_limit, label) in enumerate(POPULATION_BANDS)],
        lambda row: population_band(row["application__population"]),
    ),
]


# The same for the authorities themselves: one count per application.
AUTHORITY_MAKE_UP = [
    (gettext_lazy("Kind of authority"), AuthorityKind.choices, lambda row: row["authority_kind"]),
    (gettext_lazy("Member of Efus"), EfusMembership.choices, lambda row: row["efus_member"]),
]


def _tables(proposed, accepted, make_up_spec):
    tables = []
    for title, categories, category_of in make_up_spec:
        proposed_counts = Counter(map(category_of, proposed))
        accepted_counts = Counter(map(category_of, accepted))
        shares = [
            Share(label, proposed_counts[key], len(proposed), accepted_counts[key], len(accepted))
            for key, label in categories
        ]
        tables.append({"title": title, "shares": shares})
    return {"tables": tables, "proposed": len(proposed), "accepted": len(accepted)}


def make_up(cohort):
    """Proposed participants (every application not withdrawn nor erased while it waited)
    against the accepted ones."""
    proposed = list(
        ProposedParticipant.objects.filter(application__cohort=cohort)
        .exclude(application__status__in=LEFT_STATUSES)
        .values("gender", "position", "application__service", "application__population",
                "application__status")
    )  # fmt: skip
    accepted = [row for row in proposed if row["application__status"] == ApplicationStatus.ACCEPTED]
    return _tables(proposed, accepted, MAKE_UP)


def authorities(cohort):
    """Authorities that applied (every application not withdrawn nor erased while it waited)
    against the accepted ones."""
    applied = list(
        Application.objects.filter(cohort=cohort)
        .exclude(status__in=LEFT_STATUSES)
        .values("authority_kind", "efus_member", "status")
    )
    accepted = [row for row in applied if row["status"] == ApplicationStatus.ACCEPTED]
    return _tables(applied, accepted, AUTHORITY_MAKE_UP)


def by_country_and_status(cohort):
    order = list(ApplicationStatus.values)
    rows = (
        Application.objects.filter(cohort=cohort)
        .values("country", "status")
        .annotate(applications=Count("pk", distinct=True), participants=Count("participants"))
        .order_by()
    )
    countries = dict(Application._meta.get_field("country").choices)
    rows = sorted(rows, key=lambda row: (row["country"], order.index(row["status"])))
    for row in rows:
        row["country_label"] = countries.get(row["country"], row["country"])
        row["status_label"] = ApplicationStatus(row["status"]).label
    return rows
