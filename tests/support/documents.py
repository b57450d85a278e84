"""The documents' tests share these: sending Aysel's transfer and Leyla's rename as the wizard
does, reading a stored PDF's text as a copy-paste gives it, and what billing's confirmation
leaves behind (so the final documents can be generated)."""

import dataclasses
import datetime
import io
import re
from html import unescape

from django.core.files.storage import default_storage
from django.urls import reverse
from pypdf import PdfReader

from applications.answers import Answers
from applications.documents.links import bundle_token
from applications.documents.models import Document
from applications.handover.models import Handover
from applications.models import Application
from applications.services import application_claim, application_correct, application_request_info
from subscribers.models import Subscriber
from tests.support.applications import sent
from tests.support.demo import OPERATOR_BAKI
from tests.support.staff import refreshed, user

AYSEL = "2AB3C4D"  # buys Rauf's flat in Nəsimi: a transfer (integrations/registry/demo.py)
LEYLA = "4EF5G6H"  # née Həsənova: a rename
TRANSFER = {
    "kind": "transfer",
    "subscriber_code": "100100200300401",
    "district": "baki-nesimi",
    "registry_number": "608011001798",
    "registration_number": "1725022423",
}
RENAME = {
    "kind": "rename",
    "subscriber_code": "300300400500603",
    "district": "sumqayit-city",
    "registry_number": "701122003344",
    "registration_number": "1509876543",
}
MOBILE = "+994501234567"
NEW_MOBILE = "+994557654321"
EMAIL = "aysel@example.az"
FINAL_BILL = {
    "contract_number": "BK-2009-004017",
    "closing_kwh": "18463.1",
    "consumption_kwh": "120.5",
    "consumption_amount": "10.12",
    "balance_before": "-15.00",
    "to_pay": "0.00",
    "refund": "4.88",
}


def send(fin: str, answers: dict, *, language: str = "az") -> Application:
    """An application sent through the service, as the wizard's done() does."""
    place = {**answers, "property_kind": "apartment"}
    return sent(
        fin,
        kind=answers["kind"],
        code=answers["subscriber_code"],
        place=place,
        phone=MOBILE,
        email=EMAIL,
        language=language,
    )


def document(application: Application, kind: str, *, is_final: bool = False) -> Document:
    return Document.objects.get(bundle__application=application, kind=kind, is_final=is_final)


def pdf_bytes(doc: Document) -> bytes:
    with doc.file.open("rb") as stored:
        return stored.read()


def pdf_of(doc: Document) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes(doc)))


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text as a copy-paste would give it, whitespace collapsed."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(doc: Document) -> str:
    """The PDF's text as a copy-paste would give it, whitespace collapsed."""
    return " ".join(page_texts(pdf_of(doc)))


def visible_text(response) -> str:
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def bundle_path(application: Application, *, max_age_days: int | None = None) -> str:
    token = bundle_token(application.document_bundle.key, max_age_days=max_age_days)
    return reverse("documents:bundle", args=[token])


def approve(application: Application, *, contract_number: str) -> None:
    """What billing's confirmation leaves behind (applications.services.application_carry_out):
    the account's holder as the registry knows them, billing's contract for a transfer, the
    outgoing holder's final bill, the application done."""
    person = application.registry_snapshot
    account = application.account
    names = {name: person[name] for name in ("last_name", "first_name", "patronymic")}
    account.holder, _ = Subscriber.objects.update_or_create(fin=person["fin"], defaults=names)
    account.contract_number = contract_number
    account.contract_start = datetime.date(2026, 2, 2)
    account.save()
    if application.kind == Application.Kind.TRANSFER:
        Handover.objects.filter(application=application).update(final_bill=FINAL_BILL)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.DONE)


def stored_files(folder: str = "documents") -> set[str]:
    """Every file under `folder` in the default storage."""
    if not default_storage.exists(folder):
        return set()
    folders, files = default_storage.listdir(folder)
    names = {f"{folder}/{name}" for name in files}
    return names.union(*(stored_files(f"{folder}/{sub}") for sub in folders))


def corrected(application: Application, *, operator: str = OPERATOR_BAKI, **changes) -> Application:
    """`operator` of the application's office asks for the mobile number; the applicant sends
    their answers with `changes` (the documents' re-issue runs after commit, as the caller's
    capture of on-commit callbacks says)."""
    operator = user(operator)
    application_claim(application=application, actor=operator)
    application_request_info(
        application=refreshed(application),
        actor=operator,
        message="Yeni nömrəni yazın.",
        fields=["mobile_phone"],
    )
    application = refreshed(application)
    answers = dataclasses.replace(Answers.from_application(application), **changes)
    return application_correct(application=application, applicant=application.applicant, answers=answers)
