"""Scale-out (issue 20, item 4): 1, 2 and 4 app processes behind nginx on one PostgreSQL database.

Layer: ``bench``. For each process count: a fresh PostgreSQL database on the ``--postgres``
server, that many ``python -m scan start`` processes on it (ports 8741 and up), and nginx in
front with ``deploy/nginx/zelfscan.conf`` as shipped, changed only where this machine differs
(as ``tests/e2e/test_proxy_browser.py`` does): the upstream servers (one line per process
instead of ``app1``/``app2``), the listen addresses and ports (127.0.0.1:8750 for http,
127.0.0.1:8751 for https), the host name (localhost), a self-signed certificate made here, the
log paths and the certbot webroot. TLS, the sticky cookie (``hash $zelfscan_sleutel
consistent``), the WebSocket location and everything else stay as shipped.

The load generator (``bench/last.py``) then steps the number of participants up (20, 40, 60,
... at one click per ``tempo`` seconds each, 15 to a round with its facilitator on Workshop):
participants of earlier steps stay and keep clicking, the new ones join by code, and after they
joined the step measures for ``venster`` seconds. A step holds when p95 click-to-confirmation is at
most 500 ms and at most 1% of the clicks failed (a failed click counts as slower than any). The
table gives, per process count, the last step that held, with:

- p50 and p95 click-to-confirmation, clicks per second;
- CPU per click of the app processes (``/proc/<pid>/stat``, everything they did in the window,
  the phones' ``volg`` timers and the facilitators' refreshes included), of the
  PostgreSQL backends serving this database, of nginx and of the load generator; the machine's
  busy share of its cores (``/proc/stat``);
- database load per click from ``pg_stat_database`` deltas for this database: transactions,
  rows returned and fetched, rows written, and ``active_time`` (time spent running statements).
  ``pg_stat_statements`` is not used: it needs ``shared_preload_libraries`` and a restart of a
  server that others share. ``python -m bench --alleen last`` counts statements per click in its
  one-process run with SQLAlchemy events instead (``bench/sqltelling``);
- the connection pool: the settings of ``scan/db/verbinding.py`` and the most connections this
  database had at once (``pg_stat_activity``).

Everything runs on this machine (2 cores): the generator, nginx and PostgreSQL take CPU from the
app processes, which the CPU columns show; per core the capacity is extrapolated from the
app's CPU per click. Bounded: ``--schaal-tijd`` seconds per process count (default 190: the
three counts take under 10 minutes), at most ``bench.last.MAX_DEELNEMERS`` participants.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import math
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from bench.last import (
    PER_WORKSHOP,
    Deelnemer,
    Einde,
    Facilitator,
    Ronde,
    app_processen,
    controleer,
    cpu_seconden,
    deelnemer,
    duren,
    facilitator,
    maak_rondes,
    ms,
    percentiel,
    stop_proces,
    verdeel,
)

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "deploy" / "nginx" / "zelfscan.conf"
APP_POORT = 8741
HTTP_POORT = 8750
HTTPS_POORT = 8751
HOST = "localhost"
GRENS = 0.5
"""p95 click-to-confirmation a step must stay within (issue 20, item 4)."""
MAX_MISLUKT = 0.01
POOL = "pool_size=10, max_overflow=20, pool_pre_ping=True, pool_timeout=60 (per proces, scan/db/verbinding.py)"


# --- nginx --------------------------------------------------------------------------------------


def nginx_conf(tekst: str, *, apps: Sequence[int], http: int, https: int, map_: Path) -> str:
    """``zelfscan.conf`` with only what differs on this machine replaced (each left-hand side must
    stand in the file exactly like this; when the file changes, this fails instead of measuring
    something else)."""
    servers = "\n    ".join(f"server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in apps)
    vervangingen = {
        "server app1:8501 max_fails=1 fail_timeout=10s;": servers,
        "    server app2:8501 max_fails=1 fail_timeout=10s;\n": "",
        "listen 80 default_server;": f"listen 127.0.0.1:{http} default_server;",
        "listen 443 ssl default_server;": f"listen 127.0.0.1:{https} ssl default_server;",
        "listen 443 ssl;": f"listen 127.0.0.1:{https} ssl;",
        "server_name ${ZELFSCAN_HOSTNAAM};": f"server_name {HOST};",
        "/etc/nginx/certs/fullchain.pem": str(map_ / "fullchain.pem"),
        "/etc/nginx/certs/privkey.pem": str(map_ / "privkey.pem"),
        "/var/log/nginx/access.log": str(map_ / "access.log"),
        "root /var/www/acme;": f"root {map_ / 'acme'};",
    }
    for oud, nieuw in vervangingen.items():
        if oud not in tekst:
            raise RuntimeError(f"deploy/nginx/zelfscan.conf bevat {oud!r} niet meer; pas bench/schaal.py aan")
        tekst = tekst.replace(oud, nieuw)
    return tekst


def zelf_ondertekend(map_: Path) -> None:
    """A self-signed certificate for localhost, valid for a day, as fullchain.pem and privkey.pem
    (also used by the proxy and upgrade browser tests)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    sleutel = ec.generate_private_key(ec.SECP256R1())
    naam = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, HOST)])
    nu = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(naam)
        .issuer_name(naam)
        .public_key(sleutel.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(nu - dt.timedelta(minutes=5))
        .not_valid_after(nu + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(HOST)]), critical=False)
        .sign(sleutel, hashes.SHA256())
    )
    (map_ / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (map_ / "privkey.pem").write_bytes(
        sleutel.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


@contextmanager
def nginx(apps: Sequence[int], map_: Path) -> Iterator[subprocess.Popen[bytes]]:
    """nginx in its own prefix folder; the main configuration is what the official image gives
    around conf.d (``worker_processes auto``)."""
    programma = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(programma).exists():
        raise FileNotFoundError("nginx is niet geïnstalleerd (apt-get install nginx-light; .ci/run doet dat)")
    for sub in ("tmp", "acme"):
        (map_ / sub).mkdir(parents=True, exist_ok=True)
    zelf_ondertekend(map_)
    (map_ / "zelfscan.conf").write_text(
        nginx_conf(CONF.read_text(encoding="utf-8"), apps=apps, http=HTTP_POORT, https=HTTPS_POORT, map_=map_)
    )
    (map_ / "nginx.conf").write_text(f"""
daemon off;
worker_processes auto;
pid {map_}/nginx.pid;
error_log {map_}/error.log notice;
events {{ worker_connections 4096; }}
http {{
    client_body_temp_path {map_}/tmp/body;
    proxy_temp_path {map_}/tmp/proxy;
    fastcgi_temp_path {map_}/tmp/fastcgi;
    uwsgi_temp_path {map_}/tmp/uwsgi;
    scgi_temp_path {map_}/tmp/scgi;
    include {map_}/zelfscan.conf;
}}
""")
    opdracht = [programma, "-p", str(map_), "-c", str(map_ / "nginx.conf"), "-e", str(map_ / "error.log")]
    test = subprocess.run([*opdracht, "-t"], capture_output=True, text=True, check=False)
    if test.returncode != 0:
        raise RuntimeError(test.stderr)
    with (map_ / "nginx.out").open("wb") as uit:
        proces = subprocess.Popen(opdracht, stdout=uit, stderr=subprocess.STDOUT)
    try:
        for _ in range(80):
            if proces.poll() is not None:
                raise RuntimeError((map_ / "error.log").read_text(errors="replace")[-2000:])
            try:
                with _verbinding(HTTP_POORT):
                    break
            except OSError:
                time.sleep(0.25)
        yield proces
    finally:
        stop_proces(proces)


@contextmanager
def _verbinding(poort: int) -> Iterator[None]:
    import socket

    with socket.create_connection(("127.0.0.1", poort), timeout=1):
        yield


def _kinderen(pid: int) -> list[int]:
    """nginx' workers (children of the master), from /proc."""
    uit = []
    for pad in Path("/proc").iterdir():
        if pad.name.isdigit():
            try:
                if int((pad / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    uit.append(int(pad.name))
            except (OSError, IndexError, ValueError):
                continue
    return uit


# --- what one window measures -------------------------------------------------------------------


PG_VELDEN = (
    "xact_commit",
    "xact_rollback",
    "tup_returned",
    "tup_fetched",
    "tup_inserted",
    "tup_updated",
    "tup_deleted",
    "blks_hit",
    "blks_read",
    "active_time",
)


@dataclass
class Stand:
    """Counters at one moment."""

    moment: float
    app_cpu: float
    pg_cpu: dict[int, float]
    nginx_cpu: float
    eigen_cpu: float
    machine: tuple[int, int]
    """(busy, total) jiffies of all cores, /proc/stat."""
    pg: dict[str, float]
    verbindingen: int


class Postgres:
    """A monitoring connection to the benchmark's own database."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self._engine = create_engine(url, pool_size=1, max_overflow=0)

    def stand(self) -> tuple[dict[str, float], dict[int, float], int]:
        from sqlalchemy import text

        with self._engine.connect() as c:
            rij = c.execute(
                text(f"SELECT {', '.join(PG_VELDEN)} FROM pg_stat_database WHERE datname = current_database()")
            ).one()
            pids = [
                int(p)
                for (p,) in c.execute(
                    text(
                        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                )
            ]
            c.rollback()
        return (
            dict(zip(PG_VELDEN, (float(v or 0) for v in rij), strict=True)),
            {p: cpu_seconden(p) for p in pids},
            len(pids),
        )

    def sluit(self) -> None:
        self._engine.dispose()


def _machine() -> tuple[int, int]:
    velden = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    stil = velden[3] + velden[4]  # idle + iowait
    return sum(velden) - stil, sum(velden)


def meet(pg: Postgres, apps: Sequence[int], ngx: Sequence[int]) -> Stand:
    stats, backends, verbindingen = pg.stand()
    return Stand(
        moment=time.perf_counter(),
        app_cpu=sum(cpu_seconden(p) for p in apps),
        pg_cpu=backends,
        nginx_cpu=sum(cpu_seconden(p) for p in ngx),
        eigen_cpu=time.process_time(),
        machine=_machine(),
        pg=stats,
        verbindingen=verbindingen,
    )


@dataclass
class Trap:
    """One step: ``deelnemers`` connected, measured over one window."""

    processen: int
    deelnemers: int
    facilitators: int
    kliks: int
    mislukt: int
    p50: float
    p95: float
    seconden: float
    app_cpu: float
    pg_cpu: float
    nginx_cpu: float
    eigen_cpu: float
    machine: float
    """Busy share of all cores over the window (0..1)."""
    overig: float
    """... of which not this benchmark's processes (others on a shared machine, the kernel)."""
    pg: dict[str, float]
    verbindingen: int
    meedoen_p95: float
    redenen: dict[str, int] = field(default_factory=dict)

    @property
    def houdt(self) -> bool:
        return self.kliks > 0 and self.p95 <= GRENS and self.mislukt <= MAX_MISLUKT * self.kliks

    def per_klik(self, waarde: float) -> float:
        return waarde / self.kliks if self.kliks else math.nan


def _trap(
    processen: int,
    mensen: Sequence[Deelnemer],
    facs: int,
    voor: Stand,
    na: Stand,
    kliks_van: float,
    kliks_tot: float,
    verbindingen: int,
) -> Trap:
    kliks = [k for d in mensen for k in d.kliks if kliks_van <= k.verstuurd < kliks_tot]
    tijden = duren([k for k in kliks if k.soort == "antwoord"])
    redenen: dict[str, int] = {}
    for k in kliks:
        if k.duur is None:
            redenen[(k.fout or "?")[:60]] = redenen.get((k.fout or "?")[:60], 0) + 1
    pg_cpu = sum(na.pg_cpu[p] - voor.pg_cpu.get(p, 0.0) for p in na.pg_cpu)
    bezig, totaal = na.machine[0] - voor.machine[0], na.machine[1] - voor.machine[1]
    meedoen = [d.meedoen for d in mensen if d.meedoen is not None]
    machine = bezig / totaal if totaal else math.nan
    eigen = (na.app_cpu - voor.app_cpu) + pg_cpu + (na.nginx_cpu - voor.nginx_cpu) + (na.eigen_cpu - voor.eigen_cpu)
    capaciteit = (na.moment - voor.moment) * (os.cpu_count() or 1)
    return Trap(
        processen=processen,
        deelnemers=sum(1 for d in mensen if d.meedoen is not None and d.fout is None),
        facilitators=facs,
        kliks=len(kliks),
        mislukt=sum(1 for k in kliks if k.duur is None),
        p50=percentiel(tijden, 50),
        p95=percentiel(tijden, 95),
        seconden=na.moment - voor.moment,
        app_cpu=na.app_cpu - voor.app_cpu,
        pg_cpu=pg_cpu,
        nginx_cpu=na.nginx_cpu - voor.nginx_cpu,
        eigen_cpu=na.eigen_cpu - voor.eigen_cpu,
        machine=machine,
        overig=max(0.0, machine - eigen / capaciteit),
        pg={k: na.pg[k] - voor.pg[k] for k in PG_VELDEN},
        verbindingen=verbindingen,
        meedoen_p95=percentiel(meedoen, 95),
        redenen=redenen,
    )


# --- stepping up ----------------------------------------------------------------------------------


async def _trappen(
    processen: int,
    basis: str,
    rondes: Sequence[Ronde],
    pg: Postgres,
    apps: Sequence[int],
    ngx: Sequence[int],
    *,
    stappen: Sequence[int],
    tempo: float,
    venster: float,
    tijd: float,
    timeout: float,
) -> tuple[list[Trap], list[Deelnemer]]:
    einde = Einde(time.perf_counter() + 3600)
    limiet = time.perf_counter() + tijd
    mensen: list[Deelnemer] = []
    facs: list[Facilitator] = []
    taken: list[asyncio.Task[None]] = []
    trappen: list[Trap] = []
    import random

    for n in stappen:
        if time.perf_counter() + venster + 15 > limiet:
            print(f"    (stap {n} overgeslagen: de tijd voor {processen} proces(sen) is op)")
            break
        nieuw = verdeel(n - len(mensen), rondes, begin=len(mensen))
        for r in rondes[len(facs) : math.ceil(n / PER_WORKSHOP)]:
            f = Facilitator(r.facilitator_token)
            facs.append(f)
            taken.append(
                asyncio.create_task(facilitator(basis, f, stop=einde, timeout=timeout, host=f"{HOST}:{HTTPS_POORT}"))
            )
        for i, d in enumerate(nieuw):
            rng = random.Random(processen * 1_000_003 + len(mensen) + i)
            taken.append(
                asyncio.create_task(
                    _later(
                        4.0 * i / max(1, len(nieuw)),
                        deelnemer(
                            basis,
                            d,
                            tempo=tempo,
                            spreiding=0.5,
                            stop=einde,
                            rng=rng,
                            timeout=timeout,
                            host=f"{HOST}:{HTTPS_POORT}",
                        ),
                    )
                )
            )
        mensen.extend(nieuw)
        # The new ones join (Start, the form, Invullen); then everyone clicks for a moment.
        klaar_bij = time.perf_counter() + 60
        while time.perf_counter() < klaar_bij and any(d.meedoen is None and d.fout is None for d in nieuw):
            await asyncio.sleep(0.5)
        await asyncio.sleep(min(tempo, 5.0))
        voor = await asyncio.to_thread(meet, pg, apps, ngx)
        piek = voor.verbindingen
        van = time.perf_counter()
        while time.perf_counter() < van + venster:
            await asyncio.sleep(min(5.0, van + venster - time.perf_counter()))
            piek = max(piek, (await asyncio.to_thread(pg.stand))[2])
        tot = time.perf_counter()
        na = await asyncio.to_thread(meet, pg, apps, ngx)
        # Clicks sent in the window finish (or time out) before they are judged.
        wacht_tot = time.perf_counter() + timeout + 1
        while time.perf_counter() < wacht_tot and any(d.bezig is not None and d.bezig < tot for d in mensen):
            await asyncio.sleep(0.2)
        trap = _trap(processen, mensen, len(facs), voor, na, van, tot, piek)
        trappen.append(trap)
        _druk_trap(trap)
        if not trap.houdt:
            break
    einde.moment = time.perf_counter()
    await asyncio.gather(*taken)
    return trappen, mensen


async def _later(seconden: float, taak: object) -> None:
    await asyncio.sleep(seconden)
    await taak  # type: ignore[misc]


def _druk_trap(t: Trap) -> None:
    print(
        f"    {t.deelnemers:>3} telefoons, {t.facilitators:>2} facilitatoren: {t.kliks} kliks in {t.seconden:.0f} s "
        f"({t.kliks / t.seconden:.1f}/s), {t.mislukt} mislukt, p50 {ms(t.p50)}, p95 {ms(t.p95)}; "
        f"CPU per klik: app {ms(t.per_klik(t.app_cpu))}, PostgreSQL {ms(t.per_klik(t.pg_cpu))}, "
        f"nginx {ms(t.per_klik(t.nginx_cpu))}, generator {ms(t.per_klik(t.eigen_cpu))}; machine {t.machine:.0%} bezig, "
        f"waarvan {t.overig:.0%} niet door deze meting" + ("" if t.houdt else "  <- grens")
    )
    for reden, aantal in sorted(t.redenen.items(), key=lambda r: -r[1])[:3]:
        print(f"      mislukt ({aantal}x): {reden}")


def meet_processen(
    postgres_url: str, processen: int, *, stappen: Sequence[int], tempo: float, venster: float, tijd: float
) -> tuple[list[Trap], str]:
    """One process count on a fresh database: its steps, and a line on the database check."""
    from bench.workshop import postgres_database

    poorten = [APP_POORT + i for i in range(processen)]
    with ExitStack() as stapel:
        url = stapel.enter_context(postgres_database(postgres_url))
        map_ = Path(stapel.enter_context(tempfile.TemporaryDirectory(prefix="bench-schaal-")))
        begin = time.perf_counter()
        apps = stapel.enter_context(app_processen(url, poorten, map_, f"https://{HOST}:{HTTPS_POORT}"))
        ngx = stapel.enter_context(nginx(poorten, map_ / "nginx"))
        print(
            f"  {processen} app-proces(sen) op poort {poorten[0]}-{poorten[-1]} achter nginx "
            f"(https://{HOST}:{HTTPS_POORT}), gestart in {time.perf_counter() - begin:.0f} s"
        )
        rondes = maak_rondes(url, math.ceil(max(stappen) / PER_WORKSHOP))
        pg = Postgres(url)
        stapel.callback(pg.sluit)
        trappen, mensen = asyncio.run(
            _trappen(
                processen,
                f"https://127.0.0.1:{HTTPS_POORT}",
                rondes,
                pg,
                [p.pid for p in apps],
                [ngx.pid, *_kinderen(ngx.pid)],
                stappen=stappen,
                tempo=tempo,
                venster=venster,
                tijd=tijd - (time.perf_counter() - begin),
                timeout=30.0,
            )
        )
        c = controleer(url, mensen)
        verdeling = _verdeling(map_ / "nginx" / "access.log", poorten)
        regel = (
            f"database: {c.opgeslagen} van {c.bevestigd} bevestigde antwoorden zo opgeslagen, "
            f"{c.ongevraagd} ongevraagd, {c.toelichtingen} toelichtingen; WebSockets per proces: {verdeling}"
        )
        print(f"    {regel}")
        return trappen, regel


def _verdeling(log: Path, poorten: Sequence[int]) -> str:
    """How nginx spread the WebSockets over the processes (its access log, $upstream_addr)."""
    tellers = dict.fromkeys(poorten, 0)
    try:
        regels = log.read_text(errors="replace").splitlines()
    except OSError:
        return "?"
    for regel in regels:
        if " /_stcore/stream " in regel:
            for p in poorten:
                if regel.endswith(f"127.0.0.1:{p}"):
                    tellers[p] += 1
    return ", ".join(str(v) for v in tellers.values())


def beste(trappen: Sequence[Trap]) -> Trap | None:
    gehouden = [t for t in trappen if t.houdt]
    return gehouden[-1] if gehouden else None


def druk_tabel(uitkomsten: dict[int, list[Trap]], tempo: float, kernen: int) -> None:
    print(
        f"\n  Schaal-tabel (PostgreSQL, nginx, 1 klik per {tempo:g} s per telefoon, 15 per ronde met facilitator; "
        f"{kernen} kernen gedeeld met generator, nginx en PostgreSQL)"
    )
    kop = (
        f"  {'proc':>4} {'telefoons':>9} {'p50':>7} {'p95':>7} {'kliks/s':>7} {'app CPU':>8} {'PG CPU':>7} "
        f"{'nginx':>6} {'gen.':>6} {'machine':>7} {'overig':>6} {'xact':>5} {'rijen':>6} {'PG act.':>7} {'verb.':>5}"
    )
    print(kop)
    print("  " + "-" * (len(kop) - 2))
    for processen, trappen in uitkomsten.items():
        t = beste(trappen)
        if t is None:
            eerste = trappen[0] if trappen else None
            print(
                f"  {processen:>4} {'<' + str(eerste.deelnemers if eerste else '?'):>9}  (geen stap hield p95 ≤ 500 ms)"
            )
            continue
        rijen = t.pg["tup_returned"] + t.pg["tup_fetched"]
        # The time ran out before a step failed: the count is a lower bound.
        aantal = f"≥{t.deelnemers}" if trappen[-1].houdt else str(t.deelnemers)
        print(
            f"  {processen:>4} {aantal:>9} {ms(t.p50):>7} {ms(t.p95):>7} {t.kliks / t.seconden:>7.1f} "
            f"{ms(t.per_klik(t.app_cpu)):>8} {ms(t.per_klik(t.pg_cpu)):>7} {ms(t.per_klik(t.nginx_cpu)):>6} "
            f"{ms(t.per_klik(t.eigen_cpu)):>6} {t.machine:>7.0%} {t.overig:>6.0%} {t.per_klik(t.pg['xact_commit']):>5.1f} "
            f"{t.per_klik(rijen):>6.0f} {t.per_klik(t.pg['active_time']):>5.1f}ms {t.verbindingen:>5}"
        )
    print(
        "  telefoons: deelnemers verbonden bij de laatste stap met p95 ≤ 500 ms en ≤ 1% mislukt; CPU per klik: "
        "CPU-tijd in het meetvenster / kliks (antwoorden en Volgende), alles meegeteld (de volg-timer van elke "
        "telefoon, Workshop van de facilitatoren); xact/rijen/PG act.: pg_stat_database per klik "
        "(transacties, rijen gelezen, active_time); verb.: meeste verbindingen tegelijk met deze database; machine: "
        "bezet deel van alle kernen, overig: daarvan niet door app, PostgreSQL, nginx of generator (andere "
        "gebruikers van de machine)"
    )
    print("  ≥: de tijd voor dit aantal processen was op voordat een stap de grens passeerde")
    print(f"  pool: {POOL}; PostgreSQL max_connections: {_max_verbindingen()}")
    enkel = beste(uitkomsten.get(1, []))
    if enkel is not None and enkel.kliks:
        per_klik = enkel.app_cpu / enkel.kliks
        per_kern = 1 / per_klik if per_klik else math.nan
        print(
            f"  per kern (app alleen, uit 1 proces): {per_klik * 1000:.0f} ms CPU per klik -> hoogstens "
            f"{per_kern:.1f} kliks/s per kern = {per_kern * tempo:.0f} telefoons bij 1 klik per {tempo:g} s "
            "(voor de database, nginx en de generator gaat daar nog CPU af)"
        )


_MAX_VERBINDINGEN = {"waarde": "?"}


def _max_verbindingen() -> str:
    return _MAX_VERBINDINGEN["waarde"]


def draai_schaal(
    postgres_url: str,
    *,
    processen: Sequence[int] = (1, 2, 4),
    stappen: Sequence[int] = tuple(range(20, 601, 20)),
    tempo: float = 5.0,
    venster: float = 25.0,
    tijd: float = 190.0,
) -> dict[int, list[Trap]]:
    """``python -m bench --alleen schaal``."""
    from bench.workshop import PostgresOvergeslagen

    kernen = os.cpu_count() or 1
    print(
        f"\nschaal (issue 20, item 4): {', '.join(map(str, processen))} app-processen achter nginx op PostgreSQL, "
        f"stappen van {stappen[0]} telefoons, 1 klik per {tempo:g} s, meetvenster {venster:g} s, "
        f"hoogstens {tijd:.0f} s per aantal processen; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
        f"commit {_commit()}"
    )
    uitkomsten: dict[int, list[Trap]] = {}
    try:
        _MAX_VERBINDINGEN["waarde"] = _server_instelling(postgres_url, "max_connections")
        for n in processen:
            uitkomsten[n], _ = meet_processen(postgres_url, n, stappen=stappen, tempo=tempo, venster=venster, tijd=tijd)
    except PostgresOvergeslagen as reden:
        print(f"  overgeslagen: {reden}")
    except FileNotFoundError as reden:
        print(f"  overgeslagen: {reden}")
    druk_tabel(uitkomsten, tempo, kernen)
    return uitkomsten


def _server_instelling(url: str, naam: str) -> str:
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import SQLAlchemyError

    engine = create_engine(url, connect_args={"connect_timeout": 5})
    try:
        with engine.connect() as c:
            return str(c.execute(text(f"SHOW {naam}")).scalar())
    except SQLAlchemyError:  # a figure beside the table; its absence is said
        return "?"
    finally:
        engine.dispose()


def _commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
