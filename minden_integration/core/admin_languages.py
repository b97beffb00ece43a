"""The admin speaks German and English: Django's own strings and ours are translated into both,
while the other interface languages' catalogues cover the public pages only. An admin address
under another language's prefix (`/ar/admin/...`) leads to the German admin."""

from django.http import HttpResponseRedirect
from django.utils.translation import get_language_from_path

ADMIN_LANGUAGES = frozenset({"de", "en"})


class AdminLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = get_language_from_path(request.path_info)
        if language and language not in ADMIN_LANGUAGES:
            prefix = f"/{language}/admin/"
            if request.path_info.startswith(prefix):
                path = request.path.replace(prefix, "/admin/", 1)
                query = request.META.get("QUERY_STRING", "")
                return HttpResponseRedirect(f"{path}?{query}" if query else path)
        return self.get_response(request)
