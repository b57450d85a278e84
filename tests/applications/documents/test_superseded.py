"""A document is frozen when issued: its web version says what its PDF says, whatever changes
after. A correction issues the receipt and the draft again; a later change of the account
issues a new contract. The old document stays, superseded: its code still verifies and says
since when, and which document replaced it."""

import dataclasses
import datetime

import pytest
from django.utils import timezone

from applications.documents import generation
from applications.documents.content import document_content_stored
from applications.documents.generation import documents_generate, documents_sweep
from applications.documents.models import Document, DocumentBundle
from applications.models import Application
from integrations.registry import fake as fake_registry
from tests.support.demo import OPERATOR_SUMQAYIT
from tests.support.documents import (
    AYSEL,
    LEYLA,
    MOBILE,
    NEW_MOBILE,
    RENAME,
    TRANSFER,
    approve,
    bundle_path,
    corrected,
    pdf_text,
    send,
    stored_files,
    visible_text,
)

Kind = Document.Kind
LANGUAGES = ("az", "en", "ru")


@pytest.fixture(autouse=True)
def strict_glyphs(settings):
    settings.DOCUMENTS_STRICT_GLYPHS = True


@pytest.fixture
def transfer(staff_world, django_capture_on_commit_callbacks) -> Application:
    """Aysel's transfer, sent; its receipt and draft contract issued after commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return send(AYSEL, TRANSFER)


@pytest.fixture
def sell_to_leyla(monkeypatch):
    """`sell_to_leyla()`: from then on the registry says Aysel sold her Nəsimi flat to Leyla."""

    def sold():
        properties = tuple(
            dataclasses.replace(record, owner_fins=(LEYLA,))
            if record.registry_number == TRANSFER["registry_number"]
            else record
            for record in fake_registry.DEMO_PROPERTIES
        )
        monkeypatch.setattr(fake_registry, "DEMO_PROPERTIES", properties)

    return sold


def in_force(application: Application, kind: str, *, is_final: bool = False) -> Document:
    return Document.objects.in_force().get(bundle__application=application, kind=kind, is_final=is_final)


def in_force_or_none(application: Application, kind: str, *, is_final: bool = False) -> Document | None:
    documents = Document.objects.in_force().filter(bundle__application=application, kind=kind)
    return documents.filter(is_final=is_final).first()


def html_of(client, application: Application, slug: str):
    client.force_login(application.applicant)
    return client.get(f"{bundle_path(application)}{slug}/")


def printed_texts(document: Document) -> list[str]:
    content = document_content_stored(document)
    return [" ".join(text.split()) for text in content.texts() if text and text != content.page_label]


# --- a correction re-issues the receipt and the draft -------------------------------------


def test_a_corrected_mobile_number_issues_a_new_receipt_and_supersedes_the_old_one(
    transfer, django_capture_on_commit_callbacks
):
    old_receipt, old_draft = in_force(transfer, Kind.RECEIPT), in_force(transfer, Kind.CONTRACT)
    assert "+994 50 123 45 67" in pdf_text(old_receipt)

    with django_capture_on_commit_callbacks(execute=True):
        corrected(transfer, mobile_phone=NEW_MOBILE)

    receipt = in_force(transfer, Kind.RECEIPT)
    assert receipt.pk != old_receipt.pk
    assert in_force(transfer, Kind.CONTRACT) == old_draft  # it prints no mobile number: unchanged
    assert "+994 55 765 43 21" in pdf_text(receipt)
    assert "+994 50 123 45 67" not in pdf_text(receipt)
    old_receipt.refresh_from_db()
    assert old_receipt.superseded_by == receipt
    assert old_receipt.superseded_at == receipt.created_at
    assert old_receipt.file.storage.exists(old_receipt.file.name)  # kept: it was issued
    assert DocumentBundle.objects.get(application=transfer).reissue_requested_at is None


def test_the_old_receipts_code_says_it_is_genuine_but_replaced_and_by_which(
    client, transfer, django_capture_on_commit_callbacks
):
    old_receipt = in_force(transfer, Kind.RECEIPT)
    with django_capture_on_commit_callbacks(execute=True):
        corrected(transfer, mobile_phone=NEW_MOBILE)
    receipt = in_force(transfer, Kind.RECEIPT)

    page = client.get(f"/verify/{old_receipt.verification_code}/")

    text = visible_text(page)
    assert page.status_code == 200
    assert "Sənəd həqiqidir, lakin artıq qüvvədə deyil" in text
    today = timezone.localtime(receipt.created_at).strftime("%d.%m.%Y")
    assert f"{today} tarixində {receipt.verification_code} kodlu sənədlə əvəz olunub" in text
    assert f'href="/verify/{receipt.verification_code}/"' in page.content.decode()
    assert "Qüvvədədir Bəli" in visible_text(client.get(f"/verify/{receipt.verification_code}/"))


def test_the_bundle_serves_the_new_receipt_and_the_old_one_still_says_what_it_said(
    client, transfer, django_capture_on_commit_callbacks
):
    old_receipt = in_force(transfer, Kind.RECEIPT)
    with django_capture_on_commit_callbacks(execute=True):
        corrected(transfer, mobile_phone=NEW_MOBILE)
    receipt = in_force(transfer, Kind.RECEIPT)

    page = visible_text(html_of(client, transfer, "receipt"))

    assert "+994 55 765 43 21" in page
    assert receipt.verification_code in page
    old_receipt.refresh_from_db()
    assert any("+994 50 123 45 67" in text for text in printed_texts(old_receipt))
    assert "+994 50 123 45 67" in pdf_text(old_receipt)


def assert_web_version_says_what_the_pdf_says(client, application, kind, *, is_final=False):
    """The bundle's web page for the document (the latest of its kind) prints every string its
    stored content holds, as its PDF does, in the document's language."""
    slug = f"{kind}-final" if is_final else kind
    document = (
        Document.objects.filter(bundle__application=application, kind=kind, is_final=is_final)
        .order_by("-created_at", "-pk")
        .first()
    )
    response = html_of(client, application, slug)
    assert response.status_code == 200, slug
    assert f'<article class="document" lang="{application.language}">' in response.content.decode()
    text, printed = visible_text(response), pdf_text(document)
    for string in printed_texts(document):
        assert string in text, (slug, string)
        assert string in printed, (slug, string)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_transfers_documents_say_what_their_pdfs_say_after_a_correction_and_a_later_transfer(
    client, staff_world, django_capture_on_commit_callbacks, sell_to_leyla, language
):
    with django_capture_on_commit_callbacks(execute=True):
        first = send(AYSEL, TRANSFER, language=language)
    with django_capture_on_commit_callbacks(execute=True):
        corrected(first, mobile_phone=NEW_MOBILE)
    approve(first, contract_number="BK-2026-000123")
    documents_generate(application_id=first.pk)
    for kind, is_final in ((Kind.RECEIPT, False), (Kind.CONTRACT, False), (Kind.CONTRACT, True)):
        assert_web_version_says_what_the_pdf_says(client, first, kind, is_final=is_final)

    with django_capture_on_commit_callbacks(execute=True):
        sell_to_leyla()
        later = send(LEYLA, TRANSFER, language=language)
    approve(later, contract_number="BK-2026-000456")
    documents_generate(application_id=later.pk)

    assert not in_force_or_none(first, Kind.CONTRACT, is_final=True)
    for application in (first, later):
        for kind, is_final in ((Kind.RECEIPT, False), (Kind.CONTRACT, False), (Kind.CONTRACT, True)):
            assert_web_version_says_what_the_pdf_says(client, application, kind, is_final=is_final)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_renames_documents_say_what_their_pdfs_say_after_a_correction_and_approval(
    client, staff_world, django_capture_on_commit_callbacks, language
):
    with django_capture_on_commit_callbacks(execute=True):
        rename = send(LEYLA, RENAME, language=language)
    old_card = in_force(rename, Kind.SUBSCRIBER_CARD)
    with django_capture_on_commit_callbacks(execute=True):
        corrected(rename, operator=OPERATOR_SUMQAYIT, mobile_phone="+994701112233")
    assert in_force(rename, Kind.SUBSCRIBER_CARD) != old_card  # the card prints the mobile
    approve(rename, contract_number="SM-2026-000789")
    documents_generate(application_id=rename.pk)

    for kind, is_final in (
        (Kind.RECEIPT, False),
        (Kind.SUBSCRIBER_CARD, False),
        (Kind.SUBSCRIBER_CARD, True),
    ):
        assert_web_version_says_what_the_pdf_says(client, rename, kind, is_final=is_final)


def test_a_correction_that_changes_nothing_printed_issues_nothing(
    transfer, django_capture_on_commit_callbacks
):
    before = set(Document.objects.values_list("pk", flat=True))

    with django_capture_on_commit_callbacks(execute=True):
        corrected(transfer)  # the same answers sent again

    assert set(Document.objects.values_list("pk", flat=True)) == before
    assert not Document.objects.exclude(superseded_at=None).exists()
    assert DocumentBundle.objects.get(application=transfer).reissue_requested_at is None


def test_the_sweeper_reissues_when_the_task_after_the_correction_was_lost(
    transfer, django_capture_on_commit_callbacks
):
    old_receipt = in_force(transfer, Kind.RECEIPT)
    with django_capture_on_commit_callbacks(execute=False):  # the task never ran
        corrected(transfer, mobile_phone=NEW_MOBILE)
    assert in_force(transfer, Kind.RECEIPT) == old_receipt

    assert documents_sweep() == 0  # too fresh: the fast path may still be on it
    DocumentBundle.objects.update(reissue_requested_at=timezone.now() - datetime.timedelta(minutes=2))
    assert documents_sweep() == 1

    assert "+994 55 765 43 21" in pdf_text(in_force(transfer, Kind.RECEIPT))
    assert documents_sweep() == 0


def test_a_reissue_that_loses_the_race_keeps_the_winners_document_and_leaves_no_file(
    transfer, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=False):
        corrected(transfer, mobile_phone=NEW_MOBILE)
    files_before = stored_files()
    real_render = generation.render_pdf
    rival_ran = []

    def render_while_a_rival_finishes_first(content):
        if not rival_ran:
            rival_ran.append(True)
            documents_generate(application_id=transfer.pk)  # the other worker
        return real_render(content)

    monkeypatch.setattr(generation, "render_pdf", render_while_a_rival_finishes_first)
    with django_capture_on_commit_callbacks(execute=True):
        assert documents_generate(application_id=transfer.pk) == []

    receipts = Document.objects.filter(bundle__application=transfer, kind=Kind.RECEIPT)
    assert receipts.count() == 2  # the first, superseded, and the rival's in force
    assert stored_files() - files_before == {in_force(transfer, Kind.RECEIPT).file.name}


# --- a later change of the account supersedes the contract -----------------------------------


def test_a_later_transfer_supersedes_the_first_buyers_final_contract_which_keeps_her_name(
    client, transfer, django_capture_on_commit_callbacks, sell_to_leyla
):
    approve(transfer, contract_number="BK-2026-000123")
    documents_generate(application_id=transfer.pk)
    first = in_force(transfer, Kind.CONTRACT, is_final=True)
    with django_capture_on_commit_callbacks(execute=True):
        sell_to_leyla()
        later = send(LEYLA, TRANSFER)
    approve(later, contract_number="BK-2026-000456")
    documents_generate(application_id=later.pk)
    second = in_force(later, Kind.CONTRACT, is_final=True)

    first.refresh_from_db()
    assert first.superseded_by == second
    assert not first.in_force
    # Her bundle still shows her contract, as it was issued, saying it was replaced.
    page = html_of(client, transfer, "contract-final")
    text = visible_text(page)
    assert "BK-2026-000123" in text and "BK-2026-000456" not in text
    assert "Məmmədova" in text
    assert "Bu sənəd artıq qüvvədə deyil" in text
    assert "artıq qüvvədə deyil" in visible_text(client.get(bundle_path(transfer)))
    for string in printed_texts(first):
        assert string in text, string
        assert string in pdf_text(first), string
    # Generating her bundle again does not issue her contract a second time.
    assert documents_generate(application_id=transfer.pk) == []
    assert (
        Document.objects.filter(bundle__application=transfer, kind=Kind.CONTRACT, is_final=True).count() == 1
    )


def test_a_late_final_contract_of_an_earlier_transfer_is_issued_already_superseded(
    transfer, django_capture_on_commit_callbacks, sell_to_leyla
):
    approve(transfer, contract_number="BK-2026-000123")  # its final contract not issued yet
    Application.objects.filter(pk=transfer.pk).update(decided_at=timezone.now() - datetime.timedelta(days=2))
    with django_capture_on_commit_callbacks(execute=True):
        sell_to_leyla()
        later = send(LEYLA, TRANSFER)
    approve(later, contract_number="BK-2026-000456")
    Application.objects.filter(pk=later.pk).update(decided_at=timezone.now() - datetime.timedelta(days=1))
    documents_generate(application_id=later.pk)

    documents_generate(application_id=transfer.pk)  # the earlier one's worker, late

    second = in_force(later, Kind.CONTRACT, is_final=True)
    first = Document.objects.get(bundle__application=transfer, kind=Kind.CONTRACT, is_final=True)
    assert first.superseded_by == second


# --- documents issued before their content was stored -------------------------------------


def test_a_document_issued_before_its_content_was_stored_sends_to_its_pdf(client, transfer):
    Document.objects.filter(bundle__application=transfer, kind=Kind.RECEIPT).update(content={})

    page = html_of(client, transfer, "receipt")

    assert page.status_code == 200
    assert "Bu sənədin veb variantı yoxdur" in visible_text(page)
    assert f'href="{bundle_path(transfer)}receipt.pdf"' in page.content.decode()
    assert MOBILE not in page.content.decode()
