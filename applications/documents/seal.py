"""The electronic seal of "Azərişıq" ASC on every issued document: a PAdES signature (pyHanko).

Production seals with the certificate and key the settings name (DOCUMENT_SEAL_CERTIFICATE,
DOCUMENT_SEAL_KEY, its DOCUMENT_SEAL_KEY_PASSPHRASE and DOCUMENT_SEAL_CHAIN) and trusts only
DOCUMENT_SEAL_TRUST_ROOTS when checking a seal; production.py refuses to start without them.
Development and tests, with none set, seal with a generated self-signed chain (a root marked
DEVELOPMENT and a seal certificate under it), made once and kept outside git in
DOCUMENT_SEAL_DEVELOPMENT_DIR: a document sealed there proves nothing anywhere else.
"""

import asyncio
import concurrent.futures
import datetime
import functools
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.conf import settings
from pyhanko.keys import (
    load_certs_from_pemder,
    load_certs_from_pemder_data,
    load_private_key_from_pemder_data,
)
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.fields import SigSeedSubFilter
from pyhanko.sign.general import SigningError
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.registry import SimpleCertificateStore

SEAL_FIELD = "AzerishiqSeal"
DEVELOPMENT_FILE = "development-seal.pem"
DEVELOPMENT_ORGANISATION = "Azərişıq DEVELOPMENT (not a real seal)"


@dataclass(frozen=True)
class SealMaterial:
    """What sealing and checking need: the seal's certificate and key, its chain, the roots trusted."""

    certificate: asn1_x509.Certificate
    key: object  # asn1crypto PrivateKeyInfo
    chain: tuple[asn1_x509.Certificate, ...]
    trust_roots: tuple[asn1_x509.Certificate, ...]


def document_seal(pdf: bytes) -> bytes:
    """`pdf` sealed: an incremental update carrying a PAdES (B-B) signature over the whole file."""
    material = seal_material()
    signer = signers.SimpleSigner(
        signing_cert=material.certificate,
        signing_key=material.key,
        cert_registry=SimpleCertificateStore.from_certs([*material.chain, *material.trust_roots]),
    )
    metadata = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        name="“Azərişıq” ASC",
        location="Bakı",
        reason="Azərişıq e-xidmətləri",
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    sealed = _completed(signers.async_sign_pdf(writer, metadata, signer=signer))
    return sealed.getvalue()


def seal_is_valid(pdf: bytes) -> bool:
    """Whether `pdf` carries exactly our seal, intact, over every byte of the file, by a
    certificate that chains to a trusted root. Anything unreadable is simply not valid."""
    material = seal_material()
    try:
        signatures = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
        if len(signatures) != 1 or signatures[0].field_name != SEAL_FIELD:
            return False
        context = ValidationContext(trust_roots=list(material.trust_roots), allow_fetching=False)
        status = _completed(async_validate_pdf_signature(signatures[0], context))
    except (PdfError, SignatureValidationError, SigningError, ValueError, KeyError, TypeError):
        return False
    # A signed revision followed by changes (an incremental update after the seal) is not ours.
    return status.bottom_line and status.docmdp_ok is not False and status.coverage.name == "ENTIRE_FILE"


def _completed(coroutine):
    """The result of one of pyHanko's coroutines, from synchronous code in any thread.

    pyHanko's synchronous calls wrap asyncio.run(), which refuses a thread whose event loop is
    already running (a Playwright test's, an async caller's): there the coroutine runs to its end
    in a thread of its own instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


def seal_material() -> SealMaterial:
    """The configured seal, or in development the generated one."""
    return _material(
        settings.DOCUMENT_SEAL_CERTIFICATE,
        settings.DOCUMENT_SEAL_KEY,
        settings.DOCUMENT_SEAL_KEY_PASSPHRASE,
        tuple(settings.DOCUMENT_SEAL_CHAIN),
        tuple(settings.DOCUMENT_SEAL_TRUST_ROOTS),
        str(settings.DOCUMENT_SEAL_DEVELOPMENT_DIR),
    )


@functools.lru_cache(maxsize=4)
def _material(certificate, key, passphrase, chain, trust_roots, development_dir) -> SealMaterial:
    if not certificate:
        return _development_material(Path(development_dir))
    [seal_certificate] = load_certs_from_pemder([certificate])
    return SealMaterial(
        certificate=seal_certificate,
        key=load_private_key_from_pemder_data(
            Path(key).read_bytes(), passphrase=passphrase.encode() if passphrase else None
        ),
        chain=tuple(load_certs_from_pemder(list(chain))),
        trust_roots=tuple(load_certs_from_pemder(list(trust_roots))),
    )


def _development_material(folder: Path) -> SealMaterial:
    path = folder / DEVELOPMENT_FILE
    if not path.exists():
        _development_chain_write(path)
    data = path.read_bytes()
    root, seal_certificate = load_certs_from_pemder_data(data)
    return SealMaterial(
        certificate=seal_certificate,
        key=load_private_key_from_pemder_data(data, passphrase=None),
        chain=(),
        trust_roots=(root,),
    )


def _development_chain_write(path: Path) -> None:
    """Generate the development chain into `path` once: written aside and linked into place, so
    processes starting together all end up using the same one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as written:
        written.write(development_chain_pem())
    try:
        os.link(written.name, path)
    except FileExistsError:
        pass  # another process was first: theirs is the chain
    finally:
        os.unlink(written.name)


def development_chain_pem(organisation: str = DEVELOPMENT_ORGANISATION) -> bytes:
    """A self-signed root and a seal certificate under it, then the seal's key, as PEM."""
    now = datetime.datetime.now(datetime.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    seal_key = ec.generate_private_key(ec.SECP256R1())
    root_name = _name(organisation, "Azərişıq development seal root")
    root = _certificate(root_name, root_name, root_key.public_key(), root_key, now, authority=True)
    seal = _certificate(
        _name(organisation, "“Azərişıq” ASC e-xidmətlər möhürü"),
        root_name,
        seal_key.public_key(),
        root_key,
        now,
    )
    key_pem = seal_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return (
        root.public_bytes(serialization.Encoding.PEM)
        + seal.public_bytes(serialization.Encoding.PEM)
        + key_pem
    )


def _name(organisation: str, common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "AZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _certificate(
    subject, issuer, public_key, signing_key, now, *, authority: bool = False
) -> x509.Certificate:
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=authority, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not authority,
                content_commitment=not authority,  # non-repudiation: a seal vouches for content
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=authority,
                crl_sign=authority,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    return builder.sign(signing_key, hashes.SHA256())
