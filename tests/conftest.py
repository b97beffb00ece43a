import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache, caches
from django.test import Client, override_settings
from django.utils import translation

from minden_integration.roles import CLERK, MEMBER, OFFICER, roles_ensure
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _german_by_default():
    """A request to /en/ activates English for the thread; the next test starts German again."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True, scope="session")
def _files_apart(tmp_path_factory):
    """Uploads, issued files, backups and the erasure log go to a folder of this run (of this
    worker, when pytest-xdist runs several): never to the checkout's media/ and backups/, which
    `make run` uses, and never to another worker's."""
    files = tmp_path_factory.mktemp("files")
    with override_settings(
        MEDIA_ROOT=files / "media",
        PORTAL_BACKUP_DIR=files / "backups",
        PORTAL_ERASURE_LOG=files / "backups" / "erasures.jsonl",
    ):
        yield


# `make test` runs the suite on several workers (pytest-xdist, `--dist loadfile`: a module stays
# on one worker). The longest modules come first, so that they run side by side from the start
# instead of ending the run on one worker while the others wait; then the other browser tests.
LONGEST_FIRST = (
    "tests/browser/test_small_screens.py",
    "tests/browser/test_admin_crawl.py",
)


def pytest_collection_modifyitems(items):
    def rank(item) -> int:
        module = item.nodeid.split("::", 1)[0]
        if module in LONGEST_FIRST:
            return LONGEST_FIRST.index(module)
        return len(LONGEST_FIRST) + (0 if module.startswith("tests/browser/") else 1)

    items.sort(key=rank)


@pytest.fixture(autouse=True)
def _force_login_is_a_whole_sign_in(monkeypatch):
    """`client.force_login(user)` stands for a finished sign-in: for an account of the
    administration that is the password and the second factor (its app, set up for it). The
    steps themselves, and staff without the second factor, are tested through the real pages
    (tests/accounts/test_two_factor.py)."""
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        if user.is_staff or user.is_superuser:
            from tests.second_factor import session_verify

            session_verify(self, user)

    monkeypatch.setattr(Client, "force_login", force_login_with_second_factor)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached documents, fragments and whole pages must not leak from one test into the next
    (a flushed database starts the content generation again)."""
    for each in (cache, caches["pages"]):
        each.clear()
    yield
    for each in (cache, caches["pages"]):
        each.clear()


# Tasks run at once, after the commit that enqueues them (the test settings only queue them).
TASKS_RUN = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def tasks_run(settings):
    """For the tests of the issued files and the journeys that download them."""
    settings.TASKS = TASKS_RUN


@pytest.fixture
def roles(db):
    return roles_ensure()


@pytest.fixture
def officer(roles):
    user = UserFactory(username="beauftragte@minden.example", is_staff=True)
    user.groups.add(Group.objects.get(name=OFFICER))
    return user


@pytest.fixture
def clerk(roles):
    user = UserFactory(username="ratsbuero@minden.example", is_staff=True)
    user.groups.add(Group.objects.get(name=CLERK))
    return user


@pytest.fixture
def member(roles):
    user = UserFactory(username="mitglied@minden.example")
    user.groups.add(Group.objects.get(name=MEMBER))
    return user


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def clerk_client(client, clerk):
    client.force_login(clerk)
    return client


# --- the bottom layers on their own ------------------------------------------------------------
# `make test` also runs concept's (and workgroups') tests with settings that leave out the apps
# above them (tests/standalone/). A test module that uses an app which is not installed there
# (its imports, its factories, its pages) is not collected in that run; in the full run every
# module is.
USES = {
    "measures": re.compile(
        r"^\s*(from|import) measures\b|\b(Measure|Goal|Recommendation|TargetGroup|ProgressUpdate)"
        r"Factory\b|/massnahmen/|\bmeasures:|measure_cite|progress_record",
        re.MULTILINE,
    ),
    "workgroups": re.compile(
        r"^\s*(from|import) workgroups\b|\b(WorkingGroup|Membership|Organisation|Session|"
        r"Invitation)Factory\b|/arbeitsgruppen/|\bworkgroups:",
        re.MULTILINE,
    ),
    "site": re.compile(
        r"^\s*(from|import) minden_integration\.(site|participation|oparl|accounts|loader)\b|"
        r"/mitmachen/|/konto/|/suche/|/oparl/|\bparticipation:|load_minden|pages_ensure|"
        # the working groups' pages are composed by the site
        r"/arbeitsgruppen/|\bworkgroups:|session\.get_absolute_url|group\.get_absolute_url",
        re.MULTILINE,
    ),
}
APP_CONFIGS = {"measures": "measures", "workgroups": "workgroups", "site": "site"}


def pytest_ignore_collect(collection_path, config):
    if collection_path.suffix != ".py" or not collection_path.name.startswith(
        ("test_", "conftest")
    ):
        return None
    from django.apps import apps

    installed = {config.label for config in apps.get_app_configs()}
    missing = [key for key, label in APP_CONFIGS.items() if label not in installed]
    if not missing:
        return None
    text = _with_helpers(collection_path)
    return True if any(USES[key].search(text) for key in missing) else None


HELPER_IMPORT = re.compile(r"^\s*from (tests\.[\w.]+) import", re.MULTILINE)
ALWAYS_IMPORTABLE = {"tests.factories", "tests.conftest"}


def _with_helpers(path, seen=None) -> str:
    """The module's text and that of the test helpers it imports (their imports count too)."""
    seen = seen if seen is not None else set()
    text = path.read_text(encoding="utf-8")
    root = Path(__file__).resolve().parent.parent
    for module in HELPER_IMPORT.findall(text):
        if module in seen or module in ALWAYS_IMPORTABLE:
            continue
        seen.add(module)
        helper = root.joinpath(*module.split(".")).with_suffix(".py")
        if helper.exists():
            text += _with_helpers(helper, seen)
    return text
