"""gunicorn settings; each can be overridden with GUNICORN_* environment variables."""

import multiprocessing
import os

# Two workers per core plus one suits a site whose requests wait mostly on PostgreSQL.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", 2))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
# No client address, user agent or referrer in the access log, for any request: the privacy
# notice promises the address itself is never kept (comments and enquiries included). Method,
# path, status, size and duration are enough to run the site.
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(M)sms'
