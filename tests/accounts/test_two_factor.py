"""The second factor of staff accounts, through the real pages: no admin without it (clerks
included), the app set up at the first sign-in, recovery codes that work once, wrong codes
limited, resets by the officer only, and the staff session's end after an hour idle without
losing a form. Members sign in with their password alone."""

from __future__ import annotations

import datetime as dt
import re
import time
from base64 import b32decode

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from concept.models import Section
from minden_integration.accounts.middleware import SEEN_KEY
from minden_integration.accounts.second_factor import recovery_codes_renew
from minden_integration.roles import OFFICER
from tests.accounts.conftest import assert_sound_page
from tests.concept.test_admin import admin_post_data, admin_url
from tests.factories import SectionFactory, UserFactory, VersionFactory
from tests.second_factor import confirmed_device, totp_code

PASSWORD = "correct horse battery staple"
CODE_PAGE = "/konto/zweiter-faktor/"
SETUP_PAGE = "/konto/zweiter-faktor/einrichten/"


def sign_in(client, user, next_url="/admin/"):
    """The password step, as on the login page; returns its response."""
    return client.post(
        "/konto/anmelden/", {"username": user.username, "password": PASSWORD, "next": next_url}
    )


def enter_code(client, code, next_url="/admin/"):
    return client.post(CODE_PAGE, {"code": code, "next": next_url})


def enter_recovery_code(client, code, next_url="/admin/"):
    return client.post(CODE_PAGE, {"recovery_code": code, "next": next_url})


def is_verified(client) -> bool:
    return "otp_device_id" in client.session


@pytest.fixture(params=["officer", "clerk"])
def staff(request):
    return request.getfixturevalue(request.param)


# --- staff without a second factor: led to set it up -----------------------------------------


def test_staff_without_a_second_factor_do_not_reach_the_admin(client, staff):
    assert sign_in(client, staff)["Location"] == "/admin/"

    for path in ("/admin/", "/admin/concept/conceptversion/", "/konto/", "/konzept/versionen/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(f"{CODE_PAGE}?next="), path
    assert client.get(f"{CODE_PAGE}?next=/admin/")["Location"] == f"{SETUP_PAGE}?next=%2Fadmin%2F"
    # The admin's own login page leads there too, instead of asking for the password again.
    assert client.get("/admin/login/?next=/admin/")["Location"].startswith(CODE_PAGE)
    assert not TOTPDevice.objects.filter(user=staff, confirmed=True).exists()


def test_setting_up_shows_the_qr_code_and_the_key_and_ends_with_ten_recovery_codes(client, staff):
    sign_in(client, staff)
    page = client.get(f"{SETUP_PAGE}?next=/admin/")
    html = page.content.decode()
    assert page.status_code == 200
    assert_sound_page(html)
    assert re.search(r'<svg role="img" viewBox="[0-9 ]+" class="qr-code">', html)
    assert "<title>QR-Code zum Einrichten der App</title>" in html
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    # The key to type in, for whoever cannot scan: the same secret in groups of four.
    secret = re.search(r'<code class="secret-key-value">([A-Z2-7 ]+)</code>', html).group(1)
    typed = secret.replace(" ", "")
    assert b32decode(typed + "=" * (-len(typed) % 8)) == device.bin_key
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html
    # Reloading keeps the same secret.
    assert secret in client.get(SETUP_PAGE).content.decode()

    done = client.post(SETUP_PAGE, {"code": totp_code(device), "next": "/admin/"})

    assert done["Location"] == "/konto/zweiter-faktor/wiederherstellungscodes/?next=%2Fadmin%2F"
    codes_page = client.get(done["Location"]).content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", codes_page)
    assert len(codes) == 10
    assert "nur dieses eine Mal angezeigt" in codes_page
    # Shown once: the next visit names only how many are left.
    again = client.get("/konto/zweiter-faktor/wiederherstellungscodes/").content.decode()
    assert codes[0] not in again
    assert "10 unbenutzte Wiederherstellungscodes" in again
    assert client.get("/admin/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed


def test_setting_up_refuses_a_wrong_first_code_in_german(client, officer):
    sign_in(client, officer)
    client.get(SETUP_PAGE)

    response = client.post(SETUP_PAGE, {"code": "000000"})

    assert response.status_code == 400
    assert "Der Code stimmt nicht." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


# --- staff with an app: the code after the password --------------------------------------------


def test_with_an_app_but_no_code_yet_the_admin_leads_to_the_code_page(client, staff):
    confirmed_device(staff)
    sign_in(client, staff)

    response = client.get("/admin/concept/conceptversion/")

    assert response["Location"] == f"{CODE_PAGE}?next=%2Fadmin%2Fconcept%2Fconceptversion%2F"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert_sound_page(page.content.decode())
    # Setting up a new app needs the old one first: the password alone is not enough.
    assert client.get(SETUP_PAGE)["Location"].startswith(CODE_PAGE)


def test_a_wrong_code_is_refused_with_a_german_message(client, staff):
    confirmed_device(staff)
    sign_in(client, staff)

    response = enter_code(client, "123456")

    assert response.status_code == 400
    assert "Der Code stimmt nicht." in response.content.decode()
    assert not is_verified(client)
    assert client.get("/admin/").status_code == 302


def test_the_right_code_opens_the_admin(client, staff):
    device = confirmed_device(staff)
    sign_in(client, staff)

    response = enter_code(client, totp_code(device), next_url="/admin/concept/")

    assert response["Location"] == "/admin/concept/"
    assert client.get("/admin/").status_code == 200
    # The same code does not open a second session.
    other = Client()
    sign_in(other, staff)
    device.refresh_from_db()
    used = str(hotp(device.bin_key, device.last_t)).zfill(6)
    assert enter_code(other, used).status_code == 400


def test_a_recovery_code_opens_the_admin_once(client, staff):
    confirmed_device(staff)
    codes = recovery_codes_renew(user=staff)
    sign_in(client, staff)

    response = enter_recovery_code(client, codes[0].upper()[:4] + "-" + codes[0][4:])

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert StaticToken.objects.filter(device__user=staff).count() == 9
    client.post("/konto/abmelden/")
    sign_in(client, staff)
    refused = enter_recovery_code(client, codes[0])
    assert refused.status_code == 400
    assert "gilt nicht (mehr)" in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    assert enter_recovery_code(client, codes[1])["Location"] == "/admin/"


def test_guessing_codes_is_stopped_after_five_and_a_new_sign_in_does_not_help(client, officer):
    device = confirmed_device(officer)
    sign_in(client, officer)
    statuses = [enter_code(client, f"{n:06d}").status_code for n in range(5)]
    assert statuses == [400] * 5

    locked = enter_code(client, totp_code(device))

    assert locked.status_code == 429
    assert "Zu viele falsche Codes" in locked.content.decode()
    assert "15 Minuten" in locked.content.decode()
    assert not is_verified(client)
    # Neither a new sign-in nor a recovery code gets round it.
    codes = recovery_codes_renew(user=officer)
    other = Client()
    sign_in(other, officer)
    assert enter_recovery_code(other, codes[0]).status_code == 429
    assert StaticToken.objects.filter(device__user=officer).count() == 10
    # Once the wait is over, the right code works, and the count starts afresh.
    device.refresh_from_db()
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - dt.timedelta(minutes=16)
    )
    assert enter_code(other, totp_code(device))["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_each_wrong_code_after_a_wait_doubles_it(client, officer):
    device = confirmed_device(officer)
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=5,
        throttling_failure_timestamp=timezone.now() - dt.timedelta(minutes=16),
    )
    sign_in(client, officer)
    assert enter_code(client, "000000").status_code == 400

    locked = enter_code(client, totp_code(device))

    assert locked.status_code == 429
    assert "30 Minuten" in locked.content.decode()


# --- resetting: the officer, for others ---------------------------------------------------------


def test_a_clerk_cannot_reset_anothers_second_factor(client, clerk, officer):
    confirmed_device(officer)
    client.force_login(clerk)

    assert client.get("/admin/zweiter-faktor/").status_code == 403
    assert client.get(f"/admin/zweiter-faktor/{officer.pk}/zuruecksetzen/").status_code == 403
    assert client.post(f"/admin/zweiter-faktor/{officer.pk}/zuruecksetzen/").status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert "zweiter-faktor/" not in client.get("/admin/").content.decode().replace("/konto/", "")


def test_the_officer_resets_a_clerks_second_factor_and_the_clerk_sets_it_up_anew(
    client, officer, clerk
):
    clerk_client = Client()
    clerk_client.force_login(clerk)
    recovery_codes_renew(user=clerk)
    assert clerk_client.get("/admin/").status_code == 200
    client.force_login(officer)
    listing = client.get("/admin/zweiter-faktor/")
    assert listing.status_code == 200
    assert f"/admin/zweiter-faktor/{clerk.pk}/zuruecksetzen/" in listing.content.decode()
    assert f"/admin/zweiter-faktor/{officer.pk}/zuruecksetzen/" not in listing.content.decode()
    assert client.get(f"/admin/zweiter-faktor/{clerk.pk}/zuruecksetzen/").status_code == 200

    response = client.post(f"/admin/zweiter-faktor/{clerk.pk}/zuruecksetzen/")

    assert response["Location"] == "/admin/zweiter-faktor/"
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    assert not StaticDevice.objects.filter(user=clerk).exists()
    # The clerk's session, verified with the removed app, is led to set up a new one.
    redirect = clerk_client.get("/admin/")
    assert redirect["Location"].startswith(CODE_PAGE)
    assert clerk_client.get(redirect["Location"])["Location"].startswith(SETUP_PAGE)


def test_nobody_resets_their_own_nor_an_officer_a_superusers(client, officer):
    root = UserFactory(username="root@minden.example", is_staff=True, is_superuser=True)
    confirmed_device(root)
    client.force_login(officer)

    assert client.post(f"/admin/zweiter-faktor/{officer.pk}/zuruecksetzen/").status_code == 403
    assert client.post(f"/admin/zweiter-faktor/{root.pk}/zuruecksetzen/").status_code == 403
    assert TOTPDevice.objects.filter(user=officer).exists()
    assert TOTPDevice.objects.filter(user=root).exists()
    root_client = Client()
    root_client.force_login(root)
    assert root_client.post(f"/admin/zweiter-faktor/{officer.pk}/zuruecksetzen/").status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()


def test_the_command_resets_the_last_officers_second_factor(officer, capsys):
    confirmed_device(officer)
    recovery_codes_renew(user=officer)

    call_command("reset_second_factor", officer.email.upper())

    assert "ist zurückgesetzt" in capsys.readouterr().out
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()


def test_a_new_app_from_my_account_replaces_the_old_one(client, officer):
    old = confirmed_device(officer)
    client.force_login(officer)
    profile = client.get("/konto/").content.decode()
    assert "App neu einrichten" in profile
    client.get(SETUP_PAGE)
    new = TOTPDevice.objects.get(user=officer, confirmed=False)

    client.post(SETUP_PAGE, {"code": totp_code(new), "next": "/konto/"})

    assert list(TOTPDevice.objects.filter(user=officer)) == [new]
    assert not TOTPDevice.objects.filter(pk=old.pk).exists()
    assert client.get("/admin/").status_code == 200


# --- an hour idle -----------------------------------------------------------------------------


def idle(client, minutes: int) -> None:
    session = client.session
    session[SEEN_KEY] = time.time() - minutes * 60
    session.save()


def test_staff_idle_for_59_minutes_stay_signed_in(officer_client):
    officer_client.get("/admin/")
    idle(officer_client, 59)
    assert officer_client.get("/admin/").status_code == 200


def test_staff_idle_for_61_minutes_are_signed_out_and_the_posted_text_survives(
    officer_client, officer
):
    version = VersionFactory()
    section = SectionFactory(version=version, title="Sprachförderung", body="Alter Text.")
    url = admin_url(Section, "change", section.pk)
    data = admin_post_data(officer_client.get(url))
    data["body"] = "Ein langer neuer Text über Sprachförderung in Kitas und Schulen."
    idle(officer_client, 61)

    response = officer_client.post(url, data)

    assert response.status_code == 302
    assert response["Location"] == "/konto/anmelden/?next=/konto/gespeicherte-eingaben/"
    assert "_auth_user_id" not in officer_client.session
    section.refresh_from_db()
    assert section.body == "Alter Text."
    login_page = officer_client.get(response["Location"]).content.decode()
    assert "60 Minuten lang nicht aktiv" in login_page

    # Signing in again: password, then the code, then the kept form.
    signed_in = sign_in(officer_client, officer, "/konto/gespeicherte-eingaben/")
    assert signed_in["Location"] == "/konto/gespeicherte-eingaben/"
    to_code = officer_client.get(signed_in["Location"])
    assert to_code["Location"].startswith(CODE_PAGE)
    device = TOTPDevice.objects.get(user=officer)
    back = enter_code(officer_client, totp_code(device), "/konto/gespeicherte-eingaben/")
    assert back["Location"] == "/konto/gespeicherte-eingaben/"
    page = officer_client.get(back["Location"])
    html = page.content.decode()
    assert_sound_page(html)
    assert "Ein langer neuer Text über Sprachförderung in Kitas und Schulen." in html
    assert f'action="{url}"' in html
    kept = page.context["forms"][0]
    assert ["csrfmiddlewaretoken", data.get("csrfmiddlewaretoken")] not in kept["data"]

    # "Jetzt absenden": the kept fields, with a fresh CSRF token.
    resent = officer_client.post(kept["path"], _as_post(kept["data"]))

    assert resent.status_code == 302
    section.refresh_from_db()
    assert section.body == "Ein langer neuer Text über Sprachförderung in Kitas und Schulen."
    assert officer_client.get("/konto/gespeicherte-eingaben/").context["forms"] == []


def _as_post(pairs) -> dict:
    data: dict[str, list[str]] = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def test_a_kept_form_is_never_shown_to_another_account(client, officer, roles):
    colleague = UserFactory(username="kollegin@minden.example", is_staff=True)
    colleague.groups.add(Group.objects.get(name=OFFICER))
    client.force_login(officer)
    idle(client, 61)
    client.post("/admin/concept/section/add/", {"body": "Vertraulicher Entwurfstext, lang genug."})

    client.force_login(colleague)
    page = client.get("/konto/gespeicherte-eingaben/")

    assert "Vertraulicher Entwurfstext" not in page.content.decode()
    assert page.context["forms"] == []


# --- members: the password alone -------------------------------------------------------------


def test_a_member_is_not_asked_for_a_second_factor_nor_signed_out_after_an_hour(client, member):
    response = sign_in(client, member, next_url="/konto/")

    assert response["Location"] == "/konto/"
    assert client.get("/konto/").status_code == 200
    assert client.get("/mitmachen/").status_code == 200
    assert client.get(CODE_PAGE)["Location"] == "/mitmachen/"
    session = client.session
    session[SEEN_KEY] = time.time() - 3 * 60 * 60
    session.save()
    assert client.get("/konto/").status_code == 200
    assert not TOTPDevice.objects.filter(user=member).exists()
