"""Benchmark settings (make bench only, never deployed): production, served over plain http on
loopback, with the bench's synthetic registry, the bench app and its bare view.

Everything production refuses is allowed here on purpose and said in bench/RESULTS.md: the
emulated ASAN Login (an OIDC provider the portal reaches in-process) and a file SMS gateway
(ALLOW_FAKE_ADAPTERS=1), no HTTPS redirect or secure cookies (no TLS on loopback), and rate
limits far above what one load generator sends (a real deployment limits per client address;
all the bench's load comes from 127.0.0.1).
"""

import os

# Read by base.py and production.py at import time, so they are set before the import.
os.environ.setdefault("ALLOW_FAKE_ADAPTERS", "1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("STATE_REGISTRY_BACKEND", "bench.registry.BenchStateRegistry")
os.environ.setdefault("BILLING_BACKEND", "bench.billing.BenchBilling")
os.environ.setdefault("SMS_GATEWAY_BACKEND", "integrations.sms.fake.FileSmsGateway")
os.environ.setdefault("SMS_GATEWAY_FILE", "/tmp/azerishiq-bench-sms.jsonl")  # noqa: S108
os.environ.setdefault("STATUS_LOOKUP_RATE", "1000000/h")
os.environ.setdefault("ACCOUNT_CHECK_RATE", "1000000/h")
# The bench scrapes /metrics from loopback (bench/scenarios.py: metrics_scrape).
os.environ.setdefault("METRICS_ALLOWED_NETWORKS", "127.0.0.1/32,::1/128")

from .production import *  # noqa: E402, F403
from .production import INSTALLED_APPS  # noqa: E402

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# The project's URLs plus /bench/bare/, the denominator of every ratio.
ROOT_URLCONF = "bench.urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# All of the bench's citizens ask for their one-time codes from 127.0.0.1: the per-address
# quota (20 an hour) would refuse the 21st journey. The per-citizen and per-number quotas stay.
PHONE_CODES_PER_HOUR = {**PHONE_CODES_PER_HOUR, "address": 1_000_000}  # noqa: F405
