"""The public page of the programme in figures, and the feedback form a participant reaches by
their signed link."""

from django.shortcuts import redirect, render
from django.utils import timezone, translation

from figures.charts import bar_chart
from figures.counts import THRESHOLD, public_figures
from figures.feedback import (
    AlreadyAnswered,
    LinkInvalid,
    current_questionnaire,
    has_answered,
    is_open,
    read_link,
    record_answer,
)
from figures.forms import FeedbackForm
from web.cache_headers import mark_private

TEMPLATE = "figures/feedback.html"


def figures_page(request):
    """Every public figure with its chart and its table (the page cache keeps it)."""
    figures = [
        {"table": table, "chart": bar_chart(table, f"chart-{key}")}
        for key, table in public_figures().items()
    ]
    return render(
        request,
        "figures/figures_page.html",
        {"figures": figures, "threshold": THRESHOLD, "today": timezone.localdate()},
    )


def feedback(request, token):
    try:
        enrolment, session = read_link(token)
    except LinkInvalid:
        return mark_private(render(request, TEMPLATE, {"state": "invalid"}, status=404))
    context = {"session": session, "cohort": session.cohort}
    if has_answered(enrolment, session):
        context["state"] = "answered"
    elif not is_open(session):
        ended = session.ends_at and session.ends_at <= timezone.now()
        context["state"] = "closed" if ended else "not_yet"
    else:
        context.update(answer_form(request, enrolment, session))
        if context.get("saved"):
            return redirect(request.path)
    return mark_private(render(request, TEMPLATE, context))


def answer_form(request, enrolment, session):
    language = translation.get_language()
    questionnaire = current_questionnaire()
    text = questionnaire.text_in(language)
    form = FeedbackForm(request.POST or None, text=text)
    if request.method == "POST" and form.is_valid():
        try:
            record_answer(enrolment, session, questionnaire, language, **form.cleaned_data)
        except AlreadyAnswered:
            return {"state": "answered"}
        return {"saved": True}
    return {"state": "open", "form": form, "text": text}
