"""Output a terminal shows as text: what the commands print comes partly from imported data
(labels, names, file names), which must never act on the terminal."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

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

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(terminal_safe(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self.raw, name)


@contextlib.contextmanager
def terminal_safe_output() -> Iterator[None]:
    """Print names, labels and messages from imported data as text, never as commands to
    the terminal (a title-setting escape in an article's label, say)."""
    saved = sys.stdout, sys.stderr
    if isinstance(saved[0], _TerminalSafeStream):  # made safe for the whole process already
        yield
        return
    for stream in saved:
        with contextlib.suppress(AttributeError, ValueError):  # not a real file (a test's)
            stream.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    sys.stdout = _TerminalSafeStream(saved[0])
    sys.stderr = _TerminalSafeStream(saved[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def raw_stderr() -> TextIO:
    """stderr for our own progress lines, whose carriage returns redraw the line."""
    return getattr(sys.stderr, "raw", sys.stderr)


def progress_printer(what: str) -> Callable[[int, int], None]:
    """A progress line on stderr, redrawn in place on a terminal."""
    interactive = sys.stderr.isatty()

    def show(done: int, total: int) -> None:
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        line = f"{what}: [{bar:<30}] {done}/{total}"
        if interactive:
            end = "" if done < total else "\n"
            print("\r" + line, end=end, file=raw_stderr(), flush=True)
        elif done == total or done % 500 < 64:
            print(line, file=sys.stderr)

    return show
