"""Production gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

# The loopback only: the proxy in front (on the same host) is the one way in. A client that could
# reach gunicorn directly would write its own X-Forwarded-For and pick the address login
# throttling keys on. In a container, publish the port with GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: views are short and database-bound; scale out by running more app servers.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
wsgi_app = "careercenter.wsgi:application"
