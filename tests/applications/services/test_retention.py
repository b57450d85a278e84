"""Drafts nobody finished are deleted after DRAFT_RETENTION_DAYS by a daily beat task; until then
a citizen who signed out resumes where they left off."""

from datetime import timedelta

from celery.schedules import crontab
from django.conf import settings
from django.utils import timezone

from applications.models import WizardDraft
from applications.tasks import drafts_purge_stale_task
from tests.support.demo import AYSEL, LEYLA, RAUF_ACCOUNT
from tests.support.wizard import fill_until, sign_in, sign_out, step_url


def untouched_for(draft: WizardDraft, days: float) -> None:
    WizardDraft.objects.filter(pk=draft.pk).update(updated_at=timezone.now() - timedelta(days=days))


def draft_of(fin: str) -> WizardDraft:
    return WizardDraft.objects.get(user__fin=fin, correcting=None)


def test_drafts_untouched_longer_than_the_retention_period_are_deleted(citizen):
    aysel, leyla = citizen(AYSEL), citizen(LEYLA)
    fill_until(aysel, "application", code=RAUF_ACCOUNT)
    fill_until(leyla, "basic")
    untouched_for(draft_of(AYSEL), settings.DRAFT_RETENTION_DAYS + 1)
    untouched_for(draft_of(LEYLA), settings.DRAFT_RETENTION_DAYS - 1)

    assert drafts_purge_stale_task.delay().get() == 1  # as beat sends it (in-process in tests)

    assert not WizardDraft.objects.filter(user__fin=AYSEL).exists()
    assert WizardDraft.objects.filter(user__fin=LEYLA).exists()


def test_the_task_says_how_many_it_deleted_and_is_safe_to_run_again(citizen):
    fill_until(citizen(AYSEL), "application", code=RAUF_ACCOUNT)
    untouched_for(draft_of(AYSEL), settings.DRAFT_RETENTION_DAYS + 1)

    assert drafts_purge_stale_task() == 1
    assert drafts_purge_stale_task() == 0


def test_a_citizen_resumes_a_draft_within_the_period_and_starts_afresh_after_it(client):
    sign_in(client, AYSEL)
    fill_until(client, "application", code=RAUF_ACCOUNT)
    sign_out(client)
    untouched_for(draft_of(AYSEL), settings.DRAFT_RETENTION_DAYS - 1)

    sign_in(client, AYSEL)
    assert client.get("/apply/")["Location"] == step_url("property")  # resumed

    untouched_for(draft_of(AYSEL), settings.DRAFT_RETENTION_DAYS + 1)
    drafts_purge_stale_task()
    assert client.get("/apply/")["Location"] == step_url("basic")  # nothing kept


def test_the_purge_runs_daily_from_beat():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "applications.tasks.drafts_purge_stale_task"
    )

    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].remaining_estimate(timezone.now()) <= timedelta(days=1)
    assert settings.DRAFT_RETENTION_DAYS == 30
