"""The API's errors as RFC 9457 problem details: `type`, `title`, `status`, `detail` and a stable
`code` e-gov.az can branch on, served as application/problem+json. They are for the client's
developers, so they are in English and never carry the request's identifiers."""

from dataclasses import dataclass, field

from django.http import JsonResponse

PROBLEM_CONTENT_TYPE = "application/problem+json"


@dataclass
class Problem(Exception):
    status: int
    code: str
    title: str
    detail: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {
            "type": f"urn:azerishiq:problem:{self.code}",
            "title": self.title,
            "status": self.status,
            "detail": self.detail or self.title,
            "code": self.code,
        }


def invalid_token(detail: str = "Send a valid access token: Authorization: Bearer <token>.") -> Problem:
    return Problem(
        401,
        "invalid_token",
        "Missing or invalid access token",
        detail,
        headers={"WWW-Authenticate": 'Bearer realm="api", error="invalid_token"'},
    )


def insufficient_scope(scope: str) -> Problem:
    return Problem(
        403,
        "insufficient_scope",
        "The token lacks the scope this call needs",
        f"This call needs the scope {scope}.",
        headers={"WWW-Authenticate": f'Bearer realm="api", error="insufficient_scope", scope="{scope}"'},
    )


def rate_limited(retry_after: int) -> Problem:
    return Problem(
        429,
        "rate_limited",
        "Too many requests",
        f"This client made too many calls; try again in {retry_after} seconds.",
        headers={"Retry-After": str(retry_after)},
    )


def not_found(detail: str) -> Problem:
    return Problem(404, "not_found", "Not found", detail)


def unavailable() -> Problem:
    return Problem(503, "unavailable", "Temporarily unavailable", "Try again later.", {"Retry-After": "30"})


def problem_response(problem: Problem) -> JsonResponse:
    """The problem as an answer: problem+json, never stored by a cache, with its headers."""
    response = JsonResponse(problem.as_json(), status=problem.status, content_type=PROBLEM_CONTENT_TYPE)
    response["Cache-Control"] = "no-store"
    for name, value in problem.headers.items():
        response[name] = value
    return response
