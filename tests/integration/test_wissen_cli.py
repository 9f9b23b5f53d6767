"""The command line's erasure and retention commands (issue 18) on a SQLite file: Dutch output, exit
codes, a confirmation before deleting a round, and no names in what a daily job prints."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from sqlalchemy import select

from scan import cli
from scan.db.tabellen import DeelnemerRij, GebeurtenisRij, RondeRij
from scan.db.verbinding import Database
from scan.services import start, workshop
from scoring.models import Vragenlijst
from tests.rondes import start_ronde


@pytest.fixture
def ronde_id(sqlite_db: Database, vragenlijst: Vragenlijst, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("DATABASE_URL", sqlite_db.url)
    s = start_ronde(sqlite_db, vragenlijst, gm_code="GM0344", facilitator="Fatima Faci", datum=dt.date(2024, 1, 5))
    start.neem_deel(sqlite_db, vragenlijst, code=s.ronde.code, naam="Karel Kwast")
    workshop.rond_af(sqlite_db, vragenlijst, s)
    return s.ronde.id


def test_wis_deelnemer__lists_then_erases(
    sqlite_db: Database, ronde_id: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["wis-deelnemer", "--ronde", str(ronde_id)]) == 0
    lijst = capsys.readouterr().out
    assert "Karel Kwast" in lijst
    with sqlite_db.lezen() as s:
        karel = s.scalar(select(DeelnemerRij.id).where(DeelnemerRij.naam == "Karel Kwast"))
    assert cli.main(["wis-deelnemer", "--ronde", str(ronde_id), "--deelnemer", str(karel)]) == 0
    uit = capsys.readouterr().out
    assert "gewist" in uit and "Karel" not in uit
    with sqlite_db.lezen() as s:
        assert s.get(DeelnemerRij, karel) is None
        assert s.scalar(select(GebeurtenisRij.wie).where(GebeurtenisRij.handeling == "deelnemer.gewist")) == (
            "opdrachtregel"
        )
    assert cli.main(["wis-deelnemer", "--ronde", "999", "--deelnemer", "1"]) == 1
    assert "Scanronde 999 bestaat niet" in capsys.readouterr().err


def test_verwijder_ronde__asks_first__nee_keeps_it__ja_deletes(
    sqlite_db: Database, ronde_id: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("nee\n"))
    assert cli.main(["verwijder-ronde", "--ronde", str(ronde_id)]) == 0
    assert "Niets verwijderd" in capsys.readouterr().out
    with sqlite_db.lezen() as s:
        assert s.get(RondeRij, ronde_id) is not None
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert cli.main(["verwijder-ronde", "--ronde", str(ronde_id)]) == 1  # no answer: nothing deleted
    assert cli.main(["verwijder-ronde", "--ronde", str(ronde_id), "--ja"]) == 0
    assert "is verwijderd" in capsys.readouterr().out
    with sqlite_db.lezen() as s:
        assert s.get(RondeRij, ronde_id) is None
        assert s.scalars(select(DeelnemerRij).where(DeelnemerRij.ronde_id == ronde_id)).all() == []


def test_bewaartermijn__lists_then_applies__without_names(
    sqlite_db: Database, ronde_id: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "1")
    with sqlite_db.schrijven() as s:
        s.get_one(RondeRij, ronde_id).afgerond_op = dt.datetime.now(dt.UTC) - dt.timedelta(days=60)
    assert cli.main(["bewaartermijn"]) == 0
    uit = capsys.readouterr().out
    assert "Bewaartermijn: 1 maanden" in uit and "Nu aan de beurt: 1 scanronde(s)" in uit
    assert cli.main(["bewaartermijn", "--uitvoeren"]) == 0
    uit = capsys.readouterr().out
    assert "Persoonsgegevens verwijderd uit 1 scanronde(s)" in uit
    assert "Fatima" not in uit and "Karel" not in uit
    with sqlite_db.lezen() as s:
        namen = s.scalars(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == ronde_id)).all()
    assert sorted(namen) == ["Deelnemer 1", "Deelnemer 2"]
    assert cli.main(["bewaartermijn"]) == 0
    assert "Nu aan de beurt: 0" in capsys.readouterr().out
    monkeypatch.setenv("SCAN_BEWAARTERMIJN_MAANDEN", "veel")
    assert cli.main(["bewaartermijn"]) == 1
    assert "geen geheel aantal maanden" in capsys.readouterr().err
