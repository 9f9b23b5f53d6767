"""AppTest of edits that vanish (issue 13, case 6): a save that someone else beat shows both
versions, keeps what the user typed, overwrites nothing, and lets the user choose.

Doelen (PDCA phase and note, the reported case; goal content), Workshop consensus, the agreed
ambition and a participant's rename. Names and notes of the other person are hostile text from
the catalogue (``tests/vijandig.py``): they must reach the screen as literal text only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import delete, select
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import RolRij
from scan.db.verbinding import Database
from scan.leesmodellen import DoelInfo, Sessie
from scan.services import doelen as doelservice
from scan.services import invullen, start, werkgroep, workshop
from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from tests.app.conftest import ken_toe
from tests.vijandig import MARKUP

pytestmark = pytest.mark.apptest
DOELEN = "scan/ui/paginas/doelen.py"
WORKSHOP = "scan/ui/paginas/workshop.py"
# The other facilitator's name: Markdown that would become an image and bold text if interpreted.
NAAM = "Gijs ![](http://127.0.0.9:9/t.png) **vet**"
NOTITIE = next(p.tekst for p in MARKUP if p.naam == "md_link")


def _teksten(at: AppTest) -> list[str]:
    """Everything shown through ``st.text`` (never interpreted as Markdown)."""
    return [x.value for x in at.text]


def _markdown(at: AppTest) -> str:
    return " ".join(m.value for m in at.markdown) + " ".join(w.value for w in at.warning)


@pytest.fixture
def vast_doel(
    app_db: Database, vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek, ronde: Sessie
) -> tuple[Sessie, Sessie, DoelInfo]:
    """Fatima's round with one accepted goal, and Gijs, a second facilitator (hostile name)."""
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    for _, s in vragenlijst.stellingen():
        invullen.sla_antwoord_op(app_db, vragenlijst, karel, s.id, "2")
    gijs = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=NAAM, rol="facilitator")
    voorstel = doelservice.suggesties(app_db, vragenlijst, bibliotheek, ronde, vandaag=dt.date.today())[0]
    streef = 30.0 if voorstel.doel.richting == "lager" else 55.0
    doel = voorstel.doel.model_copy(update={"nulmeting": 40.0, "streefwaarde": streef, "draagvlak": "MT"})
    info = doelservice.bewaar(app_db, vragenlijst, ronde, doel, besluit="geaccepteerd", verwachte_versie=None)
    return ronde, gijs, info


def test_doelen__pdca_saved_after_someone_else__shows_both_versions_keeps_the_input_and_overwrites_nothing(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    v = info.versie
    # Gijs moves the goal on while Fatima's page is open at version v.
    na_gijs = doelservice.zet_status(app_db, vragenlijst, gijs, info, "do", NOTITIE)
    at.selectbox(key=f"status_{info.sleutel}_{v}").set_value("check")
    at.text_input(key=f"pnot_{info.sleutel}_{v}").input("Gemeten in maart")
    at.button(key=f"pdca_knop_{info.sleutel}_{v}").click().run()
    assert not at.exception, at.exception

    # Nothing overwritten: Gijs's phase and note, under Gijs's name.
    assert doelservice.doelen(app_db, fatima)[info.sleutel] == na_gijs
    # Both versions on screen, the other person's name and note as literal text.
    teksten = _teksten(at)
    assert "Gemeten in maart" in teksten and NOTITIE in teksten
    assert "Check (meten)" in teksten and "Do (uitvoeren)" in teksten
    assert any(NAAM in x for x in teksten)
    assert NAAM not in _markdown(at) and "127.0.0.9" not in _markdown(at)
    assert any("iemand anders heeft dit doel gewijzigd" in w.value for w in at.warning)
    # The typed input stays in the form.
    assert at.selectbox(key=f"status_{info.sleutel}_{v}").value == "check"
    assert at.text_input(key=f"pnot_{info.sleutel}_{v}").value == "Gemeten in maart"

    # Keeping one's own version: saved explicitly over Gijs's, under Fatima's name.
    at.button(key=f"conflict_mijn_{info.sleutel}").click().run()
    assert not at.exception, at.exception
    nu = doelservice.doelen(app_db, fatima)[info.sleutel]
    assert (nu.doel.status, nu.doel.notities, nu.gewijzigd_door, nu.versie) == (
        "check",
        "Gemeten in maart",
        "Fatima",
        na_gijs.versie + 1,
    )
    assert not [w for w in at.warning if "iemand anders" in w.value]
    assert at.selectbox(key=f"status_{info.sleutel}_{nu.versie}").value == "check"


def test_doelen__keeping_mine__reapplies_only_what_i_changed_on_top_of_the_new_version(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    # Gijs writes a note; Fatima, on the older version, only moves the phase. Keeping hers must not
    # put back the old note she never touched.
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    doelservice.zet_status(app_db, vragenlijst, gijs, info, info.doel.status, "Notitie van Gijs")
    at.selectbox(key=f"status_{info.sleutel}_{info.versie}").set_value("do")
    at.button(key=f"pdca_knop_{info.sleutel}_{info.versie}").click().run()
    teksten = _teksten(at)
    assert "Do (uitvoeren)" in teksten and "Notitie van Gijs" not in teksten  # only the phase differs
    at.button(key=f"conflict_mijn_{info.sleutel}").click().run()
    assert not at.exception, at.exception
    nu = doelservice.doelen(app_db, fatima)[info.sleutel]
    assert (nu.doel.status, nu.doel.notities, nu.gewijzigd_door) == ("do", "Notitie van Gijs", "Fatima")


def test_doelen__taking_the_stored_version__loads_it_into_the_form(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    na_gijs = doelservice.zet_status(app_db, vragenlijst, gijs, info, "act", "Van Gijs")
    at.selectbox(key=f"status_{info.sleutel}_{info.versie}").set_value("check")
    at.button(key=f"pdca_knop_{info.sleutel}_{info.versie}").click().run()
    at.button(key=f"conflict_opgeslagen_{info.sleutel}").click().run()
    assert not at.exception, at.exception
    assert doelservice.doelen(app_db, fatima)[info.sleutel] == na_gijs
    assert at.selectbox(key=f"status_{info.sleutel}_{na_gijs.versie}").value == "act"
    assert at.text_input(key=f"pnot_{info.sleutel}_{na_gijs.versie}").value == "Van Gijs"
    assert not [w for w in at.warning if "iemand anders" in w.value]


def test_doelen__a_page_that_reruns_after_someone_saved__says_the_form_is_older_and_can_load_the_new(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    na_gijs = doelservice.zet_status(app_db, vragenlijst, gijs, info, "do", "Van Gijs")
    at.run()  # any rerun (another click) reads the new version; the form stays at the one it was loaded from
    assert any("toont nog de versie die u opende" in i.value for i in at.info)
    assert at.text_input(key=f"pnot_{info.sleutel}_{info.versie}").value == info.doel.notities or ""
    at.button(key=f"laad_{info.sleutel}_{na_gijs.versie}").click().run()
    assert at.text_input(key=f"pnot_{info.sleutel}_{na_gijs.versie}").value == "Van Gijs"
    assert not any("toont nog de versie die u opende" in i.value for i in at.info)


def test_doelen__editing_a_goal_someone_else_changed__shows_both_titles_and_keeps_the_typed_fields(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    k = f"{info.sleutel}_{info.versie}"
    van_gijs = info.doel.model_copy(update={"titel": "Titel van Gijs", "eigenaar": "Teamleider KCC"})
    doelservice.bewaar(app_db, vragenlijst, gijs, van_gijs, besluit="geaccepteerd", verwachte_versie=info.versie)
    at.text_input(key=f"titel_{k}").input("Titel van Fatima")
    at.text_input(key=f"eig_{k}").input("Manager Dienstverlening")
    at.button(key=f"opslaan_{k}").click().run()
    assert not at.exception, at.exception
    opgeslagen = doelservice.doelen(app_db, fatima)[info.sleutel]
    assert (opgeslagen.doel.titel, opgeslagen.gewijzigd_door) == ("Titel van Gijs", NAAM)
    assert not at.error, [e.value for e in at.error]
    teksten = _teksten(at)
    assert {"Titel van Fatima", "Titel van Gijs", "Manager Dienstverlening", "Teamleider KCC"} <= set(teksten)
    assert at.text_input(key=f"titel_{k}").value == "Titel van Fatima"
    assert at.text_input(key=f"eig_{k}").value == "Manager Dienstverlening"
    at.button(key=f"conflict_mijn_{info.sleutel}").click().run()
    assert not at.exception, at.exception
    nu = doelservice.doelen(app_db, fatima)[info.sleutel]
    assert (nu.doel.titel, nu.doel.eigenaar, nu.gewijzigd_door) == (
        "Titel van Fatima",
        "Manager Dienstverlening",
        "Fatima",
    )


def test_doelen__withdrawing_a_goal_deleted_meanwhile__says_so_and_offers_no_overwrite(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    doelservice.verwijder(app_db, gijs, info)
    at.button(key=f"intrek_{info.sleutel}_{info.versie}").click().run()
    assert not at.exception, at.exception
    assert doelservice.doelen(app_db, fatima) == {}
    assert any("verwijderd nadat u het opende" in w.value for w in at.warning)
    assert not [b for b in at.button if b.key == f"conflict_mijn_{info.sleutel}"]
    at.button(key=f"conflict_opgeslagen_{info.sleutel}").click().run()
    assert not [w for w in at.warning if "nadat u het opende" in w.value]


# --- workshop: consensus, agreed ambition, participants ---------------------------------------------


@pytest.fixture
def twee_facilitators(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> tuple[Sessie, Sessie]:
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    for _, s in vragenlijst.stellingen():
        invullen.sla_antwoord_op(app_db, vragenlijst, karel, s.id, "2")
    gijs = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=NAAM, rol="facilitator")
    return ronde, gijs


def test_workshop__consensus_set_by_someone_else_meanwhile__both_versions_and_the_choice_stays(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    twee_facilitators: tuple[Sessie, Sessie],
) -> None:
    fatima, gijs = twee_facilitators
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    at = open_app(WORKSHOP, d=fatima.deelnemer.token)
    workshop.stel_consensus_vast(
        app_db, vragenlijst, gijs, stelling=stelling, niveau=2, toelichting=NOTITIE, verwachte_versie=None
    )
    at.radio(key=f"bs_cn_{stelling}").set_value(4)
    at.text_input(key=f"bs_co_{stelling}").input("Wij zien meer")
    next(b for b in at.button if b.form_id == f"bs_c_{stelling}").click().run()
    assert not at.exception, at.exception
    opgeslagen = workshop.consensus(app_db, fatima)[stelling]
    assert (opgeslagen.niveau, opgeslagen.toelichting, opgeslagen.vastgesteld_door) == (2, NOTITIE, NAAM)
    teksten = _teksten(at)
    assert {"Wij zien meer", NOTITIE} <= set(teksten)
    assert any(x.startswith("4 · ") for x in teksten) and any(x.startswith("2 · ") for x in teksten)
    assert any(NAAM in x for x in teksten)
    assert "127.0.0.9" not in _markdown(at)
    assert at.radio(key=f"bs_cn_{stelling}").value == 4
    assert at.text_input(key=f"bs_co_{stelling}").value == "Wij zien meer"
    at.button(key=f"bs_conflict_mijn_{stelling}").click().run()
    assert not at.exception, at.exception
    nu = workshop.consensus(app_db, fatima)[stelling]
    assert (nu.niveau, nu.toelichting, nu.vastgesteld_door) == (4, "Wij zien meer", "Fatima")


def test_workshop__consensus_conflict__taking_the_stored_version_fills_the_form_with_it(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    twee_facilitators: tuple[Sessie, Sessie],
) -> None:
    fatima, gijs = twee_facilitators
    stelling = vragenlijst.bouwstenen[0].stellingen[0].id
    at = open_app(WORKSHOP, d=fatima.deelnemer.token)
    workshop.stel_consensus_vast(
        app_db, vragenlijst, gijs, stelling=stelling, niveau=2, toelichting="Van Gijs", verwachte_versie=None
    )
    at.radio(key=f"bs_cn_{stelling}").set_value(4)
    next(b for b in at.button if b.form_id == f"bs_c_{stelling}").click().run()
    at.button(key=f"bs_conflict_opgeslagen_{stelling}").click().run()
    assert not at.exception, at.exception
    assert at.radio(key=f"bs_cn_{stelling}").value == 2
    assert at.text_input(key=f"bs_co_{stelling}").value == "Van Gijs"
    assert workshop.consensus(app_db, fatima)[stelling].vastgesteld_door == NAAM
    # The next save is against the version now shown: it lands.
    at.radio(key=f"bs_cn_{stelling}").set_value(3)
    next(b for b in at.button if b.form_id == f"bs_c_{stelling}").click().run()
    assert workshop.consensus(app_db, fatima)[stelling].niveau == 3


def _open_tab(at: AppTest, label: str) -> None:
    assert any(tab.label == label for tab in at.tabs)


def test_workshop__agreed_ambition_changed_meanwhile__both_versions_and_keep_mine(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    twee_facilitators: tuple[Sessie, Sessie],
) -> None:
    fatima, gijs = twee_facilitators
    b1 = vragenlijst.bouwstenen[0].id
    at = open_app(WORKSHOP, d=fatima.deelnemer.token)
    werkgroep.stel_ambitie_vast(app_db, vragenlijst, gijs, b1, 2, NOTITIE, verwachte_versie=None)
    at.radio(key=f"werkgroep_amb_n_{b1}").set_value(4)
    at.text_input(key=f"werkgroep_amb_t_{b1}").input("Ambitieus")
    next(b for b in at.button if b.label == "Ambitie vastleggen").click().run()
    assert not at.exception, at.exception
    stand = werkgroep.ambities(app_db, vragenlijst, fatima)[b1]
    assert (stand.vastgesteld, stand.toelichting) == (2, NOTITIE)
    teksten = _teksten(at)
    assert {"Ambitieus", NOTITIE} <= set(teksten)
    assert any(x.startswith("4 · ") for x in teksten) and any(x.startswith("2 · ") for x in teksten)
    assert any(x.startswith("gewijzigd door " + NAAM) for x in teksten)
    assert at.radio(key=f"werkgroep_amb_n_{b1}").value == 4
    at.button(key=f"werkgroep_amb_mijn_{b1}").click().run()
    assert not at.exception, at.exception
    stand = werkgroep.ambities(app_db, vragenlijst, fatima)[b1]
    assert (stand.vastgesteld, stand.toelichting) == (4, "Ambitieus")
    assert stand.afspraak is not None and stand.afspraak.gewijzigd_door == "Fatima"


def test_workshop__rename_after_someone_else_renamed__shows_both_names_and_keeps_the_typed_one(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    twee_facilitators: tuple[Sessie, Sessie],
) -> None:
    fatima, gijs = twee_facilitators
    karel = next(r for r in workshop.voortgang(app_db, fatima) if r.naam == "Karel")
    at = open_app(WORKSHOP, d=fatima.deelnemer.token)
    kies = next(s for s in at.selectbox if s.key and s.key.startswith("werkgroep_wie_"))
    kies.set_value(karel.deelnemer_id).run()
    werkgroep.hernoem_deelnemer(app_db, gijs, karel.deelnemer_id, "Karel (KCC)", verwachte_versie=karel.versie)
    at.text_input(key=f"werkgroep_naam_{karel.deelnemer_id}").input("Karel de Vries")
    next(b for b in at.button if b.label == "Naam opslaan").click().run()
    assert not at.exception, at.exception
    assert [r.naam for r in workshop.voortgang(app_db, fatima) if r.deelnemer_id == karel.deelnemer_id] == [
        "Karel (KCC)"
    ]
    assert {"Karel de Vries", "Karel (KCC)"} <= set(_teksten(at))
    assert at.text_input(key=f"werkgroep_naam_{karel.deelnemer_id}").value == "Karel de Vries"
    at.button(key=f"werkgroep_naam_mijn_{karel.deelnemer_id}").click().run()
    assert not at.exception, at.exception
    assert [r.naam for r in workshop.voortgang(app_db, fatima) if r.deelnemer_id == karel.deelnemer_id] == [
        "Karel de Vries"
    ]


def test_workshop__removing_someone_renamed_meanwhile__removes_nobody_and_asks_to_confirm_again(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    twee_facilitators: tuple[Sessie, Sessie],
) -> None:
    fatima, gijs = twee_facilitators
    karel = next(r for r in workshop.voortgang(app_db, fatima) if r.naam == "Karel")
    at = open_app(WORKSHOP, d=fatima.deelnemer.token)
    next(s for s in at.selectbox if s.key and s.key.startswith("werkgroep_wie_")).set_value(karel.deelnemer_id).run()
    at.checkbox(key=f"werkgroep_zeker_{karel.deelnemer_id}").check().run()
    werkgroep.hernoem_deelnemer(app_db, gijs, karel.deelnemer_id, NOTITIE, verwachte_versie=karel.versie)
    at.button(key=f"werkgroep_weg_{karel.deelnemer_id}").click().run()
    assert not at.exception, at.exception
    assert [r.naam for r in workshop.voortgang(app_db, fatima) if r.deelnemer_id == karel.deelnemer_id] == [NOTITIE]
    assert any("Niet verwijderd" in w.value for w in at.warning)
    assert {"Karel", NOTITIE} <= set(_teksten(at))
    assert "phish.example" not in _markdown(at)
    assert at.checkbox(key=f"werkgroep_zeker_{karel.deelnemer_id}").value is False
    assert not [b for b in at.button if b.key == f"werkgroep_naam_mijn_{karel.deelnemer_id}"]


# --- beheer: roles --------------------------------------------------------------------------------


def test_beheer__revoking_a_role_revoked_and_granted_again_meanwhile__revokes_nothing_and_says_so(
    open_app: Callable[..., AppTest], app_db: Database, als: Callable[..., None]
) -> None:
    ken_toe(app_db, "baas@almere.nl", "GM0034", "beheerder")
    ken_toe(app_db, "adviseur@bureau.nl", "GM0034", "adviseur")
    als("baas@almere.nl", "Baas")
    at = open_app("scan/ui/paginas/beheer.py")
    with app_db.lezen() as s:
        gezien = s.scalar(select(RolRij.id).where(RolRij.email == "adviseur@bureau.nl"))
    # Another beheerder revokes and grants it again (SQLite may even reuse the id).
    with app_db.schrijven() as s:
        s.execute(delete(RolRij).where(RolRij.id == gezien))
    ken_toe(app_db, "adviseur@bureau.nl", "GM0034", "adviseur")
    at.button(key=f"intrekken_{gezien}").click().run()
    assert not at.exception, at.exception
    assert any("al ingetrokken" in e.value for e in at.error)
    with app_db.lezen() as s:
        assert s.scalar(select(RolRij.rol).where(RolRij.email == "adviseur@bureau.nl")) == "adviseur"


def test_doelen__a_participant_proposing_what_was_proposed_meanwhile__sees_both_and_overwrites_nothing(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    ronde: Sessie,
) -> None:
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    for _, s in vragenlijst.stellingen():
        invullen.sla_antwoord_op(app_db, vragenlijst, karel, s.id, "2")
    anna = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    at = open_app(DOELEN, d=karel.deelnemer.token)
    sleutel = next(b.form_id for b in at.button if b.label == "Voorstellen aan de facilitator").removeprefix("f_")
    voorstel = next(
        v
        for v in doelservice.suggesties(app_db, vragenlijst, bibliotheek, ronde, vandaag=dt.date.today())
        if v.sjabloon == sleutel
    )
    doelservice.stel_doel_voor(app_db, vragenlijst, anna, voorstel.doel.model_copy(update={"titel": "Versie van Anna"}))
    at.text_input(key=f"titel_{sleutel}_n").input("Versie van Karel")
    at.button(key=f"voorstellen_{sleutel}_n").click().run()
    assert not at.exception, at.exception
    opgeslagen = doelservice.doelen(app_db, ronde)[sleutel]
    assert (opgeslagen.doel.titel, opgeslagen.gewijzigd_door) == ("Versie van Anna", "Anna")
    assert any("Niet voorgesteld" in w.value for w in at.warning), [w.value for w in at.warning] + [
        e.value for e in at.error
    ]
    assert {"Versie van Karel", "Versie van Anna"} <= set(_teksten(at))
    assert not [b for b in at.button if b.key == f"conflict_mijn_{sleutel}"]  # a participant does not overwrite


def test_doelen__pdca_of_a_goal_withdrawn_meanwhile__is_a_conflict_not_a_lost_click(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    # The PDCA form is not drawn again after the withdrawal; the click still arrives (a callback).
    fatima, gijs, info = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    ingetrokken = doelservice.trek_in(app_db, gijs, info)
    at.selectbox(key=f"status_{info.sleutel}_{info.versie}").set_value("do")
    at.button(key=f"pdca_knop_{info.sleutel}_{info.versie}").click().run()
    assert not at.exception, at.exception
    assert doelservice.doelen(app_db, fatima)[info.sleutel] == ingetrokken
    assert any("iemand anders heeft dit doel gewijzigd" in w.value for w in at.warning)
    teksten = _teksten(at)
    assert {"vastgesteld", "voorgesteld", "Do (uitvoeren)"} <= set(teksten)


def test_doelen__accepting_a_suggestion_someone_else_accepted_meanwhile__is_a_conflict_with_both(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    vast_doel: tuple[Sessie, Sessie, DoelInfo],
) -> None:
    fatima, gijs, _ = vast_doel
    at = open_app(DOELEN, d=fatima.deelnemer.token)
    voorstel = doelservice.suggesties(app_db, vragenlijst, bibliotheek, fatima, vandaag=dt.date.today())[0]
    sleutel = voorstel.sjabloon
    streef = 30.0 if voorstel.doel.richting == "lager" else 55.0
    klaar = voorstel.doel.model_copy(update={"nulmeting": 40.0, "streefwaarde": streef, "draagvlak": "MT"})
    doelservice.bewaar(
        app_db,
        vragenlijst,
        gijs,
        klaar.model_copy(update={"eigenaar": "Gijs zijn eigenaar"}),
        besluit="geaccepteerd",
        verwachte_versie=None,
    )
    at.text_input(key=f"nul_{sleutel}_n").input("40")
    at.text_input(key=f"streef_{sleutel}_n").input(str(int(streef)))
    at.text_input(key=f"draag_{sleutel}_n").input("MT")
    at.text_input(key=f"eig_{sleutel}_n").input("Fatima haar eigenaar")
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    assert not at.exception, at.exception
    assert doelservice.doelen(app_db, fatima)[sleutel].doel.eigenaar == "Gijs zijn eigenaar"
    assert {"Fatima haar eigenaar", "Gijs zijn eigenaar"} <= set(_teksten(at))
    at.button(key=f"conflict_mijn_{sleutel}").click().run()
    assert doelservice.doelen(app_db, fatima)[sleutel].doel.eigenaar == "Fatima haar eigenaar"
