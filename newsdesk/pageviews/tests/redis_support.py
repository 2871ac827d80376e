"""The Redis the counting tests use (db 1), skipped where absent except on CI."""

import os

import pytest
import redis

TEST_REDIS_URL = os.environ.get("NEWSDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/1")


def require_redis() -> str:
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {TEST_REDIS_URL} is required on CI: {error}")
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    return TEST_REDIS_URL


def delete_keys(url: str, pattern: str) -> None:
    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter(match=pattern, count=1000))
    if keys:
        client.delete(*keys)
