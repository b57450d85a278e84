"""The API e-gov.az reads the applications through, at /api/v1/ (django-ninja: the schemas are
pydantic models and /api/v1/openapi.json is generated from them).

It shows what the state portal needs to show the citizen their application's progress — kind,
status, stages with dates, office, expected decision, the documents' verification codes — and
nothing else: no names, addresses or phones. Every application it returns is recorded in the
access log the citizen reads on "Müraciətlərim". The FİN travels in the body, never in the URL,
so that no access log holds it.
"""

import datetime

from django.db import transaction
from django.http import HttpRequest
from django.utils import translation
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from applications.documents.models import Document
from applications.egov import problems
from applications.egov.auth import ClientToken
from applications.models import Application
from applications.numbers import InvalidApplicationNumber, normalize
from applications.services import application_client_access_record

READ = "applications:read"
FIN_PATTERN = r"^[A-HJ-NP-Z0-9]{7}$"


class ProblemApi(NinjaAPI):
    """Every answer is `no-store` (an application's status is personal), errors are problem+json."""

    def create_response(self, request, data, *, status=None, temporal_response=None):
        response = super().create_response(request, data, status=status, temporal_response=temporal_response)
        response["Cache-Control"] = "no-store"
        return response


api = ProblemApi(
    title="Azərişıq e-services: e-gov.az API",
    version="1.0.0",
    description="Applications' status for the state portal. OAuth 2.0 client credentials "
    "(token endpoint /api/oauth/token/, scope applications:read). Errors are RFC 9457 problem details.",
    urls_namespace="egov-api",
    docs_url=None,  # the interactive page loads scripts from a CDN, which the CSP forbids
    auth=ClientToken(READ),
)


class StageOut(Schema):
    status: str = Field(description="The status the application entered.")
    entered_at: datetime.datetime


class OfficeOut(Schema):
    name: str


class DocumentOut(Schema):
    kind: str
    verification_code: str = Field(description="The code the document's QR code carries (/verify/<code>/).")
    final: bool
    in_force: bool = Field(
        description="False once a correction or a later change of the account superseded it "
        "(its code still verifies, saying so)."
    )


class ApplicationOut(Schema):
    number: str
    kind: str
    status: str
    submitted_at: datetime.datetime
    stages: list[StageOut]
    office: OfficeOut
    expected_decision: datetime.date | None = Field(description="While not decided: the due date.")
    documents: list[DocumentOut]


class ApplicationListOut(Schema):
    applications: list[ApplicationOut]


class CitizenIn(Schema):
    fin: str = Field(pattern=FIN_PATTERN, description="The citizen's FİN (7 characters, upper case).")


class ProblemOut(Schema):
    type: str
    title: str
    status: int
    detail: str
    code: str


ERRORS = {code: ProblemOut for code in (400, 401, 403, 404, 422, 429, 503)}


@api.post(
    "/applications/by-citizen",
    response={200: ApplicationListOut, **ERRORS},
    summary="The applications of one citizen, newest first",
)
def applications_of_citizen(request: HttpRequest, citizen: CitizenIn):
    applications = list(
        _applications().filter(applicant_fin=citizen.fin).order_by("-submitted_at", "-pk")[:100]
    )
    _record(applications, request.api_client)
    return {"applications": [_out(application) for application in applications]}


@api.get(
    "/applications/{number}",
    response={200: ApplicationOut, **ERRORS},
    summary="One application, by its number",
)
def application_by_number(request: HttpRequest, number: str):
    try:
        number = normalize(number)
    except InvalidApplicationNumber as error:
        raise problems.Problem(
            422,
            "invalid_number",
            "Invalid application number",
            "An application number reads AZI-XXXXX-XXXXX.",
        ) from error
    application = _applications().filter(number=number).first()
    if application is None:
        raise problems.not_found("No application has this number.")
    _record([application], request.api_client)
    return _out(application)


def _applications():
    return Application.objects.select_related("office", "document_bundle").prefetch_related(
        "events", "document_bundle__documents"
    )


def _record(applications: list[Application], client) -> None:
    with transaction.atomic():
        for application in applications:
            application_client_access_record(application=application, client=client)


def _out(application: Application) -> dict:
    bundle = getattr(application, "document_bundle", None)
    documents = bundle.documents.all() if bundle else []
    with translation.override("az"):
        office = application.office.display_name
    return {
        "number": application.number,
        "kind": application.kind,
        "status": application.status,
        "submitted_at": application.submitted_at,
        "stages": [
            {"status": event.to_status, "entered_at": event.created_at}
            for event in sorted(application.events.all(), key=lambda event: (event.created_at, event.pk))
            if event.from_status != event.to_status
        ],
        "office": {"name": office},
        "expected_decision": application.due_date if application.is_open else None,
        # The outgoing holder's final bill is theirs, not the applicant's.
        "documents": [
            {
                "kind": document.kind,
                "verification_code": document.verification_code,
                "final": document.is_final,
                "in_force": document.in_force,
            }
            for document in sorted(documents, key=lambda document: document.pk)
            if document.kind != Document.Kind.FINAL_BILL
        ],
    }


# --- errors as problem details ------------------------------------------------------------


@csrf_exempt  # a machine's POST to a wrong path gets the 404, not the CSRF page
def unknown_path(request):
    """Any other path under /api/: a problem document, not the site's HTML 404 page."""
    problem = problems.not_found("No API call has this path; the calls are in /api/v1/openapi.json.")
    response = problems.problem_response(problem)
    response["Cache-Control"] = "no-store"
    return response


def _problem_response(request, problem: problems.Problem):
    return problems.problem_response(problem)


@api.exception_handler(problems.Problem)
def _problem(request, problem: problems.Problem):
    return _problem_response(request, problem)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, error):
    return _problem_response(request, problems.invalid_token())


@api.exception_handler(ValidationError)
def _invalid(request, error: ValidationError):
    fields = sorted({".".join(str(part) for part in item.get("loc", ())[1:]) for item in error.errors})
    detail = "Invalid input: " + ", ".join(field or "body" for field in fields) + "."
    return _problem_response(request, problems.Problem(422, "invalid_input", "Invalid input", detail))


@api.exception_handler(HttpError)
def _http_error(request, error: HttpError):
    # django-ninja's own: an unparsable JSON body (400) and the like.
    code = "bad_request" if error.status_code == 400 else "http_error"
    return _problem_response(request, problems.Problem(error.status_code, code, str(error.message)))
