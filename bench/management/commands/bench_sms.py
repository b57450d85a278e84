"""`manage.py bench_sms --count 1000`: put receipt-like SMS in the outbox and hand each to the
queue, as submissions do (bench settings only). Prints the new rows' id range as JSON."""

import json
import time

from django.core.management.base import BaseCommand
from django.db import transaction

from bench import synthetic
from notifications.models import Notification
from notifications.services import notification_publish

BODY = (
    "Azərişıq: müraciət AZI-7KM4Q-PX9RC qəbul edildi. "
    "Sənədlər: http://127.0.0.1/d/eyJiIjoiYWJjZGVmZ2hpamtsIn0:1tXyZa:abcdefghijklmnopqrstuvwxyz0123/"
)


class Command(BaseCommand):
    help = "Queue `count` SMS through the outbox and the broker, as JSON {first_id, last_id, enqueue_s}."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1000)

    def handle(self, *args, count, **options):
        with transaction.atomic():
            rows = Notification.objects.bulk_create(
                Notification(
                    channel=Notification.Channel.SMS,
                    recipient=synthetic.mobile_e164(9_000_000 + n),
                    template="receipt",
                    body=BODY,
                )
                for n in range(count)
            )
        started = time.perf_counter()
        for row in rows:
            notification_publish(notification_id=row.pk)
        enqueue = time.perf_counter() - started
        self.stdout.write(
            json.dumps({"first_id": rows[0].pk, "last_id": rows[-1].pk, "enqueue_s": round(enqueue, 2)})
        )
