"""Rows of the synthetic country at national scale, written with PostgreSQL COPY.

Account i: holder Z…(i), property i, buyer Y…(i) (a citizen user). Application i is the buyer's
(or, for a rename, the holder's) application about account i, in a realistic mix of kinds and
statuses over three years, with its status history as ApplicationEvent rows.
"""

import base64
import datetime
import io
import json
import random
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from applications import numbers
from applications.workdays import decision_due_date
from bench import synthetic
from subscribers.models import District

# Status by age (days since submission, up to the bound): new applications wait or are in
# review, the office decides within days, and after a few weeks everything is decided. At the
# steady rate of 1M applications in three years this keeps ~1 % open and a few overdue.
AGE_MIX = (
    (1, {"submitted": 70, "in_review": 30}),
    (
        5,
        {
            "submitted": 15,
            "in_review": 50,
            "info_requested": 10,
            "approved": 18,
            "rejected": 5,
            "withdrawn": 2,
        },
    ),
    (
        15,
        {"submitted": 2, "in_review": 8, "info_requested": 5, "approved": 67, "rejected": 14, "withdrawn": 4},
    ),
    (None, {"approved": 80, "rejected": 15, "withdrawn": 5}),
)
HISTORY = {
    "submitted": ("submitted",),
    "in_review": ("submitted", "in_review"),
    "info_requested": ("submitted", "in_review", "info_requested"),
    "approved": ("submitted", "in_review", "approved"),
    "rejected": ("submitted", "in_review", "rejected"),
    "withdrawn": ("submitted", "withdrawn"),
}
RENAME_SHARE = 0.15
# Balance: most accounts owe nothing, some are prepaid, some owe (the debt check refuses them).
DEBT_SHARE, PREPAID_SHARE = 0.15, 0.15
SPAN = datetime.timedelta(days=3 * 365)
NOW = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
NULL = r"\N"


@dataclass(frozen=True)
class Place:
    district_id: int
    office_id: int
    weight: float


def places() -> list[Place]:
    """Every district a property can be in, weighted roughly by population: Baku's city
    districts, Sumqayıt and Gəncə heavier than a rayon."""
    weights = {"city_district": 2.5, "city": 1.5, "rayon": 1.0}
    heavy = {"sumqayit-city": 4.0, "gence-city": 4.0}
    return [
        Place(d.pk, d.office_id, heavy.get(d.code, weights[d.kind]))
        for d in District.objects.selectable().order_by("pk")
    ]


def copy_rows(cursor, table: str, columns: Iterable[str], rows: Iterable[tuple], on_batch: Callable) -> None:
    """COPY `rows` into `table` in batches, calling on_batch(count) after each."""
    statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
    batch = io.StringIO()
    count = 0
    for row in rows:
        batch.write("\t".join(row))
        batch.write("\n")
        count += 1
        if count == 20_000:
            _flush(cursor, statement, batch, count, on_batch)
            batch, count = io.StringIO(), 0
    if count:
        _flush(cursor, statement, batch, count, on_batch)


def _flush(cursor, statement, batch, count, on_batch):
    batch.seek(0)
    cursor.copy_expert(statement, batch)
    on_batch(count)


def _ts(moment: datetime.datetime) -> str:
    return moment.isoformat()


def _json(value: dict) -> str:
    # COPY's text format treats the backslash as an escape.
    return json.dumps(value, ensure_ascii=False, default=str).replace("\\", "\\\\")


class Country:
    """The rows for accounts [0, accounts) and applications [0, applications), ids from `base`."""

    def __init__(self, *, accounts: int, applications: int, base: dict[str, int], staff: dict, seed: int = 7):
        self.accounts, self.applications, self.base, self.staff = accounts, applications, base, staff
        self.places = places()
        self.random = random.Random(seed)
        cumulative, total = [], 0.0
        for place in self.places:
            total += place.weight
            cumulative.append(total)
        self._cumulative, self._total = cumulative, total
        self._mixes = [(bound, list(mix), list(mix.values())) for bound, mix in AGE_MIX]
        self._due_dates: dict[datetime.date, str] = {}

    def place_of(self, i: int) -> Place:
        # Deterministic per account: the same i lands in the same district on every run.
        point = random.Random(i).random() * self._total
        low, high = 0, len(self._cumulative) - 1
        while low < high:
            middle = (low + high) // 2
            if self._cumulative[middle] < point:
                low = middle + 1
            else:
                high = middle
        return self.places[low]

    def subscribers(self) -> Iterator[tuple]:
        created = _ts(NOW - SPAN)
        for i in range(self.accounts):
            person = synthetic.person_fields(i, synthetic.HOLDER)
            yield (
                str(self.base["subscriber"] + i),
                person["fin"],
                person["last_name"],
                person["first_name"],
                person["patronymic"],
                created,
                created,
            )

    def properties(self) -> Iterator[tuple]:
        for i in range(self.accounts):
            yield (
                str(self.base["property"] + i),
                synthetic.property_kind(i),
                synthetic.registry_number(i),
                synthetic.registration_number(i),
                synthetic.address(i),
                str(self.place_of(i).district_id),
            )

    def balance(self, i: int) -> str:
        draw = random.Random(-i - 1).random()
        if draw < DEBT_SHARE:
            return f"{(i % 9000) / 100 + 1:.2f}"
        if draw < DEBT_SHARE + PREPAID_SHARE:
            return f"{-((i % 5000) / 100 + 0.5):.2f}"
        return "0.00"

    def accounts_rows(self) -> Iterator[tuple]:
        for i in range(self.accounts):
            start = datetime.date(2005, 1, 1) + datetime.timedelta(days=i % 7000)
            yield (
                str(self.base["account"] + i),
                synthetic.subscriber_code(i),
                f"BN-{i:010d}",
                start.isoformat(),
                NULL,
                "active",
                self.balance(i),
                "",
                "",
                _ts(NOW),
                str(self.base["property"] + i),
                str(self.base["subscriber"] + i),
                # The meter as billing describes it (bench/billing.py: smart, 6+1 digits).
                f"BN-{i:08d}",
                "smart",
                "6",
                "1",
            )

    def users(self) -> Iterator[tuple]:
        joined = _ts(NOW - SPAN)
        for i in range(self.applications):
            buyer = synthetic.fin(i, synthetic.BUYER)
            yield (
                str(self.base["user"] + i),
                "!bench-unusable",
                NULL,
                "f",
                f"citizen-{buyer}",
                "",
                "",
                "",
                "f",
                "t",
                joined,
                buyer,
                NULL,
            )

    def applications_and_events(self) -> tuple[Iterator[tuple], list]:
        """Application rows; their events are collected meanwhile and written after them."""
        events: list[tuple] = []
        return self._applications(events), events

    def _applications(self, events: list) -> Iterator[tuple]:
        issued = set()
        for i in range(self.applications):
            number = numbers.generate()
            while number in issued:
                number = numbers.generate()
            issued.add(number)
            yield self._application(i, number, events)

    def _application(self, i: int, number: str, events: list) -> tuple:
        draw = self.random
        spread = NOW - SPAN + SPAN * (i / max(self.applications, 1))
        submitted = min(
            spread + datetime.timedelta(seconds=draw.randint(0, 3600)), NOW - datetime.timedelta(minutes=5)
        )
        status = self._status(draw, age_days=(NOW - submitted).total_seconds() / 86400)
        kind = "rename" if draw.random() < RENAME_SHARE else "transfer"
        role = synthetic.HOLDER if kind == "rename" else synthetic.BUYER
        person = synthetic.person_fields(i, role)
        place = self.place_of(i)
        decided = min(
            submitted + datetime.timedelta(hours=draw.randint(4, 120)), NOW - datetime.timedelta(minutes=1)
        )
        reviewer = self.staff.get(place.office_id, self.staff[None])
        application_id = self.base["application"] + i
        self._events(events, application_id, status, submitted, decided, reviewer)
        record = {
            "district_code": "",
            "registry_number": synthetic.registry_number(i),
            "registration_number": synthetic.registration_number(i),
            "kind": synthetic.property_kind(i),
            "address": synthetic.address(i),
            "owner_fins": [synthetic.fin(i, synthetic.BUYER)],
        }
        assigned = status != "submitted" and status != "withdrawn"
        decided_at = _ts(decided) if status in ("approved", "rejected") else NULL
        return (
            str(application_id),
            number,
            kind,
            status,
            "az",
            person["fin"],
            _json({**person, "fetched_at": submitted}),
            synthetic.subscriber_code(i),
            "0.00",
            synthetic.property_kind(i),
            synthetic.registry_number(i),
            synthetic.registration_number(i),
            _json(record),
            synthetic.mobile_e164(i),
            "",
            str(uuid.UUID(int=draw.getrandbits(128))),
            # The status link's key: 72 random bits, as applications.models.status_link_key_new.
            base64.urlsafe_b64encode(draw.getrandbits(72).to_bytes(9, "big")).decode(),
            _ts(submitted),
            _ts(decided if status != "submitted" else submitted),
            str(self.base["account"] + i),
            str(self.base["user"] + i),
            str(place.district_id),
            str(self.base["property"] + i),
            str(place.office_id),
            str(reviewer) if assigned else NULL,
            decided_at,
            "",
            "debt" if status == "rejected" else "",
            self._due(submitted.date()),
            "f",  # previous_holder_objected
        )

    def _due(self, day: datetime.date) -> str:
        if day not in self._due_dates:
            self._due_dates[day] = decision_due_date(day).isoformat()
        return self._due_dates[day]

    def _status(self, draw, *, age_days: float) -> str:
        for bound, statuses, weights in self._mixes:
            if bound is None or age_days < bound:
                return draw.choices(statuses, weights)[0]
        raise AssertionError("the last mix has no bound")

    def _events(self, events, application_id, status, submitted, decided, reviewer) -> None:
        previous = ""
        steps = HISTORY[status]
        for position, to_status in enumerate(steps):
            at = submitted + (decided - submitted) * position / max(len(steps) - 1, 1)
            actor = NULL if to_status in ("submitted", "withdrawn") else str(reviewer)
            events.append((previous, to_status, "", _ts(at), actor, str(application_id), "t"))
            previous = to_status


USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "fin",
    "office_id",
)
SUBSCRIBER_COLUMNS = ("id", "fin", "last_name", "first_name", "patronymic", "created_at", "updated_at")
PROPERTY_COLUMNS = ("id", "kind", "registry_number", "registration_number", "address", "district_id")
ACCOUNT_COLUMNS = (
    "id",
    "subscriber_code",
    "contract_number",
    "contract_start",
    "contract_end",
    "status",
    "balance",
    "contact_phone",
    "contact_email",
    "updated_at",
    "property_id",
    "holder_id",
    "meter_number",
    "meter_kind",
    "meter_integer_digits",
    "meter_decimal_digits",
)
APPLICATION_COLUMNS = (
    "id",
    "number",
    "kind",
    "status",
    "language",
    "applicant_fin",
    "registry_snapshot",
    "subscriber_code",
    "debt_at_submission",
    "property_kind",
    "registry_number",
    "registration_number",
    "property_snapshot",
    "mobile_phone",
    "email",
    "submission_key",
    "status_link_key",
    "submitted_at",
    "updated_at",
    "account_id",
    "applicant_id",
    "district_id",
    "dwelling_id",
    "office_id",
    "assigned_to_id",
    "decided_at",
    "decision_note",
    "decision_reason",
    "due_date",
    "previous_holder_objected",
)
EVENT_COLUMNS = (
    "from_status",
    "to_status",
    "note",
    "created_at",
    "actor_id",
    "application_id",
    "citizen_visible",
)
