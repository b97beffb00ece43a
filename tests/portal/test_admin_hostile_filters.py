"""Every admin change list, every one of its filters, and hostile values: never a 5xx.

The parameters come from the change list itself (its filter specs, the date hierarchy, search,
ordering and paging), so a list or filter added later is covered without touching this file.

Each parameter gets one value of each kind of bad input that reaches the change list (a number
out of range, something that is no number, no date, a number beyond a float). A NUL byte and an
overlong value are refused by the middleware before any change list runs, whatever the
parameter (minden_integration/core/admin_lists.py): each list is asked once with each of them.
"""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client, RequestFactory

from minden_integration.roles import OFFICER
from tests.factories import UserFactory

HUGE = "99999999999999999999"
# One value of each kind that reaches the change list.
HOSTILE = [
    HUGE,  # beyond a bigint and a year (DataError, OverflowError)
    "1,abc",  # no number; in an `__in` list, one bad element among good ones
    "2024-13-45",  # no date
    "1e400",  # beyond a float
]
# Refused before the view, whatever the parameter: each list is asked once with each.
REFUSED_BEFORE_THE_VIEW = ["1,abc,\x00", "x" * 5000]
# What every change list reads: search, ordering, page, the error flag, the facet counts.
ALWAYS = {"q", "o", "p", "e", "_facets"}
ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


@pytest.fixture
def superofficer(roles):
    user = UserFactory(username="chefin@minden.example", is_staff=True, is_superuser=True)
    user.groups.add(Group.objects.get(name=OFFICER))
    return user


def list_url(model) -> str:
    return f"/admin/{model._meta.app_label}/{model._meta.model_name}/"


def parameters(model_admin, user) -> list[str]:
    """What the change list reads from the query: each filter's parameters, their `__in`
    forms, the date hierarchy's, search, ordering and page."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = {name for spec in changelist.filter_specs for name in spec.expected_parameters()}
    names |= {name.removesuffix("__exact") + "__in" for name in names if name.endswith("__exact")}
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        names |= {f"{field}__year", f"{field}__month", f"{field}__day"}
    return sorted(names | ALWAYS)


@pytest.mark.parametrize(
    "model,model_admin", ADMINS, ids=[model._meta.label for model, _admin in ADMINS]
)
def test_hostile_query_values_never_give_a_server_error(superofficer, model, model_admin):
    client = Client(raise_request_exception=False)
    client.force_login(superofficer)
    assert client.get(list_url(model)).status_code == 200
    names = parameters(model_admin, superofficer)
    failures = []
    for name in names:
        for value in HOSTILE:
            status = client.get(list_url(model), {name: value}).status_code
            if status >= 500:
                failures.append((name, value[:20], status))
    assert failures == []
    # A filter's own parameter where the list has one (a NUL byte there reached the database).
    name = next((name for name in names if name not in ALWAYS), "q")
    for value in REFUSED_BEFORE_THE_VIEW:
        assert client.get(list_url(model), {name: value}).status_code == 400, (name, value[:20])


def test_the_filters_of_the_amendment_list_are_among_the_parameters(superofficer):
    from concept.models import Amendment

    names = parameters(admin.site._registry[Amendment], superofficer)
    assert {"status__exact", "submitted_at__year", "status__in"} <= set(names)


@pytest.mark.parametrize(
    "query",
    [
        "status__exact=%00",
        f"submitted_at__year={HUGE}",
        f"submitted_at__year=-{HUGE}",
        "q=a%00b",
        "o=" + "1." * 600,
    ],
)
def test_the_issues_cases_answer_400_with_a_german_page(client, officer, query):
    client.force_login(officer)
    response = client.get(f"/admin/concept/amendment/?{query}")
    assert response.status_code == 400
    content = response.content.decode()
    assert "Ungültiger Filterwert" in content
    assert 'href="/admin/concept/amendment/"' in content


def test_a_good_filter_still_works(client, officer):
    client.force_login(officer)
    query = "status__exact=submitted&submitted_at__year=2024"
    response = client.get(f"/admin/concept/amendment/?{query}")
    assert response.status_code == 200
