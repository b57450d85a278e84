"""Check your answers: what the citizen gave, by step, each with its "Dəyiş" link."""

from django.utils.translation import gettext as _

from applications.answers import Answers, HandoverAnswers
from applications.models import Application
from core.formats import DASH, format_date, format_kwh, format_phone
from integrations.registry.base import Person
from subscribers.models import Property


def answer_sections(
    *, person: Person, answers: Answers, address: str, change_url, co_owners: dict[str, str] | None = None
) -> list[dict]:
    """The check page's sections; `change_url(step)` is where "Dəyiş" leads (None: no link);
    `co_owners` names (masked) the other owners by FİN."""
    rows = {
        "basic": [(_("Ad, soyad"), person.full_name), (_("FİN"), person.fin)],
        "application": [
            (_("Müraciətin növü"), Application.Kind(answers.kind).label),
            (_("Abonent kodu"), answers.subscriber_code),
        ],
        "property": [
            (_("Əmlakın növü"), Property.Kind(answers.property_kind).label),
            (_("Rayon"), answers.district.display_name),
            (_("Reyestr nömrəsi"), answers.registry_number),
            (_("Qeydiyyat nömrəsi"), answers.registration_number),
            (_("Ünvan"), address),
        ],
        "contact": [
            (_("Mobil nömrə"), format_phone(answers.mobile_phone)),
            (_("E-poçt ünvanı"), answers.email or DASH),
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
