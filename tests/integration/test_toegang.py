"""Tenant isolation and the benchmark, on SQLite and PostgreSQL.

Someone of gemeente A must not read or change a round of gemeente B through the services
(the pages are covered in tests/app): a hypothesis property draws people with random roles and
random rounds and checks every service against an access table written out here, independent
of ``scan.toegang``. Refusals are ``GeenToegang`` with a Dutch message, and write nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from scan.db.openen import open_database
from scan.db.tabellen import BenchmarkDeelnameRij, DeelnemerRij, RolRij, RondeRij, RondeScoreRij
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.fouten import GeenToegang, InvoerFout
from scan.gemeenten import zoek_gemeente
from scan.leesmodellen import Sessie
from scan.services import beheer as beheerdienst
from scan.services import invullen, resultaten, start, uitwisseling, vergelijken, workshop
from scan.services.toegang import Gebruiker, Rol, gebruiker_voor
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst
from scoring.uitwissel import Scan
from scoring.vergelijking import MIN_GROEP, kerncijfers
from tests.rondes import importeer

GEMEENTEN = {"GM0014": "Groningen", "GM0034": "Almere", "GM0344": "Utrecht", "GM1900": "Súdwest-Fryslân"}
# What each role may do, written out here rather than imported: the test's own access table.
MAG = {
    "zien": {"facilitator", "adviseur", "beheerder"},
    "leiden": {"facilitator", "beheerder"},
    "beheren": {"beheerder"},
}


@pytest.fixture
def eigen_db(lege_url: str) -> Iterator[Database]:
    """A database of this test alone: benchmark counts must not see other tests' rounds."""
    db = open_database(lege_url)
    try:
        yield db
    finally:
        db.sluit()


def _scan(
    vl: Vragenlijst, gemeente: str, datum: dt.date, *, afgerond: bool, fictief: bool = False, seed: int = 1
) -> Scan:
    scan = maak_demo(vl, zoek_gemeente(gemeente), 4, datum, seed=seed)
    ronde = scan.scanronde.model_copy(update={"status": "afgerond" if afgerond else "open"})
    return scan.model_copy(update={"scanronde": ronde, "fictief": fictief})


def _tellingen(db: Database) -> tuple[int, ...]:
    with db.lezen() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(tabel)) or 0
            for tabel in (RondeRij, DeelnemerRij, RolRij, BenchmarkDeelnameRij, RondeScoreRij)
        )


@pytest.fixture
def wereld(eigen_db: Database, vragenlijst: Vragenlijst) -> dict[int, str]:
    """Two rounds of each of four gemeenten (one closed, one open): round id -> gemeente code."""
    rondes: dict[int, str] = {}
    for i, (gm, naam) in enumerate(GEMEENTEN.items()):
        for j, afgerond in enumerate((True, False)):
            sessie = importeer(
                eigen_db, vragenlijst, _scan(vragenlijst, naam, dt.date(2025 + j, 3, 1), afgerond=afgerond, seed=i)
            )
            rondes[sessie.ronde.id] = gm
    return rondes


rollen_strategie = st.dictionaries(
    st.sampled_from(sorted(GEMEENTEN)),
    st.frozensets(st.sampled_from(["facilitator", "adviseur", "beheerder"]), min_size=1),
    max_size=3,
)


def _gebruiker(rollen: dict[str, frozenset[Rol]]) -> Gebruiker:
    return Gebruiker(naam="Test Persoon", email="test@voorbeeld.nl", rollen=rollen)


def _mag(rollen: dict[str, frozenset[Rol]], handeling: str, gm: str) -> bool:
    return bool(set(rollen.get(gm, frozenset())) & MAG[handeling])


HANDELINGEN = [
    "kerncijfers",
    "benchmark",
    "openen",
    "deelname_zien",
    "deelname_zetten",
    "rollen_zien",
    "rol_toekennen",
    "starten",
    "importeren",
]
NODIG = {
    "kerncijfers": "zien",
    "benchmark": "zien",
    "openen": "leiden",
    "deelname_zien": "zien",
    "deelname_zetten": "beheren",
    "rollen_zien": "beheren",
    "rol_toekennen": "beheren",
    "starten": "leiden",
    "importeren": "leiden",
}


PER_RONDE_ID = {"kerncijfers", "benchmark", "openen"}
"""Services that take a round id (``?ronde=`` on Vergelijken, Start's round list)."""


def _verborgen(handeling: str, rollen: dict[str, frozenset[Rol]], gm: str) -> bool:
    """A refusal that must not name the gemeente: a round id of a gemeente one cannot see."""
    return handeling in PER_RONDE_ID and not _mag(rollen, "zien", gm)


def _doe(handeling: str, db: Database, vl: Vragenlijst, wie: Gebruiker, ronde_id: int, gm: str) -> None:
    if handeling == "kerncijfers":
        vergelijken.kerncijfers_van(db, vl, wie, [ronde_id])
    elif handeling == "benchmark":
        try:
            vergelijken.benchmark_voor(db, vl, wie, ronde_id, "provincie")
        except GeenToegang:
            raise
        except InvoerFout:
            pass  # allowed to look, but the gemeente did not opt in: a different refusal
    elif handeling == "openen":
        start.open_als_facilitator(db, wie, ronde_id)
    elif handeling == "deelname_zien":
        beheerdienst.benchmark_deelname(db, wie, gm)
    elif handeling == "deelname_zetten":
        beheerdienst.zet_benchmark_deelname(db, wie, gm, True)
    elif handeling == "rollen_zien":
        beheerdienst.rollen_van(db, wie, gm)
    elif handeling == "rol_toekennen":
        beheerdienst.ken_rol_toe(db, wie, gm, f"nieuw.{uuid.uuid4().hex[:6]}@voorbeeld.nl", "adviseur")
    elif handeling == "starten":
        start.start_ronde_als(db, vl, wie, gm_code=gm, facilitator="Test Persoon", datum=dt.date(2026, 11, 22))
    elif handeling == "importeren":
        uitwisseling.importeer_als(db, vl, wie, _scan(vl, GEMEENTEN[gm], dt.date(2026, 1, 5), afgerond=False))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(rollen=rollen_strategie, keuze=st.integers(min_value=0, max_value=7), handeling=st.sampled_from(HANDELINGEN))
def test_nobody_reads_or_changes_a_round_of_a_gemeente_without_a_role_there(
    eigen_db: Database,
    vragenlijst: Vragenlijst,
    wereld: dict[int, str],
    rollen: dict[str, frozenset[Rol]],
    keuze: int,
    handeling: str,
) -> None:
    ronde_id = sorted(wereld)[keuze]
    gm = wereld[ronde_id]
    wie = _gebruiker(rollen)
    mag = _mag(rollen, NODIG[handeling], gm)
    voor = _tellingen(eigen_db)
    if mag:
        _doe(handeling, eigen_db, vragenlijst, wie, ronde_id, gm)
    else:
        with pytest.raises(GeenToegang) as refusal:
            _doe(handeling, eigen_db, vragenlijst, wie, ronde_id, gm)
        if _verborgen(handeling, rollen, gm):
            assert str(refusal.value) == str(vergelijken.onbekende_ronde(ronde_id)), "same as a round that is not there"
            assert GEMEENTEN[gm] not in str(refusal.value)
        else:
            assert GEMEENTEN[gm] in str(refusal.value), "the refusal names the gemeente"
        assert "Traceback" not in str(refusal.value)
        assert _tellingen(eigen_db) == voor, "a refusal writes nothing"
    # What the overview lists is exactly the rounds of gemeenten with a role.
    zichtbaar = {r.id for r in vergelijken.zichtbare_rondes(eigen_db, wie)}
    assert zichtbaar == {i for i, g in wereld.items() if _mag(rollen, "zien", g)} | (
        zichtbaar - set(wereld)  # rounds this example itself started or imported
    )
    assert all(_mag(rollen, "zien", r.gm_code) for r in vergelijken.zichtbare_rondes(eigen_db, wie))


@pytest.mark.parametrize("rol", ["facilitator", "adviseur", "beheerder", None])
def test_every_role_against_every_service_in_its_own_and_in_another_gemeente(
    eigen_db: Database, vragenlijst: Vragenlijst, wereld: dict[int, str], rol: Rol | None
) -> None:
    """The whole access table, deterministically (the property above samples it)."""
    rollen: dict[str, frozenset[Rol]] = {"GM0014": frozenset({rol})} if rol else {}
    wie = _gebruiker(rollen)
    for ronde_id, gm in sorted(wereld.items()):
        for handeling in HANDELINGEN:
            if _mag(rollen, NODIG[handeling], gm):
                _doe(handeling, eigen_db, vragenlijst, wie, ronde_id, gm)
            else:
                voor = _tellingen(eigen_db)
                with pytest.raises(GeenToegang) as refusal:
                    _doe(handeling, eigen_db, vragenlijst, wie, ronde_id, gm)
                if _verborgen(handeling, rollen, gm):
                    assert GEMEENTEN[gm] not in str(refusal.value)
                else:
                    assert GEMEENTEN[gm] in str(refusal.value)
                assert _tellingen(eigen_db) == voor


def test_a_join_code_of_another_gemeente_makes_one_a_participant_of_that_round_only(
    eigen_db: Database, vragenlijst: Vragenlijst, wereld: dict[int, str]
) -> None:
    b_open = next(i for i, gm in wereld.items() if gm == "GM0034" and _status(eigen_db, i) == "open")
    with eigen_db.lezen() as s:
        code = s.scalar(select(RondeRij.code).where(RondeRij.id == b_open))
    assert code is not None
    iemand_van_a = _gebruiker({"GM0014": frozenset({"facilitator"})})
    sessie = start.neem_deel(eigen_db, vragenlijst, code=code, naam="Iemand van Groningen")
    assert sessie.ronde.id == b_open and not sessie.is_facilitator
    # As a participant: no facilitator powers in B's round...
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.deelnemer_links(eigen_db, sessie)
    with pytest.raises(InvoerFout, match="Alleen de facilitator"):
        workshop.rond_af(eigen_db, vragenlijst, sessie)
    # ...and as a signed-in person still nothing of B.
    andere_b = [i for i, gm in wereld.items() if gm == "GM0034"]
    with pytest.raises(GeenToegang, match="bestaat niet, of u heeft geen rol"):
        vergelijken.kerncijfers_van(eigen_db, vragenlijst, iemand_van_a, andere_b)
    with pytest.raises(GeenToegang, match="bestaat niet, of u heeft geen rol"):
        start.open_als_facilitator(eigen_db, iemand_van_a, b_open)
    assert all(r.gm_code == "GM0014" for r in vergelijken.zichtbare_rondes(eigen_db, iemand_van_a))


def _status(db: Database, ronde_id: int) -> str:
    with db.lezen() as s:
        return s.scalar(select(RondeRij.status).where(RondeRij.id == ronde_id)) or ""


def test_roles_are_read_from_the_database_by_address_and_a_beheerder_cannot_lock_everyone_out(
    eigen_db: Database,
) -> None:
    beheerder = Gebruiker(naam="Beheer", email="beheer@utrecht.nl", rollen={"GM0344": frozenset({"beheerder"})})
    beheerdienst.ken_rol_toe(eigen_db, beheerder, "GM0344", "  Adviseur@Bureau.NL ", "adviseur")
    with pytest.raises(InvoerFout, match="al"):
        beheerdienst.ken_rol_toe(eigen_db, beheerder, "GM0344", "adviseur@bureau.nl", "adviseur")
    with pytest.raises(InvoerFout, match="geen geldig e-mailadres"):
        beheerdienst.ken_rol_toe(eigen_db, beheerder, "GM0344", "geen adres", "adviseur")
    with pytest.raises(InvoerFout, match="bestaat niet"):
        beheerdienst.ken_rol_toe(eigen_db, beheerder, "GM0344", "a@b.nl", "koning")
    adviseur = gebruiker_voor(eigen_db, "ADVISEUR@bureau.nl", "Ad Viseur")
    assert adviseur.rollen == {"GM0344": frozenset({"adviseur"})}
    assert adviseur.mag("zien", "GM0344") and not adviseur.mag("leiden", "GM0344")
    assert gebruiker_voor(eigen_db, "iemand@anders.nl", None, beheerders={"iemand@anders.nl"}).overal_beheerder
    beheerdienst.ken_rol_toe(eigen_db, beheerder, "GM0344", "beheer@utrecht.nl", "beheerder")
    eigen = next(r for r in beheerdienst.rollen_van(eigen_db, beheerder, "GM0344") if r.rol == "beheerder")
    with pytest.raises(InvoerFout, match="eigen rol beheerder"):
        beheerdienst.trek_rol_in(eigen_db, beheerder, eigen.id, toegekend_op=eigen.toegekend_op)
    andere = next(r for r in beheerdienst.rollen_van(eigen_db, beheerder, "GM0344") if r.rol == "adviseur")
    beheerdienst.trek_rol_in(eigen_db, beheerder, andere.id, toegekend_op=andere.toegekend_op)
    assert [r.rol for r in beheerdienst.rollen_van(eigen_db, beheerder, "GM0344")] == ["beheerder"]


def test_closing_stores_the_key_figures_and_reopening_drops_them(eigen_db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = importeer(eigen_db, vragenlijst, _scan(vragenlijst, "Almere", dt.date(2026, 3, 1), afgerond=False))
    levend = kerncijfers(resultaten.resultaat(eigen_db, vragenlijst, sessie.ronde.id))
    dicht = workshop.rond_af(eigen_db, vragenlijst, sessie)
    assert dicht.ronde.status == "afgerond"
    with eigen_db.lezen() as s:
        opgeslagen = s.get(RondeScoreRij, sessie.ronde.id)
        assert opgeslagen is not None
        assert opgeslagen.kerncijfers == levend.model_dump_json()
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    with pytest.raises(InvoerFout, match="afgerond"):
        invullen.sla_antwoord_op(eigen_db, vragenlijst, dicht, stelling, "5")
    with pytest.raises(InvoerFout, match="afgerond"):
        start.neem_deel(eigen_db, vragenlijst, code=sessie.ronde.code, naam="Laatkomer")
    workshop.heropen(eigen_db, dicht)
    with eigen_db.lezen() as s:
        assert s.get(RondeScoreRij, sessie.ronde.id) is None
    assert _status(eigen_db, sessie.ronde.id) == "open"


def test_an_imported_closed_round_has_its_key_figures(eigen_db: Database, vragenlijst: Vragenlijst) -> None:
    scan = _scan(vragenlijst, "Utrecht", dt.date(2026, 3, 1), afgerond=True)
    sessie = importeer(eigen_db, vragenlijst, scan)
    with eigen_db.lezen() as s:
        rij = s.get(RondeScoreRij, sessie.ronde.id)
    assert rij is not None
    assert rij.kerncijfers == kerncijfers(bereken_scan(vragenlijst, scan)).model_dump_json()


# --- benchmark ---------------------------------------------------------------------------------

FRIESLAND = ["Súdwest-Fryslân", "Leeuwarden", "Smallingerland", "Heerenveen", "De Fryske Marren", "Waadhoeke"]


def test_benchmark_shows_nothing_below_five_gemeenten_and_counts_each_gemeente_once(
    eigen_db: Database, vragenlijst: Vragenlijst
) -> None:
    beheer = Gebruiker(naam="Beheer", email=None, overal_beheerder=True)
    eigen = None
    for i, naam in enumerate(FRIESLAND[:4]):
        s = importeer(eigen_db, vragenlijst, _scan(vragenlijst, naam, dt.date(2026, 3, 1), afgerond=True, seed=i))
        beheerdienst.zet_benchmark_deelname(eigen_db, beheer, s.ronde.gm_code, True)
        eigen = eigen or s
        # A second, older closed round of the same gemeente must not count twice.
        importeer(eigen_db, vragenlijst, _scan(vragenlijst, naam, dt.date(2025, 3, 1), afgerond=True, seed=10 + i))
    assert eigen is not None
    bm = vergelijken.benchmark_voor(eigen_db, vragenlijst, beheer, eigen.ronde.id, "provincie")
    assert bm.gemeenten == 4 and not bm.voldoende
    assert all(p.groep is None and p.plaats is None for p in bm.posities)

    # A fifth that opted in but has only an open round, and one with a closed round that did
    # not opt in, change nothing; a fifth that opted in with a closed round does.
    s5 = importeer(eigen_db, vragenlijst, _scan(vragenlijst, FRIESLAND[4], dt.date(2026, 3, 1), afgerond=False))
    beheerdienst.zet_benchmark_deelname(eigen_db, beheer, s5.ronde.gm_code, True)
    importeer(eigen_db, vragenlijst, _scan(vragenlijst, FRIESLAND[5], dt.date(2026, 3, 1), afgerond=True))
    assert vergelijken.benchmark_voor(eigen_db, vragenlijst, beheer, eigen.ronde.id, "provincie").gemeenten == 4
    workshop.rond_af(eigen_db, vragenlijst, s5)
    bm = vergelijken.benchmark_voor(eigen_db, vragenlijst, beheer, eigen.ronde.id, "provincie")
    assert bm.gemeenten == MIN_GROEP and bm.voldoende
    totaal = bm.posities[0]
    assert (totaal.soort, totaal.onderdeel) == ("type", "kern") and totaal.groep is not None
    assert totaal.groep.n == MIN_GROEP
    assert totaal.groep.q1 <= totaal.groep.mediaan <= totaal.groep.q3
    # Fictional rounds are a world of their own.
    nep = importeer(
        eigen_db, vragenlijst, _scan(vragenlijst, FRIESLAND[5], dt.date(2026, 3, 2), afgerond=True, fictief=True)
    )
    beheerdienst.zet_benchmark_deelname(eigen_db, beheer, nep.ronde.gm_code, True)
    assert vergelijken.benchmark_voor(eigen_db, vragenlijst, beheer, nep.ronde.id, "provincie").gemeenten == 1


def test_benchmark_is_refused_for_a_gemeente_that_did_not_opt_in(eigen_db: Database, vragenlijst: Vragenlijst) -> None:
    sessie = importeer(eigen_db, vragenlijst, _scan(vragenlijst, "Almere", dt.date(2026, 3, 1), afgerond=True))
    adviseur = _gebruiker({"GM0034": frozenset({"adviseur"})})
    with pytest.raises(InvoerFout, match="doet niet mee"):
        vergelijken.benchmark_voor(eigen_db, vragenlijst, adviseur, sessie.ronde.id, "grootteklasse")
    assert vergelijken.benchmark_van_ronde(eigen_db, vragenlijst, sessie.ronde.id, "grootteklasse") is None
    with pytest.raises(GeenToegang, match="beheerder"):
        beheerdienst.zet_benchmark_deelname(eigen_db, adviseur, "GM0034", True)


def test_opening_a_round_as_facilitator_finds_the_same_participant_again(
    eigen_db: Database, vragenlijst: Vragenlijst
) -> None:
    facilitator = Gebruiker(naam="Anna de Vries", email="anna@almere.nl", rollen={"GM0034": frozenset({"facilitator"})})
    sessie = start.start_ronde_als(
        eigen_db, vragenlijst, facilitator, gm_code="GM0034", facilitator="Anna de Vries", datum=dt.date(2026, 11, 22)
    )
    weer = start.open_als_facilitator(eigen_db, facilitator, sessie.ronde.id)
    assert weer.deelnemer.id == sessie.deelnemer.id
    collega = Gebruiker(naam="Anna de Vries", email="anna2@almere.nl", rollen={"GM0034": frozenset({"beheerder"})})
    tweede = start.open_als_facilitator(eigen_db, collega, sessie.ronde.id)
    assert tweede.is_facilitator and tweede.deelnemer.id != sessie.deelnemer.id
    assert "anna2@almere.nl" in tweede.deelnemer.naam  # same name, told apart by the address
    assert start.open_als_facilitator(eigen_db, collega, sessie.ronde.id).deelnemer.id == tweede.deelnemer.id


def test_the_handout_carries_the_benchmark_position_only_for_an_opted_in_gemeente(
    eigen_db: Database, vragenlijst: Vragenlijst
) -> None:
    import io

    from pypdf import PdfReader

    from scan.services import downloads

    def tekst(sessie: Sessie) -> str:
        pdf = downloads.bestand(eigen_db, vragenlijst, sessie, "handout")
        return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    beheer = Gebruiker(naam="Beheer", email=None, overal_beheerder=True)
    ids = []
    for i, naam in enumerate(FRIESLAND[:5]):
        s = importeer(eigen_db, vragenlijst, _scan(vragenlijst, naam, dt.date(2026, 3, 1), afgerond=True, seed=i))
        beheerdienst.zet_benchmark_deelname(eigen_db, beheer, s.ronde.gm_code, True)
        ids.append(s)
    buiten = importeer(eigen_db, vragenlijst, _scan(vragenlijst, FRIESLAND[5], dt.date(2026, 3, 1), afgerond=True))
    # Too few of its size class take part, so the province (5 gemeenten) is used.
    met = " ".join(tekst(ids[0]).split())
    assert "Vergelijking met andere gemeenten" in met and "provincie Fryslân" in met
    assert "Vergelijking met andere gemeenten" not in tekst(buiten)


@pytest.mark.parametrize("rol", ["facilitator", "adviseur", None])
def test_a_round_id_of_another_gemeente_is_refused_exactly_like_one_that_does_not_exist(
    eigen_db: Database, vragenlijst: Vragenlijst, wereld: dict[int, str], rol: Rol | None
) -> None:
    """Trying ``?ronde=1..N`` must not tell which ids exist or which gemeente owns them (issue 13,
    case 10): the refusal of someone else's round and of a missing one differ only in the id."""
    rollen: dict[str, frozenset[Rol]] = {"GM0014": frozenset({rol})} if rol else {}
    wie = _gebruiker(rollen)
    vreemd = next(i for i, gm in wereld.items() if gm == "GM0034")
    with eigen_db.lezen() as s:
        hoogste = s.scalar(select(func.max(RondeRij.id))) or 0
    afwezig = hoogste + 1000

    def _weigering(ronde_id: int, doe: str) -> str:
        with pytest.raises(GeenToegang) as refusal:
            _doe(doe, eigen_db, vragenlijst, wie, ronde_id, wereld.get(ronde_id, "GM0034"))
        return str(refusal.value).replace(str(ronde_id), "<id>")

    for doe in sorted(PER_RONDE_ID):
        assert _weigering(vreemd, doe) == _weigering(afwezig, doe), doe
        assert "Almere" not in _weigering(vreemd, doe)
