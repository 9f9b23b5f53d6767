"""The facilitator's werkgroep use cases on both databases: removing and renaming participants,
and the agreed ambition per bouwsteen, through to the results, the PDFs and the exports."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from sqlalchemy import delete, func, select

from reports.exports import csv_zip, naar_excel
from reports.pdf import rapport
from scan.db.tabellen import AmbitieRij, AntwoordRij, DeelnemerRij, RondeRij, RondeScoreRij, VastgesteldeAmbitieRij
from scan.db.verbinding import Database
from scan.fouten import InvoerFout
from scan.leesmodellen import Sessie
from scan.services import invullen, regels, resultaten, start, werkgroep, workshop
from scan.services.uitwisseling import exporteer
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import schrijf_scan
from tests.rondes import start_ronde

DATUM = dt.date(2026, 11, 22)


def _tekst(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))


def _pdf(db: Database, vl: Vragenlijst, ronde_id: int, soort: str) -> str:
    scan = exporteer(db, ronde_id)
    return _tekst(rapport(soort, vl, scan, bereken_scan(vl, scan), vandaag=DATUM))  # type: ignore[arg-type]


def _v(db: Database, deelnemer_id: int) -> int:
    """The participant's stored version, as a freshly drawn page would have it."""
    with db.lezen() as s:
        return s.scalar(select(DeelnemerRij.versie).where(DeelnemerRij.id == deelnemer_id)) or 0


def _av(db: Database, sessie: Sessie, bouwsteen: str) -> int | None:
    """The agreed ambition's stored version (``None``: none), as a freshly drawn page would have it."""
    with db.lezen() as s:
        return s.scalar(
            select(VastgesteldeAmbitieRij.versie).where(
                VastgesteldeAmbitieRij.ronde_id == sessie.ronde.id, VastgesteldeAmbitieRij.bouwsteen == bouwsteen
            )
        )


def _aantal(db: Database, tabel: type[AntwoordRij | AmbitieRij], deelnemer_id: int) -> int:
    with db.lezen() as s:
        return s.scalar(select(func.count()).select_from(tabel).where(tabel.deelnemer_id == deelnemer_id)) or 0


@pytest.fixture
def ronde(db: Database, vragenlijst: Vragenlijst) -> Sessie:
    return start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=DATUM)


@pytest.fixture
def werkgroep_van_drie(db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> dict[str, Sessie]:
    """Anna and Bert see bouwsteen 1 at level 2 and want 5; Stray (joined by mistake) says 5 and 1."""
    b1 = vragenlijst.bouwstenen[0]
    deelnemers = {}
    for naam, niveau, ambitie in [("Anna", "2", 5), ("Bert", "2", 5), ("Stray", "5", 1)]:
        sessie = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for s in b1.stellingen:
            invullen.sla_antwoord_op(db, vragenlijst, sessie, s.id, niveau)
        invullen.sla_toelichting_op(db, vragenlijst, sessie, b1.stellingen[0].id, f"Notitie van {naam}")
        invullen.sla_ambitie_op(db, vragenlijst, sessie, b1.id, ambitie)
        deelnemers[naam] = sessie
    return deelnemers


# --- removing a participant ---------------------------------------------------------------


def test_verwijder__drops_answers_notes_ambitions_from_results_pdfs_and_exports(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    b1 = vragenlijst.bouwstenen[0].id
    stray = werkgroep_van_drie["Stray"].deelnemer
    voor = resultaten.resultaat(db, vragenlijst, ronde.ronde.id)
    assert voor.deelnemers == 3
    assert "3 deelnemers" in _pdf(db, vragenlijst, ronde.ronde.id, "handout")

    assert werkgroep.verwijder_deelnemer(db, ronde, stray.id, verwachte_versie=_v(db, stray.id)) == "Stray"

    assert _aantal(db, AntwoordRij, stray.id) == 0
    assert _aantal(db, AmbitieRij, stray.id) == 0
    na = resultaten.resultaat(db, vragenlijst, ronde.ronde.id)
    assert na.deelnemers == 2
    assert na.bouwsteen(b1).niveau == 2.0
    assert na.bouwsteen(b1).ambitie == 5.0  # the median of Anna's and Bert's, without Stray's 1
    assert [r.naam for r in workshop.voortgang(db, ronde)] == ["Fatima", "Anna", "Bert"]
    for soort in ("handout", "volledig"):
        tekst = _pdf(db, vragenlijst, ronde.ronde.id, soort)
        assert "2 deelnemers" in tekst
        assert "Stray" not in tekst
    volledig = _pdf(db, vragenlijst, ronde.ronde.id, "volledig")
    assert "Notitie van Anna" in volledig and "Notitie van Stray" not in volledig
    scan = exporteer(db, ronde.ronde.id)
    assert "Stray" not in schrijf_scan(scan)
    assert {a.deelnemer for a in scan.antwoorden} == {d.id for d in scan.deelnemers if d.naam in ("Anna", "Bert")}
    resultaat = bereken_scan(vragenlijst, scan)
    assert b"Stray" not in csv_zip(vragenlijst, scan, resultaat)
    excel = naar_excel(vragenlijst, scan, resultaat)
    import openpyxl

    boek = openpyxl.load_workbook(io.BytesIO(excel), read_only=True)
    waarden = {str(c) for blad in boek.worksheets for rij in blad.iter_rows(values_only=True) for c in rij}
    assert "Stray" not in waarden and "Anna" in waarden


def test_database__deleting_a_participant_row__cascades_to_answers_and_ambitions(
    db: Database, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    # The database itself (foreign keys ON in the app's SQLite engine, and PostgreSQL) removes
    # the children; the use case deletes them explicitly too.
    anna = werkgroep_van_drie["Anna"].deelnemer.id
    with db.schrijven() as s:
        s.execute(delete(DeelnemerRij).where(DeelnemerRij.id == anna))
    assert _aantal(db, AntwoordRij, anna) == 0
    assert _aantal(db, AmbitieRij, anna) == 0
    assert _aantal(db, AntwoordRij, werkgroep_van_drie["Bert"].deelnemer.id) > 0


def test_verwijder__yourself_or_the_last_facilitator__is_refused(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    with pytest.raises(InvoerFout, match="uzelf niet"):
        werkgroep.verwijder_deelnemer(db, ronde, ronde.deelnemer.id, verwachte_versie=_v(db, ronde.deelnemer.id))
    tweede = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Gijs", rol="facilitator")
    # Another facilitator may go while one stays ...
    assert (
        werkgroep.verwijder_deelnemer(db, ronde, tweede.deelnemer.id, verwachte_versie=_v(db, tweede.deelnemer.id))
        == "Gijs"
    )
    # ... and a removed facilitator can no longer act.
    with pytest.raises(InvoerFout, match="niet meer mee"):
        werkgroep.verwijder_deelnemer(db, tweede, ronde.deelnemer.id, verwachte_versie=_v(db, ronde.deelnemer.id))
    assert [r.naam for r in workshop.voortgang(db, ronde)] == ["Fatima"]


def test_verwijder__two_facilitators_removing_each_other_at_once__leave_one(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    # The round row is locked first (FOR UPDATE on PostgreSQL, BEGIN IMMEDIATE on SQLite), so
    # the second removal sees the first and finds its own facilitator gone.
    tweede = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="Gijs", rol="facilitator")
    for _ in range(5):

        def weg(wie: Sessie, wat: Sessie, tegelijk: threading.Barrier = threading.Barrier(2)) -> str:  # noqa: B008
            tegelijk.wait()
            try:
                return werkgroep.verwijder_deelnemer(
                    db, wie, wat.deelnemer.id, verwachte_versie=_v(db, wat.deelnemer.id)
                )
            except InvoerFout as fout:
                return f"geweigerd: {fout}"

        with ThreadPoolExecutor(2) as pool:
            uitkomsten = list(pool.map(weg, [ronde, tweede], [tweede, ronde]))
        assert sum(not u.startswith("geweigerd") for u in uitkomsten) == 1, uitkomsten
        over = workshop.voortgang(db, ronde)
        assert [r.rol for r in over] == ["facilitator"]
        blijver = ronde if over[0].deelnemer_id == ronde.deelnemer.id else tweede
        tweede = start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam=f"Gijs {_}", rol="facilitator")
        ronde = blijver


def test_verwijder__a_participant_of_another_round__is_refused(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    ander = start_ronde(db, vragenlijst, gm_code="GM0363", facilitator="Olga", datum=DATUM)
    iemand = start.neem_deel(db, vragenlijst, code=ander.ronde.code, naam="Piet")
    with pytest.raises(InvoerFout, match="doet niet \\(meer\\) mee"):
        werkgroep.verwijder_deelnemer(db, ronde, iemand.deelnemer.id, verwachte_versie=_v(db, iemand.deelnemer.id))
    with pytest.raises(InvoerFout, match="doet niet \\(meer\\) mee"):
        werkgroep.hernoem_deelnemer(
            db, ronde, iemand.deelnemer.id, "Klaas", verwachte_versie=_v(db, iemand.deelnemer.id)
        )
    assert start.sessie_voor_token(db, iemand.deelnemer.token) is not None


def test_werkgroep__a_participant_who_is_not_facilitator__is_refused_everything(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    anna, bert = werkgroep_van_drie["Anna"], werkgroep_van_drie["Bert"]
    b1 = vragenlijst.bouwstenen[0].id
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        werkgroep.verwijder_deelnemer(db, anna, bert.deelnemer.id, verwachte_versie=_v(db, bert.deelnemer.id))
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        werkgroep.hernoem_deelnemer(db, anna, bert.deelnemer.id, "Bertus", verwachte_versie=_v(db, bert.deelnemer.id))
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        werkgroep.stel_ambitie_vast(db, vragenlijst, anna, b1, 3, verwachte_versie=_av(db, anna, b1))
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        werkgroep.wis_ambitie(db, vragenlijst, anna, b1, verwachte_versie=_av(db, anna, b1) or 0)
    # A page snapshot that claims the facilitator role does not count: the row decides.
    vervalst = anna.model_copy(update={"deelnemer": anna.deelnemer.model_copy(update={"rol": "facilitator"})})
    with pytest.raises(InvoerFout, match="Alleen een facilitator"):
        werkgroep.verwijder_deelnemer(db, vervalst, bert.deelnemer.id, verwachte_versie=_v(db, bert.deelnemer.id))
    assert len(workshop.voortgang(db, ronde)) == 4


def test_verwijder__in_a_closed_round__erases_and_stores_the_key_figures_again(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    """Erasure does not wait for reopening (the AVG); agreeing an ambition in a closed round still does."""
    stray = werkgroep_van_drie["Stray"].deelnemer.id
    # The page's snapshot still says "open"; the row inside the transaction says otherwise.
    workshop.rond_af(db, vragenlijst, ronde)
    with db.lezen() as s:
        voor = s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == ronde.ronde.id))
    with pytest.raises(InvoerFout, match="afgerond"):
        werkgroep.stel_ambitie_vast(
            db,
            vragenlijst,
            ronde,
            vragenlijst.bouwstenen[0].id,
            3,
            verwachte_versie=_av(db, ronde, vragenlijst.bouwstenen[0].id),
        )
    assert werkgroep.verwijder_deelnemer(db, ronde, stray, verwachte_versie=_v(db, stray)) == "Stray"
    with db.lezen() as s:
        na = s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == ronde.ronde.id))
        status = s.scalar(select(RondeRij.status).where(RondeRij.id == ronde.ronde.id))
    assert status == "afgerond"
    assert na is not None and voor is not None and na != voor  # Stray's answers left the stored figures


# --- renaming -----------------------------------------------------------------------------


def test_hernoem__changes_the_name_everywhere_and_keeps_the_answers(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    stray = werkgroep_van_drie["Stray"].deelnemer
    assert (
        werkgroep.hernoem_deelnemer(db, ronde, stray.id, "  Sanne   de Wit ", verwachte_versie=_v(db, stray.id))
        == "Sanne de Wit"
    )
    assert _aantal(db, AntwoordRij, stray.id) == len(vragenlijst.bouwstenen[0].stellingen)
    assert start.sessie_voor_token(db, stray.token).deelnemer.naam == "Sanne de Wit"  # type: ignore[union-attr]
    tekst = _pdf(db, vragenlijst, ronde.ronde.id, "volledig")
    # Only the note Stray wrote still says "Stray"; the werkgroep list has the new name.
    assert "Sanne de Wit" in tekst and tekst.count("Stray") == tekst.count("Notitie van Stray") == 1
    # The new name is taken: joining with it again is refused, as for any name.
    with pytest.raises(InvoerFout, match="al iemand mee"):
        start.neem_deel(db, vragenlijst, code=ronde.ronde.code, naam="sanne DE wit")


def test_hernoem__to_a_name_already_in_the_round__is_refused_as_on_joining(
    db: Database, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    bert = werkgroep_van_drie["Bert"].deelnemer
    with pytest.raises(InvoerFout, match="al iemand mee als 'Anna'"):
        werkgroep.hernoem_deelnemer(db, ronde, bert.id, "  aNNa ", verwachte_versie=_v(db, bert.id))
    with pytest.raises(InvoerFout, match="De nieuwe naam is leeg"):
        werkgroep.hernoem_deelnemer(db, ronde, bert.id, "   ", verwachte_versie=_v(db, bert.id))
    # Only the spelling of one's own name: allowed.
    assert werkgroep.hernoem_deelnemer(db, ronde, bert.id, "BERT", verwachte_versie=_v(db, bert.id)) == "BERT"
    assert [r.naam for r in workshop.voortgang(db, ronde)] == ["Fatima", "Anna", "BERT", "Stray"]


# --- agreed ambitions ---------------------------------------------------------------------


def test_vastgestelde_ambitie__overrides_the_personal_ones_in_result_and_pdfs_and_clear_restores_median(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    b1 = vragenlijst.bouwstenen[0]
    werkgroep.verwijder_deelnemer(
        db,
        ronde,
        werkgroep_van_drie["Stray"].deelnemer.id,
        verwachte_versie=_v(db, werkgroep_van_drie["Stray"].deelnemer.id),
    )
    # Without an agreement: the median of the personal ambitions (5 and 5), "nu 25, ambitie 100".
    r = resultaten.resultaat(db, vragenlijst, ronde.ronde.id).bouwsteen(b1.id)
    assert (r.score, r.ambitie, r.ambitie_score) == (25.0, 5.0, 100.0)
    assert f"{b1.naam.nl} (nu 25, ambitie 100)" in _pdf(db, vragenlijst, ronde.ronde.id, "handout")

    werkgroep.stel_ambitie_vast(
        db, vragenlijst, ronde, b1.id, 3, "Eerst de basis op orde", verwachte_versie=_av(db, ronde, b1.id)
    )
    r = resultaten.resultaat(db, vragenlijst, ronde.ronde.id).bouwsteen(b1.id)
    assert (r.ambitie, r.ambitie_score, r.gap_score) == (3.0, 50.0, 25.0)
    handout = _pdf(db, vragenlijst, ronde.ronde.id, "handout")
    assert f"{b1.naam.nl} (nu 25, ambitie 50)" in handout
    assert "ambitie 100" not in handout
    volledig = _pdf(db, vragenlijst, ronde.ronde.id, "volledig")
    assert "ambitie 50 (niveau 3)" in volledig and "ambitie 100" not in volledig
    stand = werkgroep.ambities(db, vragenlijst, ronde)[b1.id]
    assert (stand.vastgesteld, stand.toelichting, stand.persoonlijk, stand.mediaan) == (
        3,
        "Eerst de basis op orde",
        (5, 5),
        5.0,
    )
    assert [a.niveau for a in exporteer(db, ronde.ronde.id).ambities if a.deelnemer is None] == [3]

    # Changed: one row, the new level.
    werkgroep.stel_ambitie_vast(db, vragenlijst, ronde, b1.id, 4, verwachte_versie=_av(db, ronde, b1.id))
    with db.lezen() as s:
        rijen = s.scalars(select(VastgesteldeAmbitieRij).where(VastgesteldeAmbitieRij.ronde_id == ronde.ronde.id))
        assert [(x.bouwsteen, x.niveau, x.toelichting) for x in rijen] == [(b1.id, 4, None)]
    assert resultaten.resultaat(db, vragenlijst, ronde.ronde.id).bouwsteen(b1.id).ambitie == 4.0

    # Cleared: the median counts again.
    assert werkgroep.wis_ambitie(db, vragenlijst, ronde, b1.id, verwachte_versie=_av(db, ronde, b1.id) or 0) is True
    assert werkgroep.wis_ambitie(db, vragenlijst, ronde, b1.id, verwachte_versie=_av(db, ronde, b1.id) or 0) is False
    assert resultaten.resultaat(db, vragenlijst, ronde.ronde.id).bouwsteen(b1.id).ambitie == 5.0
    assert werkgroep.ambities(db, vragenlijst, ronde)[b1.id].vastgesteld is None


@pytest.mark.parametrize(
    ("bouwsteen", "niveau", "melding"),
    [("bestaat_niet", 3, "bestaat niet"), (None, 0, "kies niveau 1 tot 5"), (None, 6, "kies niveau 1 tot 5")],
)
def test_vastgestelde_ambitie__unknown_bouwsteen_or_level__is_refused(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, bouwsteen: str | None, niveau: int, melding: str
) -> None:
    with pytest.raises(InvoerFout, match=melding):
        werkgroep.stel_ambitie_vast(
            db,
            vragenlijst,
            ronde,
            bouwsteen or vragenlijst.bouwstenen[0].id,
            niveau,
            verwachte_versie=_av(db, ronde, bouwsteen or vragenlijst.bouwstenen[0].id),
        )
    assert werkgroep.ambities(db, vragenlijst, ronde)[vragenlijst.bouwstenen[0].id].vastgesteld is None


def test_ambities__spread_of_personal_ambitions_per_bouwsteen(
    db: Database, vragenlijst: Vragenlijst, ronde: Sessie, werkgroep_van_drie: dict[str, Sessie]
) -> None:
    standen = werkgroep.ambities(db, vragenlijst, ronde)
    assert list(standen) == [b.id for b in vragenlijst.bouwstenen]
    eerste = standen[vragenlijst.bouwstenen[0].id]
    assert (eerste.laagste, eerste.hoogste, eerste.mediaan, eerste.in_resultaat) == (1, 5, 5.0, 5.0)
    leeg = standen[vragenlijst.bouwstenen[1].id]
    assert (leeg.laagste, leeg.hoogste, leeg.mediaan, leeg.in_resultaat) == (None, None, None, None)


def test_ronde_row__is_read_inside_the_transaction(db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> None:
    # A round deleted meanwhile gives a Dutch refusal, not a crash.
    with db.schrijven() as s:
        s.execute(delete(RondeRij).where(RondeRij.id == ronde.ronde.id))
    with pytest.raises(InvoerFout, match="bestaat niet meer"):
        werkgroep.stel_ambitie_vast(
            db,
            vragenlijst,
            ronde,
            vragenlijst.bouwstenen[0].id,
            3,
            verwachte_versie=_av(db, ronde, vragenlijst.bouwstenen[0].id),
        )


NAMEN = st.sampled_from(
    ["Anna", "anna", "  ANNA ", "Anna  de Vries", "anna de vries", "Bert", "Cem", "Ölaf", "x" * 121, " "]
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stappen=st.lists(st.tuples(st.integers(0, 3), NAMEN), max_size=8))
def test_hernoem__any_sequence__keeps_names_unique_as_joining_does(
    sqlite_db: Database, vragenlijst: Vragenlijst, stappen: list[tuple[int, str]]
) -> None:
    """Rule: a rename succeeds exactly when the cleaned name is valid and no other participant of
    the round has the same key; afterwards every key in the round is still unique."""
    leider = start_ronde(sqlite_db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=DATUM)
    leden = [leider] + [
        start.neem_deel(sqlite_db, vragenlijst, code=leider.ronde.code, naam=n) for n in ("Piet", "Kees", "Joop")
    ]
    model = {s.deelnemer.id: regels.naam_en_sleutel(s.deelnemer.naam) for s in leden}
    for wie, naam in stappen:
        doel = leden[wie].deelnemer.id
        try:
            schoon, sleutel = regels.naam_en_sleutel(naam)
        except InvoerFout:
            verwacht = None
        else:
            bezet = any(k == sleutel for i, (_, k) in model.items() if i != doel)
            verwacht = None if bezet else (schoon, sleutel)
        if verwacht is None:
            with pytest.raises(InvoerFout):
                werkgroep.hernoem_deelnemer(sqlite_db, leider, doel, naam, verwachte_versie=_v(sqlite_db, doel))
        else:
            assert (
                werkgroep.hernoem_deelnemer(sqlite_db, leider, doel, naam, verwachte_versie=_v(sqlite_db, doel))
                == verwacht[0]
            )
            model[doel] = verwacht
    assert [(r.deelnemer_id, r.naam) for r in workshop.voortgang(sqlite_db, leider)] == [
        (i, n) for i, (n, _) in model.items()
    ]
