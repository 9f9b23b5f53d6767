"""The hostile-input catalogue (tests/vijandig.py) through the exchange import and the exports, on
SQLite and PostgreSQL (issue 13, case 7 and the catalogue run).

For every payload, a file is checked as the Start page does (read, then ``controleer_import``) and
imported as its button does (``importeer``). The two agree: a file the preview refuses, with a
located Dutch line per problem, is refused by the import and writes nothing; a file the preview
accepts imports whole and comes back from the export as it was read. Every imported round then
goes out as JSON, Excel and CSV: text stays text (never a formula), numbers and times stay what
they were, and no file says nan or inf.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import zipfile
from typing import Any

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from reports.exports import csv_zip, lees_bestand, lees_excel, naar_excel
from scan.db.tabellen import AntwoordRij, DeelnemerRij, DoelRij, RondeRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.services.regels import naam_en_sleutel
from scan.services.uitwisseling import ImportFout, controleer_import, exporteer
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.scantekst import schoon_scan
from scoring.tekst import normaliseer
from scoring.uitwissel import Scan, UitwisselFout, canoniek, lees_scan_bytes, schrijf_scan
from tests.rondes import importeer
from tests.vijandig import DATUMS, GETALLEN, TEKSTEN, Payload, tekst_voor_veld

DOEL = {
    "id": "doel1",
    "bouwsteen": "kanaalinzet",
    "titel": "Meer zelfservice",
    "actie": "Webformulieren verbeteren",
    "nulmeting": 40.0,
    "streefwaarde": 60.0,
    "deadline": "2027-06-30",
}


@pytest.fixture(scope="module")
def basis(vragenlijst: Vragenlijst) -> dict[str, Any]:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 2, dt.date(2026, 11, 20), seed=11)
    ruw = json.loads(schrijf_scan(scan))
    ruw["doelen"] = [dict(DOEL)]
    stelling = ruw["antwoorden"][0]["stelling"]
    ruw["consensus"] = [{"stelling": stelling, "niveau": 3, "vastgesteld_op": "2026-11-20T10:00:00Z"}]
    ruw["ambities"] = [{"bouwsteen": "kanaalinzet", "niveau": 4}]
    return ruw


def _json(waarde: object) -> str:
    if isinstance(waarde, int) and not isinstance(waarde, bool) and waarde.bit_length() > 10_000:
        return "9" * 4_400  # neither json.dumps nor repr can write it
    return json.dumps(waarde)  # NaN and Infinity become the literals JSON forbids


def _bestand(ruw: dict[str, Any], waarden: dict[tuple[str | int, ...], object]) -> bytes:
    kopie = json.loads(json.dumps(ruw))
    vervangen = {}
    for i, (pad, waarde) in enumerate(waarden.items()):
        doel = kopie
        for stap in pad[:-1]:
            doel = doel[stap]
        doel[pad[-1]] = f"@@{i}@@"
        vervangen[f'"@@{i}@@"'] = _json(waarde)
    tekst = json.dumps(kopie)
    for sleutel, waarde in vervangen.items():
        tekst = tekst.replace(sleutel, waarde)
    return tekst.encode()


def _tel(db: Database) -> tuple[int, ...]:
    with db.lezen() as s:
        return tuple(
            int(s.scalar(select(func.count()).select_from(t)) or 0)
            for t in (RondeRij, DeelnemerRij, AntwoordRij, DoelRij)
        )


def _als_ingelezen(scan: Scan) -> Scan:
    """What the export should give back: the scan as read, its texts as the import stores them
    (cleaned by the one text rule, names as the join form cleans them)."""
    schoon, problemen = schoon_scan(scan)
    assert not problemen, problemen
    namen = [d.model_copy(update={"naam": naam_en_sleutel(d.naam)[0]}) for d in schoon.deelnemers]
    return canoniek(schoon.model_copy(update={"deelnemers": namen}))


def _preview_en_import(db: Database, vl: Vragenlijst, data: bytes, *, exports: bool = False) -> Scan | list[str]:
    """The Start page's preview and its import button, asserting that they agree; with ``exports``
    the imported round also goes out as JSON, Excel and CSV."""
    voor = _tel(db)
    try:
        scan = lees_bestand(data, "scan.json")
    except UitwisselFout as fout:
        # Nothing to import: the page shows the lines and no button.
        assert fout.problemen and all(p.startswith("scan.json") for p in fout.problemen), fout.problemen
        return fout.problemen
    problemen = controleer_import(db, vl, scan)
    try:
        sessie = importeer(db, vl, scan)
    except ImportFout as fout:
        assert problemen, f"the preview said 'in orde', the import refused: {fout.problemen}"
        assert fout.problemen == problemen
        assert _tel(db) == voor, "a refused import wrote something"
        return problemen
    assert not problemen, f"the preview refused, the import took it: {problemen}"
    terug = exporteer(db, sessie.ronde.id)
    assert terug == _als_ingelezen(scan)
    assert lees_scan_bytes(schrijf_scan(terug).encode()) == terug
    if exports:
        _exports_houden_stand(vl, terug)
    return terug


def _exports_houden_stand(vl: Vragenlijst, scan: Scan) -> None:
    """JSON, Excel and CSV of an imported round: literal text, no formulas, no nan/inf."""
    resultaat = bereken_scan(vl, scan)
    xlsx = naar_excel(vl, scan, resultaat)
    assert canoniek(lees_excel(xlsx)) == canoniek(scan)
    wb = load_workbook(io.BytesIO(xlsx))
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for cel in rij:
                assert cel.data_type != "f", f"{ws.title}!{cel.coordinate} became a formula"
                if isinstance(cel.value, float):
                    assert math.isfinite(cel.value)
    with zipfile.ZipFile(io.BytesIO(csv_zip(vl, scan, resultaat))) as z:
        for naam in z.namelist():
            tekst = z.read(naam).decode("utf-8-sig")
            for rij in csv.reader(io.StringIO(tekst), delimiter=";"):
                for cel in rij:
                    # The house rule (CWE-1236): text that starts like a formula gets a "'".
                    assert not cel.startswith(("=", "+", "@", "\t", "\r")), (naam, cel[:40])
                    assert cel.casefold() not in {"nan", "inf", "-inf"}, (naam, cel)


# --- text --------------------------------------------------------------------------------------

TEKSTVELDEN: dict[tuple[str | int, ...], int] = {
    ("deelnemers", 1, "functie"): 120,
    ("antwoorden", 0, "toelichting"): 4000,
    ("consensus", 0, "toelichting"): 4000,
    ("notities", 0, "tekst"): 4000,
    ("doelen", 0, "titel"): 120,
    ("doelen", 0, "actie"): 4000,
    ("doelen", 0, "eigenaar"): 4000,
    ("scanronde", "omschrijving"): 4000,
}


@pytest.mark.parametrize("payload", TEKSTEN, ids=[p.naam for p in TEKSTEN])
def test_catalogue_text__in_every_free_field_is_refused_whole_or_comes_back_literally(
    db: Database, vragenlijst: Vragenlijst, basis: dict[str, Any], payload: Payload
) -> None:
    waarden: dict[tuple[str | int, ...], object] = {
        pad: tekst_voor_veld(payload, maximum) for pad, maximum in TEKSTVELDEN.items()
    }
    uit = _preview_en_import(db, vragenlijst, _bestand(basis, waarden), exports=True)
    if isinstance(uit, list):
        assert (
            payload.soort in {"stuurteken", "regels", "lang", "onzichtbaar", "bidi"} or payload.naam == "md_setext"
        ), uit
        return
    functie = str(waarden[("deelnemers", 1, "functie")])
    actie = str(waarden[("doelen", 0, "actie")])
    assert uit.deelnemers[1].functie == normaliseer(functie)
    assert uit.doelen[0].actie == normaliseer(actie, meerregelig=True)


@pytest.mark.parametrize("payload", TEKSTEN, ids=[p.naam for p in TEKSTEN])
def test_catalogue_text__as_a_participant_name_is_refused_whole_or_imported(
    db: Database, vragenlijst: Vragenlijst, basis: dict[str, Any], payload: Payload
) -> None:
    naam = tekst_voor_veld(payload, 120)
    uit = _preview_en_import(db, vragenlijst, _bestand(basis, {("deelnemers", 1, "naam"): naam}))
    if isinstance(uit, list):
        assert any("deelnemer 2" in p or "deelnemers[1]" in p for p in uit), uit
        return
    assert uit.deelnemers[1].naam == naam_en_sleutel(naam)[0]


# --- numbers and dates -------------------------------------------------------------------------

GETALVELDEN = [("doelen", 0, "nulmeting"), ("doelen", 0, "streefwaarde"), ("ambities", 0, "niveau")]
DATUMVELDEN = [("antwoorden", 0, "gewijzigd"), ("consensus", 0, "vastgesteld_op"), ("doelen", 0, "deadline")]


@pytest.mark.parametrize("pad", GETALVELDEN, ids=lambda p: p[-1] if isinstance(p, tuple) else p)
@pytest.mark.parametrize(("naam", "waarde"), GETALLEN, ids=[n for n, _ in GETALLEN])
def test_catalogue_numbers__preview_and_import_agree(
    db: Database, vragenlijst: Vragenlijst, basis: dict[str, Any], pad: tuple[str | int, ...], naam: str, waarde: object
) -> None:
    uit = _preview_en_import(db, vragenlijst, _bestand(basis, {pad: waarde}))
    if isinstance(uit, list):
        assert len(uit) == 1 and f"veld {pad[-1]}" in uit[0], uit
        assert "doel 1" in uit[0] or "ambitie 1" in uit[0], uit
        return
    # Only an ordinary number in range is stored: -1.0 as a goal number.
    assert naam == "negatief" and pad[0] == "doelen"
    assert getattr(uit.doelen[0], str(pad[-1])) == -1.0


@pytest.mark.parametrize("pad", DATUMVELDEN, ids=lambda p: p[-1] if isinstance(p, tuple) else p)
@pytest.mark.parametrize(("naam", "waarde"), DATUMS, ids=[n for n, _ in DATUMS])
def test_catalogue_dates__preview_and_import_agree(
    db: Database, vragenlijst: Vragenlijst, basis: dict[str, Any], pad: tuple[str | int, ...], naam: str, waarde: str
) -> None:
    # Before issue 13 the preview said "in orde" for year 1 and 9999-12-31 at -14:00, and the
    # import then failed with an OverflowError traceback.
    uit = _preview_en_import(db, vragenlijst, _bestand(basis, {pad: waarde}))
    if isinstance(uit, list):
        assert len(uit) == 1 and f"veld {pad[-1]}" in uit[0], uit
        return
    assert naam in {"zonder_zone", "toekomst"} and pad[-1] != "deadline"
    lijst = getattr(uit, str(pad[0]))
    moment = dt.datetime.fromisoformat(waarde)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone(dt.timedelta(hours=1)))  # Dutch winter time
    assert any(getattr(item, str(pad[-1])) == moment for item in lijst)


def test_a_file_with_many_problems__imports_nothing_and_names_each(
    db: Database, vragenlijst: Vragenlijst, basis: dict[str, Any]
) -> None:
    data = _bestand(
        basis,
        {
            ("doelen", 0, "nulmeting"): math.nan,
            ("doelen", 0, "streefwaarde"): math.inf,
            ("antwoorden", 0, "gewijzigd"): "0001-01-01T00:00:00+00:00",
            ("consensus", 0, "vastgesteld_op"): "9999-12-31T23:59:59-14:00",
            ("ambities", 0, "niveau"): 10**4400,
        },
    )
    voor = _tel(db)  # PostgreSQL keeps the rounds of earlier tests in this run
    uit = _preview_en_import(db, vragenlijst, data)
    assert isinstance(uit, list) and len(uit) == 5
    assert _tel(db) == voor
