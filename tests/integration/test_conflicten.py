"""Edits that vanish (issue 13, case 6), on SQLite and PostgreSQL: every edit of shared data is
saved against the version the user saw.

For each kind (goal content, PDCA phase and note, goal decision and deletion, consensus, agreed
ambition, participant rename and removal, role revocation) two people load version v, A saves,
B's save with v is refused with what is stored now in the exception and nothing changes, and B
can then save explicitly over the new version. A property test runs random sequences of
writers with stale and fresh versions against a model of the rule.
"""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from scan.db.migraties import alembic_config, migreer
from scan.db.openen import open_database
from scan.db.tabellen import DeelnemerRij, DoelRij
from scan.db.verbinding import Database
from scan.fouten import AmbitieConflict, Conflict, ConsensusConflict, DeelnemerConflict, DoelConflict, InvoerFout
from scan.leesmodellen import DoelInfo, Sessie
from scan.services import beheer as beheerdienst
from scan.services import doelen as doelservice
from scan.services import start, werkgroep, workshop
from scan.services.toegang import Gebruiker
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.uitwissel import Doel
from tests.rondes import start_ronde

DATUM = dt.date(2026, 11, 22)


@pytest.fixture
def twee(db: Database, vragenlijst: Vragenlijst) -> tuple[Sessie, Sessie]:
    """Two facilitators of one round: Fatima (A) and Gijs (B)."""
    a = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=DATUM)
    b = start.neem_deel(db, vragenlijst, code=a.ronde.code, naam="Gijs", rol="facilitator")
    return a, b


def _goal(vl: Vragenlijst, bib: DoelenBibliotheek) -> Doel:
    sjabloon = bib.voor(vl.bouwstenen[0].id)[0]
    return Doel(
        id=sjabloon.id,
        bouwsteen=vl.bouwstenen[0].id,
        titel="Kanalen in beeld",
        actie="Maak een overzicht van alle kanalen.",
        indicator="Aandeel kanalen in beeld",
        eenheid="%",
        nulmeting=40.0,
        streefwaarde=80.0,
        bron="Kanalenregister, kwartaaltelling",
        eigenaar="Teamleider KCC",
        draagvlak="MT",
        deadline=DATUM + dt.timedelta(days=200),
        sjabloon=sjabloon.id,
    )


def _rij(db: Database, sessie: Sessie, sleutel: str) -> DoelInfo | None:
    return doelservice.doelen(db, sessie).get(sleutel)


# --- goals ----------------------------------------------------------------------------------


def test_goal_content__stale_save_is_refused_with_the_stored_version_then_saved_over_it(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, twee: tuple[Sessie, Sessie]
) -> None:
    a, b = twee
    doel = _goal(vragenlijst, bibliotheek)
    gezien = doelservice.bewaar(db, vragenlijst, a, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=DATUM)
    # Both pages show version v; A saves a new title.
    na_a = doelservice.bewaar(
        db,
        vragenlijst,
        a,
        doel.model_copy(update={"titel": "Van A"}),
        besluit="geaccepteerd",
        verwachte_versie=gezien.versie,
        vandaag=DATUM,
    )
    van_b = doel.model_copy(update={"titel": "Van B", "eigenaar": "Gijs"})
    with pytest.raises(DoelConflict) as conflict:
        doelservice.bewaar(
            db, vragenlijst, b, van_b, besluit="geaccepteerd", verwachte_versie=gezien.versie, vandaag=DATUM
        )
    huidig = conflict.value.huidig
    assert huidig is not None
    assert (huidig.doel.titel, huidig.gewijzigd_door, huidig.versie) == ("Van A", "Fatima", na_a.versie)
    assert _rij(db, a, doel.id) == na_a  # nothing changed
    # B keeps theirs, explicitly over the version now stored.
    na_b = doelservice.bewaar(
        db, vragenlijst, b, van_b, besluit="geaccepteerd", verwachte_versie=huidig.versie, vandaag=DATUM
    )
    assert (na_b.doel.titel, na_b.doel.eigenaar, na_b.gewijzigd_door) == ("Van B", "Gijs", "Gijs")
    assert na_b.versie == huidig.versie + 1


def test_pdca__a_stale_phase_and_note_are_refused_not_replaced_by_the_other_persons_values(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, twee: tuple[Sessie, Sessie]
) -> None:
    # The reported failure: B's phase and note were dropped and A's values saved under B's name.
    a, b = twee
    gezien = doelservice.bewaar(
        db,
        vragenlijst,
        a,
        _goal(vragenlijst, bibliotheek),
        besluit="geaccepteerd",
        verwachte_versie=None,
        vandaag=DATUM,
    )
    na_a = doelservice.zet_status(db, vragenlijst, a, gezien, "do", "A: gestart")
    with pytest.raises(DoelConflict) as conflict:
        doelservice.zet_status(db, vragenlijst, b, gezien, "check", "B: gemeten")
    assert conflict.value.huidig == na_a
    opgeslagen = _rij(db, a, gezien.sleutel)
    assert opgeslagen is not None
    assert (opgeslagen.doel.status, opgeslagen.doel.notities, opgeslagen.gewijzigd_door) == (
        "do",
        "A: gestart",
        "Fatima",
    )
    na_b = doelservice.zet_status(db, vragenlijst, b, na_a, "check", "B: gemeten")
    assert (na_b.doel.status, na_b.doel.notities, na_b.gewijzigd_door) == ("check", "B: gemeten", "Gijs")


@pytest.mark.parametrize("actie", ["trek_in", "verwijder"])
def test_goal_decision_or_delete__on_a_stale_version__is_refused(
    db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    twee: tuple[Sessie, Sessie],
    actie: str,
) -> None:
    a, b = twee
    gezien = doelservice.bewaar(
        db,
        vragenlijst,
        a,
        _goal(vragenlijst, bibliotheek),
        besluit="geaccepteerd",
        verwachte_versie=None,
        vandaag=DATUM,
    )
    na_a = doelservice.zet_status(db, vragenlijst, a, gezien, "act", "A")
    with pytest.raises(DoelConflict) as conflict:
        getattr(doelservice, actie)(db, b, gezien)
    assert conflict.value.huidig == na_a
    assert _rij(db, a, gezien.sleutel) == na_a
    getattr(doelservice, actie)(db, b, na_a)  # over the version now stored: done
    nu = _rij(db, a, gezien.sleutel)
    assert nu is None if actie == "verwijder" else (nu is not None and nu.besluit == "voorgesteld")


def test_goal__deleted_meanwhile__conflict_without_stored_version(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, twee: tuple[Sessie, Sessie]
) -> None:
    a, b = twee
    doel = _goal(vragenlijst, bibliotheek)
    gezien = doelservice.bewaar(db, vragenlijst, a, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=DATUM)
    doelservice.verwijder(db, a, gezien)
    with pytest.raises(DoelConflict) as conflict:
        doelservice.zet_status(db, vragenlijst, b, gezien, "do", "B")
    assert conflict.value.huidig is None
    # Keeping one's own version of a goal deleted meanwhile: saved anew (expected: none).
    assert (
        doelservice.bewaar(
            db, vragenlijst, b, doel, besluit="geaccepteerd", verwachte_versie=None, vandaag=DATUM
        ).versie
        == 1
    )


# --- consensus ------------------------------------------------------------------------------


def test_consensus__stale_save_is_refused_then_saved_over_the_new_version(
    db: Database, vragenlijst: Vragenlijst, twee: tuple[Sessie, Sessie]
) -> None:
    a, b = twee
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id

    def leg_vast(wie: Sessie, niveau: int, waarom: str, versie: int | None) -> object:
        return workshop.stel_consensus_vast(
            db, vragenlijst, wie, stelling=stelling, niveau=niveau, toelichting=waarom, verwachte_versie=versie
        )

    leg_vast(a, 3, "A", None)
    with pytest.raises(ConsensusConflict) as conflict:
        leg_vast(b, 4, "B", None)  # B's page showed no consensus yet
    huidig = conflict.value.huidig
    assert huidig is not None and (huidig.niveau, huidig.toelichting, huidig.vastgesteld_door) == (3, "A", "Fatima")
    assert workshop.consensus(db, a)[stelling] == huidig
    nieuw = leg_vast(b, 4, "B", huidig.versie)
    assert workshop.consensus(db, a)[stelling] == nieuw
    assert (workshop.consensus(db, a)[stelling].niveau, workshop.consensus(db, a)[stelling].vastgesteld_door) == (
        4,
        "Gijs",
    )


def test_consensus__facilitator_role_is_read_from_the_row_inside_the_write(
    db: Database, vragenlijst: Vragenlijst, twee: tuple[Sessie, Sessie]
) -> None:
    a, _ = twee
    anna = start.neem_deel(db, vragenlijst, code=a.ronde.code, naam="Anna")
    vervalst = anna.model_copy(update={"deelnemer": anna.deelnemer.model_copy(update={"rol": "facilitator"})})
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.stel_consensus_vast(
            db,
            vragenlijst,
            vervalst,
            stelling=vragenlijst.bouwstenen[0].stellingen[0].id,
            niveau=3,
            toelichting="",
            verwachte_versie=None,
        )
    assert workshop.consensus(db, a) == {}


# --- agreed ambitions -----------------------------------------------------------------------


def test_agreed_ambition__stale_save_and_stale_clear_are_refused_then_saved_over_the_new_version(
    db: Database, vragenlijst: Vragenlijst, twee: tuple[Sessie, Sessie]
) -> None:
    a, b = twee
    b1 = vragenlijst.bouwstenen[0].id
    eerst = werkgroep.stel_ambitie_vast(db, vragenlijst, a, b1, 3, "A eerst", verwachte_versie=None)
    assert (eerst.versie, eerst.gewijzigd_door) == (1, "Fatima")
    with pytest.raises(AmbitieConflict) as conflict:
        werkgroep.stel_ambitie_vast(db, vragenlijst, b, b1, 5, "B wil hoger", verwachte_versie=None)
    assert conflict.value.huidig == eerst
    na_a = werkgroep.stel_ambitie_vast(db, vragenlijst, a, b1, 4, "A tweede", verwachte_versie=eerst.versie)
    with pytest.raises(AmbitieConflict) as conflict:
        werkgroep.stel_ambitie_vast(db, vragenlijst, b, b1, 5, "B wil hoger", verwachte_versie=eerst.versie)
    assert conflict.value.huidig == na_a
    with pytest.raises(AmbitieConflict):
        werkgroep.wis_ambitie(db, vragenlijst, b, b1, verwachte_versie=eerst.versie)  # not cleared unseen
    stand = werkgroep.ambities(db, vragenlijst, a)[b1]
    assert (stand.vastgesteld, stand.toelichting, stand.afspraak) == (4, "A tweede", na_a)
    na_b = werkgroep.stel_ambitie_vast(db, vragenlijst, b, b1, 5, "B wil hoger", verwachte_versie=na_a.versie)
    assert (na_b.niveau, na_b.gewijzigd_door, na_b.versie) == (5, "Gijs", na_a.versie + 1)
    assert werkgroep.wis_ambitie(db, vragenlijst, a, b1, verwachte_versie=na_b.versie) is True


# --- participants ---------------------------------------------------------------------------


def _versie(db: Database, deelnemer_id: int) -> int:
    with db.lezen() as s:
        return s.scalar(select(DeelnemerRij.versie).where(DeelnemerRij.id == deelnemer_id)) or 0


def test_participant__stale_rename_or_removal_is_refused_with_the_name_now(
    db: Database, vragenlijst: Vragenlijst, twee: tuple[Sessie, Sessie]
) -> None:
    a, b = twee
    stray = start.neem_deel(db, vragenlijst, code=a.ronde.code, naam="Stray").deelnemer.id
    gezien = _versie(db, stray)
    assert werkgroep.hernoem_deelnemer(db, a, stray, "Sanne", verwachte_versie=gezien) == "Sanne"
    with pytest.raises(DeelnemerConflict) as conflict:
        werkgroep.hernoem_deelnemer(db, b, stray, "Stijn", verwachte_versie=gezien)
    assert conflict.value.huidig is not None and conflict.value.huidig.naam == "Sanne"
    with pytest.raises(DeelnemerConflict):
        werkgroep.verwijder_deelnemer(db, b, stray, verwachte_versie=gezien)  # not the person B saw
    assert [r.naam for r in workshop.voortgang(db, a)] == ["Fatima", "Gijs", "Sanne"]
    nu = conflict.value.huidig.versie
    assert werkgroep.hernoem_deelnemer(db, b, stray, "Stijn", verwachte_versie=nu) == "Stijn"
    assert werkgroep.verwijder_deelnemer(db, b, stray, verwachte_versie=nu + 1) == "Stijn"


def test_participant__two_renames_at_once__one_wins_the_other_gets_a_conflict(
    db: Database, vragenlijst: Vragenlijst, twee: tuple[Sessie, Sessie]
) -> None:
    a, b = twee
    stray = start.neem_deel(db, vragenlijst, code=a.ronde.code, naam="Stray").deelnemer.id
    for ronde in range(4):
        gezien = _versie(db, stray)
        tegelijk = threading.Barrier(2)

        def hernoem(wie: Sessie, naam: str, gezien: int = gezien, tegelijk: threading.Barrier = tegelijk) -> str:
            tegelijk.wait()
            try:
                return werkgroep.hernoem_deelnemer(db, wie, stray, naam, verwachte_versie=gezien)
            except Conflict:
                return "conflict"

        with ThreadPoolExecutor(2) as pool:
            uitkomsten = list(pool.map(hernoem, [a, b], [f"A{ronde}", f"B{ronde}"]))
        assert sorted(u == "conflict" for u in uitkomsten) == [False, True], uitkomsten
        winnaar = next(u for u in uitkomsten if u != "conflict")
        assert next(r.naam for r in workshop.voortgang(db, a) if r.deelnemer_id == stray) == winnaar


# --- roles ----------------------------------------------------------------------------------


def test_role__revoked_meanwhile__is_said_and_a_regranted_role_is_not_revoked_unseen(db: Database) -> None:
    beheerder = Gebruiker(naam="Beheer", email="beheer@utrecht.nl", overal_beheerder=True)
    beheerdienst.ken_rol_toe(db, beheerder, "GM0344", "adviseur@bureau.nl", "adviseur")
    gezien = next(r for r in beheerdienst.rollen_van(db, beheerder, "GM0344") if r.email == "adviseur@bureau.nl")
    beheerdienst.trek_rol_in(db, beheerder, gezien.id, toegekend_op=gezien.toegekend_op)  # A revokes ...
    beheerdienst.ken_rol_toe(db, beheerder, "GM0344", "adviseur@bureau.nl", "adviseur")  # ... and grants again
    with pytest.raises(InvoerFout, match="al ingetrokken"):
        # B's page still shows the first grant (SQLite even gives the new grant the same id).
        beheerdienst.trek_rol_in(
            db, beheerder, gezien.id, toegekend_op=gezien.toegekend_op
        )  # B's page still shows the first grant
    assert [r.email for r in beheerdienst.rollen_van(db, beheerder, "GM0344")] == ["adviseur@bureau.nl"]


# --- the rule, as a property ----------------------------------------------------------------


class _Soort:
    """One kind of shared data behind a uniform face: write value ``n`` (1..5) as ``wie`` against
    ``versie``, and read what is stored as (value, version) or None."""

    def __init__(
        self,
        db: Database,
        vl: Vragenlijst,
        bib: DoelenBibliotheek,
        soort: str,
        a: Sessie,
    ) -> None:
        self.db, self.vl, self.soort, self.a = db, vl, soort, a
        self.b1 = vl.bouwstenen[0].id
        self.stelling = vl.bouwstenen[0].stellingen[0].id
        self.fasen = ("plan", "do", "check", "act", "plan")
        if soort == "doel":
            self.info = doelservice.bewaar(
                db, vl, a, _goal(vl, bib), besluit="geaccepteerd", verwachte_versie=None, vandaag=DATUM
            )
        if soort == "deelnemer":
            self.wie = start.neem_deel(db, vl, code=a.ronde.code, naam="Stray").deelnemer.id

    def schrijf(self, wie: Sessie, n: int, versie: int | None) -> None:
        db, vl = self.db, self.vl
        if self.soort == "ambitie":
            werkgroep.stel_ambitie_vast(db, vl, wie, self.b1, n, verwachte_versie=versie)
        elif self.soort == "consensus":
            workshop.stel_consensus_vast(
                db, vl, wie, stelling=self.stelling, niveau=n, toelichting=str(n), verwachte_versie=versie
            )
        elif self.soort == "doel":
            gezien = self.info.model_copy(update={"versie": versie})
            doelservice.zet_status(db, vl, wie, gezien, self.fasen[n - 1], f"notitie {n}")  # type: ignore[arg-type]
        else:
            werkgroep.hernoem_deelnemer(db, wie, self.wie, f"Naam {n}", verwachte_versie=versie or 0)

    def lees(self) -> tuple[str, int] | None:
        db, vl, a = self.db, self.vl, self.a
        if self.soort == "ambitie":
            afspraak = werkgroep.ambities(db, vl, a)[self.b1].afspraak
            return (str(afspraak.niveau), afspraak.versie) if afspraak else None
        if self.soort == "consensus":
            c = workshop.consensus(db, a).get(self.stelling)
            return (str(c.niveau), c.versie) if c else None
        if self.soort == "doel":
            d = doelservice.doelen(db, a)[self.info.sleutel]
            return (d.doel.notities or "", d.versie)
        r = next(r for r in workshop.voortgang(db, a) if r.deelnemer_id == self.wie)
        return (r.naam, r.versie)

    def waarde(self, n: int) -> str:
        return {"ambitie": str(n), "consensus": str(n), "doel": f"notitie {n}"}.get(self.soort, f"Naam {n}")


@pytest.mark.parametrize("soort", ["ambitie", "consensus", "doel", "deelnemer"])
@settings(max_examples=15, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    stappen=st.lists(
        st.tuples(st.sampled_from(["A", "B"]), st.integers(1, 5), st.booleans()),
        min_size=1,
        max_size=8,
    )
)
def test_version_rule__a_write_lands_exactly_when_it_names_the_stored_version(
    sqlite_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    soort: str,
    stappen: list[tuple[str, int, bool]],
) -> None:
    """Two facilitators each keep the version their page last showed them; a step either reloads
    first (fresh) or saves with what the page showed (possibly stale). Rule, for every kind of
    shared data: the save lands iff the version it names is the stored one; otherwise a
    ``Conflict`` carries exactly the stored state and nothing changes."""
    a = start_ronde(sqlite_db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=DATUM)
    b = start.neem_deel(sqlite_db, vragenlijst, code=a.ronde.code, naam="Gijs", rol="facilitator")
    data = _Soort(sqlite_db, vragenlijst, bibliotheek, soort, a)
    wie = {"A": a, "B": b}
    opgeslagen = data.lees()
    pagina: dict[str, int | None] = {"A": opgeslagen[1] if opgeslagen else None, "B": None}
    pagina["B"] = pagina["A"]
    for persoon, n, herlaad in stappen:
        if herlaad:
            pagina[persoon] = opgeslagen[1] if opgeslagen else None
        verwacht = opgeslagen[1] if opgeslagen else None
        try:
            data.schrijf(wie[persoon], n, pagina[persoon])
        except Conflict as conflict:
            assert pagina[persoon] != verwacht
            assert conflict.huidig is not None and getattr(conflict.huidig, "versie", None) == verwacht
        else:
            assert pagina[persoon] == verwacht
            nu = data.lees()
            assert nu is not None and nu[0] == data.waarde(n)
            # Every write moves the version on; only a rename to the very same name writes nothing.
            ongewijzigd = soort == "deelnemer" and opgeslagen is not None and opgeslagen[0] == nu[0]
            assert nu[1] == (verwacht or 0) + (0 if ongewijzigd else 1)
            opgeslagen = nu
            pagina[persoon] = nu[1]
        assert data.lees() == opgeslagen


def test_doelrij_versie__is_bumped_by_every_write(
    db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, twee: tuple[Sessie, Sessie]
) -> None:
    a, _ = twee
    info = doelservice.bewaar(
        db,
        vragenlijst,
        a,
        _goal(vragenlijst, bibliotheek),
        besluit="geaccepteerd",
        verwachte_versie=None,
        vandaag=DATUM,
    )
    versies = [info.versie]
    for fase in ("do", "check", "act"):
        info = doelservice.zet_status(db, vragenlijst, a, info, fase, fase)  # type: ignore[arg-type]
        versies.append(info.versie)
    with db.lezen() as s:
        assert (
            s.scalar(select(DoelRij.versie).where(DoelRij.sleutel == info.sleutel, DoelRij.ronde_id == a.ronde.id)) == 4
        )
    assert versies == [1, 2, 3, 4]


def test_migration_0006__existing_participants_and_ambitions_start_at_version_1(
    database_url: str, vragenlijst: Vragenlijst
) -> None:
    """Rows written before 0006 get version 1, and the ORM counts on from there; down and up again works."""
    db = open_database(database_url)
    try:
        a = start_ronde(db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=DATUM)
        b1 = vragenlijst.bouwstenen[0].id
        werkgroep.stel_ambitie_vast(db, vragenlijst, a, b1, 3, "oud", verwachte_versie=None)
        config = alembic_config()
        with db.schrijf_engine.begin() as verbinding:
            config.attributes["connection"] = verbinding
            command.downgrade(config, "0005")
        migreer(db)
        stand = werkgroep.ambities(db, vragenlijst, a)[b1]
        assert (stand.vastgesteld, stand.versie, stand.afspraak and stand.afspraak.gewijzigd_door) == (3, 1, None)
        assert _versie(db, a.deelnemer.id) == 1
        assert werkgroep.stel_ambitie_vast(db, vragenlijst, a, b1, 4, verwachte_versie=1).versie == 2
    finally:
        db.sluit()
