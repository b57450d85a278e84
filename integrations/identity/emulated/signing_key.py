"""The emulated ASAN Login's RS256 signing key: development and tests only.

Generated once into a file (never committed: var/ is ignored) that every process of one checkout
shares, so runserver's reloads, gunicorn's workers and the tests sign and verify with one key.
Imported by settings: no Django here.
"""

import os
import tempfile
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def emulated_signing_key(path: Path) -> str:
    """The PEM private key in `path`, created there first if it does not exist yet."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            encoding=serialization.Encoding.PEM,
            format=serialization.PrivateFormat.PKCS8,
            encryption_algorithm=serialization.NoEncryption(),
        )
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".asan-login-key-")
        try:
            with os.fdopen(descriptor, "wb") as file:
                file.write(pem)
            # link() fails if another process got there first: its key wins, ours is dropped.
            os.link(temporary, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return path.read_text()
