from urllib.parse import parse_qs

import pytest

from bench.counter import verdict
from bench.posts import post_bodies, rate_limit_knobs
from newsdesk.comments.tokens import FIELD_NAME, read_form_token


def test_verdict_is_exact_only_when_the_rise_equals_the_counted_views():
    assert verdict(1234, 1234) == "exact"
    assert verdict(1240, 1234).startswith("off by +6")
    assert verdict(1200, 1234).startswith("off by -34")


def test_rate_limit_knobs_are_read_from_the_settings_and_switched_off(tmp_path):
    settings_file = tmp_path / "base.py"
    settings_file.write_text(
        'NEWSDESK_COMMENT_RATE_PER_IP = env_int("NEWSDESK_COMMENT_RATE_PER_IP", 10)\n'
        'NEWSDESK_COMMENT_RATE_WINDOW = env_int("NEWSDESK_COMMENT_RATE_WINDOW", 600)\n'
        'NEWSDESK_COMMENT_RATE_PER_EMAIL = env_int("NEWSDESK_COMMENT_RATE_PER_EMAIL", 5)\n'
    )
    assert rate_limit_knobs(settings_file) == {
        "NEWSDESK_COMMENT_RATE_PER_IP": "0",
        "NEWSDESK_COMMENT_RATE_PER_EMAIL": "0",
    }


@pytest.mark.django_db
def test_post_bodies_are_distinct_with_tokens_the_site_accepts(settings):
    settings.NEWSDESK_COMMENT_MIN_SECONDS = 3
    bodies = [parse_qs(body) for body in post_bodies(page_id=42, count=50)]
    assert len({b["author_email"][0] for b in bodies}) == 50
    assert len({b["body"][0] for b in bodies}) == 50
    tokens = [b[FIELD_NAME][0] for b in bodies]
    assert len(set(tokens)) == 50
    for token in tokens:
        read_form_token(token, 42)  # raises when refused: too young, forged or another page
