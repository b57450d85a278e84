"""`manage.py bench_documents --count 20`: time generating the document bundle (the receipt and
the draft contract or card, two PDFs) of applications that have none yet (bench settings only)."""

import json
import statistics
import time

from django.core.management.base import BaseCommand

from applications.documents.generation import documents_generate
from applications.models import Application


class Command(BaseCommand):
    help = "Time documents_generate() per bundle, as JSON (the first call, which loads fonts, apart)."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=20)

    def handle(self, *args, count, **options):
        ids = list(
            # Open applications: their bundle is the two drafts (an approved one adds the final).
            Application.objects.open()
            .filter(document_bundle__isnull=True, subscriber_code__startswith="9")
            .order_by("pk")
            .values_list("pk", flat=True)[: count + 1]
        )
        timings, documents = [], 0
        for application_id in ids:
            started = time.perf_counter()
            documents += len(documents_generate(application_id=application_id))
            timings.append(time.perf_counter() - started)
        first, rest = timings[0], sorted(timings[1:])
        self.stdout.write(
            json.dumps(
                {
                    "bundles": len(rest),
                    "documents_per_bundle": round(documents / len(timings), 2),
                    "first_ms": round(first * 1000, 1),
                    "p50_ms": round(statistics.median(rest) * 1000, 1),
                    "p95_ms": round(rest[max(0, int(len(rest) * 0.95) - 1)] * 1000, 1),
                    "max_ms": round(rest[-1] * 1000, 1),
                }
            )
        )
