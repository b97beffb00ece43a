"""The public uploads: the explanations' videos in Deutscher Gebärdensprache and their
captions, served by the portal in production as in development, in byte ranges for the video
player. Only a file an explanation names is answered: issued files have their own views with
their access rules, the coat of arms its own (with its policy), and nothing else under
MEDIA_ROOT is public."""

import os

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404
from django.views.decorators.http import require_safe

from minden_integration.core.ranges import ranged_file_response
from minden_integration.site.models import Explanation

PUBLIC_DIRECTORY = "videos/"
MEDIA_TYPES = {".mp4": "video/mp4", ".webm": "video/webm", ".vtt": "text/vtt; charset=utf-8"}
# A stored name is never reused for other content (the storage adds a suffix); a day's
# caching, then the browser asks again with its ETag.
MAX_AGE = 24 * 3600


@require_safe
def explanation_file(request, name: str):
    stored = PUBLIC_DIRECTORY + name
    content_type = MEDIA_TYPES.get(os.path.splitext(stored)[1].lower())
    if (
        content_type is None
        or not Explanation.objects.filter(Q(video=stored) | Q(captions=stored)).exists()
    ):
        raise Http404
    try:
        return ranged_file_response(
            request, default_storage, stored, content_type=content_type, max_age=MAX_AGE
        )
    except (OSError, SuspiciousFileOperation) as exc:
        raise Http404 from exc
