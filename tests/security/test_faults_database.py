"""A database that goes away: 503 with Retry-After in Polish, then recovery."""

import json
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client


@pytest.fixture
def client(db, settings):
    settings.RATUSZ_RATELIMIT_ENABLED = False
    return Client(raise_request_exception=True)


def database_down(error):
    return mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=error)


@pytest.mark.parametrize(
    "error",
    [OperationalError("server closed the connection"), InterfaceError("connection already closed")],
)
def test_page_answers_503_in_polish_with_retry_after(client, error):
    with database_down(error):
        response = client.get("/komunikaty/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    body = response.content.decode()
    assert 'lang="pl"' in body and "Spróbuj ponownie" in body
    assert response["Cache-Control"] == "no-store"  # never kept by the page cache
    assert client.get("/komunikaty/").status_code == 200  # back by itself


def test_api_answers_problem_json(client):
    with database_down(OperationalError("terminating connection due to administrator command")):
        response = client.get("/api/budget/editions/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    problem = json.loads(response.content)
    assert problem["status"] == 503 and problem["title"]
    assert "Retry-After" in response


def test_form_post_during_outage_tells_the_user_to_send_again(client):
    with database_down(OperationalError("could not connect to server")):
        response = client.post("/komunikaty/subskrypcja/", {"email": "a@example.invalid"})
    assert response.status_code == 503
    assert "wyślij go jeszcze raz" in response.content.decode()


def test_other_errors_stay_errors(client):
    # Only connection trouble becomes 503; a programming error must still surface.
    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", side_effect=ZeroDivisionError):
        with pytest.raises(ZeroDivisionError):
            client.get("/komunikaty/")


def test_a_driver_error_subclass_raised_unwrapped_is_a_lost_connection():
    # Closing a server-side cursor (a form's <select> iterating a queryset) raises
    # psycopg's AdminShutdown as it is, not wrapped in Django's OperationalError.
    errors = pytest.importorskip("psycopg.errors")
    from ratusz.core.dbfaults import connection_lost

    assert connection_lost(errors.AdminShutdown("terminating connection"))
    assert connection_lost(errors.ConnectionFailure("connection failure"))
    assert not connection_lost(errors.UniqueViolation("duplicate key"))


def test_lost_connection_outside_a_view_still_answers_503(client, settings):
    # A middleware fails after the view: no process_exception sees it, the 500 handler does.
    settings.DEBUG = False
    client.raise_request_exception = False
    with mock.patch(
        "django.contrib.messages.middleware.MessageMiddleware.process_response",
        side_effect=OperationalError("server closed the connection unexpectedly"),
    ):
        response = client.get("/komunikaty/")
    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    assert "Spróbuj ponownie" in response.content.decode()


def test_other_errors_outside_a_view_get_the_500_page(client, settings):
    settings.DEBUG = False
    client.raise_request_exception = False
    with mock.patch(
        "django.contrib.messages.middleware.MessageMiddleware.process_response",
        side_effect=ZeroDivisionError,
    ):
        response = client.get("/komunikaty/")
    assert response.status_code == 500
