"""What the statistics window reads of a stored replay: the PNG's points, only the tasks the
replay labelled, where a new model first suggested, the first and last block."""

from __future__ import annotations

import pytest

from services.replay import store_replay
from services.replay_figures import (
    ReplayFiguresError,
    Takeover,
    read_replay,
    replay_figures,
)
from services.replay_plot import curve_points
from storage.project import OpenProject
from tests.replay_factories import block, result


def test_the_points_are_the_pngs() -> None:
    figures = replay_figures(result())
    ends, entities, _stance = curve_points(result())
    assert figures.ends == ends == [10, 20, 30]
    assert figures.entities == entities == [0.9, 0.55, 0.3]
    assert figures.stance == [(10, 0.5), (20, 0.25)]
    assert (figures.first.per_gold, figures.last.per_gold) == (0.9, 0.3)
    assert (figures.first.per_pair, figures.last.per_pair) == (0.5, None)  # no pair: None
    assert figures.entity_models == ["base@1", "project@2"]
    assert figures.documents == 30 and figures.block == 10 and figures.seconds == 125.0


def test_a_task_the_replay_did_not_label_is_left_out() -> None:
    figures = replay_figures(result(stance=False))
    assert figures.stance is None and figures.stance_takeovers == []
    assert figures.first.per_pair is None
    figures = replay_figures(result(entities=False))
    assert figures.entities is None and figures.entity_takeovers == []


def test_a_takeover_is_the_block_a_model_first_suggested_in() -> None:
    data = result()
    data["blocks"].append(block(31, 40, 0.2, 0, 0.0, ["project@2", "project@3"]))
    data["blocks"].append(block(41, 50, 0.2, 0, 0.0, ["project@3"]))
    figures = replay_figures(data)
    assert figures.entity_takeovers == [Takeover(10, "project@2"), Takeover(30, "project@3")]
    assert figures.stance_takeovers == []  # the lexicon throughout


def test_a_project_never_replayed_has_none(project: OpenProject) -> None:
    assert read_replay(project) is None
    store_replay(project, result())
    figures = read_replay(project)
    assert figures is not None and figures.ends == [10, 20, 30]


def test_figures_of_another_shape_are_an_error() -> None:
    with pytest.raises(ReplayFiguresError, match="unexpected replay figures"):
        replay_figures({"blocks": [{"documents": [1, 2]}], "summary": {}})
