"""Property-based testing of the API against its own OpenAPI schema (issue 18, measured): schemathesis makes
requests for every operation from the schema — valid and invalid — through the WSGI application, as a token of
the province's tracker; no response may be a server error, and every response must match the schema."""

from datetime import date

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from dieuhanh.api import tokens
from dieuhanh.org.models import Role
from dieuhanh.tasks import services as task_services

pytestmark = pytest.mark.django_db


def test_no_server_error_and_every_response_matches_the_schema(province):
    task = province.task("Rà soát quy hoạch cán bộ", deadline=date(2099, 1, 1))
    task_services.request_completion(province.lead_officer, task, note="Đã xong")
    province.task("Báo cáo chuyển đổi số", lead=province.snv, coordinators=[province.btc], deadline=date(2026, 3, 1))
    bearer = tokens.issue(province.tracker, user=province.tracker, name="schemathesis", unit=province.root,
                          role=Role.TRACKER, days=1)[1]
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())
    # A valid request may still meet a version it did not read (If-Match, 412) besides the defaults.
    accepted = schema.config.checks.positive_data_acceptance
    accepted.expected_statuses = [*accepted.expected_statuses, "412"]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            case.call_and_validate(headers={"Authorization": f"Bearer {bearer}"})

        check()


@pytest.fixture(autouse=True)
def _connection_kept():
    """As Django's test client does: the WSGI handler must not close the test's connection after each request
    (the test's transaction lives on it)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (signals.request_started, signals.request_finished):
            signal.connect(close_old_connections)
