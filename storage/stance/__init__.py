"""Stance in the project: targets, machine suggestions stored beside decisions, and an
annotator's edits."""
