"""A citizen's answers to the wizard as one typed value, built once and passed whole: to the
eligibility rules, to submission and correction, to the check page, and back into a draft."""

from dataclasses import dataclass, fields

from subscribers.models import District

# The wizard step each answer is typed on (step 1, "basic", is the registry's: nothing typed).
STEP_FIELDS = {
    "application": ("kind", "subscriber_code"),
    "property": ("property_kind", "district", "registry_number", "registration_number"),
    "contact": ("mobile_phone", "email"),
}


@dataclass(frozen=True)
class Answers:
    """Steps 2–4, validated: what the citizen asks for, for which account and property, and where
    they are reached (`mobile_phone` in E.164, proven by a one-time code)."""

    kind: str
    subscriber_code: str
    property_kind: str
    district: District
    registry_number: str
    registration_number: str
    mobile_phone: str
    email: str = ""

    @classmethod
    def from_steps(cls, cleaned: dict[str, dict]) -> "Answers":
        """From the wizard's validated steps (step name -> the form's cleaned_data)."""
        return cls(**{name: cleaned[step][name] for step, names in STEP_FIELDS.items() for name in names})

    @classmethod
    def from_application(cls, application) -> "Answers":
        """The answers a sent application holds (to re-check it, or to correct it)."""
        return cls(**{field.name: getattr(application, field.name) for field in fields(cls)})

    def as_fields(self) -> dict:
        """The answers by name, as the Application model's fields of the same names take them."""
        return {field.name: getattr(self, field.name) for field in fields(self)}

    def as_step_data(self) -> dict[str, dict[str, str]]:
        """Step -> field -> value as a form takes it (the district by its code): saved progress."""
        typed = {**self.as_fields(), "district": self.district.code}
        return {step: {name: typed[name] for name in names} for step, names in STEP_FIELDS.items()}
