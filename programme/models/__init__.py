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
from programme.models.events import (  # noqa: F401
    EVENT_REGISTRATION_HOOK,
    Event,
    EventKind,
    EventTopic,
    attach_registration_links,
    attach_topics,
)
from programme.models.pages import CohortIndexPage, EventIndexPage, ProgrammePage  # noqa: F401
