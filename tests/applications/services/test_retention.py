"""Drafts nobody finished are deleted after DRAFT_RETENTION_DAYS by a daily beat task; until then
a citizen who signed out resumes where they left off. Decided applications lose their personal
data after their status's APPLICATION_RETENTION_DAYS, by another daily task; statistics stay."""

from datetime import timedelta

from celery.schedules import crontab
from django.conf import settings
from django.core.files.storage import default_storage, storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from applications.corrections.services import handed_in_file_add
from applications.documents.generation import documents_generate
from applications.models import (
    AnswersVersion,
    Application,
    ApplicationEvent,
    Document,
    DocumentBundle,
    DocumentKind,
    HandedInFile,
    WizardDraft,
)
from applications.services import (
    application_claim,
    application_reject,
    application_request_info,
    application_withdraw,
    applications_personal_data_remove_expired,
)
from applications.tasks import applications_personal_data_remove_expired_task, drafts_purge_stale_task
from notifications.models import Notification
from tests.support.applications import citizen_user
from tests.support.demo import AYSEL, LEYLA, OPERATOR_BAKI, OPERATOR_SUMQAYIT, RAUF_ACCOUNT, SUPERVISOR
from tests.support.staff import refreshed, user, visible_text
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


# --- decided applications: personal data removed after their status's period ---------------


def entered_status_days_ago(application: Application, days: float) -> None:
    """Move the event that put the application in its current status `days` into the past."""
    event = application.events.filter(to_status=application.status).latest("created_at")
    ApplicationEvent.objects.filter(pk=event.pk).update(created_at=timezone.now() - timedelta(days=days))


def rejected(application: Application) -> Application:
    operator = user(OPERATOR_BAKI if application.office.economic_region == "Bakı" else OPERATOR_SUMQAYIT)
    application_claim(application=application, actor=operator)
    note = "Quliyeva, 50 123"
    return application_reject(application=application, actor=operator, reason="other", note=note)


def test_each_decided_status_has_a_retention_period_and_open_ones_none():
    periods = settings.APPLICATION_RETENTION_DAYS

    assert set(periods) == {"approved", "rejected", "withdrawn"}
    assert not set(periods) & set(Application.OPEN_STATUSES)
    assert all(days > 0 for days in periods.values())


def test_personal_data_is_removed_after_the_period_and_the_statistics_kept(aysel_transfer, sms_outbox):
    documents_generate(application_id=aysel_transfer.pk)
    files = [document.file.name for document in Document.objects.filter(bundle__application=aysel_transfer)]
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    withdrawn = refreshed(aysel_transfer)
    entered_status_days_ago(withdrawn, settings.APPLICATION_RETENTION_DAYS["withdrawn"] + 1)

    assert applications_personal_data_remove_expired_task.delay().get() == 1  # as beat sends it

    kept = refreshed(aysel_transfer)
    assert kept.personal_data_removed_at is not None
    assert kept.registry_snapshot == {} and kept.property_snapshot == {}
    assert (kept.applicant_fin, kept.mobile_phone, kept.email) == ("", "", "")
    assert not DocumentBundle.objects.filter(application=kept).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert not Notification.objects.filter(application=kept).exclude(recipient="", body="").exists()
    # What the statistics count is still there.
    assert (kept.number, kept.kind, kept.status) == (withdrawn.number, "transfer", "withdrawn")
    assert (kept.office_id, kept.district_id, kept.submitted_at) == (
        withdrawn.office_id,
        withdrawn.district_id,
        withdrawn.submitted_at,
    )
    assert kept.events.count() == withdrawn.events.count()


def test_each_status_keeps_its_own_period(aysel_transfer, leyla_rename, settings):
    settings.APPLICATION_RETENTION_DAYS = {"approved": 1000, "rejected": 200, "withdrawn": 10}
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    withdrawn, refused = refreshed(aysel_transfer), rejected(leyla_rename)
    entered_status_days_ago(withdrawn, 11)
    entered_status_days_ago(refused, 199)

    assert applications_personal_data_remove_expired() == 1
    assert refreshed(withdrawn).personal_data_removed_at is not None
    assert refreshed(refused).registry_snapshot != {}

    entered_status_days_ago(refused, 201)
    assert applications_personal_data_remove_expired() == 1
    assert refreshed(refused).decision_note == "" and refreshed(refused).applicant_fin == ""
    assert not refused.events.exclude(note="").exists()


def test_open_applications_are_never_removed_however_old(aysel_transfer, settings):
    settings.APPLICATION_RETENTION_DAYS = {**settings.APPLICATION_RETENTION_DAYS, "submitted": 1}
    entered_status_days_ago(aysel_transfer, 5000)

    assert applications_personal_data_remove_expired() == 0
    assert refreshed(aysel_transfer).registry_snapshot != {}


def test_removal_is_safe_to_run_again_and_the_back_office_page_still_opens(aysel_transfer, staff_client):
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    entered_status_days_ago(refreshed(aysel_transfer), settings.APPLICATION_RETENTION_DAYS["withdrawn"] + 1)

    assert applications_personal_data_remove_expired() == 1
    assert applications_personal_data_remove_expired() == 0
    page = staff_client(SUPERVISOR).get(f"/admin/applications/application/{aysel_transfer.pk}/change/")
    assert page.status_code == 200
    assert "Məmmədova" not in visible_text(page)
    assert documents_generate(application_id=aysel_transfer.pk) == []


def test_the_removal_runs_daily_from_beat():
    entry = next(
        entry
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
        if entry["task"] == "applications.tasks.applications_personal_data_remove_expired_task"
    )

    assert isinstance(entry["schedule"], crontab)
    assert entry["schedule"].remaining_estimate(timezone.now()) <= timedelta(days=1)


def test_the_files_handed_in_and_the_answers_versions_go_with_the_personal_data(aysel_transfer):
    application_claim(application=aysel_transfer, actor=user(OPERATOR_BAKI))
    kind = DocumentKind.objects.get(code="marriage_certificate")
    asked = application_request_info(
        application=aysel_transfer, actor=user(OPERATOR_BAKI), message="?", document_kinds=[kind]
    )
    handed_in = handed_in_file_add(
        info_request=asked.info_requests.get(),
        document_kind=kind,
        uploaded=SimpleUploadedFile("n.pdf", b"%PDF-1.4\n%%EOF\n"),
        applicant=citizen_user(AYSEL),
    )
    application_withdraw(application=aysel_transfer, applicant=citizen_user(AYSEL))
    entered_status_days_ago(refreshed(aysel_transfer), settings.APPLICATION_RETENTION_DAYS["withdrawn"] + 1)

    applications_personal_data_remove_expired()

    assert not storages["uploads"].exists(handed_in.file.name)
    assert not HandedInFile.objects.filter(application=aysel_transfer).exists()
    assert not AnswersVersion.objects.filter(application=aysel_transfer).exists()
    assert aysel_transfer.info_requests.get().message == ""
