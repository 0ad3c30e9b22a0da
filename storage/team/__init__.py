"""Offline teams: handing project files out to annotators and merging their work back."""
