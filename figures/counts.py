"""The programme in figures, counted once.

`count_figures()` returns every figure as a table of exact numbers: the funder's report shows
them to staff as they are. `published()` applies the small-number rule for everything public
(the figures page, the open data's CSV, the report's PDF): no count of people from 1 to 4 is
shown. In a make-up (gender, position…) the small categories are merged into "Other" (and the
smallest others with them until the merge counts 5 or more); elsewhere such a count reads
"fewer than 5", and an average of fewer than 5 answers is not shown. The page, the data and the
report read the same tables, so they cannot disagree.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db.models import Avg, Count, Min, Q, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from applications.records import (
    Application,
    ApplicationStatus,
    DeclineReason,
    ProposedParticipant,
)
from applications.selection import AUTHORITY_MAKE_UP, MAKE_UP
from certificates.models import Attendance, Certificate, Enrolment
from figures.models import FeedbackAnswer, OutcomeRating, SelfAssessment
from home.dates import local_day
from programme.facts import COUNTRIES
from programme.models import Cohort, CohortStatus, Event, EventKind, SessionKind

THRESHOLD = 5
FEWER_THAN_5 = "<5"
NOT_SHOWN = None  # an average of too few answers


@dataclass
class Table:
    """One figure: rows of numbers under named columns. `people[i]` says whether column i
    counts people (the small-number rule applies); `average_of[i]` names the column of answers
    an average column rests on."""

    key: str
    title: str
    description: str
    columns: list
    rows: list  # [(label, [value per column])]
    people: list = field(default_factory=list)
    average_of: dict = field(default_factory=dict)
    make_up: bool = False  # categories of one whole: small ones merge into "Other"
    row_heading: str = _("Category")

    def column(self, index):
        return [values[index] for _label, values in self.rows]


def _month(moment):
    return local_day(moment).replace(day=1)


def _months(first, last):
    month = first
    while month <= last:
        yield month
        month = (month + datetime.timedelta(days=32)).replace(day=1)


def count_figures(since=None, until=None):
    """Every figure, exact; facts dated from `since` to `until` (datetimes) when given."""
    until = until or timezone.now()
    cohorts = [c for c in Cohort.objects.with_sessions() if c.status != CohortStatus.CANCELLED]
    enrolments = dict(Enrolment.objects.values_list("pk", "cohort_id"))
    cohort_country = {c.pk: c.country for c in cohorts}

    attended = Attendance.objects.filter(present=True, session__starts_at__lte=until)
    if since:
        attended = attended.filter(session__starts_at__gte=since)
    trained = dict(
        attended.values_list("enrolment_id").annotate(first=Min("session__starts_at")).order_by()
    )
    certificates = Certificate.objects.valid().filter(issued_at__lte=until)
    if since:
        certificates = certificates.filter(issued_at__gte=since)
    certified = dict(certificates.values_list("enrolment_id", "issued_at"))

    trained_by_cohort = Counter(enrolments[pk] for pk in trained)
    certified_by_cohort = Counter(enrolments[pk] for pk in certified)
    enrolled_by_cohort = Counter(enrolments.values())
    held = [
        s
        for c in cohorts
        for s in c.ordered_sessions
        if s.shows_date and not s.is_cancelled and (s.ends_at or s.starts_at) <= until
        and (not since or s.starts_at >= since)
    ]  # fmt: skip
    held_by_cohort = Counter(s.cohort_id for s in held)
    answers = FeedbackAnswer.objects.filter(session__in=[s.pk for s in held])
    feedback = {
        row["session__cohort_id"]: row
        for row in answers.values("session__cohort_id")
        .annotate(answers=Count("pk"), average=Avg("usefulness"))
        .order_by()
    }
    countries = dict(COUNTRIES)

    tables = [
        Table(
            "progress",
            _("Trained and certified against the target"),
            _(
                "Officials and elected representatives who attended at least one session "
                "(trained) and who received their certificate (certified), against the "
                "programme's target."
            ),
            [_("People")],
            [
                (_("Target"), [settings.PROGRAMME_PARTICIPANT_TARGET]),
                (_("Trained"), [len(trained)]),
                (_("Certified"), [len(certified)]),
            ],
            people=[True],
        ),
        Table(
            "by_country",
            _("By country"),
            _("Trained and certified participants by the country of their cohort."),
            [_("Trained"), _("Certified")],
            [
                (
                    countries[code],
                    [
                        sum(
                            n
                            for pk, n in trained_by_cohort.items()
                            if cohort_country.get(pk) == code
                        ),
                        sum(
                            n
                            for pk, n in certified_by_cohort.items()
                            if cohort_country.get(pk) == code
                        ),
                    ],
                )
                for code, _name in COUNTRIES
            ],
            people=[True, True],
            row_heading=_("Country"),
        ),
        Table(
            "by_cohort",
            _("By cohort"),
            _("Participants enrolled, trained and certified, and sessions held, in each cohort."),
            [_("Enrolled"), _("Trained"), _("Certified"), _("Sessions held")],
            [
                (
                    str(c),
                    [
                        enrolled_by_cohort[c.pk],
                        trained_by_cohort[c.pk],
                        certified_by_cohort[c.pk],
                        held_by_cohort[c.pk],
                    ],
                )
                for c in cohorts
            ],
            people=[True, True, True, False],
            row_heading=_("Cohort"),
        ),
        _over_time(trained, certified, until),
        Table(
            "sessions",
            _("Sessions held"),
            _("Training sessions held so far, online and in person."),
            [_("Sessions")],
            [
                (_("Online sessions"), [sum(s.kind == SessionKind.ONLINE for s in held)]),
                (_("In-person sessions"), [sum(s.kind == SessionKind.IN_PERSON for s in held)]),
            ],
            people=[False],
        ),
        *_make_ups(),
        Table(
            "usefulness",
            _("Average usefulness per cohort"),
            _(
                "How useful participants found the sessions, from 1 (not useful) to 5 (very "
                "useful), and how many answered. An average of fewer than 5 answers is not shown."
            ),
            [_("Answers"), _("Average usefulness (1–5)")],
            [
                (
                    str(c),
                    [
                        feedback.get(c.pk, {}).get("answers", 0),
                        round(feedback[c.pk]["average"], 1) if c.pk in feedback else NOT_SHOWN,
                    ],
                )
                for c in cohorts
                if held_by_cohort[c.pk]
            ],
            people=[True, False],
            average_of={1: 0},
            row_heading=_("Cohort"),
        ),
        self_assessment_table([s.pk for s in held]),
    ]
    return {table.key: table for table in tables}


def self_assessment_table(session_ids):
    """Per learning outcome, how many rated it and their average before the training and after
    the in-person session. Versions that word an outcome alike share its row."""
    ratings = (
        OutcomeRating.objects.filter(answer__session__in=session_ids)
        .values("answer__questionnaire_id", "outcome")
        .annotate(answers=Count("pk"), before=Sum("before"), after=Sum("after"))
        .order_by("answer__questionnaire__created_at", "answer__questionnaire_id", "outcome")
    )
    ratings = list(ratings)
    versions = SelfAssessment.objects.prefetch_related("texts").in_bulk(
        {row["answer__questionnaire_id"] for row in ratings}
    )
    language = translation.get_language()
    sums = {}
    for row in ratings:
        outcomes = versions[row["answer__questionnaire_id"]].text_in(language).outcome_list
        number = row["outcome"]
        label = outcomes[number - 1] if number <= len(outcomes) else str(number)
        answers, before, after = sums.get(label, (0, 0, 0))
        sums[label] = (answers + row["answers"], before + row["before"], after + row["after"])
    return Table(
        "self_assessment",
        _("Skills before and after the in-person session"),
        _(
            "How participants rate their skills against each of the programme's learning "
            "outcomes, from 1 (beginner) to 5 (confident), before the training and after the "
            "in-person session, and how many answered. An average of fewer than 5 answers is not "
            "shown."
        ),
        [_("Answers"), _("Before, average (1–5)"), _("After, average (1–5)")],
        [
            (label, [answers, round(before / answers, 1), round(after / answers, 1)])
            for label, (answers, before, after) in sums.items()
        ],
        people=[True, False, False],
        average_of={1: 0, 2: 0},
        row_heading=_("Learning outcome"),
    )


def _over_time(trained, certified, until):
    firsts = [*trained.values(), *certified.values()]
    rows = []
    if firsts:
        trained_months = Counter(_month(moment) for moment in trained.values())
        certified_months = Counter(_month(moment) for moment in certified.values())
        total_trained = total_certified = 0
        for month in _months(_month(min(firsts)), _month(until)):
            total_trained += trained_months[month]
            total_certified += certified_months[month]
            rows.append((month.isoformat()[:7], [total_trained, total_certified]))
    return Table(
        "over_time",
        _("Over time"),
        _("Trained and certified participants since the start, month by month (cumulative)."),
        [_("Trained"), _("Certified")],
        rows,
        people=[True, True],
        row_heading=_("Month"),
    )


def _make_ups():
    """Participants of accepted applications by gender, position, service, size and kind of
    authority (the selection statistics' categories, over the whole programme)."""
    participants = list(
        ProposedParticipant.objects.filter(application__status=ApplicationStatus.ACCEPTED).values(
            "gender", "position", "application__service", "application__population",
            "application__authority_kind",
        )
    )  # fmt: skip
    keys = ["gender", "position", "service", "population"]
    tables = []
    specs = [*zip(keys, MAKE_UP, strict=True)]
    specs.append(("authority", AUTHORITY_MAKE_UP[0]))
    for key, (title, categories, category_of) in specs:
        if key == "authority":
            counts = Counter(row["application__authority_kind"] for row in participants)
        else:
            counts = Counter(map(category_of, participants))
        tables.append(
            Table(
                key,
                title,
                _("Participants of accepted applications, across the programme."),
                [_("Participants")],
                [(label, [counts[value]]) for value, label in categories],
                people=[True],
                make_up=True,
            )
        )
    return tables


def published(tables):
    """The tables with the small-number rule applied (see the module's docstring)."""
    return {key: _publish(table) for key, table in tables.items()}


def _publish(table):
    if table.make_up:
        return replace(table, rows=_merge_small(table.rows))
    rows = []
    for label, values in table.rows:
        shown = list(values)
        for i, value in enumerate(values):
            if table.people[i] and isinstance(value, int) and 0 < value < THRESHOLD:
                shown[i] = FEWER_THAN_5
        for i, of in table.average_of.items():
            if not isinstance(values[of], int) or values[of] < THRESHOLD:
                shown[i] = NOT_SHOWN
        rows.append((label, shown))
    return replace(table, rows=rows)


def _merge_small(rows):
    """Categories of fewer than 5 merged into "Other", with the next smallest until it
    counts 5 or more; a whole under 5 reads "fewer than 5"."""
    counts = [(label, values[0]) for label, values in rows]
    small = [(label, n) for label, n in counts if 0 < n < THRESHOLD]
    if not small:
        return rows
    merged = sum(n for _label, n in small)
    kept = sorted(((label, n) for label, n in counts if n >= THRESHOLD), key=lambda item: item[1])
    while merged < THRESHOLD and kept:
        merged += kept.pop(0)[1]
    kept_labels = {label for label, _n in kept}
    shown = [(label, [n]) for label, n in counts if label in kept_labels or n == 0]
    other = merged if merged >= THRESHOLD else FEWER_THAN_5
    return [*shown, (_("Other (categories of fewer than 5 merged)"), [other])]


def public_figures():
    return published(count_figures())


def flat_rows(tables):
    """(figure, row, column, value) for every cell: the figures as CSV rows."""
    for table in tables.values():
        for label, values in table.rows:
            for column, value in zip(table.columns, values, strict=True):
                yield table.key, str(label), str(column), "" if value is None else value


def report_tables(since=None, until=None):
    """What only the funder's report adds: applications by outcome, declines by reason,
    attendance per session and events held (same period)."""
    until = until or timezone.now()
    applications = Application.objects.filter(submitted_at__lte=until)
    events = Event.objects.filter(ends_at__lte=until)
    attendance = Attendance.objects.filter(session__starts_at__lte=until)
    if since:
        applications = applications.filter(submitted_at__gte=since)
        events = events.filter(starts_at__gte=since)
        attendance = attendance.filter(session__starts_at__gte=since)
    by_status = dict(applications.values_list("status").annotate(n=Count("pk")).order_by())
    declined = applications.filter(status=ApplicationStatus.DECLINED)
    by_reason = dict(declined.values_list("decline_reason").annotate(n=Count("pk")).order_by())
    sessions = (
        attendance.values("session_id")
        .annotate(
            present_count=Count("pk", filter=Q(present=True)),
            absent_count=Count("pk", filter=Q(present=False)),
        )
        .order_by("session__starts_at")
    )
    titles = {s.pk: s for c in Cohort.objects.with_sessions() for s in c.ordered_sessions}
    return {
        "applications": Table(
            "applications",
            _("Applications"),
            _("Applications received in the period, by their outcome so far."),
            [_("Applications")],
            [(label, [by_status.get(value, 0)]) for value, label in ApplicationStatus.choices],
            people=[False],
            row_heading=_("Status"),
        ),
        "decline_reasons": Table(
            "decline_reasons",
            _("Applications declined, by reason"),
            _("Applications received in the period and declined, by the reason the reviewer gave."),
            [_("Applications")],
            [
                *((label, [by_reason.get(value, 0)]) for value, label in DeclineReason.choices),
                (_("No reason recorded"), [by_reason.get("", 0)]),
            ],
            people=[False],
            row_heading=_("Reason"),
        ),
        "attendance": Table(
            "attendance",
            _("Attendance per session"),
            _("Participants present and absent at each session held in the period."),
            [_("Present"), _("Absent")],
            [
                (
                    f"{titles[row['session_id']].cohort} – {titles[row['session_id']].title}",
                    [row["present_count"], row["absent_count"]],
                )
                for row in sessions
            ],  # fmt: skip
            people=[True, True],
            row_heading=_("Session"),
        ),
        "events": Table(
            "events",
            _("Events held"),
            _("Steering committee web conferences and conferences held in the period."),
            [_("Events")],
            [(label, [events.filter(kind=value).count()]) for value, label in EventKind.choices],
            people=[False],
            row_heading=_("Kind"),
        ),
    }
