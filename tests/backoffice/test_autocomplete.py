"""/admin/autocomplete/ is closed for the models holding citizens' data (holders, accounts,
properties, applications, users): no screen needs it, and it would list names and addresses."""

import pytest

from tests.support.demo import AUDITOR, SUPERVISOR

# (the model searched, reached through a field pointing at it)
PERSONAL_LOOKUPS = [
    ("subscribers", "account", "holder"),
    ("subscribers", "account", "property"),
    ("applications", "application", "account"),
    ("applications", "application", "dwelling"),
    ("applications", "application", "applicant"),
]


@pytest.mark.parametrize(("app_label", "model_name", "field_name"), PERSONAL_LOOKUPS)
@pytest.mark.parametrize("username", [SUPERVISOR, AUDITOR])
def test_autocomplete_answers_nothing_about_citizens(
    staff_client, username, app_label, model_name, field_name
):
    browser = staff_client(username)

    for term in ("", "a", "Əliyev", "Bakı"):
        response = browser.get(
            "/admin/autocomplete/",
            {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
        )
        assert response.status_code in (403, 404), (term, response.status_code)
        assert "Əliyev" not in response.content.decode() and "Vurğun" not in response.content.decode()


def test_autocomplete_still_answers_for_reference_data(staff_client):
    # The control: the view itself works (districts hold no one's data).
    response = staff_client(SUPERVISOR).get(
        "/admin/autocomplete/",
        {"app_label": "subscribers", "model_name": "district", "field_name": "parent", "term": "Bak"},
    )

    assert response.status_code == 200
    assert "Bakı ş., Yasamal r." in [result["text"] for result in response.json()["results"]]
