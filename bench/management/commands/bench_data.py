"""`manage.py bench_data --accounts 1000000 --applications 1000000` (bench settings only).

Writes the synthetic country (bench/dataset.py) with PostgreSQL COPY into an empty bench
database: secondary indexes are dropped for the load and built again after it, as pg_restore
does. Prints a progress bar and the rows/s of each table, and the totals as JSON on the last line.
"""

import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from backoffice.services import staff_demo_load
from bench import dataset, synthetic
from subscribers.demo import demo_data_load
from subscribers.models import Account, RegionalOffice, User

TABLES = (
    "subscribers_subscriber",
    "subscribers_property",
    "subscribers_account",
    "subscribers_user",
    "applications_application",
    "applications_applicationevent",
)


class Command(BaseCommand):
    help = "Generate the benchmark's accounts and applications (PostgreSQL, bench settings only)."

    def add_arguments(self, parser):
        parser.add_argument("--accounts", type=int, default=1_000_000)
        parser.add_argument("--applications", type=int, default=1_000_000)

    def handle(self, *args, accounts, applications, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The bench data is written with PostgreSQL COPY: set DATABASE_URL.")
        if applications > accounts:
            raise CommandError("One application per account: --applications must not exceed --accounts.")
        if Account.objects.filter(subscriber_code=synthetic.subscriber_code(0)).exists():
            raise CommandError("This database already holds bench data: start from an empty one.")
        demo_data_load()
        staff_demo_load()
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            # Django declares foreign keys DEFERRABLE INITIALLY DEFERRED: check each row as it
            # is copied, not all at the end (and CREATE INDEX refuses pending trigger events).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            country = dataset.Country(
                accounts=accounts, applications=applications, base=self._bases(cursor), staff=self._staff()
            )
            rows = self._load(cursor, country)
        elapsed = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {', '.join(TABLES)}")
        total = sum(rows.values())
        self.stderr.write(f"{total:,} rows in {elapsed:.1f}s: {total / elapsed:,.0f} rows/s (with indexes)")
        stats = {"rows": rows, "seconds": round(elapsed, 1), "rows_per_s": total / elapsed}
        with connection.cursor() as cursor:
            # Kept with the data, so that a run reusing the database reports how it was made.
            cursor.execute("CREATE TABLE IF NOT EXISTS bench_dataset (generated_at timestamptz, stats jsonb)")
            cursor.execute("INSERT INTO bench_dataset VALUES (now(), %s)", [json.dumps(stats)])
        self.stdout.write(json.dumps(stats))

    def _bases(self, cursor) -> dict[str, int]:
        bases = {}
        for name, table in (
            ("subscriber", "subscribers_subscriber"),
            ("property", "subscribers_property"),
            ("account", "subscribers_account"),
            ("user", "subscribers_user"),
            ("application", "applications_application"),
        ):
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1000 FROM {table}")  # noqa: S608
            bases[name] = cursor.fetchone()[0]
        return bases

    def _staff(self) -> dict:
        """The reviewer of each office's applications: its demo operator, else the supervisor."""
        reviewers = {None: User.objects.get(username="supervisor").pk}
        for office in RegionalOffice.objects.all():
            operator = User.objects.filter(office=office, is_staff=True).first()
            if operator is not None:
                reviewers[office.pk] = operator.pk
        return reviewers

    def _load(self, cursor, country: dataset.Country) -> dict[str, int]:
        indexes = self._drop_secondary_indexes(cursor)
        rows = {}
        applications, events = country.applications_and_events()
        for table, columns, source, count in (
            ("subscribers_subscriber", dataset.SUBSCRIBER_COLUMNS, country.subscribers(), country.accounts),
            ("subscribers_property", dataset.PROPERTY_COLUMNS, country.properties(), country.accounts),
            ("subscribers_account", dataset.ACCOUNT_COLUMNS, country.accounts_rows(), country.accounts),
            ("subscribers_user", dataset.USER_COLUMNS, country.users(), country.applications),
            ("applications_application", dataset.APPLICATION_COLUMNS, applications, country.applications),
            ("applications_applicationevent", dataset.EVENT_COLUMNS, iter(events), None),
        ):
            rows[table] = self._copy(cursor, table, columns, source, count or len(events))
            if "id" in columns:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT MAX(id) FROM " + table + "))",  # noqa: S608
                    [table],
                )
        self._create_indexes(cursor, indexes)
        return rows

    def _copy(self, cursor, table, columns, source, expected: int) -> int:
        progress = Progress(table, expected, self.stderr)
        dataset.copy_rows(cursor, table, columns, source, progress.advance)
        progress.close()
        return progress.done

    def _drop_secondary_indexes(self, cursor) -> list[tuple[str, str]]:
        """Indexes that back no constraint, dropped for the load (COPY into them is slower)."""
        cursor.execute(
            """
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename = ANY(%s)
              AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))
            """,
            [list(TABLES)],
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        return indexes

    def _create_indexes(self, cursor, indexes) -> None:
        started = time.perf_counter()
        for position, (_name, definition) in enumerate(indexes, start=1):
            cursor.execute(definition)
            self.stderr.write(f"\r  indexes {position}/{len(indexes)}", ending="")
        self.stderr.write(f"\r  {len(indexes)} indexes built in {time.perf_counter() - started:.1f}s")


class Progress:
    """A one-line progress bar on a terminal; a line per 10 % in a log."""

    WIDTH = 30

    def __init__(self, label: str, total: int, stream):
        self.label, self.total, self.stream = label, max(total, 1), stream
        self.done, self.started, self.reported = 0, time.perf_counter(), -1
        self.tty = sys.stderr.isatty()

    def advance(self, count: int) -> None:
        self.done += count
        share = min(self.done / self.total, 1.0)
        rate = self.done / max(time.perf_counter() - self.started, 1e-9)
        bar = "#" * int(share * self.WIDTH)
        line = f"  {self.label:<30} [{bar:<{self.WIDTH}}] {self.done:>10,} {share:4.0%} {rate:>9,.0f} rows/s"
        if self.tty:
            self.stream.write("\r" + line, ending="")
        elif int(share * 10) > self.reported:
            self.reported = int(share * 10)
            self.stream.write(line)

    def close(self) -> None:
        if self.tty:
            self.stream.write("")
