import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minden_integration.settings.prod")
application = get_wsgi_application()
