"""The invitation to give feedback on a session, and after the in-person session to assess
one's skills too, in the participant's language (queued by `send_feedback_invitations`)."""

from certificates.models import Enrolment
from figures.feedback import (
    FEEDBACK_WINDOW,
    INVITATION_EMAIL,
    SELF_ASSESSMENT,
    asks_self_assessment,
    feedback_path,
    is_open,
)
from mail.kinds import email_kind
from mail.messages import render_message
from programme.models import Session
from web.links import absolute_url


@email_kind(INVITATION_EMAIL)
def build_feedback_invitation(enrolment_id, session):
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    session = Session.objects.select_related("cohort").filter(pk=session).first()
    if enrolment is None or session is None or not is_open(session):
        return None  # Gone, cancelled or closed meanwhile: nothing worth sending.
    context = {
        "enrolment": enrolment,
        "session": session,
        "cohort": session.cohort,
        "feedback_url": absolute_url(feedback_path(enrolment, session)),
        "window_days": FEEDBACK_WINDOW.days,
        "self_assessment_url": absolute_url(
            feedback_path(enrolment, session, survey=SELF_ASSESSMENT)
        )
        if asks_self_assessment(session)
        else "",
    }
    return render_message(
        "figures/emails/feedback_invitation",
        context,
        language=enrolment.language,
        to=[enrolment.email],
    )
