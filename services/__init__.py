"""The application layer: Qt-free work on a project that the command line and the window share
(the window reaches storage/ and nlp/ only through it)."""
