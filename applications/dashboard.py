"""The back office's overview on the admin index: per office, what is open, what is late, how
fast decisions come, and how many applications arrived each day. A fixed handful of grouped
queries, whatever the number of applications or offices."""

import datetime
import statistics
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from applications.models import Application
from core.collation import az_sort_key
from subscribers.models import RegionalOffice

CHART_DAYS = 30
BAR_WIDTH, BAR_GAP, CHART_HEIGHT = 5, 1, 32


@dataclass(frozen=True)
class Bar:
    x: int
    y: int
    height: int
    day: datetime.date
    count: int


@dataclass(frozen=True)
class OfficeOverview:
    office: RegionalOffice
    open_counts: list[int]  # in the order of Application.OPEN_STATUSES
    overdue: int
    median_decision: datetime.timedelta | None
    daily: list[tuple[datetime.date, int]]

    @property
    def open_total(self) -> int:
        return sum(self.open_counts)

    @property
    def received_total(self) -> int:
        return sum(count for _, count in self.daily)

    @property
    def bars(self) -> list[Bar]:
        """The daily counts as SVG bars (server-rendered, no JavaScript)."""
        peak = max((count for _, count in self.daily), default=0) or 1
        bars = []
        for index, (day, count) in enumerate(self.daily):
            height = round(count / peak * CHART_HEIGHT)
            bars.append(
                Bar(
                    x=index * (BAR_WIDTH + BAR_GAP),
                    y=CHART_HEIGHT - height,
                    height=height,
                    day=day,
                    count=count,
                )
            )
        return bars


def office_overview(*, user, today: datetime.date | None = None) -> list[OfficeOverview]:
    """The overview of every office `user` may see, in Azerbaijani alphabetical order."""
    today = today or timezone.localdate()
    applications = Application.objects.visible_to(user).order_by()
    offices = RegionalOffice.objects.all()
    if not user.has_perm("applications.view_all_offices"):
        offices = offices.filter(pk=user.office_id)
    first_day = today - datetime.timedelta(days=CHART_DAYS - 1)
    since = timezone.make_aware(datetime.datetime.combine(first_day, datetime.time.min))

    open_counts = defaultdict(dict)
    for row in applications.open().values("office_id", "status").annotate(n=Count("id")):
        open_counts[row["office_id"]][row["status"]] = row["n"]
    overdue = dict(applications.overdue(today).values_list("office_id").annotate(n=Count("id")))
    durations = defaultdict(list)
    decided = applications.filter(decided_at__gte=since).values_list(
        "office_id", "submitted_at", "decided_at"
    )
    for office_id, submitted_at, decided_at in decided:
        durations[office_id].append(decided_at - submitted_at)
    daily = defaultdict(dict)
    received = (
        applications.filter(submitted_at__gte=since)
        .annotate(day=TruncDate("submitted_at"))
        .values_list("office_id", "day")
        .annotate(n=Count("id"))
    )
    for office_id, day, count in received:
        daily[office_id][day] = count

    days = [first_day + datetime.timedelta(days=offset) for offset in range(CHART_DAYS)]
    return [
        OfficeOverview(
            office=office,
            open_counts=[open_counts[office.pk].get(status, 0) for status in Application.OPEN_STATUSES],
            overdue=overdue.get(office.pk, 0),
            median_decision=statistics.median(durations[office.pk]) if durations[office.pk] else None,
            daily=[(day, daily[office.pk].get(day, 0)) for day in days],
        )
        for office in sorted(offices, key=lambda office: az_sort_key(office.name))
    ]


def format_duration(duration: datetime.timedelta | None) -> str:
    """ "2 gün 3 saat", "5 saat", "40 dəq."; "—" for none."""
    if duration is None:
        return "—"
    hours, seconds = divmod(int(duration.total_seconds()), 3600)
    days, hours = divmod(hours, 24)
    # Abbreviated units ("2 d 3 h") need no plural forms in any language.
    if days:
        return _("%(days)d gün %(hours)d saat") % {"days": days, "hours": hours}
    if hours:
        return _("%(hours)d saat") % {"hours": hours}
    return _("%(minutes)d dəq.") % {"minutes": seconds // 60}
