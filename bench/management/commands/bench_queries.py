"""`manage.py bench_queries '<json {label: path}>' --username supervisor`: how many SQL queries
each back-office page makes, and its slowest query with EXPLAIN ANALYZE (bench settings only)."""

import json
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from subscribers.models import User


class Command(BaseCommand):
    help = "Query counts of pages for a signed-in staff user, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("paths", help='JSON object {"label": "/admin/..."}')
        parser.add_argument("--username", default="supervisor")

    def handle(self, *args, paths, username, **options):
        client = Client(HTTP_HOST="127.0.0.1")
        user = User.objects.get(username=username)
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        self._second_factor(client, user)
        report = {}
        for label, path in json.loads(paths).items():
            client.get(path)  # warm: the first request loads templates and content types
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(path)
                elapsed = time.perf_counter() - started
            if response.status_code != 200:
                raise CommandError(f"{path}: HTTP {response.status_code} for {username}")
            slowest = max(queries.captured_queries, key=lambda query: float(query["time"]))
            report[label] = {
                "status": response.status_code,
                "queries": len(queries.captured_queries),
                "in_process_ms": round(elapsed * 1000, 1),
                "slowest_query_ms": round(float(slowest["time"]) * 1000, 1),
                "slowest_query_sql": slowest["sql"][:600],
                "slowest_query_plan": self._plan(slowest["sql"]),
            }
        self.stdout.write(json.dumps(report))

    def _second_factor(self, client, user) -> None:
        """The back office wants staff signed in with a second factor (django-otp): mark the
        session as verified with the user's authenticator, as its code step would."""
        try:
            from django_otp import DEVICE_ID_SESSION_KEY
            from django_otp.plugins.otp_totp.models import TOTPDevice
        except ImportError:  # a back office without a second factor
            return
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    def _plan(self, sql: str) -> list[str]:
        if not sql.lstrip().upper().startswith("SELECT"):
            return []
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
            return [row[0] for row in cursor.fetchall()]
