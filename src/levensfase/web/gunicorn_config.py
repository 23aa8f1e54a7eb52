"""gunicorn's settings for `levensfase serve` (web/serving.py gives bind, workers and threads on the
command line; GUNICORN_CMD_ARGS adds any other, e.g. "--access-logfile -")."""

import threading

worker_class = "gthread"  # threads: Polars lets go of the GIL, so a worker serves pages while one computes
timeout = 120  # seconds a worker may stay silent before it is restarted
graceful_timeout = 30
control_socket_disable = True  # one fixed socket under ~/.gunicorn would clash between installations


def post_worker_init(worker) -> None:
    """Each worker compresses plotly.js and computes the organisation-wide dashboards once, in the
    background, so first visits are served warm."""
    from levensfase.web.dashboards.selectors import warm_in_background
    from levensfase.web.ui.plotly_js import gzipped_script

    threading.Thread(target=gzipped_script, name="gzip-plotly", daemon=True).start()
    warm_in_background()
