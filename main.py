"""Standpunkt: start the annotation app, or run batch work from the command line.

    python main.py                          start the app on the default project
    python main.py gui [--project P] [--screenshot PNG] [--document N] [--size WxH]
    python main.py import --project P FILE...
    python main.py import --project P --corrections FILE.xlsx [--annotator NAME]
    python main.py stats --project P [--json]
    python main.py agreement --project P [--json]
    python main.py suggest --project P [--model NAME_OR_DIR] [--only-new] [--language de|en]
    python main.py evaluate --model NAME_OR_DIR --data FILE
    python main.py targets --project P [--add NAME --alias WORD ...] [--propose]
    python main.py evaluate-stance --project P
    python main.py train --project P --component ner|stance|both [--out DIR] [--activate]
    python main.py models --project P [--json]
    python main.py learning-curve --project P --component ner [--sizes N,N,...] [--plot PNG]
    python main.py export --project P --format xlsx --out FILE.xlsx [--annotator NAME]
                          [--state accepted|all] [--status done|all]

Exit codes: 0 success, 2 bad usage, 1 failure (with a one-line reason on stderr).
Each command is a short function that wires the layers below; the logic lives there.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.learning_curve import LearningCurve
    from storage.model_registry import ModelInfo

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2
SAMPLES_DIR = Path(__file__).resolve().parent / "resources" / "samples"


class CommandError(Exception):
    """A failure to report as one line on stderr (exit code 1)."""


class UsageError(Exception):
    """Options that do not fit together (exit code 2, like argparse's own errors)."""


# What a terminal acts on instead of showing: C0 and C1 controls (ESC and CSI start the
# sequences that set the window title or clear the screen; CR overwrites the line), DEL,
# bidirectional controls and line separators (they make text read other than it is), and lone
# surrogates (names that were not UTF-8, which could not even be printed). Tab and newline
# stay. Each becomes its \uXXXX escape, which also keeps JSON output valid JSON.
_UNSAFE_FOR_TERMINAL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]"
)


def terminal_safe(text: str) -> str:
    """``text`` with every character a terminal would act on written as its escape."""
    return _UNSAFE_FOR_TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _TerminalSafeStream:
    """stdout or stderr as the commands print to it: everything written is made
    ``terminal_safe``; ``raw`` is the stream itself, for our own progress lines."""

    def __init__(self, raw: object) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(terminal_safe(text))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.raw, name)


@contextlib.contextmanager
def _terminal_safe_output() -> Iterator[None]:
    """Print names, labels and messages from imported data as text, never as commands to
    the terminal (a title-setting escape in an article's label, say)."""
    saved = sys.stdout, sys.stderr
    if isinstance(saved[0], _TerminalSafeStream):  # made safe for the whole process already
        yield
        return
    for stream in saved:
        with contextlib.suppress(AttributeError, ValueError):  # not a real file (a test's)
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.stdout = _TerminalSafeStream(saved[0])  # type: ignore[assignment]
    sys.stderr = _TerminalSafeStream(saved[1])  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _database_failure(project: str | None, exc: Exception) -> str | None:
    """One line for a database that failed under a command (damaged after it was opened, a
    disk I/O error, a lock held too long, a server gone), or None for any other exception:
    constraint and programming errors are bugs and keep their traceback."""
    import sqlite3

    from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
    from sqlalchemy.exc import OperationalError

    orig = exc.orig if isinstance(exc, SQLAlchemyDatabaseError) and exc.orig else exc
    corrupt = getattr(orig, "sqlite_errorname", "") == "SQLITE_CORRUPT"
    operational = isinstance(orig, sqlite3.OperationalError) or isinstance(exc, OperationalError)
    if not (corrupt or operational):
        return None
    first_line = (str(orig).splitlines() or [type(orig).__name__])[0]
    file = _project_file(project)
    if corrupt and file is not None:
        from storage.backup import newest_good_backup
        from storage.project_check import DamagedProjectError

        return str(DamagedProjectError(file, first_line, newest_good_backup(file)))
    where = f" on {file or project}" if project else ""
    return f"database error{where}: {first_line}"


def _project_file(project: str | None) -> Path | None:
    from storage.database import DatabaseError, resolve_location

    if project is None:
        return None
    try:
        return resolve_location(project).file
    except DatabaseError:
        return None


def _raw_stderr():  # type: ignore[no-untyped-def]
    """stderr for our own progress lines, whose carriage returns redraw the line."""
    return getattr(sys.stderr, "raw", sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Annotate news articles with named entities and stance. "
        "Without a command, the app starts.",
    )
    parser.add_argument(
        "--project",
        help="project file or SQLAlchemy URL to open in the app "
        "(default: the project in your data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_gui_command(commands)

    importer = commands.add_parser(
        "import",
        help="import articles into a project",
        description="Import .txt files, folders of them, JSONL, CSV/TSV or XLSX into a project. "
        "Duplicates and bad input are reported and skipped; the rest is imported.",
    )
    _add_project_option(importer, creates=True)
    importer.add_argument("paths", nargs="*", metavar="FILE_OR_DIR", type=Path)
    importer.add_argument(
        "--corrections",
        type=Path,
        metavar="FILE.xlsx",
        help="import a corrected export workbook instead: changed rows of its Entities, Stance "
        "and Document stance sheets become edits by --annotator (default: corrections)",
    )
    importer.add_argument(
        "--text-field",
        metavar="NAME",
        help="the column (CSV/XLSX) or key (JSONL) holding the text (default: text)",
    )
    importer.add_argument(
        "--annotator",
        type=_name,
        help="annotator that imported spans belong to (default: import), or who makes the "
        "edits of --corrections (default: corrections)",
    )
    importer.add_argument(
        "--spans-as-suggestions",
        action="store_true",
        help="import spans from JSONL as suggestions to review, not as accepted labels",
    )
    importer.add_argument(
        "--strict", action="store_true", help="exit with 1 if any input could not be imported"
    )
    importer.add_argument(
        "--force",
        action="store_true",
        help="with --corrections: apply a workbook that was exported from another project",
    )
    importer.set_defaults(run=command_import)

    stats = commands.add_parser(
        "stats",
        help="show what a project holds",
        description="Documents by status and language; spans and stance records by label, "
        "state and origin.",
    )
    _add_project_option(stats)
    stats.add_argument("--json", action="store_true", help="print JSON instead of a table")
    stats.set_defaults(run=command_stats)

    agreement = commands.add_parser(
        "agreement",
        help="show how far annotators agree",
        description="Inter-annotator agreement over the documents two or more annotators "
        "labelled: entity span F1 and token-level Cohen's kappa per pair and label; sentence "
        "stance Cohen's kappa per pair and Krippendorff's alpha across all, per target.",
    )
    _add_project_option(agreement)
    agreement.add_argument("--json", action="store_true", help="print JSON instead of text")
    agreement.set_defaults(run=command_agreement)

    suggest = commands.add_parser(
        "suggest",
        help="store entity and stance suggestions for a project's documents",
        description="Run the entity suggesters (the language's spaCy pipeline and the pattern "
        "files) and the stance suggester (toward the project's targets) over the documents and "
        "store their suggestions. Without --model, the project's active trained entity model "
        "suggests for its language (see `models`), and its suggestions take over the open ones "
        "of the model before. Decisions of annotators are never changed, rejected spans are "
        "not suggested again, and re-running is idempotent.",
    )
    _add_project_option(suggest)
    suggest.add_argument(
        "--model",
        metavar="NAME_OR_DIR",
        help="spaCy pipeline package or folder to use (default: the project's active trained "
        "model for the language, else an installed or the shipped pipeline)",
    )
    suggest.add_argument(
        "--only-new",
        action="store_true",
        help="only documents the suggester (entities, stance) has not seen yet",
    )
    suggest.add_argument(
        "--language",
        choices=["de", "en"],
        help="only documents in this language (documents of unknown language count as it)",
    )
    suggest.add_argument(
        "--processes", type=int, default=1, metavar="N", help="worker processes (default 1)"
    )
    suggest.add_argument(
        "--patterns",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="an extra pattern file (JSONL) on top of the shipped gazetteers and the "
        "project's own (<project>.patterns/*.jsonl); repeatable",
    )
    only = suggest.add_mutually_exclusive_group()
    only.add_argument("--entities-only", action="store_true", help="only entity suggestions")
    only.add_argument("--stance-only", action="store_true", help="only stance suggestions")
    suggest.set_defaults(run=command_suggest)

    targets = commands.add_parser(
        "targets",
        help="list, propose and add stance targets",
        description="Stance targets are what sentences take a side on (a country, an "
        "organisation, a person). Without options the project's targets are listed.",
    )
    _add_project_option(targets)
    targets.add_argument(
        "--add", type=_name, metavar="NAME", help="add a target (or aliases to it)"
    )
    targets.add_argument(
        "--alias",
        type=_name,
        action="append",
        default=[],
        metavar="WORD",
        help="another way the target is written (Russlands, Moskau, Kreml*); repeatable",
    )
    targets.add_argument(
        "--propose",
        action="store_true",
        help="show the most frequent names of the project as candidate targets",
    )
    targets.set_defaults(run=command_targets)

    trainer = commands.add_parser(
        "train",
        help="train a suggester from the project's labels",
        description="Train the stance classifier from the accepted sentence labels (at least "
        "30 of each label), score it and the lexicon on held-out documents, and with "
        "--activate let it suggest from now on if it is better. With --component ner, "
        "fine-tune the entity model on the spans of documents marked done or imported with "
        "accepted spans (at least 5 documents) and score it and the active model on held-out "
        "documents. Every model is recorded (see `models`).",
    )
    _add_project_option(trainer)
    trainer.add_argument("--component", choices=["ner", "stance", "both"], required=True)
    trainer.add_argument(
        "--out", type=Path, metavar="DIR", help="where the model goes (default: <project>.models/)"
    )
    trainer.add_argument(
        "--activate", action="store_true", help="use the new model if it beats the active suggester"
    )
    trainer.set_defaults(run=command_train)
    _add_model_commands(commands)
    _add_export_command(commands)
    _add_project_file_commands(commands)

    evaluate_stance = commands.add_parser(
        "evaluate-stance",
        help="score the stance suggester against accepted stance labels",
        description="Accuracy, macro-F1 and a confusion matrix of the current stance "
        "suggester against the stance labels annotators accepted, next to the majority-class "
        "baseline.",
    )
    _add_project_option(evaluate_stance)
    evaluate_stance.set_defaults(run=command_evaluate_stance)

    evaluate = commands.add_parser(
        "evaluate",
        help="score an entity pipeline on labelled data",
        description="Per-label and overall precision, recall and F1 of a pipeline's entities "
        "on CoNLL/IOB data (one token per line) or a spaCy DocBin (.spacy).",
    )
    evaluate.add_argument("--model", required=True, metavar="NAME_OR_DIR")
    evaluate.add_argument("--data", required=True, type=Path, metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="print JSON instead of a table")
    evaluate.set_defaults(run=command_evaluate)
    return parser


def _add_gui_command(commands: argparse._SubParsersAction) -> None:
    gui = commands.add_parser(
        "gui",
        help="start the app, or save a picture of its window",
        description="Start the app on a project (as without a command). With --screenshot, "
        "open the project, show one document once its entity highlights and stance are "
        "painted, save the window as a PNG and exit; no display is needed for that.",
    )
    gui.add_argument(
        "--project",
        metavar="PATH_OR_URL",
        default=argparse.SUPPRESS,  # `python main.py --project P gui` works too
        help="project file or SQLAlchemy URL (default: the project in your data folder; "
        "created, with sample articles, if missing)",
    )
    gui.add_argument("--screenshot", type=Path, metavar="PNG", help="save the window here")
    gui.add_argument(
        "--document",
        type=_positive,
        metavar="N",
        help="with --screenshot: the Nth document of the list (default: 1, the first)",
    )
    gui.add_argument(
        "--size",
        type=_window_size,
        metavar="WxH",
        help="with --screenshot: the window's size in pixels (default: 1400x860)",
    )
    gui.set_defaults(run=command_gui)


def _add_model_commands(commands: argparse._SubParsersAction) -> None:
    models = commands.add_parser(
        "models",
        help="list the models trained for a project",
        description="Every entity model and stance classifier trained for the project: its "
        "version, language, what it started from, how many documents and spans it learnt "
        "from, its held-out F1 next to the base's, when it was made, and which one is active "
        "(suggests now).",
    )
    _add_project_option(models)
    models.add_argument("--json", action="store_true", help="print JSON instead of a table")
    models.set_defaults(run=command_models)

    curve = commands.add_parser(
        "learning-curve",
        help="how the entity model improves with more labelled documents",
        description="Fine-tune the entity model on growing numbers of the project's training "
        "documents (never the held-out ones) and print the held-out F1 of each next to the "
        "base model's. Nothing is saved or activated.",
    )
    _add_project_option(curve)
    curve.add_argument("--component", choices=["ner", "stance"], default="ner")
    curve.add_argument(
        "--sizes",
        metavar="N,N,...",
        help="numbers of training documents (default: 25, 50, 75 and 100 %% of them)",
    )
    curve.add_argument("--plot", type=Path, metavar="FILE.png", help="also draw it as a PNG")
    curve.set_defaults(run=command_learning_curve)

    assign = commands.add_parser(
        "assign",
        help="assign documents to annotators",
        description="Give each annotator a share of the documents; a share of overlap "
        "documents goes to every annotator, for agreement. Documents already assigned are "
        "left alone, so running it again assigns only new documents. In the app, the filter "
        "bar's *Assigned to me* shows an annotator their documents.",
    )
    _add_project_option(assign)
    assign.add_argument(
        "--annotators",
        type=_name,
        required=True,
        metavar="NAMES",
        help="comma-separated annotator names, e.g. anna,ben,carl",
    )
    assign.add_argument(
        "--overlap",
        type=float,
        default=0.1,
        help="share of the documents every annotator gets, 0 to 1 (default 0.1)",
    )
    assign.add_argument(
        "--seed",
        type=int,
        default=0,
        help="which documents overlap; the same seed gives the same assignment",
    )
    assign.set_defaults(run=command_assign)

    copier = commands.add_parser(
        "copy-project",
        help="copy a whole project to a new or empty database (SQLite and PostgreSQL)",
        description="Copy every table of a project, ids and the event log included, to a new "
        "or empty database: to move a project between a SQLite file and a PostgreSQL server "
        "(postgresql+psycopg://user@host/db) so a team can work on it. A target that holds "
        "data is refused and left as it is.",
    )
    copier.add_argument(
        "--from", dest="from_url", required=True, metavar="PATH_OR_URL", help="the project"
    )
    copier.add_argument(
        "--to", dest="to_url", required=True, metavar="PATH_OR_URL", help="new or empty"
    )
    copier.set_defaults(run=command_copy_project)


def _add_export_command(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser(
        "export",
        help="export a project as an Excel workbook or as training data",
        description="Write the project's documents, entities and stance to an Excel workbook "
        "(xlsx, for people) or as training data (jsonl, spacy, conll, csv). The file appears "
        "only when it is complete; an older file of that name stays until then.",
    )
    _add_project_option(export)
    export.add_argument(
        "--format", required=True, choices=["xlsx", "jsonl", "spacy", "conll", "csv"]
    )
    export.add_argument("--out", required=True, type=Path, metavar="FILE")
    export.add_argument(
        "--annotator",
        type=_name,
        metavar="NAME",
        help="only this annotator's rows (default: everybody's)",
    )
    export.add_argument(
        "--state",
        choices=["accepted", "all"],
        default="accepted",
        help="accepted: what annotators accepted or edited (default); all: also open "
        "suggestions and rejections",
    )
    export.add_argument(
        "--status",
        choices=["done", "all"],
        default="all",
        help="done: only documents marked done (by the annotator, or by anybody); "
        "all: every document (default)",
    )
    export.add_argument(
        "--dev-share",
        type=float,
        metavar="FLOAT",
        help="training data: the share of documents for a dev file (e.g. 0.2)",
    )
    export.add_argument(
        "--seed", type=int, metavar="INT", help="training data: the seed of the train/dev split"
    )
    export.add_argument(
        "--doccano", action="store_true", help="jsonl: also doccano's label: [[start, end, label]]"
    )
    export.set_defaults(run=command_export)


def _add_project_file_commands(commands: argparse._SubParsersAction) -> None:
    restore = commands.add_parser(
        "restore",
        help="restore a project file from one of its backups",
        description="Replace a project file by a backup from <project>.backups/: by default "
        "the newest one that passes SQLite's full integrity check. The file it replaces is "
        "kept in the backups folder (reason before-restore). Close the app on the project "
        "first.",
    )
    _add_project_option(restore)
    restore.add_argument(
        "--backup", type=Path, metavar="FILE", help="restore this backup instead of the newest"
    )
    restore.add_argument(
        "--list",
        action="store_true",
        help="list the backups, newest first, each with the result of its check",
    )
    restore.set_defaults(run=command_restore)

    upgrade = commands.add_parser(
        "upgrade",
        help="upgrade a project saved by an older version",
        description="Check the project, back it up and upgrade its schema to this version's "
        "(the app and every command that writes do this when they open it; commands that "
        "only read do not).",
    )
    _add_project_option(upgrade)
    upgrade.set_defaults(run=command_upgrade)


def _name(text: str) -> str:
    """A name given on the command line that goes into the project (an annotator, a target,
    an alias): text that can be stored, not bytes of another encoding or control codes."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise argparse.ArgumentTypeError(
            f"{terminal_safe(text)!r} is not valid UTF-8 text (check the terminal's encoding)"
        )
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise argparse.ArgumentTypeError(f"{terminal_safe(text)!r} contains control characters")
    return text


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number from 1, not {text!r}")
    return int(text)


def _window_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and int(width) >= 100 and int(height) >= 100):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT of at least 100x100, not {text!r}")
    return int(width), int(height)


def _add_project_option(parser: argparse.ArgumentParser, creates: bool = False) -> None:
    parser.add_argument(
        "--project",
        required=True,
        metavar="PATH_OR_URL",
        help="project file or SQLAlchemy URL" + (" (created if missing)" if creates else ""),
    )


def command_gui(args: argparse.Namespace) -> int:
    if args.screenshot is None:
        if args.document is not None or args.size is not None:
            raise UsageError("--document and --size go with --screenshot")
        return start_app(args.project)
    if not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    from gui.screenshot import DEFAULT_SIZE, ScreenshotError, take_screenshot
    from storage.paths import default_project_file

    size = args.size or DEFAULT_SIZE
    _refuse_project_output(args.project or str(default_project_file()), args.screenshot, "picture")
    try:
        take_screenshot(
            args.project or default_project_file(),
            args.screenshot,
            document_index=(args.document or 1) - 1,
            size=size,
            samples_dir=SAMPLES_DIR,
        )
    except ScreenshotError as exc:
        raise CommandError(str(exc)) from exc
    print(f"saved {args.screenshot} ({size[0]}x{size[1]})")
    return EXIT_OK


def command_import(args: argparse.Namespace) -> int:
    from nlp.language import detect_language
    from storage.importing.records import ReadOptions
    from storage.importing.service import Importer, ImportInterruptedError, ImportSettings

    if args.corrections is not None:
        return _import_corrections(args)
    if args.force:
        raise UsageError("--force goes with --corrections")
    if not args.paths:
        raise UsageError("give FILE_OR_DIR to import (or --corrections FILE.xlsx)")
    annotator = "import" if args.annotator is None else args.annotator
    if not annotator.strip():
        raise UsageError("--annotator needs a name")
    try:
        settings = ImportSettings(
            annotator=annotator,
            spans_as_suggestions=args.spans_as_suggestions,
            detect_language=detect_language,
        )
    except ValueError as exc:  # a name that cannot be stored
        raise UsageError(f"--annotator: {exc}") from exc
    with _open(args.project) as project:
        importer = Importer(project.db, project.project_id, settings)
        try:
            summary = importer.import_paths(args.paths, ReadOptions(text_field=args.text_field))
        except ImportInterruptedError as exc:
            for line in exc.summary.lines()[:-1]:
                print(line, file=sys.stderr)
            raise CommandError(
                f"database error: {exc.reason}; {exc.summary.imported} documents were "
                "imported before it"
            ) from exc
        _spread_memory(project)  # labels imported teach it; new documents get what it knows
    *problems, totals = summary.lines()
    for line in problems:
        print(line, file=sys.stderr)
    print(totals)
    errors = summary.error_count
    if errors and (args.strict or summary.imported == 0):
        raise CommandError(f"{errors} inputs could not be imported (see above)")
    return EXIT_OK


def _import_corrections(args: argparse.Namespace) -> int:
    from storage.export.corrections import (
        CorrectionsFileError,
        ForeignWorkbookError,
        apply_corrections,
    )

    if args.paths or args.text_field is not None or args.spans_as_suggestions:
        raise UsageError(
            "--corrections goes without FILE_OR_DIR, --text-field and --spans-as-suggestions"
        )
    annotator = "corrections" if args.annotator is None else args.annotator
    if not annotator.strip():
        raise UsageError("--annotator needs a name")
    with _open(args.project, create=False) as project:
        try:
            report = apply_corrections(
                project.db, project.project_id, args.corrections, annotator, force=args.force
            )
        except ForeignWorkbookError as exc:
            raise CommandError(f"{exc} (--force applies it anyway)") from exc
        except CorrectionsFileError as exc:
            raise CommandError(str(exc)) from exc
        _spread_memory(project)
    *problems, totals = report.lines()
    for line in problems:
        print(line, file=sys.stderr)
    print(totals)
    if report.not_applied and (args.strict or report.applied + report.unchanged == 0):
        raise CommandError(f"{report.not_applied} rows could not be applied (see above)")
    return EXIT_OK


def _spread_memory(project) -> None:  # type: ignore[no-untyped-def]
    """Bring the project memory's suggestions to every document that contains what it
    learnt (the app does this in the background after each decision)."""
    from storage.memory_pass import propagate_memory

    report = propagate_memory(project.db, project.project_id)
    if report.added or report.removed:
        print(
            f"project memory: {report.added} suggestions added, {report.updated} updated, "
            f"{report.removed} removed in {len(report.changed_documents)} documents",
            file=sys.stderr,
        )


def command_stats(args: argparse.Namespace) -> int:
    from storage.stats import project_stats

    with _open(args.project, read_only=True) as project, project.db.read() as session:
        stats = project_stats(session, project.project_id, project.name)
    if args.json:
        print(json.dumps(stats.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(_format_stats(stats.to_dict()))
    return EXIT_OK


def command_agreement(args: argparse.Namespace) -> int:
    from nlp.agreement_report import NoSharedDocumentsError, project_agreement

    with _open(args.project, read_only=True) as project:
        try:
            report = project_agreement(project.db, project.project_id)
        except NoSharedDocumentsError as exc:
            raise CommandError(str(exc)) from exc
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(report.lines()))
    return EXIT_OK


def command_suggest(args: argparse.Namespace) -> int:
    from nlp.patterns import project_pattern_files
    from nlp.suggest_documents import SuggestOptions

    if args.processes < 1:
        raise UsageError("--processes must be at least 1")
    options = SuggestOptions(
        model=args.model,
        only_new=args.only_new,
        language=args.language,
        processes=args.processes,
        pattern_files=args.patterns,
    )
    entities_failed = False
    with _open(args.project, create=False) as project:
        options.pattern_files += project_pattern_files(project.location.file)
        if not args.stance_only:
            entities_failed = not _suggest_entities(project, options)
            _spread_memory(project)
        if not args.entities_only:
            stance = _suggest_stance(project, args)
            if args.stance_only and stance.skipped and not stance.documents:
                raise CommandError("no stance suggestions could be made (see above)")
    if entities_failed:
        raise CommandError("no document could be suggested for (see above)")
    return EXIT_OK


def _suggest_entities(project, options) -> bool:  # type: ignore[no-untyped-def]
    """Entity suggestions; prints what happened; False when no document could be done."""
    from nlp.patterns import PatternFileError
    from nlp.suggest_documents import suggest_project_in_processes

    try:
        report = suggest_project_in_processes(
            project, options, progress=_progress_printer("suggest")
        )
    except (PatternFileError, OSError) as exc:
        raise CommandError(str(exc)) from exc
    for language, origin in sorted(report.pipelines.items()):
        print(f"{language}: {origin}", file=sys.stderr)
    for language, why in sorted(report.skipped.items()):
        # A language with patterns but no model still got suggestions: a note, not a skip.
        kind = "note" if language in report.pipelines else "skipped"
        print(f"{language}: {kind}: {why}", file=sys.stderr)
    print(
        f"suggested for {report.documents} documents: {report.added} new, {report.kept} kept, "
        f"{report.removed} withdrawn, {report.blocked} not repeated (annotators decided)"
    )
    return not (report.documents == 0 and report.skipped)


def _suggest_stance(project, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from nlp.suggest_stance import suggest_stance
    from storage.stance_store import SUGGEST_STANCE_ACTION
    from storage.suggestions import documents_to_suggest

    with project.db.read() as session:
        todo = documents_to_suggest(
            session, project.project_id, args.only_new, args.language, SUGGEST_STANCE_ACTION
        )
    report = suggest_stance(
        project.db, project.project_id, todo, args.language, progress=_progress_printer("stance")
    )
    for language, name in sorted(report.suggesters.items()):
        print(f"{language}: stance: {name}", file=sys.stderr)
    for language, why in sorted(report.skipped.items()):
        print(f"{language}: stance skipped: {why}", file=sys.stderr)
    print(
        f"stance suggested for {report.documents} documents ({report.sentences} sentences): "
        f"{report.added} new, {report.kept} kept, {report.blocked} not repeated "
        "(annotators decided)"
    )
    return report


def command_targets(args: argparse.Namespace) -> int:
    from storage.stance_store import add_target, project_targets, propose_targets

    with _open(args.project, create=False, read_only=args.add is None) as project:
        if args.add is not None:
            if not args.add.strip():
                raise UsageError("--add needs a name")
            add_target(project.db, project.project_id, args.add, args.alias)
        elif args.alias:
            raise UsageError("--alias goes with --add")
        with project.db.read() as session:
            if args.propose:
                for name, label, count in propose_targets(session, project.project_id):
                    print(f"{name}\t{label}\t{count}")
                return EXIT_OK
            for target in project_targets(session, project.project_id):
                print(f"{target.name}\t{', '.join(target.aliases)}")
    return EXIT_OK


def command_train(args: argparse.Namespace) -> int:
    from storage.paths import models_dir_for

    if args.out is not None:
        _refuse_project_output(args.project, args.out, "model folder")
    with _open(args.project, create=False) as project:
        out = args.out or models_dir_for(project.location.file)
        if args.component in ("ner", "both"):
            _train_ner(project, out, args.activate)
        if args.component in ("stance", "both"):
            _train_stance(project, out, args.activate)
    return EXIT_OK


def _train_ner(project, out: Path, activate: bool) -> None:  # type: ignore[no-untyped-def]
    from nlp.model_folder import ModelSaveError
    from nlp.ner_training import NerTrainingError, format_scores, train_project_ner
    from nlp.pipelines import PipelineUnavailableError

    try:
        result = train_project_ner(
            project.db,
            project.project_id,
            out,
            activate=activate,
            progress=_progress_printer("train ner"),
        )
    except (NerTrainingError, PipelineUnavailableError, ModelSaveError) as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"entity model {result.origin}: fine-tuned from {result.base} on "
        f"{result.training_documents} documents (and {result.rehearsal_documents} unlabelled "
        f"for rehearsal), tested on {result.held_out_documents} held-out documents"
    )
    if result.new_labels:
        print(f"  new labels: {', '.join(result.new_labels)}")
    if result.several_annotators:
        print(
            f"  {result.several_annotators} documents labelled by several annotators: "
            "the first annotator's spans were used"
        )
    if result.skipped_documents:
        print(
            f"  {result.skipped_documents} documents left out (overlapping spans, or not in "
            f"the main language {result.language})"
        )
    for line in format_scores(f"new model {result.origin}", result.scores):
        print(line)
    for line in format_scores(f"base model {result.base}", result.base_scores):
        print(line)
    if result.previous is not None and result.previous_scores is not None:
        for line in format_scores(f"active model {result.previous}", result.previous_scores):
            print(line)
    print(f"  held-out F1: new {result.f1:.3f}, base {result.base_f1:.3f}")
    to_beat = result.previous or result.base
    if result.active:
        print(
            f"  activated: the project's entity model from now on; suggest (without --model) "
            f"and the app use it for {result.language} documents"
        )
    elif activate:
        print(
            f"  not activated: it is not better than {to_beat} on the held-out documents; "
            f"{to_beat} stays active"
        )
    print(f"  saved in {result.path} (use it with: suggest --model {result.path})")


def _train_stance(project, out: Path, activate: bool) -> None:  # type: ignore[no-untyped-def]
    from nlp.model_folder import ModelSaveError
    from nlp.stance_training import NotEnoughLabelsError, train_project_stance

    try:
        result = train_project_stance(project.db, project.project_id, out, activate=activate)
    except (NotEnoughLabelsError, ModelSaveError) as exc:
        raise CommandError(str(exc)) from exc
    print(
        f"stance classifier {result.version}: trained on {result.training_labels} labels, "
        f"tested on {result.held_out_labels} held-out labels"
    )
    print(
        f"  held-out macro-F1: classifier {result.classifier_macro_f1:.3f}, "
        f"lexicon {result.lexicon_macro_f1:.3f}"
    )
    if result.previous != "stance-lexicon":
        print(f"  {result.previous} (active until now): {result.previous_macro_f1:.3f}")
    if result.active:
        print("  active: the classifier suggests stance from now on")
    elif activate:
        print(f"  not activated: it is not better than {result.previous} on the held-out labels")
    print(f"  saved in {result.path}")


def command_assign(args: argparse.Namespace) -> int:
    from storage.assignment import AssignmentError, assign_documents

    with _open(args.project, create=False) as project:
        try:
            report = assign_documents(
                project.db,
                project.project_id,
                args.annotators.split(","),
                overlap=args.overlap,
                seed=args.seed,
            )
        except AssignmentError as exc:
            raise UsageError(str(exc)) from exc
    print("\n".join(report.lines()))
    return EXIT_OK


def command_copy_project(args: argparse.Namespace) -> int:
    from storage.copy_project import copy_project
    from storage.database import DatabaseError

    shown = [False]  # whether a progress line is open

    def progress(table: str, done: int, total: int) -> None:
        # Our own table names; the carriage return redraws the line.
        print(f"\r{table}: {done}/{total}", end="", file=_raw_stderr(), flush=True)
        shown[0] = True

    try:
        report = copy_project(args.from_url, args.to_url, progress=progress)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        if shown[0]:  # end the progress line
            print(file=sys.stderr)
    print("\n".join(report.lines()))
    return EXIT_OK


def command_restore(args: argparse.Namespace) -> int:
    from storage.backup import DamagedCopyError, ProjectInUseError, restore_backup
    from storage.backup_listing import BackupChoiceError, backup_states, choose_backup
    from storage.database import DatabaseError, resolve_location

    try:
        file = resolve_location(args.project).file
    except DatabaseError as exc:
        raise CommandError(str(exc)) from exc
    if file is None:
        raise CommandError(
            "restore works on project files; a database on a server is backed up by its server"
        )
    if args.list:
        if args.backup is not None:
            raise UsageError("--list goes without --backup")
        try:
            states = backup_states(file)
        except BackupChoiceError as exc:
            raise CommandError(str(exc)) from exc
        if not states:
            print(f"no backups of {file} in {file.name}.backups")
        for state in states:
            print(state.line())
        return EXIT_OK
    try:
        backup = choose_backup(file, args.backup)
        report = restore_backup(backup, file)
    except (BackupChoiceError, DamagedCopyError, ProjectInUseError) as exc:
        raise CommandError(str(exc)) from exc
    except OSError as exc:
        raise CommandError(f"cannot restore {file}: {exc.strerror or exc}") from exc
    print(f"restored {file} from {report.backup}")
    if report.replaced is not None:
        print(f"the file it replaced is kept as {report.replaced}")
    return EXIT_OK


def command_upgrade(args: argparse.Namespace) -> int:
    with _open(args.project, create=False) as project:
        change = project.schema_change
    if change.from_version == change.to_version:
        print(f"{project.location.display} is at the newest schema ({change.to_version})")
    else:
        print(
            f"upgraded {project.location.display} from schema {change.from_version} to "
            f"{change.to_version}; the backup taken before is {change.backup}"
        )
    return EXIT_OK


def command_models(args: argparse.Namespace) -> int:
    from storage.model_registry import list_models

    with _open(args.project, read_only=True) as project, project.db.read() as session:
        models = list_models(session, project.project_id)
    if args.json:
        print(json.dumps([m.to_dict() for m in models], indent=2, ensure_ascii=False))
        if not models:
            print("no models trained yet", file=sys.stderr)
    elif not models:
        print("no models trained yet")
    else:
        print(_format_models(models))
    return EXIT_OK


def _format_models(models: list[ModelInfo]) -> str:
    """A table, one model a line; ``*`` marks the active ones."""
    header = ("", "component", "version", "lang", "base", "docs", "spans", "F1", "base F1")
    rows = [
        (
            "*" if m.active else "",
            m.component,
            m.version,
            m.language,
            m.base,
            str(m.training_documents),
            str(m.training_spans),
            f"{m.f1:.3f}",
            f"{m.base_f1:.3f}",
            m.created_at.strftime("%Y-%m-%d %H:%M") if m.created_at else "",
        )
        for m in models
    ]
    header += ("created (UTC)",)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    right = {5, 6, 7, 8}  # numbers

    def line(row: tuple[str, ...]) -> str:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([line(header), *map(line, rows), "* active: suggests now"])


def command_learning_curve(args: argparse.Namespace) -> int:
    from nlp.learning_curve import LearningCurveError, learning_curve
    from nlp.ner_training import NerTrainingError
    from nlp.pipelines import PipelineUnavailableError

    sizes = _sizes(args.sizes) if args.sizes is not None else None
    if args.plot is not None:  # before minutes of training
        _refuse_project_output(args.project, args.plot, "plot")
        if not args.plot.parent.is_dir():
            raise CommandError(f"cannot write {args.plot}: no folder {args.plot.parent}")
    if args.component != "ner":
        raise CommandError(
            "learning-curve supports --component ner only for now (the stance classifier "
            "has no learning curve yet)"
        )
    with _open(args.project, read_only=True) as project:
        try:
            curve = learning_curve(
                project.db,
                project.project_id,
                args.component,
                sizes,
                progress=_progress_printer("learning curve"),
            )
        except (LearningCurveError, NerTrainingError, PipelineUnavailableError) as exc:
            raise CommandError(str(exc)) from exc
    for note in curve.notes:
        print(f"note: {note}", file=sys.stderr)
    print(
        f"learning curve of the entity model ({curve.language}): base {curve.base}, "
        f"{curve.training_documents} training and {curve.held_out_documents} held-out documents"
    )
    print(f"  {'size':>6s} {'documents':>9s} {'spans':>6s} {'F1':>6s} {'base F1':>7s}")
    for point in curve.points:
        print(
            f"  {point.size:6d} {point.documents:9d} {point.spans:6d} {point.f1:6.3f} "
            f"{curve.base_f1:7.3f}"
        )
    if args.plot is not None:
        _plot(curve, args.plot)
    return EXIT_OK


def _sizes(text: str) -> list[int]:
    """``--sizes 50,100,200`` as numbers; a UsageError naming the option otherwise."""
    parts = [part.strip() for part in text.split(",")]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise UsageError(
            f"--sizes must be whole numbers of documents above 0, separated by commas "
            f"(e.g. 50,100,200), not {text!r}"
        )
    return [int(part) for part in parts]


def _plot(curve: LearningCurve, path: Path) -> None:
    from nlp.learning_curve import plot_learning_curve

    try:
        plot_learning_curve(curve, path)
    except ImportError as exc:
        needs = "--plot needs matplotlib (pip install -r requirements.txt)"
        raise CommandError(f"{needs}: {exc}") from exc
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"plot saved in {path}")


def command_export(args: argparse.Namespace) -> int:
    from storage.export.records import ExportOptions
    from storage.export.service import export_project

    training = args.format != "xlsx"
    if not training and (args.dev_share is not None or args.seed is not None or args.doccano):
        raise UsageError("--dev-share, --seed and --doccano go with training data formats")
    if args.doccano and args.format != "jsonl":
        raise UsageError("--doccano goes with --format jsonl")
    if args.dev_share is not None and not 0 <= args.dev_share < 1:
        raise UsageError("--dev-share must be at least 0 and less than 1")
    options = ExportOptions(
        annotator=args.annotator,
        state=args.state,
        status=args.status,
        dev_share=args.dev_share or 0.0,
        seed=args.seed or 0,
        doccano=args.doccano,
    )
    with _open(args.project, read_only=True) as project:
        try:
            report = export_project(
                project.db,
                project.project_id,
                args.format,
                args.out,
                options,
                progress=_progress_printer("export"),
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        except OSError as exc:
            raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from exc
    for line in report.details:
        print(line, file=sys.stderr)
    files = ", ".join(str(f) for f in report.files or (report.path,))
    print(
        f"exported {report.documents} documents, {report.entities} entities, "
        f"{report.stance} stance rows to {files}"
    )
    return EXIT_OK


def command_evaluate_stance(args: argparse.Namespace) -> int:
    from nlp.evaluate_stance import NothingToEvaluateError, evaluate_project_stance
    from nlp.metrics import format_scores

    with _open(args.project, read_only=True) as project:
        try:
            result = evaluate_project_stance(project.db, project.project_id)
        except NothingToEvaluateError as exc:
            raise CommandError(str(exc)) from exc
    print(f"{result.scores.count} accepted sentence labels; suggester: {result.suggester}")
    for line in format_scores("suggester", result.scores, result.labels):
        print(line)
    for line in format_scores("majority baseline", result.baseline, result.labels):
        print(line)
    return EXIT_OK


def command_evaluate(args: argparse.Namespace) -> int:
    from nlp.evaluate import EvaluationError, evaluate_pipeline, format_scores

    try:
        scores = evaluate_pipeline(args.model, args.data)
    except EvaluationError as exc:
        raise CommandError(str(exc)) from exc
    print(json.dumps(scores, indent=2) if args.json else format_scores(scores))
    return EXIT_OK


def _progress_printer(what: str):  # type: ignore[no-untyped-def]
    """A progress line on stderr, redrawn in place on a terminal."""
    interactive = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        line = f"{what}: [{bar:<30}] {done}/{total}"
        if interactive:
            end = "" if done < total else "\n"
            print("\r" + line, end=end, file=_raw_stderr(), flush=True)
        elif done == total or done % 500 < 64:
            print(line, file=sys.stderr)

    return show


def _format_stats(stats: dict) -> str:
    lines = [
        f"project: {stats['project']}",
        f"documents: {stats['documents']} ({stats['characters']} characters)",
    ]
    lines += [f"  language {lang}: {n}" for lang, n in sorted(stats["by_language"].items())]
    for annotator, counts in sorted(stats["by_status"].items()):
        parts = ", ".join(f"{status} {n}" for status, n in counts.items())
        lines.append(f"  {annotator}: {parts}")
    for kind in ("spans", "stance"):
        groups = stats[kind]
        total = sum(groups.get("by_state", {}).values())
        lines.append(f"{kind}: {total}")
        for group in ("by_label", "by_state", "by_origin"):
            values = groups.get(group, {})
            if values:
                parts = ", ".join(f"{k} {v}" for k, v in sorted(values.items()))
                lines.append(f"  {group.removeprefix('by_')}: {parts}")
    outcomes = stats.get("suggestion_outcomes", {}).get("by_origin", [])
    if outcomes:
        lines.append("suggestions decided on, per origin (accepted unchanged / edited / rejected):")
    for row in outcomes:
        rate = row["acceptance_rate"]
        rate_text = "no decisions yet" if rate is None else f"acceptance {rate:.0%}"
        lines.append(
            f"  {row['origin']:8s} {row['accepted']} / {row['edited']} / {row['rejected']} "
            f"of {row['suggested']} suggested, {row['open']} open: {rate_text}"
        )
    return "\n".join(lines)


def _refuse_project_output(project: str, path: Path, what: str) -> None:
    """A file a command writes must not be the project, its -wal/-shm or a backup."""
    from storage.database import DatabaseError, resolve_location
    from storage.project_files import ProjectFileError, refuse_project_file

    try:
        refuse_project_file(resolve_location(project).file, path, what)
    except ProjectFileError as exc:
        raise CommandError(str(exc)) from exc
    except DatabaseError:
        pass  # not a usable location: opening it says why


def _open(path_or_url: str, *, create: bool = True, read_only: bool = False):  # type: ignore[no-untyped-def]
    """Open the project for a command; ``read_only`` for commands that only look, which then
    change nothing (no backup, no upgrade, not even the file's journal mode)."""
    from storage.database import DatabaseError
    from storage.project import open_project

    try:
        return open_project(path_or_url, create=create and not read_only, read_only=read_only)
    except DatabaseError as exc:
        raise CommandError(str(exc)) from exc


def start_app(project: str | None) -> int:
    """Open the project (the default one, with sample articles on first start) in the app."""
    if not _has_display():
        raise CommandError(
            "no display to show the app on (DISPLAY and WAYLAND_DISPLAY are not set); "
            "run it on a desktop, or use the batch commands (see --help)"
        )
    from gui.app import run_app
    from storage.paths import default_project_file

    return run_app(project or default_project_file(), SAMPLES_DIR)


def _has_display() -> bool:
    # Qt aborts the whole process without a display; say so in one line instead.
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def main(argv: Sequence[str] | None = None) -> int:
    with _terminal_safe_output():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return start_app(args.project)
        return args.run(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return EXIT_FAILURE
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        reason = _database_failure(getattr(args, "project", None), exc)
        if reason is None:
            raise  # a programming error: its traceback is what a fix needs
        print(f"error: {reason}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    # For the whole process: a traceback printed after main() returned is escaped too.
    with _terminal_safe_output():
        sys.exit(main())
