"""``gui`` (and no command at all): start the app, or save a picture of its window."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from cli.argument_types import positive, window_size
from cli.exit_codes import EXIT_OK, CommandError, UsageError
from cli.project_access import refuse_project_output

SAMPLES_DIR = Path(__file__).resolve().parents[1] / "resources" / "samples"


def add_parser(commands: argparse._SubParsersAction) -> None:
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
        type=positive,
        metavar="N",
        help="with --screenshot: the Nth document of the list (default: 1, the first)",
    )
    gui.add_argument(
        "--size",
        type=window_size,
        metavar="WxH",
        help="with --screenshot: the window's size in pixels (default: 1400x860)",
    )
    gui.set_defaults(run=command_gui)


def command_gui(args: argparse.Namespace) -> int:
    if args.screenshot is None:
        if args.document is not None or args.size is not None:
            raise UsageError("--document and --size go with --screenshot")
        return start_app(args.project)
    if not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a picture needs no screen
    from gui.screenshot import DEFAULT_SIZE, take_screenshot
    from services.projects import default_project_file

    size = args.size or DEFAULT_SIZE
    refuse_project_output(args.project or str(default_project_file()), args.screenshot, "picture")
    take_screenshot(
        args.project or default_project_file(),
        args.screenshot,
        document_index=(args.document or 1) - 1,
        size=size,
        samples_dir=SAMPLES_DIR,
    )
    print(f"saved {args.screenshot} ({size[0]}x{size[1]})")
    return EXIT_OK


def start_app(project: str | None) -> int:
    """Open the project (the default one, with sample articles on first start) in the app."""
    if not _has_display():
        raise CommandError(
            "no display to show the app on (DISPLAY and WAYLAND_DISPLAY are not set); "
            "run it on a desktop, or use the batch commands (see --help)"
        )
    from gui.app import run_app
    from services.projects import default_project_file

    return run_app(project or default_project_file(), SAMPLES_DIR)


def _has_display() -> bool:
    # Qt aborts the whole process without a display; say so in one line instead.
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
