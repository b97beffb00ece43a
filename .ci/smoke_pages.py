"""The SQLite quick start serves every public page: status 200, no server error.

Run after `load_minden --demo` on the SQLite database that DATABASE_URL names.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.dev")
os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

PATHS = [
    "/",
    "/konzept/",
    "/konzept/v1/",
    "/konzept/v2/",
    "/konzept/versionen/",
    "/konzept/vergleich/?von=1&zu=2",
    "/konzept/v2/vorschlaege/",
    "/konzept/v2/synopse/",
    # Frozen: issued as the demo presents and decides version 1 (stored under
    # DJANGO_MEDIA_ROOT); in consultation: on demand.
    "/konzept/v1/download/pdf/",
    "/konzept/v1/download/json/",
    "/konzept/v1/beschlossene-fassung/download/pdf/",
    "/konzept/v2/download/docx/",
    "/konzept/v2/synopse/download/odt/",
    "/massnahmen/daten/xlsx/",
    "/echtheit/",
    "/oparl/v1.1/",
    "/oparl/v1.1/body/",
    "/arbeitsgruppen/",
    "/arbeitsgruppen/bildung-und-erziehung/",
    "/massnahmen/",
    "/massnahmen/?q=%C3%BCbersetzung",
    "/massnahmen/?q=Sprachf%C3%B6rderung&gruppe=bildung-und-erziehung",
    "/massnahmen/export.csv?gruppe=arbeit-und-soziales",
    "/massnahmen/1/",
    "/suche/?q=Sprache",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/leichte-sprache/",
    "/mitmachen/",
    "/sitemap.xml",
    "/robots.txt",
    "/en/",
    "/en/massnahmen/",
    "/admin/login/",
]


def main() -> int:
    client = Client(raise_request_exception=False)
    failures = []
    for path in PATHS:
        status = client.get(path).status_code
        print(f"{status}  {path}")
        if status != 200:
            failures.append(path)
    if failures:
        print(f"{len(failures)} page(s) failed on SQLite: {failures}", file=sys.stderr)
        return 1
    print(f"SQLite smoke: all {len(PATHS)} pages answered 200")
    return 0


if __name__ == "__main__":
    sys.exit(main())
