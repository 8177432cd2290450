"""gunicorn settings for Ratusz (one worker per core is a good start)."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
# Sync workers: measured faster here than gthread with 4 threads for both
# cached and uncached pages (bench/bench_pages.py); nginx buffers clients.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
max_requests = 5000  # recycle workers: bounds memory growth
max_requests_jitter = 500
timeout = 30
graceful_timeout = 20
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
forwarded_allow_ips = "127.0.0.1"
