"""The wizard's navigation rules, on top of django-formtools: resume where the citizen left off,
never reach a step past an invalid one, send the citizen back to the step a refusal is about,
and return to the check page after a change."""

from django.shortcuts import redirect


class StepRulesMixin:
    """Navigation for a NamedUrlWizardView whose last step is the check page ("check")."""

    def get(self, *args, **kwargs):
        step = kwargs.get("step")
        if step is None:
            # Resume where the citizen left off. (Starting over is a POST: a link from another
            # site must not be able to wipe a draft.)
            return redirect(self.get_step_url(self.steps.current))
        if step == self.done_step_name:
            # Sending happens only on the POST of "check", never on a GET.
            return redirect(self.get_step_url(self.steps.current))
        if step in self.get_form_list():
            blocking = self.first_invalid_step(before=step)
            if blocking is not None:
                return self.send_back_to(blocking)
        return super().get(*args, **kwargs)

    def start_over(self):
        """ "Yenidən başla": the draft is discarded and the wizard starts at step 1."""
        self.storage.reset()
        self.storage.current_step = self.steps.first
        return redirect(self.get_step_url(self.steps.first))

    def get_form(self, step=None, data=None, files=None):
        if step is None and data is not None and self.request.method == "GET" and not self.explain_refusal():
            # A page opened, not sent: show what was typed without judging it yet.
            form = super().get_form(step, None, files)
            form.initial = {name: data.get(f"{form.prefix}-{name}") for name in form.fields}
            return form
        return super().get_form(step, data, files)

    def explain_refusal(self) -> bool:
        """Whether this page is shown because its saved answers stopped being valid (the
        citizen was sent back here): then it shows why, at the field."""
        return self.storage.extra_data.pop("explain_step", None) == self.steps.current

    def send_back_to(self, step: str):
        self.storage.current_step = step
        if self.storage.get_step_data(step):
            self.storage.extra_data["explain_step"] = step
        return redirect(self.get_step_url(step))

    def render_revalidation_failure(self, failed_step, form, **kwargs):
        return self.send_back_to(failed_step)

    def first_invalid_step(self, *, before: str | None = None) -> str | None:
        for step in self.get_form_list():
            if step == before:
                return None
            if step != "check" and self.get_cleaned_data_for_step(step) is None:
                return step
        return None

    def render_next_step(self, form, **kwargs):
        if self.request.POST.get("return_to_check"):
            target = self.first_invalid_step(before="check")
            if target is None:
                self.storage.current_step = "check"
                return redirect(self.get_step_url("check"))
            # A change that makes a later answer invalid leads there, still on the way back.
            response = self.send_back_to(target)
            response["Location"] += "?change=1"
            return response
        return super().render_next_step(form, **kwargs)
