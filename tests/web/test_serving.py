"""`levensfase demo` serves with one command on gunicorn (worker processes, collected and
compressed static files), and the first dashboard visit gets plotly gzip-compressed (issue 20 item 4).

A real server in subprocesses on its own SQLite home; it runs once, on the suite's SQLite pass
(the server part does not depend on the database, and it takes ~20 s).
"""

from __future__ import annotations

import gzip
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from importlib.resources import files
from pathlib import Path

import pytest

from levensfase.cli import DEMO_PASSWORD

pytestmark = pytest.mark.slow
CLI = [sys.executable, "-c", "from levensfase.cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(home: Path) -> dict[str, str]:
    environment = {**os.environ, "LEVENSFASE_HOME": str(home), "LEVENSFASE_LANG": "nl", "COLUMNS": "200"}
    for name in ("DATABASE_URL", "LEVENSFASE_SERVING", "LEVENSFASE_PRODUCTION", "DJANGO_SETTINGS_MODULE"):
        environment.pop(name, None)
    return environment


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        pytest.skip("runs once, on the SQLite pass of the suite")
    home = tmp_path_factory.mktemp("serve")
    port = _free_port()
    log = (home / "server.log").open("w")
    # The README's one command, with a small organisation to keep the test short.
    process = subprocess.Popen([*CLI, "demo", "--employees", "60", "--port", str(port)],
                               env=_environment(home), stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for(port, process, home / "server.log")
        yield {"url": f"http://127.0.0.1:{port}", "port": port, "pid": process.pid, "home": home}
    finally:
        process.send_signal(signal.SIGTERM)  # the gunicorn master (exec'd in place): stops its workers
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"levensfase demo stopped: {log.read_text()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"no server on port {port}: {log.read_text()}")


def _browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))


def _log_in(browser, url: str, username: str) -> None:
    page = browser.open(f"{url}/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = urllib.parse.urlencode({"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token})
    landed = browser.open(f"{url}/login/", data=data.encode())
    assert landed.geturl() == f"{url}/", "the demo login did not land on the home page"


def _get(browser, url: str, *, encodings: str = "gzip, deflate, br"):
    return browser.open(urllib.request.Request(url, headers={"Accept-Encoding": encodings}))


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="counts worker processes through /proc (Linux)")
def test_the_demo_runs_on_gunicorn_with_two_worker_processes(server):
    response = urllib.request.urlopen(f"{server['url']}/login/")
    assert response.headers["Server"] == "gunicorn"
    assert len(_children(server["pid"])) == 2  # the default --workers 2


def test_the_first_dashboard_visit_transfers_plotly_gzip_compressed(server):
    browser = _browser()
    _log_in(browser, server["url"], "hr-analist")
    page = _get(browser, f"{server['url']}/dashboards/").read().decode()
    script = re.search(r'<script src="(/dashboards/plotly-[^"]+\.min\.js)"', page).group(1)

    response = _get(browser, server["url"] + script)
    body = response.read()
    original = files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"]
    assert gzip.decompress(body) == original
    assert len(body) < len(original) / 3  # 4,8 MB on the wire before, about 1,5 MB now


def test_a_browser_without_gzip_still_gets_plotly(server):
    browser = _browser()
    _log_in(browser, server["url"], "hr-analist")
    page = _get(browser, f"{server['url']}/dashboards/").read().decode()
    script = re.search(r'<script src="(/dashboards/plotly-[^"]+\.min\.js)"', page).group(1)
    response = _get(browser, server["url"] + script, encodings="identity")
    assert response.headers["Content-Encoding"] is None
    assert response.read() == files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()


def test_static_files_are_hashed_compressed_and_cached_for_a_year(server):
    page = urllib.request.urlopen(f"{server['url']}/login/").read().decode()
    stylesheet = re.search(r'href="(/static/levensfase/levensfase\.[0-9a-f]{12}\.css)"', page).group(1)
    response = _get(_browser(), server["url"] + stylesheet, encodings="gzip")  # brotli, when installed, for "br"
    body = response.read()
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert "immutable" in response.headers["Cache-Control"]
    source = files("levensfase.web.pages").joinpath("static", "levensfase", "levensfase.css").read_bytes()
    assert gzip.decompress(body) == source


def test_pages_carry_the_security_headers(server):
    response = urllib.request.urlopen(f"{server['url']}/login/")
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_a_port_in_use_is_refused_plainly(server):
    done = subprocess.run([*CLI, "serve", "--port", str(server["port"])], env=_environment(server["home"]),
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert f"Kan niet luisteren op 127.0.0.1:{server['port']}" in done.stderr
    assert "Traceback" not in done.stderr


def test_the_plotly_view_compresses_only_for_browsers_that_accept_gzip(client):
    from importlib.metadata import version

    from django.urls import reverse

    url = reverse("plotly_js", kwargs={"version": version("plotly")})
    original = files("plotly").joinpath("package_data", "plotly.min.js").read_bytes()
    compressed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert compressed["Content-Encoding"] == "gzip" and gzip.decompress(compressed.content) == original
    plain = client.get(url, HTTP_ACCEPT_ENCODING="identity")
    assert not plain.has_header("Content-Encoding") and plain.content == original
    assert compressed["Vary"] == plain["Vary"] == "Accept-Encoding"


def test_the_server_keeps_suppression_patterns_under_its_home(monkeypatch):
    """The workers share the audited patterns and a restart finds them (analytics.privacy.store)."""
    from django.conf import settings

    from levensfase.web.serving import serving_environment

    monkeypatch.delenv("LEVENSFASE_PATTERN_CACHE", raising=False)
    assert serving_environment()["LEVENSFASE_PATTERN_CACHE"] == str(settings.HOME / "patterns")
    monkeypatch.setenv("LEVENSFASE_PATTERN_CACHE", "/srv/patterns")
    assert serving_environment()["LEVENSFASE_PATTERN_CACHE"] == "/srv/patterns"
