"""Builders the model tests share: projects with accepted entity or stance labels to train on,
and projects imported through the command line."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

import services.stance_training as stance_training
from nlp.stance_gold import read_articles
from storage.entity_edits import EntityEditor
from storage.label_schema import add_label
from storage.models import (
    AnnotationState,
    Document,
    DocumentStatusValue,
    OriginKind,
    StanceAnnotation,
    StanceLabel,
    StanceScope,
    StanceTarget,
)
from storage.progress import set_status
from storage.project import get_or_create_annotator, open_project
from storage.stance.store import add_target
from tests.factories import add_annotator, add_documents, run

WEAPONS = ["Leopard", "Taurus", "Patriot", "Iskander", "Himars", "Gepard"]
PLACES = ["Berlin", "Kiew", "Moskau", "Warschau"]
TEMPLATES = [
    "Die Regierung in {loc} lehnt die Lieferung von {w} weiterhin ab.",
    "Nach Angaben aus {loc} sind neue {w} an der Front eingetroffen.",
    "Experten in {loc} halten das System {w} für sehr wirksam.",
]
DONE = DocumentStatusValue.DONE
UNLABELLED = [
    "Olaf Scholz sprach am Montag in Berlin über die Lage in der Ukraine.",
    "In Kiew traf Anna Berg den Botschafter der Vereinigten Staaten.",
]


def labelled_texts(count: int) -> list[str]:
    return [
        TEMPLATES[i % len(TEMPLATES)].format(loc=PLACES[i % len(PLACES)], w=WEAPONS[i % 6])
        + f" Meldung {i}."
        for i in range(count)
    ]


def make_labelled_project(path: Path, count: int) -> list[str]:
    """A project whose first ``count`` documents have accepted WAFFE and LOC spans by anna,
    who marked them done (only then do they count for training), plus two unlabelled ones
    (rehearsal material); returns the labelled texts."""
    texts = labelled_texts(count)
    with open_project(path) as project:
        ids = add_documents(project, texts + UNLABELLED)
        add_label(project.db, project.project_id, "entity", "WAFFE", "#ff0000")
        anna = add_annotator(project)
        editor = EntityEditor(project.db, project.project_id, anna)
        for i, (document_id, text) in enumerate(zip(ids, texts, strict=False)):
            for word, label in ((WEAPONS[i % 6], "WAFFE"), (PLACES[i % len(PLACES)], "LOC")):
                start = text.index(word)
                editor.add(document_id, start, start + len(word), label)
            set_status(project.db, project.project_id, document_id, anna, DONE)
    return texts


ARTICLES = [
    "Olaf Scholz sprach am Montag in Berlin über die Lage in der Ukraine und die NATO.",
    "In Kiew traf Anna Berg den Botschafter, sagte ein Sprecher der Regierung.",
]


def make_project(capsys, tmp_path, texts=ARTICLES):
    folder = tmp_path / "artikel"
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i}-{len(text)}.txt").write_text(text, encoding="utf-8")
    project = str(tmp_path / "p.sqlite")
    assert run(capsys, "import", "--project", project, str(folder))[0] == 0
    return project


DATA = Path(__file__).parent / "nlp" / "stance_data"
TARGETS = {
    "Russland": ["Russlands", "Moskau", "Moskaus", "Kreml*"],
    "Ukraine": ["Kiew", "Kiews"],
    "NATO": ["Nato"],
    "USA": ["US", "Washington", "Washingtons"],
    "EU": ["Brüssel"],
    "Nordkorea": ["Nordkoreas", "Pjöngjang"],
    "China": ["Chinas", "Peking"],
    "Iran": ["Irans", "Teheran"],
}


def labelled_stance_project(capsys, tmp_path) -> str:
    """A project of the hand-labelled articles with every label accepted by an annotator."""
    articles = read_articles(DATA / "articles_de.jsonl")
    texts = [a.sentences[0] + "\n" + " ".join(a.sentences[1:]) for a in articles]
    project = make_project(capsys, tmp_path, texts)
    with open_project(project) as opened:
        for name, aliases in TARGETS.items():
            add_target(opened.db, opened.project_id, name, aliases)
        with opened.db.write() as session:
            anna = get_or_create_annotator(session, "anna").id
            targets = {t.name: t.id for t in session.scalars(select(StanceTarget))}
            labels = {lb.name: lb.id for lb in session.scalars(select(StanceLabel))}
            for article, text in zip(articles, texts, strict=True):
                document = session.scalars(select(Document).where(Document.text == text)).one()
                offsets, position = [], 0
                for sentence in article.sentences:
                    start = text.index(sentence, position)
                    offsets.append((start, start + len(sentence)))
                    position = start + len(sentence)
                for (index, target), label in article.labels.items():
                    session.add(
                        StanceAnnotation(
                            document_id=document.id,
                            doc_length=document.text_length,
                            start_offset=offsets[index][0],
                            end_offset=offsets[index][1],
                            scope=StanceScope.SENTENCE,
                            sentence_index=index,
                            target_id=targets[target],
                            label_id=labels[label],
                            state=AnnotationState.ACCEPTED,
                            origin_kind=OriginKind.MANUAL,
                            annotator_id=anna,
                        )
                    )
    return project


def stance_oracle(project: str) -> dict[tuple[str, str], str]:
    """The accepted label of every (sentence, target) of the project."""
    with open_project(project) as opened:
        return {
            (e.sentence, e.target): e.label
            for _sha, e in stance_training.labelled_examples(opened.db, opened.project_id)
        }
