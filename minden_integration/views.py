"""Pages that read across apps (home); one of a kind, so function views."""

from django.shortcuts import render

from minden_integration.selectors import home_context


def home(request):
    return render(request, "home.html", home_context())
