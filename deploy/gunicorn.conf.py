"""Gunicorn's configuration for the portal: `gunicorn -c deploy/gunicorn.conf.py`.

Everything a city may want to change comes from the environment (README, "Operations
(Betrieb)"); the rest is chosen here, with the reason.
"""

import os

# The web process serves only the proxy in front of it: this machine unless told otherwise
# (`GUNICORN_BIND=0.0.0.0:8000`, `unix:/run/minden/gunicorn.sock`). Gunicorn's own default
# would follow $PORT onto every interface.
bind = [address.strip() for address in os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")]
wsgi_app = "minden_integration.wsgi:application"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


# Gunicorn's rule of thumb, two per core plus one, at most 9: each process holds WeasyPrint and
# a database connection (CONN_MAX_AGE). GUNICORN_WORKERS sets another number.
workers = int(os.environ.get("GUNICORN_WORKERS", "0")) or min(2 * _cores() + 1, 9)
# Synchronous workers: the portal's requests are short database work, no long polling.
worker_class = "sync"
# The longest request is a live PDF of a version not yet issued; a worker stuck longer is
# restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Renew each process now and then, staggered, so that no memory a PDF left behind stays.
max_requests = 1000
max_requests_jitter = 100
# Load the portal (and WeasyPrint, see wsgi.py) once, before forking: faster starts, shared
# memory. No database connection is opened while loading (pre_fork below makes sure).
preload_app = True

# Logs to stderr (the journal). Access lines without the client's address, user agent or
# referrer: data minimisation (Art. 5 (1) c DSGVO). The proxy's log, under the city's own
# retention rules, is where an address may be looked up. Errors and warnings only from gunicorn
# itself; Django logs at DJANGO_LOG_LEVEL.
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
errorlog = "-"
accesslog = "-" if os.environ.get("GUNICORN_ACCESS_LOG", "1") != "0" else None
# The path without its query string (search terms are what people typed).
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
# No control socket (`gunicornc`): the service manager sends signals; two servers on one
# machine (a trial beside the real one) would otherwise share $HOME/.gunicorn/gunicorn.ctl.
control_socket_disable = True
proc_name = "minden-integration"


def pre_fork(server, worker):
    """A connection opened while loading must not be shared by the forked processes."""
    from django.db import connections

    connections.close_all()
