from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "newsdesk.delivery"
    label = "delivery"
    verbose_name = "Delivery"

    def ready(self) -> None:
        from . import signal_handlers

        signal_handlers.connect()
