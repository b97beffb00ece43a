import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.prod")
application = get_wsgi_application()

# A worker renders PDFs of versions not yet issued: load WeasyPrint now, not in a request.
from concept.exports.pdf import warm_up  # noqa: E402

warm_up()
