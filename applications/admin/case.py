"""The application page's read-only sections: what the citizen saw and sent, and what happened since."""

import dataclasses
import datetime
import re

from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from applications.corrections.views import handed_in_file_token
from applications.documents.links import bundle_url
from applications.documents.models import DocumentBundle
from applications.models import Application
from applications.wizard.check import ANSWER_LABELS, answer_shown
from core.formats import DASH, format_azn, format_kwh, format_phone
from integrations.base import ExternalSystemUnavailable
from integrations.billing.base import get_billing
from integrations.billing.wire import final_bill_from_json
from integrations.registry.base import get_state_registry
from subscribers.models import Property

# How DjangoJSONEncoder stores dates in the snapshots (registry numbers are digits only).
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")

PERSON_LABELS = {
    "last_name": _("Soyadı"),
    "first_name": _("Adı"),
    "patronymic": _("Atasının adı"),
    "fin": _("FİN"),
    "previous_last_name": _("Əvvəlki soyadı"),
    "previous_first_name": _("Əvvəlki adı"),
    "birth_date": _("Doğum tarixi"),
    "birth_place": _("Doğulduğu yer"),
    "document_number": _("Şəxsiyyət vəsiqəsinin nömrəsi"),
    "document_issued": _("Verilmə tarixi"),
    "document_valid_until": _("Etibarlıdır"),
    "document_authority": _("Verən orqan"),
    "registered_address": _("Qeydiyyat ünvanı"),
}
PROPERTY_LABELS = {
    "kind": _("Əmlakın növü"),
    "registry_number": _("Reyestr nömrəsi"),
    "registration_number": _("Qeydiyyat nömrəsi"),
    "address": _("Ünvan"),
    "owner_fins": _("Mülkiyyətçilər (FİN)"),
}


def display(value) -> str:
    """A stored or fetched value as staff read it: dates as 31.10.2025, lists joined, "—" for empty."""
    if isinstance(value, str) and ISO_DATETIME.match(value):
        value = parse_datetime(value)
    elif isinstance(value, str) and ISO_DATE.fullmatch(value):
        value = parse_date(value)
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "d.m.Y H:i")
    if isinstance(value, datetime.date):
        return date_format(value, "d.m.Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "—"
    if value in (None, ""):
        return "—"
    return str(value)


def case_file(*, application: Application, can_see_access_log: bool) -> dict:
    """Everything the application page shows besides its summary fields."""
    bundle = DocumentBundle.objects.filter(application=application).first()
    return {
        "person_rows": [
            (label, display(application.registry_snapshot.get(key))) for key, label in PERSON_LABELS.items()
        ],
        "snapshot_taken": display(application.registry_snapshot.get("fetched_at")),
        "property_rows": _property_rows(application),
        "contact_rows": [
            (_("Mobil nömrə"), format_phone(application.mobile_phone)),
            (_("E-poçt ünvanı"), application.email or "—"),
        ],
        "debt_at_submission": format_azn(application.debt_at_submission),
        "debt_now": debt_now(application),
        "bundle_url": bundle_url(bundle) if bundle else "",
        "documents": list(bundle.documents.order_by("created_at", "pk")) if bundle else [],
        "notifications": list(application.notifications.order_by("created_at", "pk")),
        "events": list(application.events.select_related("actor").order_by("created_at", "pk")),
        "handover_rows": _handover_rows(application),
        "objection": getattr(getattr(application, "handover", None), "objection", ""),
        "final_bill_rows": _final_bill_rows(application),
        "consents": list(application.co_owner_consents.order_by("pk")),
        "billing_command": getattr(application, "billing_command", None),
        "answer_versions": answer_versions(application),
        "info_requests": [
            (request, ", ".join(str(ANSWER_LABELS[name]) for name in request.fields) or DASH)
            for request in application.info_requests.select_related("requested_by").prefetch_related(
                "document_kinds"
            )
        ],
        "accesses": (
            list(application.accesses.select_related("viewer", "client").order_by("-viewed_at", "-pk")[:50])
            if can_see_access_log
            else None
        ),
    }


@dataclasses.dataclass(frozen=True)
class VersionShown:
    number: int
    author: str
    at: datetime.datetime
    changes: list  # (label, before, after) of each answer that changed since the version before
    files: list  # (document kind, "PDF, 120 KB", signed link)


def answer_versions(application: Application) -> list[VersionShown]:
    """Each (re)submission's answers, newest first: what changed since the one before, the
    files handed in with it, who and when. Staff's file links are signed, valid today only."""
    versions = list(
        application.answer_versions.select_related("author").prefetch_related("files__document_kind")
    )
    shown, before = [], None
    for version in versions:
        changes = [
            (ANSWER_LABELS[name], answer_shown(name, before.get(name)), answer_shown(name, value))
            for name, value in version.answers.items()
            if before is not None and before.get(name) != value and name in ANSWER_LABELS
        ]
        files = [
            (
                handed_in.document_kind.name,
                f"{handed_in.type_label}, {filesizeformat(handed_in.size)}",
                reverse("applications:handed_in_file", args=[handed_in_file_token(handed_in)]),
            )
            for handed_in in version.files.all()
        ]
        author = version.author.get_full_name() or version.author.get_username() if version.author else DASH
        shown.append(VersionShown(version.number, author, version.created_at, changes, files))
        before = version.answers
    return shown[::-1]


def _handover_rows(application: Application) -> list[tuple]:
    """A transfer's handover as staff check it: the day, the reading and where it came from, the
    meter, the outgoing holder (as billing names and reaches them) and their answer."""
    handover = getattr(application, "handover", None)
    if handover is None:
        return []
    answer = handover.get_answer_display()
    if handover.answered_at:
        answer = f"{answer} ({display(handover.answered_at)})"
    return [
        (_("Təhvil tarixi"), display(handover.handover_date)),
        (
            _("Sayğacın göstəricisi"),
            f"{format_kwh(handover.reading_kwh)} kVt·saat ({handover.get_reading_source_display()})",
        ),
        (_("Sayğac"), f"{handover.meter_number} ({handover.meter_kind})"),
        (
            _("Son hesablanmış göstərici"),
            f"{format_kwh(handover.last_billed_kwh)} kVt·saat ({display(handover.last_billed_on)})",
        ),
        (_("Əvvəlki sahib"), f"{handover.previous_holder_name} ({handover.previous_holder_fin})"),
        (
            _("Əvvəlki sahibin əlaqəsi"),
            ", ".join(
                filter(None, (format_phone(handover.previous_holder_phone), handover.previous_holder_email))
            )
            or DASH,
        ),
        (_("Əvvəlki sahibin cavabı"), answer),
    ]


def _final_bill_rows(application: Application) -> list[tuple]:
    handover = getattr(application, "handover", None)
    if handover is None or not handover.final_bill:
        return []
    bill = final_bill_from_json(handover.final_bill)
    return [
        (_("Bağlanan müqavilə"), bill.contract_number),
        (_("Son göstərici"), f"{format_kwh(bill.closing_kwh)} kVt·saat"),
        (
            _("İstehlak"),
            f"{format_kwh(bill.consumption_kwh)} kVt·saat = {format_azn(bill.consumption_amount)}",
        ),
        (_("Balans təhvildən əvvəl"), format_azn(bill.balance_before)),
        (_("Əvvəlki sahibə qaytarılır"), format_azn(bill.refund)),
        (_("Əvvəlki sahib ödəməlidir"), format_azn(bill.to_pay)),
    ]


def _property_rows(application: Application) -> list[tuple]:
    snapshot = _readable_property(application.property_snapshot)
    rows = [(_("Rayon"), application.district.display_name)]
    rows += [(label, display(snapshot.get(key))) for key, label in PROPERTY_LABELS.items()]
    return rows


def _readable_property(record: dict | None) -> dict:
    record = dict(record or {})
    if record.get("kind") in Property.Kind.values:
        record["kind"] = Property.Kind(record["kind"]).label
    return record


def debt_now(application: Application) -> str:
    """The account's balance in billing right now, or why it cannot be shown."""
    try:
        balance = get_billing().balance(application.subscriber_code)
    except ExternalSystemUnavailable:
        return str(_("Billinq sistemi cavab vermir"))
    return format_azn(balance) if balance is not None else str(_("Billinqdə tapılmadı"))


@dataclasses.dataclass(frozen=True)
class ComparedRow:
    label: str
    then: str
    now: str

    @property
    def changed(self) -> bool:
        return self.then != self.now


def registry_comparison(application: Application) -> dict:
    """The person and property as the citizen saw them, beside what the registry says now.
    Raises ExternalSystemUnavailable."""
    registry = get_state_registry()
    person = registry.find_person(application.applicant_fin)
    record = registry.find_property(
        application.district.code, application.registry_number, application.registration_number
    )
    person_now = dataclasses.asdict(person) if person else {}
    property_now = dataclasses.asdict(record) if record else {}
    return {
        "person_found": person is not None,
        "property_found": record is not None,
        "person_rows": _compare(PERSON_LABELS, application.registry_snapshot, person_now),
        "property_rows": _compare(
            PROPERTY_LABELS,
            _readable_property(application.property_snapshot),
            _readable_property(property_now),
        ),
    }


def _compare(labels: dict, then: dict, now: dict) -> list[ComparedRow]:
    return [
        ComparedRow(label=str(label), then=display((then or {}).get(key)), now=display(now.get(key)))
        for key, label in labels.items()
    ]
