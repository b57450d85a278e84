"""Check your answers: what the citizen gave, by step, each with its "Dəyiş" link."""

from django.utils.translation import gettext as _

from applications.answers import Answers
from applications.models import Application
from core.formats import DASH, format_phone
from integrations.registry.base import Person
from subscribers.models import Property


def answer_sections(*, person: Person, answers: Answers, address: str, change_url) -> list[dict]:
    """The check page's sections; `change_url(step)` is where "Dəyiş" leads (None: no link)."""
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
    titles = {
        "basic": _("Əsas məlumatlar"),
        "application": _("Müraciət məlumatları"),
        "property": _("Fərdi yaşayış evi və ya Mənzil məlumatları"),
        "contact": _("Əlaqə məlumatları"),
    }
    return [{"title": titles[step], "rows": rows[step], "change_url": change_url(step)} for step in rows]
