"""Helpers shared by the API tests."""

import json

import pytest


def get_json(client, url, status=200, **params):
    response = client.get(url, params)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return response.json()


def post_json(client, url, data, **headers):
    body = data if isinstance(data, str | bytes) else json.dumps(data)
    return client.post(url, body, content_type="application/json", headers=headers)


@pytest.fixture
def api_get(client):
    return lambda url, status=200, **params: get_json(client, url, status, **params)
