"""Intake: read a Vietnamese leadership text and draft its document, tasks, figures, people and
petitions. Plain Python: nothing here imports Django."""

from .engine import extract

__all__ = ["extract"]
