"""`make load`: members propose amendments and the officer decides them, against the live server,
through the real pages, while wrk browses (bench/load/run.py starts this).

    writers.py BASE_URL ACCOUNTS.json SECONDS OUT.json

Each member (one thread each) signs in at /konto/anmelden/, then over and over opens a section's
proposal form, posts an amendment, and submits it from its page, a pause between. The officer
(one thread) signs in with password and an app code (TOTP, RFC 6238, computed here from the
device's key) and decides the submitted amendments one by one on the admin's decision page.
Nothing is retried: a request whose outcome is unknown (timeout, 5xx) is listed as uncertain.
OUT.json lists every amendment a member saw stored, with the state it should now be in, for
`setup.py verify`. Standard library only: HTTP/1.1 over http.client, cookies kept by hand.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import json
import queue
import random
import re
import struct
import sys
import threading
import time
from collections import Counter
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOCK = re.compile(r'name="seen_lock_version" value="(\d+)"')
EDIT = re.compile(r"/mitmachen/vorschlaege/(\d+)/$")
TIMEOUT = 30


class Unclear(Exception):
    """The server's answer leaves open whether the write happened."""


class Browser:
    def __init__(self, base: str, tag: str, stats: Counter):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.cookies: dict[str, str] = {}
        self.tag = tag
        self.stats = stats

    def request(self, method: str, path: str, form: dict | None = None):
        body = urlencode(form).encode() if form is not None else None
        headers = {
            "X-Bench-Page": self.tag,
            "Accept-Language": "de-DE,de;q=0.9",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{self.host}:{self.port}{path}"
        connection = http.client.HTTPConnection(self.host, self.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (TimeoutError, OSError) as error:
            self.stats[f"{self.tag} network error"] += 1
            raise Unclear(f"{method} {path}: {error}") from error
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        self.stats[f"{self.tag} {response.status}"] += 1
        if response.status >= 500:
            raise Unclear(f"{method} {path}: {response.status}")
        return response.status, response.headers.get("Location", ""), text

    def form_token(self, path: str) -> tuple[str, str]:
        status, _, text = self.request("GET", path)
        found = CSRF.search(text)
        if status != 200 or not found:
            raise RuntimeError(f"GET {path}: {status}, no form")
        return found.group(1), text

    def login(self, username: str, password: str) -> str:
        token, _ = self.form_token("/konto/anmelden/")
        status, location, _ = self.request(
            "POST",
            "/konto/anmelden/",
            {"csrfmiddlewaretoken": token, "username": username, "password": password},
        )
        if status != 302:
            raise RuntimeError(f"login of {username}: {status}")
        return location


def totp(key_hex: str, *, step: int, t0: int, digits: int, at: float, used: set) -> str:
    """The app's code for the current step, or the next step's if this one's was used."""
    counter = int(at - t0) // step
    while counter in used:
        counter += 1
    used.add(counter)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def member_run(base, account, sections, until, marker, index, record, decide_queue, stats):
    rng = random.Random(f"{marker}-{index}")
    browser = Browser(base, "member", stats)
    browser.login(account["username"], account["password"])
    number = 0
    while time.monotonic() < until:
        number += 1
        rationale = f"{marker}-{index}-{number} Begründung aus dem Lasttest."
        section = rng.choice(sections)
        form_path = f"/mitmachen/abschnitt/{section}/vorschlag/"
        try:
            token, _ = browser.form_token(form_path)
            status, location, _ = browser.request(
                "POST",
                form_path,
                {
                    "csrfmiddlewaretoken": token,
                    "kind": "addition",
                    "passage": "Textstelle aus dem Lasttest.",
                    "proposed_text": f"Vorschlag {number} von Mitglied {index}.",
                    "rationale": rationale,
                },
            )
        except Unclear:
            record["uncertain_rationales"].append(rationale)
            continue
        found = EDIT.search(location)
        if status != 302 or not found:
            stats["member create refused"] += 1
            continue
        pk = int(found.group(1))
        item = {"pk": pk, "rationale": rationale, "expect": "draft", "submitted": False}
        record["amendments"].append(item)
        try:
            token, _ = browser.form_token(f"/mitmachen/vorschlaege/{pk}/")
            status, location, _ = browser.request(
                "POST",
                f"/mitmachen/vorschlaege/{pk}/einreichen/",
                {"csrfmiddlewaretoken": token, "submitted_as": "person"},
            )
        except Unclear:
            item["expect"] = None  # either state
            continue
        if status == 302:
            item.update(expect="submitted", submitted=True)
            decide_queue.put(item)
        else:
            stats["member submit refused"] += 1
        time.sleep(rng.uniform(0.5, 2.0))


def officer_run(base, account, until, decide_queue, stats, record):
    rng = random.Random("officer")
    browser = Browser(base, "officer", stats)
    browser.login(account["username"], account["password"])
    used: set[int] = set()
    token, _ = browser.form_token("/konto/zweiter-faktor/?next=/admin/")
    code = totp(
        account["totp_key"],
        step=account["step"],
        t0=account["t0"],
        digits=account["digits"],
        at=time.time(),
        used=used,
    )
    status, location, _ = browser.request(
        "POST",
        "/konto/zweiter-faktor/",
        {"csrfmiddlewaretoken": token, "code": code, "next": "/admin/"},
    )
    if status != 302:
        raise RuntimeError(f"second factor: {status}")
    outcomes = ["accepted", "rejected", "partially_accepted"]
    while time.monotonic() < until:
        try:
            item = decide_queue.get(timeout=0.5)
        except queue.Empty:
            continue
        page = f"/admin/concept/amendment/{item['pk']}/entscheiden/"
        outcome = rng.choice(outcomes)
        try:
            token, text = browser.form_token(page)
            seen = LOCK.search(text)
            status, location, _ = browser.request(
                "POST",
                page,
                {
                    "csrfmiddlewaretoken": token,
                    "status": outcome,
                    "reasoning": "Entschieden im Lasttest.",
                    "adopted_text": "Übernommen im Lasttest.",
                    "seen_lock_version": seen.group(1) if seen else "",
                },
            )
        except Unclear:
            item["expect"] = None
            continue
        if status == 302 and "moderation=offen" in location:
            item.update(expect=outcome, decided=True)
        else:
            stats["officer decision refused"] += 1
        time.sleep(rng.uniform(0.2, 1.0))


def main() -> int:
    base, accounts_file, seconds, out = sys.argv[1:5]
    accounts = json.loads(open(accounts_file).read())  # noqa: PTH123, SIM115
    until = time.monotonic() + float(seconds)
    marker = f"LT{int(time.time())}"
    record = {"marker": marker, "amendments": [], "uncertain_rationales": []}
    stats: Counter = Counter()
    decide_queue: queue.Queue = queue.Queue()
    errors: list[str] = []

    def guarded(target, *args):
        try:
            target(*args)
        except Exception as error:  # noqa: BLE001  (reported, and the run goes on)
            errors.append(f"{target.__name__}: {error!r}")

    threads = [
        threading.Thread(
            target=guarded,
            args=(
                member_run,
                base,
                account,
                accounts["sections"],
                until,
                marker,
                index,
                record,
                decide_queue,
                stats,
            ),
        )
        for index, account in enumerate(accounts["members"], start=1)
    ]
    threads.append(
        threading.Thread(
            target=guarded,
            args=(officer_run, base, accounts["officer"], until, decide_queue, stats, record),
        )
    )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    record["stats"] = dict(stats)
    record["errors"] = errors
    with open(out, "w") as handle:  # noqa: PTH123
        json.dump(record, handle, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
