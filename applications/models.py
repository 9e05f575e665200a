"""The application process's records (applications, participants, history, opening alerts)
and its page. Inside the app, modules import `applications.records`; the page imports
the views, so it is loaded last."""

from applications.page import ApplicationPage  # noqa: I001  (after the records)
from applications.records import (
    MAX_PARTICIPANTS,
    MOTIVATION_MAX_LENGTH,
    Application,
    ApplicationStatus,
    ApplicationStatusChange,
    AuthorityKind,
    DeclineReason,
    EfusMembership,
    Gender,
    OpeningAlert,
    Position,
    ProposedParticipant,
    ServiceKind,
    letter_path,
)

__all__ = [
    "MAX_PARTICIPANTS",
    "MOTIVATION_MAX_LENGTH",
    "Application",
    "ApplicationPage",
    "ApplicationStatus",
    "ApplicationStatusChange",
    "AuthorityKind",
    "DeclineReason",
    "EfusMembership",
    "Gender",
    "OpeningAlert",
    "Position",
    "ProposedParticipant",
    "ServiceKind",
    "letter_path",
]
