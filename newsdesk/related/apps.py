from django.apps import AppConfig


class RelatedConfig(AppConfig):
    name = "newsdesk.related"
    label = "related"
    verbose_name = "Related articles"

    def ready(self) -> None:
        from .signal_handlers import connect_signals

        connect_signals()
