from django import template

from newsdesk.ui import ui_string

register = template.Library()


@register.simple_tag
def ui(key, **values):
    """A default UI string (see newsdesk.ui), e.g. {% ui "view_counter" total=3 today=1 %}."""
    return ui_string(key, **values)
