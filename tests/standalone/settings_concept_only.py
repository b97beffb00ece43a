"""`concept` alone with the shared base: no `workgroups`, no `measures`, no site apps."""

from tests.standalone.settings_without_measures import *  # noqa: F403
from tests.standalone.settings_without_measures import INSTALLED_APPS

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "workgroups.apps.WorkgroupsConfig"]
