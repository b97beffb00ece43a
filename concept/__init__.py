"""The concept: the bottom app of the domain (see docs/architecture.md)."""


def __getattr__(name: str):
    # django-simple-history names the audit-trail models after the app package
    # (`concept.HistoricalSection`) when the models live in a package of modules, but sets
    # them on the submodule: resolve that name here, so `manage.py shell` and pickling find them.
    if name.startswith("Historical"):
        from django.apps import apps

        try:
            return apps.get_model("concept", name)
        except LookupError:
            pass
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
