"""The WordPress import: survey the files, then import everything in one transaction."""

from .runner import WordPressImport

__all__ = ["WordPressImport"]
