"""Benchmarks of the workshop: what a participant waits for while a round is running.

Four figures, each against the goal of the workshop issue:

1. one answer change including its save, server side: an AppTest rerun of Invullen;
2. the results page of a full round, server side: an AppTest rerun of Resultaten (and the
   scoring query ``resultaten.resultaat`` on its own);
3. 25 participants answering all 80 stellingen at the same moment, on SQLite and PostgreSQL:
   is every answer stored, and how long does one save take under that load;
4. a click in a real browser until the "Opgeslagen" toast shows: what a participant sees.

Every run works on its own database (a temporary SQLite file, or a fresh PostgreSQL database
that is dropped afterwards), so figures never depend on what an earlier run left behind.
Like the scoring benchmarks, this prints and asserts nothing: a slow machine prints slow
figures, it does not fail a build.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from scan.db.openen import open_database
from scan.db.tabellen import AntwoordRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, resultaten, start
from scan.services.toegang import lokale_gebruiker
from scoring.models import Vragenlijst

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
INVULLEN = "scan/ui/paginas/invullen.py"
RESULTATEN = "scan/ui/paginas/resultaten.py"
DATUM = dt.date(2026, 11, 22)
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

# Sample sizes: enough for a stable median and a meaningful p95 in well under a minute.
OPWARMEN = 3
WIJZIGINGEN = 40
PAGINA_RUNS = 15
RESULTAAT_RUNS = 30
RESULTATEN_DEELNEMERS = 12
GELIJKTIJDIG = 25
KLIKKEN = 10
KLIK_OPWARMEN = 2

STANDAARD_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def standaard_postgres_url() -> str:
    """Where the PostgreSQL figures run: the server the test suite uses (``TEST_DATABASE_URL``)."""
    return os.environ.get("TEST_DATABASE_URL") or STANDAARD_POSTGRES


# --- figures and how they are printed ---------------------------------------------------------


def _p95(tijden: list[float]) -> float:
    # "inclusive" interpolates between samples instead of extrapolating past the slowest one.
    return statistics.quantiles(tijden, n=20, method="inclusive")[18] if len(tijden) > 1 else tijden[0]


@dataclass(frozen=True)
class Meting:
    """Timed samples (seconds) of one thing, with the goal the issue sets for it."""

    naam: str
    tijden: list[float]
    uitleg: str
    doel: float | None = None
    """Goal for the median (the issue states these goals as typical, not worst-case, times)."""

    @property
    def mediaan(self) -> float:
        return statistics.median(self.tijden)

    @property
    def p95(self) -> float:
        return _p95(self.tijden)

    def regel(self) -> str:
        tekst = f"{self.naam:<52} mediaan {self.mediaan * 1000:7.1f} ms  p95 {self.p95 * 1000:7.1f} ms  n={len(self.tijden):<4}"
        if self.doel is not None:
            oordeel = "ok" if self.mediaan < self.doel else "TE TRAAG"
            tekst += f" doel mediaan < {self.doel * 1000:.0f} ms: {oordeel}"
        return tekst

    def druk_af(self) -> None:
        print(self.regel())
        print(f"    meet: {self.uitleg}")


@dataclass
class Gelijktijdig:
    """Outcome of many participants saving at once: completeness, errors and latency of one save."""

    database: str
    opgeslagen: int
    verwacht: int
    fouten: Counter[str]
    tijden: list[float]
    wandtijd: float
    alleen: list[float]
    """One participant saving 80 answers with nobody else busy: the cost of a save without a queue."""
    kernen: float
    """CPU time of this process per second of the burst; near 1.0 means the threads queue for the GIL."""

    def druk_af(self, doel_p95: float) -> None:
        tijden = sorted(self.tijden)
        compleet = "ok" if self.opgeslagen == self.verwacht else "ANTWOORDEN KWIJT"
        foutentekst = ", ".join(f"{n}× {soort}" for soort, n in self.fouten.most_common()) or "geen"
        p95 = _p95(tijden)
        oordeel = "ok" if p95 < doel_p95 else "TE TRAAG"
        print(f"{GELIJKTIJDIG} tegelijk × 80 antwoorden, {self.database}:")
        print(f"    opgeslagen {self.opgeslagen}/{self.verwacht} ({compleet}); fouten: {foutentekst}")
        print(
            f"    1 keer opslaan: p50 {statistics.median(tijden) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, "
            f"max {tijden[-1] * 1000:.1f} ms (n={len(tijden)}; doel p95 < {doel_p95 * 1000:.0f} ms: {oordeel}); "
            f"wandtijd {self.wandtijd:.2f} s"
        )
        print(
            f"    ter vergelijking: 1 deelnemer alleen p50 {statistics.median(self.alleen) * 1000:.1f} ms; "
            f"doorvoer onder last {self.verwacht / self.wandtijd:.0f} opslagen/s; dit proces gebruikte "
            f"{self.kernen:.2f} van {os.cpu_count()} CPU-kernen (bij ≈ 1 is de GIL van dit ene proces de wachtrij)"
        )


@dataclass
class Waarschuwingen:
    """Things that make a figure untrustworthy (a save that did not land), printed with it."""

    regels: list[str] = field(default_factory=list)

    def druk_af(self) -> None:
        for regel in self.regels:
            print(f"    WAARSCHUWING: {regel}")


# --- databases ----------------------------------------------------------------------------------


@contextmanager
def sqlite_database(map_: Path, naam: str) -> Iterator[Database]:
    """A migrated SQLite database in a file of its own: the app's zero-set-up default."""
    db = open_database(f"sqlite:///{map_ / naam}.db")
    try:
        yield db
    finally:
        db.sluit()


class PostgresOvergeslagen(Exception):
    """No PostgreSQL server answered (or it refused us); the message says which and why."""


@contextmanager
def postgres_database(basis_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server of ``basis_url``, dropped afterwards.

    Created through an AUTOCOMMIT engine because CREATE/DROP DATABASE cannot run inside a
    transaction; ``WITH (FORCE)`` drops it even if a pooled connection was left behind.
    """
    basis = make_url(basis_url)
    naam = f"bench_{secrets.token_hex(5)}"
    beheer = create_engine(basis, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 5})
    try:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f'CREATE DATABASE "{naam}"'))
    except SQLAlchemyError as exc:
        beheer.dispose()
        oorzaak = str(exc.orig if hasattr(exc, "orig") and exc.orig else exc).strip().splitlines()[0]
        raise PostgresOvergeslagen(
            f"geen database te maken op {basis.host}:{basis.port or 5432} ({type(exc).__name__}: {oorzaak})"
        ) from None
    try:
        yield basis.set(database=naam).render_as_string(hide_password=False)
    finally:
        with beheer.connect() as verbinding:
            verbinding.execute(text(f'DROP DATABASE IF EXISTS "{naam}" WITH (FORCE)'))
        beheer.dispose()


def bench_ronde(db: Database, vl: Vragenlijst) -> Sessie:
    return start.start_ronde_als(
        db, vl, lokale_gebruiker(), gm_code="GM0344", facilitator="Fatima", datum=DATUM, omschrijving="Bench"
    )


@contextmanager
def app_database(url: str) -> Iterator[None]:
    """Point the app under AppTest at ``url``; afterwards restore the environment and close its engines.

    AppTest runs the script in this process, so ``scan.ui`` reads ``DATABASE_URL`` from our
    environment and caches its engines with ``st.cache_resource`` across AppTest instances.
    """
    import streamlit as st

    vorige = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = url
    try:
        yield
    finally:
        if vorige is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = vorige
        st.cache_resource.clear()  # runs on_release: the app's engines are disposed


def open_app(pagina: str, token: str) -> AppTest:
    """The app as a browser opens a personal link on ``pagina`` (as tests/app/conftest.py does)."""
    from streamlit.testing.v1 import AppTest

    # Creating an AppTest outside a script run logs "missing ScriptRunContext ... can be
    # ignored"; it would only clutter the figures.
    melder = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    niveau = melder.level
    melder.setLevel(logging.ERROR)
    try:
        at = AppTest.from_file(APP, default_timeout=30)
    finally:
        melder.setLevel(niveau)
    at.query_params["d"] = token
    at.run()
    at.switch_page(pagina)
    at.query_params["d"] = token
    at.run()
    _zonder_fout(at, pagina)
    return at


class FiguurMislukt(RuntimeError):
    """The app failed while being measured: the figure would time an error page, so there is none."""


def _zonder_fout(at: AppTest, pagina: str) -> None:
    if at.exception:
        raise FiguurMislukt(f"{pagina} gaf een fout: {at.exception[0].message}")


def compileer_pagina(pagina: str) -> Meting:
    """What every AppTest run adds that the real server does not: compiling app.py and the page.

    AppTest builds a new ``ScriptCache`` on every run, so it parses, rewrites ("magic") and
    compiles both scripts each time; ``streamlit run`` keeps one cache for the whole process.
    """
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    def beide() -> None:
        cache = ScriptCache()
        cache.get_bytecode(APP)
        cache.get_bytecode(str(ROOT / pagina))

    beide()
    return Meting(
        "  waarvan AppTest-eigen: app.py + pagina compileren",
        tijden(beide, 30),
        "AppTest compileert beide scripts bij elke run opnieuw; streamlit run doet dat één keer per proces",
    )


# --- 1. one answer change, server side ------------------------------------------------------------


def antwoord_wijzigen(vl: Vragenlijst, map_: Path) -> tuple[Meting, Meting, Waarschuwingen]:
    """An AppTest rerun of Invullen after a radio change: callback, save, and the whole page rebuilt.

    This is the server's share of every click a participant makes. The values alternate per
    stelling so every rerun really changes (and saves) an answer.
    """
    waarschuwingen = Waarschuwingen()
    with sqlite_database(map_, "invullen") as db, app_database(db.url):
        deelnemer = start.neem_deel(db, vl, code=bench_ronde(db, vl).ronde.code, naam="Karel")
        at = open_app(INVULLEN, deelnemer.deelnemer.token)
        stellingen = [s.id for s in vl.bouwstenen[0].stellingen]
        laatste: dict[str, str] = {}
        tijden: list[float] = []
        zonder_bevestiging = 0
        for i in range(OPWARMEN + WIJZIGINGEN):
            stelling = stellingen[i % len(stellingen)]
            waarde = "2" if (i // len(stellingen)) % 2 == 0 else "4"
            begin = time.perf_counter()
            at.radio(key=f"a_{stelling}").set_value(waarde).run()
            duur = time.perf_counter() - begin
            _zonder_fout(at, INVULLEN)
            laatste[stelling] = waarde
            if i >= OPWARMEN:
                tijden.append(duur)
            if not any(t.value.startswith("Opgeslagen: stelling") for t in at.toast):
                zonder_bevestiging += 1

        opgeslagen = invullen.mijn_antwoorden(db, deelnemer)
        verkeerd = [s for s, w in laatste.items() if s not in opgeslagen or opgeslagen[s].antwoord != w]
        if verkeerd:
            waarschuwingen.regels.append(f"de database heeft niet de laatste keuze voor {', '.join(verkeerd)}")
        if zonder_bevestiging:
            waarschuwingen.regels.append(f"{zonder_bevestiging} reruns zonder 'Opgeslagen'-toast")
    meting = Meting(
        "antwoord wijzigen + opslaan (AppTest-rerun Invullen)",
        tijden,
        f"radio van een stelling van bouwsteen 1 wisselen tot de rerun klaar is (callback, UPSERT in SQLite, "
        f"pagina opnieuw opgebouwd); {OPWARMEN} keer opwarmen niet meegeteld",
        doel=0.030,
    )
    return meting, compileer_pagina(INVULLEN), waarschuwingen


# --- 2. the results page, server side ------------------------------------------------------------


def _vul_ronde(db: Database, vl: Vragenlijst, ronde: Sessie, deelnemers: int) -> None:
    """``deelnemers`` participants who answered all 80 stellingen and set every ambition."""
    stellingen = [s.id for _, s in vl.stellingen()]
    for i in range(deelnemers):
        sessie = start.neem_deel(db, vl, code=ronde.ronde.code, naam=f"Deelnemer {i + 1}")
        for j, stelling in enumerate(stellingen):
            antwoord = "weet_niet" if (i * 7 + j) % 23 == 0 else str((i + j) % 5 + 1)
            invullen.sla_antwoord_op(db, vl, sessie, stelling, antwoord)
        for k, b in enumerate(vl.bouwstenen):
            invullen.sla_ambitie_op(db, vl, sessie, b.id, 3 + (i + k) % 3)


def resultaten_pagina(vl: Vragenlijst, map_: Path) -> tuple[Meting, Meting, Meting, Waarschuwingen]:
    """An AppTest rerun of Resultaten for a full round, and ``resultaten.resultaat`` alone.

    The page is what a room looks at after every round of answers; the service alone shows
    how much of the page is the query plus scoring and how much is charts and tables.
    """
    waarschuwingen = Waarschuwingen()
    with sqlite_database(map_, "resultaten") as db, app_database(db.url):
        facilitator = bench_ronde(db, vl)
        _vul_ronde(db, vl, facilitator, RESULTATEN_DEELNEMERS)
        at = open_app(RESULTATEN, facilitator.deelnemer.token)
        at.run()  # warm-up: the first run imports altair and pandas

        # Before every timed run one answer changes, so each run draws new scores as it would
        # in a workshop; the chart layouts stay cached, as they do on a running server.
        bijdrager = start.neem_deel(db, vl, code=facilitator.ronde.code, naam="Bench")
        eerste = vl.bouwstenen[0].stellingen[0].id
        pagina = []
        for i in range(PAGINA_RUNS):
            invullen.sla_antwoord_op(db, vl, bijdrager, eerste, "1" if i % 2 else "5")
            begin = time.perf_counter()
            at.run()
            pagina.append(time.perf_counter() - begin)
            _zonder_fout(at, RESULTATEN)
        if not at.metric:
            waarschuwingen.regels.append("de resultatenpagina toonde geen cijfers")

        ronde_id = facilitator.ronde.id
        resultaat = resultaten.resultaat(db, vl, ronde_id)
        if resultaat.deelnemers != RESULTATEN_DEELNEMERS + 1:  # plus the one who changes an answer
            waarschuwingen.regels.append(f"resultaat telt {resultaat.deelnemers} deelnemers")
        alleen = tijden(lambda: resultaten.resultaat(db, vl, ronde_id), RESULTAAT_RUNS)
    antwoorden = RESULTATEN_DEELNEMERS * 80
    return (
        Meting(
            "resultatenpagina (AppTest-rerun Resultaten)",
            pagina,
            f"hele pagina van een ronde met {RESULTATEN_DEELNEMERS} deelnemers × 80 antwoorden + ambities "
            "(query, scoren, 4 radars, tabellen); vóór elke run verandert één antwoord; na 1 opwarm-run",
            doel=0.150,
        ),
        Meting(
            "  waarvan resultaten.resultaat (query + scoren)",
            alleen,
            f"{antwoorden} antwoorden en {RESULTATEN_DEELNEMERS * len(vl.bouwstenen)} ambities lezen uit SQLite en "
            "scoren, zonder Streamlit",
        ),
        compileer_pagina(RESULTATEN),
        waarschuwingen,
    )


GROOT_DEELNEMERS = 150
GROOT_RUNS = 20


def resultaten_groot(vl: Vragenlijst, map_: Path) -> tuple[Meting, Meting, Meting, Waarschuwingen]:
    """Resultaten of a round of ``GROOT_DEELNEMERS`` participants (issue 20, item 5: under 150 ms).

    The round is a fictional workshop (``maak_demo``, 12,000 answers and 2,400 ambitions), written
    through the one row writer the demo and the import use. Two warm figures as the facilitator
    sees them: a rerun with nothing changed (the result comes from the cache, after the one query
    that tells), and a rerun after one answer changed (scored again from the rows). Plus
    ``resultaten.resultaat`` after a change, without Streamlit.
    """
    from scan.db.rijschrijver import TeSchrijven
    from scan.demo.fictief import maak_demo
    from scan.gemeenten import alle_gemeenten
    from scan.services.regels import nieuw_token, nieuwe_code

    waarschuwingen = Waarschuwingen()
    with sqlite_database(map_, "resultaten_groot") as db, app_database(db.url):
        gemeente = next(g for g in alle_gemeenten() if g.gm_code == "GM0344")
        scan = maak_demo(vl, gemeente, GROOT_DEELNEMERS, DATUM, seed=1, samen=False)
        with db.werk() as werk:
            [ronde] = werk.rijschrijver.schrijf(
                [TeSchrijven(scan=scan, code=nieuwe_code(), moment=dt.datetime.now(dt.UTC))], token=nieuw_token
            )
        facilitator = next(d for d in ronde.deelnemers.values() if d.rol == "facilitator")
        at = open_app(RESULTATEN, facilitator.token)
        at.run()  # warm-up
        ongewijzigd = tijden(at.run, GROOT_RUNS)
        _zonder_fout(at, RESULTATEN)

        # One of the 150 changes an answer (a round takes at most 60 new joiners; this one came
        # in through the row writer, as an imported round does).
        sessie = Sessie(ronde=ronde.ronde, deelnemer=ronde.deelnemers["d02"])
        eerste = vl.bouwstenen[0].stellingen[0].id
        gewijzigd: list[float] = []
        alleen: list[float] = []
        for i in range(GROOT_RUNS):
            invullen.sla_antwoord_op(db, vl, sessie, eerste, "1" if i % 2 else "5")
            begin = time.perf_counter()
            at.run()
            gewijzigd.append(time.perf_counter() - begin)
            _zonder_fout(at, RESULTATEN)
            invullen.sla_antwoord_op(db, vl, sessie, eerste, "2" if i % 2 else "4")
            begin = time.perf_counter()
            resultaten.resultaat(db, vl, ronde.ronde.id)
            alleen.append(time.perf_counter() - begin)
        telt = resultaten.resultaat(db, vl, ronde.ronde.id).deelnemers
        if telt != GROOT_DEELNEMERS:
            waarschuwingen.regels.append(f"resultaat telt {telt} deelnemers, verwacht {GROOT_DEELNEMERS}")
    antwoorden = len(scan.antwoorden)
    return (
        Meting(
            f"resultatenpagina {GROOT_DEELNEMERS} deelnemers, niets veranderd",
            ongewijzigd,
            f"AppTest-rerun van Resultaten als facilitator, {antwoorden} antwoorden; de uitslag komt uit de cache "
            "na één query op de stand van de ronde",
            doel=0.150,
        ),
        Meting(
            f"resultatenpagina {GROOT_DEELNEMERS} deelnemers, na 1 gewijzigd antwoord",
            gewijzigd,
            "zelfde rerun, maar vóór elke run verandert één antwoord: de ronde wordt opnieuw gescoord uit de rijen",
            doel=0.150,
        ),
        Meting(
            "  waarvan resultaten.resultaat na een wijziging",
            alleen,
            f"stand lezen, {antwoorden} antwoorden lezen en scoren, zonder Streamlit",
        ),
        waarschuwingen,
    )


def tijden(functie: Callable[[], object], herhalingen: int) -> list[float]:
    """Seconds per call of ``functie``, ``herhalingen`` times."""
    uit = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        functie()
        uit.append(time.perf_counter() - begin)
    return uit


# --- 3. everyone at once ---------------------------------------------------------------------------


def gelijktijdig(db: Database, vl: Vragenlijst, naam: str) -> Gelijktijdig:
    """25 threads released together by a barrier, each saving all 80 answers of one participant.

    This is the start of a workshop: everyone opens the link and starts clicking. Errors are
    counted, not raised, so a lost answer shows up as a number instead of ending the run.
    """
    stellingen = [s.id for _, s in vl.stellingen()]
    # The baseline runs in a round of its own, so the count below only sees the burst.
    solist = start.neem_deel(db, vl, code=bench_ronde(db, vl).ronde.code, naam="Solist")
    alleen = []
    for j, stelling in enumerate(stellingen):
        voor = time.perf_counter()
        invullen.sla_antwoord_op(db, vl, solist, stelling, str(j % 5 + 1))
        alleen.append(time.perf_counter() - voor)

    facilitator = bench_ronde(db, vl)
    sessies = [start.neem_deel(db, vl, code=facilitator.ronde.code, naam=f"Deelnemer {i}") for i in range(GELIJKTIJDIG)]
    tegelijk = threading.Barrier(len(sessies))

    def vul_in(sessie: Sessie) -> tuple[list[float], Counter[str], float, float]:
        tijden: list[float] = []
        fouten: Counter[str] = Counter()
        tegelijk.wait()
        begin = time.perf_counter()
        for j, stelling in enumerate(stellingen):
            voor = time.perf_counter()
            try:
                invullen.sla_antwoord_op(db, vl, sessie, stelling, str((sessie.deelnemer.id + j) % 5 + 1))
            except Exception as exc:  # counted and reported: the figure is "how many failed"
                fouten[type(exc).__name__] += 1
            tijden.append(time.perf_counter() - voor)
        return tijden, fouten, begin, time.perf_counter()

    cpu, klok = time.process_time(), time.perf_counter()
    with ThreadPoolExecutor(len(sessies)) as pool:
        uitkomsten = list(pool.map(vul_in, sessies))
    kernen = (time.process_time() - cpu) / (time.perf_counter() - klok)
    with db.lezen() as s:
        opgeslagen = s.scalar(select(func.count()).where(AntwoordRij.ronde_id == facilitator.ronde.id)) or 0
    fouten: Counter[str] = Counter()
    for _, f, _, _ in uitkomsten:
        fouten.update(f)
    return Gelijktijdig(
        database=naam,
        opgeslagen=opgeslagen,
        verwacht=len(sessies) * len(stellingen),
        fouten=fouten,
        tijden=[t for tijden, _, _, _ in uitkomsten for t in tijden],
        wandtijd=max(u[3] for u in uitkomsten) - min(u[2] for u in uitkomsten),
        alleen=alleen,
        kernen=kernen,
    )


# --- 4. a click in a real browser ----------------------------------------------------------------------


def vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wacht_op_gezond(proces: subprocess.Popen[bytes], poort: int, limiet: float = 60.0) -> None:
    """Until Streamlit's health endpoint says ok; fails early when the server process died."""
    einde = time.monotonic() + limiet
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"streamlit stopte meteen (exitcode {proces.returncode})")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{poort}/_stcore/health", timeout=1) as antwoord:
                if antwoord.read().strip() == b"ok":
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"streamlit gaf na {limiet:.0f} s nog geen 'ok' op /_stcore/health")


@contextmanager
def streamlit_server(url: str, map_: Path, poort: int | None = None) -> Iterator[int]:
    """``streamlit run app.py`` on ``poort`` (default a free one) against ``url``; always terminated afterwards."""
    poort = poort or vrije_poort()
    log = (map_ / "streamlit.log").open("wb")
    proces = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(poort)],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        wacht_op_gezond(proces, poort)
        yield poort
    finally:
        proces.terminate()
        try:
            proces.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()
        log.close()


STOPWATCH = """() => {
    // In-page stopwatch: from the click's pointerdown until a toast with the expected text is in
    // the DOM, both on the page's own clock, so Playwright's overhead is not in this figure.
    window.__bench = {verwacht: null, neer: null, toast: null};
    document.addEventListener("pointerdown", () => {
        if (window.__bench.neer === null) window.__bench.neer = performance.now();
    }, true);
    new MutationObserver(() => {
        const b = window.__bench;
        if (b.verwacht === null || b.toast !== null) return;
        for (const t of document.querySelectorAll("[data-testid=stToast]")) {
            if (t.textContent.includes(b.verwacht)) { b.toast = performance.now(); return; }
        }
    }).observe(document.body, {subtree: true, childList: true, characterData: true});
}"""


def _klikken(pagina: Page, stellingen: int, labels: dict[str, str]) -> Iterator[tuple[int, str, float, float | None]]:
    """Click levels on the first ``stellingen`` radios; yields (nummer, niveau, seconds, in-page seconds).

    Clicks walk over the stellingen with a new level on every visit, so each expected toast
    text ("Opgeslagen: stelling 2, 3 · …") is unique and an older toast still on screen is
    never mistaken for the new one (5 levels: at most 5 × ``stellingen`` clicks). Between
    clicks the script run is allowed to finish, as between two clicks of a person.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    radios = pagina.locator("[data-testid=stRadio]")
    klaar = pagina.locator("[data-testid=stApp][data-test-script-state=notRunning]")
    radios.nth(stellingen).wait_for()  # the ambition radio below the stellingen: the page is complete
    klaar.wait_for()
    pagina.evaluate(STOPWATCH)
    for i in range(min(KLIK_OPWARMEN + KLIKKEN, stellingen * len(labels))):
        nummer = i % stellingen + 1
        niveau = str((i // stellingen) % len(labels) + 1)
        verwacht = f"Opgeslagen: stelling {nummer}, {labels[niveau]}"
        optie = (
            radios.nth(nummer - 1)
            .locator("[data-testid=stRadioOption]")
            .filter(has_text=re.compile("^" + re.escape(labels[niveau]) + "$"))
        )
        optie.scroll_into_view_if_needed()
        pagina.evaluate("v => Object.assign(window.__bench, {verwacht: v, neer: null, toast: null})", verwacht)
        begin = time.perf_counter()
        optie.click()
        try:
            pagina.locator("[data-testid=stToast]").filter(has_text=verwacht).wait_for(state="visible")
        except PlaywrightTimeout:
            yield nummer, niveau, float("inf"), None
            continue
        duur = time.perf_counter() - begin
        in_pagina = pagina.evaluate("() => window.__bench.toast - window.__bench.neer")
        yield nummer, niveau, duur, in_pagina / 1000 if isinstance(in_pagina, int | float) else None
        klaar.wait_for()  # the rerun that showed the toast has finished


def browser_klik(vl: Vragenlijst, map_: Path) -> tuple[Meting, Meting, Waarschuwingen] | str:
    """A radio click in Chromium until the matching "Opgeslagen" toast shows, against ``streamlit run``.

    The whole round trip a participant sees: websocket, rerun with the save, and rendering.
    Timed twice: by Playwright from just before ``click()`` until the toast is visible (the
    figure the goal is about), and by the page itself from pointerdown until the toast is in
    the DOM (the same without Playwright's own actionability checks and polling). Returns the
    reason instead when the figure is skipped.
    """
    if not CHROMIUM.exists():
        return f"browsermeting overgeslagen: {CHROMIUM} ontbreekt (er wordt geen browser gedownload)"
    from playwright.sync_api import Error as PlaywrightFout
    from playwright.sync_api import sync_playwright

    waarschuwingen = Waarschuwingen()
    stellingen = [s.id for s in vl.bouwstenen[0].stellingen]
    labels = {str(n.niveau): f"{n.niveau} · {n.naam.nl}" for n in vl.schaal.niveaus}
    tijden: list[float] = []
    in_pagina: list[float] = []
    laatste: dict[str, str] = {}
    with sqlite_database(map_, "browser") as db:
        deelnemer = start.neem_deel(db, vl, code=bench_ronde(db, vl).ronde.code, naam="Karel")
        with streamlit_server(db.url, map_) as poort, sync_playwright() as pw:
            try:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            except PlaywrightFout as exc:
                return f"browsermeting overgeslagen: Chromium start niet ({str(exc).splitlines()[0]})"
            try:
                pagina = browser.new_page()
                pagina.set_default_timeout(15_000)
                pagina.goto(f"http://127.0.0.1:{poort}/invullen?d={deelnemer.deelnemer.token}")
                for i, (nummer, niveau, duur, binnen) in enumerate(_klikken(pagina, len(stellingen), labels)):
                    if duur == float("inf"):
                        waarschuwingen.regels.append(f"klik {i + 1}: geen toast '{labels[niveau]}' binnen 15 s")
                        continue
                    laatste[stellingen[nummer - 1]] = niveau
                    if i >= KLIK_OPWARMEN:
                        tijden.append(duur)
                        if binnen is not None:
                            in_pagina.append(binnen)
            finally:
                browser.close()
        opgeslagen = invullen.mijn_antwoorden(db, deelnemer)
        verkeerd = [s for s, w in laatste.items() if s not in opgeslagen or opgeslagen[s].antwoord != w]
        if verkeerd:
            waarschuwingen.regels.append(f"de database heeft niet de laatste keuze voor {', '.join(verkeerd)}")
    if not tijden or not in_pagina:
        return "browsermeting mislukt: geen enkele klik gaf een toast"
    return (
        Meting(
            "klik tot 'Opgeslagen'-toast (Chromium, streamlit run)",
            tijden,
            "Playwright: vlak voor click() op een niveau tot de toast met die keuze zichtbaar is (websocket, rerun "
            f"met opslaan in SQLite, renderen); {KLIK_OPWARMEN} klikken opwarmen niet meegeteld",
            doel=0.300,
        ),
        Meting(
            "  zelfde klik, in de pagina gemeten",
            in_pagina,
            "klok van de pagina: pointerdown tot de toast in de DOM staat, zonder de wachtlussen van Playwright",
        ),
        waarschuwingen,
    )


# --- all together ---------------------------------------------------------------------------------------


def draai_workshop(vl: Vragenlijst, postgres_url: str) -> None:
    """Figures 1 to 3: AppTest of Invullen and Resultaten, and 25 participants at once."""
    print()
    print("Workshop, aan de serverkant (AppTest in dit proces; SQLite in een tijdelijk bestand)")
    with tempfile.TemporaryDirectory(prefix="bench_") as tijdelijk:
        map_ = Path(tijdelijk)
        for figuur in (antwoord_wijzigen, resultaten_pagina, resultaten_groot):
            try:
                *metingen, waarschuwingen = figuur(vl, map_)
            except FiguurMislukt as fout:
                print(f"MISLUKT, geen cijfer: {fout}")
                continue
            for meting in metingen:
                meting.druk_af()
            waarschuwingen.druk_af()

        print()
        print("Gelijktijdig opslaan (threads in dit proces via scan.services; elke run een eigen, lege database)")
        with sqlite_database(map_, "gelijktijdig") as db:
            gelijktijdig(db, vl, "SQLite (tijdelijk bestand)").druk_af(doel_p95=0.050)
        try:
            with postgres_database(postgres_url) as url:
                db = open_database(url)
                try:
                    naam = f"PostgreSQL (database {make_url(url).database}, weggegooid na afloop)"
                    gelijktijdig(db, vl, naam).druk_af(doel_p95=0.050)
                finally:
                    db.sluit()
        except PostgresOvergeslagen as reden:
            print(f"PostgreSQL overgeslagen: {reden}")


def draai_browser(vl: Vragenlijst) -> None:
    """Figure 4: a real click in Chromium against ``streamlit run``."""
    print()
    print("Workshop, in de browser (streamlit run + Chromium headless via Playwright)")
    with tempfile.TemporaryDirectory(prefix="bench_") as tijdelijk:
        uitkomst = browser_klik(vl, Path(tijdelijk))
    if isinstance(uitkomst, str):
        print(uitkomst)
        return
    *metingen, waarschuwingen = uitkomst
    for meting in metingen:
        meting.druk_af()
    waarschuwingen.druk_af()
