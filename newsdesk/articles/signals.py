"""Signals the ground floor sends for capability apps to act on."""

from django.dispatch import Signal

# Pages were written in bulk, without a save() per page (the WordPress import's new posts):
# receivers do once what they would do on each page's post_save. Argument: `page_ids`.
pages_written_in_bulk = Signal()
