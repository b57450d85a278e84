"""Every issued document carries the electronic seal of "Azərişıq" ASC (a PAdES signature, pyHanko),
and the public verification page — the QR code's target — vouches only for the file we issued:
a copy altered by one byte, or re-sealed with another key, is "not the document we issued"."""

import asyncio
import io
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from pypdf import PdfReader

from applications.documents.content import document_content
from applications.documents.models import Document
from applications.documents.pdf import render_pdf
from applications.documents.seal import development_chain_pem, document_seal, seal_is_valid
from subscribers.demo import demo_data_load
from tests.support.documents import AYSEL, TRANSFER, approve, document, pdf_bytes, send, visible_text

Kind = Document.Kind
NOT_OURS = {
    "az": "Bu, bizim verdiyimiz sənəd deyil",
    "en": "This is not the document we issued",
    "ru": "Это не тот документ, который мы выдали",
}
OURS = {
    "az": "Bu nüsxə bizim verdiyimiz sənədin eynisidir",
    "en": "This copy is the document we issued",
    "ru": "Эта копия совпадает с выданным нами документом",
}


@pytest.fixture(autouse=True)
def demo_world(db):
    demo_data_load()


@pytest.fixture
def final_contract(django_capture_on_commit_callbacks) -> Document:
    """Aysel's transfer carried out: its final contract issued (and sealed)."""
    from applications.documents.generation import documents_generate

    with django_capture_on_commit_callbacks(execute=True):
        application = send(AYSEL, TRANSFER)
    approve(application, contract_number="BK-2026-000123")
    documents_generate(application_id=application.pk)
    return document(application, Kind.CONTRACT, is_final=True)


def one_byte_changed(pdf: bytes, at: int) -> bytes:
    changed = bytearray(pdf)
    changed[at] ^= 0x01
    return bytes(changed)


def forged_with_another_key(doc: Document, tmp_path) -> bytes:
    """The same document rendered again and sealed with a self-signed chain of another's making
    (same names, another key), as a forger who copied a real verification code would."""
    with translation.override(doc.language):
        pdf = render_pdf(document_content(document=doc, application=doc.bundle.application))
    with override_seal_folder(tmp_path):
        return document_seal(pdf)


def override_seal_folder(folder):
    from django.test import override_settings

    return override_settings(DOCUMENT_SEAL_DEVELOPMENT_DIR=folder)


def check_copy(client, doc: Document, pdf: bytes, *, language: str = "az"):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    upload = SimpleUploadedFile("copy.pdf", pdf, content_type="application/pdf")
    return client.post(f"/verify/{doc.verification_code}/", {"copy": upload})


# --- the seal ------------------------------------------------------------------------------


def test_every_issued_document_is_sealed_and_drafts_are_not(final_contract):
    bundle = final_contract.bundle
    sealed = {(doc.kind, doc.is_final): seal_is_valid(pdf_bytes(doc)) for doc in bundle.documents.all()}

    assert sealed == {
        (Kind.RECEIPT, False): True,
        (Kind.CONTRACT, False): False,  # the draft
        (Kind.CONTRACT, True): True,
        (Kind.FINAL_BILL, True): True,
    }


def test_the_seal_is_a_pades_signature_over_the_whole_file(final_contract):
    pdf = pdf_bytes(final_contract)
    [field] = [field for field in PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/AcroForm"]["/Fields"]]
    signature = field.get_object()["/V"]

    assert signature["/SubFilter"] == "/ETSI.CAdES.detached"
    start, first, second, rest = signature["/ByteRange"]
    assert start == 0 and second + rest == len(pdf)


@pytest.mark.parametrize("where", [0.1, 0.5, 0.9, -0.0])
def test_a_pdf_altered_by_one_byte_fails_the_seal(final_contract, where):
    pdf = pdf_bytes(final_contract)
    at = len(pdf) - 2 if where == -0.0 else int(len(pdf) * where)

    assert seal_is_valid(pdf)
    assert not seal_is_valid(one_byte_changed(pdf, at))


def test_a_forgery_resealed_with_another_self_signed_key_fails(final_contract, tmp_path):
    forged = forged_with_another_key(final_contract, tmp_path)

    with override_seal_folder(tmp_path):
        assert seal_is_valid(forged)  # a valid signature, only by a key we never trusted
    assert not seal_is_valid(forged)


def test_sealing_and_checking_work_where_an_event_loop_is_already_running(final_contract):
    """pyHanko's own synchronous calls refuse a thread with a running loop (an async caller's, a
    browser test's): sealing and checking there still work."""
    unsealed = render_pdf(
        document_content(document=final_contract, application=final_contract.bundle.application)
    )

    async def inside_a_loop():
        sealed = document_seal(unsealed)
        return seal_is_valid(sealed), seal_is_valid(sealed[:-40] + b"x" * 40)

    assert asyncio.run(inside_a_loop()) == (True, False)


def test_anything_but_a_sealed_pdf_is_simply_not_valid():
    assert not seal_is_valid(b"")
    assert not seal_is_valid(b"%PDF-1.4 not really")
    assert not seal_is_valid(b"Salam")


def test_a_configured_seal_certificate_seals_and_is_checked_against_its_roots(settings, tmp_path):
    """As production is set up: PEM files named by the settings, not the generated chain."""
    blocks = re.findall(
        rb"-----BEGIN [A-Z ]+-----.+?-----END [A-Z ]+-----\n", development_chain_pem("Test CA"), re.S
    )
    root, certificate, key = (tmp_path / name for name in ("root.pem", "seal.pem", "key.pem"))
    for path, block in zip((root, certificate, key), blocks, strict=True):
        path.write_bytes(block)
    settings.DOCUMENT_SEAL_CERTIFICATE, settings.DOCUMENT_SEAL_KEY = str(certificate), str(key)
    settings.DOCUMENT_SEAL_TRUST_ROOTS = [str(root)]
    settings.DOCUMENT_SEAL_DEVELOPMENT_DIR = tmp_path / "never-used"

    sealed = document_seal(render_pdf_for_test())

    assert seal_is_valid(sealed)
    assert not (tmp_path / "never-used").exists()
    settings.DOCUMENT_SEAL_TRUST_ROOTS = []
    assert not seal_is_valid(sealed)


def render_pdf_for_test() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(100, 700, "Azərişıq")
    page.save()
    return buffer.getvalue()


# --- the verification page -----------------------------------------------------------------


def test_the_verification_page_checks_the_stored_document_and_its_seal(client, final_contract):
    text = visible_text(client.get(f"/verify/{final_contract.verification_code}/"))

    assert "Sənəd həqiqidir" in text
    assert "Elektron möhür Etibarlı" in text


def test_a_stored_document_altered_afterwards_is_not_vouched_for(client, final_contract):
    pdf = pdf_bytes(final_contract)
    with final_contract.file.open("wb") as stored:
        stored.write(one_byte_changed(pdf, len(pdf) // 2))

    text = visible_text(client.get(f"/verify/{final_contract.verification_code}/"))

    assert "Sənədi yoxlamaq mümkün olmadı" in text
    assert "Sənəd həqiqidir" not in text


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_the_genuine_copy_passes(client, final_contract, language):
    response = check_copy(client, final_contract, pdf_bytes(final_contract), language=language)

    assert response.status_code == 200
    assert OURS[language] in visible_text(response)
    assert NOT_OURS[language] not in visible_text(response)


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_a_copy_altered_by_one_byte_is_not_the_document_we_issued(client, final_contract, language):
    pdf = pdf_bytes(final_contract)

    response = check_copy(client, final_contract, one_byte_changed(pdf, len(pdf) // 3), language=language)

    assert response.status_code == 200
    assert NOT_OURS[language] in visible_text(response)
    assert OURS[language] not in visible_text(response)


@pytest.mark.parametrize("language", ["az", "en", "ru"])
def test_a_resealed_forgery_is_not_the_document_we_issued(client, final_contract, tmp_path, language):
    response = check_copy(
        client, final_contract, forged_with_another_key(final_contract, tmp_path), language=language
    )

    assert NOT_OURS[language] in visible_text(response)


def test_another_genuine_document_is_not_this_one(client, final_contract):
    receipt = document(final_contract.bundle.application, Kind.RECEIPT)

    response = check_copy(client, final_contract, pdf_bytes(receipt))

    assert NOT_OURS["az"] in visible_text(response)


def test_a_copy_too_large_is_refused_at_the_field(client, final_contract, settings):
    settings.DOCUMENT_VERIFY_UPLOAD_MAX_BYTES = 1024

    response = check_copy(client, final_contract, pdf_bytes(final_contract))

    assert response.status_code == 400
    assert "Fayl çox böyükdür: ən çox 1,0 KB ola bilər" in visible_text(response)
    assert 'aria-invalid="true"' in response.content.decode()


def test_checking_without_a_file_asks_for_one(client, final_contract):
    response = client.post(f"/verify/{final_contract.verification_code}/", {})

    assert response.status_code == 400
    assert "PDF faylını seçin" in visible_text(response)


def test_checking_copies_is_rate_limited_per_client(client, final_contract, settings):
    settings.DOCUMENT_VERIFY_RATE = "2/m"
    pdf = pdf_bytes(final_contract)

    answers = [check_copy(client, final_contract, pdf).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_a_drafts_code_vouches_for_nothing(client, final_contract):
    draft = document(final_contract.bundle.application, Kind.CONTRACT)

    assert client.get(f"/verify/{draft.verification_code}/").status_code == 404
