"""A child process for the killed-merge test: merges the files named on the command line
into the project and says on stdout when each file is in (inside the one transaction), so
the parent can kill it while the merge is under way."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from services.offline_teams import merge_into
from storage.project import open_project


def main(project_file: str, sources: list[str]) -> None:
    with open_project(project_file, backup_on_open=False) as project:

        def progress(_source: str, done: int, _total: int) -> None:
            print(f"merged {done}", flush=True)

        merge_into(project, sources, progress=progress)
    print("committed", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
