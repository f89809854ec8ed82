"""Property-based test of the whole API against its own OpenAPI schema (schemathesis).

Every operation gets a bounded number of generated requests, sent as the office user of the cast with a
personal token, through the WSGI application (no server). No answer may be a 5xx, and every answer must be
documented in the schema: its status code, its content type and its body.

The schema is loaded inside the test (the token lives in the test database); schemathesis' lazy pytest
loader (`from_fixture`) does not run under pytest 9, so each operation's strategy is driven by hypothesis here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dangvu.api.tests.helpers import token_for
from dangvu.api.tests.test_routes import _records
from dangvu.conftest import Cast
from dangvu.wsgi import application

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = 10  # per operation and mode: the whole test stays under a minute


@pytest.fixture
def keep_the_test_connection() -> Iterator[None]:
    """The WSGI handler closes the database connection around each request, which would end the test's
    transaction (on PostgreSQL); Django's own test client switches this off in the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("keep_the_test_connection")
@pytest.mark.parametrize("mode", [schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE])
def test_the_api_answers_every_generated_request_within_its_schema(cast: Cast, mode: Any) -> None:
    _records(cast)  # something in every list, so that bodies are checked, not only empty pages
    headers = {"Authorization": f"Bearer {token_for(cast.users['office'])}"}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application, headers=headers)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 17

    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=CHECKS)

        check()
