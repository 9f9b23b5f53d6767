"""What a facilitated session leaves behind survives export and import (issue 16): both votes,
certainty, the mode and naming, the parts with their reveal times and the disciplines; JSON and
Excel, on SQLite and PostgreSQL. Files of format version 1 still import."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

from reports.exports import lees_bestand, lees_excel, naar_excel
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import downloads, invullen, resultaten, samen
from scan.services.uitwisseling import exporteer
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import FORMAATVERSIE, canoniek, lees_scan_bytes, schrijf_scan
from scoring.versies import laad_versie
from tests.rondes import importeer
from tests.samen_ronde import EERSTE, MENSEN, TWEEDE, samen_ronde

DATA = Path(__file__).resolve().parent.parent / "data"


def test_samen_round__export_then_import_gives_an_equal_scan(db: Database, vragenlijst: Vragenlijst) -> None:
    fac, _ = samen_ronde(db, vragenlijst)
    scan = exporteer(db, fac.ronde.id)
    # Everything the session left is in the file.
    assert scan.formaatversie == FORMAATVERSIE == 2
    assert (scan.scanronde.modus, scan.scanronde.op_naam) == ("samen", False)
    assert len(scan.herstemmingen) == len(MENSEN) * len(TWEEDE)
    assert [(s.volgnummer, s.herstemming, s.onthuld_op is not None) for s in scan.samen_stappen] == [
        (1, False, True),
        (2, True, True),
        (3, True, True),
        (4, False, True),
    ]
    assert {d.naam: d.discipline for d in scan.deelnemers} == {"Fatima": None} | {n: d for n, _, d in MENSEN}
    assert {a.zekerheid for a in scan.antwoorden} == {"zeker", "denk_het", "gok", None}
    # The first vote is kept beside the second.
    eerste = vragenlijst.bouwstenen[0].stellingen[0].id
    anna = next(d.id for d in scan.deelnemers if d.naam == "Anna")
    assert next(a.antwoord for a in scan.antwoorden if (a.deelnemer, a.stelling) == (anna, eerste)) == int(EERSTE[0][0])
    assert next(h.antwoord for h in scan.herstemmingen if (h.deelnemer, h.stelling) == (anna, eerste)) == int(
        TWEEDE[0][0]
    )
    # What the file scores is what the app shows: the latest vote.
    assert bereken_scan(vragenlijst, scan) == resultaten.resultaat(db, vragenlijst, fac.ronde.id)

    # JSON: out, in, out again.
    uit_json = lees_scan_bytes(schrijf_scan(scan).encode())
    terug = exporteer(db, importeer(db, vragenlijst, uit_json).ronde.id)
    assert terug == scan
    # Excel: out, in, out again.
    xlsx = naar_excel(vragenlijst, scan, bereken_scan(vragenlijst, scan))
    assert canoniek(lees_excel(xlsx)) == scan
    terug_xlsx = exporteer(db, importeer(db, vragenlijst, lees_excel(xlsx)).ronde.id)
    assert terug_xlsx == scan
    assert resultaten.resultaat(db, vragenlijst, fac.ronde.id) == bereken_scan(vragenlijst, terug_xlsx)


def test_format_version_1_files__still_import(db: Database) -> None:
    """Files written before issue 16 (JSON and Excel, format version 1) import as Eigen tempo rounds."""
    vl = laad_versie("2.0")
    for naam in ("scan_formaat1.json", "scan_formaat1.xlsx"):
        data = (DATA / naam).read_bytes()
        oud = lees_bestand(data, naam)
        assert oud.formaatversie == 1
        terug = exporteer(db, importeer(db, vl, oud).ronde.id)
        assert terug.formaatversie == 2
        assert terug.scanronde.modus == "eigen_tempo"
        assert not terug.herstemmingen and not terug.samen_stappen
        assert terug == canoniek(oud)
        assert bereken_scan(vl, terug) == bereken_scan(vl, oud)


def _pdf_tekst(db: Database, vl: Vragenlijst, sessie: Sessie) -> str:
    pdf = downloads.bestand(db, vl, sessie, "volledig")
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def test_pdfs__are_blind_to_the_open_part_like_resultaten(db: Database, vragenlijst: Vragenlijst) -> None:
    """A participant's PDF during a Samen session shows neither the open part's first votes nor a
    running re-vote's second votes; after the reveal it shows them."""
    fac, mensen = samen_ronde(db, vragenlijst)
    derde = vragenlijst.bouwstenen[2]
    samen.volgende(db, vragenlijst, fac)
    for s in derde.stellingen:
        for sessie in mensen:
            invullen.sla_antwoord_op(db, vragenlijst, sessie, s.id, "4")

    def ingevuld() -> str:
        """'ingevuld N%' in the third bouwsteen's own section of the full report."""
        tekst = _pdf_tekst(db, vragenlijst, mensen[0])
        gevonden = re.search(r"ingevuld (\d+)%", tekst[tekst.rfind(derde.naam.nl) :])
        assert gevonden is not None
        return gevonden.group(1)

    assert ingevuld() == "0"
    samen.onthul(db, fac)
    assert ingevuld() != "0"
    # A running re-vote: the report still says what it said before it.
    stelling = vragenlijst.bouwstenen[0].stellingen[1].id
    samen.herstem(db, vragenlijst, fac, stelling)
    for sessie in mensen:
        samen.sla_herstemming_op(db, vragenlijst, sessie, stelling, "3")
    assert "Na bespreking lag 1 van de 2 bespreekpunten" in _pdf_tekst(db, vragenlijst, mensen[0])
    samen.onthul(db, fac)
    assert "Na bespreking lagen 2 van de 3 bespreekpunten" in _pdf_tekst(db, vragenlijst, mensen[0])
