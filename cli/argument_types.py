"""Argument types and options shared by several commands; argparse turns their
``ArgumentTypeError`` into a usage error (exit code 2)."""

from __future__ import annotations

import argparse

from cli.terminal import terminal_safe


def name(text: str) -> str:
    """A name given on the command line that goes into the project (an annotator, a target,
    an alias): text that can be stored, not bytes of another encoding or control codes."""
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        raise argparse.ArgumentTypeError(
            f"{terminal_safe(text)!r} is not valid UTF-8 text (check the terminal's encoding)"
        )
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text):
        raise argparse.ArgumentTypeError(f"{terminal_safe(text)!r} contains control characters")
    return text


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a number from 1, not {text!r}")
    return int(text)


def window_size(text: str) -> tuple[int, int]:
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit() and int(width) >= 100 and int(height) >= 100):
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT of at least 100x100, not {text!r}")
    return int(width), int(height)


def add_project_option(parser: argparse.ArgumentParser, creates: bool = False) -> None:
    parser.add_argument(
        "--project",
        required=True,
        metavar="PATH_OR_URL",
        help="project file or SQLAlchemy URL" + (" (created if missing)" if creates else ""),
    )
