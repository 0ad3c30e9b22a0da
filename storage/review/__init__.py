"""Review: the annotators' labels side by side, and the reviewer's gold version."""
