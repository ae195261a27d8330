"""Scoring warta against gold data: the library side of ``warta eval``."""
