"""AppTest of "Voorbeeld bekijken" (issue 19, item 7): one click opens a fictional filled round,
one click (after a confirmation) removes it, and it never reaches a real comparison.

Who may: anyone on an installation without real rounds, only an installation beheerder once a real
round exists (``scan.services.voorbeeld.mag_voorbeeld``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select, text
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import (
    AntwoordRij,
    Base,
    BenchmarkDeelnameRij,
    ConsensusRij,
    DeelnemerRij,
    DoelRij,
    GemeenteRij,
    InstellingRij,
    RondeRij,
    RondeScoreRij,
)
from scan.db.verbinding import Database
from scan.demo.fictief import maak_demo
from scan.demo.voorbeeld import maak_voorbeeld
from scan.fouten import GeenToegang
from scan.gemeenten import alle_gemeenten
from scan.leesmodellen import Sessie
from scan.services import bespreken, start, vergelijken, voorbeeld, workshop
from scan.services.toegang import Gebruiker, lokale_gebruiker
from scan.ui import linkgeheim
from scan.ui.weergave import zichtbare_tekst
from scoring import tijd
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.smart import toets_doel
from tests.app.conftest import ken_toe
from tests.rondes import importeer

pytestmark = pytest.mark.apptest
BEHEER = "scan/ui/paginas/beheer.py"


def _tekst(at: AppTest) -> str:
    return zichtbare_tekst(" ".join(m.value for m in [*at.markdown, *at.caption, *at.info, *at.success, *at.warning]))


def _bekijk_knop(at: AppTest) -> Any | None:
    return next((b for b in at.button if b.key == "voorbeeld_bekijken"), None)


def _klik_bekijken(at: AppTest) -> AppTest:
    knop = _bekijk_knop(at)
    assert knop is not None, "Voorbeeld bekijken wordt niet aangeboden"
    knop.click()
    return at.run()


def _voorbeeldrondes(db: Database) -> list[int]:
    with db.lezen() as s:
        return list(s.scalars(select(RondeRij.id).where(RondeRij.gm_code == voorbeeld.VOORBEELD_GM)))


def _maak(db: Database, vl: Vragenlijst, bib: DoelenBibliotheek, wie: Gebruiker | None = None) -> Sessie:
    return voorbeeld.bekijk(db, vl, wie, maak=lambda: maak_voorbeeld(vl, bib, tijd.vandaag()))


def _echte_ronde(db: Database, vl: Vragenlijst, gm_code: str, seed: int) -> Sessie:
    gemeente = next(g for g in alle_gemeenten() if g.gm_code == gm_code)
    scan = maak_demo(vl, gemeente, 4, dt.date(2026, 3, 2), seed=seed)
    scan = scan.model_copy(
        update={"fictief": False, "scanronde": scan.scanronde.model_copy(update={"status": "afgerond"})}
    )
    return importeer(db, vl, scan)


def _rondesleutels(db: Database) -> int:
    """Per-round settings in ``instellingen`` (agenda and session length of Bespreken: ``agenda:<id>``)."""
    with db.lezen() as s:
        return int(
            s.scalar(select(func.count()).select_from(InstellingRij).where(InstellingRij.sleutel.like("%:%"))) or 0
        )


def _alle_rijen(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what must stay the same when the example goes."""
    with db.lezen() as s:
        return {
            t.name: sorted((tuple(map(str, r)) for r in s.execute(select(t)).all()), key=str)
            for t in Base.metadata.sorted_tables
        }


# --- offered, opened, reused -------------------------------------------------------------------


def test_voorbeeld__offered_on_an_empty_installation_to_anyone(open_app: Callable[..., AppTest]) -> None:
    at = open_app()
    assert not at.exception
    knop = _bekijk_knop(at)
    assert knop is not None and knop.proto.label == "Voorbeeld bekijken" and knop.proto.type == "primary"
    assert "Eerst rondkijken? Bekijk een voorbeeld" in [h.value for h in at.header]
    assert "Voorbeeldgemeente" in _tekst(at)
    assert not [b for b in at.button if b.key == "voorbeeld_verwijderen"]  # nothing to remove yet


def test_voorbeeld__one_click_makes_it_and_lands_on_resultaten_with_data(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    at = _klik_bekijken(open_app())
    assert not at.exception
    assert at.title[0].value == "Resultaten Voorbeeldgemeente"
    tekst = _tekst(at)
    assert "VOORBEELD – verzonnen gegevens" in tekst and "Doelen" in tekst and "Workshop" in tekst
    assert "PDF" in tekst
    assert "Voorbeeldgemeente scoort" in tekst  # the headline: there are scores
    labels = {p.proto.label for p in at.get("page_link")}
    assert {"Doelen bekijken", "Workshop bekijken", "Start (voorbeeld verwijderen)"} <= labels
    # The browser is the example's facilitator, through the personal-link mechanism.
    sessie = start.sessie_voor_token(app_db, at.session_state["token"])
    assert sessie is not None and sessie.is_facilitator and voorbeeld.is_voorbeeld(sessie.ronde)
    assert sessie.ronde.fictief and sessie.ronde.gemeente == "Voorbeeldgemeente"
    (ronde_id,) = _voorbeeldrondes(app_db)
    with app_db.lezen() as s:
        deelnemers = s.scalar(select(func.count()).where(DeelnemerRij.ronde_id == ronde_id))
        antwoorden = s.scalars(select(AntwoordRij.antwoord).where(AntwoordRij.ronde_id == ronde_id)).all()
        notities = s.scalar(
            select(func.count()).where(AntwoordRij.ronde_id == ronde_id, AntwoordRij.toelichting.is_not(None))
        )
        consensus = s.scalar(select(func.count()).where(ConsensusRij.ronde_id == ronde_id))
        doelen = s.scalar(select(func.count()).where(DoelRij.ronde_id == ronde_id))
        omschrijving = s.scalar(select(RondeRij.omschrijving).where(RondeRij.id == ronde_id))
    assert deelnemers == 8
    assert len({a for a in antwoorden if a and a.isdigit()}) >= 4  # spread over the levels
    assert notities and notities >= 10
    assert consensus and consensus >= 3
    assert doelen == 4
    assert omschrijving and omschrijving.startswith("VOORBEELD")


def test_voorbeeld__its_goals_pass_smart_and_it_holds_a_few_agreed_levels(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    from scoring.engine import bereken_scan

    vandaag = dt.date(2026, 12, 7)
    scan = maak_voorbeeld(vragenlijst, bibliotheek, vandaag)
    assert scan.fictief and scan.gemeente.gm_code == voorbeeld.VOORBEELD_GM
    assert len(scan.deelnemers) == 8 and len(scan.consensus) >= 3 and len(scan.doelen) == 4
    resultaat = bereken_scan(vragenlijst, scan)
    for doel in scan.doelen:
        uitslag = toets_doel(doel, bibliotheek, vandaag=vandaag, niveau=resultaat.bouwsteen(doel.bouwsteen).niveau)
        assert uitslag.geslaagd, (doel.id, [o.reden for o in uitslag.oordelen if not o.geslaagd])
    assert maak_voorbeeld(vragenlijst, bibliotheek, vandaag) == scan  # the same example every time


def test_voorbeeld__a_second_click_opens_the_same_one(open_app: Callable[..., AppTest], app_db: Database) -> None:
    eerste = _klik_bekijken(open_app())
    tweede_bezoeker = open_app()
    assert any(c.value == "Het voorbeeld staat al klaar; de knop opent het." for c in tweede_bezoeker.caption)
    tweede = _klik_bekijken(tweede_bezoeker)
    assert not tweede.exception
    assert tweede.title[0].value == "Resultaten Voorbeeldgemeente"
    assert len(_voorbeeldrondes(app_db)) == 1
    assert tweede.session_state["token"] == eerste.session_state["token"]


def test_voorbeeld__two_makers_at_once_make_one(
    app_db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    a = _maak(app_db, vragenlijst, bibliotheek)
    b = _maak(app_db, vragenlijst, bibliotheek, lokale_gebruiker())
    assert a.ronde.id == b.ronde.id and a.deelnemer.token == b.deelnemer.token
    assert len(_voorbeeldrondes(app_db)) == 1


# --- removal -----------------------------------------------------------------------------------


def test_voorbeeld__removal_asks_first_then_removes_everything_of_it_and_nothing_else(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    beheer_geheim: str,
) -> None:
    echt = _echte_ronde(app_db, vragenlijst, "GM0344", seed=3)
    with app_db.schrijven() as s:
        s.add(BenchmarkDeelnameRij(gm_code="GM0344", door="test"))
    voor = _alle_rijen(app_db)
    # The installation beheerder opens it, sets an agenda and a session length (per-round settings),
    # closes it and removes it.
    at = open_app(beheer=beheer_geheim)
    at = _klik_bekijken(at)
    sessie = start.sessie_voor_token(app_db, at.session_state["token"])
    assert sessie is not None
    bespreken.stel_agenda_in(app_db, sessie, minuten_per_punt=4, budget=60)
    bespreken.stel_sessieduur_in(app_db, sessie, 90)
    assert _rondesleutels(app_db) == 2
    workshop.rond_af(app_db, vragenlijst, sessie)  # a closed example also has stored key figures
    at.switch_page("scan/ui/paginas/start.py")
    at.run()
    assert any(h.value == "U bekijkt het voorbeeld" for h in at.header)
    knop = at.button(key="voorbeeld_verwijderen")
    assert knop.proto.disabled  # not without the confirmation
    at.checkbox(key="voorbeeld_zeker").check()
    at.run()
    at.button(key="voorbeeld_verwijderen").click()
    at.run()
    assert not at.exception
    assert "Het voorbeeld is verwijderd." in [s.value for s in at.success]
    assert not at.warning  # no "unknown link" for the browser that was looking at it
    assert _voorbeeldrondes(app_db) == []
    assert _rondesleutels(app_db) == 0
    with app_db.lezen() as s:
        assert s.get(GemeenteRij, voorbeeld.VOORBEELD_GM) is None
    na = _alle_rijen(app_db)
    na.pop("logboek"), voor.pop("logboek")  # append-only: the example's lines stay, as for any deleted round
    na.pop("instellingen"), voor.pop("instellingen")  # the beheer secret's row is touched by the visit
    assert na == voor  # the real round, its participants, answers, scores and opt-in untouched
    assert start.sessie_voor_token(app_db, echt.deelnemer.token) is not None
    # Offered again, and a second removal finds nothing.
    assert _bekijk_knop(at) is not None
    assert voorbeeld.verwijder(app_db, lokale_gebruiker()) == 0


def test_voorbeeld__removal_from_beheer(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    beheer_geheim: str,
) -> None:
    _maak(app_db, vragenlijst, bibliotheek)
    _echte_ronde(app_db, vragenlijst, "GM0344", seed=4)
    at = open_app(BEHEER, beheer=beheer_geheim)
    assert not at.exception
    assert "Voorbeeld verwijderen" in [e.label for e in at.expander]
    at.checkbox(key="voorbeeld_zeker").check()
    at.run()
    at.button(key="voorbeeld_verwijderen").click()
    at.run()
    assert not at.exception
    assert "Het voorbeeld is verwijderd." in [s.value for s in at.success]
    assert _voorbeeldrondes(app_db) == []
    # Beheer never offers the Voorbeeldgemeente itself (no roles, no benchmark opt-in there).
    assert voorbeeld.VOORBEELD_GM not in at.selectbox(key="beheer_gemeente").options


def test_voorbeeld__a_browser_that_was_in_it_is_not_told_its_link_is_unknown_on_every_click(
    open_app: Callable[..., AppTest], app_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session keeps the cookie it started with (``st.context.cookies``): after the example went,
    its token is tried once, not again on every rerun (nor counted as a guess each time)."""
    at = _klik_bekijken(open_app())
    token = at.session_state["token"]
    monkeypatch.setattr(linkgeheim, "token_uit_cookie", lambda: token)
    at.switch_page("scan/ui/paginas/start.py")
    at.run()
    at.checkbox(key="voorbeeld_zeker").check()
    at.run()
    at.button(key="voorbeeld_verwijderen").click()
    at.run()
    assert "Het voorbeeld is verwijderd." in [s.value for s in at.success]
    for _ in range(3):
        at.run()
        assert not at.exception
        assert not at.warning, [w.value for w in at.warning]
    assert _bekijk_knop(at) is not None


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "echte_rondes", "mag"),
    [
        (None, False, True),
        (None, True, False),
        (lokale_gebruiker(), True, True),
        (Gebruiker(naam="B", email="b@x.nl", overal_beheerder=True), True, True),
        (Gebruiker(naam="G", email="g@x.nl", rollen={"GM0344": frozenset({"beheerder"})}), True, False),
        (Gebruiker(naam="G", email="g@x.nl", rollen={"GM0344": frozenset({"beheerder"})}), False, True),
    ],
)
def test_voorbeeld__who_may(wie: Gebruiker | None, echte_rondes: bool, mag: bool) -> None:
    assert voorbeeld.mag_voorbeeld(wie, echte_rondes=echte_rondes) is mag


def test_voorbeeld__not_offered_to_a_non_beheerder_once_real_rounds_exist(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    ronde: Sessie,
    als: Callable[..., None],
    beheer_geheim: str,
) -> None:
    _maak(app_db, vragenlijst, bibliotheek, lokale_gebruiker())  # made earlier by the beheerder
    aantal = len(_voorbeeldrondes(app_db))
    at = open_app()  # a participant's browser, single-machine mode
    assert not at.exception
    assert _bekijk_knop(at) is None and "Voorbeeldgemeente" not in _tekst(at)
    assert not [b for b in at.button if b.key == "voorbeeld_verwijderen"]
    ken_toe(app_db, "baas@utrecht.nl", "GM0344", "beheerder")  # a beheerder of one gemeente only
    als("baas@utrecht.nl", "Baas")
    at = open_app()
    assert _bekijk_knop(at) is None
    # Nor through the service.
    with pytest.raises(GeenToegang, match="alleen een beheerder van deze installatie"):
        _maak(app_db, vragenlijst, bibliotheek)
    with pytest.raises(GeenToegang):
        voorbeeld.verwijder(app_db, None)
    assert len(_voorbeeldrondes(app_db)) == aantal
    # The installation's beheerder still has it, below the tabs, not as the first thing.
    als(modus="enkel", lokaal=True)
    at = open_app()
    knop = _bekijk_knop(at)
    assert knop is not None and knop.proto.type == "secondary"


def test_voorbeeld__not_offered_above_the_join_form_of_a_qr_link(
    open_app: Callable[..., AppTest], ronde: Sessie, beheer_geheim: str
) -> None:
    at = open_app(code=ronde.ronde.code, beheer=beheer_geheim)
    assert not at.exception
    koppen = [h.value for h in at.header]
    assert "Eerst rondkijken? Bekijk een voorbeeld" in koppen  # for the beheerder, at the end
    assert at.text_input[0].value == ronde.ronde.code_leesbaar


# --- never in a real comparison ------------------------------------------------------------------


def test_voorbeeld__never_in_the_benchmark_of_real_gemeenten_nor_in_a_list_to_choose_from(
    app_db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    # Five real gemeenten of the example's size class, opted in, each with a closed round.
    klasse = [g.gm_code for g in alle_gemeenten() if g.grootteklasse == "25.000-50.000"][:5]
    echte = [_echte_ronde(app_db, vragenlijst, gm, seed=i) for i, gm in enumerate(klasse)]
    sessie = _maak(app_db, vragenlijst, bibliotheek, lokale_gebruiker())
    workshop.rond_af(app_db, vragenlijst, sessie)  # closed, with stored key figures
    with app_db.schrijven() as s:
        s.add_all(BenchmarkDeelnameRij(gm_code=gm, door="test") for gm in klasse)
        # Even opted in by hand (no page offers it), the example stays out of the real group.
        s.add(BenchmarkDeelnameRij(gm_code=voorbeeld.VOORBEELD_GM, door="test"))
        assert s.scalar(select(func.count()).where(RondeScoreRij.ronde_id == sessie.ronde.id)) == 1
    bm = vergelijken.benchmark_van_ronde(app_db, vragenlijst, echte[0].ronde.id, "grootteklasse")
    assert bm is not None and bm.gemeenten == 5
    # Its own position is among fictional rounds only: here none, so too few to say anything.
    eigen = vergelijken.benchmark_van_ronde(app_db, vragenlijst, sessie.ronde.id, "grootteklasse")
    assert eigen is not None and eigen.gemeenten == 1 and not eigen.voldoende
    # No list to start a round in, grant a role in, or opt in offers the Voorbeeldgemeente.
    assert voorbeeld.VOORBEELD_GM not in {g.gm_code for g in start.gemeenten(app_db)}
    with app_db.lezen() as s:
        assert s.scalar(text("SELECT count(*) FROM gemeenten WHERE gm_code = :c"), {"c": voorbeeld.VOORBEELD_GM}) == 1
