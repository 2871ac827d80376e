"""The form token's nonces: distinct per rendering, in a process and across forked workers,
and covered by the signature."""

import os
import time

import pytest

from newsdesk.comments.tokens import TokenError, issue_form_token, read_form_token


def _nonce(token: str) -> str:
    return token.split(".")[2]


def test_every_token_has_its_own_nonce():
    issued = time.time() - 60
    tokens = [issue_form_token(7, now=issued) for _ in range(5000)]
    assert len({_nonce(token) for token in tokens}) == 5000
    for token in tokens[:50]:
        assert read_form_token(token, 7)[1] == _nonce(token)


def test_forked_workers_issue_nonces_of_their_own():
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # a worker forked by the server
        os.close(read_end)
        os.write(write_end, " ".join(issue_form_token(7) for _ in range(100)).encode())
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        child = pipe.read().split()
    os.waitpid(pid, 0)
    parent = [issue_form_token(7) for _ in range(100)]
    assert len({_nonce(token) for token in child + parent}) == 200


def test_a_changed_nonce_is_refused():
    page, issued, nonce, signature = issue_form_token(7, now=time.time() - 60).split(".")
    changed = nonce[:-1] + ("1" if nonce.endswith("0") else "0")
    with pytest.raises(TokenError, match="incomplete"):
        read_form_token(f"{page}.{issued}.{changed}.{signature}", 7)
