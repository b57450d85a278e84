"""The project's URLs as the resolver lists them, for tests that request every one of them."""

import re
import uuid
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RegexPattern, RoutePattern
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from oauth2_provider.models import AccessToken, Grant, IDToken, RefreshToken
from oauth2_provider.models import Application as OAuthClient

from applications.corrections.services import handed_in_file_add
from applications.corrections.views import handed_in_file_token
from applications.documents.generation import documents_generate
from applications.documents.links import bundle_token
from applications.documents.models import Document
from applications.egov.models import ApiClientScopes, EgovEvent, EgovSubscription
from applications.handover.links import previous_holder_url
from applications.links import status_link_url
from applications.models import Application, ApplicationAccess, DocumentKind, InfoRequest
from applications.services import application_access_record
from backoffice.models import StaffAccess
from backoffice.services import staff_access_record
from operations.models import Maintenance
from operations.services import maintenance_switch
from subscribers.models import Account, District, RegionalOffice
from tests.support.demo import AYSEL, NESIMI_FLAT, OPERATOR_BAKI, RAUF_ACCOUNT
from tests.support.egov import machine_client
from tests.support.staff import submit, user
from tests.support.wizard import STEPS


def all_routes(patterns=None, prefix=""):
    """Every route as written (`my/<application_number:number>/`), with its pattern."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_routes(pattern.url_patterns, route)
        else:
            yield route, pattern


def parameterless_url(route: str, pattern: URLPattern) -> str | None:
    """The URL of a route that takes no parameter, else None."""
    if isinstance(pattern.pattern, RegexPattern):
        if pattern.pattern.regex.groups:
            return None
        route = route.replace("^", "").replace("$", "")
    elif pattern.pattern.converters or "<" in route:
        return None
    return "/" + route


def has_parameters(pattern) -> bool:
    """The route takes a parameter (a converter or a regex group)."""
    if isinstance(pattern.pattern, RoutePattern):
        return bool(pattern.pattern.converters)
    return isinstance(pattern.pattern, RegexPattern) and pattern.pattern.regex.groups > 0


def admin_targets() -> dict[type, object]:
    """One object of the Bakı office (or, for models without an office, any) per admin model."""
    # Subscribed before the application is sent: its submission is an event for the client.
    egov = machine_client(webhook_url="https://e-gov.example/hook").client
    application = submit(AYSEL, "transfer", RAUF_ACCOUNT, NESIMI_FLAT)
    account = Account.objects.select_related("holder", "property").get(subscriber_code=RAUF_ACCOUNT)
    record = {
        "username": "x",
        "ip_address": "127.0.0.1",
        "user_agent": "x",
        "http_accept": "x",
        "path_info": "/",
    }
    staff = user(OPERATOR_BAKI)
    expires = timezone.now() + timedelta(hours=1)
    access_token = AccessToken.objects.create(application=egov, token="x", scope="", expires=expires)
    return {
        **_egov_targets(application, egov, access_token),
        Grant: Grant.objects.create(
            user=staff, application=egov, code="x", expires=expires, redirect_uri="https://x", scope=""
        ),
        RefreshToken: RefreshToken.objects.create(
            user=staff, application=egov, token="x", access_token=access_token
        ),
        IDToken: IDToken.objects.create(application=egov, jti=uuid.uuid4(), expires=expires, scope=""),
        Application: application,
        ApplicationAccess: application_access_record(application=application, viewer=staff),
        Account: account,
        type(account.holder): account.holder,
        type(account.property): account.property,
        get_user_model(): staff,
        TOTPDevice: TOTPDevice.objects.get_or_create(user=staff, defaults={"name": "x", "confirmed": True})[
            0
        ],
        StaticDevice: StaticDevice.objects.get_or_create(user=staff, defaults={"name": "x"})[0],
        Group: Group.objects.get(name="office_operator"),
        RegionalOffice: application.office,
        District: application.district,
        AccessAttempt: AccessAttempt.objects.create(
            **record, get_data="", post_data="", failures_since_start=1
        ),
        AccessLog: AccessLog.objects.create(**record),
        AccessFailureLog: AccessFailureLog.objects.create(**record),
        Maintenance: maintenance_switch(actor=None, closed=False),
        DocumentKind: DocumentKind.objects.first(),
        StaffAccess: staff_access_record(
            viewer=staff, model="subscribers.account", page="subscribers_account_change", objects_shown=[1]
        ),
    }


def _egov_targets(application, egov, access_token) -> dict[type, object]:
    return {
        OAuthClient: egov,
        AccessToken: access_token,
        ApiClientScopes: egov.api_scopes,
        EgovSubscription: egov.egov_subscription,
        EgovEvent: EgovEvent.objects.filter(application=application).first(),
    }


def admin_object_patterns() -> dict[str, tuple[type, str, URLPattern | None]]:
    """Every admin URL naming an object, by route: (its model, its prefix, its pattern)."""
    patterns = {}
    for model, model_admin in admin.site._registry.items():
        prefix = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        for pattern in model_admin.get_urls():
            if has_parameters(pattern):
                patterns[prefix + str(pattern.pattern)] = (model, prefix, pattern)
    patterns["admin/r/<path:content_type_id>/<path:object_id>/"] = (Application, "admin/r/", None)
    return patterns


ADMIN_OBJECT_PATTERNS = admin_object_patterns()


def admin_object_urls(targets: dict[type, object]) -> dict[str, str]:
    """The URLs of ADMIN_OBJECT_PATTERNS, each naming its model's target."""
    urls = {}
    for route, (model, prefix, pattern) in ADMIN_OBJECT_PATTERNS.items():
        assert model in targets, f"{model.__name__} is new in the admin: give admin_targets() one of its rows"
        urls[route] = _filled(prefix, pattern, targets[model])
    return urls


def _filled(prefix: str, pattern: URLPattern | None, target) -> str:
    if pattern is None:  # the admin's "view on site" redirect
        return f"/{prefix}{ContentType.objects.get_for_model(target).pk}/{target.pk}/"
    if isinstance(pattern.pattern, RegexPattern):  # django-simple-history's /history/<version>/
        version = target.history.order_by("-history_id").first() if hasattr(target, "history") else None
        return f"/{prefix}{target.pk}/history/{version.history_id if version else 1}/"
    path = str(pattern.pattern)
    for name in pattern.pattern.converters:
        path = re.sub(rf"<[^:>]+:{name}>|<{name}>", str(target.pk), path)
    return f"/{prefix}{path}"


def handed_in_sample(application: Application):
    """A PDF handed in for `application` (a request row made directly: its status stays)."""
    request = InfoRequest.objects.create(
        application=application, message="?", requested_by=user(OPERATOR_BAKI)
    )
    return handed_in_file_add(
        info_request=request,
        document_kind=DocumentKind.objects.first(),
        uploaded=SimpleUploadedFile("sample.pdf", b"%PDF-1.4\n%%EOF\n"),
        applicant=application.applicant,
    )


def filled_urls() -> dict[str, list[str]]:
    """Every route, filled with values that exist (the admin's targets: Aysel's sent transfer, its bundle)."""
    targets = admin_targets()
    application = targets[Application]
    documents_generate(application_id=application.pk)
    token = bundle_token(application.document_bundle.key)
    handover_path = previous_holder_url(application.handover).removeprefix(settings.PUBLIC_BASE_URL)
    code = Document.objects.filter(bundle=application.document_bundle).first().verification_code
    number = application.number
    file_token = handed_in_file_token(handed_in_sample(application))
    values = {
        "apply/<slug:step>/": [f"/apply/{step}/" for step in STEPS],
        "my/<application_number:number>/": [f"/my/{number}/"],
        "my/<application_number:number>/withdraw/": [f"/my/{number}/withdraw/"],
        "my/<application_number:number>/correct/": [f"/my/{number}/correct/"],
        "my/<application_number:number>/correct/<slug:step>/": [f"/my/{number}/correct/check/"],
        "my/<application_number:number>/answer/": [f"/my/{number}/answer/"],
        "files/<str:token>/": [f"/files/{file_token}/"],
        "d/<str:token>/": [f"/d/{token}/"],
        "d/<str:token>/<document:slug>.pdf": [f"/d/{token}/receipt.pdf"],
        "d/<str:token>/<document:slug>/": [f"/d/{token}/receipt/"],
        # The outgoing holder's and a co-owner's signed links (applications/handover/links.py).
        "h/<str:token>/": [handover_path],
        "h/<str:token>/final-bill.pdf": [f"{handover_path}final-bill.pdf"],
        "r/<str:token>/": [handover_path.replace("/h/", "/r/")],
        # The applicant's status link (applications/links.py).
        "s/<str:token>/": [status_link_url(application).removeprefix(settings.PUBLIC_BASE_URL)],
        "verify/<slug:code>/": [f"/verify/{code}/"],
        "api/v1/applications/<number>": [f"/api/v1/applications/{number}"],
        "admin/(?P<url>.*)$": ["/admin/no-such-page/"],
    }
    values.update({route: [url] for route, url in admin_object_urls(targets).items()})
    urls = {}
    for route, pattern in all_routes():
        url = parameterless_url(route, pattern)
        if getattr(pattern.callback, "__name__", "") == "app_index":  # the admin's page of one app's models
            urls[route] = [f"/admin/{label}/" for label in ("applications", "subscribers", "auth", "axes")]
        else:
            urls[route] = [url] if url is not None else values.get(route, [])
    return urls
