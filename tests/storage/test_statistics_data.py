"""The statistics view's numbers, against a project whose every count is known by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, timedelta, timezone
from pathlib import Path

import pytest

from storage.chart_data import (
    AnnotatorTimes,
    SuggestionOutcome,
    TimePerDocument,
    label_distribution,
    progress_over_time,
    suggestion_outcomes,
    time_histogram,
    time_per_document,
)
from storage.project import OpenProject, open_project
from tests.statistics_factories import (
    build_template,
    copy_of,
)


@pytest.fixture(scope="module")
def statistics_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_template(tmp_path_factory.mktemp("statistics"))


@pytest.fixture
def built(statistics_template: Path, tmp_path: Path) -> Iterator[OpenProject]:
    with open_project(copy_of(statistics_template, tmp_path), backup_on_open=False) as project:
        yield project


def test_label_distribution_counts_decided_labels_per_annotator(built: OpenProject) -> None:
    with built.db.read() as session:
        data = label_distribution(session, built.project_id)
    assert data.entities.counts == {
        "anna": {"PER": 1, "LOC": 1, "ORG": 2, "MISC": 1},
        "ben": {"PER": 2},
    }
    assert data.entities.labels == ["PER", "LOC", "ORG", "MISC"]
    assert data.entities.colours["PER"] == "#cc79a7"
    assert data.stance.counts == {"anna": {"FAVOR": 1}, "ben": {"AGAINST": 2}}
    assert data.stance.used_labels() == ["FAVOR", "AGAINST"]


def test_progress_counts_each_document_once_on_its_first_done_day(built: OpenProject) -> None:
    with built.db.read() as session:
        data = progress_over_time(session, built.project_id, UTC)
        east = progress_over_time(session, built.project_id, timezone(timedelta(hours=2)))
    assert data.documents == 4
    anna, ben = data.annotators
    assert (anna.annotator, anna.days, anna.cumulative) == (
        "anna",
        [date(2024, 3, 1), date(2024, 3, 4)],
        [2, 3],
    )
    assert (ben.days, ben.cumulative) == ([date(2024, 3, 2), date(2024, 3, 4)], [1, 2])
    # 23:30 UTC is already the next day two hours east.
    assert east.annotators[1].days == [date(2024, 3, 3), date(2024, 3, 4)]


def test_time_per_document_of_done_documents_with_time(built: OpenProject) -> None:
    with built.db.read() as session:
        data = time_per_document(session, built.project_id)
    assert [(a.annotator, a.seconds, a.median) for a in data.annotators] == [
        ("anna", [90.0, 120.0, 300.0], 120.0),
        ("ben", [600.0], 600.0),
    ]
    histogram = time_histogram(data)
    assert histogram.edges == [60.0 * i for i in range(12)]  # a minute each, up to 11
    assert histogram.counts["anna"] == [0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0]
    assert histogram.counts["ben"] == [0] * 10 + [1]
    assert not histogram.open_ended


def test_a_long_tail_goes_into_the_last_bin() -> None:
    times = TimePerDocument([AnnotatorTimes("anna", [60.0] * 19 + [36_000.0])])
    histogram = time_histogram(times)
    assert histogram.edges == [0.0, 15.0, 30.0, 45.0, 60.0, 75.0]
    assert histogram.counts["anna"] == [0, 0, 0, 0, 20]
    assert histogram.open_ended
    assert time_histogram(TimePerDocument([])).edges == []


def test_suggestion_outcomes_per_origin_and_suggested_label(built: OpenProject) -> None:
    with built.db.read() as session:
        rows = suggestion_outcomes(session, built.project_id).rows
    assert rows == [
        SuggestionOutcome("entity", "manual", "LOC", accepted=1),
        SuggestionOutcome("entity", "model", "LOC", edited=1, rejected=1, open=1),
        SuggestionOutcome("entity", "model", "PER", accepted=3, rejected=1, open=1),
        SuggestionOutcome("entity", "pattern", "ORG", accepted=1, rejected=1),
        SuggestionOutcome("stance", "model", "FAVOR", accepted=1, edited=1),
        SuggestionOutcome("stance", "pattern", "NEUTRAL", edited=1, rejected=1),
    ]
    assert rows[2].acceptance_rate == pytest.approx(0.75)
    assert rows[1].acceptance_rate == 0.0
    assert SuggestionOutcome("entity", "model", "PER", open=4).acceptance_rate is None


def test_an_empty_project_has_nothing_to_show(project: OpenProject) -> None:
    with project.db.read() as session:
        labels = label_distribution(session, project.project_id)
        progress = progress_over_time(session, project.project_id)
        times = time_per_document(session, project.project_id)
        outcomes = suggestion_outcomes(session, project.project_id)
    assert labels.entities.counts == {} and labels.entities.used_labels() == []
    assert labels.entities.labels  # the default schema is there all the same
    assert progress.annotators == [] and progress.documents == 0
    assert times.annotators == [] and outcomes.rows == []
