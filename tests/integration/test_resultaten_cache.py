"""The results cache (issue 20, item 5): every change to a round shows at once, and a round never
gets another round's result, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from scan.db.tabellen import AntwoordRij, DeelnemerRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, resultaten, samen, start, werkgroep, workshop
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from tests.rondes import start_ronde

DATUM = dt.date(2026, 11, 22)


def _vers(db: Database, vl: Vragenlijst, ronde_id: int) -> ScanResultaat:
    """The result scored from what is stored, past any cache."""
    with db.inzage() as werk:
        return resultaten.resultaat_uit(vl, resultaten.gegevens_in(werk, vl, ronde_id))


def _ronde(db: Database, vl: Vragenlijst) -> tuple[Sessie, Sessie, Sessie]:
    facilitator = start_ronde(db, vl, gm_code="GM0344", facilitator="Fatima", datum=DATUM)
    code = facilitator.ronde.code
    return facilitator, start.neem_deel(db, vl, code=code, naam="Anna"), start.neem_deel(db, vl, code=code, naam="Bo")


def test_resultaat__after_every_kind_of_change__is_what_is_stored_now(db: Database, vragenlijst: Vragenlijst) -> None:
    vl = vragenlijst
    facilitator, anna, bo = _ronde(db, vl)
    rid = facilitator.ronde.id
    eerste, tweede = (s.id for s in vl.bouwstenen[0].stellingen[:2])
    bouwsteen = vl.bouwstenen[0].id
    gezien: list[ScanResultaat] = []

    def klopt() -> None:
        nu = resultaten.resultaat(db, vl, rid)
        assert nu == _vers(db, vl, rid)
        assert resultaten.resultaat(db, vl, rid) is nu  # unchanged: not scored again
        gezien.append(nu)

    klopt()
    invullen.sla_antwoord_op(db, vl, anna, eerste, "2")
    klopt()
    invullen.sla_antwoord_op(db, vl, bo, eerste, "5")
    klopt()
    assert gezien[-1].deelnemers == 2
    invullen.sla_antwoord_op(db, vl, bo, eerste, "4")  # a changed answer
    klopt()
    invullen.sla_antwoord_op(db, vl, anna, tweede, "weet_niet")
    klopt()
    invullen.sla_ambitie_op(db, vl, anna, bouwsteen, 4)
    klopt()
    werkgroep.stel_ambitie_vast(db, vl, facilitator, bouwsteen, 3, verwachte_versie=None)
    klopt()
    workshop.stel_consensus_vast(
        db, vl, facilitator, stelling=eerste, niveau=3, toelichting="Besproken.", verwachte_versie=None
    )
    klopt()
    versie = workshop.consensus(db, facilitator)[eerste].versie
    workshop.stel_consensus_vast(
        db, vl, facilitator, stelling=eerste, niveau=4, toelichting="Opnieuw besproken.", verwachte_versie=versie
    )
    klopt()
    # Two answers swapped at one and the same moment: no newer moment and no other count, only
    # the values tell.
    with db.schrijven() as s:
        moment = s.scalar(select(AntwoordRij.gewijzigd_op).where(AntwoordRij.ronde_id == rid).limit(1))
        s.execute(update(AntwoordRij).where(AntwoordRij.ronde_id == rid).values(gewijzigd_op=moment))
    klopt()
    with db.schrijven() as s:
        s.execute(
            update(AntwoordRij)
            .where(
                AntwoordRij.ronde_id == rid, AntwoordRij.stelling == eerste, AntwoordRij.deelnemer_id == bo.deelnemer.id
            )
            .values(antwoord="1")
        )
    klopt()
    # A participant removed: their answers go, nothing newer is written.
    versie_bo = next(v.versie for v in workshop.voortgang(db, facilitator) if v.deelnemer_id == bo.deelnemer.id)
    werkgroep.verwijder_deelnemer(db, facilitator, bo.deelnemer.id, verwachte_versie=versie_bo)
    klopt()
    assert gezien[-1].deelnemers == 1
    # A Samen session: an open part is blind until revealed.
    samen.zet_modus(db, facilitator, "samen")
    klopt()
    samen.volgende(db, vl, facilitator)
    klopt()
    samen.onthul(db, facilitator)
    klopt()
    assert len({r.model_dump_json() for r in gezien}) > 8


def test_resultaat__two_rounds_alike__each_gets_its_own(db: Database, vragenlijst: Vragenlijst) -> None:
    vl = vragenlijst
    stelling = vl.bouwstenen[0].stellingen[0].id
    rondes = []
    for niveau in ("1", "5"):
        facilitator, anna, _ = _ronde(db, vl)
        invullen.sla_antwoord_op(db, vl, anna, stelling, niveau)
        rondes.append(facilitator.ronde.id)
    for _ in range(2):
        een, twee = (resultaten.resultaat(db, vl, r) for r in rondes)
        assert een.stellingen[0].gemiddelde == 1.0
        assert twee.stellingen[0].gemiddelde == 5.0


def test_resultaat__a_round_deleted__is_not_served_from_the_cache(db: Database, vragenlijst: Vragenlijst) -> None:
    vl = vragenlijst
    facilitator, anna, _ = _ronde(db, vl)
    invullen.sla_antwoord_op(db, vl, anna, vl.bouwstenen[0].stellingen[0].id, "3")
    rid = facilitator.ronde.id
    assert resultaten.resultaat(db, vl, rid).deelnemers == 1
    with db.schrijven() as s:
        s.execute(delete(DeelnemerRij).where(DeelnemerRij.ronde_id == rid))
    assert resultaten.resultaat(db, vl, rid).deelnemers == 0


def test_cache__is_bounded_per_database(sqlite_db: Database, vragenlijst: Vragenlijst) -> None:
    cache = resultaten._Cache(2)
    uitslag = _vers(sqlite_db, vragenlijst, 0)
    for ronde_id in range(5):
        cache.bewaar(sqlite_db, (ronde_id, vragenlijst.versie, ()), vragenlijst, uitslag)
    assert [cache.zoek(sqlite_db, (r, vragenlijst.versie, ()), vragenlijst) for r in range(5)] == [
        None,
        None,
        None,
        uitslag,
        uitslag,
    ]
    # Another questionnaire object of the same version (a test's copy) does not get it.
    kopie = vragenlijst.model_copy()
    assert cache.zoek(sqlite_db, (4, vragenlijst.versie, ()), kopie) is None


def test_samen_beeld__certainty_discipline_and_reveal_show_at_once(db: Database, vragenlijst: Vragenlijst) -> None:
    vl = vragenlijst
    facilitator, anna, bo = _ronde(db, vl)
    eerste = vl.bouwstenen[0].stellingen[0].id

    def vers(sessie: Sessie) -> object:
        """Past the cache: a new, empty one for this call only."""
        bewaard = resultaten._beelden
        resultaten._beelden = resultaten._Cache(2)
        try:
            return resultaten.samen_beeld(db, vl, sessie)
        finally:
            resultaten._beelden = bewaard

    def klopt() -> None:
        for sessie in (facilitator, anna):
            assert resultaten.samen_beeld(db, vl, sessie) == vers(sessie)

    samen.zet_modus(db, facilitator, "samen")
    samen.volgende(db, vl, facilitator)
    klopt()
    invullen.sla_antwoord_op(db, vl, anna, eerste, "2")
    invullen.sla_antwoord_op(db, vl, bo, eerste, "5")
    klopt()
    samen.sla_zekerheid_op(db, vl, bo, eerste, "gok")
    klopt()
    samen.onthul(db, facilitator)
    klopt()
    samen.herstem(db, vl, facilitator, eerste)
    samen.sla_herstemming_op(db, vl, anna, eerste, "3")
    klopt()
    samen.kies_discipline(db, anna, "ict")
    klopt()
    samen.kies_discipline(db, anna, "kcc")
    klopt()
    samen.onthul(db, facilitator)
    klopt()
