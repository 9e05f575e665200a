"""Session feedback and the self-assessment of skills: who may answer about which session, the
signed link that lets them, the one-way receipt that stops a second answer, the invitations,
and the retention.

A participant enrolled in a cohort may answer once about each of its sessions, from the moment
the session ends until FEEDBACK_WINDOW later, through a signed link (emailed, and listed in "my
space"). After an in-person session they may also rate their skills against the programme's
learning outcomes, once, the same way (a second survey, SELF_ASSESSMENT, with its own links
and receipts; the same email invites to both). Answers are stored without their name, account
or enrolment; a separate receipt, an HMAC of the survey, the enrolment and the session with the
site's key, says that this pair answered. Answers and receipts are deleted
APPLICATION_RETENTION_DAYS after their session (prune_records).
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
    OutcomeRating,
    Questionnaire,
    QuestionnaireText,
    SelfAssessment,
    SelfAssessmentAnswer,
    SelfAssessmentText,
)
from mail.tasks import queue_email
from programme.models import Session, SessionKind

FEEDBACK_WINDOW = datetime.timedelta(days=30)
INVITATION_EMAIL = "figures.feedback_invitation"
LINK_SALT = "figures.feedback.link"
RECEIPT_SALT = "figures.feedback.receipt"
# The surveys after a session, and the address of each one's form.
FEEDBACK = "feedback"
SELF_ASSESSMENT = "self_assessment"
URL_NAMES = {FEEDBACK: "figures:feedback", SELF_ASSESSMENT: "figures:self_assessment"}


class LinkInvalid(Exception):
    """The link was altered, or its enrolment or session is gone."""


class AlreadyAnswered(Exception):
    pass


def _salt(base, survey):
    # Feedback keeps the salts it was first given, so its links and receipts stay valid.
    return base if survey == FEEDBACK else f"{base}.{survey}"


def receipt_digest(enrolment_id, session_id, survey=FEEDBACK):
    return salted_hmac(
        _salt(RECEIPT_SALT, survey), f"{enrolment_id}:{session_id}", algorithm="sha256"
    ).hexdigest()


def feedback_path(enrolment, session, language=None, survey=FEEDBACK):
    token = signing.dumps([enrolment.pk, session.pk], salt=_salt(LINK_SALT, survey))
    with translation.override(language or enrolment.language):
        return reverse(URL_NAMES[survey], kwargs={"token": token})


def asks_self_assessment(session):
    """Participants assess their skills after the in-person session."""
    return session.kind == SessionKind.IN_PERSON


def read_link(token, survey=FEEDBACK):
    """The (enrolment, session) a link is for; LinkInvalid if it was altered or is stale."""
    try:
        enrolment_id, session_id = signing.loads(token, salt=_salt(LINK_SALT, survey))
        enrolment = Enrolment.objects.select_related("cohort").get(pk=enrolment_id)
        session = Session.objects.select_related("cohort").get(
            pk=session_id, cohort_id=enrolment.cohort_id
        )
    except (signing.BadSignature, ValueError, TypeError, Enrolment.DoesNotExist,
            Session.DoesNotExist) as error:  # fmt: skip
        raise LinkInvalid from error
    if survey == SELF_ASSESSMENT and not asks_self_assessment(session):
        raise LinkInvalid
    return enrolment, session


def is_open(session, now=None):
    """A session takes feedback from its end until FEEDBACK_WINDOW later (never if cancelled)."""
    now = now or timezone.now()
    if session.is_cancelled or not session.is_confirmed or not session.ends_at:
        return False
    return session.ends_at <= now < session.ends_at + FEEDBACK_WINDOW


def has_answered(enrolment, session, survey=FEEDBACK):
    digest = receipt_digest(enrolment.pk, session.pk, survey)
    return FeedbackReceipt.objects.filter(digest=digest).exists()


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


def default_self_assessment_texts(language):
    """The learning outcomes as the site first lists them, in `language` (editors may change
    them): those of the programme's "What participants learn"."""
    with translation.override(language):
        outcomes = [
            gettext("Explain what artificial intelligence is, and what it is not"),
            gettext("Recognise uses of AI in urban security and prevention"),
            gettext("Apply the legal framework: the EU AI Act and data protection"),
            gettext("Weigh ethics, fundamental rights and public trust in an AI project"),
            gettext("Buy and govern an AI system in a city"),
        ]
        return {
            "introduction": gettext(
                "For each skill, say where you stood before the training and where you stand "
                "now, from 1 (beginner) to 5 (confident). Your answers are anonymous: they are "
                "stored without your name."
            ),
            "outcomes": "\n".join(outcomes),
        }


@transaction.atomic
def current_self_assessment():
    """The newest self-assessment; the first one, in every language, if there is none yet."""
    version = SelfAssessment.objects.prefetch_related("texts").first()
    if version is None:
        first = SelfAssessment.objects.create(name=gettext("Version 1"))
        SelfAssessmentText.objects.bulk_create(
            SelfAssessmentText(
                questionnaire=first, language=language, **default_self_assessment_texts(language)
            )
            for language, _name in settings.LANGUAGES
        )
        version = SelfAssessment.objects.prefetch_related("texts").get(pk=first.pk)
    return version


def _with_receipt(enrolment, session, survey, store):
    """Store the receipt and, in the same transaction, the answer (`store()`);
    AlreadyAnswered if the receipt exists."""
    try:
        with transaction.atomic():
            FeedbackReceipt.objects.create(
                digest=receipt_digest(enrolment.pk, session.pk, survey), session=session
            )
            return store()
    except IntegrityError as error:
        raise AlreadyAnswered from error


def record_answer(enrolment, session, questionnaire, language, **answers):
    """Store one feedback answer and its receipt together."""
    return _with_receipt(
        enrolment,
        session,
        FEEDBACK,
        lambda: FeedbackAnswer.objects.create(
            session=session, questionnaire=questionnaire, language=language, **answers
        ),
    )


def record_self_assessment(enrolment, session, version, language, ratings):
    """Store one self-assessment, `ratings` {outcome number: (before, after)}, and its receipt."""

    def store():
        answer = SelfAssessmentAnswer.objects.create(
            session=session, questionnaire=version, language=language
        )
        OutcomeRating.objects.bulk_create(
            OutcomeRating(answer=answer, outcome=outcome, before=before, after=after)
            for outcome, (before, after) in sorted(ratings.items())
        )
        return answer

    return _with_receipt(enrolment, session, SELF_ASSESSMENT, store)


def awaiting_feedback(user, now=None, enrolments=None):
    """[(session, link, survey)] the user may still answer, oldest first: three queries (two
    when the user's `enrolments` are given)."""
    now = now or timezone.now()
    if enrolments is None:
        enrolments = Enrolment.objects.filter(user=user)
    enrolments = {e.cohort_id: e for e in enrolments}
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
        receipt_digest(enrolments[session.cohort_id].pk, session.pk, survey): (session, survey)
        for session in sessions
        for survey in surveys_after(session)
    }
    answered = set(FeedbackReceipt.objects.filter(digest__in=digests).values_list("pk", flat=True))
    language = translation.get_language()
    return [
        (session, feedback_path(enrolments[session.cohort_id], session, language, survey), survey)
        for digest, (session, survey) in digests.items()
        if digest not in answered
    ]


def surveys_after(session):
    return [FEEDBACK, SELF_ASSESSMENT] if asks_self_assessment(session) else [FEEDBACK]


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
    _total, self_assessments = SelfAssessmentAnswer.objects.filter(session__in=expired).delete()
    return {
        "feedback answers": FeedbackAnswer.objects.filter(session__in=expired).delete()[0],
        "self-assessment answers": self_assessments.get(SelfAssessmentAnswer._meta.label, 0),
        "feedback receipts": FeedbackReceipt.objects.filter(session__in=expired).delete()[0],
    }
