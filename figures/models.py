"""Session feedback and the self-assessment of skills after the in-person session: the
questions (a version per change, a text per language) and the answers, kept without any link to
the person who gave them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

USEFULNESS_SCALE = range(1, 6)


class Pace(models.TextChoices):
    TOO_SLOW = "slow", _("Too slow")
    RIGHT = "right", _("About right")
    TOO_FAST = "fast", _("Too fast")


class QuestionsVersion(ClusterableModel):
    """One version of questions asked after a session, with its wording per language (`texts`)
    and its `answers`. Once answered it is frozen: editors add a new version, and the newest
    one is asked from then on."""

    name = models.CharField(
        _("name"), max_length=100, help_text=_("For staff only, e.g. “Version 2, from May 2026”.")
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.pk and self.answers.exists():
            raise ValidationError(
                _(
                    "Participants have answered these questions: they can no longer change. "
                    "Add a new version instead."
                )
            )

    def text_in(self, language):
        """The questions in `language`, or in English when that translation is missing."""
        texts = {text.language: text for text in self.texts.all()}
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE)


class Questionnaire(QuestionsVersion):
    """One version of the feedback questions."""

    class Meta(QuestionsVersion.Meta):
        verbose_name = _("feedback questionnaire")
        verbose_name_plural = _("feedback questionnaires")


class QuestionnaireText(models.Model):
    """The wording of a questionnaire in one language."""

    questionnaire = ParentalKey(Questionnaire, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    introduction = models.TextField(_("introduction"), blank=True)
    usefulness = models.CharField(_("usefulness question (1–5)"), max_length=200)
    pace = models.CharField(_("pace question"), max_length=200)
    will_use = models.CharField(_("question: what they will use"), max_length=200)
    missing = models.CharField(_("question: what was missing"), max_length=200)

    class Meta:
        ordering = ["questionnaire", "language"]
        verbose_name = _("questions in one language")
        verbose_name_plural = _("questions in each language")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "language"], name="one_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire} ({self.language})"


class FeedbackAnswer(models.Model):
    """One participant's answer about one session: no person, no account, no time of day."""

    session = models.ForeignKey(
        "programme.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="feedback_answers",
    )
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="answers"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    usefulness = models.PositiveSmallIntegerField(
        _("usefulness"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    pace = models.CharField(_("pace"), max_length=5, choices=Pace.choices)
    will_use = models.TextField(_("what they will use"), blank=True)
    missing = models.TextField(_("what was missing"), blank=True)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("feedback answer")
        verbose_name_plural = _("feedback answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usefulness__gte=1, usefulness__lte=5),
                name="usefulness_from_1_to_5",
            )
        ]

    def __str__(self):
        return f"{self.session_id}: {self.usefulness}"


class FeedbackReceipt(models.Model):
    """That someone answered a survey (feedback or self-assessment) about a session: a one-way
    digest of the survey, their enrolment and the session (figures/feedback.py), which refuses
    a second answer and names no one. It is kept apart from the answer, with no order nor date,
    so the two cannot be matched."""

    digest = models.CharField(max_length=64, primary_key=True)
    session = models.ForeignKey(
        "programme.Session", on_delete=models.CASCADE, related_name="feedback_receipts"
    )

    class Meta:
        verbose_name = _("feedback receipt")
        verbose_name_plural = _("feedback receipts")

    def __str__(self):
        return self.digest


class FeedbackInvitation(models.Model):
    """The invitations to give feedback on a session went out (once per session)."""

    session = models.OneToOneField(
        "programme.Session", on_delete=models.CASCADE, related_name="feedback_invitation"
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("feedback invitation")
        verbose_name_plural = _("feedback invitations")

    def __str__(self):
        return f"{self.session_id}: {self.sent_at:%Y-%m-%d}"


class SelfAssessment(QuestionsVersion):
    """One version of the learning outcomes participants rate themselves against after the
    in-person session (before the training and now, 1–5)."""

    class Meta(QuestionsVersion.Meta):
        verbose_name = _("self-assessment of skills")
        verbose_name_plural = _("self-assessments of skills")

    def text_in(self, language):
        """The outcomes in `language`; in English when that translation is missing or does not
        list as many outcomes (a rating is stored by the outcome's number)."""
        texts = {text.language: text for text in self.texts.all()}
        english = texts.get(settings.LANGUAGE_CODE)
        text = texts.get(language)
        if text is None or (english and len(text.outcome_list) != len(english.outcome_list)):
            return english or text
        return text


class SelfAssessmentText(models.Model):
    """The learning outcomes of a self-assessment in one language, one per line."""

    questionnaire = ParentalKey(SelfAssessment, on_delete=models.CASCADE, related_name="texts")
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    introduction = models.TextField(_("introduction"), blank=True)
    outcomes = models.TextField(
        _("learning outcomes"),
        help_text=_("One learning outcome per line, in the same order in every language."),
    )

    class Meta:
        ordering = ["questionnaire", "language"]
        verbose_name = _("learning outcomes in one language")
        verbose_name_plural = _("learning outcomes in each language")
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "language"], name="one_outcome_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.questionnaire} ({self.language})"

    @property
    def outcome_list(self):
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


class SelfAssessmentAnswer(models.Model):
    """One participant's self-assessment after one in-person session: no person, no account,
    no time of day (its ratings are in `ratings`)."""

    session = models.ForeignKey(
        "programme.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="self_assessment_answers",
    )
    questionnaire = models.ForeignKey(
        SelfAssessment, on_delete=models.PROTECT, related_name="answers"
    )
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")

    def __str__(self):
        return f"{self.session_id}: {self.pk}"


class OutcomeRating(models.Model):
    """How a participant rates one learning outcome, before the training and now."""

    answer = models.ForeignKey(
        SelfAssessmentAnswer, on_delete=models.CASCADE, related_name="ratings"
    )
    outcome = models.PositiveSmallIntegerField(_("learning outcome (number in its version)"))
    before = models.PositiveSmallIntegerField(
        _("before the training"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    after = models.PositiveSmallIntegerField(
        _("after the training"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["answer", "outcome"]
        verbose_name = _("rating of a learning outcome")
        verbose_name_plural = _("ratings of learning outcomes")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(before__gte=1, before__lte=5, after__gte=1, after__lte=5),
                name="ratings_from_1_to_5",
            ),
            models.UniqueConstraint(fields=["answer", "outcome"], name="one_rating_per_outcome"),
        ]

    def __str__(self):
        return f"{self.outcome}: {self.before} → {self.after}"
