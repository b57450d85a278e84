"""The e-gov.az API as its machine client sees it: a token from the token endpoint, the
applications of a citizen and one application, what they show and what they leave out, and
every refusal as a problem detail."""

import json
from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from oauth2_provider.models import AccessToken
from openapi_spec_validator import validate

from applications.models import ApplicationAccess
from applications.services import application_claim
from tests.support.demo import AYSEL, LEYLA, NESIMI_FLAT, OPERATOR_BAKI, RAUF_ACCOUNT
from tests.support.documents import NEW_MOBILE, TRANSFER, corrected, send
from tests.support.egov import bearer, machine_client, token_response
from tests.support.staff import submit, user

BY_CITIZEN = "/api/v1/applications/by-citizen"


def by_citizen(token: str, fin: str, **headers):
    return Client().post(
        BY_CITIZEN, json.dumps({"fin": fin}), content_type="application/json", **bearer(token), **headers
    )


def by_number(token: str, number: str):
    return Client().get(f"/api/v1/applications/{number}", **bearer(token))


def assert_problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["code"] == code
    assert body["type"] and body["title"] and body["detail"]
    return body


@pytest.fixture
def egov(staff_world):
    return machine_client()


def test_the_openapi_document_validates_as_openapi_3(db):
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    validate(document)
    assert document["openapi"].startswith("3.")
    assert {"/api/v1/applications/by-citizen", "/api/v1/applications/{number}"} <= set(document["paths"])


def test_a_client_reads_the_applications_of_a_citizen(
    egov, staff_world, leyla_rename, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the receipt's PDF is made after commit
        aysel_transfer = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    response = by_citizen(egov.token(), AYSEL)

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response
    [application] = response.json()["applications"]
    assert application["number"] == aysel_transfer.number
    assert application["kind"] == "transfer"
    assert application["status"] == "in_review"
    assert [stage["status"] for stage in application["stages"]] == ["submitted", "in_review"]
    assert application["office"]["name"]
    assert application["expected_decision"] == aysel_transfer.due_date.isoformat()
    receipt = aysel_transfer.document_bundle.documents.get(kind="receipt")
    assert {
        "kind": "receipt",
        "verification_code": receipt.verification_code,
        "final": False,
        "in_force": True,
    } in application["documents"]


def test_a_receipt_superseded_by_a_correction_is_listed_as_no_longer_in_force(
    egov, staff_world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = send(AYSEL, TRANSFER)
    first = application.document_bundle.documents.get(kind="receipt")
    with django_capture_on_commit_callbacks(execute=True):
        corrected(application, mobile_phone=NEW_MOBILE)
    second = application.document_bundle.documents.in_force().get(kind="receipt")

    [listed] = by_citizen(egov.token(), AYSEL).json()["applications"]

    receipts = [document for document in listed["documents"] if document["kind"] == "receipt"]
    assert receipts == [
        {"kind": "receipt", "verification_code": first.verification_code, "final": False, "in_force": False},
        {"kind": "receipt", "verification_code": second.verification_code, "final": False, "in_force": True},
    ]


def test_the_api_shows_no_name_address_or_phone(egov, aysel_transfer):
    body = by_number(egov.token(), aysel_transfer.number).content.decode()
    snapshot = aysel_transfer.registry_snapshot
    for personal in (
        snapshot["first_name"],
        snapshot["last_name"],
        aysel_transfer.mobile_phone,
        aysel_transfer.email,
    ):
        assert personal not in body
    assert set(json.loads(body)) == {
        "number", "kind", "status", "submitted_at", "stages", "office", "expected_decision", "documents"
    }  # fmt: skip


def test_every_application_read_is_in_the_citizens_access_log(egov, aysel_transfer, citizen_client):
    by_number(egov.token(), aysel_transfer.number.replace("-", "").lower())

    access = aysel_transfer.accesses.get()
    assert (access.client, access.viewer, access.page) == (egov.client, None, ApplicationAccess.Page.API)
    for language, said in (
        ("az", "e-gov.az portalı müraciətinizə baxdı"),
        ("en", "The e-gov.az portal viewed your application"),
        ("ru", "Портал e-gov.az просмотрел вашу заявку"),
    ):
        browser = citizen_client(AYSEL)
        browser.cookies["django_language"] = language
        page = browser.get(f"/my/{aysel_transfer.number}/").content.decode()
        assert said in page


def test_an_unknown_number_is_404_and_a_malformed_one_422(egov, aysel_transfer):
    token = egov.token()
    assert_problem(by_number(token, "AZI-22222-22222"), 404, "not_found")
    assert_problem(by_number(token, "not-a-number"), 422, "invalid_number")
    assert not ApplicationAccess.objects.exists()


@pytest.mark.parametrize("path", ["/api/v1/applications", "/api/v1/nothing/here", "/api/v2/applications/x"])
def test_a_path_the_api_does_not_have_is_a_404_problem(egov, path):
    token = egov.token()
    machine = Client(enforce_csrf_checks=True)
    for response in (machine.get(path, **bearer(token)), machine.post(path, "{}", "application/json")):
        assert_problem(response, 404, "not_found")
        assert response["Cache-Control"] == "no-store"


def test_bad_input_is_a_problem_never_a_500(egov, staff_world):
    token = egov.token()
    assert_problem(by_citizen(token, "short"), 422, "invalid_input")
    malformed = Client().post(BY_CITIZEN, "{not json", content_type="application/json", **bearer(token))
    assert_problem(malformed, 400, "bad_request")
    missing = Client().post(BY_CITIZEN, "{}", content_type="application/json", **bearer(token))
    assert_problem(missing, 422, "invalid_input")


def test_a_citizen_with_no_applications_gets_an_empty_list(egov, aysel_transfer):
    response = by_citizen(egov.token(), LEYLA)
    assert response.status_code == 200 and response.json() == {"applications": []}


@pytest.mark.parametrize("authorization", [None, "Bearer wrong-token", "Basic abc"])
def test_a_missing_or_invalid_token_is_401_with_www_authenticate(staff_world, authorization):
    headers = {"HTTP_AUTHORIZATION": authorization} if authorization else {}
    response = Client().get("/api/v1/applications/AZI-22222-22222", **headers)
    assert_problem(response, 401, "invalid_token")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_client_without_the_scope_cannot_get_it_nor_read(staff_world, aysel_transfer):
    stranger = machine_client("another", scopes=())
    refused = token_response(stranger)
    assert (refused.status_code, refused.json()["error"]) == (400, "invalid_scope")
    # A token it holds without the scope (issued for another purpose) does not read either.
    token = AccessToken.objects.create(
        application=stranger.client,
        token="another-token",
        scope="",
        expires=timezone.now() + timedelta(hours=1),
    )
    assert_problem(by_number(token.token, aysel_transfer.number), 403, "insufficient_scope")


def test_a_scope_taken_away_stops_a_token_already_issued(egov, aysel_transfer):
    token = egov.token()
    egov.client.api_scopes.scopes = []
    egov.client.api_scopes.save()
    assert_problem(by_number(token, aysel_transfer.number), 403, "insufficient_scope")


@override_settings(EGOV_API_RATE="3/m")
def test_a_client_over_its_rate_gets_429_with_retry_after_and_others_do_not(egov, aysel_transfer):
    token = egov.token()
    for _ in range(3):
        assert by_number(token, aysel_transfer.number).status_code == 200
    over = by_number(token, aysel_transfer.number)
    assert_problem(over, 429, "rate_limited")
    assert int(over["Retry-After"]) > 0
    other = machine_client("another")
    assert by_number(other.token(), aysel_transfer.number).status_code == 200


def test_the_token_endpoint_refuses_a_wrong_secret(egov):
    egov.client_secret = "wrong"
    response = token_response(egov)
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


@override_settings(EGOV_TOKEN_RATE="2/m")
def test_the_token_endpoint_is_rate_limited_per_address(egov):
    for _ in range(2):
        assert token_response(egov).status_code == 200
    over = token_response(egov)
    assert_problem(over, 429, "rate_limited")
    assert int(over["Retry-After"]) > 0
