"""The one base class for errors a user can cause: a file that cannot be read, a name
already taken, a project another program holds. Their message is written for a person
and is shown as it is, once, where the program meets the user (the command line's
``main``, the window's message boxes). Anything else is a programming error and keeps
its traceback.

Each subclass also keeps the built-in base it had (``ValueError``, ``LookupError``,
``OSError``), so code that catches those still catches it.
"""

from __future__ import annotations


class UserError(Exception):
    """An error whose message tells a user what went wrong and what to do about it."""
