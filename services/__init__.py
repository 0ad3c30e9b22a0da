"""The Qt-free application layer between the window and the project (storage, nlp)."""
