"""AppTest of Doelen: suggestions with why and SMART letters; accept only when SMART; own goals; PDCA;
only the facilitator decides, participants propose; a stable list; "nulmeting volgt"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import doelen as doelservice
from scan.services import invullen, start, workshop
from scan.ui.weergave import zichtbare_tekst
from scoring.doelen import DoelenBibliotheek, controleer_doelen
from scoring.loader import laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.suggesties import plus_maanden
from tests.rondes import start_ronde

pytestmark = pytest.mark.apptest
DOELEN = "scan/ui/paginas/doelen.py"
BESLISKNOPPEN = {"Accepteren", "Afwijzen", "Opslaan", "Bijwerken", "Intrekken", "Verwijderen", "Ja, verwijderen"}
BESLISKNOPPEN |= {"Afwijzing ongedaan maken"}


def _vul_in(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, laag: set[str]) -> Sessie:
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    for b, s in vragenlijst.stellingen():
        invullen.sla_antwoord_op(app_db, vragenlijst, karel, s.id, "1" if b.id in laag else "3")
    return karel


@pytest.fixture
def gescoorde_ronde(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    _vul_in(app_db, vragenlijst, ronde, {"kanaalregie"})
    return ronde


def _suggesties(at: AppTest) -> list[str]:
    """The keys of the scan's suggestions, in the order the page shows them."""
    return [
        b.form_id.removeprefix("f_")
        for b in at.button
        if b.label == "Accepteren" and b.form_id.startswith("f_") and not b.form_id.startswith("f_eigen_")
    ]


def _richting(sleutel: str) -> str:
    """The indicator direction of the template ``sleutel`` names, "hoger" for an own goal."""
    bibliotheek, _ = controleer_doelen(laad_vragenlijst())
    assert bibliotheek is not None
    alle = {s.id: s for sjablonen in bibliotheek.per_bouwsteen.values() for s in sjablonen}
    return alle[sleutel].indicator.richting if sleutel in alle else "hoger"


def _maak_smart(at: AppTest, sleutel: str, versie: int | None = None) -> None:
    k = f"{sleutel}_{versie if versie is not None else 'n'}"
    at.text_input(key=f"nul_{k}").input("40")
    # A Dutch decimal comma; above the baseline where higher is better, below it where lower is.
    at.text_input(key=f"streef_{k}").input("24,5" if _richting(sleutel) == "lager" else "55,5")
    at.text_input(key=f"draag_{k}").input("MT en wethouder dienstverlening")


def _knoppen(at: AppTest) -> set[str]:
    return {b.label for b in at.button}


def test_doelen__suggestions_show_why_and_five_smart_letters(
    open_app: Callable[..., AppTest], gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    assert not at.exception
    assert at.title[0].value == "Verbeterdoelen Utrecht"
    assert [tab.label for tab in at.tabs] == ["Voorstellen", "Vastgestelde doelen", "Eigen doel"]
    assert "5 voorstellen van de scan" in " ".join(c.value for c in at.caption)
    tekst = " ".join(m.value for m in at.markdown)
    assert "Utrecht staat op niveau 1,0: dit is de stap van niveau 1 naar 2" in tekst.replace("\\", "")
    assert tekst.count("**S** · Specifiek") >= 5
    # The intro speaks of what is shown (a tick, "voldoen"), not of a colour the page does not use,
    # and each letter says in words whether it passes (not by an icon's English name).
    assert "groen" not in tekst
    assert "voldoen" in tekst and "material/" not in tekst
    assert tekst.count("Specifiek: voldoet") + tekst.count("Specifiek: voldoet nog niet") >= 5


def test_doelen__accepting_without_baseline_is_refused_with_the_missing_letters(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    knop = next(b for b in at.button if b.label == "Accepteren")
    knop.click().run()
    assert not at.exception
    fout = at.error[0].value
    assert "Nog niet SMART" in fout and "**M**" in fout and "**A**" in fout
    assert doelservice.doelen(app_db, gescoorde_ronde) == {}


def test_doelen__filled_in_suggestion__is_accepted_and_gets_a_pdca_state(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    sleutel = _suggesties(at)[0]
    _maak_smart(at, sleutel)
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    assert not at.exception, at.exception
    opgeslagen = doelservice.doelen(app_db, gescoorde_ronde)
    assert opgeslagen[sleutel].besluit == "geaccepteerd"
    assert (opgeslagen[sleutel].doel.nulmeting, opgeslagen[sleutel].doel.streefwaarde) == (40.0, 55.5)
    assert "**streefwaarde** 55,5" in " ".join(m.value for m in at.markdown)
    assert "1 vastgesteld" in " ".join(c.value for c in at.caption)
    versie = opgeslagen[sleutel].versie
    at.selectbox(key=f"status_{sleutel}_{versie}").set_value("do")
    at.button(key=f"pdca_knop_{sleutel}_{versie}").click().run()
    assert not at.exception
    assert doelservice.doelen(app_db, gescoorde_ronde)[sleutel].doel.status == "do"


def test_doelen__accepting_suggestion_2__stores_exactly_that_goal_and_the_others_keep_their_place(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    voor = _suggesties(at)
    assert len(voor) == 5
    tweede = voor[1]
    _maak_smart(at, tweede)
    at.button(key=f"accepteren_{tweede}_n").click().run()
    assert not at.exception, at.exception
    opgeslagen = doelservice.doelen(app_db, gescoorde_ronde)
    assert list(opgeslagen) == [tweede]
    assert opgeslagen[tweede].besluit == "geaccepteerd"
    assert opgeslagen[tweede].doel.nulmeting == 40.0
    na = _suggesties(at)
    assert na[:4] == [voor[0], *voor[2:]]  # the others stay where they were, in the same order
    assert na[4] not in voor  # the one that takes its place comes last
    # Nothing typed for goal 2 leaked into another goal's fields.
    assert all(at.text_input(key=f"nul_{s}_n").value == "" for s in na)


def test_doelen__reject__moves_the_suggestion_to_afgewezen_and_it_can_be_undone(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    sleutel = _suggesties(at)[0]
    at.button(key=f"afwijzen_{sleutel}_n").click().run()
    assert not at.exception
    afgewezen = doelservice.doelen(app_db, gescoorde_ronde)[sleutel]
    assert afgewezen.besluit == "afgewezen"
    assert sleutel not in _suggesties(at)
    at.button(key=f"herstel_{sleutel}_{afgewezen.versie}").click().run()
    assert not at.exception
    hersteld = doelservice.doelen(app_db, gescoorde_ronde)[sleutel]
    assert hersteld.besluit == "voorgesteld"
    assert "Voorgesteld, wacht op besluit van de facilitator" in [h.value for h in at.header]


def test_doelen__an_accepted_goal_can_be_withdrawn_and_a_goal_deleted_after_confirmation(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    sleutel = _suggesties(at)[0]
    _maak_smart(at, sleutel)
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    info = doelservice.doelen(app_db, gescoorde_ronde)[sleutel]
    at.button(key=f"intrek_{sleutel}_{info.versie}").click().run()
    assert not at.exception
    info = doelservice.doelen(app_db, gescoorde_ronde)[sleutel]
    assert info.besluit == "voorgesteld"
    assert info.doel.nulmeting == 40.0
    # Deleting asks first: the confirming button sits in the popover.
    at.button(key=f"weg_{sleutel}_{info.versie}").click().run()
    assert not at.exception
    assert doelservice.doelen(app_db, gescoorde_ronde) == {}
    assert sleutel in _suggesties(at)  # a suggestion again


def test_doelen__a_participant_sees_everything_and_may_only_propose(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    ronde: Sessie,
) -> None:
    karel = _vul_in(app_db, vragenlijst, ronde, {"kanaalregie"})
    vast = doelservice.suggesties(app_db, vragenlijst, bibliotheek, ronde, vandaag=dt.date.today())[2]
    doelservice.bewaar(
        app_db,
        vragenlijst,
        ronde,
        vast.doel.model_copy(update={"nulmeting": 40.0, "streefwaarde": 55.0, "draagvlak": "MT"}),
        besluit="geaccepteerd",
        verwachte_versie=None,
    )
    at = open_app(DOELEN, d=karel.deelnemer.token)
    assert not at.exception
    assert not _knoppen(at) & BESLISKNOPPEN  # no button the participant may not use
    assert not [s for s in at.selectbox if s.label == "PDCA-fase"]
    tekst = " ".join(m.value for m in at.markdown)
    assert "U ziet alle doelen" in " ".join(i.value for i in at.info)
    assert vast.doel.titel.replace(" ", "") in tekst.replace("\\", "").replace(" ", "")  # sees the accepted goal

    sleutel = next(b.form_id for b in at.button if b.label == "Voorstellen aan de facilitator").removeprefix("f_")
    at.button(key=f"voorstellen_{sleutel}_n").click().run()
    assert not at.exception, at.exception
    voorstel = doelservice.doelen(app_db, ronde)[sleutel]
    assert (voorstel.besluit, voorstel.gewijzigd_door) == ("voorgesteld", "Karel")
    assert "voorgesteld door Karel" in " ".join(c.value for c in at.caption)
    assert not _knoppen(at) & BESLISKNOPPEN

    # The facilitator sees the proposal with the buttons to decide, and accepts it once it is SMART.
    fac = open_app(DOELEN, d=ronde.deelnemer.token)
    assert "Voorgesteld, wacht op besluit van de facilitator" in [h.value for h in fac.header]
    _maak_smart(fac, sleutel, voorstel.versie)
    fac.button(key=f"accepteren_{sleutel}_{voorstel.versie}").click().run()
    assert not fac.exception, fac.exception
    assert doelservice.doelen(app_db, ronde)[sleutel].besluit == "geaccepteerd"


def test_doelen__a_participant_proposes_an_own_goal(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    karel = _vul_in(app_db, vragenlijst, ronde, {"kanaalregie"})
    at = open_app(DOELEN, d=karel.deelnemer.token)
    knop = next(b for b in at.button if b.label == "Voorstellen aan de facilitator" and "eigen_" in b.form_id)
    k = knop.key.removeprefix("voorstellen_")
    at.text_input(key=f"titel_{k}").input("Chat op de website proberen")
    knop.click().run()
    assert not at.exception
    (voorstel,) = doelservice.doelen(app_db, ronde).values()
    assert (voorstel.besluit, voorstel.doel.titel, voorstel.gewijzigd_door) == (
        "voorgesteld",
        "Chat op de website proberen",
        "Karel",
    )


def test_doelen__a_round_closed_after_loading__stores_nothing_and_shows_no_write_buttons(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    sleutel = _suggesties(at)[0]
    _maak_smart(at, sleutel)
    workshop.rond_af(app_db, vragenlijst, gescoorde_ronde)  # closed between page load and click
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    assert not at.exception
    # The click's rerun reads the round again: closed, so nothing is stored and no write button is left
    # (the service's own refusal of a stale page is tested in tests/integration/test_doelen.py).
    assert doelservice.doelen(app_db, gescoorde_ronde) == {}
    assert any("afgerond" in i.value for i in at.info)
    assert not _knoppen(at) & (BESLISKNOPPEN | {"Voorstellen aan de facilitator"})


def test_doelen__a_never_measured_indicator__is_accepted_with_nulmeting_volgt(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    ronde: Sessie,
) -> None:
    _vul_in(app_db, vragenlijst, ronde, {"datagestuurde_interactie"})
    sleutel = "datagestuurde_interactie_eerste_tevredenheidsmeting"
    # Other first steps of this bouwsteen come first in the library; once decided, the first measurement shows.
    for _ in range(5):
        gezien = doelservice.suggesties(app_db, vragenlijst, bibliotheek, ronde, vandaag=dt.date.today())
        if sleutel in {v.sjabloon for v in gezien}:
            break
        ander = next(v.doel for v in gezien if v.bouwsteen == "datagestuurde_interactie")
        doelservice.bewaar(app_db, vragenlijst, ronde, ander, besluit="afgewezen", verwachte_versie=None)
    at = open_app(DOELEN, d=ronde.deelnemer.token)
    assert sleutel in _suggesties(at)
    at.checkbox(key=f"nog_{sleutel}_n").check().run()
    assert not [n for n in at.text_input if n.key == f"nul_{sleutel}_n"]  # the number gave way to a date
    uiterlijk = plus_maanden(dt.date.today(), 2)
    at.date_input(key=f"uiterlijk_{sleutel}_n").set_value(uiterlijk)
    at.text_input(key=f"draag_{sleutel}_n").input("MT")
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    assert not at.exception, at.exception
    assert not at.error, [e.value for e in at.error]
    doel = doelservice.doelen(app_db, ronde)[sleutel].doel
    assert (doel.nulmeting, doel.nulmeting_uiterlijk, doel.streefwaarde) == (None, uiterlijk, None)
    tekst = " ".join(m.value for m in at.markdown)
    assert f"nulmeting volgt, uiterlijk {uiterlijk.strftime('%d-%m-%Y')}" in tekst


def test_doelen__terugblik_shows_levels_with_a_decimal_comma(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    bibliotheek: DoelenBibliotheek,
    ronde: Sessie,
) -> None:
    eerder = start_ronde(app_db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2025, 11, 1))
    _vul_in(app_db, vragenlijst, eerder, {"kanaalregie"})
    toen = dt.date(2025, 11, 1)
    doel = doelservice.suggesties(app_db, vragenlijst, bibliotheek, eerder, vandaag=toen)[0]
    # Accepted only when SMART (the service's rule), judged on the day of that round.
    smart = doel.doel.model_copy(update={"nulmeting": 40.0, "streefwaarde": 55.0, "draagvlak": "MT"})
    doelservice.bewaar(app_db, vragenlijst, eerder, smart, besluit="geaccepteerd", verwachte_versie=None, vandaag=toen)
    _vul_in(app_db, vragenlijst, ronde, set())
    at = open_app(DOELEN, d=ronde.deelnemer.token)
    assert not at.exception
    tabel = at.table[0].value
    assert [zichtbare_tekst(w) for w in tabel["Niveau toen"]] == ["1,0"]
    assert [zichtbare_tekst(w) for w in tabel["Niveau nu"]] == ["3,0"]


def test_doelen__a_number_that_is_not_a_number__is_refused_in_dutch(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    sleutel = _suggesties(at)[0]
    _maak_smart(at, sleutel)
    at.text_input(key=f"nul_{sleutel}_n").input("veertig")
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    assert not at.exception
    assert "Nulmeting (nu): 'veertig' is geen getal" in zichtbare_tekst(at.error[0].value)
    assert doelservice.doelen(app_db, gescoorde_ronde) == {}


@pytest.mark.parametrize("tekst", ["1" + "0" * 13, "-99.999.999.999.999", "9" * 30])  # the field takes 30 characters
def test_doelen__a_number_beyond_the_range__is_refused_in_dutch(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie, tekst: str
) -> None:
    # Issue 13 case 7: the same range as a goal number in an exchange file, |x| <= 10^12.
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    sleutel = _suggesties(at)[0]
    _maak_smart(at, sleutel)
    at.text_input(key=f"streef_{sleutel}_n").input(tekst)
    at.button(key=f"accepteren_{sleutel}_n").click().run()
    assert not at.exception
    assert zichtbare_tekst(at.error[0].value).startswith(f"Streefwaarde: '{tekst}' is te groot; een getal ligt tussen")
    assert doelservice.doelen(app_db, gescoorde_ronde) == {}
