"""WXR 1.2 export of the whole site, for WordPress's importer (or newsdesk's own)."""


def export_site(path) -> dict[str, int]:
    """Write the export to `path` (gzip-compressed if it ends in .gz); return counts."""
    from .writer import export_site as write  # models load only once Django is set up

    return write(path)


__all__ = ["export_site"]
