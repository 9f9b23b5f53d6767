"""AppTest of the downloads panel (Resultaten, Doelen) and of importing a scan on Start."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from collections.abc import Callable
from functools import partial

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from streamlit.testing.v1 import AppTest

from reports.exports import naar_excel
from scan.db.tabellen import RondeRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import downloads, invullen, start
from scan.services.uitwisseling import exporteer
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import canoniek, lees_scan_bytes, schrijf_scan

pytestmark = pytest.mark.apptest
RESULTATEN = "scan/ui/paginas/resultaten.py"
DOELEN = "scan/ui/paginas/doelen.py"


def _beantwoord(db: Database, vl: Vragenlijst, ronde: Sessie) -> Sessie:
    karel = start.neem_deel(db, vl, code=ronde.ronde.code, naam="Karel")
    for i, (_, s) in enumerate(vl.stellingen()):
        invullen.sla_antwoord_op(db, vl, karel, s.id, str(i % 5 + 1))
    return karel


def _labels(at: AppTest) -> list[str]:
    return [k.proto.label for k in at.get("download_button")]


@pytest.mark.parametrize("pagina", [RESULTATEN, DOELEN])
def test_facilitator__gets_pdfs_and_data_files(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst, pagina: str
) -> None:
    _beantwoord(app_db, vragenlijst, ronde)
    at = open_app(pagina, d=ronde.deelnemer.token)
    assert not at.exception
    assert _labels(at) == [
        "Managementsamenvatting (PDF)",
        "Verbeterrapport (PDF)",
        "Volledig rapport (HTML, toegankelijk)",
        "Excel",
        "CSV (zip)",
        "Uitwisselbestand",
    ]


def test_participant__gets_the_pdfs_but_not_the_answers_by_name(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    karel = _beantwoord(app_db, vragenlijst, ronde)
    at = open_app(RESULTATEN, d=karel.deelnemer.token)
    assert not at.exception
    assert _labels(at) == [
        "Managementsamenvatting (PDF)",
        "Verbeterrapport (PDF)",
        "Volledig rapport (HTML, toegankelijk)",
    ]
    assert any("facilitator kan ze downloaden" in c.value for c in at.caption)
    # Why the HTML is there: the PDFs are not tagged, and the HTML is the accessible version.
    assert any("niet getagd" in c.value and "HTML is de toegankelijke versie" in c.value for c in at.caption)


def test_each_download__is_built_from_what_is_stored_at_the_click(
    app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    _beantwoord(app_db, vragenlijst, ronde)
    maak = {
        soort: partial(downloads.bestand, app_db, vragenlijst, ronde, soort)
        for soort in ("handout", "volledig", "html", "xlsx", "csv", "json")
    }
    eerste = json.loads(maak["json"]())
    # A change after the page was drawn is in the next download: files are built on the click.
    invullen.sla_antwoord_op(app_db, vragenlijst, ronde, vragenlijst.bouwstenen[0].stellingen[0].id, "5")
    tweede = lees_scan_bytes(maak["json"]())
    assert len(tweede.antwoorden) == len(eerste["antwoorden"]) + 1
    assert tweede == exporteer(app_db, ronde.ronde.id)
    for soort in ("handout", "volledig"):
        tekst = PdfReader(io.BytesIO(maak[soort]())).pages[0].extract_text()
        assert "Omnichannel zelfscan Utrecht" in tekst
    html = maak["html"]().decode("utf-8")
    assert html.startswith("<!DOCTYPE html>") and "<h1" in html and "Omnichannel zelfscan Utrecht" in html
    assert zipfile.is_zipfile(io.BytesIO(maak["xlsx"]()))
    assert sorted(zipfile.ZipFile(io.BytesIO(maak["csv"]())).namelist()) == [
        "antwoorden.csv",
        "doelen.csv",
        "scores.csv",
        "stellingen.csv",
    ]
    assert downloads.bestandsnaam(ronde, "samenvatting", "pdf") == "zelfscan-utrecht-2026-11-22-samenvatting.pdf"


def _aantal_rondes(db: Database) -> int:
    with db.lezen() as s:
        return int(s.scalar(select(func.count()).select_from(RondeRij)) or 0)


@pytest.mark.parametrize("soort", ["json", "xlsx"])
def test_import__checks_shows_and_opens_the_round(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, soort: str, beheer_geheim: str
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Súdwest-Fryslân"), 4, dt.date(2026, 11, 22), seed=3)
    data = (
        schrijf_scan(scan).encode()
        if soort == "json"
        else naar_excel(vragenlijst, scan, bereken_scan(vragenlijst, scan))
    )
    at = open_app(beheer=beheer_geheim)
    at.file_uploader(key="import_bestand").upload(f"scan.{soort}", data)
    at.run()
    assert not at.exception
    assert "Súdwest\\-Fryslân" in at.info[0].value and "4 deelnemers" in at.info[0].value  # markdown-escaped
    next(b for b in at.button if b.label == "Importeren en openen").click()
    at.run()
    assert not at.exception
    with app_db.lezen() as s:
        ronde = s.scalars(select(RondeRij)).one()
    assert canoniek(exporteer(app_db, ronde.id)) == canoniek(scan)
    assert at.title[0].value == "Resultaten Súdwest\\-Fryslân"


def test_import__a_broken_file_is_refused_in_dutch_and_nothing_is_written(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, beheer_geheim: str
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 3, dt.date(2026, 11, 22), seed=3)
    afgekapt = schrijf_scan(scan).encode()[:5000]
    at = open_app(beheer=beheer_geheim)
    at.file_uploader(key="import_bestand").upload("scan.json", afgekapt)
    at.run()
    assert not at.exception
    fout = at.error[0].value
    assert "kan niet worden geïmporteerd; er is niets opgeslagen" in fout
    assert "afgekapt" in fout
    assert not [b for b in at.button if b.proto.label == "Importeren en openen"]
    assert _aantal_rondes(app_db) == 0
