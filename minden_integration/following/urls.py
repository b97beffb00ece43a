"""Included at the root (inside i18n_patterns): the feeds under /feeds/, the subscriptions
under /benachrichtigungen/."""

from django.urls import path

from minden_integration.following import feeds, views

app_name = "following"

urlpatterns = [
    path("feeds/konzept/", feeds.ConceptFeed(), name="feed-concept"),
    path("feeds/fortschritt/", feeds.ProgressFeed(), name="feed-progress"),
    path("feeds/arbeitsgruppen/<slug:slug>/", feeds.WorkingGroupFeed(), name="feed-group"),
    path("feeds/massnahmen/<int:number>/", feeds.MeasureFeed(), name="feed-measure"),
    path("benachrichtigungen/", views.subscribe, name="subscribe-concept"),
    path(
        "benachrichtigungen/arbeitsgruppen/<slug:slug>/",
        views.subscribe,
        name="subscribe-group",
    ),
    path(
        "benachrichtigungen/massnahmen/<int:number>/",
        views.subscribe,
        name="subscribe-measure",
    ),
    path("benachrichtigungen/gesendet/", views.subscribe_sent, name="subscribe-sent"),
    path("benachrichtigungen/bestaetigen/<str:token>/", views.confirm, name="confirm"),
    path("benachrichtigungen/abmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
