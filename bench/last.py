"""Load generator at the protocol level (issue 20, item 3): phones and facilitators on the wire.

Layer: ``bench``. Browsers cannot simulate hundreds of people on one machine; this can. Each
simulated person is a :class:`bench.stroom.Sessie` (one WebSocket, the browser's protocol):

- a **participant** opens Start, types the round's code and a name in the join form and presses
  "Meedoen" (as a phone does), lands on Invullen, and then answers the stellingen of the
  bouwsteen one after another at a pace of one change every ``tempo`` seconds (uniform jitter
  of ±``spreiding``), presses "Volgende" when the bouwsteen is done, and keeps the page's own
  timers running (Invullen's ``volg`` fragment reruns every second, as in a browser);
- a **facilitator** opens Workshop with the round's personal link; its live parts are fragments
  with ``run_every``, and the client reruns them on the server's timers, as the browser does.

Measured per click: **click-to-confirmation**, from sending the widget change until the run that
carries the "Opgeslagen: stelling N" toast has finished (the script run's ``script_finished``
after that toast). A click fails on an exception element, an error toast, a run that finished
without the confirmation, a closed socket or the timeout; a failed click counts as slower than
any (percentiles over all clicks), never as fast. After a run every click counted as confirmed
is checked against the database: the answer stored for that stelling is the value sent last.

Bounded: at most :data:`MAX_DEELNEMERS` participants, :data:`MAX_FACILITATORS` facilitators and
:data:`MAX_DUUR` seconds; loopback and private addresses only (``bench.stroom``).

``python -m bench --alleen last`` starts one app process (``python -m scan start``) on a fresh
PostgreSQL database (``--postgres``) on port ``$BENCH_LAST_POORT`` (default 8740) and runs a short
load. ``python -m bench.last --help``: the same against an app of your own (``--url`` and its
``--database``), with your own counts and pace.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.stroom import KLAAR, Gebeurtenis, Sessie, druk, gebruikerssleutel, tekst

ROOT = Path(__file__).resolve().parent.parent
MAX_DEELNEMERS = 600
MAX_FACILITATORS = 100
MAX_DUUR = 1800.0
PER_WORKSHOP = 15
"""Phones per round when the generator spreads participants over rounds (a workshop's room)."""
STANDAARD_POORT = 8740
TOKEN = re.compile(r"[#?&]d=([A-Za-z0-9_-]{8,128})")


# --- one run's figures --------------------------------------------------------------------------


@dataclass
class Klik:
    soort: str  # "antwoord" or "volgende"
    verstuurd: float
    """perf_counter at sending."""
    duur: float | None
    """Seconds to confirmation; None: failed (see ``fout``)."""
    fout: str | None = None


@dataclass
class Einde:
    """When the people stop (perf_counter); a stepped run moves it once it knows."""

    moment: float


@dataclass
class Deelnemer:
    naam: str
    code: str
    kliks: list[Klik] = field(default_factory=list)
    meedoen: float | None = None
    """Seconds from pressing "Meedoen" until Invullen was drawn."""
    token: str | None = None
    verstuurd: dict[str, tuple[str, bool]] = field(default_factory=dict)
    """Stelling id -> (the answer value sent last, whether that click was confirmed)."""
    fout: str | None = None
    """Why this participant stopped (could not join, socket closed)."""
    sessie: Sessie | None = None
    bezig: float | None = None
    """When the click now waiting for its confirmation was sent."""


@dataclass
class Facilitator:
    token: str
    fout: str | None = None
    sessie: Sessie | None = None


@dataclass
class Uitslag:
    deelnemers: list[Deelnemer]
    facilitators: list[Facilitator]
    begin: float
    einde: float
    generator_cpu: float
    """CPU seconds of this process (the generator itself) over the run."""
    lus_vertraging: list[float]
    """How late the event loop woke up (s), sampled every 0.1 s: a busy generator delays receipts."""

    def kliks(self, soort: str = "antwoord", van: float = -math.inf, tot: float = math.inf) -> list[Klik]:
        return [k for d in self.deelnemers for k in d.kliks if k.soort == soort and van <= k.verstuurd < tot]


def percentiel(waarden: Sequence[float], p: float) -> float:
    """Nearest-rank percentile; ``inf`` stands for a failed click."""
    if not waarden:
        return math.nan
    rij = sorted(waarden)
    return rij[max(0, min(len(rij) - 1, math.ceil(p / 100 * len(rij)) - 1))]


def duren(kliks: Sequence[Klik]) -> list[float]:
    return [k.duur if k.duur is not None else math.inf for k in kliks]


# --- the people -----------------------------------------------------------------------------------


def _bevestigd(nummer: int) -> str:
    from scan.ui.teksten import t

    # "Opgeslagen: stelling {nummer}, {keuze}": up to the comma, the choice's words vary.
    return t("invullen.opgeslagen", nummer=nummer, keuze="").rstrip()


def beoordeel(gebeurtenissen: Sequence[Gebeurtenis], verwacht: str) -> tuple[bool, str | None]:
    """Whether one answer click is decided by these events (those since it was sent), and why it
    failed (None: confirmed). Confirmed is the expected toast followed by the end of its run;
    another fragment's run (a timer) may end in between and is not the click's."""
    gezien = False
    for g in gebeurtenissen:
        if g.soort == "fout":
            return True, f"exception: {g.tekst[:80]}"
        if g.soort == "dicht":
            return True, "verbinding dicht"
        if g.soort == "toast":
            if not g.tekst.startswith(verwacht):
                return True, f"toast: {g.tekst[:80]}"  # "Niet opgeslagen", a refusal
            gezien = True
        if g.soort == "klaar":
            if gezien:
                return True, None
            if g.tekst == str(KLAAR):
                volgorde = " ".join(f"{x.soort}:{x.tekst[:20]}" for x in gebeurtenissen[:6])
                return True, f"run klaar zonder bevestiging ({volgorde})"
    return False, None


async def _wacht_tot(moment: float, stop: Einde) -> bool:
    while (rest := min(moment, stop.moment) - time.perf_counter()) > 0:
        await asyncio.sleep(min(rest, 1.0))
    return time.perf_counter() < stop.moment


async def deelnemer(
    basis: str,
    d: Deelnemer,
    *,
    tempo: float,
    spreiding: float,
    stop: Einde,
    rng: random.Random,
    timeout: float,
    host: str | None = None,
) -> None:
    """One phone: join by code, then answer at ``tempo`` until ``stop`` (perf_counter)."""
    from scan.ui.teksten import t
    from scoring.uitwissel import ANTWOORDEN

    s = Sessie(basis, host=host, timeout=timeout)
    d.sessie = s
    try:
        await s.verbind()
        await s.run(pagina="", query="")
        code = s.widget("text_input", label=t("start.code"))
        naam = s.widget("text_input", label=t("start.naam"))
        knop = s.widget("button", label=t("start.meedoen.knop"))
        begin = time.perf_counter()
        await s.run(
            [tekst(code.proto.id, d.code), tekst(naam.proto.id, d.naam), druk(knop.proto.id)],
            fragment_id=knop.fragment_id,
        )
        d.meedoen = time.perf_counter() - begin
        if not any(gebruikerssleutel(w).startswith("a_") for w in s.elementen):
            raise LookupError(f"na Meedoen geen stellingen op de pagina ({s.fouten[-1:] or 'geen melding'})")
        for regel in s.code_teksten:
            if gevonden := TOKEN.search(regel):
                d.token = gevonden.group(1)
        volgende = time.perf_counter() + rng.uniform(0, tempo)
        beantwoord: set[str] = set()
        while await _wacht_tot(volgende, stop):
            radios = [
                e
                for e in s.elementen.values()
                if e.soort == "radio" and gebruikerssleutel(e.proto.id).startswith("a_") and not e.proto.disabled
            ]
            open_ = [e for e in radios if e.proto.id not in beantwoord]
            verstuurd = time.perf_counter()
            d.bezig = verstuurd
            if not open_ and any(gebruikerssleutel(w) == "volgende_onder" for w in s.elementen):
                knop = s.widget("button", sleutel="volgende_onder")
                s.vergeet()
                vanaf = await s.stuur([druk(knop.proto.id)], fragment_id=knop.fragment_id)
                try:
                    moment = await s.wacht(vanaf, _pagina_of_fout)
                    fout = next((g.tekst for g in s.gebeurtenissen(vanaf) if g.soort == "fout"), None)
                    d.kliks.append(Klik("volgende", verstuurd, None if fout else moment - verstuurd, fout))
                except TimeoutError:
                    d.kliks.append(Klik("volgende", verstuurd, None, "timeout"))
                except ConnectionError:
                    d.kliks.append(Klik("volgende", verstuurd, None, "verbinding dicht"))
                s.vergeet()
                beantwoord.clear()
            elif radios:
                element = open_[0] if open_ else rng.choice(radios)
                nummer = radios.index(element) + 1
                huidig = s.widgets.get(element.proto.id)
                keuzes = [o for o in list(element.proto.options)[:5] if huidig is None or o != huidig.string_value]
                keuze = rng.choice(keuzes)
                waarde = ANTWOORDEN[list(element.proto.options).index(keuze)]
                stelling = gebruikerssleutel(element.proto.id)[2:]
                verwacht = _bevestigd(nummer)
                s.vergeet()
                vanaf = await s.stuur([tekst(element.proto.id, keuze)], fragment_id=element.fragment_id)
                try:
                    moment = await s.wacht(vanaf, lambda g, v=verwacht: beoordeel(g, v)[0])  # type: ignore[misc]
                    fout = beoordeel(s.gebeurtenissen(vanaf), verwacht)[1]
                except TimeoutError:
                    moment, fout = 0.0, "timeout"
                except ConnectionError:
                    moment, fout = 0.0, "verbinding dicht"
                d.kliks.append(Klik("antwoord", verstuurd, None if fout else moment - verstuurd, fout))
                d.verstuurd[stelling] = (waarde, fout is None)
                beantwoord.add(element.proto.id)
                s.vergeet()
            d.bezig = None
            volgende = max(verstuurd + tempo * rng.uniform(1 - spreiding, 1 + spreiding), time.perf_counter())
    except (ConnectionError, OSError, LookupError, TimeoutError) as exc:
        d.fout = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        await s.sluit()


def _pagina_of_fout(gebeurtenissen: list[Gebeurtenis]) -> bool:
    return any(g.soort == "fout" or (g.soort == "klaar" and g.tekst == str(KLAAR)) for g in gebeurtenissen)


async def facilitator(basis: str, f: Facilitator, *, stop: Einde, timeout: float, host: str | None = None) -> None:
    """One facilitator's Workshop page, its live parts rerunning on the server's timers."""
    s = Sessie(basis, host=host, timeout=timeout)
    f.sessie = s
    try:
        await s.verbind()
        await s.run(pagina="workshop", query=f"d={f.token}")
        if s.fouten:
            raise LookupError(s.fouten[-1])
        if not s.timers:
            raise LookupError("Workshop zette geen ververs-timer (run_every)")
        while not s.dicht and time.perf_counter() < stop.moment:
            await asyncio.sleep(min(1.0, max(0.0, stop.moment - time.perf_counter())))
            s.vergeet()
    except (ConnectionError, OSError, LookupError, TimeoutError) as exc:
        f.fout = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        await s.sluit()


async def meet_lus(vertraging: list[float], stop: Einde) -> None:
    while time.perf_counter() < stop.moment:
        voor = time.perf_counter()
        await asyncio.sleep(0.1)
        vertraging.append(time.perf_counter() - voor - 0.1)


@dataclass
class Ronde:
    code: str
    facilitator_token: str
    ronde_id: int


def verdeel(aantal: int, rondes: Sequence[Ronde], begin: int = 0) -> list[Deelnemer]:
    """``aantal`` participants, ``PER_WORKSHOP`` to a round, named so the database can find them."""
    return [
        Deelnemer(naam=f"Last {begin + i + 1}", code=rondes[((begin + i) // PER_WORKSHOP) % len(rondes)].code)
        for i in range(aantal)
    ]


async def belast(
    basis: str,
    deelnemers: list[Deelnemer],
    facilitators: list[Facilitator],
    *,
    tempo: float,
    spreiding: float = 0.5,
    duur: float,
    timeout: float = 30.0,
    zaad: int = 20,
    instroom: float = 10.0,
    host: str | None = None,
) -> Uitslag:
    """Run the people until ``duur`` seconds from now. Participants join spread over ``instroom``
    seconds (a room does not press "Meedoen" in the same millisecond)."""
    if len(deelnemers) > MAX_DEELNEMERS or len(facilitators) > MAX_FACILITATORS or duur > MAX_DUUR:
        raise ValueError(
            f"te veel: hoogstens {MAX_DEELNEMERS} deelnemers, {MAX_FACILITATORS} facilitators, {MAX_DUUR:.0f} s"
        )
    cpu = time.process_time()
    begin = time.perf_counter()
    stop = Einde(begin + duur)
    vertraging: list[float] = []
    taken = [asyncio.create_task(facilitator(basis, f, stop=stop, timeout=timeout, host=host)) for f in facilitators]
    taken.append(asyncio.create_task(meet_lus(vertraging, stop)))
    for i, d in enumerate(deelnemers):
        rng = random.Random(zaad * 100_003 + i)
        taken.append(
            asyncio.create_task(
                _later(
                    instroom * i / max(1, len(deelnemers)),
                    deelnemer(
                        basis, d, tempo=tempo, spreiding=spreiding, stop=stop, rng=rng, timeout=timeout, host=host
                    ),
                )
            )
        )
    await asyncio.gather(*taken)
    return Uitslag(deelnemers, facilitators, begin, time.perf_counter(), time.process_time() - cpu, vertraging)


async def _later(seconden: float, taak: object) -> None:
    await asyncio.sleep(seconden)
    await taak  # type: ignore[misc]


# --- the database's side ------------------------------------------------------------------------


def maak_rondes(database_url: str, aantal: int) -> list[Ronde]:
    """``aantal`` fresh rounds in Eigen tempo, each with its facilitator's personal token."""
    import datetime as dt

    from scan.db.openen import open_database
    from scan.gemeenten import alle_gemeenten
    from scan.services import start
    from scan.services.toegang import lokale_gebruiker
    from scoring.loader import laad_vragenlijst

    vl = laad_vragenlijst()
    db = open_database(database_url)
    try:
        uit = []
        gemeenten = alle_gemeenten()
        for i in range(aantal):
            fac = start.start_ronde_als(
                db,
                vl,
                lokale_gebruiker(),
                gm_code=gemeenten[i % len(gemeenten)].gm_code,
                facilitator=f"Facilitator {i + 1}",
                datum=dt.date(2026, 12, 7),
                omschrijving=f"Last {i + 1}",
            )
            uit.append(Ronde(fac.ronde.code, fac.deelnemer.token, fac.ronde.id))
        return uit
    finally:
        db.sluit()


@dataclass
class Controle:
    bevestigd: int
    """Stellingen whose last click was confirmed."""
    opgeslagen: int
    """... of which the database holds that very value."""
    afwijkend: list[str]
    zonder_token: int
    """Participants that joined but whose personal link the client did not see (not checked)."""
    toelichtingen: int = 0
    """Notes stored (the generator never types one; an empty note saved counts too)."""
    ongevraagd: int = 0
    """Answers stored for stellingen the participant never clicked (a client that sends values
    a person did not choose, as a browser rebuilding a radio once did, would show here)."""


def controleer(database_url: str, deelnemers: Sequence[Deelnemer]) -> Controle:
    """Every click counted as confirmed is stored: the last value sent per stelling, when that
    click was confirmed, is the answer in the database (a later failed click may or may not
    have landed; such stellingen are not counted)."""
    from scan.db.openen import open_database
    from scan.services import samen, start

    db = open_database(database_url)
    try:
        bevestigd = opgeslagen = zonder = ongevraagd = toelichtingen = 0
        afwijkend: list[str] = []
        for d in deelnemers:
            te_zien = {s: w for s, (w, ok) in d.verstuurd.items() if ok}
            if not te_zien:
                continue
            sessie = start.sessie_voor_token(db, d.token) if d.token else None
            if sessie is None:
                zonder += 1
                continue
            antwoorden = samen.telefoon(db, sessie).antwoorden
            toelichtingen += sum(1 for a in antwoorden.values() if a.toelichting is not None)
            ongevraagd += sum(1 for s, a in antwoorden.items() if a.antwoord is not None and s not in d.verstuurd)
            for stelling, waarde in te_zien.items():
                bevestigd += 1
                gevonden = antwoorden.get(stelling)
                if gevonden is not None and gevonden.antwoord == waarde:
                    opgeslagen += 1
                else:
                    afwijkend.append(
                        f"{d.naam} {stelling}: {waarde} verstuurd, {gevonden and gevonden.antwoord} opgeslagen"
                    )
        return Controle(bevestigd, opgeslagen, afwijkend, zonder, toelichtingen, ongevraagd)
    finally:
        db.sluit()


# --- app processes ------------------------------------------------------------------------------


def cpu_seconden(pid: int) -> float:
    """User plus system CPU of ``pid`` and its waited-for children so far (Linux /proc)."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(v) for v in velden[11:15]) / os.sysconf("SC_CLK_TCK")


def app_omgeving(database_url: str, poort: int, publiek: str, extra: dict[str, str] | None = None) -> dict[str, str]:
    """What the image's command gets (Dockerfile and compose.yaml), for a process on ``poort``."""
    return {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "STREAMLIT_SERVER_ADDRESS": "127.0.0.1",
        "STREAMLIT_SERVER_PORT": str(poort),
        "DATABASE_URL": database_url,
        "SCAN_PUBLIEKE_URL": publiek,
        "STREAMLIT_SERVER_ALLOWED_HOSTS": "localhost",
        **(extra or {}),
    }


def _wacht_gezond(proces: subprocess.Popen[bytes], poort: int, log: Path, limiet: float = 120.0) -> None:
    einde = time.monotonic() + limiet
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"app op poort {poort} stopte: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{poort}/_stcore/health", timeout=2) as antwoord:
                if antwoord.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"app op poort {poort} antwoordt niet: {log.read_text(errors='replace')[-2000:]}")


def stop_proces(proces: subprocess.Popen[bytes]) -> None:
    if proces.poll() is None:
        proces.terminate()
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()
        proces.wait()


@contextmanager
def app_processen(
    database_url: str, poorten: Sequence[int], map_: Path, publiek: str, extra: dict[str, str] | None = None
) -> Iterator[list[subprocess.Popen[bytes]]]:
    """``python -m scan start`` once per port on one database (the first migrates it alone)."""
    with ExitStack() as stapel:
        processen = []
        for i, poort in enumerate(poorten):
            log = map_ / f"app{i + 1}.log"
            uit = stapel.enter_context(log.open("wb"))
            proces = subprocess.Popen(
                [sys.executable, "-m", "scan", "start"],
                cwd=ROOT,
                env=app_omgeving(database_url, poort, publiek, extra),
                stdout=uit,
                stderr=subprocess.STDOUT,
            )
            stapel.callback(stop_proces, proces)
            processen.append(proces)
            if i == 0:
                _wacht_gezond(proces, poort, log)
        for i, (proces, poort) in enumerate(zip(processen, poorten, strict=True)):
            _wacht_gezond(proces, poort, map_ / f"app{i + 1}.log")
        yield processen


# --- reporting ----------------------------------------------------------------------------------


def ms(waarde: float) -> str:
    if math.isnan(waarde):
        return "–"
    return "mislukt" if math.isinf(waarde) else f"{waarde * 1000:.0f} ms"


def druk_uitslag(u: Uitslag, van: float | None = None, tot: float | None = None) -> None:
    van = u.begin if van is None else van
    tot = u.einde if tot is None else tot
    kliks = u.kliks("antwoord", van, tot)
    tijden = duren(kliks)
    mislukt = [k for k in kliks if k.duur is None]
    redenen: dict[str, int] = {}
    for k in mislukt:
        redenen[(k.fout or "?")[:60]] = redenen.get((k.fout or "?")[:60], 0) + 1
    volgende = duren(u.kliks("volgende", van, tot))
    meedoen = [d.meedoen for d in u.deelnemers if d.meedoen is not None]
    auto = [t for f in u.facilitators if f.sessie for t in f.sessie.auto_tijden]
    auto_deelnemers = sum(d.sessie.auto_reruns for d in u.deelnemers if d.sessie)
    gestopt = [d.fout for d in u.deelnemers if d.fout] + [f.fout for f in u.facilitators if f.fout]
    sessies = [d.sessie for d in u.deelnemers if d.sessie] + [f.sessie for f in u.facilitators if f.sessie]
    fouten = sum(len(s.fouten) for s in sessies)
    wand = u.einde - u.begin
    print(
        f"  klik tot bevestiging: {len(kliks)} kliks, {len(mislukt)} mislukt; "
        f"p50 {ms(percentiel(tijden, 50))}, p95 {ms(percentiel(tijden, 95))}, max {ms(max(tijden, default=math.nan))}"
    )
    for reden, aantal in sorted(redenen.items(), key=lambda r: -r[1]):
        print(f"    mislukt ({aantal}x): {reden}")
    if volgende:
        print(
            f"  Volgende tot de nieuwe bouwsteen: {len(volgende)}x, p50 {ms(percentiel(volgende, 50))}, "
            f"p95 {ms(percentiel(volgende, 95))}"
        )
    if meedoen:
        print(
            f"  meedoen (Meedoen tot Invullen): {len(meedoen)}x, p50 {ms(percentiel(meedoen, 50))}, "
            f"p95 {ms(percentiel(meedoen, 95))}"
        )
    if auto:
        print(
            f"  facilitatoren: {len(auto)} automatische fragment-runs, p50 {ms(percentiel(auto, 50))}, "
            f"p95 {ms(percentiel(auto, 95))}"
        )
    print(f"  telefoons: {auto_deelnemers} automatische fragment-runs (volg: of de facilitator verder is) gevraagd")
    print(f"  exception-elementen en gesloten verbindingen: {fouten}; gestopte sessies: {len(gestopt)}")
    for reden in sorted(set(gestopt))[:5]:
        print(f"    {reden}")
    print(
        f"  lastgenerator: {u.generator_cpu:.1f} s CPU in {wand:.0f} s ({u.generator_cpu / wand:.0%} van een kern); "
        f"event loop te laat p95 {ms(percentiel(u.lus_vertraging, 95))}, max {ms(max(u.lus_vertraging, default=0.0))}"
    )


def _lees_telling(bestand: Path) -> dict[str, Any]:
    """The app process's SQL counts so far (``bench/sqltelling``), waiting a moment for the first."""
    for _ in range(30):
        try:
            return dict(json.loads(bestand.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            time.sleep(0.1)
    return {}


def _druk_telling(voor: dict[str, Any], na: dict[str, Any], kliks: int) -> None:
    if not na:
        print("  SQL-telling: geen telling van het app-proces (bench/sqltelling niet geladen)")
        return
    statements = na["statements"] - voor.get("statements", 0)
    seconden = na["seconden"] - voor.get("seconden", 0.0)
    checkouts = na["checkouts"] - voor.get("checkouts", 0)
    soorten = {k: v - voor.get("soorten", {}).get(k, 0) for k, v in na["soorten"].items()}
    print(
        f"  SQL per klik (SQLAlchemy-events in het app-proces, alles meegeteld): {statements / kliks:.1f} statements, "
        f"{seconden / kliks * 1000:.1f} ms wachten op de database, {checkouts / kliks:.1f} pool-checkouts "
        "(elk met een eigen SELECT 1 door pool_pre_ping)"
    )
    print("    " + ", ".join(f"{k} {v / kliks:.1f}" for k, v in sorted(soorten.items(), key=lambda r: -r[1]) if v))


def druk_controle(c: Controle) -> None:
    print(
        f"  database: {c.opgeslagen} van {c.bevestigd} bevestigde antwoorden staan zo opgeslagen"
        + (f"; {c.zonder_token} deelnemers zonder gezien token niet gecontroleerd" if c.zonder_token else "")
        + f"; {c.ongevraagd} antwoorden opgeslagen die niemand klikte; {c.toelichtingen} toelichtingen opgeslagen "
        "(de generator typt er geen)"
    )
    for regel in c.afwijkend[:5]:
        print(f"    AFWIJKEND: {regel}")


# --- the bench part and the command -------------------------------------------------------------


def draai_last(postgres_url: str, *, deelnemers: int = 30, tempo: float = 5.0, duur: float = 75.0) -> None:
    """``python -m bench --alleen last``: one app process on fresh PostgreSQL, a short load."""
    from bench.workshop import PostgresOvergeslagen, postgres_database

    poort = int(os.environ.get("BENCH_LAST_POORT") or STANDAARD_POORT)
    rondes_nodig = math.ceil(deelnemers / PER_WORKSHOP)
    print(
        f"\nlast (issue 20, item 3): {deelnemers} telefoons in {rondes_nodig} rondes, 1 klik per {tempo:g} s "
        f"(±50%), {rondes_nodig} facilitatoren op Workshop, {duur:.0f} s, 1 app-proces op PostgreSQL (poort {poort})"
    )
    try:
        with ExitStack() as stapel:
            url = stapel.enter_context(postgres_database(postgres_url))
            map_ = Path(stapel.enter_context(tempfile.TemporaryDirectory(prefix="bench-last-")))
            telling = map_ / "sql.json"
            sql_extra = {"PYTHONPATH": str(ROOT / "bench" / "sqltelling"), "BENCH_SQL_TELLING": str(telling)}
            processen = stapel.enter_context(
                app_processen(url, [poort], map_, f"http://localhost:{poort}", extra=sql_extra)
            )
            rondes = maak_rondes(url, rondes_nodig)
            mensen = verdeel(deelnemers, rondes)
            facs = [Facilitator(r.facilitator_token) for r in rondes]
            sql_voor = _lees_telling(telling)
            cpu = cpu_seconden(processen[0].pid)
            u = asyncio.run(
                belast(f"http://127.0.0.1:{poort}", mensen, facs, tempo=tempo, duur=duur, host=f"localhost:{poort}")
            )
            cpu = cpu_seconden(processen[0].pid) - cpu
            time.sleep(1.5)  # the counter writes once a second
            sql_na = _lees_telling(telling)
            druk_uitslag(u)
            kliks = len(u.kliks("antwoord")) + len(u.kliks("volgende"))
            if kliks:
                print(
                    f"  app-proces: {cpu:.1f} s CPU, {cpu / kliks * 1000:.0f} ms per klik "
                    "(alles meegeteld: meedoen, Workshop, de timers van telefoons en facilitatoren)"
                )
                _druk_telling(sql_voor, sql_na, kliks)
            druk_controle(controleer(url, mensen))
            _stil(f"http://127.0.0.1:{poort}", url, processen[0].pid, telling, deelnemers, poort)
    except PostgresOvergeslagen as reden:
        print(f"  overgeslagen: {reden}")


STIL_DUUR = 30.0
STIL_VAN = 15.0
"""The idle phase: everyone has joined after ``STIL_VAN`` seconds; measured from there to the end."""


def _stil(basis: str, url: str, pid: int, telling: Path, aantal: int, poort: int) -> None:
    """What connected phones cost while nobody clicks: their ``volg`` timer (every 2 s in Eigen tempo), and the
    facilitators' refreshes (fresh rounds and people, so the click figures above stay apart)."""
    rondes = maak_rondes(url, math.ceil(aantal / PER_WORKSHOP))
    mensen = verdeel(aantal, rondes, begin=10_000)
    facs = [Facilitator(r.facilitator_token) for r in rondes]
    metingen: dict[str, Any] = {}

    async def _meet() -> None:
        await asyncio.sleep(STIL_VAN)
        metingen["voor"] = (time.perf_counter(), cpu_seconden(pid), _lees_telling(telling))
        await asyncio.sleep(STIL_DUUR - STIL_VAN - 1.5)
        metingen["na"] = (time.perf_counter(), cpu_seconden(pid), _lees_telling(telling))

    async def _beide() -> Uitslag:
        meting = asyncio.create_task(_meet())
        u = await belast(basis, mensen, facs, tempo=1e6, duur=STIL_DUUR, instroom=5.0, host=f"localhost:{poort}")
        await meting
        return u

    u = asyncio.run(_beide())
    (t0, cpu0, sql0), (t1, cpu1, sql1) = metingen["voor"], metingen["na"]
    seconden = t1 - t0
    verbonden = sum(1 for d in mensen if d.meedoen is not None and d.fout is None)
    auto = sum(d.sessie.auto_reruns for d in mensen if d.sessie)
    statements = sql1.get("statements", 0) - sql0.get("statements", 0) if sql0 and sql1 else math.nan
    print(
        f"  stil ({verbonden} telefoons en {len(facs)} facilitatoren verbonden, niemand klikt, {seconden:.0f} s gemeten): "
        f"app {(cpu1 - cpu0) / seconden * 1000:.0f} ms CPU per seconde = {(cpu1 - cpu0) / seconden / max(1, verbonden) * 1000:.1f} ms "
        f"per telefoon per seconde; {statements / seconden:.1f} SQL-statements per seconde; "
        f"{auto} fragment-runs van telefoons gevraagd"
    )
    fouten = [d.fout for d in u.deelnemers if d.fout] + [f.fout for f in u.facilitators if f.fout]
    if fouten:
        print(f"    gestopt: {len(fouten)} ({fouten[0]})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.last", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a running app (http://127.0.0.1:PORT or a proxy); without it one is started")
    parser.add_argument("--database", help="that app's DATABASE_URL: rounds are made there, answers checked there")
    parser.add_argument("--deelnemers", type=int, default=30)
    parser.add_argument("--facilitators", type=int, help="default: one per round of 15 participants")
    parser.add_argument("--tempo", type=float, default=5.0, help="seconds between one participant's clicks (default 5)")
    parser.add_argument("--spreiding", type=float, default=0.5, help="jitter as a fraction of --tempo (default 0.5)")
    parser.add_argument("--duur", type=float, default=60.0, help=f"seconds (at most {MAX_DUUR:.0f})")
    parser.add_argument("--postgres", help="without --url: the PostgreSQL server to make a database on")
    args = parser.parse_args(argv)
    if args.url is None:
        from bench.workshop import standaard_postgres_url

        draai_last(
            args.postgres or standaard_postgres_url(), deelnemers=args.deelnemers, tempo=args.tempo, duur=args.duur
        )
        return 0
    if not args.database:
        parser.error("--url vraagt ook --database (om rondes te maken en antwoorden te controleren)")
    rondes = maak_rondes(args.database, math.ceil(args.deelnemers / PER_WORKSHOP))
    facs = [Facilitator(r.facilitator_token) for r in rondes][: args.facilitators]
    mensen = verdeel(args.deelnemers, rondes)
    u = asyncio.run(belast(args.url, mensen, facs, tempo=args.tempo, spreiding=args.spreiding, duur=args.duur))
    druk_uitslag(u)
    druk_controle(controleer(args.database, mensen))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
