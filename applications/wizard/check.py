"""Check your answers: what the citizen gave, by step, each with its "Dəyiş" link."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from applications.answers import Answers, HandoverAnswers
from applications.models import Application
from core.formats import DASH, format_date, format_kwh, format_phone
from integrations.registry.base import Person
from subscribers.models import District, Property

# Each typed answer's label, as the check page shows it (also where the office asks to correct one).
ANSWER_LABELS = {
    "kind": gettext_lazy("Müraciətin növü"),
    "subscriber_code": gettext_lazy("Abonent kodu"),
    "property_kind": gettext_lazy("Əmlakın növü"),
    "district": gettext_lazy("Rayon"),
    "registry_number": gettext_lazy("Reyestr nömrəsi"),
    "registration_number": gettext_lazy("Qeydiyyat nömrəsi"),
    "mobile_phone": gettext_lazy("Mobil nömrə"),
    "email": gettext_lazy("E-poçt ünvanı"),
}


def answer_shown(name: str, value) -> str:
    """One stored answer (a version's JSON value: the district by its code) as people read it."""
    if not value:
        return DASH
    if name == "kind":
        return str(Application.Kind(value).label)
    if name == "property_kind":
        return str(Property.Kind(value).label)
    if name == "district":
        district = District.objects.select_related("parent").filter(code=value).first()
        return district.display_name if district else value
    if name == "mobile_phone":
        return format_phone(value)
    return str(value)


def answer_sections(
    *, person: Person, answers: Answers, address: str, change_url, co_owners: dict[str, str] | None = None
) -> list[dict]:
    """The check page's sections; `change_url(step)` is where "Dəyiş" leads (None: no link);
    `co_owners` names (masked) the other owners by FİN."""
    rows = {
        "basic": [(_("Ad, soyad"), person.full_name), (_("FİN"), person.fin)],
        "application": [
            (ANSWER_LABELS["kind"], Application.Kind(answers.kind).label),
            (ANSWER_LABELS["subscriber_code"], answers.subscriber_code),
        ],
        "property": [
            (ANSWER_LABELS["property_kind"], Property.Kind(answers.property_kind).label),
            (ANSWER_LABELS["district"], answers.district.display_name),
            (ANSWER_LABELS["registry_number"], answers.registry_number),
            (ANSWER_LABELS["registration_number"], answers.registration_number),
            (_("Ünvan"), address),
        ],
        "contact": [
            (ANSWER_LABELS["mobile_phone"], format_phone(answers.mobile_phone)),
            (ANSWER_LABELS["email"], answers.email or DASH),
        ],
    }
    if answers.handover is not None:
        rows = {**rows, "handover": _handover_rows(answers.handover, co_owners or {})}
        rows["contact"] = rows.pop("contact")
    titles = {
        "basic": _("Əsas məlumatlar"),
        "application": _("Müraciət məlumatları"),
        "property": _("Fərdi yaşayış evi və ya Mənzil məlumatları"),
        "handover": _("Təhvil-təslim"),
        "contact": _("Əlaqə məlumatları"),
    }
    return [{"title": titles[step], "rows": rows[step], "change_url": change_url(step)} for step in rows]


def _handover_rows(handover: HandoverAnswers, co_owners: dict[str, str]) -> list[tuple[str, str]]:
    reading = (
        f"{format_kwh(handover.reading_kwh)} kVt·saat"
        if handover.reading_kwh is not None
        else _("Smart sayğacdan götürüləcək")
    )
    rows = [(_("Təhvil tarixi"), format_date(handover.handover_date)), (_("Sayğacın göstəricisi"), reading)]
    for fin, phone in handover.co_owner_phones:
        rows.append((_("Mülkiyyətçi %(name)s") % {"name": co_owners.get(fin, DASH)}, format_phone(phone)))
    return rows
