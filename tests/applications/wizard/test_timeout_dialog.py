"""The session-timeout dialog's words match what the portal does: the steps already sent are saved
(the draft), what is typed on the current page is not until that page is sent."""

import re
from html import unescape

from tests.support.demo import AYSEL
from tests.support.wizard import fill_until, sign_in, step_url

SAVED = "Əvvəlki addımlarda yazdıqlarınız yadda saxlanılıb"
NOT_YET = "bu səhifədə yazdıqlarınız isə yalnız səhifəni göndərəndə saxlanılır"


def dialog_text(response) -> str:
    match = re.search(r'<p id="timeout-text">(.*?)</p>', response.content.decode(), flags=re.S)
    return " ".join(unescape(match.group(1)).split())


def test_the_dialog_does_not_promise_that_the_current_page_is_saved(client, demo_world):
    sign_in(client, AYSEL)
    fill_until(client, "basic")

    text = dialog_text(client.get(step_url("application")))

    assert SAVED in text and NOT_YET in text and "«Davam et»" in text
    assert (
        text != "Təhlükəsizlik üçün 2 dəqiqədən sonra sistemdən çıxacaqsınız. Yazdıqlarınız yadda saxlanılıb."
    )
