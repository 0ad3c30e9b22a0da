"""The project memory: what every entity decision teaches at once, and how that reaches
the documents."""
