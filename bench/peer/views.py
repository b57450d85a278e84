"""The status lookup, written the way the Django tutorial would: a form, get_object_or_404's
cousin, a template."""

from django import forms
from django.http import HttpResponse
from django.shortcuts import render

from bench.peer.models import Application

KINDS = {"transfer": "Hesabın köçürülməsi", "rename": "Adın dəyişdirilməsi"}
STATUSES = {
    "submitted": "Qəbul edildi",
    "in_review": "Baxılır",
    "info_requested": "Məlumat istənilib",
    "approved": "Təsdiq edildi",
    "done": "İcra edildi",
    "rejected": "İmtina edildi",
    "withdrawn": "Geri çağırılıb",
}
OPEN = {"submitted", "in_review", "info_requested"}


class LookupForm(forms.Form):
    number = forms.CharField(label="Müraciət nömrəsi", max_length=20)

    def clean_number(self):
        return self.cleaned_data["number"].strip().upper()


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


def status(request):
    form = LookupForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        application = (
            Application.objects.select_related("office")
            .prefetch_related("events")
            .filter(number=form.cleaned_data["number"])
            .first()
        )
        context["looked_up"] = True
        if application is not None:
            stages = [
                {"label": STATUSES.get(event.to_status, event.to_status), "date": event.created_at}
                for event in application.events.all()
                if event.from_status != event.to_status
            ]
            if application.status in OPEN:
                stages.append({"label": "Qərar", "date": None})
            context["application"] = application
            context["kind"] = KINDS.get(application.kind, application.kind)
            context["status"] = STATUSES.get(application.status, application.status)
            context["stages"] = stages
            context["is_open"] = application.status in OPEN
    return render(request, "peer/status.html", context)
