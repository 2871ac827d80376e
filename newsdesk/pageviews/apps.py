from django.apps import AppConfig


class PageviewsConfig(AppConfig):
    name = "newsdesk.pageviews"
    label = "pageviews"
    verbose_name = "Page views"
