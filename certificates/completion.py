"""The completion rule: which attended sessions complete a cohort, and an editor's override.

The rule is a setting, CERTIFICATE_COMPLETION_RULE: "all" asks for every session of the cohort
that was not cancelled (by default four online sessions and the in-person session);
"online=3,in_person=1" asks for at least that many sessions of each kind.

Whatever the attendance or an editor's override says, no one completes before the course is
over (certificates.calendar_rule).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from certificates.calendar_rule import course_calendar
from certificates.models import CompletionOverride, Enrolment
from programme.models import SessionKind


def parse_rule(text):
    """None for "all", else the minimum count of attended sessions per kind."""
    text = (text or "all").strip().lower()
    if text == "all":
        return None
    minimums = {}
    for part in text.split(","):
        kind, _sep, count = part.partition("=")
        kind = kind.strip()
        if kind not in SessionKind.values or not count.strip().isdigit():
            raise ImproperlyConfigured(
                f"CERTIFICATE_COMPLETION_RULE: cannot read {part!r} "
                '(write "all" or e.g. "online=4,in_person=1")'
            )
        minimums[kind] = int(count)
    return minimums


@dataclass
class Progress:
    attended: int
    required: int
    meets_rule: bool
    override: str
    course_ended: bool = True

    @property
    def earned(self):
        """What the attendance (or the editor's override) says, the calendar aside."""
        if self.override == CompletionOverride.COMPLETED:
            return True
        if self.override == CompletionOverride.NOT_COMPLETED:
            return False
        return self.meets_rule

    @property
    def completed(self):
        return self.course_ended and self.earned

    @property
    def label(self):
        if self.override:
            return CompletionOverride(self.override).label
        if self.meets_rule and self.course_ended:
            return _("Completed")
        return _("Not yet: %(attended)s of %(required)s sessions") % {
            "attended": self.attended,
            "required": self.required,
        }


def progress(enrolment, sessions, present_session_ids, rule=None, course_ended=True):
    """How far `enrolment` is, given the cohort's `sessions` and the ids of those attended."""
    minimums = parse_rule(settings.CERTIFICATE_COMPLETION_RULE) if rule is None else rule
    held = [session for session in sessions if not session.is_cancelled]
    attended = [session for session in held if session.pk in present_session_ids]
    if minimums is None:
        required = len(held)
        meets = bool(held) and len(attended) == len(held)
    else:
        required = sum(minimums.values())
        meets = all(
            len([s for s in attended if s.kind == kind]) >= count
            for kind, count in minimums.items()
        )
    return Progress(len(attended), required, meets, enrolment.completion_override, course_ended)


def cohort_progress(cohort, enrolments):
    """Progress of each enrolment of `cohort` (attendances prefetched), keyed by enrolment id."""
    rule = parse_rule(settings.CERTIFICATE_COMPLETION_RULE)
    sessions = cohort.ordered_sessions
    ended = course_calendar(cohort).has_ended()
    result = {}
    for enrolment in enrolments:
        present = {a.session_id for a in enrolment.attendances.all() if a.present}
        result[enrolment.pk] = progress(enrolment, sessions, present, rule, ended)
    return result


def has_completed(enrolment):
    enrolment = (
        Enrolment.objects.select_related("cohort")
        .prefetch_related("attendances", "cohort__sessions")
        .get(pk=enrolment.pk)
    )
    return cohort_progress(enrolment.cohort, [enrolment])[enrolment.pk].completed
