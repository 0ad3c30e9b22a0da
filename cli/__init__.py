"""Standpunkt's command line: ``main`` parses the arguments and runs one command (a module
of this package each), and turns the errors a user can cause into one line and an exit
code (``cli.boundary``)."""

from cli.boundary import main

__all__ = ["main"]
