"""An import queued in the admin over HTTPS is done by the real worker (#21, #18).

Through nginx and Granian: an official signs in with the second factor, uploads a
CAP file; the web request only stores it; `db_worker` (the production unit's
command, as the app user) runs the job in its limited child process; the job page
shows the result and the stored copy is gone.
"""

import binascii
import os
import re
import time

import pytest

pytestmark = pytest.mark.stack

PASSWORD = "Importer-haslo-2026!"


def _csrf(session, response):
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    return match[1] if match else session.cookies.get("csrftoken")


def _sign_in(stack, session, key_hex):
    from django_otp.oath import totp

    login = session.get(stack.base + "/admin/login/", timeout=30)
    headers = {"Referer": stack.base + "/admin/login/"}
    response = session.post(
        stack.base + "/admin/login/",
        data={
            "username": "importer",
            "password": PASSWORD,
            "csrfmiddlewaretoken": _csrf(session, login),
        },
        headers=headers,
        timeout=30,
    )
    assert "/admin/dwuetapowe/weryfikacja/" in response.url, response.url
    code = f"{totp(binascii.unhexlify(key_hex)):06d}"
    verified = session.post(
        response.url,
        data={"token": code, "csrfmiddlewaretoken": _csrf(session, response), "next": "/admin/"},
        headers={"Referer": response.url},
        timeout=30,
    )
    assert verified.url.endswith("/admin/"), verified.url


def test_a_cap_import_queued_in_the_admin_is_run_by_the_real_worker(stack):
    from tests.alerts.test_admin import _mysl_cap

    key_hex = binascii.hexlify(os.urandom(20)).decode()
    stack.shell(
        "from django.contrib.auth import get_user_model\n"
        "from django_otp.plugins.otp_totp.models import TOTPDevice\n"
        "User = get_user_model()\n"
        f"u = User.objects.create_superuser('importer', 'importer@example.org', {PASSWORD!r})\n"
        f"TOTPDevice.objects.create(user=u, name='t', confirmed=True, key={key_hex!r})\n"
    )
    session = stack.client("127.0.0.31")
    _sign_in(stack, session, key_hex)

    _, xml = _mysl_cap(f"PL.STACK.{time.time_ns()}")
    form = session.get(stack.base + "/admin/komunikaty/import/", timeout=30)
    started = time.monotonic()
    response = session.post(
        stack.base + "/admin/komunikaty/import/",
        data={"csrfmiddlewaretoken": _csrf(session, form)},
        files={"file": ("ostrzezenie.xml", xml, "application/cap+xml")},
        headers={"Referer": form.url},
        allow_redirects=False,
        timeout=30,
    )
    assert response.status_code == 302, response.text[:500]
    job_url = response.headers["Location"]
    assert re.fullmatch(r"/admin/zadania/\d+/", job_url), job_url
    assert time.monotonic() - started < 10  # the request only stored and queued

    deadline = time.monotonic() + 120
    while True:
        page = session.get(stack.base + job_url, timeout=30).text
        if 'data-job-status="done"' in page or 'data-job-status="failed"' in page:
            break
        assert time.monotonic() < deadline, "the worker never finished the job"
        time.sleep(1)
    assert 'data-job-status="done"' in page, page[-3000:]
    assert "Opublikowano: imgw@example.pl,PL.STACK." in page
    job_id = job_url.strip("/").split("/")[-1]
    row = stack.psql(f"SELECT status, input_file, done FROM core_job WHERE id = {job_id}")
    assert row.split("|")[:2] == ["done", ""], row  # the stored copy was deleted
