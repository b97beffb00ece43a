"""The bottom layers on their own: `concept` and `workgroups` with the shared base, without
`measures` and without the site apps (`make test` runs concept's tests and pages with it)."""

from minden_integration.settings.test import *  # noqa: F403
from minden_integration.settings.test import AUTHENTICATION_BACKENDS, INSTALLED_APPS, MIDDLEWARE

LEFT_OUT = {
    "measures.apps.MeasuresConfig",
    "minden_integration.apps.PortalConfig",
    "minden_integration.accounts.apps.AccountsConfig",
    "minden_integration.participation.apps.ParticipationConfig",
    "minden_integration.oparl.apps.OParlConfig",
    "minden_integration.site.apps.SiteConfig",
    "minden_integration.operations.apps.OperationsConfig",
    "minden_integration.following.apps.FollowingConfig",
    "minden_integration.reports.apps.ReportsConfig",
    "minden_integration.loader.apps.LoaderConfig",
}
INSTALLED_APPS = [app for app in INSTALLED_APPS if app not in LEFT_OUT]
ROOT_URLCONF = "tests.standalone.urls"
# The accounts' wait per account needs their table.
AUTHENTICATION_BACKENDS = [
    backend for backend in AUTHENTICATION_BACKENDS if not backend.startswith("minden_integration.")
]
# The staff session's rules (idle end, the second factor's pages) are the accounts app's.
MIDDLEWARE = [name for name in MIDDLEWARE if not name.startswith("minden_integration.accounts.")]
