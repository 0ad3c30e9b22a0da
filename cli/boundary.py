"""Where the command line meets the user: parse, run one command, and turn what went wrong
into one line on stderr and an exit code. Errors a user can cause (``errors.UserError``) are
caught here once; a programming error keeps its traceback."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from cli.exit_codes import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError
from cli.parser import build_parser
from cli.terminal import terminal_safe_output
from errors import UserError
from services.database_failure import database_failure


def main(argv: Sequence[str] | None = None) -> int:
    with terminal_safe_output():
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            from cli.app import start_app

            return start_app(args.project)
        return args.run(args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except UserError as exc:
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
        reason = database_failure(getattr(args, "project", None), exc)
        if reason is None:
            raise  # a programming error: its traceback is what a fix needs
        print(f"error: {reason}", file=sys.stderr)
        return EXIT_FAILURE
