"""The service speaks Azerbaijani unless the visitor chooses another language."""


def test_azerbaijani_by_default_whatever_the_browser_prefers(client, db):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9,ru;q=0.8")
    assert '<html lang="az">' in response.content.decode()


def test_the_language_switch_is_remembered(client, db):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/status/"})
    assert response.status_code == 302 and response["Location"] == "/status/"
    assert '<html lang="en">' in client.get("/status/").content.decode()


def test_an_unknown_language_cookie_falls_back_to_azerbaijani(client, db):
    client.cookies["django_language"] = "xx"
    assert '<html lang="az">' in client.get("/").content.decode()
