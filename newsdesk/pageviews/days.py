"""Today's date in the site's time zone, cheaply enough to ask on every view."""

import datetime
import time

from django.utils import timezone


class LocalDay:
    """Remembers where today starts and ends (as epoch seconds), so that most calls cost
    one `time.time()` and two comparisons instead of a time-zone conversion."""

    def __init__(self) -> None:
        self._day = datetime.date.min
        self._starts = self._ends = 0.0

    def today(self) -> datetime.date:
        now = time.time()
        if not self._starts <= now < self._ends:
            self._move_to(now)
        return self._day

    def _move_to(self, now: float) -> None:
        zone = timezone.get_default_timezone()
        day = datetime.datetime.fromtimestamp(now, zone).date()
        start = datetime.datetime.combine(day, datetime.time.min, tzinfo=zone)
        end = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, zone)
        self._day, self._starts, self._ends = day, start.timestamp(), end.timestamp()
