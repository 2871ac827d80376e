import pytest

from newsdesk.databases import database_identity
from newsdesk.testing import delete_keys


@pytest.fixture
def fresh_reset_limits(settings, db):
    """The password reset limits count in the shared marks: with Redis those outlive the
    test's rows (and a server the test starts counts in the same Redis)."""
    if settings.REDIS_URL:
        delete_keys(settings.REDIS_URL, f"newsdesk:marks:{database_identity()}:rate:reset-*")
