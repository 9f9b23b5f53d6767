"""A round has a maximum of participants, and every download works at that maximum (issue 13, case 3).

A join code admitted anyone, and after 200 participants all five downloads of the round failed.
Now ``neem_deel`` refuses beyond ``MAX_DEELNEMERS`` inside its one write (concurrent joins cannot
both take the last place), counts the refusals for the facilitator, and a round filled to the
maximum, everyone answering everything with long notes, still gives both PDFs, the Excel
workbook, the CSV tables and an exchange file that imports again through the upload box.
"""

from __future__ import annotations

import datetime as dt
import io
import threading
import tomllib
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from reports.exports import lees_bestand
from scan.db.tabellen import AmbitieRij, AntwoordRij, DeelnemerRij
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import downloads, start
from scoring.models import Vragenlijst
from scoring.tijd import nu
from tests.rondes import start_ronde
from tests.vijandig import LANG, MARKUP, tekst_voor_veld

ROOT = Path(__file__).resolve().parents[2]
LANGE_TOELICHTING = 1000
"""A long note (a full paragraph) on every answer: far more than workshops write, and what the
upload limit in .streamlit/config.toml is sized for."""


def _ronde(db: Database, vragenlijst: Vragenlijst) -> Sessie:
    return start_ronde(db, vragenlijst, gm_code="GM0014", facilitator="Fien Facilitator", datum=dt.date(2026, 12, 7))


def _aantal(db: Database, ronde_id: int) -> int:
    with db.lezen() as s:
        return int(
            s.scalar(select(func.count()).select_from(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde_id)) or 0
        )


def _vul_aan(db: Database, vragenlijst: Vragenlijst, ronde: Sessie, tot: int) -> list[Sessie]:
    return [
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=f"Deelnemer {i:03d}")
        for i in range(_aantal(db, ronde.ronde.id), tot)
    ]


def test_a_full_round_refuses_the_next_joiner_in_dutch_and_counts_it(db: Database, vragenlijst: Vragenlijst) -> None:
    ronde = _ronde(db, vragenlijst)
    _vul_aan(db, vragenlijst, ronde, start.MAX_DEELNEMERS)
    assert start.bezetting(db, ronde.ronde.id) == (start.MAX_DEELNEMERS, 0)
    for keer in (1, 2):
        with pytest.raises(InvoerFout) as weigering:
            start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=f"Te laat {keer}")
        assert "is vol" in str(weigering.value) and str(start.MAX_DEELNEMERS) in str(weigering.value)
        assert start.bezetting(db, ronde.ronde.id) == (start.MAX_DEELNEMERS, keer)
    # Another round is not affected by this one being full.
    ander = _ronde(db, vragenlijst)
    start.neem_deel(db, vragenlijst, code=ander.ronde.code, naam="Te laat 1")
    assert start.bezetting(db, ander.ronde.id) == (2, 0)


def test_concurrent_joins_never_pass_the_maximum(db: Database, vragenlijst: Vragenlijst) -> None:
    ronde = _ronde(db, vragenlijst)
    _vul_aan(db, vragenlijst, ronde, start.MAX_DEELNEMERS - 3)
    tegelijk = threading.Barrier(8)
    uitkomsten: list[str] = []

    def meedoen(i: int) -> None:
        tegelijk.wait()
        try:
            start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=f"Tegelijk {i}")
            uitkomsten.append("binnen")
        except InvoerFout:
            uitkomsten.append("vol")

    draden = [threading.Thread(target=meedoen, args=(i,)) for i in range(8)]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert sorted(uitkomsten) == ["binnen"] * 3 + ["vol"] * 5
    assert start.bezetting(db, ronde.ronde.id) == (start.MAX_DEELNEMERS, 5)


def _toelichting(n: int, k: int) -> str:
    """Long, realistic text with a hostile payload from the catalogue mixed in."""
    vijandig = MARKUP[(n + k) % len(MARKUP)].tekst
    return tekst_voor_veld(LANG[1], LANGE_TOELICHTING - len(vijandig) - 1) + " " + vijandig


def test_every_download_works_for_a_round_at_the_maximum(db: Database, vragenlijst: Vragenlijst) -> None:
    ronde = _ronde(db, vragenlijst)
    deelnemers = [ronde, *_vul_aan(db, vragenlijst, ronde, start.MAX_DEELNEMERS)]
    assert len(deelnemers) == start.MAX_DEELNEMERS
    stellingen = [s.id for _, s in vragenlijst.stellingen()]
    with db.schrijven() as s:  # written as rows: 60 × 80 saves through the UI would prove nothing more
        for n, d in enumerate(deelnemers):
            for k, stelling in enumerate(stellingen):
                s.add(
                    AntwoordRij(
                        ronde_id=ronde.ronde.id,
                        deelnemer_id=d.deelnemer.id,
                        stelling=stelling,
                        antwoord=str(1 + (n + k) % 5),
                        toelichting=_toelichting(n, k),
                        gewijzigd_op=nu(),
                    )
                )
            for b in vragenlijst.bouwstenen:
                s.add(
                    AmbitieRij(
                        ronde_id=ronde.ronde.id,
                        deelnemer_id=d.deelnemer.id,
                        bouwsteen=b.id,
                        niveau=1 + n % 5,
                        toelichting=_toelichting(n, 0),
                        gewijzigd_op=nu(),
                    )
                )

    def maak(soort: str) -> bytes:
        return downloads.bestand(db, vragenlijst, ronde, soort)

    handout = PdfReader(io.BytesIO(maak("handout")))
    assert 1 <= len(handout.pages) <= 4
    volledig = PdfReader(io.BytesIO(maak("volledig")))
    assert len(volledig.pages) > 4
    werkboek = load_workbook(io.BytesIO(maak("xlsx")), read_only=True)
    assert werkboek.sheetnames
    with zipfile.ZipFile(io.BytesIO(maak("csv"))) as z:
        assert z.namelist()
    uitwissel = maak("json")
    terug = lees_bestand(uitwissel, "ronde.json")
    assert len(terug.deelnemers) == start.MAX_DEELNEMERS
    assert len(terug.antwoorden) == start.MAX_DEELNEMERS * len(stellingen)
    # The upload box takes this file back: the server's limit is sized for a full round.
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert len(uitwissel) <= config["server"]["maxUploadSize"] * 1024 * 1024
