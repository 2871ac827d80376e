from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "newsdesk_search"
    verbose_name = "Search"

    def ready(self) -> None:
        from .autoupdate import take_over_page_indexing
        from .indexing import connect_signals

        connect_signals()
        take_over_page_indexing()
