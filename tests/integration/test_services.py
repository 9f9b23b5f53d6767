"""The workshop services against a real database: SQLite always, PostgreSQL when available."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import delete, func, select, update

from scan.db.openen import open_database
from scan.db.tabellen import AntwoordRij, DeelnemerRij, GemeenteRij, RondeRij, RondeScoreRij
from scan.db.verbinding import Database
from scan.fouten import ConsensusConflict, InvoerFout
from scan.leesmodellen import Sessie
from scan.services import invullen, regels, resultaten, start, workshop
from scoring.engine import bereken
from scoring.models import Vragenlijst
from scoring.uitwissel import Antwoord
from scoring.vergelijking import kerncijfers
from tests.rondes import start_ronde

DATUM = dt.date(2026, 11, 22)


def _ronde(db: Database, vl: Vragenlijst, facilitator: str = "Fatima (facilitator)") -> Sessie:
    return start_ronde(db, vl, gm_code="GM0344", facilitator=facilitator, datum=DATUM, omschrijving="Test")


def _aantal_deelnemers(db: Database, ronde_id: int) -> int:
    with db.lezen() as s:
        return s.scalar(select(func.count()).where(DeelnemerRij.ronde_id == ronde_id)) or 0


def test_migrations__on_start__create_the_tables_and_load_every_municipality(db: Database) -> None:
    with db.lezen() as s:
        assert s.scalar(select(func.count()).select_from(GemeenteRij)) == 342
        assert s.scalar(select(GemeenteRij.naam).where(GemeenteRij.gm_code == "GM0344")) == "Utrecht"


def test_start_ronde__known_gemeente__gives_a_facilitator_and_an_unguessable_code(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    sessie = _ronde(db, vragenlijst)
    assert sessie.is_facilitator
    assert sessie.ronde.gemeente == "Utrecht"
    assert sessie.ronde.vragenlijst_versie == vragenlijst.versie
    assert len(sessie.ronde.code) == 8
    assert set(sessie.ronde.code) <= set(regels.CODE_ALFABET)
    assert len(sessie.deelnemer.token) >= 24
    assert _ronde(db, vragenlijst).ronde.code != sessie.ronde.code


@pytest.mark.parametrize(
    ("gm_code", "naam", "melding"),
    [
        ("GM9999", "Fatima", "staat niet in de CBS-lijst"),
        ("", "Fatima", "staat niet in de CBS-lijst"),
        ("GM0344", "   ", "Uw naam is leeg"),
        ("GM0344", "x" * 121, "maximum is 120"),
        ("GM0344", "Fa\x00tima", "stuurtekens"),
    ],
)
def test_start_ronde__bad_input__is_refused_in_dutch_and_writes_nothing(
    db: Database, vragenlijst: Vragenlijst, gm_code: str, naam: str, melding: str
) -> None:
    with db.lezen() as s:
        voor = s.scalar(select(func.count()).select_from(RondeRij))
    with pytest.raises(InvoerFout, match=melding):
        start_ronde(db, vragenlijst, gm_code=gm_code, facilitator=naam, datum=DATUM)
    with db.lezen() as s:
        assert s.scalar(select(func.count()).select_from(RondeRij)) == voor


@pytest.mark.parametrize(
    "schrijfwijze", ["{c}", "{c_lower}", "{c4}-{c8}", "  {c4} {c8} ", "http://host/start?code={c4}-{c8}"]
)
def test_neem_deel__code_as_typed_or_pasted__joins_the_round(
    db: Database, vragenlijst: Vragenlijst, schrijfwijze: str
) -> None:
    ronde = _ronde(db, vragenlijst).ronde
    c = ronde.code
    code = schrijfwijze.format(c=c, c_lower=c.lower(), c4=c[:4], c8=c[4:])
    sessie = start.neem_deel(db, vragenlijst, code=code, naam="Karel", functie="KCC")
    assert sessie.ronde.id == ronde.id
    assert sessie.deelnemer.rol == "deelnemer"
    assert start.sessie_voor_token(db, sessie.deelnemer.token) == sessie


@pytest.mark.parametrize("code", ["", "ABCD", "ZZZZ-ZZZZ", "' OR 1=1 --"])
def test_neem_deel__wrong_code__names_the_code(db: Database, vragenlijst: Vragenlijst, code: str) -> None:
    with pytest.raises(InvoerFout, match="code"):
        start.neem_deel(db, vragenlijst, code=code, naam="Karel")


def test_neem_deel__same_name_in_other_case_or_spacing__is_refused_and_nothing_written(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    ronde = _ronde(db, vragenlijst).ronde
    start.neem_deel(db, vragenlijst, code=ronde.code, naam="Anna de Vries")
    with pytest.raises(InvoerFout, match="al iemand mee als 'anna de VRIES'"):
        start.neem_deel(db, vragenlijst, code=ronde.code, naam="  anna   de VRIES ")
    assert _aantal_deelnemers(db, ronde.id) == 2
    # The same name in another round is someone else.
    andere = _ronde(db, vragenlijst).ronde
    start.neem_deel(db, vragenlijst, code=andere.code, naam="Anna de Vries")


def test_neem_deel__round_of_an_unknown_questionnaire_version__is_refused_naming_the_known_ones(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    ronde = _ronde(db, vragenlijst).ronde
    with db.schrijven() as s:
        s.execute(update(RondeRij).where(RondeRij.id == ronde.id).values(vragenlijst_versie="0.9"))
    with pytest.raises(InvoerFout, match=r"vragenlijstversie 0\.9.*bekend: 1\.0, 2\.0"):
        start.neem_deel(db, vragenlijst, code=ronde.code, naam="Karel")
    assert _aantal_deelnemers(db, ronde.id) == 1


def test_answers__choice_and_note__are_stored_separately_and_survive_a_restart(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    ronde = _ronde(db, vragenlijst).ronde
    sessie = start.neem_deel(db, vragenlijst, code=ronde.code, naam="Karel")
    invullen.sla_antwoord_op(db, vragenlijst, sessie, "kanaalinzet_kanaalkeuze", "3")
    invullen.sla_toelichting_op(db, vragenlijst, sessie, "kanaalinzet_kanaalkeuze", "Alleen <b>telefoon</b> & mail")
    invullen.sla_antwoord_op(db, vragenlijst, sessie, "kanaalinzet_kanaalkeuze", "4")
    invullen.sla_toelichting_op(db, vragenlijst, sessie, "kanaalinzet_klantinzicht", "Eerst een notitie")
    invullen.sla_antwoord_op(db, vragenlijst, sessie, "kanaalinzet_dienst_kanaal", "weet_niet")
    invullen.sla_ambitie_op(db, vragenlijst, sessie, "kanaalinzet", 4)

    herstart = open_database(db.url)  # a new process: nothing cached
    try:
        terug = start.sessie_voor_token(herstart, sessie.deelnemer.token)
        assert terug == sessie
        antwoorden = invullen.mijn_antwoorden(herstart, terug)
        assert antwoorden["kanaalinzet_kanaalkeuze"].antwoord == "4"
        assert antwoorden["kanaalinzet_kanaalkeuze"].toelichting == "Alleen <b>telefoon</b> & mail"
        assert antwoorden["kanaalinzet_klantinzicht"].antwoord is None
        assert antwoorden["kanaalinzet_klantinzicht"].toelichting == "Eerst een notitie"
        assert antwoorden["kanaalinzet_dienst_kanaal"].antwoord == "weet_niet"
        assert antwoorden["kanaalinzet_kanaalkeuze"].gewijzigd_op.tzinfo is not None
        assert invullen.mijn_ambities(herstart, terug) == {"kanaalinzet": 4}
    finally:
        herstart.sluit()


@pytest.mark.parametrize(
    ("stelling", "antwoord", "melding"),
    [
        ("kanaalinzet_kanaalkeuze", "6", "kies niveau 1 tot 5"),
        ("kanaalinzet_kanaalkeuze", "", "kies niveau"),
        ("bestaat_niet", "3", "bestaat niet"),
    ],
)
def test_answers__invalid__are_refused(
    db: Database, vragenlijst: Vragenlijst, stelling: str, antwoord: str, melding: str
) -> None:
    sessie = start.neem_deel(db, vragenlijst, code=_ronde(db, vragenlijst).ronde.code, naam="Karel")
    with pytest.raises(InvoerFout, match=melding):
        invullen.sla_antwoord_op(db, vragenlijst, sessie, stelling, antwoord)
    assert invullen.mijn_antwoorden(db, sessie) == {}


def test_voortgang__counts_choices_not_notes_per_participant(db: Database, vragenlijst: Vragenlijst) -> None:
    facilitator = _ronde(db, vragenlijst)
    karel = start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam="Karel")
    for s in ("kanaalinzet_kanaalkeuze", "kanaalinzet_klantinzicht"):
        invullen.sla_antwoord_op(db, vragenlijst, karel, s, "2")
    invullen.sla_toelichting_op(db, vragenlijst, karel, "kanaalinzet_dienst_kanaal", "alleen tekst")
    invullen.sla_ambitie_op(db, vragenlijst, karel, "kanaalinzet", 3)
    rijen = {v.naam: v for v in workshop.voortgang(db, facilitator)}
    assert rijen["Karel"].beantwoord == 2
    assert rijen["Karel"].ambities == 1
    assert rijen["Karel"].laatst_actief is not None
    assert rijen["Karel"].laatst_actief.tzinfo is not None
    assert rijen["Fatima (facilitator)"].beantwoord == 0
    assert rijen["Fatima (facilitator)"].laatst_actief is None


def test_consensus__stale_version__is_a_conflict_and_keeps_the_first(db: Database, vragenlijst: Vragenlijst) -> None:
    a = _ronde(db, vragenlijst)
    b = start.neem_deel(db, vragenlijst, code=a.ronde.code, naam="Bert", rol="facilitator")
    eerst = workshop.stel_consensus_vast(
        db,
        vragenlijst,
        a,
        stelling="kanaalinzet_kanaalkeuze",
        niveau=3,
        toelichting="Na discussie",
        verwachte_versie=None,
    )
    assert eerst is not None
    with pytest.raises(ConsensusConflict) as conflict:
        workshop.stel_consensus_vast(
            db, vragenlijst, b, stelling="kanaalinzet_kanaalkeuze", niveau=4, toelichting="", verwachte_versie=None
        )
    assert conflict.value.huidig is not None
    assert conflict.value.huidig.niveau == 3
    assert conflict.value.huidig.vastgesteld_door == "Fatima (facilitator)"
    tweede = workshop.stel_consensus_vast(
        db, vragenlijst, b, stelling="kanaalinzet_kanaalkeuze", niveau=4, toelichting="", verwachte_versie=eerst.versie
    )
    assert tweede is not None
    assert tweede.versie > eerst.versie
    with pytest.raises(ConsensusConflict):
        workshop.stel_consensus_vast(
            db,
            vragenlijst,
            a,
            stelling="kanaalinzet_kanaalkeuze",
            niveau=2,
            toelichting="",
            verwachte_versie=eerst.versie,
        )
    assert workshop.consensus(db, a)["kanaalinzet_kanaalkeuze"].niveau == 4


def test_consensus__two_facilitators_at_the_same_moment__exactly_one_wins(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    a = _ronde(db, vragenlijst)
    b = start.neem_deel(db, vragenlijst, code=a.ronde.code, naam="Bert", rol="facilitator")
    tegelijk = threading.Barrier(2)

    def zet(sessie: Sessie, niveau: int) -> str:
        tegelijk.wait()
        try:
            workshop.stel_consensus_vast(
                db,
                vragenlijst,
                sessie,
                stelling="kanaalregie_contacthistorie",
                niveau=niveau,
                toelichting="",
                verwachte_versie=None,
            )
        except ConsensusConflict:
            return "conflict"
        return "opgeslagen"

    with ThreadPoolExecutor(2) as pool:
        uitkomsten = sorted(pool.map(zet, [a, b], [2, 5]))
    assert uitkomsten == ["conflict", "opgeslagen"]


def test_consensus__by_a_participant__is_refused(db: Database, vragenlijst: Vragenlijst) -> None:
    karel = start.neem_deel(db, vragenlijst, code=_ronde(db, vragenlijst).ronde.code, naam="Karel")
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.stel_consensus_vast(
            db, vragenlijst, karel, stelling="kanaalinzet_kanaalkeuze", niveau=3, toelichting="", verwachte_versie=None
        )


def test_closed_round__refuses_answers(db: Database, vragenlijst: Vragenlijst) -> None:
    karel = start.neem_deel(db, vragenlijst, code=_ronde(db, vragenlijst).ronde.code, naam="Karel")
    with db.schrijven() as s:
        s.execute(update(RondeRij).where(RondeRij.id == karel.ronde.id).values(status="afgerond"))
    gesloten = start.sessie_voor_token(db, karel.deelnemer.token)
    assert gesloten is not None
    with pytest.raises(InvoerFout, match="afgerond"):
        invullen.sla_antwoord_op(db, vragenlijst, gesloten, "kanaalinzet_kanaalkeuze", "3")


def test_close_between_page_load_and_click__the_click_is_refused_and_nothing_is_written(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    facilitator = _ronde(db, vragenlijst)
    karel = start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam="Karel")
    invullen.sla_antwoord_op(db, vragenlijst, karel, "kanaalinzet_kanaalkeuze", "2")
    geladen = start.sessie_voor_token(db, karel.deelnemer.token)  # the page's snapshot: open
    assert geladen is not None and geladen.ronde.status == "open"
    workshop.rond_af(db, vragenlijst, facilitator)
    for schrijf in (
        lambda: invullen.sla_antwoord_op(db, vragenlijst, geladen, "kanaalinzet_kanaalkeuze", "5"),
        lambda: invullen.sla_toelichting_op(db, vragenlijst, geladen, "kanaalinzet_kanaalkeuze", "te laat"),
        lambda: invullen.sla_ambitie_op(db, vragenlijst, geladen, "kanaalinzet", 4),
        lambda: workshop.stel_consensus_vast(
            db,
            vragenlijst,
            facilitator,
            stelling="kanaalinzet_kanaalkeuze",
            niveau=3,
            toelichting="",
            verwachte_versie=None,
        ),
    ):
        with pytest.raises(InvoerFout, match="afgerond"):
            schrijf()
    opgeslagen = invullen.mijn_antwoorden(db, karel)["kanaalinzet_kanaalkeuze"]
    assert (opgeslagen.antwoord, opgeslagen.toelichting) == ("2", None)
    assert invullen.mijn_ambities(db, karel) == {}
    assert workshop.consensus(db, facilitator) == {}


def test_close__while_answers_are_being_written__the_key_figures_hold_exactly_what_was_stored(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    facilitator = _ronde(db, vragenlijst)
    deelnemers = [
        start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam=f"Deelnemer {i}") for i in range(4)
    ]
    stellingen = [s.id for _, s in vragenlijst.stellingen()][:20]
    opgeslagen: list[tuple[int, str]] = []
    geweigerd = 0

    def schrijf(d: Sessie) -> None:
        nonlocal geweigerd
        for stelling in stellingen:
            try:
                invullen.sla_antwoord_op(db, vragenlijst, d, stelling, "4")
            except InvoerFout:
                geweigerd += 1
            else:
                opgeslagen.append((d.deelnemer.id, stelling))

    draden = [threading.Thread(target=schrijf, args=(d,)) for d in deelnemers]
    for draad in draden:
        draad.start()
    workshop.rond_af(db, vragenlijst, facilitator)
    for draad in draden:
        draad.join()
    totaal = sum(len(invullen.mijn_antwoorden(db, d)) for d in deelnemers)
    assert totaal == len(opgeslagen)  # every confirmed save is in the database, every refusal is not
    assert totaal + geweigerd == len(deelnemers) * len(stellingen)
    with db.lezen() as s:
        cijfers = s.scalar(select(RondeScoreRij.kerncijfers).where(RondeScoreRij.ronde_id == facilitator.ronde.id))
    assert cijfers is not None
    verwacht = kerncijfers(resultaten.resultaat(db, vragenlijst, facilitator.ronde.id))
    assert cijfers == verwacht.model_dump_json()


def test_removed_participant__a_click_from_their_open_page__is_refused_in_dutch(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    karel = start.neem_deel(db, vragenlijst, code=_ronde(db, vragenlijst).ronde.code, naam="Karel")
    with db.schrijven() as s:
        s.execute(delete(DeelnemerRij).where(DeelnemerRij.id == karel.deelnemer.id))
    with pytest.raises(InvoerFout, match="niet \\(meer\\) ingeschreven"):
        invullen.sla_antwoord_op(db, vragenlijst, karel, "kanaalinzet_kanaalkeuze", "3")


def test_resultaat__equals_the_engine_on_the_same_answers(db: Database, vragenlijst: Vragenlijst) -> None:
    facilitator = _ronde(db, vragenlijst)
    stellingen = [s.id for _, s in vragenlijst.stellingen()][:12]
    verwacht: list[Antwoord] = []
    for i, naam in enumerate(["Karel", "Ineke", "Joost"]):
        sessie = start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam=naam)
        for j, st in enumerate(stellingen):
            waarde: int | str = (i + j) % 5 + 1 if j % 6 else "weet_niet"
            invullen.sla_antwoord_op(db, vragenlijst, sessie, st, str(waarde))
            verwacht.append(Antwoord(deelnemer=f"d{sessie.deelnemer.id}", stelling=st, antwoord=waarde))
    resultaat = resultaten.resultaat(db, vragenlijst, facilitator.ronde.id)
    assert resultaat == bereken(vragenlijst, verwacht)
    assert resultaat.deelnemers == 3


def test_25_participants_answering_all_80_at_once__every_answer_is_stored(
    db: Database, vragenlijst: Vragenlijst
) -> None:
    facilitator = _ronde(db, vragenlijst)
    sessies = [start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam=f"Deelnemer {i}") for i in range(25)]
    stellingen = [s.id for _, s in vragenlijst.stellingen()]
    tegelijk = threading.Barrier(len(sessies))

    def vul_in(sessie: Sessie) -> int:
        tegelijk.wait()
        for j, st in enumerate(stellingen):
            invullen.sla_antwoord_op(db, vragenlijst, sessie, st, str((sessie.deelnemer.id + j) % 5 + 1))
        return len(stellingen)

    with ThreadPoolExecutor(len(sessies)) as pool:
        assert sum(pool.map(vul_in, sessies)) == 25 * len(stellingen)  # map re-raises any exception of a thread
    with db.lezen() as s:
        opgeslagen = s.scalar(select(func.count()).where(AntwoordRij.ronde_id == facilitator.ronde.id))
    assert opgeslagen == 25 * len(stellingen)
