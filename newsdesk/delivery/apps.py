from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "newsdesk.delivery"
    label = "delivery"
    verbose_name = "Delivery"
