"""Settings of the SQLite round trip (`test_sqlite.py`, in a subprocess): the test settings,
with the tables made straight from the models (`migrate --run-syncdb`): seconds, where every
migration on SQLite takes half a minute."""

from minden_integration.settings.test import *  # noqa: F403


class _NoMigrations(dict):
    def __contains__(self, app_label):
        return True

    def __getitem__(self, app_label):
        return None


MIGRATION_MODULES = _NoMigrations()
