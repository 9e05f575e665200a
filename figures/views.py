"""The public page of the programme in figures, the open data, and the feedback and
self-assessment forms a participant reaches by their signed link."""

import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from figures.charts import bar_chart
from figures.counts import THRESHOLD, public_figures
from figures.feedback import (
    FEEDBACK,
    SELF_ASSESSMENT,
    AlreadyAnswered,
    LinkInvalid,
    current_questionnaire,
    current_self_assessment,
    has_answered,
    is_open,
    read_link,
    record_answer,
    record_self_assessment,
)
from figures.forms import FeedbackForm, SelfAssessmentForm
from figures.open_data import (
    DATASETS,
    FORMATS,
    as_csv,
    as_json,
    dcat_catalogue,
    download_url,
    licence_for,
)
from web.cache_headers import mark_private

TEMPLATES = {FEEDBACK: "figures/feedback.html", SELF_ASSESSMENT: "figures/self_assessment.html"}


def figures_page(request):
    """Every public figure with its chart and its table (the page cache keeps it)."""
    # Counted only if the page's part is rendered, not when it is remembered (web/fragments.py).
    figures = SimpleLazyObject(
        lambda: [
            {"table": table, "chart": bar_chart(table, f"chart-{key}")}
            for key, table in public_figures().items()
        ]
    )
    return render(
        request,
        "figures/figures_page.html",
        {"figures": figures, "threshold": THRESHOLD, "today": timezone.localdate()},
    )


def feedback(request, token):
    return survey_page(request, token, FEEDBACK)


def self_assessment(request, token):
    return survey_page(request, token, SELF_ASSESSMENT)


def survey_page(request, token, survey):
    """The form of `survey` for the link's participant and session, or why there is none."""
    template = TEMPLATES[survey]
    try:
        enrolment, session = read_link(token, survey)
    except LinkInvalid:
        return mark_private(render(request, template, {"state": "invalid"}, status=404))
    context = {"session": session, "cohort": session.cohort}
    if has_answered(enrolment, session, survey):
        context["state"] = "answered"
    elif not is_open(session):
        ended = session.ends_at and session.ends_at <= timezone.now()
        context["state"] = "closed" if ended else "not_yet"
    else:
        answer = answer_form if survey == FEEDBACK else self_assessment_form
        context.update(answer(request, enrolment, session))
        if context.get("saved"):
            return redirect(request.path)
    return mark_private(render(request, template, context))


def self_assessment_form(request, enrolment, session):
    language = translation.get_language()
    version = current_self_assessment()
    text = version.text_in(language)
    form = SelfAssessmentForm(request.POST or None, text=text)
    if request.method == "POST" and form.is_valid():
        try:
            record_self_assessment(enrolment, session, version, language, form.ratings())
        except AlreadyAnswered:
            return {"state": "answered"}
        return {"saved": True}
    return {"state": "open", "form": form, "text": text}


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


def open_for_all(response, licence):
    """Open data may be read by any site's script (CORS), under the licence it names."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = licence.link_header
    return response


def request_licence(request):
    return licence_for(Site.find_for_request(request))


def open_data(request):
    """What each dataset holds, field by field, with its files and licence."""
    language = translation.get_language()
    datasets = [
        {
            "dataset": dataset,
            "files": [
                (ext.upper(), download_url(dataset, ext, language)) for ext in dataset.formats
            ],
        }
        for dataset in DATASETS.values()
    ]
    licence = request_licence(request)
    context = {"datasets": datasets, "licence_name": licence.name, "licence_url": licence.url}
    return render(request, "figures/open_data.html", context)


def open_data_file(request, name, extension):
    dataset = DATASETS.get(name)
    if dataset is None or extension not in dataset.formats:
        raise Http404
    language = translation.get_language()
    licence = request_licence(request)
    if extension == "json":
        body = json.dumps(as_json(dataset, language, licence), ensure_ascii=False, indent=1)
    else:
        body = as_csv(dataset)
    response = HttpResponse(body, content_type=f"{FORMATS[extension]}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="aicities-{name}-{language}.{extension}"'
    response["Content-Language"] = language
    return open_for_all(response, licence)


def dcat(request):
    languages = [code for code, _name in settings.LANGUAGES]
    licence = request_licence(request)
    body = json.dumps(dcat_catalogue(languages, licence), ensure_ascii=False, indent=1)
    response = HttpResponse(body, content_type="application/ld+json; charset=utf-8")
    return open_for_all(response, licence)
