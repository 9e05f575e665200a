"""Demo feedback: the participants of every finished cohort answered about each session they
attended, and assessed their skills after the in-person session, so the figures page, the open
data and the report show real averages. Idempotent (a second answer is refused by its receipt,
as on the site)."""

from itertools import cycle

from certificates.models import Attendance
from figures.feedback import (
    AlreadyAnswered,
    current_questionnaire,
    current_self_assessment,
    record_answer,
    record_self_assessment,
)
from figures.models import Pace
from programme.models import Cohort, CohortStatus, SessionKind

MARKS = [5, 4, 4, 5, 3, 4, 5]
PACES = [Pace.RIGHT, Pace.RIGHT, Pace.TOO_FAST, Pace.RIGHT, Pace.TOO_SLOW]
# (what they will use, what was missing), in the participant's language; some leave both empty.
FREE_TEXT = {
    "fr": [
        ("La grille d'analyse des risques avant tout achat d'outil.", "Plus d'exemples de villes."),
        ("", ""),
    ],
    "de": [("Die Checkliste für Ausschreibungen.", "Mehr Zeit für Fragen."), ("", "")],
    "es": [("El registro de algoritmos municipales.", ""), ("", "Casos de ciudades pequeñas.")],
    "en": [("The impact assessment template.", "A session on procurement."), ("", "")],
}


# (before, after) per participant, turned by one outcome each time: most say they progressed.
SKILLS = [(2, 4), (1, 3), (3, 4), (2, 3), (3, 5), (1, 4), (4, 4)]


def finished_attendances(cohort_filter=None):
    """The attendances of every completed cohort, session by session."""
    for cohort in Cohort.objects.with_sessions():
        if cohort.status != CohortStatus.COMPLETED:
            continue
        attended = Attendance.objects.filter(session__cohort=cohort, present=True).select_related(
            "enrolment", "session"
        )
        if cohort_filter:
            attended = attended.filter(**cohort_filter)
        yield from attended.order_by("session__position", "pk")


def load_self_assessments():
    version = current_self_assessment()
    for number, attendance in enumerate(
        finished_attendances({"session__kind": SessionKind.IN_PERSON})
    ):
        enrolment = attendance.enrolment
        outcomes = len(version.text_in(enrolment.language).outcome_list)
        ratings = {
            outcome: SKILLS[(number + outcome) % len(SKILLS)] for outcome in range(1, outcomes + 1)
        }
        try:
            record_self_assessment(
                enrolment, attendance.session, version, enrolment.language, ratings
            )
        except AlreadyAnswered:
            continue


def load_feedback():
    questionnaire = current_questionnaire()
    marks, paces = cycle(MARKS), cycle(PACES)
    for number, attendance in enumerate(finished_attendances()):
        enrolment = attendance.enrolment
        texts = FREE_TEXT.get(enrolment.language, FREE_TEXT["en"])
        will_use, missing = texts[number % len(texts)]
        try:
            record_answer(
                enrolment,
                attendance.session,
                questionnaire,
                enrolment.language,
                usefulness=next(marks),
                pace=next(paces),
                will_use=will_use,
                missing=missing,
            )
        except AlreadyAnswered:
            continue
