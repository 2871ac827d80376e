"""Live view counts in Redis, shared by every process of every node.

Keys, under a prefix naming the database (so sites and test databases never mix):

    t:<page>          the page's all-time count as shown (no expiry)
    d:<page>:<day>    its count on one local day (expires a few days later)
    pending           a hash of the views not yet in the database, by "t:<page>" and
                      "d:<page>:<day>"

Counting one view is one round trip: a script that increments both counts and both pending
fields atomically, or answers nil when a count is missing (first view since Redis started);
the caller then seeds the counts from the database with SET NX and runs it again. Flushers
on any node take the pending hash with an atomic read-and-delete, write it to the database
in one transaction, and put it back if that fails, so no view is written twice or dropped.
"""

import datetime

import redis

DAY_KEY_SECONDS = 3 * 24 * 3600

RECORD = """
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
  return false
end
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
return {redis.call('INCR', KEYS[1]), redis.call('INCR', KEYS[2])}
"""

TAKE = """
local pending = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return pending
"""

Delta = tuple[int, datetime.date | None, int]


class RedisViewCounts:
    def __init__(self, url: str, namespace: str):
        # Short timeouts: a view must not wait long on an unreachable Redis.
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=2)
        self.prefix = f"newsdesk:views:{namespace}:"
        self.pending_key = self.prefix + "pending"
        self._record = self.client.register_script(RECORD)
        self._take = self.client.register_script(TAKE)

    def _fields(self, page_id: int, day: datetime.date) -> tuple[str, str]:
        return f"t:{page_id}", f"d:{page_id}:{day.isoformat()}"

    def record(self, page_id: int, day: datetime.date, seed) -> tuple[int, int]:
        """Count one view; `seed()` gives the database's (total, today) when Redis lacks
        them."""
        total_field, day_field = self._fields(page_id, day)
        keys = [self.prefix + total_field, self.prefix + day_field, self.pending_key]
        counts = self._record(keys=keys, args=[total_field, day_field])
        if counts is None:
            total, today = seed()
            pipe = self.client.pipeline(transaction=False)
            pipe.set(keys[0], total, nx=True)
            pipe.set(keys[1], today, nx=True, ex=DAY_KEY_SECONDS)
            pipe.execute()
            counts = self._record(keys=keys, args=[total_field, day_field])
        return int(counts[0]), int(counts[1])

    def read_many(self, page_ids: list[int], day: datetime.date) -> dict[int, tuple]:
        """(total, today) of each page as Redis holds them, None where it has no count."""
        keys = [self.prefix + field for pk in page_ids for field in self._fields(pk, day)]
        values = self.client.mget(keys) if keys else []
        return {
            pk: tuple(None if value is None else int(value) for value in values[2 * i : 2 * i + 2])
            for i, pk in enumerate(page_ids)
        }

    def flush(self, write) -> int:
        """Write the pending views with `write(deltas)`; returns how many views."""
        pending = self._take(keys=[self.pending_key])
        if not pending:
            return 0
        fields = dict(zip(pending[::2], pending[1::2], strict=True))
        try:
            write([_delta(field.decode(), int(views)) for field, views in fields.items()])
        except BaseException:
            pipe = self.client.pipeline(transaction=True)
            for field, views in fields.items():
                pipe.hincrby(self.pending_key, field, int(views))
            pipe.execute()
            raise
        return sum(int(views) for field, views in fields.items() if field.startswith(b"t:"))

    def forget(self) -> None:
        """Delete every key under this prefix (tests)."""
        keys = list(self.client.scan_iter(match=self.prefix + "*", count=1000))
        if keys:
            self.client.delete(*keys)


def _delta(field: str, views: int) -> Delta:
    kind, page_id, *day = field.split(":")
    return int(page_id), (datetime.date.fromisoformat(day[0]) if day else None), views
