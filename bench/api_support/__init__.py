"""Support of bench/api.py: the settings and URLs gunicorn serves during the benchmark (the
application's own, plus the bare Django view that is the framework floor)."""
