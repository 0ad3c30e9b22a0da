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
Each command is a module of the ``cli`` package (installed, the same runs as ``standpunkt``):
a short function that wires the layers below; the logic lives there.
"""

from __future__ import annotations

import sys

from cli import main
from cli.terminal import terminal_safe_output

__all__ = ["main"]

if __name__ == "__main__":
    # For the whole process: a traceback printed after main() returned is escaped too.
    with terminal_safe_output():
        sys.exit(main())
