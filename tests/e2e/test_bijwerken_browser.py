"""A rolling upgrade as an operator does it, with phones answering throughout (issue 19, item 3).

Two app processes of "this version" (the app's files as the Dockerfile copies them) run behind
the real nginx configuration (``deploy/nginx/zelfscan.conf``), three phones answer through it.
Then a later version, with an expand migration (a nullable column, ``OUDSTE_CODE`` of the
previous head), is migrated while the old processes serve; they say "verenigbaar" and keep
taking answers. The processes are replaced one by one, as docs/beheer.md "Bijwerken en
terugdraaien" says, while the phones keep answering. Every click that was confirmed on a
screen must be in the database with its value, no screen may show a traceback.

Runs on PostgreSQL when ``TEST_DATABASE_URL`` is set (an empty database, migrated by
``python -m scan migrate``), else on one SQLite file shared by both processes.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.services import invullen, start
from scoring.models import Vragenlijst
from tests.conftest import _eigen_postgres, _postgres_url
from tests.rondes import start_ronde

from .test_proxy_browser import (
    CONF,
    HOST,
    NGINX,
    NGINX_UID,
    _stop,
    image_map,
    nginx_conf,
    nginx_hoofdconf,
    poorten,
    wacht_op,
    zelf_ondertekend,
)

UITBREIDING = '''"""A later version adds a nullable column (expand): the previous version still serves it."""

import sqlalchemy as sa
from alembic import op

revision = "0990"
down_revision = "{kop}"
OUDSTE_CODE = "{oudste}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("scanrondes") as batch:
        batch.add_column(sa.Column("later_veld", sa.Text, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("scanrondes") as batch:
        batch.drop_column("later_veld")
'''


def _nieuwere_versie(app: Path) -> None:
    """``app`` becomes the next version: one expand migration more, another version number."""
    from alembic.script import ScriptDirectory

    from scan.db.migraties import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config())
    kop = scripts.get_current_head()
    assert kop is not None
    oudste = scripts.get_revision(kop).module.OUDSTE_CODE  # type: ignore[union-attr]
    versies = app / "scan" / "db" / "migrations" / "versions"
    (versies / "0990_later.py").write_text(UITBREIDING.format(kop=kop, oudste=oudste), encoding="utf-8")
    init = app / "scan" / "__init__.py"
    tekst = init.read_text(encoding="utf-8")
    assert '__version__ = "' in tekst
    init.write_text(re.sub(r'__version__ = "[^"]+"', '__version__ = "9.9.0-later"', tekst), encoding="utf-8")


@contextmanager
def _database(map_: Path) -> Iterator[str]:
    basis = _postgres_url()
    if basis:
        with _eigen_postgres(basis, "zelfscan_bijwerken", leeg=True) as url:
            yield url
    else:
        yield f"sqlite:///{map_ / 'zelfscan.db'}"


class Installatie:
    """Two app processes behind nginx; each process can be replaced by another version."""

    def __init__(self, stapel: ExitStack, map_: Path, database_url: str) -> None:
        self.stapel = stapel
        self.map_ = map_
        self.database_url = database_url
        self.poorten = poorten()
        self.url = f"https://{HOST}:{self.poorten[3]}"
        self.processen: dict[int, subprocess.Popen[bytes]] = {}

    def omgeving(self, poort: int | None = None) -> dict[str, str]:
        uit = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.map_),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "DATABASE_URL": self.database_url,
            "SCAN_PUBLIEKE_URL": self.url,
            "STREAMLIT_SERVER_ALLOWED_HOSTS": HOST,
            "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        }
        if poort is not None:
            uit["STREAMLIT_SERVER_PORT"] = str(poort)
        return uit

    def scan(self, versie: Path, *argumenten: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "scan", *argumenten],
            cwd=versie,
            env=self.omgeving(),
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )

    def start(self, versie: Path, poort: int) -> None:
        log = self.map_ / f"app{poort}.log"
        uit = self.stapel.enter_context(log.open("ab"))
        proces = subprocess.Popen(
            [sys.executable, "-m", "scan", "start"],
            cwd=versie,
            env=self.omgeving(poort),
            stdout=uit,
            stderr=subprocess.STDOUT,
        )
        self.stapel.callback(_stop, proces)
        self.processen[poort] = proces
        wacht_op(f"http://127.0.0.1:{poort}/_stcore/health", proces, log)

    def stop(self, poort: int) -> None:
        _stop(self.processen.pop(poort))

    def nginx(self) -> None:
        assert NGINX is not None
        app1, app2, http, https = self.poorten
        ngx = self.map_ / "nginx"
        for sub in ("tmp", "acme", "logs"):
            (ngx / sub).mkdir(parents=True)
        zelf_ondertekend(ngx)
        (ngx / "zelfscan.conf").write_text(
            nginx_conf(CONF.read_text(encoding="utf-8"), app1=app1, app2=app2, http=http, https=https, map_=ngx)
        )
        (ngx / "nginx.conf").write_text(nginx_hoofdconf(ngx))
        als_root = os.geteuid() == 0
        if als_root:
            for pad in [ngx, *ngx.rglob("*")]:
                os.chown(pad, NGINX_UID, NGINX_UID)
        opdracht = [NGINX, "-p", str(ngx), "-c", str(ngx / "nginx.conf"), "-e", str(ngx / "error.log")]
        als = {"user": NGINX_UID, "group": NGINX_UID, "extra_groups": []} if als_root else {}
        uit = self.stapel.enter_context((ngx / "nginx.out").open("wb"))
        proces = subprocess.Popen(opdracht, stdout=uit, stderr=subprocess.STDOUT, **als)  # type: ignore[call-overload]
        self.stapel.callback(_stop, proces)
        wacht_op(f"{self.url}/_stcore/health", proces, ngx / "error.log")


@pytest.fixture
def installatie() -> Iterator[tuple[Installatie, Path, Path]]:
    if NGINX is None:
        pytest.skip(
            "Bijwerktest overgeslagen: nginx is niet geïnstalleerd (apt-get install nginx-light; .ci/run doet dat)"
        )
    map_ = Path(tempfile.mkdtemp(prefix="zelfscan-bijwerken-"))
    map_.chmod(0o755)
    with ExitStack() as stapel:
        stapel.callback(shutil.rmtree, map_, ignore_errors=True)
        oud, nieuw = map_ / "oud", map_ / "nieuw"
        image_map(oud)
        image_map(nieuw)
        _nieuwere_versie(nieuw)
        database_url = stapel.enter_context(_database(map_))
        yield Installatie(stapel, map_, database_url), oud, nieuw


def _klik(pagina: Any, nummer: int, label: str) -> bool:
    """Tap a level of stelling ``nummer``; True when the screen confirmed it ("Opgeslagen")."""
    pagina.locator('[data-testid="stApp"][data-test-connection-state="CONNECTED"]').wait_for(state="attached")
    radio = pagina.locator('[data-testid="stRadio"]').nth(nummer - 1)
    radio.locator('[data-testid="stRadioOption"]').filter(has_text=re.compile("^" + re.escape(label))).first.click()
    try:
        pagina.locator('[data-testid="stToast"]', has_text=f"Opgeslagen: stelling {nummer}").first.wait_for()
    except Exception:
        return False
    return True


def test_rolling_upgrade__two_processes_behind_nginx__no_confirmed_click_is_lost(
    installatie: tuple[Installatie, Path, Path], browser: Any, vragenlijst: Vragenlijst, screenshot: Any
) -> None:
    inst, oud, nieuw = installatie
    app1, app2 = inst.poorten[:2]

    # Install: migrate and check before anything serves.
    gemigreerd = inst.scan(oud, "migrate")
    assert gemigreerd.returncode == 0, gemigreerd.stderr
    assert inst.scan(oud, "check").stdout.startswith("In orde")
    inst.start(oud, app1)
    inst.start(oud, app2)
    inst.nginx()

    db = open_database(inst.database_url)
    try:
        fac = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))
        namen = ["Anna", "Bram", "Chantal"]
        mensen = {n: start.neem_deel(db, vragenlijst, code=fac.ronde.code, naam=n) for n in namen}
        bouwsteen = vragenlijst.bouwstenen[0]
        labels = {str(n.niveau): f"{n.niveau} · {n.naam.nl}" for n in vragenlijst.schaal.niveaus}
        telefoons = {}
        for naam in namen:
            context = browser.new_context(
                ignore_https_errors=True, viewport={"width": 390, "height": 844}, locale="nl-NL", has_touch=True
            )
            context.set_default_timeout(60_000)
            pagina = context.new_page()
            pagina.goto(f"{inst.url}/invullen?b={bouwsteen.id}#d={mensen[naam].deelnemer.token}")
            pagina.get_by_role("heading", name=f"1. {bouwsteen.naam.nl}").first.wait_for()
            telefoons[naam] = pagina

        bevestigd: dict[str, dict[str, str]] = {n: {} for n in namen}
        niet: list[str] = []

        def klikronde(nummer: int, waarde: str, moment: str) -> None:
            stelling = bouwsteen.stellingen[nummer - 1].id
            for naam, pagina in telefoons.items():
                if _klik(pagina, nummer, labels[waarde]):
                    bevestigd[naam][stelling] = waarde
                else:
                    niet.append(f"{moment}: {naam}")
                assert pagina.locator('[data-testid="stException"]').count() == 0, (moment, naam)

        klikronde(1, "2", "beide oud")
        # The later version migrates while the old processes serve: they call it compatible.
        nieuw_migrate = inst.scan(nieuw, "migrate")
        assert nieuw_migrate.returncode == 0, nieuw_migrate.stderr
        assert "Schema bijgewerkt" in nieuw_migrate.stdout
        oud_check = inst.scan(oud, "check")
        assert oud_check.returncode == 0 and "maar verenigbaar" in oud_check.stdout, oud_check.stdout
        klikronde(2, "3", "oud na de migratie")
        # One process after the other, as docs/beheer.md says.
        inst.stop(app1)
        klikronde(3, "4", "app1 weg")
        inst.start(nieuw, app1)
        inst.stop(app2)
        klikronde(4, "1", "app2 weg")
        inst.start(nieuw, app2)
        klikronde(5, "5", "beide nieuw")
        nieuw_check = inst.scan(nieuw, "check")
        assert nieuw_check.returncode == 0 and "9.9.0-later" in nieuw_check.stdout and "(actueel)" in nieuw_check.stdout
        screenshot(telefoons["Anna"], "bijwerken_na")

        # Every click a screen confirmed is stored with its value; a screen that did not confirm
        # (none expected) would have told its participant so.
        assert niet == []
        opgeslagen = {n: {s: a.antwoord for s, a in invullen.mijn_antwoorden(db, mensen[n]).items()} for n in namen}
        assert {n: {s: opgeslagen[n].get(s) for s in bevestigd[n]} for n in namen} == bevestigd
        assert sum(len(v) for v in bevestigd.values()) == 5 * len(namen)
    finally:
        db.sluit()
