"""The production start, run for real without a container runtime (issue 19, items 2 and 5).

These machines have no Docker, so this test runs what the image and compose.yaml run:

- the app's files exactly as the Dockerfile copies them into /app (its COPY lines), plus the
  empty secrets file compose.yaml mounts, in a folder where only ``data/`` is writable; as the
  image's uid 10001 when this test runs as root and that user can use this interpreter;
- two app processes started with the image's command (``python -m scan start``: migrate, check,
  exec Streamlit) and its environment, on one database: PostgreSQL when TEST_DATABASE_URL is
  set, else one SQLite file;
- a real nginx, not as root, in its own prefix folder, with deploy/nginx/zelfscan.conf. The test
  changes only what differs on this machine (``nginx_conf``): the two upstream addresses, the
  listen addresses and ports, the host name (localhost), the certificate (a self-signed one made
  here) and the log paths. Everything else, including the sticky cookie, the WebSocket location,
  the upload limit, the metrics rule and the log format, is the file as shipped.

Through the proxy, in headless chromium, it proves: the page loads over https; participants join
and answer over the WebSocket and the answers are in the database; browsers are spread over both
processes (nginx' log and each process's own session counter say so) and every browser stays on
its process across a reload; ``/_stcore/metrics`` is not reachable from outside (but is on each
process directly); http redirects to https; an unknown host name gets no TLS handshake; an upload
above the limit stops at nginx; the access log holds no query string and no personal link.

Ports: E2E_POORT, E2E_POORT+1, +2 and +3 when set (the machine hands out port ranges), else free ones.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from bench.schaal import nginx_conf as schaal_conf
from bench.schaal import zelf_ondertekend
from scan.db.openen import open_database
from scan.services import workshop
from scoring.models import Vragenlijst
from tests.conftest import _eigen_postgres, _postgres_url, sqlite_kopie
from tests.rondes import start_ronde

from .conftest import UITVOER

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "deploy" / "nginx" / "zelfscan.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
APP_UID = 10001
"""The image's user (Dockerfile: useradd --uid 10001)."""
NGINX_UID = 65534
"""nobody: nginx runs as an ordinary user here, as root only binds the ports in production."""
HOST = "localhost"
WACHT = 30_000


# --- deploy/nginx/zelfscan.conf for this machine ------------------------------------------------


def nginx_conf(tekst: str, *, app1: int, app2: int, http: int, https: int, map_: Path) -> str:
    """``zelfscan.conf`` with only what differs on this machine replaced (the scale bench's
    adapter, ``bench.schaal.nginx_conf``: it fails when a line it replaces is no longer in the
    file, instead of testing something else)."""
    return schaal_conf(tekst, apps=[app1, app2], http=http, https=https, map_=map_)


def nginx_hoofdconf(map_: Path) -> str:
    """What the official image's /etc/nginx/nginx.conf gives around conf.d, in ``map_``."""
    return f"""
daemon off;
worker_processes 1;
pid {map_}/nginx.pid;
error_log {map_}/error.log notice;
events {{ worker_connections 256; }}
http {{
    client_body_temp_path {map_}/tmp/body;
    proxy_temp_path {map_}/tmp/proxy;
    fastcgi_temp_path {map_}/tmp/fastcgi;
    uwsgi_temp_path {map_}/tmp/uwsgi;
    scgi_temp_path {map_}/tmp/scgi;
    include {map_}/zelfscan.conf;
}}
"""


def dockerfile_kopieen() -> list[tuple[list[str], str]]:
    """The COPY lines of the Dockerfile's last stage (not --from): their sources and destination."""
    regels = (ROOT / "Dockerfile").read_text(encoding="utf-8").splitlines()
    laatste = max(i for i, r in enumerate(regels) if r.startswith("FROM "))
    uit = []
    for regel in regels[laatste:]:
        if regel.startswith("COPY ") and "--from" not in regel:
            delen = [d for d in shlex.split(regel)[1:] if not d.startswith("--")]
            uit.append((delen[:-1], delen[-1]))
    return uit


def image_map(app: Path) -> None:
    """``app`` filled as the image's /app: the Dockerfile's COPY lines, and compose's secret."""
    zonder = shutil.ignore_patterns("__pycache__", "*.pyc")
    for bronnen, doel in dockerfile_kopieen():
        for bron in bronnen:
            van = ROOT / bron
            naar = app / doel / Path(bron).name if doel.endswith("/") or len(bronnen) > 1 else app / doel
            naar.parent.mkdir(parents=True, exist_ok=True)
            if van.is_dir():
                shutil.copytree(van, naar, ignore=zonder)
            else:
                shutil.copyfile(van, naar)
    # compose.yaml: secrets streamlit_secrets -> /app/.streamlit/secrets.toml (empty by default).
    shutil.copyfile(ROOT / "deploy" / "secrets.leeg.toml", app / ".streamlit" / "secrets.toml")
    (app / "data").mkdir()


STARTOPDRACHT = [sys.executable, "-m", "scan", "start"]
"""The image's CMD (migrate, check, then exec Streamlit)."""


def kan_als(uid: int) -> bool:
    """Whether a process as ``uid`` gets this interpreter with its own standard library (a
    Python under /root falls back to another one)."""
    if os.geteuid() != 0:
        return False
    try:
        proef = subprocess.run(
            [sys.executable, "-c", "import os, sys; print(os.__file__, sys.version)"],
            user=uid,
            group=uid,
            extra_groups=[],
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
        )
    except OSError:
        return False  # the interpreter itself is out of that user's reach (a venv under /root)
    return proef.returncode == 0 and proef.stdout.strip() == f"{os.__file__} {sys.version}"


# --- helpers ------------------------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def poorten() -> tuple[int, int, int, int]:
    basis = int(os.environ.get("E2E_POORT") or 0)
    if basis:
        return basis, basis + 1, basis + 2, basis + 3
    return vrije_poort(), vrije_poort(), vrije_poort(), vrije_poort()


def _tls() -> ssl.SSLContext:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


class _GeenOmleiding(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def vraag(url: str, *, data: bytes | None = None, host: str = HOST) -> tuple[int, Message, bytes]:
    """One request without following redirects; status, headers and body."""
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=_tls()), _GeenOmleiding)
    verzoek = urllib.request.Request(url, data=data, headers={"Host": host, "User-Agent": "zelfscan-proxytest-los"})
    try:
        with opener.open(verzoek, timeout=30) as antwoord:
            return antwoord.status, antwoord.headers, antwoord.read()
    except urllib.error.HTTPError as fout:
        return fout.code, fout.headers, fout.read()


def wacht_op(url: str, proces: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(240):
        if proces.poll() is not None:
            pytest.fail(f"{url}: proces stopte ({proces.returncode}): {log.read_text(errors='replace')[-3000:]}")
        try:
            if vraag(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"{url} antwoordt niet: {log.read_text(errors='replace')[-3000:]}")


LOGREGEL = re.compile(
    r'^(?P<adres>\S+) - \S+ \[[^\]]+\] "(?P<methode>\S+) (?P<pad>\S+) (?P<protocol>\S+)" '
    r'(?P<status>\d{3}) \d+ "(?P<agent>[^"]*)" \S+ (?P<upstream>.+)$'
)


def logregels(log: Path) -> list[re.Match[str]]:
    regels = log.read_text(errors="replace").splitlines()
    uit = [LOGREGEL.match(r) for r in regels]
    assert all(uit), [r for r, m in zip(regels, uit, strict=True) if not m][:3]
    return [m for m in uit if m]


def verbindingen(metrics: str) -> int:
    gevonden = re.search(r'^session_events_total\{type="connect"\} (\d+)', metrics, re.MULTILINE)
    assert gevonden, metrics[:500]
    return int(gevonden.group(1))


@dataclass
class Opstelling:
    url: str
    """https://localhost:<port> through nginx."""
    http_url: str
    apps: dict[str, str]
    """upstream address (127.0.0.1:port) -> that process's own http address."""
    database_url: str
    map_: Path
    als_app_uid: bool
    omgevingen: dict[str, dict[str, str]]
    """upstream address -> the environment its process got."""

    @property
    def access_log(self) -> Path:
        return self.map_ / "nginx" / "access.log"

    @property
    def error_log(self) -> Path:
        return self.map_ / "nginx" / "error.log"


@contextmanager
def _database(map_: Path) -> Iterator[str]:
    """PostgreSQL: an empty database, which both processes migrate at once at their start (as
    compose starts them). SQLite: a migrated file in the data folder."""
    basis = _postgres_url()
    if basis:
        with _eigen_postgres(basis, "zelfscan_proxy", leeg=True) as url:
            yield url
    else:
        yield sqlite_kopie(map_ / "app" / "data" / "zelfscan.db")


@pytest.fixture(scope="module")
def opstelling() -> Iterator[Opstelling]:
    if NGINX is None:
        pytest.skip(
            "Proxytest overgeslagen: nginx is niet geïnstalleerd (apt-get install nginx-light; .ci/run doet dat)"
        )
    p_app1, p_app2, p_http, p_https = poorten()
    # Not pytest's tmp_path: its folders are private to this user, the app and nginx run as others.
    map_ = Path(tempfile.mkdtemp(prefix="zelfscan-proxy-"))
    map_.chmod(0o755)
    als_app_uid = kan_als(APP_UID)
    als_root = os.geteuid() == 0
    with ExitStack() as stapel:
        stapel.callback(shutil.rmtree, map_, ignore_errors=True)
        app = map_ / "app"
        image_map(app)
        database_url = stapel.enter_context(_database(map_))
        if als_app_uid:
            for pad in [app / "data", *(app / "data").iterdir()]:
                os.chown(pad, APP_UID, APP_UID)
        omgeving = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(app),  # the image's user has /app as home, not writable
            "LANG": "C.UTF-8",
            # Dockerfile ENV
            "PYTHONUNBUFFERED": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "STREAMLIT_SERVER_HEADLESS": "true",
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
            # compose.yaml environment (address 127.0.0.1 here: no container network)
            "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
            "DATABASE_URL": database_url,
            "SCAN_PUBLIEKE_URL": f"https://{HOST}:{p_https}",
            "STREAMLIT_SERVER_ALLOWED_HOSTS": HOST,
        }
        apps: dict[str, str] = {}
        omgevingen: dict[str, dict[str, str]] = {}
        gestart = []
        # Both at once, as compose starts them: on an empty PostgreSQL database both migrate.
        for naam, poort in (("app1", p_app1), ("app2", p_app2)):
            upstream = f"127.0.0.1:{poort}"
            apps[upstream] = f"http://{upstream}"
            omgevingen[upstream] = {**omgeving, "STREAMLIT_SERVER_PORT": str(poort)}
            log = map_ / f"{naam}.log"
            uit = stapel.enter_context(log.open("wb"))
            proces = subprocess.Popen(
                STARTOPDRACHT,
                cwd=app,
                env=omgevingen[upstream],
                stdout=uit,
                stderr=subprocess.STDOUT,
                **({"user": APP_UID, "group": APP_UID, "extra_groups": []} if als_app_uid else {}),
            )
            stapel.callback(_stop, proces)
            gestart.append((f"{apps[upstream]}/_stcore/health", proces, log))
        for adres, proces, log in gestart:
            wacht_op(adres, proces, log)

        ngx = map_ / "nginx"
        for sub in ("tmp", "acme", "logs"):
            (ngx / sub).mkdir(parents=True)
        zelf_ondertekend(ngx)
        (ngx / "zelfscan.conf").write_text(
            nginx_conf(CONF.read_text(encoding="utf-8"), app1=p_app1, app2=p_app2, http=p_http, https=p_https, map_=ngx)
        )
        (ngx / "nginx.conf").write_text(nginx_hoofdconf(ngx))
        if als_root:
            for pad in [ngx, *ngx.rglob("*")]:
                os.chown(pad, NGINX_UID, NGINX_UID)
        nginx = [NGINX, "-p", str(ngx), "-c", str(ngx / "nginx.conf"), "-e", str(ngx / "error.log")]
        als_nginx = {"user": NGINX_UID, "group": NGINX_UID, "extra_groups": []} if als_root else {}
        test = subprocess.run([*nginx, "-t"], capture_output=True, text=True, check=False, **als_nginx)
        assert test.returncode == 0, test.stderr
        nginx_log = ngx / "nginx.out"
        uit = stapel.enter_context(nginx_log.open("wb"))
        proces = subprocess.Popen(nginx, stdout=uit, stderr=subprocess.STDOUT, **als_nginx)
        stapel.callback(_stop, proces)
        url = f"https://{HOST}:{p_https}"
        wacht_op(f"{url}/_stcore/health", proces, ngx / "error.log")
        yield Opstelling(url, f"http://127.0.0.1:{p_http}", apps, database_url, map_, als_app_uid, omgevingen)


def _stop(proces: subprocess.Popen[bytes]) -> None:
    proces.terminate()
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


# --- the tests ----------------------------------------------------------------------------------


def test_health_command__healthy_on_both_processes(opstelling: Opstelling) -> None:
    """The image's HEALTHCHECK (deploy/gezondheid.py: /_stcore/health, then scan check)."""
    for upstream, omgeving in opstelling.omgevingen.items():
        gezond = subprocess.run(
            [sys.executable, str(opstelling.map_ / "app" / "deploy" / "gezondheid.py")],
            env=omgeving,
            cwd=opstelling.map_ / "app",
            capture_output=True,
            text=True,
            check=False,
            **({"user": APP_UID, "group": APP_UID, "extra_groups": []} if opstelling.als_app_uid else {}),
        )
        assert gezond.returncode == 0, (upstream, gezond.stdout, gezond.stderr)
        assert gezond.stdout.startswith("In orde"), gezond.stdout


def test_proxy__http_redirects_unknown_names_metrics_and_upload_limit(opstelling: Opstelling) -> None:
    # Plain http: only a redirect to https, path and query kept.
    status, koppen, _ = vraag(f"{opstelling.http_url}/invullen?code=ABCD-EFGH")
    assert status == 301
    assert koppen["Location"] == f"https://{HOST}/invullen?code=ABCD-EFGH"

    # A name that is not the app's gets no TLS handshake at all.
    with socket.create_connection(("127.0.0.1", int(opstelling.url.rsplit(":", 1)[1])), timeout=10) as rauw:
        with pytest.raises(ssl.SSLError):
            _tls().wrap_socket(rauw, server_hostname="andere-naam.example").do_handshake()

    # Streamlit's metrics: never through the proxy, in whatever spelling; directly on each process.
    for pad in (
        "/_stcore/metrics",
        "//_stcore/metrics",
        "/_stcore/%6detrics",
        "/_stcore/metrics/",
        "/_stcore/metrics?x=1",
    ):
        status, _, inhoud = vraag(opstelling.url + pad)
        assert status == 404, (pad, status)
        assert b"session_events" not in inhoud
    for direct in opstelling.apps.values():
        status, _, inhoud = vraag(f"{direct}/_stcore/metrics")
        assert status == 200 and b"session_events_total" in inhoud

    # The proxy's headers on a page.
    status, koppen, _ = vraag(f"{opstelling.url}/")
    assert status == 200
    assert koppen["Referrer-Policy"] == "no-referrer"
    assert "max-age=" in koppen["Strict-Transport-Security"]
    koeken = koppen.get_all("Set-Cookie") or []
    eigen = [k for k in koeken if k.startswith("zelfscan_server=")]
    assert len(eigen) == 1 and re.fullmatch(
        r"zelfscan_server=[0-9a-f]{32}; Path=/; Secure; HttpOnly; SameSite=Lax", eigen[0]
    ), koeken

    # An upload above Streamlit's 10 MiB stops at nginx (11m), before any app sees it.
    status, _, inhoud = vraag(f"{opstelling.url}/_stcore/upload_file/x/y", data=b"0" * (12 * 1024 * 1024))
    assert status == 413 and b"nginx" in inhoud


def _context(browser: Any, opstelling: Opstelling, naam: str) -> Any:
    context = browser.new_context(
        ignore_https_errors=True,  # the test's self-signed certificate
        user_agent=f"zelfscan-proxytest-{naam}",
        viewport={"width": 390, "height": 844},
        locale="nl-NL",
    )
    context.set_default_timeout(WACHT)
    return context


def _upstreams(opstelling: Opstelling) -> dict[str, set[str]]:
    """Per browser (its user agent): the app processes nginx sent its requests to."""
    uit: dict[str, set[str]] = {}
    for m in logregels(opstelling.access_log):
        if m["agent"].startswith("zelfscan-proxytest-") and m["upstream"] != "-":
            uit.setdefault(m["agent"], set()).update(a.strip() for a in m["upstream"].split(","))
    return uit


def test_proxy__two_processes_sticky_sessions_websocket_and_clean_log(
    opstelling: Opstelling, browser: Any, vragenlijst: Vragenlijst
) -> None:
    db = open_database(opstelling.database_url)
    try:
        facilitator = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
    finally:
        db.sluit()
    code = facilitator.ronde.code
    verbonden_voor = {u: verbindingen(vraag(f"{d}/_stcore/metrics")[2].decode()) for u, d in opstelling.apps.items()}

    # Browsers open the join page until both processes have one (the cookie is random: about
    # two browsers on average; 24 all on one process would happen once in eight million runs).
    contexten: dict[str, Any] = {}
    per_proces: dict[str, str] = {}
    for i in range(24):
        naam = f"b{i}"
        context = _context(browser, opstelling, naam)
        pagina = context.new_page()
        pagina.goto(f"{opstelling.url}/?code={code}")
        pagina.get_by_role("button", name="Meedoen").first.wait_for()
        contexten[naam] = context
        gezien = _upstreams(opstelling)[f"zelfscan-proxytest-{naam}"]
        assert len(gezien) == 1, gezien
        per_proces.setdefault(next(iter(gezien)), naam)
        if len(per_proces) == 2:
            break
    assert set(per_proces) == set(opstelling.apps), per_proces

    # On each process one participant joins over the WebSocket, answers, and reloads.
    tokens = []
    for naam in sorted(per_proces.values()):
        context = contexten[naam]
        pagina = context.pages[0]
        meedoen = pagina.locator('[data-testid="stForm"]').filter(has=pagina.get_by_label("Deelnamecode"))
        meedoen.get_by_label("Uw naam").fill(f"Deelnemer {naam}")
        meedoen.get_by_role("button", name="Meedoen").click()
        pagina.get_by_role("radiogroup").first.wait_for()
        pagina.locator('[data-testid="stRadio"]').first.get_by_text(re.compile(r"^3 · ")).first.click()
        pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: stelling 1").wait_for()
        pagina.reload()
        pagina.get_by_role("radiogroup").first.get_by_role("radio", checked=True).wait_for(state="attached")
        koek = {c["name"]: c for c in context.cookies()}
        tokens.append(koek["zelfscan_d"]["value"])
        assert koek["zelfscan_server"]["secure"] and koek["zelfscan_server"]["httpOnly"]
        pagina.screenshot(path=str(UITVOER / f"e2e_proxy_{naam}.png"))
        # An old-style link with the token in the query string reaches the proxy once.
        pagina.goto(f"{opstelling.url}/invullen?d={tokens[-1]}")
        pagina.get_by_role("radiogroup").first.wait_for()

    # Both answers are stored, whichever process took them.
    db = open_database(opstelling.database_url)
    try:
        stand = {v.naam: v.beantwoord for v in workshop.voortgang(db, facilitator)}
    finally:
        db.sluit()
    for naam in per_proces.values():
        assert stand[f"Deelnemer {naam}"] == 1, stand

    for context in contexten.values():
        context.close()  # nginx logs a WebSocket when it closes
    time.sleep(1)

    # Stickiness: every browser's requests, WebSockets before and after the reload included,
    # went to one process; and both processes served browsers.
    per_browser = _upstreams(opstelling)
    for naam in contexten:
        assert len(per_browser[f"zelfscan-proxytest-{naam}"]) == 1, per_browser
    regels = logregels(opstelling.access_log)
    for naam in per_proces.values():
        ws = [m for m in regels if m["agent"] == f"zelfscan-proxytest-{naam}" and m["pad"] == "/_stcore/stream"]
        assert len(ws) >= 2 and {m["status"] for m in ws} == {"101"}, [m.group(0) for m in ws]
    # Each process counted its own sessions (its metrics, read directly).
    for upstream, direct in opstelling.apps.items():
        assert verbindingen(vraag(f"{direct}/_stcore/metrics")[2].decode()) > verbonden_voor[upstream], upstream

    # The access log: paths only, no query string, no personal link, no join code.
    tekst = opstelling.access_log.read_text(errors="replace")
    assert "?" not in "".join(m["pad"] for m in regels)
    assert "d=" not in tekst and "code=" not in tekst and code not in tekst
    for token in tokens:
        assert token not in tekst
        assert token not in opstelling.error_log.read_text(errors="replace")
    print(
        f"nginx: {subprocess.run([NGINX or 'nginx', '-v'], capture_output=True, text=True, check=False).stderr.strip()}; "
        f"apps als uid {APP_UID if opstelling.als_app_uid else os.geteuid()}; database {opstelling.database_url.split(':')[0]}; "
        f"{len(contexten)} browsers, {len(regels)} logregels"
    )
