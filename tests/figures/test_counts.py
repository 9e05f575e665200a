"""The figures, checked against a hand-counted programme, and the small-number rule: no
published count of people from 1 to 4, whatever the records (a property test)."""

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from certificates.models import Attendance
from demo.loaders.figures import load_feedback, load_self_assessments
from figures.counts import FEWER_THAN_5, NOT_SHOWN, THRESHOLD, Table, count_figures, published
from figures.models import FeedbackAnswer, OutcomeRating, SelfAssessmentAnswer
from tests.figures.conftest import rate, self_assessment_version

pytestmark = pytest.mark.django_db


def rows(table):
    return {str(label): values for label, values in table.rows}


def test_each_figure_is_counted_exactly_for_staff(programme):
    figures = count_figures()
    assert rows(figures["progress"]) == {"Target": [175], "Trained": [10], "Certified": [7]}
    by_country = rows(figures["by_country"])
    assert by_country["Italy"] == [7, 5] and by_country["France"] == [3, 2]
    assert by_country["Germany"] == [0, 0]
    italy, france = (str(c) for c in programme)
    assert rows(figures["by_cohort"])[italy] == [10, 7, 5, 5]
    assert rows(figures["by_cohort"])[france] == [3, 3, 2, 5]
    assert rows(figures["sessions"]) == {"Online sessions": [8], "In-person sessions": [2]}
    assert rows(figures["usefulness"]) == {italy: [5, 4.2], france: [4, 4.0]}
    assert rows(figures["gender"]) == {
        "Woman": [6], "Man": [3], "Another gender": [0], "Prefer not to say": [1], "Not given": [0]
    }  # fmt: skip
    assert rows(figures["position"]) == {"Elected representative": [2], "Official": [8]}
    over_time = figures["over_time"].rows
    assert over_time[0] == ("2026-03", [10, 0])
    assert over_time[-1][1] == [10, 7]


def test_the_self_assessment_is_averaged_per_learning_outcome(programme):
    exact = rows(count_figures()["self_assessment"])
    assert exact == {"Explain AI": [9, 2.3, 3.9], "Buy AI": [9, 1.7, 3.0]}
    with translation.override("fr"):
        in_french = rows(count_figures()["self_assessment"])
    assert in_french == {"Expliquer l’IA": [9, 2.3, 3.9], "Acheter l’IA": [9, 1.7, 3.0]}

    # A new version words the first outcome alike (its answers join that row) and adds one
    # that only two people rated: exact for staff, not shown in public.
    italy, _france = programme
    second = self_assessment_version("Version 2", {"en": "Explain AI\nGovern AI"})
    rate(italy.sessions.get(position=5), second, [((2, 4), (1, 2)), ((2, 4), (2, 3))])
    exact = rows(count_figures()["self_assessment"])
    assert exact == {
        "Explain AI": [11, 2.3, 3.9],
        "Buy AI": [9, 1.7, 3.0],
        "Govern AI": [2, 1.5, 2.5],
    }
    public = rows(published(count_figures())["self_assessment"])
    assert public["Govern AI"] == [FEWER_THAN_5, NOT_SHOWN, NOT_SHOWN]
    assert public["Buy AI"] == [9, 1.7, 3.0]


def test_the_public_figures_follow_the_small_number_rule(programme):
    public = published(count_figures())
    italy, france = (str(c) for c in programme)
    assert rows(public["progress"])["Certified"] == [7]
    assert rows(public["by_country"])["France"] == [FEWER_THAN_5, FEWER_THAN_5]
    assert rows(public["by_cohort"])[france] == [FEWER_THAN_5, FEWER_THAN_5, FEWER_THAN_5, 5]
    assert rows(public["usefulness"]) == {italy: [5, 4.2], france: [FEWER_THAN_5, NOT_SHOWN]}
    # 3 men and 1 undisclosed merge into "Other" (4), with the next smallest (6 women) until 5.
    assert rows(public["gender"]) == {
        "Another gender": [0], "Not given": [0],
        "Other (categories of fewer than 5 merged)": [10],
    }  # fmt: skip
    # 2 elected merge with the next smallest (8 officials): one "Other" of 10.
    assert rows(public["position"]) == {"Other (categories of fewer than 5 merged)": [10]}


counts = st.integers(min_value=0, max_value=40)


@given(
    st.lists(st.tuples(counts, counts, st.floats(1, 5)), min_size=0, max_size=8),
    st.lists(counts, min_size=1, max_size=6),
    st.lists(st.tuples(counts, st.floats(1, 5), st.floats(1, 5)), min_size=0, max_size=8),
)
def test_no_published_count_of_people_is_between_1_and_4(cells, categories, skills):
    tables = {
        # Shaped as the self-assessment: answers, then two averages resting on them.
        "skills": Table(
            "skills", "", "", ["answers", "before", "after"],
            [(f"outcome {i}", [n, before, after]) for i, (n, before, after) in enumerate(skills)],
            people=[True, False, False], average_of={1: 0, 2: 0},
        ),
        "cells": Table(
            "cells", "", "", ["a", "b", "average"],
            [(f"row {i}", [a, b, avg]) for i, (a, b, avg) in enumerate(cells)],
            people=[True, True, False], average_of={2: 0},
        ),
        "make_up": Table(
            "make_up", "", "", ["n"], [(f"c{i}", [n]) for i, n in enumerate(categories)],
            people=[True], make_up=True,
        ),
    }  # fmt: skip
    public = published(tables)
    for table in public.values():
        for _label, values in table.rows:
            for value, counts_people in zip(values, table.people, strict=True):
                if counts_people:
                    assert value == FEWER_THAN_5 or value == 0 or value >= THRESHOLD
    for (_label, (a, _b, average)), (_l, shown) in zip(
        tables["cells"].rows, public["cells"].rows, strict=True
    ):
        assert shown[2] == (average if a >= THRESHOLD else NOT_SHOWN)
    for (_label, (n, before, after)), (_l, shown) in zip(
        tables["skills"].rows, public["skills"].rows, strict=True
    ):
        assert shown[1:] == ([before, after] if n >= THRESHOLD else [NOT_SHOWN, NOT_SHOWN])
    merged = public["make_up"].rows
    total = sum(categories)
    shown_total = sum(v[0] for _l, v in merged if isinstance(v[0], int))
    assert shown_total == total or (total < THRESHOLD and shown_total == 0)


def test_the_demo_gives_every_finished_cohort_feedback_once(programme):
    before = FeedbackAnswer.objects.count()
    load_feedback()
    assert FeedbackAnswer.objects.count() == before + 10  # one per attendance: 7 + 3
    load_feedback()
    assert FeedbackAnswer.objects.count() == before + 10
    assert FeedbackAnswer.objects.exclude(will_use="").exists()


def test_the_demo_gives_every_finished_cohort_self_assessments_once(programme):
    before, ratings = SelfAssessmentAnswer.objects.count(), OutcomeRating.objects.count()
    load_self_assessments()
    assert SelfAssessmentAnswer.objects.count() == before  # nobody attended the in-person session
    italy, france = programme
    for cohort in (italy, france):
        for enrolment in cohort.enrolments.all()[:3]:
            Attendance.objects.create(
                enrolment=enrolment, session=cohort.sessions.get(position=5), present=True
            )
    load_self_assessments()
    load_self_assessments()
    added = SelfAssessmentAnswer.objects.count() - before
    assert added == 6  # one per attendance of the in-person session, however often it runs
    assert OutcomeRating.objects.count() - ratings == 6 * 2  # two outcomes each
