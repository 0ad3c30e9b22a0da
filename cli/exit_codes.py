"""The exit codes of the command line and the two errors that choose them."""

from __future__ import annotations

from errors import UserError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class CommandError(UserError):
    """A failure to report as one line on stderr (exit code 1)."""


class UsageError(UserError):
    """Options that do not fit together (exit code 2, like argparse's own errors)."""
