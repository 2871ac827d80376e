"""WXR 1.2 export of the whole site, for WordPress's importer (or newsdesk's own)."""

from .writer import export_site

__all__ = ["export_site"]
