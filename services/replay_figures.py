"""What the statistics window shows of a project's last replay (``main.py replay --project``):
the curve's points as the PNG draws them (``services.replay_plot.curve_points``), only for
the tasks the replay labelled, where a new model took over, and the figures of the first
and the last block. Qt-free: the window draws it in the user's language."""

from __future__ import annotations

from dataclasses import dataclass

from services.replay import stored_replay
from services.replay_plot import curve_points
from services.session import OpenProject


@dataclass(frozen=True)
class Takeover:
    """A model that suggested for the first time in a block."""

    documents: int  # documents done when the block began
    model: str


@dataclass(frozen=True)
class BlockFigures:
    """The headline of one block."""

    first: int
    last: int
    per_gold: float | None  # corrections per gold entity; None: entities not replayed
    per_pair: float | None  # corrections per stance pair; None: none in the block


@dataclass(frozen=True)
class ReplayFigures:
    ends: list[int]  # x: the last document of each block
    entities: list[float] | None  # per block; None: the replay labelled no entities
    stance: list[tuple[int, float]] | None  # (x, per pair), blocks with pairs; None: no stance
    entity_takeovers: list[Takeover]
    stance_takeovers: list[Takeover]
    first: BlockFigures
    last: BlockFigures
    entity_models: list[str]  # the models that suggested entities, in order
    stance_models: list[str]
    trained: dict[str, int]  # trainings that ran, by task
    documents: int
    block: int  # documents per block
    seconds: float
    gold: str


class ReplayFiguresError(ValueError):
    """A stored replay the window cannot read (written by another version)."""


def read_replay(project: OpenProject) -> ReplayFigures | None:
    """The figures of the project's last replay; None: it was never replayed."""
    result = stored_replay(project)
    return None if result is None or not result["blocks"] else replay_figures(result)


def replay_figures(result: dict) -> ReplayFigures:
    """``result`` as ``replay --json`` prints it (at least one block)."""
    try:
        return _figures(result)
    except (KeyError, IndexError, TypeError) as exc:
        raise ReplayFiguresError(f"unexpected replay figures ({exc!r})") from exc


def _figures(result: dict) -> ReplayFigures:
    blocks, summary = result["blocks"], result["summary"]
    labelled = summary.get("labelled", {"entities": True, "stance": True})
    ends, entities, stance = curve_points(result)
    pairs = [(x, y) for x, y in zip(ends, stance, strict=True) if y is not None]
    return ReplayFigures(
        ends=ends,
        entities=entities if labelled["entities"] else None,
        stance=pairs if labelled["stance"] else None,
        entity_takeovers=takeovers(blocks, "entities") if labelled["entities"] else [],
        stance_takeovers=takeovers(blocks, "stance") if labelled["stance"] else [],
        first=_headline(blocks[0], labelled),
        last=_headline(blocks[-1], labelled),
        entity_models=_models(blocks, "entities"),
        stance_models=_models(blocks, "stance"),
        trained={kind: int(n) for kind, n in summary.get("trained", {}).items()},
        documents=int(summary["documents"]),
        block=int(summary["block"]),
        seconds=float(summary["seconds"]),
        gold=str(summary.get("gold") or ""),
    )


def takeovers(blocks: list[dict], task: str) -> list[Takeover]:
    """Each model of ``task`` ("entities" or "stance") that suggested in a block but in no
    block before it; the first block's models were there from the start."""
    seen = set(blocks[0]["models"][task]) if blocks else set()
    found: list[Takeover] = []
    for block in blocks[1:]:
        for name in block["models"][task]:
            if name not in seen:
                seen.add(name)
                found.append(Takeover(int(block["documents"][0]) - 1, name))
    return found


def _models(blocks: list[dict], task: str) -> list[str]:
    names: list[str] = []
    for block in blocks:
        names += [name for name in block["models"][task] if name not in names]
    return names


def _headline(block: dict, labelled: dict) -> BlockFigures:
    first, last = block["documents"]
    stance = block["stance"]
    return BlockFigures(
        first=int(first),
        last=int(last),
        per_gold=block["entities"]["corrections_per_gold"] if labelled["entities"] else None,
        per_pair=stance["corrections_per_pair"] if labelled["stance"] and stance["pairs"] else None,
    )
