"""A handed-in file is checked before it is kept: size, viruses (ClamAV), the type its content
says, and a photo's metadata left behind."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from applications.corrections.uploads import JPEG, PDF, PNG, UploadRefused, upload_checked
from tests.support.clamd import EICAR

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def uploaded(content: bytes, name: str = "file.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo_with_location() -> bytes:
    """A JPEG as phones write it: EXIF with a GPS position and the camera's make."""
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {2: (40.0, 22.0, 0.0), 4: (49.0, 50.0, 0.0)}  # GPSInfo: Baku
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif, comment=b"taken at home")
    return out.getvalue()


def refusal_of(upload) -> str:
    with pytest.raises(UploadRefused) as refused:
        upload_checked(upload)
    return refused.value.message


def test_a_pdf_is_taken_as_it_is():
    checked = upload_checked(uploaded(PDF_BYTES))

    assert checked.content_type == PDF
    assert checked.content == PDF_BYTES


def test_the_type_comes_from_the_content_not_the_name():
    png = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(png, format="PNG")

    checked = upload_checked(uploaded(png.getvalue(), name="certificate.pdf"))

    assert checked.content_type == PNG


def test_a_text_file_named_pdf_is_refused():
    message = refusal_of(uploaded(b"just some text, not a document", name="certificate.pdf"))

    assert message == "Yalnız PDF, JPEG və ya PNG faylı yükləyin."


def test_an_html_page_sent_as_a_pdf_is_refused():
    assert "PDF, JPEG" in refusal_of(uploaded(b"<html><script>alert(1)</script></html>"))


def test_a_file_over_10_mb_is_refused_before_it_is_read():
    message = refusal_of(uploaded(b"%PDF-1.4\n" + b"0" * (11 * 1024 * 1024)))

    assert message.startswith("Fayl çox böyükdür (11,0")
    assert "10,0" in message


def test_the_eicar_file_is_refused_as_infected():
    assert refusal_of(uploaded(EICAR)) == "Faylda virus aşkarlandı: bu fayl qəbul edilmir."


def test_clamd_itself_refuses_the_eicar_file(clamd_scanner):
    assert refusal_of(uploaded(EICAR, name="eicar.pdf")) == "Faylda virus aşkarlandı: bu fayl qəbul edilmir."


def test_clamd_takes_a_clean_pdf(clamd_scanner):
    assert upload_checked(uploaded(PDF_BYTES)).content_type == PDF


def test_a_file_is_refused_while_the_scanner_does_not_answer(settings, tmp_path):
    settings.ANTIVIRUS = {
        "BACKEND": "integrations.antivirus.clamd.ClamdAntivirus",
        "address": str(tmp_path / "gone.sock"),
    }

    assert "virusa yoxlaya bilmirik" in refusal_of(uploaded(PDF_BYTES))


def test_a_photo_is_kept_without_its_location_camera_or_comment():
    original = photo_with_location()
    assert Image.open(io.BytesIO(original)).getexif()  # the photo as the phone wrote it

    checked = upload_checked(uploaded(original, name="photo.jpg", content_type="image/jpeg"))

    kept = Image.open(io.BytesIO(checked.content))
    assert checked.content_type == JPEG
    assert kept.size == (40, 30)
    assert not kept.getexif()
    assert "comment" not in kept.info
    assert b"PhoneMaker" not in checked.content


def test_a_damaged_image_is_refused():
    broken = photo_with_location()[:200]

    assert "zədələnib" in refusal_of(uploaded(broken, name="photo.jpg", content_type="image/jpeg"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "Upload a PDF, JPEG or PNG file only."), ("ru", "Загрузите только файл PDF, JPEG или PNG.")],
)
def test_refusals_are_in_the_citizens_language(language, expected):
    with translation.override(language):
        assert refusal_of(uploaded(b"plain text")) == expected
