"""Live view counts in Redis, shared by every process of every node.

Keys, under a prefix naming the database (so sites and test databases never mix):

    t:<page>          the page's all-time count as shown (no expiry)
    d:<page>:<day>    its count on one local day (expires a few days later)
    pending           a hash of the views not yet in the database, by "t:<page>" and
                      "d:<page>:<day>"
    calls             a hash of the last call number each counting thread had counted, by
                      the thread's id (expires a day after its last use)

Counting one view is one round trip: a script that increments both counts and both pending
fields atomically, or answers nil when a count is missing (first view since Redis started);
the caller then seeds the counts from the database with SET NX and runs it again. Flushers
on any node take the pending hash with an atomic read-and-delete, write it to the database
in one transaction, and put it back if that fails, so no view is written twice or dropped.

A call that times out may still run later (a hung Redis reads it when it wakes), while the
caller has already written that view to the database. So each counting thread numbers its
calls, the script skips a call whose number it has passed, and `settle()` later asks, for
each call that failed: did it run? If so its pending copy is taken back (the database has
the view); if not, its number is claimed, so that it never will run.
"""

import datetime
from collections.abc import Callable

import redis

DAY_KEY_SECONDS = 3 * 24 * 3600

RECORD = """
if ARGV[3] ~= '' then
  if tonumber(ARGV[4]) <= tonumber(redis.call('HGET', KEYS[4], ARGV[3]) or '0') then
    return {0, 0}  -- a late copy of a call that was settled already
  end
end
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('EXISTS', KEYS[2]) == 0 then
  return false
end
if ARGV[3] ~= '' then
  redis.call('HSET', KEYS[4], ARGV[3], ARGV[4])
  redis.call('EXPIRE', KEYS[4], 86400)
end
redis.call('HINCRBY', KEYS[3], ARGV[1], 1)
redis.call('HINCRBY', KEYS[3], ARGV[2], 1)
return {redis.call('INCR', KEYS[1]), redis.call('INCR', KEYS[2])}
"""

# For a call that failed: 1 if it ran after all (its pending views are taken back), else 0
# (and its number is claimed, so that a late copy is skipped).
SETTLE = """
if tonumber(ARGV[2]) <= tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0') then
  redis.call('HINCRBY', KEYS[2], ARGV[3], -1)
  redis.call('HINCRBY', KEYS[2], ARGV[4], -1)
  return 1
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], 86400)
return 0
"""

# Raise shown counts that exist by views written to the database while Redis was away (a
# missing key is seeded from the database later, which already holds them).
ADD_SHOWN = """
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    redis.call('INCRBY', key, ARGV[i])
  end
end
return 0
"""

TAKE = """
local pending = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return pending
"""

Delta = tuple[int, datetime.date | None, int]


class RedisViewCounts:
    def __init__(self, url: str, namespace: str):
        # Short timeouts: a view must not wait long on an unreachable Redis (and while it is
        # away, backends.redis.RedisBackend skips it for a second after each failure).
        self.client = redis.Redis.from_url(url, socket_connect_timeout=0.25, socket_timeout=0.5)
        self.prefix = f"newsdesk:views:{namespace}:"
        self.pending_key = self.prefix + "pending"
        self.calls_key = self.prefix + "calls"
        self._record = self.client.register_script(RECORD)
        self._take = self.client.register_script(TAKE)
        self._add_shown = self.client.register_script(ADD_SHOWN)
        self._settle = self.client.register_script(SETTLE)

    def _fields(self, page_id: int, day: datetime.date) -> tuple[str, str]:
        return f"t:{page_id}", f"d:{page_id}:{day.isoformat()}"

    def record(
        self,
        page_id: int,
        day: datetime.date,
        seed: Callable[[], tuple[int, int]],
        call: tuple[str, int] = ("", 0),
    ) -> tuple[int, int]:
        """Count one view; `seed()` gives the database's (total, today) when Redis lacks
        them. `call`: (the counting thread's id, this call's number), see settle()."""
        total_field, day_field = self._fields(page_id, day)
        keys = [self.prefix + total_field, self.prefix + day_field, self.pending_key]
        keys.append(self.calls_key)
        args: list[str | int] = [total_field, day_field, *call]
        counts = self._record(keys=keys, args=args)
        if counts is None:
            total, today = seed()
            pipe = self.client.pipeline(transaction=False)
            pipe.set(keys[0], total, nx=True)
            pipe.set(keys[1], today, nx=True, ex=DAY_KEY_SECONDS)
            pipe.execute()
            counts = self._record(keys=keys, args=args)
        return int(counts[0]), int(counts[1])

    def server_id(self) -> str:
        """The Redis server's run id: a new one means it restarted (and kept nothing)."""
        return str(self.client.info("server")["run_id"])

    def settle(self, page_id: int, day: datetime.date, call: tuple[str, int]) -> bool:
        """For a record() call that failed: True if it ran after all (its pending copy is
        then taken back), else False (it never will run)."""
        fields = self._fields(page_id, day)
        keys = [self.calls_key, self.pending_key]
        return bool(self._settle(keys=keys, args=[*call, *fields]))

    def read_many(self, page_ids: list[int], day: datetime.date) -> dict[int, tuple]:
        """(total, today) of each page as Redis holds them, None where it has no count."""
        keys = [self.prefix + field for pk in page_ids for field in self._fields(pk, day)]
        values = self.client.mget(keys) if keys else []
        return {
            pk: tuple(None if value is None else int(value) for value in values[2 * i : 2 * i + 2])
            for i, pk in enumerate(page_ids)
        }

    def add_shown(self, views: dict[tuple[int, datetime.date], int]) -> None:
        """Add views counted elsewhere (in the database) to the shown counts Redis holds."""
        shown: dict[str, int] = {}
        for (page_id, day), count in views.items():
            for field in self._fields(page_id, day):
                shown[self.prefix + field] = shown.get(self.prefix + field, 0) + count
        if shown:
            self._add_shown(keys=list(shown), args=list(shown.values()))

    def add_shown_totals(self, views: dict[int, int]) -> None:
        """add_shown() for all-time totals only."""
        keys = [self.prefix + f"t:{page_id}" for page_id in views]
        if keys:
            self._add_shown(keys=keys, args=list(views.values()))

    def flush(self, write: Callable[[list[Delta]], None]) -> int:
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
