"""Calling the API as a role: a personal token of that role's user, sent as a Bearer header."""

from __future__ import annotations

import pytest

from levensfase.web.api.tokens import create_token


class TokenClient:
    """The test client with one token in every request."""

    def __init__(self, client, secret: str):
        self.client, self.secret = client, secret

    def _headers(self) -> dict:
        return {"HTTP_AUTHORIZATION": f"Bearer {self.secret}"}

    def get(self, url, **params):
        return self.client.get(url, params, **self._headers())

    def post(self, url, data=None, json=None):
        if json is not None:
            return self.client.post(url, json, content_type="application/json", **self._headers())
        return self.client.post(url, data or {}, **self._headers())

    def delete(self, url):
        return self.client.delete(url, **self._headers())


@pytest.fixture
def api_for(client):
    """api_for(user, scope="read") -> a TokenClient acting as `user`."""

    def make(user, scope="read"):
        return TokenClient(client, create_token(user=user, name=f"test {user}", scope=scope).secret)

    return make


@pytest.fixture
def api_as(api_for, users):
    """api_as(role, scope="read") -> a TokenClient acting as that role's user."""
    return lambda role, scope="read": api_for(users[role], scope)


@pytest.fixture(autouse=True)
def _organisation(org):
    """Every API test runs on the hand-made organisation (the users link to its people)."""
    return org
