"""formtools storage that keeps the wizard's progress in the database, per citizen.

Session storage would lose the progress with the session; this storage lets a citizen sign
out, come back on another device, and resume where they left off.
"""

import json

from formtools.wizard.storage.base import BaseStorage

from .models import WizardDraft


class DraftStorage(BaseStorage):
    def __init__(self, prefix, request=None, file_storage=None):
        super().__init__(prefix, request, file_storage)
        # The correction wizard sets request.correcting to the application being corrected.
        self.correcting = getattr(request, "correcting", None)
        self.draft = self._drafts().first()
        if self.draft is not None and self.draft.data:
            self.data = self.draft.data
        else:
            self.init_data()
        self._saved = self._serialized()
        self._discard = False

    def _serialized(self) -> str:
        return json.dumps(self.data, sort_keys=True, default=str)

    @property
    def submission_key(self):
        """The key that makes sending this draft idempotent (see application_submit)."""
        if self.draft is None:
            self.save()
        return self.draft.submission_key

    def reset(self):
        super().reset()
        self._discard = True

    def save(self) -> None:
        """Write the progress if it changed; a reset wizard deletes the draft (and its key)."""
        if self._discard:
            self._drafts().delete()
            self.draft, self._discard = None, False
            self._saved = self._serialized()
            if self.data[self.step_key] is None:
                return
        serialized = self._serialized()
        if self.draft is not None and serialized == self._saved:
            return
        if self.draft is None:
            self.draft = WizardDraft.objects.create(
                user=self.request.user, correcting=self.correcting, data=self.data
            )
        else:
            self.draft.data = self.data
            self.draft.save(update_fields=["data", "updated_at"])
        self._saved = serialized

    def _drafts(self):
        return WizardDraft.objects.filter(user=self.request.user, correcting=self.correcting)

    def update_response(self, response):
        super().update_response(response)
        self.save()


def correction_draft_data(application) -> dict:
    """Saved progress that reopens the wizard on a sent application's answers, on the check
    page (from where each answer has its "Dəyiş" link)."""
    answers = {
        "basic": {},
        "application": {"kind": application.kind, "subscriber_code": application.subscriber_code},
        "property": {
            "property_kind": application.property_kind,
            "district": application.district.code,
            "registry_number": application.registry_number,
            "registration_number": application.registration_number,
        },
        "contact": {
            "mobile_phone": application.mobile_phone,
            "extra_mobile_phone": application.extra_mobile_phone,
            "email": application.email,
        },
    }
    return {
        BaseStorage.step_key: "check",
        BaseStorage.step_data_key: {
            step: {f"{step}-{name}": [value] for name, value in fields.items()}
            for step, fields in answers.items()
        },
        BaseStorage.step_files_key: {},
        BaseStorage.extra_data_key: {},
    }
