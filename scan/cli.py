"""Command line: ``python -m scan validate | demo | score | goals | report | export | import | beheerlink |
wis-deelnemer | verwijder-ronde | bewaartermijn | schema``
(and ``python -m scan --version``).

Layer: application (``scan/``). User errors (a bad questionnaire, an unknown gemeente, a
broken scan file) print a Dutch message and exit 1; they never show a traceback. Streamlit
is not imported here, so the commands start fast.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from scan import __version__, logopmaak
from scan.gemeenten import grootteklasse_van
from scoring import tijd
from scoring.doelen import controleer_doelen
from scoring.engine import bereken_scan
from scoring.loader import VRAGENLIJSTEN_DIR, Probleem, VragenlijstFout, controleer_vragenlijst, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.suggesties import stel_voor
from scoring.uitwissel import (
    MAX_UITWISSEL_BYTES,
    Scan,
    UitwisselFout,
    controleer_tegen_vragenlijst,
    schrijf_scan,
)
from scoring.versies import controleer_overgang, inhoud_vingerafdruk, laad_versie, lees_versies, map_van

if TYPE_CHECKING:
    from scan.db.verbinding import Database
    from scan.leesmodellen import BewaarRonde
    from scan.services.toegang import Gebruiker

EXIT_OK = 0
EXIT_FOUT = 1
PRODUCTIE_OPTIES = (
    "--server.headless",
    "true",
    # No file watcher in production: it costs a thread and inotify watches per process and would
    # rerun every session when a file is touched during an upgrade.
    "--server.fileWatcherType",
    "none",
    "--server.runOnSave",
    "false",
)
"""Streamlit options of ``python -m scan start``; everything else comes from .streamlit/config.toml
and STREAMLIT_* variables (docs/configuratie.md)."""


class _Fout(Exception):
    """A user error: printed as it is, exit code 1."""


def _datum(tekst: str) -> dt.date:
    try:
        return dt.date.fromisoformat(tekst)
    except ValueError:
        raise _Fout(f"--datum '{tekst}' is geen datum; schrijf JJJJ-MM-DD.") from None


def _vragenlijst(directory: str | None) -> Vragenlijst:
    try:
        return laad_vragenlijst(directory)
    except VragenlijstFout as exc:
        raise _Fout("De vragenlijst bevat fouten (controleer met 'python -m scan validate'):\n" + str(exc)) from None


def _meervoud(problemen: list[Probleem]) -> str:
    return f"{len(problemen)} {'probleem' if len(problemen) == 1 else 'problemen'}"


def _validate_map(directory: Path) -> int:
    vragenlijst, problemen = controleer_vragenlijst(directory)
    if vragenlijst is None:
        for p in problemen:
            print(p)
        print(f"\n{_meervoud(problemen)} gevonden in {directory}.")
        return EXIT_FOUT
    per_type = {t: [b for b in vragenlijst.bouwstenen if b.type == t] for t in ("kern", "aanvullend")}
    stellingen = sum(len(b.stellingen) for b in vragenlijst.bouwstenen)
    print(f"Vragenlijst '{vragenlijst.meta.id}' versie {vragenlijst.versie}: in orde.")
    print(
        f"  {len(vragenlijst.bouwstenen)} bouwstenen: {len(per_type['kern'])} kern, {len(per_type['aanvullend'])} aanvullend"
    )
    print(f"  {stellingen} stellingen, elk met 5 niveau-ankers")
    for d, leden in vragenlijst.per_dimensie().items():
        print(f"  {d:<12} {len(leden)} bouwstenen, {sum(len(b.stellingen) for b in leden)} stellingen")
    if vragenlijst.naleving:
        print(f"  nalevingscheck: {len(vragenlijst.naleving)} wettelijke plichten (apart, tellen in geen score mee)")
    bibliotheek, problemen = controleer_doelen(vragenlijst, directory)
    if bibliotheek is None:
        for p in problemen:
            print(p)
        print(f"\n{_meervoud(problemen)} gevonden in de doelenbibliotheek.")
        return EXIT_FOUT
    sjablonen = sum(len(s) for s in bibliotheek.per_bouwsteen.values())
    print(f"Doelenbibliotheek: in orde, {sjablonen} sjablonen voor {len(bibliotheek.per_bouwsteen)} bouwstenen.")
    # The mapping from each earlier version that has one (van_<versie>/), with that version read
    # from beside this folder.
    for kaart in sorted(directory.glob("van_*")):
        oud, problemen = controleer_vragenlijst(directory.parent / kaart.name.removeprefix("van_"))
        overgang = None
        if oud is not None:
            overgang, problemen = controleer_overgang(oud, vragenlijst, directory.parent)
        if overgang is None:
            for p in problemen:
                print(p)
            print(f"\n{_meervoud(problemen)} gevonden in de overgang {kaart.name}.")
            return EXIT_FOUT
        vergelijkbaar = [b for b in overgang.bouwstenen if overgang.vergelijkbaar(b)]
        print(
            f"Overgang van versie {overgang.van}: in orde, {len(vergelijkbaar)} van {len(overgang.bouwstenen)} "
            "bouwstenen vergelijkbaar."
        )
    return EXIT_OK


def _versiemappen() -> list[Path]:
    """Every questionnaire version folder of the installation, oldest version first."""
    return sorted(
        (p for p in VRAGENLIJSTEN_DIR.iterdir() if p.is_dir() and (p / "vragenlijst.yaml").is_file()),
        key=lambda p: tuple(int(d) if d.isdigit() else 0 for d in p.name.split(".")),
    )


def _validate(args: argparse.Namespace) -> int:
    if args.dir:
        return _validate_map(Path(args.dir))
    # Every version folder of the installation, published or in preparation, and the catalogue.
    mappen = _versiemappen()
    uitkomst = EXIT_OK
    for i, map_ in enumerate(mappen):
        if i:
            print()
        uitkomst = max(uitkomst, _validate_map(map_))
    try:
        versies = lees_versies()
    except VragenlijstFout as fout:
        print(fout)
        return EXIT_FOUT
    for v in versies.versies:
        if inhoud_vingerafdruk(map_van(v.versie)) != v.vingerafdruk:
            print(f"\nVersie {v.versie} is gepubliceerd maar haar inhoud is veranderd; maak een nieuwe versie.")
            uitkomst = EXIT_FOUT
    print(f"\nGepubliceerd: {', '.join(versies.namen())}; nieuwe scanrondes gebruiken versie {versies.standaard}.")
    return uitkomst


def _demo_vragenlijst(args: argparse.Namespace) -> Vragenlijst:
    if args.versie is None:
        return _vragenlijst(args.vragenlijst)
    try:
        return laad_versie(args.versie)
    except VragenlijstFout as exc:
        raise _Fout(f"--versie {args.versie}: {exc}") from None


def _demo(args: argparse.Namespace) -> int:
    from scan.demo.fictief import maak_demo
    from scan.gemeenten import GemeenteOnbekend, zoek_gemeente

    if args.alle_gemeenten:
        return _demo_alle_gemeenten(args)
    alleen_met_alle = [
        optie
        for optie, gezet in (
            ("--rondes", args.rondes is not None),
            ("--benchmark", args.benchmark),
            ("--opnieuw", args.opnieuw),
            ("--max-gemeenten", args.max_gemeenten is not None),
        )
        if gezet
    ]
    if alleen_met_alle:
        raise _Fout(f"{', '.join(alleen_met_alle)} werkt alleen samen met --alle-gemeenten.")
    ontbreekt = [optie for optie, waarde in (("--gemeente", args.gemeente), ("--out", args.out)) if waarde is None]
    if ontbreekt:
        # The same usage error (exit 2) argparse gave when both options were still required.
        args.demo_parser.error(f"the following arguments are required: {', '.join(ontbreekt)}")
    vragenlijst = _demo_vragenlijst(args)
    try:
        gemeente = zoek_gemeente(args.gemeente)
    except GemeenteOnbekend as exc:
        raise _Fout(str(exc)) from None
    deelnemers = 8 if args.deelnemers is None else args.deelnemers
    if not 1 <= deelnemers <= 200:
        raise _Fout("--deelnemers moet tussen 1 en 200 liggen.")
    datum = _datum(args.datum) if args.datum else tijd.vandaag()
    scan = maak_demo(vragenlijst, gemeente, deelnemers, datum, seed=args.seed)
    tekst = schrijf_scan(scan)
    if args.out == "-":
        sys.stdout.write(tekst)
        return EXIT_OK
    out = Path(args.out)
    if not out.parent.is_dir():
        raise _Fout(f"Map '{out.parent}' bestaat niet.")
    # Write beside the target and rename, so an interrupted run never leaves half a file.
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(tekst, encoding="utf-8")
    tmp.replace(out)
    print(
        f"Fictieve scan van {gemeente.naam} ({gemeente.gm_code}) met {deelnemers} deelnemers "
        f"en {len(scan.antwoorden)} antwoorden geschreven naar {out}."
    )
    return EXIT_OK


def _getal(waarde: int) -> str:
    return f"{waarde:,}".replace(",", ".")


def _demo_alle_gemeenten(args: argparse.Namespace) -> int:
    """Fictional rounds for every municipality of the CBS list, straight into the database."""
    import time

    from scan.db.verbinding import database_url
    from scan.demo.fictief import DemoAlAanwezig, fictieve_rondes, vul_database
    from scan.fouten import OpslagFout
    from scan.gemeenten import alle_gemeenten

    if args.out is not None:
        raise _Fout(
            "--out en --alle-gemeenten gaan niet samen: --out schrijft één scan naar een bestand, "
            "--alle-gemeenten vult de database. Kies één van beide."
        )
    if args.gemeente is not None:
        raise _Fout("--gemeente en --alle-gemeenten gaan niet samen: kies één gemeente of alle gemeenten.")
    deelnemers = 10 if args.deelnemers is None else args.deelnemers
    rondes = 2 if args.rondes is None else args.rondes
    if not 1 <= deelnemers <= 200:
        raise _Fout("--deelnemers moet tussen 1 en 200 liggen.")
    if not 1 <= rondes <= 10:
        raise _Fout("--rondes moet tussen 1 en 10 liggen.")
    if args.max_gemeenten is not None and args.max_gemeenten < 1:
        raise _Fout("--max-gemeenten moet minstens 1 zijn.")
    peildatum = _datum(args.datum) if args.datum else tijd.vandaag()
    vragenlijst = _demo_vragenlijst(args)
    gemeenten = alle_gemeenten()
    if args.max_gemeenten is not None and args.max_gemeenten < len(gemeenten):
        # Spread over the whole list rather than its first N (CBS codes 0014, 0034, ...), so a small
        # demo still mixes provinces and size classes.
        n = args.max_gemeenten
        gemeenten = tuple(gemeenten[i * len(gemeenten) // n] for i in range(n))
    begin = time.perf_counter()
    db = _database()
    plaats = database_url().split("@")[-1]
    if not args.opnieuw and (aanwezig := fictieve_rondes(db)):
        db.sluit()
        raise _Fout(str(DemoAlAanwezig(aanwezig)))
    print(
        f"Fictieve scanrondes maken voor {len(gemeenten)} gemeenten ({rondes} per gemeente, "
        f"{deelnemers} deelnemers per ronde) in {plaats} ...",
        flush=True,
    )
    gemeld = [0]

    def voortgang(klaar: int, totaal: int) -> None:
        # Four lines at most: enough to see it move, not enough to bury the summary.
        kwart = klaar * 4 // totaal
        if kwart > gemeld[0] and klaar < totaal:
            gemeld[0] = kwart
            print(f"  {klaar} van {totaal} gemeenten klaar ({time.perf_counter() - begin:.0f} s)", flush=True)

    try:
        vulling = vul_database(
            db,
            vragenlijst,
            gemeenten,
            rondes=rondes,
            deelnemers=deelnemers,
            seed=args.seed,
            peildatum=peildatum,
            benchmark=args.benchmark,
            opnieuw=args.opnieuw,
            voortgang=voortgang,
        )
    except DemoAlAanwezig as exc:
        raise _Fout(str(exc)) from None
    except OpslagFout as exc:  # the demo's units of work turn SQLAlchemy's errors into this one
        raise _Fout(
            f"Het vullen van de database is afgebroken ({(exc.__cause__ or exc).__class__.__name__}). "
            "Wat al geschreven was, is "
            "fictief; draai de opdracht opnieuw met --opnieuw om het te vervangen."
        ) from None
    finally:
        db.sluit()
    seconden = time.perf_counter() - begin
    if vulling.verwijderd:
        print(f"Eerst {_getal(vulling.verwijderd)} oude fictieve scanrondes verwijderd (echte rondes blijven staan).")
    print(
        f"Klaar in {seconden:.1f} s: {_getal(vulling.gemeenten)} gemeenten, {_getal(vulling.rondes)} fictieve "
        f"scanrondes (afgerond, met kerncijfers), {_getal(vulling.deelnemers)} deelnemers en "
        f"{_getal(vulling.antwoorden)} antwoorden."
    )
    if args.benchmark:
        regel = f"Benchmark: {_getal(vulling.benchmark)} gemeenten doen nu mee (aangezet door 'demo')."
        if vulling.benchmark_overgeslagen:
            regel += (
                f" {_getal(vulling.benchmark_overgeslagen)} gemeenten met echte scanrondes zijn niet aangemeld; "
                "dat beslist hun beheerder."
            )
        print(regel)
    return EXIT_OK


def _fmt(waarde: float | None, cijfers: int = 0) -> str:
    if waarde is None:
        return "–"
    return f"{waarde:.{cijfers}f}".replace(".", ",")


def _tabel(vragenlijst: Vragenlijst, resultaat: ScanResultaat, kop: str) -> str:
    banden = {b.id: b.naam.nl.lower() for b in vragenlijst.schaal.banden}
    regels = [kop, ""]
    # The kern score leads, the schil score stands beside it; the total of 16 is a detail (docs/methode.md).
    from reports.duiding import KERN_NAAM, NIET_VERGELIJKBAAR, SCHIL_NAAM, TOTAAL_NAAM, samenstelling, type_groep

    if resultaat.totaal.score is None:
        regels.append(f"{KERN_NAAM}: nog geen score (er zijn geen niveaus ingevuld).")
    for naam, g in (
        (KERN_NAAM, type_groep(resultaat, "kern")),
        (SCHIL_NAAM, type_groep(resultaat, "aanvullend")),
        (TOTAAL_NAAM, resultaat.totaal),
    ):
        if resultaat.totaal.score is not None:
            band = f", {banden[g.band]}" if g.band and g is not resultaat.totaal else ""
            regels.append(f"{naam}: {_fmt(g.score)} van 100{band}.")
    regels.append(NIET_VERGELIJKBAAR)
    regels.append(
        f"Deelnemers: {resultaat.deelnemers}; dekking: {_fmt(resultaat.dekking * 100)}% van de antwoorden is een score."
    )
    regels += ["", f"{'Dimensie':<14}{'bouwstenen':<23}{'score':>7}{'ambitie':>9}  band"]
    namen: dict[str, str] = {d.id: d.naam.nl for d in vragenlijst.meta.dimensies}
    for d in resultaat.dimensies:
        regels.append(
            f"{namen[d.id]:<14}{samenstelling(vragenlijst, d.id):<23}{_fmt(d.score):>7}{_fmt(d.ambitie_score):>9}  "
            f"{banden.get(d.band or '', '–')}"
        )
    regels += ["", f"{'Bouwsteen':<51}{'type':<11}{'score':>6}{'dekking':>9}{'ambitie':>9}{'gap':>6}{'bespreek':>10}"]
    for b in resultaat.bouwstenen:
        bs = vragenlijst.bouwsteen(b.bouwsteen)
        regels.append(
            f"{bs.nummer:>2}. {bs.naam.nl[:46]:<47}{b.type:<11}{_fmt(b.score):>6}{_fmt(b.dekking * 100):>8}%"
            f"{_fmt(b.ambitie_score):>9}{_fmt(b.gap_score):>6}{b.bespreekpunten:>10}"
        )
    kenmerknamen = {k.id: k.naam.nl for k in vragenlijst.meta.kenmerken}
    regels += ["", f"{'Kenmerk':<28}{'score':>6}"]
    for k in resultaat.kenmerken:
        regels.append(f"{kenmerknamen[k.id]:<28}{_fmt(k.score):>6}")
    regels += ["", f"{'Kern / aanvullend':<28}{'score':>6}"]
    for g in resultaat.typen:
        regels.append(f"{g.id:<28}{_fmt(g.score):>6}")
    if resultaat.bespreekpunten:
        teksten = {s.id: s.tekst.nl for _, s in vragenlijst.stellingen()}
        regels += ["", "Bespreekpunten (deelnemers 2 of meer niveaus uit elkaar), belangrijkste eerst:"]
        for sid in resultaat.bespreekpunten[:10]:
            s = resultaat.stelling(sid)
            regels.append(f"- [{s.minimum}–{s.maximum}] {teksten[sid]}")
        if len(resultaat.bespreekpunten) > 10:
            regels.append(f"  … en nog {len(resultaat.bespreekpunten) - 10}.")
    return "\n".join(regels)


def _score(args: argparse.Namespace) -> int:
    scan, vragenlijst = _scan_en_vragenlijst(args.file, args.vragenlijst)
    resultaat = bereken_scan(vragenlijst, scan)
    if args.format == "json":
        print(resultaat.model_dump_json(indent=2))
    else:
        fictief = " (FICTIEF)" if scan.fictief else ""
        kop = f"Omnichannel zelfscan — {scan.gemeente.naam}{fictief}, {scan.scanronde.datum.strftime('%d-%m-%Y')}"
        print(_tabel(vragenlijst, resultaat, kop))
    return EXIT_OK


def _goals(args: argparse.Namespace) -> int:
    scan, vragenlijst = _scan_en_vragenlijst(args.file, args.vragenlijst)
    bibliotheek, problemen = controleer_doelen(vragenlijst, args.vragenlijst or map_van(vragenlijst.versie))
    if bibliotheek is None:
        raise _Fout("De doelenbibliotheek bevat fouten:\n" + "\n".join(str(p) for p in problemen))
    vandaag = _datum(args.datum) if args.datum else tijd.vandaag()
    # Baselines the werkgroep already entered on goals in the file count for their template.
    nulmetingen = {d.sjabloon: d.nulmeting for d in scan.doelen if d.sjabloon and d.nulmeting is not None}
    suggesties = stel_voor(
        vragenlijst,
        bibliotheek,
        bereken_scan(vragenlijst, scan),
        gemeente=scan.gemeente.naam,
        vandaag=vandaag,
        nulmetingen=nulmetingen,
        aantal=args.aantal,
        grootteklasse=grootteklasse_van(scan.gemeente.gm_code),
    )
    if args.format == "json":
        print(json.dumps([s.model_dump(mode="json") for s in suggesties], indent=2, ensure_ascii=False))
        return EXIT_OK
    namen = {b.id: f"{b.nummer}. {b.naam.nl}" for b in vragenlijst.bouwstenen}
    print(
        f"Voorgestelde doelen voor {scan.gemeente.naam} ({len(suggesties)}), peildatum {vandaag.strftime('%d-%m-%Y')}"
    )
    for i, s in enumerate(suggesties, start=1):
        d = s.doel
        print(f"\n{i}. {d.titel}  [{namen[s.bouwsteen]}, niveau {s.stap_van} -> {s.stap_van + 1}]")
        print(f"   Actie: {d.actie}")
        nul = f"{d.nulmeting:g}" if d.nulmeting is not None else "nog te meten"
        streef = f"{d.streefwaarde:g}" if d.streefwaarde is not None else "nog te kiezen"
        print(f"   Indicator: {d.indicator} ({d.eenheid}); nulmeting {nul}; streefwaarde {streef}")
        print(f"   Eigenaar: {d.eigenaar}; deadline {d.deadline.strftime('%d-%m-%Y') if d.deadline else '-'}")
        print("   Waarom: " + "; ".join(s.redenen))
        if s.twijfel:
            print(f"   Let op: {s.twijfel}")
        for o in s.smart.oordelen:
            print(f"   {'[x]' if o.geslaagd else '[ ]'} {o.letter} {o.naam}: {o.reden}")
    return EXIT_OK


def _vragenlijst_van(scan: Scan, directory: str | None) -> Vragenlijst:
    """The questionnaire a scan file was filled in with: the version it names (every published
    version stays loadable), or the folder given with --vragenlijst."""
    if directory is not None:
        return _vragenlijst(directory)
    try:
        return laad_versie(scan.vragenlijst.versie)
    except VragenlijstFout as exc:
        raise _Fout(f"De scan is ingevuld met een vragenlijstversie die hier niet bestaat:\n{exc}") from None


def _scan_en_vragenlijst(pad: str, directory: str | None) -> tuple[Scan, Vragenlijst]:
    scan = _lees_bestand(pad, None)
    vragenlijst = _vragenlijst_van(scan, directory)
    problemen = controleer_tegen_vragenlijst(scan, vragenlijst)
    if problemen:
        raise _Fout(f"{pad} past niet bij deze vragenlijst:\n" + "\n".join(problemen))
    return scan, vragenlijst


def _lees_bestand(pad: str, vragenlijst: Vragenlijst | None) -> Scan:
    """A JSON exchange file or the app's Excel export, checked against the questionnaire (if given)."""
    from reports.exports import lees_bestand

    bestand = Path(pad)
    try:
        if bestand.stat().st_size > MAX_UITWISSEL_BYTES:
            raise _Fout(
                f"{pad}: bestand is te groot ({bestand.stat().st_size} bytes); de grens is {MAX_UITWISSEL_BYTES} bytes"
            )
        data = bestand.read_bytes()
    except OSError as exc:
        raise _Fout(f"{pad}: bestand kan niet gelezen worden ({exc.strerror})") from None
    try:
        scan = lees_bestand(data, bestand.name)
    except UitwisselFout as exc:
        raise _Fout("Het scanbestand kan niet gelezen worden:\n" + "\n".join(exc.problemen)) from None
    problemen = controleer_tegen_vragenlijst(scan, vragenlijst) if vragenlijst is not None else []
    if problemen:
        raise _Fout(f"{pad} past niet bij deze vragenlijst:\n" + "\n".join(problemen))
    return scan


def _schrijf(pad: str, data: bytes) -> None:
    """Write whole or not at all: a temporary file next to the target, then an atomic rename."""
    doel = Path(pad)
    tijdelijk = doel.with_name(f".{doel.name}.tmp")
    try:
        tijdelijk.write_bytes(data)
        tijdelijk.replace(doel)
    except OSError as exc:
        tijdelijk.unlink(missing_ok=True)
        raise _Fout(f"{pad} kan niet geschreven worden ({exc.strerror})") from None


def _report(args: argparse.Namespace) -> int:
    from reports.html import html_rapport
    from reports.pdf import rapport

    formaat = "html" if args.html else args.formaat
    if formaat == "html" and args.soort == "handout":
        raise _Fout("de HTML-versie is het volledige verbeterrapport; laat --soort weg of kies --soort volledig")
    args.soort = args.soort or "handout"
    scan, vragenlijst = _scan_en_vragenlijst(args.file, args.vragenlijst)
    vandaag = _datum(args.datum) if args.datum else None
    resultaat = bereken_scan(vragenlijst, scan)
    if formaat == "html":
        inhoud = html_rapport(vragenlijst, scan, resultaat, vandaag=vandaag).encode("utf-8")
        soort = "verbeterrapport (HTML)"
    else:
        inhoud = rapport(args.soort, vragenlijst, scan, resultaat, vandaag=vandaag)
        soort = "managementsamenvatting" if args.soort == "handout" else "verbeterrapport"
    _schrijf(args.out, inhoud)
    print(
        f"{soort[0].upper()}{soort[1:]} van {scan.gemeente.naam} geschreven naar {args.out} ({len(inhoud) // 1024} KB)."
    )
    return EXIT_OK


def _database() -> Database:
    from scan.db.openen import open_database
    from scan.db.verbinding import database_url
    from scan.fouten import OpslagFout, SchemaOnbekend

    try:
        return open_database(database_url())
    except SchemaOnbekend as exc:
        raise _Fout(f"Deze versie kan de database niet gebruiken: {exc}") from None
    except OpslagFout as exc:
        oorzaak = exc.__cause__.__class__.__name__ if exc.__cause__ else "onbekend"
        raise _Fout(f"De database ({_database_naam()}) is niet bereikbaar: {oorzaak}") from None


def _maak_database_zonder_migratie() -> Database:
    from scan.db.verbinding import maak_database

    return maak_database()


def _sqlite_bestand() -> Path | None:
    from scan.db.verbinding import database_url, sqlite_bestand

    return sqlite_bestand(database_url()) if database_url().startswith("sqlite") else None


def _database_naam() -> str:
    from scan.db.verbinding import database_url

    # Host and database only: never the user or password of the URL.
    return database_url().split("@")[-1]


def _migrate(args: argparse.Namespace) -> int:
    from scan.db.migraties import migreer, schema_toestand
    from scan.fouten import MigratieMislukt, OpslagFout, SchemaOnbekend

    db = _maak_database_zonder_migratie()
    try:
        voor = migreer(db)  # a database that does not answer: plain OpslagFout, before any step
        na = schema_toestand(db)
    except SchemaOnbekend as exc:
        raise _Fout(f"Niet gemigreerd: {exc}") from None
    except MigratieMislukt as exc:
        # One transaction: a step that fails leaves the schema as it was before this command.
        raise _Fout(
            f"Migratie mislukt, het schema is ongewijzigd ({_database_naam()}): {_oorzaak(exc)}; zie het log"
        ) from None
    except OpslagFout as exc:
        raise _Fout(f"De database ({_database_naam()}) is niet bereikbaar: {_oorzaak(exc)}") from None
    finally:
        db.sluit()
    if voor.stappen:
        print(
            f"Schema bijgewerkt van {voor.revisie or 'leeg'} naar {na.revisie} "
            f"({len(voor.stappen)} stap(pen): {', '.join(voor.stappen)})."
        )
    else:
        print(f"Niets te migreren: {na.regel()}.")
    return EXIT_OK


def _oorzaak(exc: BaseException) -> str:
    """The name of the underlying error (never its text: that may hold SQL or values)."""
    return exc.__cause__.__class__.__name__ if exc.__cause__ else exc.__class__.__name__


def _vragenlijsten_problemen() -> tuple[list[str], list[str]]:
    """(valid versions, one problem line per broken version folder), without printing."""
    goed: list[str] = []
    fout: list[str] = []
    for map_ in _versiemappen():
        vragenlijst, problemen = controleer_vragenlijst(map_)
        if vragenlijst is not None:
            bibliotheek, problemen = controleer_doelen(vragenlijst, map_)
            if bibliotheek is not None:
                goed.append(vragenlijst.versie)
                continue
        fout.append(f"vragenlijst {map_.name}: {_meervoud(problemen)} (python -m scan validate {map_})")
    return goed, fout


def _check(args: argparse.Namespace) -> int:
    from scan.db.migraties import schema_toestand
    from scan.fouten import OpslagFout

    goed, problemen = _vragenlijsten_problemen()
    schema = None
    bestand = _sqlite_bestand()
    if bestand is not None and not bestand.exists():
        # Opening it would create an empty file: a check changes nothing.
        print(
            f"NIET IN ORDE (omnichannel-zelfscan {__version__}): databasebestand {bestand} bestaat niet; "
            "python -m scan migrate maakt het aan"
        )
        return EXIT_FOUT
    try:
        db = _maak_database_zonder_migratie()
        try:
            schema = schema_toestand(db)  # OpslagFout when the database does not answer
        finally:
            db.sluit()
    except OpslagFout as exc:
        problemen.insert(0, f"database {_database_naam()} niet bereikbaar ({_oorzaak(exc)})")
    if schema is not None and not schema.bruikbaar:
        problemen.insert(0, schema.regel())
    # One line, for a probe's log and a person alike.
    if problemen:
        print(f"NIET IN ORDE (omnichannel-zelfscan {__version__}): " + "; ".join(problemen))
        return EXIT_FOUT
    assert schema is not None
    print(
        f"In orde (omnichannel-zelfscan {__version__}): database bereikbaar, {schema.regel()}, "
        f"vragenlijsten {', '.join(goed)} geldig."
    )
    return EXIT_OK


def _start(args: argparse.Namespace) -> int:
    import os

    # A failing migration or a broken installation stops the start, before any participant sees it.
    _migrate(args)
    if _check(args) != EXIT_OK:
        return EXIT_FOUT
    app = Path(__file__).resolve().parent.parent / "app.py"
    streamlit = [sys.executable, "-m", "streamlit", "run", str(app), *PRODUCTIE_OPTIES]
    if args.poort is not None:
        streamlit += ["--server.port", str(args.poort)]
    streamlit += args.streamlit[1:] if args.streamlit[:1] == ["--"] else args.streamlit
    sys.stdout.flush()
    sys.stderr.flush()
    # The process becomes Streamlit (same pid): systemd and a container's stop signal reach it.
    os.execv(sys.executable, streamlit)  # noqa: S606  (our own interpreter and arguments, no shell)
    return EXIT_OK  # pragma: no cover  (execv does not return)


def _export(args: argparse.Namespace) -> int:
    from reports.exports import csv_tabellen, csv_zip, naar_excel

    if (args.file is None) == (args.ronde is None):
        raise _Fout("Noem óf een bestand óf --ronde CODE (een scanronde in de database).")
    if args.ronde is not None:
        from scan.fouten import InvoerFout
        from scan.services import start
        from scan.services.uitwisseling import exporteer

        db = _database()
        try:
            scan = exporteer(db, start.zoek_ronde(db, args.ronde).id)
        except InvoerFout as exc:
            raise _Fout(str(exc)) from None
        vragenlijst = _vragenlijst_van(scan, args.vragenlijst)
    else:
        scan, vragenlijst = _scan_en_vragenlijst(args.file, args.vragenlijst)
    resultaat = bereken_scan(vragenlijst, scan)
    soort = Path(args.out).suffix.lower()
    if soort == ".json":
        data = schrijf_scan(scan).encode()
    elif soort == ".xlsx":
        data = naar_excel(vragenlijst, scan, resultaat)
    elif soort == ".zip":
        data = csv_zip(vragenlijst, scan, resultaat)
    elif soort == ".csv":
        data = csv_tabellen(vragenlijst, scan, resultaat)[args.tabel]
    else:
        raise _Fout(
            f"--out {args.out}: kies een bestandsnaam op .json, .xlsx, .csv (met --tabel) of .zip (alle CSV's)."
        )
    _schrijf(args.out, data)
    print(f"Scanronde van {scan.gemeente.naam} ({scan.scanronde.datum:%d-%m-%Y}) geschreven naar {args.out}.")
    if scan.deelnemers:
        # As every download in the app says (issue 18): the file holds personal data.
        print(
            "Let op: dit bestand bevat namen van deelnemers. Bewaar en deel het zoals uw gemeente dat met "
            "persoonsgegevens doet (docs/privacy.md)."
        )
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from scan.services.toegang import lokale_gebruiker
    from scan.services.uitwisseling import ImportFout, importeer_als

    scan, vragenlijst = _scan_en_vragenlijst(args.file, args.vragenlijst)
    db = _database()
    try:
        # The command line runs where the database is: its user is the installation's beheerder.
        sessie = importeer_als(db, vragenlijst, lokale_gebruiker(), scan)
    except ImportFout as exc:
        raise _Fout(f"{args.file} is niet geïmporteerd; er is niets opgeslagen:\n" + "\n".join(exc.problemen)) from None
    print(
        f"Scanronde van {sessie.ronde.gemeente} ({sessie.ronde.datum:%d-%m-%Y}) geïmporteerd met "
        f"{len(scan.deelnemers)} deelnemers en {len(scan.antwoorden)} antwoorden.\n"
        f"Deelnamecode: {sessie.ronde.code_leesbaar}\n"
        f"Persoonlijke link van {sessie.deelnemer.naam} (facilitator), achter het adres van de app: "
        f"/#d={sessie.deelnemer.token}"
    )
    return EXIT_OK


def _beheerlink(args: argparse.Namespace) -> int:
    import os

    from scan.services import beheerlink
    from scan.services.adressen import PUBLIEKE_URL_VARIABELE, STANDAARD_POORT, kies_basis_url, lan_adres

    db = _database()
    bestand = beheerlink.bestand_voor(db.url)
    try:
        geheim = beheerlink.vernieuw(db, bestand) if args.vernieuw else beheerlink.zorg_voor_geheim(db, bestand)
    finally:
        db.sluit()
    if geheim is None:
        raise _Fout(
            f"Er is al een beheerlink, maar die staat niet in {bestand} op deze computer (gemaakt op een andere "
            "computer, of het bestand is weg). Maak een nieuwe met: python -m scan beheerlink --vernieuw "
            "(de oude link werkt dan niet meer)."
        )
    try:
        poort = args.poort or _poort(os.environ.get("STREAMLIT_SERVER_PORT") or str(STANDAARD_POORT))
    except argparse.ArgumentTypeError as exc:
        raise _Fout(f"STREAMLIT_SERVER_PORT: {exc}") from None
    adres = kies_basis_url(os.environ.get(PUBLIEKE_URL_VARIABELE), None, lan_adres(), poort)
    print("Nieuwe beheerlink; de vorige werkt niet meer:" if args.vernieuw else "Beheerlink:")
    print(f"  {beheerlink.link(adres.url, geheim)}")
    print(
        "Open deze link in de browser van de facilitator: die browser beheert dan de app (scanrondes starten, "
        "vergelijken, beheer). Projecteer hem niet en deel hem niet; deelnemers doen mee met de deelnamecode."
    )
    if not adres.bereikbaar:
        print(
            "Let op: deze computer heeft geen netwerkadres gevonden, dus de link werkt alleen op deze computer. "
            f"Stel {PUBLIEKE_URL_VARIABELE} in op het adres dat telefoons bereiken."
        )
    print(f"Bewaard in {bestand} (alleen leesbaar voor u). Een nieuwe maken: python -m scan beheerlink --vernieuw")
    return EXIT_OK


# --- issue 18: erasure and retention -------------------------------------------------------------


def _opdrachtregel() -> Gebruiker:
    """The command line runs where the database is: the installation's beheerder, named so in the
    audit trail."""
    from scan.services.toegang import Gebruiker

    return Gebruiker(naam="opdrachtregel", email=None, overal_beheerder=True, lokaal=True)


def _wis_deelnemer(args: argparse.Namespace) -> int:
    from scan.fouten import InvoerFout
    from scan.services import wissen

    db = _database()
    try:
        if args.deelnemer is None:
            # Listing who is in the round is how the operator finds the id; names shown on purpose.
            personen = wissen.personen(db, _opdrachtregel(), args.ronde)
            print(f"Deelnemers van scanronde {args.ronde} (nummer, rol, naam):")
            for p in personen:
                print(f"  {p.id}  {p.rol:<11}  {p.naam}")
            print(f"Wissen: python -m scan wis-deelnemer --ronde {args.ronde} --deelnemer NUMMER")
            return EXIT_OK
        wissen.wis_deelnemer_als(db, _opdrachtregel(), args.ronde, args.deelnemer)
    except InvoerFout as exc:
        raise _Fout(str(exc)) from None
    finally:
        db.sluit()
    # No name in the output: it could end up in a terminal log or a ticket.
    print(
        f"De persoonsgegevens van deelnemer {args.deelnemer} zijn uit scanronde {args.ronde} gewist: naam, functie, "
        "antwoorden, toelichtingen, ambities en de persoonlijke link; elders in de scanronde staat nu de rol."
    )
    return EXIT_OK


def _verwijder_ronde(args: argparse.Namespace) -> int:
    from scan.fouten import InvoerFout
    from scan.services import wissen

    db = _database()
    try:
        ronde = wissen.ronde_voor_verwijderen(db, _opdrachtregel(), args.ronde)
        omschrijving = f"scanronde {ronde.id} van {ronde.gemeente} ({ronde.datum:%d-%m-%Y}, {ronde.status})"
        if not args.ja:
            antwoord = input(f"Weet u zeker dat u {omschrijving} met alle gegevens wilt verwijderen? Typ ja: ")
            if antwoord.strip().lower() != "ja":
                print("Niets verwijderd.")
                return EXIT_OK
        wissen.verwijder_ronde(db, _opdrachtregel(), args.ronde)
    except InvoerFout as exc:
        raise _Fout(str(exc)) from None
    except EOFError:
        raise _Fout(
            "geen bevestiging gelezen; niets verwijderd (gebruik --ja om zonder vragen te verwijderen)"
        ) from None
    finally:
        db.sluit()
    print(f"{omschrijving[0].upper()}{omschrijving[1:]} is verwijderd, met alle deelnemers, antwoorden en doelen.")
    return EXIT_OK


def _bewaartermijn(args: argparse.Namespace) -> int:
    from scan.fouten import InvoerFout
    from scan.services import wissen

    try:
        maanden = wissen.bewaartermijn_maanden()
    except InvoerFout as exc:
        raise _Fout(str(exc)) from None
    db = _database()
    try:
        overzicht = wissen.bewaaroverzicht(db, _opdrachtregel(), None, maanden=maanden)
        gedaan = wissen.pas_bewaartermijn_toe(db, _opdrachtregel(), None, maanden=maanden) if args.uitvoeren else []
    except InvoerFout as exc:
        raise _Fout(str(exc)) from None
    finally:
        db.sluit()
    print(f"Bewaartermijn: {maanden} maanden na het afronden van een scanronde (open scanrondes blijven staan).")

    def regel(r: BewaarRonde) -> str:
        einde = f"{tijd.lokaal(r.verloopt_op):%d-%m-%Y}" if r.verloopt_op else "?"
        return f"  scanronde {r.ronde_id} van {r.gemeente} ({r.datum:%d-%m-%Y}), {r.deelnemers} deelnemers, termijn tot {einde}"

    if args.uitvoeren:
        print(f"Persoonsgegevens verwijderd uit {len(gedaan)} scanronde(s).")
        for r in gedaan:
            print(regel(r))
        over = len(overzicht.nu) - len(gedaan)
        if over:
            print(
                f"{over} scanronde(s) niet gedaan (intussen heropend, al gedaan, of de database weigerde; "
                "zie het log): de volgende keer opnieuw."
            )
    else:
        print(f"Nu aan de beurt: {len(overzicht.nu)} scanronde(s).")
        for r in overzicht.nu:
            print(regel(r))
        if overzicht.nu:
            print("Voer uit met: python -m scan bewaartermijn --uitvoeren")
    print(f"Binnenkort (binnen 30 dagen): {len(overzicht.binnenkort)} scanronde(s).")
    for r in overzicht.binnenkort:
        print(regel(r))
    return EXIT_OK


def _inlogaccount(args: argparse.Namespace) -> int:
    """The bindings of addresses to signed-in accounts, or release one (issue 18, item 6)."""
    from scan.fouten import InvoerFout
    from scan.services import identiteiten
    from scan.services.toegang import lokale_gebruiker

    db = _database()
    try:
        if args.los:
            try:
                identiteiten.maak_los(db, lokale_gebruiker(), args.los)
            except InvoerFout as exc:
                raise _Fout(str(exc)) from None
            print(
                f"Koppeling van {args.los.strip().lower()} losgemaakt; de volgende inlog met dit adres koppelt het opnieuw."
            )
            return EXIT_OK
        regels = identiteiten.bindingen(db, lokale_gebruiker())
    finally:
        db.sluit()
    if not regels:
        print("Nog geen e-mailadres is aan een inlogaccount gekoppeld.")
    for r in regels:
        b = r.binding
        gemeenten = ", ".join(r.gemeenten) or "geen rol"
        print(f"{b.email}\t{b.issuer}\t{b.subject}\tgekoppeld {b.gebonden_op:%Y-%m-%d}\t{gemeenten}")
    return EXIT_OK


# --- issue 19: backup and restore (SQLite; PostgreSQL has pg_dump and pg_restore) ---------------


def _backup(args: argparse.Namespace) -> int:
    from scan.db.reservekopie import ReservekopieFout, beschrijf, maak_reservekopie
    from scan.db.verbinding import database_url

    try:
        inhoud = maak_reservekopie(database_url(), Path(args.file), overschrijf=args.overschrijf)
    except ReservekopieFout as exc:
        raise _Fout(str(exc)) from None
    print(f"Reservekopie geschreven naar {args.file} en gecontroleerd: {beschrijf(inhoud)}.")
    return EXIT_OK


def _restore(args: argparse.Namespace) -> int:
    from scan.db.reservekopie import (
        ReservekopieFout,
        bekijk_reservekopie,
        beschrijf,
        gewijzigd_op,
        huidige_inhoud,
        sqlite_pad,
        zet_terug,
    )
    from scan.db.verbinding import database_url

    url = database_url()
    bron = Path(args.file)
    try:
        doel = sqlite_pad(url, "restore")  # PostgreSQL is refused before anything is read
        inhoud = bekijk_reservekopie(bron)
        if not args.ja:
            huidig = huidige_inhoud(url)
            nu_erin = f"nu {beschrijf(huidig)}" if huidig else "nu leeg of geen database van de zelfscan"
            print(
                f"De database {doel} ({nu_erin}) wordt vervangen door de reservekopie {bron} van "
                f"{tijd.lokaal(gewijzigd_op(bron)):%d-%m-%Y %H:%M} ({beschrijf(inhoud)}).\n"
                "Alles wat na die reservekopie is opgeslagen, gaat verloren. Stop de app eerst, of start hem daarna "
                "opnieuw."
            )
            if input("Typ ja om door te gaan: ").strip().lower() != "ja":
                print("Niets teruggezet.")
                return EXIT_OK
        herstel = zet_terug(url, bron)
    except ReservekopieFout as exc:
        raise _Fout(str(exc)) from None
    except EOFError:
        raise _Fout(
            "geen bevestiging gelezen; niets teruggezet (gebruik --ja om zonder vragen terug te zetten)"
        ) from None
    bijgewerkt = f" (bijgewerkt van schemaversie {herstel.bijgewerkt_van})" if herstel.bijgewerkt_van else ""
    print(f"Teruggezet uit {bron} in {doel}: {beschrijf(herstel.inhoud)}{bijgewerkt}.")
    print(
        "Start nu alle app-processen opnieuw: open pagina's tonen anders nog gegevens van vóór het terugzetten. "
        "Persoonlijke links uit de reservekopie werken weer; wat na de reservekopie is ingevuld, is weg."
    )
    return EXIT_OK


def _reservekopie_opdrachten(sub: argparse._SubParsersAction[_Parser]) -> None:
    p = sub.add_parser(
        "backup",
        help="schrijf een gecontroleerde reservekopie van de SQLite-database (DATABASE_URL), ook terwijl de app draait; "
        "PostgreSQL: pg_dump -Fc",
    )
    p.add_argument("file", help="bestand voor de reservekopie (bijvoorbeeld reservekopie/zelfscan-2026-11-22.db)")
    p.add_argument("--overschrijf", action="store_true", help="vervang een bestaand bestand")
    p.set_defaults(func=_backup)

    p = sub.add_parser(
        "restore",
        help="zet een reservekopie terug in de SQLite-database (DATABASE_URL); vraagt om bevestiging; "
        "PostgreSQL: pg_restore",
    )
    p.add_argument("file", help="reservekopie gemaakt met 'python -m scan backup'")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    p.set_defaults(func=_restore)


def _poort(tekst: str) -> int:
    try:
        poort = int(tekst)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{tekst}' is geen poortnummer") from None
    if not 1 <= poort <= 65535:
        raise argparse.ArgumentTypeError(f"poort {poort} ligt niet tussen 1 en 65535")
    return poort


def _schema(args: argparse.Namespace) -> int:
    from scoring.schema import schrijf_schemas

    geschreven = schrijf_schemas(Path(args.out) if args.out else None)
    for pad in geschreven:
        print(f"geschreven: {pad}")
    return EXIT_OK


class _Parser(argparse.ArgumentParser):
    """argparse with its error line in Dutch."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        vertaald = (
            message.replace("the following arguments are required", "deze opties zijn verplicht")
            .replace("invalid choice", "ongeldige keuze")
            .replace("unrecognized arguments", "onbekende opties")
            .replace("invalid int value", "geen geheel getal")
            .replace("expected one argument", "verwacht een waarde")
        )
        self.exit(2, f"Fout: {vertaald}\n")


def bouw_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m scan",
        description="Omnichannel zelfscan voor gemeenten (gebaseerd op de VNG-handreiking).",
    )
    parser.add_argument(
        "--version", action="version", version=f"omnichannel-zelfscan {__version__}", help="toon de versie en stop"
    )
    sub = parser.add_subparsers(dest="opdracht", required=True, metavar="OPDRACHT")

    p = sub.add_parser(
        "migrate",
        help="breng het databaseschema naar deze versie (de eerste stap van elke start in productie); "
        "één transactie: een mislukte stap laat het schema zoals het was",
    )
    p.set_defaults(func=_migrate)

    p = sub.add_parser(
        "check",
        help="controleer database (bereikbaar), schema (bij deze versie of verenigbaar) en vragenlijsten; "
        "één regel en exitcode 0 (in orde) of 1, voor health checks en CI; wijzigt niets",
    )
    p.set_defaults(func=_check)

    p = sub.add_parser(
        "start",
        help="start de app voor productie: migrate, check, dan Streamlit (headless, zonder bestandsbewaking); "
        "opties na -- gaan naar streamlit",
    )
    p.add_argument("--poort", type=_poort, default=None, help="poort (standaard STREAMLIT_SERVER_PORT of 8501)")
    p.add_argument("streamlit", nargs=argparse.REMAINDER, help="opties voor streamlit, na --")
    p.set_defaults(func=_start)

    p = sub.add_parser("validate", help="controleer de vragenlijst (YAML)")
    p.add_argument("dir", nargs="?", help="map van één vragenlijstversie (standaard: alle versies in questionnaires/)")
    p.set_defaults(func=_validate)

    p = sub.add_parser(
        "demo",
        help="schrijf een fictieve scan van een gemeente, of vul de database met fictieve rondes van alle gemeenten",
    )
    p.add_argument("--gemeente", help="naam of CBS-code, bijvoorbeeld 'Den Bosch' of GM0796")
    p.add_argument(
        "--alle-gemeenten",
        action="store_true",
        help="vul de database (DATABASE_URL) met fictieve, afgeronde scanrondes van alle gemeenten in de CBS-lijst",
    )
    p.add_argument(
        "--deelnemers", type=int, help="aantal deelnemers per ronde (1-200, standaard 8; met --alle-gemeenten 10)"
    )
    p.add_argument("--out", help="uitvoerbestand (JSON), of - voor het scherm; niet met --alle-gemeenten")
    p.add_argument(
        "--datum",
        help="datum van de scanronde, JJJJ-MM-DD (standaard vandaag); met --alle-gemeenten de peildatum: "
        "de nieuwste rondes vallen in de laatste maart ervoor",
    )
    p.add_argument("--seed", type=int, help="startgetal voor herhaalbare uitkomsten")
    p.add_argument(
        "--rondes", type=int, help="met --alle-gemeenten: rondes per gemeente, een jaar uit elkaar (1-10, standaard 2)"
    )
    p.add_argument(
        "--benchmark",
        action="store_true",
        help="met --alle-gemeenten: meld de gemeenten aan voor de anonieme benchmark "
        "(behalve gemeenten met echte scanrondes: dat beslist hun beheerder)",
    )
    p.add_argument(
        "--opnieuw",
        action="store_true",
        help="met --alle-gemeenten: verwijder eerst alle fictieve scanrondes en de benchmarkaanmeldingen "
        "van de demo (echte scanrondes blijven staan)",
    )
    p.add_argument(
        "--max-gemeenten",
        type=int,
        metavar="N",
        help="met --alle-gemeenten: alleen N gemeenten, verspreid over de lijst (voor tests en snelle demo's)",
    )
    p.add_argument(
        "--versie", help="vragenlijstversie van de fictieve scan (standaard de versie van nieuwe scanrondes)"
    )
    p.add_argument("--vragenlijst", help=argparse.SUPPRESS)
    p.set_defaults(func=_demo, demo_parser=p)

    p = sub.add_parser("score", help="bereken de scores van een scanbestand")
    p.add_argument("file", help="scanbestand (JSON-uitwisselformaat of Excel-export van de app)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--vragenlijst", help=argparse.SUPPRESS)
    p.set_defaults(func=_score)

    p = sub.add_parser("goals", help="stel SMART-doelen voor bij een scanbestand")
    p.add_argument("file", help="scanbestand (JSON-uitwisselformaat of Excel-export van de app)")
    p.add_argument("--aantal", type=int, default=5, help="aantal voorstellen (3-7, standaard 5)")
    p.add_argument("--datum", help="peildatum voor de deadlines, JJJJ-MM-DD (standaard vandaag)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--vragenlijst", help=argparse.SUPPRESS)
    p.set_defaults(func=_goals)

    p = sub.add_parser(
        "report", help="maak de PDF (of de toegankelijke HTML-versie) van een scanbestand (JSON of Excel)"
    )
    p.add_argument("file", help="scanbestand (JSON-uitwisselformaat of Excel-export van de app)")
    p.add_argument("--out", required=True, help="PDF- of HTML-bestand om te schrijven")
    p.add_argument(
        "--soort",
        choices=("handout", "volledig"),
        default=None,
        help="handout: managementsamenvatting van 2-4 pagina's (standaard); volledig: het verbeterrapport",
    )
    p.add_argument(
        "--formaat",
        choices=("pdf", "html"),
        default="pdf",
        help="pdf (standaard) of html: het volledige verbeterrapport als toegankelijk HTML-bestand",
    )
    p.add_argument("--html", action="store_true", help="hetzelfde als --formaat html")
    p.add_argument("--datum", help="datum op het rapport, JJJJ-MM-DD (standaard vandaag)")
    p.add_argument("--vragenlijst", help=argparse.SUPPRESS)
    p.set_defaults(func=_report)

    p = sub.add_parser("export", help="exporteer een scanronde naar JSON, Excel of CSV")
    p.add_argument("file", nargs="?", help="scanbestand (JSON of Excel) om om te zetten")
    p.add_argument("--ronde", help="deelnamecode van een scanronde in de database (DATABASE_URL)")
    p.add_argument("--out", required=True, help="uitvoer: .json, .xlsx, .csv (met --tabel) of .zip (alle CSV's)")
    p.add_argument(
        "--tabel", choices=("scores", "stellingen", "antwoorden", "doelen"), default="scores", help="tabel voor .csv"
    )
    p.add_argument("--vragenlijst", help=argparse.SUPPRESS)
    p.set_defaults(func=_export)

    p = sub.add_parser("import", help="importeer een scanbestand (JSON of Excel) in de database")
    p.add_argument("file", help="scanbestand (JSON-uitwisselformaat of Excel-export van de app)")
    p.add_argument("--vragenlijst", help=argparse.SUPPRESS)
    p.set_defaults(func=_import)

    p = sub.add_parser(
        "beheerlink",
        help="toon de beheerlink van de één-computermodus (zonder inloggen) opnieuw, of vernieuw hem",
    )
    p.add_argument(
        "--vernieuw", action="store_true", help="maak een nieuw geheim; de oude link werkt daarna nergens meer"
    )
    p.add_argument(
        "--poort",
        type=_poort,
        default=None,
        help="poort van de app in de link (standaard STREAMLIT_SERVER_PORT of 8501)",
    )
    p.set_defaults(func=_beheerlink)

    p = sub.add_parser(
        "wis-deelnemer",
        help="wis alle persoonsgegevens van één deelnemer uit een scanronde (naam, functie, antwoorden, "
        "toelichtingen, ambities, link); elders in de ronde komt de rol in plaats van de naam",
    )
    p.add_argument("--ronde", type=int, required=True, help="nummer (id) van de scanronde")
    p.add_argument("--deelnemer", type=int, help="nummer (id) van de deelnemer; zonder deze optie: toon wie er meedoen")
    p.set_defaults(func=_wis_deelnemer)

    p = sub.add_parser(
        "verwijder-ronde", help="verwijder een scanronde met alles erin; alleen de regel in het logboek blijft"
    )
    p.add_argument("--ronde", type=int, required=True, help="nummer (id) van de scanronde")
    p.add_argument("--ja", action="store_true", help="niet om bevestiging vragen")
    p.set_defaults(func=_verwijder_ronde)

    p = sub.add_parser(
        "bewaartermijn",
        help="toon welke afgeronde scanrondes over hun bewaartermijn (SCAN_BEWAARTERMIJN_MAANDEN) zijn, "
        "of verwijder hun persoonsgegevens met --uitvoeren (geschikt voor een dagelijkse taak)",
    )
    p.add_argument(
        "--uitvoeren",
        action="store_true",
        help="verwijder de persoonsgegevens nu (namen worden 'Deelnemer 1..n'; scores blijven)",
    )
    p.set_defaults(func=_bewaartermijn)

    p = sub.add_parser(
        "inlogaccount",
        help="toon aan welk inlogaccount (issuer, subject) elk e-mailadres gekoppeld is, of maak een koppeling los",
    )
    p.add_argument("--los", metavar="ADRES", help="maak de koppeling van dit adres los (na een vervangen account)")
    p.set_defaults(func=_inlogaccount)

    _reservekopie_opdrachten(sub)

    p = sub.add_parser("schema", help="schrijf de JSON Schema's opnieuw uit de modellen")
    p.add_argument("--out", help="map (standaard questionnaires/schema)")
    p.set_defaults(func=_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = bouw_parser()
    args = parser.parse_args(argv)
    # Log lines in the app's format (scan/logopmaak.py), each with this command and its round.
    logopmaak.stel_in()
    ronde = getattr(args, "ronde", None)  # a number; `export --ronde` takes a join code, never logged
    logopmaak.zet_context(ronde=ronde if isinstance(ronde, int) else None, sessie=f"cli:{args.opdracht}")
    try:
        return int(args.func(args))
    except _Fout as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return EXIT_FOUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
