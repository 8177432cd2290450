"""The shell's error pages: HTML for people, problem+json under the APIs."""

import json

import pytest


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path", ["/api/nie-ma/", "/ogcapi/collections/dzielnice/items/a%0Ab/x", "/api/alerts/x.txt"]
)
def test_unknown_api_address_answers_problem_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    body = json.loads(response.content)
    assert body["status"] == 404 and body["title"] == "Nie znaleziono"


@pytest.mark.django_db
def test_unknown_page_answers_the_polish_404_page(client):
    response = client.get("/nie-ma-takiej-strony/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert 'lang="pl"' in response.content.decode()


def test_favicon_ico_points_at_the_coat_of_arms(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("herb.svg")
