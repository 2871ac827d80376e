from django.db import models


class PageViewTotal(models.Model):
    """All-time counted views of a page."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="view_total"
    )
    views = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.page_id}: {self.views}"


class DailyPageViews(models.Model):
    """Counted views of a page on one local day (the site's TIME_ZONE)."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="daily_views"
    )
    day = models.DateField()
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["page", "day"], name="pageviews_one_row_per_page_day")
        ]
        indexes = [models.Index(fields=["day"])]
        verbose_name_plural = "daily page views"

    def __str__(self) -> str:
        return f"{self.page_id} on {self.day}: {self.views}"
