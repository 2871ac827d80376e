from django.db import models


class PageViewTotal(models.Model):
    """All-time counted views of a page."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="view_total"
    )
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        # "Most read" of all time: the top of this index.
        indexes = [models.Index(fields=["-views"], name="pageviews_total_top")]

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
        # "Most read" today: the top of one day, along (day, views).
        indexes = [
            models.Index(fields=["day"]),
            models.Index(fields=["day", "-views"], name="pageviews_daily_top"),
        ]
        verbose_name_plural = "daily page views"

    def __str__(self) -> str:
        return f"{self.page_id} on {self.day}: {self.views}"


class RollingWindow(models.Model):
    """A rolling window of local days that RollingViews keeps: the `days` days up to and
    including `last_day` (windows.py moves it forward as days pass)."""

    days = models.PositiveSmallIntegerField(primary_key=True)
    last_day = models.DateField()

    def __str__(self) -> str:
        return f"{self.days} days to {self.last_day}"


class RollingViews(models.Model):
    """A page's counted views within a rolling window: the sum of its daily rows for those
    days, kept by every flush (windows.py), so that "Most read" over the last week reads the
    top of an index instead of summing the daily rows of every article read that week."""

    # (page, days) as the key, and no id: every flush and day change rewrites `views`, and
    # each index of the table is written again with it (on PostgreSQL the day change cost
    # 75 ms at 100,000 articles with four indexes, 30 ms with two). Page first: a page's
    # deletion finds its rows by the key.
    pk = models.CompositePrimaryKey("page", "days")
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    days = models.PositiveSmallIntegerField()
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["days", "-views"], name="pageviews_rolling_top")]
        verbose_name_plural = "rolling views"

    def __str__(self) -> str:
        return f"{self.page_id}, {self.days} days: {self.views}"


class MostReadList(models.Model):
    """A computed "Most read" list, shared by every process and node (most_read.py): the
    articles' ids and views, newest computation wins."""

    key = models.CharField(max_length=100, primary_key=True)
    entries = models.JSONField(default=list)  # [[page id, views], ...], most read first
    computed_at = models.FloatField(default=0)  # seconds since the epoch

    def __str__(self) -> str:
        return self.key


class SiteViews(models.Model):
    """The whole site's counted views in a quarter of an hour of a local day (slot 0 is
    00:00-00:15): what the dashboard needs to compare today with the same time yesterday.
    No page, no reader: 96 rows a day."""

    day = models.DateField()
    slot = models.PositiveSmallIntegerField()
    views = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "slot"], name="pageviews_site_one_row_per_slot")
        ]
        verbose_name_plural = "site views"

    def __str__(self) -> str:
        return f"{self.day} slot {self.slot}: {self.views}"
