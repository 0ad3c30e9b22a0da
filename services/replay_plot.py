"""The learning curve of a replay as a PNG: corrections per gold entity and per stance pair,
block by block, against the 1.0 an annotator spends without suggestions. Drawn with
matplotlib's Agg canvas: no display, no Qt (the window draws the same with Qt)."""

from __future__ import annotations

from pathlib import Path


def curve_points(result: dict) -> tuple[list[int], list[float], list[float | None]]:
    """The last document of each block, its corrections per gold entity and per stance
    pair (None for a block without stance pairs)."""
    blocks = result["blocks"]
    ends = [block["documents"][1] for block in blocks]
    entities = [block["entities"]["corrections_per_gold"] for block in blocks]
    stance = [
        block["stance"]["corrections_per_pair"] if block["stance"]["pairs"] else None
        for block in blocks
    ]
    return ends, entities, stance


def plot_replay(result: dict, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    ends, entities, stance = curve_points(result)
    figure = Figure(figsize=(7, 4.5), dpi=100)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    axes.plot(ends, entities, marker="o", label="corrections per gold entity")
    if any(value is not None for value in stance):
        pairs = [(x, y) for x, y in zip(ends, stance, strict=True) if y is not None]
        axes.plot(*zip(*pairs, strict=True), marker="s", label="corrections per stance pair")
    axes.axhline(1.0, color="grey", linestyle="--", label="entities without suggestions")
    from services.replay_figures import takeovers  # it reads the points from here

    for number, takeover in enumerate(takeovers(result["blocks"], "entities")):
        label = "new entity model from here" if number == 0 else None
        axes.axvline(takeover.documents, color="tab:orange", linestyle=":", label=label)
    axes.set_xlabel("documents done (end of block)")
    axes.set_ylabel("corrections")
    top = max([1.05, *entities, *(v for v in stance if v is not None)])
    axes.set_ylim(0, top * 1.05)
    axes.set_xlim(left=0)
    summary = result.get("summary", {})
    axes.set_title(f"Replay: corrections per block of {summary.get('block', '?')} documents")
    axes.grid(alpha=0.3)
    axes.legend(loc="upper right")
    figure.tight_layout()
    figure.savefig(path, format="png")
