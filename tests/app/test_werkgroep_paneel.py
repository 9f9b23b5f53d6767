"""AppTest of the Workshop's werkgroep tabs (Deelnemers, Ambities), and of a removed participant's phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import AntwoordRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, resultaten, start, werkgroep, workshop
from scan.ui.weergave import letterlijk, zichtbare_tekst
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"
INVULLEN = "scan/ui/paginas/invullen.py"
LASTIG = "Karel <b>*Jansen*</b>"


@pytest.fixture
def groep(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> dict[str, Sessie]:
    """Anna and a stray participant with a markup-like name; both answered bouwsteen 1 and set an ambition."""
    b1 = vragenlijst.bouwstenen[0]
    leden = {}
    for naam, niveau, ambitie in [("Anna", "2", 5), (LASTIG, "5", 3)]:
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for s in b1.stellingen:
            invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, niveau)
        invullen.sla_ambitie_op(app_db, vragenlijst, sessie, b1.id, ambitie)
        leden[naam] = sessie
    return leden


def _tab(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(tab for tab in at.tabs if tab.label == label)


def _kies_deelnemer(at: AppTest, deelnemer_id: int) -> AppTest:
    keuze = next(s for s in _tab(at, "Deelnemers").selectbox if s.label == "Deelnemer")
    return keuze.set_value(deelnemer_id).run()


def test_deelnemers__remove_with_confirmation__drops_them_and_their_answers(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    ronde: Sessie,
    groep: dict[str, Sessie],
) -> None:
    stray = groep[LASTIG].deelnemer
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    tab = _tab(at, "Deelnemers")
    # st.table renders cells as markdown, so the name is escaped to show literally.
    assert list(tab.table[0].value["Naam"]) == ["Fatima", "Anna", letterlijk(LASTIG)]
    _kies_deelnemer(at, stray.id)
    knop = at.button(key=f"werkgroep_weg_{stray.id}")
    assert knop.disabled  # not before the confirmation
    bevestig = at.checkbox(key=f"werkgroep_zeker_{stray.id}")
    # The name is user text: escaped, so it shows literally instead of as markup.
    assert "Karel \\<b\\>\\*Jansen\\*\\</b\\>" in bevestig.label
    assert bevestig.label.startswith("Ja, wis alle gegevens van")
    bevestig.check().run()
    at.button(key=f"werkgroep_weg_{stray.id}").click().run()
    assert not at.exception
    assert [r.naam for r in workshop.voortgang(app_db, ronde)] == ["Fatima", "Anna"]
    assert resultaten.resultaat(app_db, vragenlijst, ronde.ronde.id).deelnemers == 1
    tab = _tab(at, "Deelnemers")
    assert "zijn gewist" in tab.success[0].value
    assert list(tab.table[0].value["Naam"]) == ["Fatima", "Anna"]
    # The progress table at the top is fresh in the same rerun.
    assert list(at.table[0].value["Naam"]) == ["Fatima", "Anna"]


def test_deelnemers__rename__is_stored_and_a_taken_name_is_refused_in_dutch(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, groep: dict[str, Sessie]
) -> None:
    anna = groep["Anna"].deelnemer
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    _kies_deelnemer(at, anna.id)
    veld = next(x for x in _tab(at, "Deelnemers").text_input if x.label == "Nieuwe naam")
    assert veld.value == "Anna"
    veld.input("Anna de Vries")
    at.button(key=f"FormSubmitter:werkgroep_hernoem_{anna.id}-Naam opslaan").click().run()
    assert not at.exception
    assert [r.naam for r in workshop.voortgang(app_db, ronde)][1] == "Anna de Vries"
    assert "Anna de Vries" in _tab(at, "Deelnemers").success[0].value
    # The option's label changed with the rename; the page still works, with Anna still chosen.
    keuze = next(s for s in _tab(at, "Deelnemers").selectbox if s.label == "Deelnemer")
    assert keuze.value == anna.id
    at.run()
    assert not at.exception

    veld = next(x for x in _tab(at, "Deelnemers").text_input if x.label == "Nieuwe naam")
    veld.input("fatima")
    at.button(key=f"FormSubmitter:werkgroep_hernoem_{anna.id}-Naam opslaan").click().run()
    assert not at.exception
    assert "al iemand mee als" in _tab(at, "Deelnemers").error[0].value
    assert [r.naam for r in workshop.voortgang(app_db, ronde)][1] == "Anna de Vries"


def test_deelnemers__yourself__cannot_be_removed(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    _kies_deelnemer(at, ronde.deelnemer.id)
    tab = _tab(at, "Deelnemers")
    assert any("Uw eigen gegevens kunt u hier niet wissen" in c.value for c in tab.caption)
    assert not [b for b in tab.button if b.key == f"werkgroep_weg_{ronde.deelnemer.id}"]


def test_ambities__set_and_clear_the_agreed_ambition__with_the_personal_spread_beside_it(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    ronde: Sessie,
    groep: dict[str, Sessie],
) -> None:
    b1 = vragenlijst.bouwstenen[0]
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    tab = _tab(at, "Ambities")
    tabel = tab.table[0].value
    assert zichtbare_tekst(tabel["Persoonlijke ambities"][0]) == "3–5 (2 pers.)"
    assert tabel["Mediaan"][0] == "4"
    assert tabel["Nu (niveau)"][0] == "3,5"
    assert zichtbare_tekst(tabel["Telt in de resultaten"][0]) == "4 (mediaan)"
    assert zichtbare_tekst(tabel["Vastgesteld"][0]) == "–"
    assert at.radio(key=f"werkgroep_amb_n_{b1.id}").value == 4  # the median proposed

    at.radio(key=f"werkgroep_amb_n_{b1.id}").set_value(2)
    at.text_input(key=f"werkgroep_amb_t_{b1.id}").input("Eerst de basis")
    at.button(key=f"FormSubmitter:werkgroep_amb_{b1.id}-Ambitie vastleggen").click().run()
    assert not at.exception
    assert werkgroep.ambities(app_db, vragenlijst, ronde)[b1.id].vastgesteld == 2
    assert resultaten.resultaat(app_db, vragenlijst, ronde.ronde.id).bouwsteen(b1.id).ambitie == 2.0
    tab = _tab(at, "Ambities")
    assert "niveau 2" in tab.success[0].value
    assert zichtbare_tekst(tab.table[0].value["Telt in de resultaten"][0]) == "2 (vastgesteld)"

    at.button(key=f"FormSubmitter:werkgroep_amb_{b1.id}-Vastgestelde ambitie wissen").click().run()
    assert not at.exception
    assert werkgroep.ambities(app_db, vragenlijst, ronde)[b1.id].vastgesteld is None
    assert zichtbare_tekst(_tab(at, "Ambities").table[0].value["Telt in de resultaten"][0]) == "4 (mediaan)"
    assert at.radio(key=f"werkgroep_amb_n_{b1.id}").value == 4


def test_ambities__in_a_closed_round__are_read_only(
    open_app: Callable[..., AppTest], vragenlijst: Vragenlijst, app_db: Database, ronde: Sessie
) -> None:
    workshop.rond_af(app_db, vragenlijst, ronde)
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    b1 = vragenlijst.bouwstenen[0]
    assert at.button(key=f"FormSubmitter:werkgroep_amb_{b1.id}-Ambitie vastleggen").disabled
    assert "afgerond" in _tab(at, "Ambities").info[0].value


def test_invullen__a_removed_participant_s_next_click__gets_a_calm_dutch_message(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    ronde: Sessie,
    groep: dict[str, Sessie],
) -> None:
    stray = groep[LASTIG]
    telefoon = open_app(INVULLEN, d=stray.deelnemer.token)
    assert not telefoon.exception
    versie = next(r.versie for r in workshop.voortgang(app_db, ronde) if r.deelnemer_id == stray.deelnemer.id)
    werkgroep.verwijder_deelnemer(app_db, ronde, stray.deelnemer.id, verwachte_versie=versie)

    # Whichever bouwsteen the phone shows, the participant taps a level of its first stelling.
    next(r for r in telefoon.radio if r.key and r.key.startswith("a_")).set_value("3").run()
    assert not telefoon.exception
    assert not telefoon.error
    meldingen = [w.value for w in telefoon.warning]
    assert len(meldingen) == 1
    assert "U doet niet meer mee aan deze scanronde" in meldingen[0]
    assert "persoonlijke link" in meldingen[0]
    assert not telefoon.radio  # nothing left to fill in
    assert len(telefoon.get("page_link")) == 1  # a way on: back to Start
    assert start.sessie_voor_token(app_db, stray.deelnemer.token) is None
    with app_db.lezen() as s:  # the click left no orphan answer behind
        assert not s.scalars(select(AntwoordRij).where(AntwoordRij.deelnemer_id == stray.deelnemer.id)).all()

    # A reload of the old link later (a new browser session) says the link no longer works.
    later = open_app(INVULLEN, d=stray.deelnemer.token)
    assert not later.exception
    assert any("uit de scanronde gehaald" in w.value for w in later.warning)


def test_resultaten__use_the_agreed_ambition_instead_of_the_median(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    ronde: Sessie,
    groep: dict[str, Sessie],
) -> None:
    b1 = vragenlijst.bouwstenen[0]
    at = open_app("scan/ui/paginas/resultaten.py", d=ronde.deelnemer.token)
    assert at.dataframe[0].value["Ambitie"][0] == "75"  # the median of 5 and 3: level 4
    werkgroep.stel_ambitie_vast(app_db, vragenlijst, ronde, b1.id, 2, verwachte_versie=None)
    at.run()
    assert not at.exception
    assert at.dataframe[0].value["Ambitie"][0] == "25"
