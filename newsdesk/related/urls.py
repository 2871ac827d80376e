"""The admin URLs of the related-articles app (wagtail_hooks.py puts them under /admin/)."""

from django.urls import path

from . import views

app_name = "related_admin"
urlpatterns = [
    path("<int:page_id>/use/", views.use_this, name="use_this"),
]
