"""{% memo %} (core/templatetags/memo.py): the layout's fixed pieces are rendered once per
process and language, while everything that belongs to one request stays per request."""

import re

from django.template import engines
from django.test import Client
from django.utils import translation

from core.templatetags import memo

django_engine = engines["django"]


def test_a_piece_is_rendered_once_per_language_and_value():
    template = django_engine.from_string(
        "{% load i18n memo %}{% memo kind %}{{ kind }} {{ seen }} {% translate 'Yoxla' %}{% endmemo %}"
        "|{{ seen }}"
    )

    with translation.override("az"):
        first = template.render({"kind": "a", "seen": 1})
        again = template.render({"kind": "a", "seen": 2})
        other_value = template.render({"kind": "b", "seen": 3})
    with translation.override("en"):
        english = template.render({"kind": "a", "seen": 4})
        check = translation.gettext("Yoxla")

    assert first == "a 1 Yoxla|1"
    assert again == "a 1 Yoxla|2"  # the piece is the first one; what is outside it is fresh
    assert other_value == "b 3 Yoxla|3"
    assert check != "Yoxla"
    assert english == f"a 4 {check}|4"


def test_a_variable_that_varies_without_bound_is_not_stored(monkeypatch):
    monkeypatch.setattr(memo, "MAX_VARIANTS", 3)
    template = django_engine.from_string(
        "{% load memo %}{% memo number %}{{ number }}-{{ seen }}{% endmemo %}"
    )

    for number in range(3):
        template.render({"number": number, "seen": "first"})

    assert template.render({"number": 99, "seen": "first"}) == "99-first"
    assert template.render({"number": 99, "seen": "second"}) == "99-second"
    assert template.render({"number": 0, "seen": "second"}) == "0-first"


def test_the_language_switch_keeps_each_request_s_path_and_token(db):
    citizen, other = Client(), Client()

    first = citizen.get("/status/").content.decode()
    second = other.get("/?page=2").content.decode()

    def switch(page):
        return re.search(r'<form action="/i18n/setlang/".*?</form>', page, re.S).group(0)

    assert 'name="next" value="/status/"' in switch(first)
    assert 'name="next" value="/?page=2"' in switch(second)
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', switch(page)).group(1)
        for page in (first, second)
    ]
    assert tokens[0] != tokens[1]
    assert citizen.cookies["csrftoken"].value != other.cookies["csrftoken"].value
    # The buttons themselves are the memo's: the same, and marking Azerbaijani as current.
    assert switch(first).split('value="/status/">')[1] == switch(second).split('value="/?page=2">')[1]
    assert 'value="az" lang="az"' in switch(first) and 'aria-current="true"' in switch(first)


def test_the_switch_marks_the_chosen_language_in_every_language(db):
    client = Client()
    for code in ("en", "ru", "az"):
        client.post("/i18n/setlang/", {"language": code, "next": "/status/"})
        page = client.get("/status/").content.decode()
        current = re.search(r'<button[^>]*value="(\w+)"[^>]*is-current[^>]*aria-current="true"', page, re.S)
        assert current.group(1) == code
        assert f'<html lang="{code}">' in page
