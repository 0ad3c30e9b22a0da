"""A small project whose discourse network is counted by hand in the tests
(tests/storage/test_network_export.py says the counts).

Actors: Jack Watling (alias Watling), Viktor Trehubov (alias Trehubov), NATO. Targets: NATO,
Russland, USA. anna and ben label; rita reviews D2's last sentence (gold AGAINST, held by
the author, as gold rows name no holder).

anna: D1 s0 USA AGAINST (words "Watling"); D1 s1 NATO FAVOR (actor Viktor Trehubov);
      D1 s1 Russland NEUTRAL (Trehubov: not counted); D1 s2 Russland AGAINST (actor NATO);
      D2 s0 Russland AGAINST ("Trehubov"); D2 s1 NATO FAVOR ("Watling");
      D2 s2 Russland AGAINST (author; the review settles it); D3 s0 and s1 Russland
      AGAINST ("Watling" each); D3 document stance NATO FAVOR (author).
ben:  D1 s1 NATO AGAINST (actor Viktor Trehubov); D2 s0 Russland AGAINST ("Trehubov");
      D2 s2 Russland FAVOR (author; the review settles it); D1 s2 Russland AGAINST
      (words "Die NATO", no actor's); rejects a suggestion D1 s0 USA FAVOR.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.project import OpenProject
from storage.review.edits import ReviewEditor
from storage.stance.actors import add_actors
from storage.stance.edits import StanceEditor
from storage.stance.store import add_target
from tests.export_factories import suggest_stance
from tests.factories import add_annotator, add_documents

TEXTS = [
    "Watling warnte vor der Pause der USA. Trehubov lobte die NATO. Die NATO kritisierte Russland.",
    "Trehubov kritisierte Russland scharf. Watling lobte die NATO. Russland drohte erneut.",
    "Watling kritisierte Russland. Dann kritisierte Watling Russland noch einmal.",
]


@dataclass(frozen=True)
class NetworkProject:
    documents: list[int]


def sentence(text: str, index: int) -> tuple[int, int]:
    """Offsets of sentence ``index`` (sentences end with ". ")."""
    start = 0
    for _ in range(index):
        start = text.index(". ", start) + 2
    end = text.find(". ", start)
    return start, (end + 1 if end >= 0 else len(text))


def words(text: str, word: str, index: int) -> tuple[int, int]:
    """Offsets of ``word`` in sentence ``index``."""
    start, end = sentence(text, index)
    at = text.index(word, start, end)
    return at, at + len(word)


def _label(
    editor: StanceEditor,
    doc: int,
    index: int,
    target: str,
    label: str,
    actor: str | None = None,
    holder_words: str | None = None,
) -> None:
    text = TEXTS[doc - 1]
    result = editor.set_sentence(doc, *sentence(text, index), index, target, label)
    if actor is not None or holder_words is not None:
        span = words(text, holder_words, index) if holder_words else (None, None)
        editor.set_holder(result.span_ids[0], actor, *span)


def build_network_project(project: OpenProject) -> NetworkProject:
    pid = project.project_id
    for target in ("NATO", "Russland", "USA"):
        add_target(project.db, pid, target)
    add_actors(
        project.db,
        pid,
        [
            ("Jack Watling", ["Watling"], "person"),
            ("Viktor Trehubov", ["Trehubov"], "person"),
            ("NATO", [], "organisation"),
        ],
    )
    docs = add_documents(project, TEXTS)
    assert docs == [1, 2, 3]
    anna = StanceEditor(project.db, pid, add_annotator(project, "anna"))
    ben = StanceEditor(project.db, pid, add_annotator(project, "ben"))
    _label(anna, 1, 0, "USA", "AGAINST", holder_words="Watling")
    _label(anna, 1, 1, "NATO", "FAVOR", actor="Viktor Trehubov")
    _label(anna, 1, 1, "Russland", "NEUTRAL", holder_words="Trehubov")
    _label(anna, 1, 2, "Russland", "AGAINST", actor="NATO")
    _label(anna, 2, 0, "Russland", "AGAINST", holder_words="Trehubov")
    _label(anna, 2, 1, "NATO", "FAVOR", holder_words="Watling")
    _label(anna, 2, 2, "Russland", "AGAINST")
    _label(anna, 3, 0, "Russland", "AGAINST", holder_words="Watling")
    _label(anna, 3, 1, "Russland", "AGAINST", holder_words="Watling")
    anna.set_document_stance(3, "NATO", "FAVOR")
    _label(ben, 1, 1, "NATO", "AGAINST", actor="Viktor Trehubov")
    _label(ben, 2, 0, "Russland", "AGAINST", holder_words="Trehubov")
    _label(ben, 2, 2, "Russland", "FAVOR")
    _label(ben, 1, 2, "Russland", "AGAINST", holder_words="Die NATO")
    ben.reject(suggest_stance(project, 1, TEXTS[0], "USA", "FAVOR"))
    rita = ReviewEditor(project.db, pid, add_annotator(project, "rita"))
    rita.pick_stance(2, 2, "Russland", "AGAINST")
    return NetworkProject(docs)
