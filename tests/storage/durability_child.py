"""A child process for the durability test: imports and edits in a loop, and reports on
stdout each change the moment its commit returned, until it is killed."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from storage.entity_edits import EntityEditor
from storage.importing.records import ImportedRecord
from storage.importing.service import Importer
from storage.project import get_or_create_annotator, open_project

WORDS = "Die NATO und Russland beraten in Berlin über die Lage in der Ukraine".split()


def main(project_file: str, run: int) -> None:
    project = open_project(project_file)
    with project.db.write() as session:
        annotator = get_or_create_annotator(session, f"child-{run}").id
    editor = EntityEditor(project.db, project.project_id, annotator)
    importer = Importer(project.db, project.project_id)
    print("ready", flush=True)
    for step in range(1_000_000):
        text = " ".join(WORDS[(step + i) % len(WORDS)] for i in range(40)) + f" Lauf {run}.{step}"
        summary = importer.import_items([ImportedRecord(text=text, source="k", location="k")])
        document_id = summary.document_ids[0]
        print(f"document {document_id} {len(text)}", flush=True)
        span = editor.add(document_id, 4, 8, "ORG").span_ids[0]
        print(f"span {span} {document_id}", flush=True)
        editor.relabel(span, "LOC")
        print(f"relabel {span}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
