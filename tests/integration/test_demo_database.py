"""``python -m scan demo --alle-gemeenten``: a database full of fictional rounds, on SQLite and
PostgreSQL. Each test gets an empty database of its own, because the refusal to fill twice
depends on what else is stored (other tests import fictional rounds too)."""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from scan.cli import main
from scan.db.openen import open_database
from scan.db.tabellen import AntwoordRij, BenchmarkDeelnameRij, DeelnemerRij, RondeRij, RondeScoreRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo, maak_reeks, met_samen, reeks_datums, reeks_seed
from scan.gemeenten import alle_gemeenten, zoek_gemeente
from scan.services import invullen
from scan.services.uitwisseling import exporteer
from scan.services.vergelijken import benchmark_van_ronde
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Antwoord, canoniek
from tests.rondes import start_ronde

PEILDATUM = "2026-11-22"
KLEIN = ["--max-gemeenten", "6", "--rondes", "2", "--deelnemers", "3", "--seed", "1", "--datum", PEILDATUM]


@pytest.fixture
def demo_db(lege_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    monkeypatch.setenv("DATABASE_URL", lege_url)
    db = open_database(lege_url)
    try:
        yield db
    finally:
        db.sluit()


@dataclass(frozen=True)
class _Stand:
    """What a refused run must leave exactly as it was."""

    rondes: list[tuple[int, str, bool]]
    antwoorden: int
    scores: int
    deelnames: list[tuple[str, str | None]]


def _stand(db: Database) -> _Stand:
    with db.lezen() as s:
        return _Stand(
            rondes=sorted((i, c, f) for i, c, f in s.execute(select(RondeRij.id, RondeRij.code, RondeRij.fictief))),
            antwoorden=s.scalar(select(func.count()).select_from(AntwoordRij)) or 0,
            scores=s.scalar(select(func.count()).select_from(RondeScoreRij)) or 0,
            deelnames=sorted(
                (g, d) for g, d in s.execute(select(BenchmarkDeelnameRij.gm_code, BenchmarkDeelnameRij.door))
            ),
        )


def test_alle_gemeenten__closed_fictional_rounds_with_scores_and_opt_ins(
    demo_db: Database, vragenlijst: Vragenlijst, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", "--alle-gemeenten", *KLEIN, "--benchmark"]) == 0
    uit = capsys.readouterr().out
    assert "6 gemeenten, 12 fictieve scanrondes" in uit and "36 deelnemers" in uit
    assert "Benchmark: 6 gemeenten doen nu mee" in uit

    with demo_db.lezen() as s:
        rondes = s.scalars(select(RondeRij).order_by(RondeRij.gm_code, RondeRij.datum)).all()
        scores = set(s.scalars(select(RondeScoreRij.ronde_id)))
        deelnames = dict(s.execute(select(BenchmarkDeelnameRij.gm_code, BenchmarkDeelnameRij.door)).all())
        deelnemers = s.scalar(select(func.count()).select_from(DeelnemerRij))
    assert len(rondes) == 12 and deelnemers == 36
    assert all(r.fictief and r.status == "afgerond" and r.afgerond_op is not None for r in rondes)
    assert scores == {r.id for r in rondes}
    gemeenten = {r.gm_code for r in rondes}
    assert deelnames == dict.fromkeys(gemeenten, "demo")
    # Spread over the list: more than one size class, so a small demo still compares groups.
    assert len({g.grootteklasse for g in alle_gemeenten() if g.gm_code in gemeenten}) > 1
    for gm in gemeenten:
        oud, nieuw = (r.datum for r in rondes if r.gm_code == gm)
        assert (oud.year, oud.month, nieuw.year, nieuw.month) == (2025, 3, 2026, 3)
        assert oud.weekday() < 5 and nieuw.weekday() < 5

    # The bulk insert stores a round exactly as an import of the generated file would.
    g = next(g for g in alle_gemeenten() if g.gm_code == rondes[0].gm_code)
    verwacht = maak_reeks(vragenlijst, g, 3, reeks_datums(2, g, 1, dt.date.fromisoformat(PEILDATUM)), reeks_seed(1, g))
    for ronde, scan in zip(rondes[:2], verwacht, strict=True):
        assert canoniek(exporteer(demo_db, ronde.id)) == canoniek(scan)

    uitkomst = benchmark_van_ronde(demo_db, vragenlijst, rondes[-1].id, "grootteklasse")
    assert uitkomst is not None and uitkomst.gemeenten >= 1


def test_alle_gemeenten__refuses_a_second_fill_and_opnieuw_replaces_only_fictional_rounds(
    demo_db: Database, vragenlijst: Vragenlijst, capsys: pytest.CaptureFixture[str]
) -> None:
    eerste = alle_gemeenten()[0]  # always among the spread-out selection
    echt = start_ronde(demo_db, vragenlijst, gm_code=eerste.gm_code, facilitator="Fatima", datum=dt.date(2026, 10, 1))
    invullen.sla_antwoord_op(demo_db, vragenlijst, echt, vragenlijst.bouwstenen[0].stellingen[0].id, "4")

    assert main(["demo", "--alle-gemeenten", *KLEIN, "--benchmark"]) == 0
    uit = capsys.readouterr().out
    # A gemeente with real rounds is not opted in by a demo: that is its beheerder's decision.
    assert "Benchmark: 5 gemeenten doen nu mee" in uit and "1 gemeenten met echte scanrondes" in uit
    voor = _stand(demo_db)

    assert main(["demo", "--alle-gemeenten", *KLEIN, "--benchmark"]) == 1
    fout = capsys.readouterr().err
    assert fout.startswith("Fout: De database bevat al 12 fictieve scanrondes") and "--opnieuw" in fout
    assert "Traceback" not in fout
    assert _stand(demo_db) == voor

    assert main(["demo", "--alle-gemeenten", *KLEIN, "--opnieuw"]) == 0
    uit = capsys.readouterr().out
    assert "Eerst 12 oude fictieve scanrondes verwijderd" in uit
    na = _stand(demo_db)
    # Compared by join code: SQLite hands out the freed ids again.
    oude_codes = {code for _, code, fictief in voor.rondes if fictief}
    nieuwe_codes = {code for _, code, fictief in na.rondes if fictief}
    assert len(nieuwe_codes) == 12 and not oude_codes & nieuwe_codes
    assert [r for r in na.rondes if not r[2]] == [(echt.ronde.id, echt.ronde.code, False)]
    assert na.antwoorden == voor.antwoorden and na.scores == voor.scores
    # The demo's opt-ins went with its rounds; without --benchmark none were made again.
    assert na.deelnames == []
    with demo_db.lezen() as s:
        assert s.scalar(select(func.count()).where(AntwoordRij.ronde_id == echt.ronde.id)) == 1


def test_reeks__later_rounds_are_a_bit_further_on_average_but_not_all(vragenlijst: Vragenlijst) -> None:
    gemeenten = alle_gemeenten()[::9]
    stappen = []
    for g in gemeenten:
        oud, nieuw = maak_reeks(vragenlijst, g, 6, [dt.date(2025, 3, 12), dt.date(2026, 3, 11)], seed=g.gm_code)
        a, b = (bereken_scan(vragenlijst, s).totaal.score for s in (oud, nieuw))
        assert a is not None and b is not None
        stappen.append(b - a)
    assert 2 < statistics.mean(stappen) < 10
    assert min(stappen) < 0 < max(stappen)
    assert len({round(s) for s in stappen}) > 5


def test_reeks__first_round_is_the_single_demo_with_the_same_seed(vragenlijst: Vragenlijst) -> None:
    g = zoek_gemeente("Zeist")
    datum = dt.date(2025, 3, 12)
    eerste, laatste = maak_reeks(vragenlijst, g, 5, [datum, dt.date(2026, 3, 11)], seed=4, status="open")
    # The first in its own pace; the latest ran as a facilitated session (issue 16).
    assert eerste == maak_demo(vragenlijst, g, 5, datum, seed=4, samen=False)
    assert maak_demo(vragenlijst, g, 5, datum, seed=4) == met_samen(vragenlijst, eerste)
    assert (eerste.scanronde.modus, laatste.scanronde.modus) == ("eigen_tempo", "samen")


def test_demo__consensus_rationales_vary(vragenlijst: Vragenlijst) -> None:
    teksten = {
        c.toelichting
        for g in alle_gemeenten()[:20]
        for c in maak_demo(vragenlijst, g, 8, dt.date(2026, 3, 10), seed=1).consensus
    }
    assert len(teksten) >= 10


def test_demo__answers_built_unvalidated_are_exactly_what_validation_gives(vragenlijst: Vragenlijst) -> None:
    # The generator skips validating each answer (speed of a national fill); the whole scan
    # must still validate to itself, field for field.
    for g in alle_gemeenten()[::60]:
        for scan in maak_reeks(vragenlijst, g, 7, [dt.date(2025, 3, 12), dt.date(2026, 3, 11)], seed=g.gm_code):
            assert type(scan).model_validate(scan.model_dump()) == scan
            for a in scan.antwoorden:
                gevalideerd = Antwoord.model_validate({k: getattr(a, k) for k in a.model_fields_set})
                assert gevalideerd == a
                assert gevalideerd.model_fields_set == a.model_fields_set
