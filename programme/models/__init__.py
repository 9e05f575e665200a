"""Programme models: cohorts and sessions (facts), events, and the programme's pages."""

from programme.models.cohorts import (  # noqa: F401
    Cohort,
    CohortStatus,
    DateState,
    Session,
    SessionDateChange,
    SessionKind,
    session_date_changed,
    session_date_recorded,
)
from programme.models.events import Event, EventKind, EventTopic, attach_topics  # noqa: F401
from programme.models.pages import CohortIndexPage, EventIndexPage, ProgrammePage  # noqa: F401
