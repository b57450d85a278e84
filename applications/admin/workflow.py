"""The review steps as admin pages: a confirmation page that says what will happen, then a POST."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.admin.case import registry_comparison
from applications.admin.forms import ConfirmForm, ReassignForm, RejectForm, RequestInfoForm
from applications.models import Application, ApplicationAccess
from applications.services import (
    TransitionRefused,
    application_access_record,
    application_approve,
    application_billing_retry,
    application_claim,
    application_reassign,
    application_reject,
    application_request_info,
)
from applications.workflow import staff_name, transition_refusal
from core.formats import DASH, format_kwh, format_phone
from integrations.base import ExternalSystemUnavailable


@dataclass(frozen=True)
class Step:
    label: Any
    service: Any
    form: type[ConfirmForm]
    done: Any


STEPS = {
    "claim": Step(
        gettext_lazy("Götür"), application_claim, ConfirmForm, gettext_lazy("Müraciət sizə verildi.")
    ),
    "request_info": Step(
        gettext_lazy("Əlavə məlumat istə"),
        application_request_info,
        RequestInfoForm,
        gettext_lazy("Vətəndaşdan əlavə məlumat istənildi."),
    ),
    "approve": Step(
        gettext_lazy("Təsdiq et"),
        application_approve,
        ConfirmForm,
        gettext_lazy("Müraciət təsdiq edildi: dəyişiklik billinqə göndərildi."),
    ),
    "billing_retry": Step(
        gettext_lazy("Billinqə yenidən göndər"),
        application_billing_retry,
        ConfirmForm,
        gettext_lazy("Əmr billinqə yenidən göndərildi."),
    ),
    "reject": Step(
        gettext_lazy("İmtina et"),
        application_reject,
        RejectForm,
        gettext_lazy("Müraciət üzrə imtina edildi."),
    ),
    "reassign": Step(
        gettext_lazy("Başqa əməkdaşa ver"),
        application_reassign,
        ReassignForm,
        gettext_lazy("Müraciət başqa əməkdaşa verildi."),
    ),
}


class WorkflowAdminMixin:
    """Adds /<id>/<step>/ and /<id>/registry/ to the application's admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        steps = [
            path(
                f"<int:object_id>/{step}/",
                view(self.step_view),
                {"step": step},
                name=f"applications_application_{step}",
            )
            for step in STEPS
        ]
        registry = path(
            "<int:object_id>/registry/", view(self.registry_view), name="applications_application_registry"
        )
        return [*steps, registry, *super().get_urls()]

    def step_view(self, request, object_id, step):
        application = self.viewable_object(request, object_id)
        back = redirect(reverse("admin:applications_application_change", args=[application.pk]))
        refusal = transition_refusal(application=application, actor=request.user, action=step)
        if refusal is not None:
            messages.error(request, refusal)
            return back
        posted = request.method == "POST"
        form = STEPS[step].form(request.POST if posted else None, application=application)
        if posted and form.is_valid():
            try:
                STEPS[step].service(application=application, actor=request.user, **form.service_kwargs())
            except TransitionRefused as refused:
                messages.error(request, refused.message)
            else:
                messages.success(request, STEPS[step].done)
            return back
        title = _("%(step)s: %(number)s") % {"step": STEPS[step].label, "number": application.number}
        context = self.workflow_context(request, application, title)
        context.update(step=STEPS[step], form=form, consequences=consequences(application, step))
        return TemplateResponse(request, "admin/applications/application/step.html", context)

    def registry_view(self, request, object_id):
        application = self.viewable_object(request, object_id)
        application_access_record(
            application=application, viewer=request.user, page=ApplicationAccess.Page.REGISTRY_COMPARISON
        )
        title = _("Reyestrlə müqayisə: %(number)s") % {"number": application.number}
        context = self.workflow_context(request, application, title)
        try:
            context.update(registry_comparison(application))
        except ExternalSystemUnavailable:
            context["unavailable"] = True
        return TemplateResponse(request, "admin/applications/application/registry.html", context)

    def viewable_object(self, request, object_id) -> Application:
        application = self.get_object(request, str(object_id))  # 404 outside the user's offices
        if not self.has_view_permission(request, application):
            raise PermissionDenied
        return application

    def workflow_context(self, request, application, title) -> dict:
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": application,
            "application": application,
            "title": title,
            "change_url": reverse("admin:applications_application_change", args=[application.pk]),
        }


def consequences(application: Application, step: str) -> list[str]:
    """What the step will do, in the words the confirmation page shows."""
    if step == "approve":
        return _approval_consequences(application)
    due = date_format(application.due_date, "d.m.Y") if application.due_date else "—"
    return {
        "claim": [
            _("Müraciət sizə veriləcək, statusu “Baxılır” olacaq."),
            _("Vətəndaşa SMS: qərar ən gec %(due)s tarixində veriləcək.") % {"due": due},
        ],
        "request_info": [
            _(
                "Status “Əlavə məlumat tələb olunur” olacaq; vətəndaş mesajınızı öz müraciət səhifəsində "
                "görəcək və yalnız seçdiyiniz məlumatları dəyişə, seçdiyiniz sənədləri yükləyə biləcək."
            ),
            _("Vətəndaşa SMS göndəriləcək. Cavab gələnə qədər müraciət vaxtı keçmiş sayılmır."),
        ],
        "reject": [
            _("Status “İmtina edildi” olacaq; bu qərar ləğv edilə bilməz."),
            _("Vətəndaşa SMS ilə imtina səbəbi bildiriləcək."),
        ],
        "billing_retry": [
            _("Billinqin əvvəlki cavabı: %(reason)s") % {"reason": _billing_answer(application)},
            _(
                "Eyni əmr billinqə yenidən göndəriləcək; billinq onu müraciət nömrəsi ilə tanıyır, iki dəfə "
                "icra etmir."
            ),
        ],
        "reassign": [
            _("Hazırda baxan: %(name)s. Müraciət seçdiyiniz əməkdaşa veriləcək.")
            % {"name": staff_name(application.assigned_to)},
            _("Vətəndaşa SMS göndərilmir."),
        ],
    }[step]


def _billing_answer(application: Application) -> str:
    command = getattr(application, "billing_command", None)
    return (command.refusal or command.last_error or DASH) if command else DASH


def _approval_consequences(application: Application) -> list[str]:
    account = application.account
    snapshot = application.registry_snapshot
    registry_name = " ".join(
        filter(None, (snapshot.get(k) for k in ("last_name", "first_name", "patronymic")))
    )
    checks = _("Əvvəlcə dövlət reyestri və borc yenidən yoxlanılacaq; yoxlama keçməsə heç nə dəyişməyəcək.")
    if application.kind == Application.Kind.RENAME:
        return [
            checks,
            _("Abonentin adı “%(old)s” əvəzinə reyestrdəki kimi yazılacaq (müraciət zamanı: “%(new)s”).")
            % {"old": account.holder.full_name, "new": registry_name},
            _(
                "Billinq icra etdikdən sonra vətəndaşa SMS göndəriləcək, yenilənmiş abonent kartı "
                "hazırlanacaq."
            ),
        ]
    handover = application.handover
    return [
        checks,
        _("Şəxsi hesab %(code)s “%(old)s” adından “%(new)s” adına keçiriləcək.")
        % {"code": account.subscriber_code, "old": account.holder.full_name, "new": registry_name},
        _(
            "Billinq köhnə müqaviləyə (%(old)s) %(date)s tarixində %(reading)s kVt·saat göstəricisi "
            "ilə xitam verəcək, yekun hesabı əvvəlki sahibə göndərəcək və yeni müqavilənin nömrəsini "
            "bildirəcək."
        )
        % {
            "old": account.contract_number,
            "date": date_format(handover.handover_date, "d.m.Y"),
            "reading": format_kwh(handover.reading_kwh),
        },
        _("Hesabın əlaqə məlumatları: %(phone)s, %(email)s.")
        % {"phone": format_phone(application.mobile_phone), "email": application.email or DASH},
        _("Billinq icra etdikdən sonra vətəndaşa SMS göndəriləcək, yekun sənəd (müqavilə) hazırlanacaq."),
    ]
