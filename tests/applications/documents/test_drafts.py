"""A draft (the contract or subscriber card before approval) is unmistakable: "LAYİHƏ / DRAFT /
ПРОЕКТ" runs diagonally across every page, and it carries no verification QR code or address —
nothing was issued yet that could be verified."""

import math

import pytest
from django.conf import settings
from django.utils import translation

from applications.documents.content import DRAFT_WATERMARK
from applications.documents.models import Document
from subscribers.demo import demo_data_load
from tests.support.documents import (
    AYSEL,
    LEYLA,
    RENAME,
    TRANSFER,
    bundle_path,
    document,
    page_texts,
    pdf_of,
    send,
    visible_text,
)

Kind = Document.Kind
LANGUAGES = ("az", "en", "ru")


@pytest.fixture(autouse=True)
def demo_world(db):
    demo_data_load()


def sent_with_documents(fin, answers, language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return send(fin, answers, language=language)


def watermark_angles(reader) -> list[list[float]]:
    """Per page, the angles (degrees) at which the watermark's text is drawn."""
    pages = []
    for page in reader.pages:
        angles = []

        def visit(text, cm, tm, font, size, angles=angles):
            if DRAFT_WATERMARK in " ".join(text.split()):
                # The text's direction: the current matrix times the text matrix, its first row.
                a = tm[0] * cm[0] + tm[1] * cm[2]
                b = tm[0] * cm[1] + tm[1] * cm[3]
                angles.append(round(math.degrees(math.atan2(b, a))))

        page.extract_text(visitor_text=visit)
        pages.append(angles)
    return pages


DRAFTS = [(AYSEL, TRANSFER, Kind.CONTRACT), (LEYLA, RENAME, Kind.SUBSCRIBER_CARD)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("fin", "answers", "kind"), DRAFTS)
def test_a_draft_is_watermarked_diagonally_on_every_page_without_verification(
    fin, answers, kind, language, django_capture_on_commit_callbacks
):
    application = sent_with_documents(fin, answers, language, django_capture_on_commit_callbacks)
    draft = document(application, kind)
    reader = pdf_of(draft)

    assert draft.is_draft
    assert all(angles == [45] for angles in watermark_angles(reader)), watermark_angles(reader)
    texts = page_texts(reader)
    assert all(DRAFT_WATERMARK in text for text in texts)
    assert not any(page.images for page in reader.pages)  # no QR code
    everything = " ".join(texts)
    assert f"{settings.PUBLIC_BASE_URL}/verify/" not in everything
    assert draft.verification_code not in everything


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_receipt_is_no_draft_and_keeps_its_verification(language, django_capture_on_commit_callbacks):
    application = sent_with_documents(AYSEL, TRANSFER, language, django_capture_on_commit_callbacks)
    receipt = document(application, Kind.RECEIPT)
    reader = pdf_of(receipt)

    assert watermark_angles(reader) == [[]]
    assert DRAFT_WATERMARK not in " ".join(page_texts(reader))
    assert f"{settings.PUBLIC_BASE_URL}/verify/{receipt.verification_code}/" in " ".join(page_texts(reader))


def test_the_html_draft_says_it_is_a_draft_and_offers_no_verification(
    client, django_capture_on_commit_callbacks
):
    application = sent_with_documents(AYSEL, TRANSFER, "az", django_capture_on_commit_callbacks)
    client.force_login(application.applicant)

    with translation.override("az"):
        response = client.get(f"{bundle_path(application)}contract/")

    text = visible_text(response)
    assert DRAFT_WATERMARK in text
    assert "/verify/" not in response.content.decode()
    assert "<svg" not in response.content.decode()
