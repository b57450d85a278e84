"""The bench's own HTTP client (asyncio + aiohttp): citizens walking the wizard, staff reading
the back office, and a closed loop of simple requests. Every request's latency is recorded with
perf_counter around the whole exchange (headers and body read)."""

import asyncio
import base64
import hmac
import json
import re
import struct
import time
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urljoin

import aiohttp
from yarl import URL

from bench import synthetic

REQUEST_TIMEOUT_S = 300
# How long a one-time code may take to reach the gateway stub before a journey counts as failed.
CODE_TIMEOUT_S = 180
# Journeys under way when the measuring window closes may finish for this long (they are not
# counted in the window's rate, but a failure among them is still an error).
FINISH_GRACE_S = 300

SUBMISSION_KEY = re.compile(r'name="submission_key" value="([^"]+)"')
# The error summary's entries (templates/includes/error_summary.html): a refused step says why.
ERROR_SUMMARY = re.compile(r'class="error-summary__list">(.*?)</ul>', re.S)
TAG = re.compile(r"<[^>]+>")
CODE = re.compile(r"\b\d{6}\b")


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile (share in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, int(round(share / 100 * len(ordered) + 0.5)) - 1))
    return ordered[rank]


def summary_ms(values: list[float]) -> dict:
    return {
        "n": len(values),
        **{f"p{p}": round(percentile(values, p) * 1000, 2) if values else None for p in (50, 95, 99)},
        "max": round(max(values) * 1000, 2) if values else None,
    }


class Recorder:
    def __init__(self):
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter = Counter()
        self.error_samples: list[str] = []
        self.requests = 0

    def error(self, label: str, detail: str) -> None:
        self.errors[label] += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(f"{label}: {detail}")

    def summary(self) -> dict:
        return {label: summary_ms(values) for label, values in self.latencies.items()}


class Unexpected(Exception):
    pass


class Browser:
    """One person's cookie jar; request() times one exchange and checks its status."""

    def __init__(self, session: aiohttp.ClientSession, recorder: Recorder):
        self.http, self.recorder = session, recorder

    @classmethod
    def session(cls) -> aiohttp.ClientSession:
        # unsafe=True: keep cookies set by an IP address host (127.0.0.1).
        return aiohttp.ClientSession(
            cookie_jar=aiohttp.CookieJar(unsafe=True),
            connector=aiohttp.TCPConnector(limit=0, force_close=True),
            # Generous: on a loaded machine (CI) a page may take many seconds; the smoke run
            # checks answers, never speed, and the full run reports latencies separately.
            timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
        )

    def csrf(self) -> str:
        for cookie in self.http.cookie_jar:
            if cookie.key == "csrftoken":
                return cookie.value
        return ""

    async def request(self, label, method, url, *, expect, data=None) -> tuple[int, str, str]:
        if data is not None:
            data = {"csrfmiddlewaretoken": self.csrf(), **data}
        started = time.perf_counter()
        async with self.http.request(method, url, data=data, allow_redirects=False) as response:
            body = await response.text()
        self.recorder.latencies[label].append(time.perf_counter() - started)
        self.recorder.requests += 1
        if response.status not in (expect if isinstance(expect, tuple) else (expect,)):
            # A form sent back with errors says why in its error summary; anything else, its start.
            detail = page_errors(body) or repr(body[:160])
            raise Unexpected(f"{label}: HTTP {response.status} (expected {expect}) {detail}")
        return response.status, response.headers.get("Location", ""), body


class SmsTail:
    """Reads the file gateway's messages as they arrive: one-time codes and receipts, by phone."""

    def __init__(self, path: Path):
        self.path, self.offset = path, 0
        self.codes: dict[str, str] = {}
        self.receipts: dict[str, float] = {}
        self.task = None

    async def __aenter__(self):
        self.offset = self.path.stat().st_size if self.path.exists() else 0
        self.task = asyncio.create_task(self._follow())
        return self

    async def __aexit__(self, *exc):
        self.task.cancel()

    async def _follow(self):
        pending = ""
        while True:
            if self.path.exists():
                with self.path.open(encoding="utf-8") as sms:
                    sms.seek(self.offset)
                    pending += sms.read()
                    self.offset = sms.tell()
                *lines, pending = pending.split("\n")
                now = time.perf_counter()
                for line in lines:
                    message = json.loads(line)
                    if "/d/" in message["body"]:
                        self.receipts.setdefault(message["to"], now)
                    elif match := CODE.search(message["body"]):
                        self.codes[message["to"]] = match.group(0)
            await asyncio.sleep(0.005)

    async def code_for(self, phone: str, timeout: float = CODE_TIMEOUT_S) -> str:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if phone in self.codes:
                return self.codes.pop(phone)
            await asyncio.sleep(0.005)
        raise Unexpected(f"no one-time code for {phone} within {timeout}s")


async def citizen_journey(browser: Browser, bases, account: dict, sms: SmsTail, submits: dict) -> None:
    """Sign in, the four steps (confirming the mobile by SMS), check answers, send. `bases` is a
    cycle of base URLs: one server, or several taking turns request by request."""
    i = account["i"]
    hop = iter(bases)

    def url(path: str) -> str:
        return urljoin(next(hop), path)

    _, location, _ = await browser.request("signin:start", "GET", url("/signin/?next=/apply/"), expect=302)
    await browser.request("signin:provider page", "GET", url(location), expect=200)
    fin = synthetic.fin(i, synthetic.BUYER)
    _, location, _ = await browser.request(
        "signin:provider POST", "POST", url(location), expect=302, data={"method": "asan_imza", "fin": fin}
    )
    _, location, _ = await browser.request("signin:callback", "GET", url(location), expect=302)
    _, location, _ = await browser.request("apply:resume", "GET", url(location), expect=302)
    steps = (
        ("basic", {}),
        ("application", {"kind": "transfer", "subscriber_code": synthetic.subscriber_code(i)}),
        (
            "property",
            {
                "property_kind": synthetic.property_kind(i),
                "district": account["district"],
                "registry_number": synthetic.registry_number(i),
                "registration_number": synthetic.registration_number(i),
            },
        ),
        # A transfer's handover: the day; the smart meter gives the reading (bench/billing.py).
        ("handover", {"handover_date": "20.11.2026", "meter_reading": ""}),
    )
    for step, fields in steps:
        await _step(browser, url, step, fields, expect=302)
    contact = {"mobile_phone": synthetic.mobile_phone(i), "email": ""}
    await browser.request("contact GET", "GET", url("/apply/contact/"), expect=200)
    page = await _post(browser, url, "contact", contact, label="contact POST", expect=200, answer="body")
    waited = time.perf_counter()
    try:
        code = await sms.code_for(synthetic.mobile_e164(i))
    except Unexpected as missing:
        # The code field's message says whether a code went out or why not (a quota, say).
        raise Unexpected(f"{missing}; the contact page said: {page_errors(page)}") from None
    browser.recorder.latencies["(wait) one-time code SMS"].append(time.perf_counter() - waited)
    await _post(browser, url, "contact", {**contact, "otp_code": code}, label="contact POST code", expect=302)
    _, _, page = await browser.request("check GET", "GET", url("/apply/check/"), expect=200)
    key = SUBMISSION_KEY.search(page).group(1)
    submits[synthetic.mobile_e164(i)] = time.perf_counter()
    _, location, _ = await browser.request(
        "check POST (send)",
        "POST",
        url("/apply/check/"),
        expect=302,
        data={
            "application_wizard_view-current_step": "check",
            "check-declaration": "on",
            "submission_key": key,
        },
    )
    await browser.request("submitted GET", "GET", url(location), expect=200)


async def _step(browser, url, step, fields, *, expect):
    await browser.request(f"{step} GET", "GET", url(f"/apply/{step}/"), expect=200)
    await _post(browser, url, step, fields, label=f"{step} POST", expect=expect)


async def _post(browser, url, step, fields, *, label, expect, answer="location"):
    data = {"application_wizard_view-current_step": step}
    data.update({f"{step}-{name}": value for name, value in fields.items()})
    _, location, body = await browser.request(label, "POST", url(f"/apply/{step}/"), expect=expect, data=data)
    return body if answer == "body" else location


def page_errors(page: str) -> str:
    """The error summary's messages on a page, as plain text ("" when the page has none)."""
    found = ERROR_SUMMARY.search(page)
    return " ".join(TAG.sub(" ", found.group(1)).split()) if found else ""


async def run_journeys(
    *,
    bases: list[str],
    accounts: list[dict],
    users: int,
    seconds: float,
    sms_file: Path,
    max_requests: int | None = None,
) -> dict:
    """`users` citizens at a time, each starting the next journey when one ends, for `seconds`
    (or until `max_requests`). Counts the journeys completed in the window."""
    recorder, pool = Recorder(), iter(accounts)
    completed, submits, started = [], {}, time.perf_counter()
    cpu_before = time.process_time()
    deadline = started + seconds

    async def user():
        while time.perf_counter() < deadline and (max_requests is None or recorder.requests < max_requests):
            account = next(pool, None)
            if account is None:
                return
            async with Browser.session() as session:
                try:
                    await citizen_journey(Browser(session, recorder), _cycle(bases), account, sms, submits)
                except (TimeoutError, Unexpected, aiohttp.ClientError) as error:
                    recorder.error("journey", str(error))
                    continue
            completed.append(time.perf_counter())

    async with SmsTail(sms_file) as sms:
        tasks = [asyncio.create_task(user()) for _ in range(users)]
        await asyncio.wait(tasks, timeout=seconds + FINISH_GRACE_S)
        for task in tasks:
            task.cancel()
        elapsed = (
            min(time.perf_counter(), deadline) - started
            if max_requests is None
            else time.perf_counter() - started
        )
        # Receipts of the last submissions may still be on their way.
        await _settle(lambda: all(phone in sms.receipts for phone in submits), timeout=CODE_TIMEOUT_S)
        receipt_latency = [sms.receipts[p] - t for p, t in submits.items() if p in sms.receipts]
    done_in_window = [t for t in completed if t <= deadline] if max_requests is None else completed
    return {
        "users": users,
        "seconds": round(elapsed, 2),
        "completed": len(done_in_window),
        # Every journey that ended well, in the window or in the grace after it (the smoke's check).
        "finished": len(completed),
        "completed_per_s": round(len(done_in_window) / elapsed, 2),
        "requests": recorder.requests,
        "errors": dict(recorder.errors),
        "error_samples": recorder.error_samples,
        "steps_ms": recorder.summary(),
        "submit_to_gateway_ms": summary_ms(receipt_latency),
        "receipts_missing": len(submits) - len(receipt_latency),
        "client_cpu_cores": round((time.process_time() - cpu_before) / max(elapsed, 1e-9), 2),
    }


def _cycle(bases):
    while True:
        yield from bases


async def _settle(condition, *, timeout):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline and not condition():
        await asyncio.sleep(0.02)


def totp(secret: str, at: float | None = None) -> str:
    """The authenticator app's current six digits for a base32 secret (RFC 6238: SHA-1, 30 s)."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(base64.b32decode(secret), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    return f"{(struct.unpack('>I', digest[offset : offset + 4])[0] & 0x7FFFFFFF) % 1_000_000:06d}"


async def staff_sign_in(*, base: str, username: str, password: str, totp_secret: str | None) -> dict:
    """Password, then the second factor when the site asks for it; returns the session's cookies.
    Done once per user: a TOTP code is accepted once, and wrong ones count towards the lockout."""
    recorder = Recorder()
    async with Browser.session() as session:
        browser = Browser(session, recorder)
        await browser.request("login GET", "GET", f"{base}/admin/login/", expect=200)
        await browser.request(
            "login POST",
            "POST",
            f"{base}/admin/login/?next=/admin/",
            expect=302,
            data={"username": username, "password": password, "next": "/admin/"},
        )
        status, location, _ = await browser.request("admin index", "GET", f"{base}/admin/", expect=(200, 302))
        if totp_secret and "two-factor" not in location and "/login/" in location:
            _, location, _ = await browser.request("login again", "GET", urljoin(base, location), expect=302)
        if "two-factor" in location:
            await browser.request(
                "second factor", "POST", urljoin(base, location), expect=302, data={"code": totp(totp_secret)}
            )
        return {cookie.key: cookie.value for cookie in session.cookie_jar}


async def staff_pages(*, base: str, cookies: dict, paths: dict[str, str], repeat: int) -> dict:
    """Open each page `repeat` times, one at a time, as the signed-in staff member."""
    recorder = Recorder()
    async with Browser.session() as session:
        session.cookie_jar.update_cookies(cookies, response_url=URL(base))
        browser = Browser(session, recorder)
        for _ in range(repeat):
            for label, path in paths.items():
                await browser.request(label, "GET", f"{base}{path}", expect=200)
    return recorder.summary()
