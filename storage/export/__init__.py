"""Exporting a project: Excel workbooks for people, training data for models."""
