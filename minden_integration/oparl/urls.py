"""/oparl/v1.1/: the system, its body and the body's lists, and one address per object.

Outside the language prefix: an OParl object has exactly one address.
"""

from django.urls import path, re_path

from minden_integration.oparl import views

app_name = "oparl"


def _items(route: str, name: str):
    return path(f"body/<int:pk>/{route}/", views.body_items, {"list_name": name}, name=name)


def _object(route: str, name: str):
    return path(f"{route}/<int:pk>/", views.object_detail, {"kind": name}, name=name)


urlpatterns = [
    path("", views.system, name="system"),
    path("body/", views.body_list, name="body-list"),
    _object("body", "body-detail"),
    _items("organization", "body-organizations"),
    _items("person", "body-persons"),
    _items("meeting", "body-meetings"),
    _items("paper", "body-papers"),
    _items("agendaitem", "body-agendaitems"),
    _items("file", "body-files"),
    _items("consultation", "body-consultations"),
    _items("membership", "body-memberships"),
    _object("organization/gremium", "organization-body"),
    _object("organization/arbeitsgruppe", "organization-group"),
    _object("person", "person-detail"),
    _object("membership", "membership-detail"),
    _object("meeting/sitzung", "meeting-session"),
    _object("meeting/meilenstein", "meeting-milestone"),
    _object("meeting/beratung", "meeting-beratung"),
    _object("agendaitem/beratung", "agendaitem-beratung"),
    _object("location/sitzung", "location-session"),
    _object("location/meilenstein", "location-milestone"),
    _object("paper", "paper-detail"),
    _object("consultation/beratung", "consultation-beratung"),
    # The milestones' consultations of before the Beratungsfolge (`kinds`).
    _object("consultation", "consultation-milestone"),
    _object("file", "file-detail"),
    _object("file/protokoll", "file-minutes"),
    # The annual implementation reports (`reports`).
    _object("paper/umsetzungsbericht", "paper-report"),
    _object("file/umsetzungsbericht", "file-report"),
    _object("consultation/umsetzungsbericht", "consultation-report"),
    # Unnamed: every other address below /oparl/v1.1/ answers in JSON too.
    re_path(r"^.*$", views.not_found),
]
