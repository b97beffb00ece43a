"""A second portal process for the rate-limit test: sends accessibility feedback from one
address against the same database and prints each answer's status, one per line."""

import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.test")
django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

setup_test_environment()
address, times = sys.argv[1], int(sys.argv[2])
client = Client()
for n in range(times):
    response = client.post(
        "/barrierefreiheit/", {"message": f"Barriere Nummer {n + 1}"}, REMOTE_ADDR=address
    )
    print(response.status_code, flush=True)
