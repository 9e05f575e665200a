"""Session feedback: who may answer about which session, the signed link that lets them, the
one-way receipt that stops a second answer, the invitations, and the retention.

A participant enrolled in a cohort may answer once about each of its sessions, from the moment
the session ends until FEEDBACK_WINDOW later, through a signed link (emailed, and listed in "my
space"). The answer is stored without their name, account or enrolment; a separate receipt, an
HMAC of the enrolment and the session with the site's key, says that this pair answered.
Answers and receipts are deleted APPLICATION_RETENTION_DAYS after their session (prune_records).
"""

import datetime

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext

from certificates.models import Enrolment
from figures.models import (
    FeedbackAnswer,
    FeedbackInvitation,
    FeedbackReceipt,
    Questionnaire,
    QuestionnaireText,
)
from mail.tasks import queue_email
from programme.models import Session

FEEDBACK_WINDOW = datetime.timedelta(days=30)
INVITATION_EMAIL = "figures.feedback_invitation"
LINK_SALT = "figures.feedback.link"
RECEIPT_SALT = "figures.feedback.receipt"


class LinkInvalid(Exception):
    """The link was altered, or its enrolment or session is gone."""


class AlreadyAnswered(Exception):
    pass


def receipt_digest(enrolment_id, session_id):
    return salted_hmac(RECEIPT_SALT, f"{enrolment_id}:{session_id}", algorithm="sha256").hexdigest()


def feedback_path(enrolment, session, language=None):
    token = signing.dumps([enrolment.pk, session.pk], salt=LINK_SALT)
    with translation.override(language or enrolment.language):
        return reverse("figures:feedback", kwargs={"token": token})


def read_link(token):
    """The (enrolment, session) a link is for; LinkInvalid if it was altered or is stale."""
    try:
        enrolment_id, session_id = signing.loads(token, salt=LINK_SALT)
        enrolment = Enrolment.objects.select_related("cohort").get(pk=enrolment_id)
        session = Session.objects.select_related("cohort").get(
            pk=session_id, cohort_id=enrolment.cohort_id
        )
    except (signing.BadSignature, ValueError, TypeError, Enrolment.DoesNotExist,
            Session.DoesNotExist) as error:  # fmt: skip
        raise LinkInvalid from error
    return enrolment, session


def is_open(session, now=None):
    """A session takes feedback from its end until FEEDBACK_WINDOW later (never if cancelled)."""
    now = now or timezone.now()
    if session.is_cancelled or not session.is_confirmed or not session.ends_at:
        return False
    return session.ends_at <= now < session.ends_at + FEEDBACK_WINDOW


def has_answered(enrolment, session):
    return FeedbackReceipt.objects.filter(digest=receipt_digest(enrolment.pk, session.pk)).exists()


def default_texts(language):
    """The questions as the site first asks them, in `language` (editors may change them)."""
    with translation.override(language):
        return {
            "introduction": gettext(
                "Your answers are anonymous: they are stored without your name, and only the "
                "programme's team reads what you write."
            ),
            "usefulness": gettext("Overall, how useful was this session for your work?"),
            "pace": gettext("How was the pace of the session?"),
            "will_use": gettext("What will you use in your work?"),
            "missing": gettext("What was missing?"),
        }


@transaction.atomic
def current_questionnaire():
    """The newest questionnaire; the first one, in every language, if there is none yet."""
    questionnaire = Questionnaire.objects.prefetch_related("texts").first()
    if questionnaire is None:
        first = Questionnaire.objects.create(name=gettext("Version 1"))
        QuestionnaireText.objects.bulk_create(
            QuestionnaireText(questionnaire=first, language=language, **default_texts(language))
            for language, _name in settings.LANGUAGES
        )
        questionnaire = Questionnaire.objects.prefetch_related("texts").get(pk=first.pk)
    return questionnaire


def record_answer(enrolment, session, questionnaire, language, **answers):
    """Store one answer and its receipt together; AlreadyAnswered if the receipt exists."""
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(
                digest=receipt_digest(enrolment.pk, session.pk), session=session
            )
            return FeedbackAnswer.objects.create(
                session=session, questionnaire=questionnaire, language=language, **answers
            )
    except IntegrityError as error:
        raise AlreadyAnswered from error


def awaiting_feedback(user, now=None):
    """[(session, link)] the user may still answer about, oldest first: three queries."""
    now = now or timezone.now()
    enrolments = {e.cohort_id: e for e in Enrolment.objects.filter(user=user)}
    sessions = (
        Session.objects.filter(
            cohort_id__in=enrolments,
            ends_at__lte=now,
            ends_at__gt=now - FEEDBACK_WINDOW,
            is_cancelled=False,
            is_confirmed=True,
        )
        .select_related("cohort")
        .prefetch_related("cohort__sessions")
        .order_by("ends_at", "pk")
    )
    digests = {
        receipt_digest(enrolments[session.cohort_id].pk, session.pk): session
        for session in sessions
    }
    answered = set(FeedbackReceipt.objects.filter(digest__in=digests).values_list("pk", flat=True))
    language = translation.get_language()
    return [
        (session, feedback_path(enrolments[session.cohort_id], session, language))
        for digest, session in digests.items()
        if digest not in answered
    ]


def send_invitations(now=None):
    """Invite the participants of each session that ended within the window and whose
    invitations have not gone out; return how many emails were queued."""
    now = now or timezone.now()
    ended = Session.objects.filter(
        ends_at__lte=now,
        ends_at__gt=now - FEEDBACK_WINDOW,
        is_cancelled=False,
        is_confirmed=True,
        feedback_invitation__isnull=True,
    ).order_by("ends_at", "pk")
    queued = 0
    for session in ended:
        with transaction.atomic():
            FeedbackInvitation.objects.create(session=session, sent_at=now)
            for enrolment_id in Enrolment.objects.filter(cohort_id=session.cohort_id).values_list(
                "pk", flat=True
            ):
                queue_email(INVITATION_EMAIL, enrolment_id, session=session.pk)
                queued += 1
    return queued


def prune_feedback(now):
    """Answers and receipts of sessions that ended more than APPLICATION_RETENTION_DAYS ago."""
    cutoff = now - datetime.timedelta(days=settings.APPLICATION_RETENTION_DAYS)
    expired = Session.objects.filter(ends_at__lt=cutoff).values("pk")
    return {
        "feedback answers": FeedbackAnswer.objects.filter(session__in=expired).delete()[0],
        "feedback receipts": FeedbackReceipt.objects.filter(session__in=expired).delete()[0],
    }
