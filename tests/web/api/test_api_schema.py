"""A property-based run of the whole OpenAPI schema (schemathesis): for every operation, generated
requests as the HR admin with an import token and as the bedrijfsarts; no answer is a 5xx and every
answer (errors included) matches its documented schema and status codes.

Limits, so it stays within a minute or two: EXAMPLES requests per operation and user, no shrinking
(derandomized, so the run is repeatable), the projection's runs kept at its minimum. It tests the
API's code, not the database, so it runs once, on SQLite (skipped on PostgreSQL, as tests/attacks)."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings

from levensfase.web.accounts.models import Role
from levensfase.web.api.models import ApiUse
from levensfase.web.api.tokens import create_token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("DATABASE_URL", "").startswith("postgres"),
                       reason="fuzzes the API's code, not the database: runs once, on SQLite"),
]
EXAMPLES = 15
CHECKS = [not_a_server_error, response_schema_conformance, status_code_conformance]


@pytest.mark.parametrize("role,scope", [(Role.HR_ADMIN, "import"), (Role.OCCUPATIONAL_HEALTH, "read")])
def test_every_operation_answers_within_its_schema(users, settings, role, scope):
    settings.LEVENSFASE_API_RATE = 1_000_000
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    headers = {"Authorization": f"Bearer {create_token(user=users[role], name='fuzz', scope=scope).secret}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 13
    for operation in operations:
        query = {"runs": 100, "years": 1} if operation.path == "/api/v1/projection" else None
        strategy = operation.as_strategy(query=query) if query else operation.as_strategy()

        @hypothesis_settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        @given(case=strategy)
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        run()
    statuses = set(ApiUse.objects.values_list("status", flat=True))
    assert ApiUse.objects.count() >= 5 * len(operations)  # the requests went through the token
    # the import token meets validation (422); the read token is refused what it may not do (403), and
    # whether one of its fuzzed uploads fails validation before that depends on the examples drawn
    expected = {200, 404, 422} if scope == "import" else {200, 403, 404}
    assert expected <= statuses and not {s for s in statuses if s is None or s >= 500}
