"""formtools storage that keeps the wizard's progress in the database, per citizen.

Session storage would lose the progress with the session; this storage lets a citizen sign
out, come back on another device, and resume where they left off.
"""

import json

from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from applications.answers import Answers
from applications.models import WizardDraft


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
            self._write(self._serialized())
        return self.draft.submission_key

    def reset(self):
        super().reset()
        self._discard = True

    def save(self) -> None:
        """Write the progress if it changed; a reset wizard deletes the draft (and its key)."""
        if self._discard:
            self._drafts().delete()
            self.draft, self._discard = None, False
            if self.data[self.step_key] is None:
                self._saved = self._serialized()
                return
        serialized = self._serialized()
        # Unchanged since it was read: nothing to write (and no empty draft to create).
        if serialized != self._saved:
            self._write(serialized)

    def _write(self, serialized: str) -> None:
        self._saved = serialized
        if self.draft is None:
            # Another request of the same citizen (a second tab) may create it at the same moment.
            self.draft, created = WizardDraft.objects.get_or_create(
                user=self.request.user, correcting=self.correcting, defaults={"data": self.data}
            )
            if created:
                return
        # Not save(): another request (a second tab sending this draft, or starting over) may
        # have deleted the row meanwhile, and what it did stands.
        WizardDraft.objects.filter(pk=self.draft.pk).update(data=self.data, updated_at=timezone.now())
        self.draft.data = self.data

    def _drafts(self):
        return WizardDraft.objects.filter(user=self.request.user, correcting=self.correcting)

    def update_response(self, response):
        super().update_response(response)
        self.save()


def correction_draft_data(answers: Answers) -> dict:
    """Saved progress that reopens the wizard on a sent application's answers, on the check
    page (from where each answer has its "Dəyiş" link)."""
    steps = {"basic": {}, **answers.as_step_data()}
    return {
        BaseStorage.step_key: "check",
        BaseStorage.step_data_key: {
            step: {f"{step}-{name}": [value] for name, value in typed.items()}
            for step, typed in steps.items()
        },
        BaseStorage.step_files_key: {},
        BaseStorage.extra_data_key: {},
    }
