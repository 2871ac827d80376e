from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "newsdesk_search"
    verbose_name = "Search"

    def ready(self):
        # Before wagtail.search's ready(), which reads the search fields (PostgreSQL weights).
        from .indexing import connect_signals, ensure_article_search_fields

        ensure_article_search_fields()
        connect_signals()
