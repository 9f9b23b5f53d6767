"""AppTest of erasure and retention on screen (issue 18): the Deelnemers tab's confirmation says
exactly what goes and works in a closed round; the Beheer page's retention panel lists what is
due and applies it after a confirmation; deleting a round asks for a confirmation naming it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import DeelnemerRij, RondeRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, start, workshop
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst
from tests.app.conftest import ken_toe
from tests.rondes import start_ronde

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"
BEHEER = "scan/ui/paginas/beheer.py"


def _tab(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(tab for tab in at.tabs if tab.label == label)


def test_deelnemers__erasure_confirmation_says_what_goes__and_works_in_a_closed_round(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    piet = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Piet Pietersen", functie="KCC")
    invullen.sla_antwoord_op(app_db, vragenlijst, piet, vragenlijst.bouwstenen[0].stellingen[0].id, "3")
    workshop.rond_af(app_db, vragenlijst, ronde)
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    tab = _tab(at, "Deelnemers")
    next(s for s in tab.selectbox if s.label == "Deelnemer").set_value(piet.deelnemer.id).run()
    tab = _tab(at, "Deelnemers")
    assert "**Persoonsgegevens wissen**" in [m.value for m in tab.markdown]
    uitleg = " ".join(c.value for c in tab.caption)
    for wat in ("naam", "functie", "antwoorden en toelichtingen", "ambities", "persoonlijke link", "'een deelnemer'"):
        assert wat in uitleg, wat
    knop = at.button(key=f"werkgroep_weg_{piet.deelnemer.id}")
    assert knop.disabled  # not before the confirmation, but not locked by the closed round
    bevestig = at.checkbox(key=f"werkgroep_zeker_{piet.deelnemer.id}")
    assert bevestig.label == "Ja, wis alle gegevens van Piet Pietersen"
    assert not bevestig.disabled
    bevestig.check().run()
    at.button(key=f"werkgroep_weg_{piet.deelnemer.id}").click().run()
    assert not at.exception
    assert "zijn gewist" in _tab(at, "Deelnemers").success[0].value
    with app_db.lezen() as s:
        assert s.scalar(select(DeelnemerRij).where(DeelnemerRij.id == piet.deelnemer.id)) is None
        assert s.scalar(select(RondeRij.status).where(RondeRij.id == ronde.ronde.id)) == "afgerond"


def _sluit_lang_geleden(db: Database, ronde_id: int, dagen: int) -> None:
    with db.schrijven() as s:
        r = s.get_one(RondeRij, ronde_id)
        r.status = "afgerond"
        r.afgerond_op = dt.datetime.now(dt.UTC) - dt.timedelta(days=dagen)


def test_beheer__retention_panel_lists_due_and_soon__and_applies_after_confirmation(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, als: Callable[..., None]
) -> None:
    oud = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Olga Oud", datum=dt.date(2023, 3, 1))
    bijna = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Bea Bijna", datum=dt.date(2024, 12, 1))
    open_ronde = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Otto Open", datum=dt.date(2022, 1, 1))
    _sluit_lang_geleden(app_db, oud.ronde.id, 3 * 365)
    _sluit_lang_geleden(app_db, bijna.ronde.id, 2 * 365 - 10)  # 24 months end within 30 days
    ken_toe(app_db, "baas@almere.nl", "GM0034", "beheerder")
    als("baas@almere.nl", "Baas")

    at = open_app(BEHEER)
    assert not at.exception
    tekst = " ".join(m.value for m in at.markdown)
    assert "**24 maanden**" in tekst
    assert "**Nu aan de beurt** (1)" in tekst and "**Binnenkort, binnen 30 dagen** (1)" in tekst
    assert any("Open scanrondes worden nooit aangeraakt" in i.value for i in at.info)
    # The retention panel's tables (the page's audit trail also has a "Scanronde" column).
    rondes = [list(t.value["Scanronde"]) for t in at.table if "Wat" not in t.value.columns]
    assert [str(oud.ronde.id)] in rondes and [str(bijna.ronde.id)] in rondes
    assert all(str(open_ronde.ronde.id) not in r for r in rondes)
    knop = at.button(key="bewaar_knop_GM0034")
    assert knop.disabled
    at.checkbox(key="bewaar_zeker_GM0034").check().run()
    at.button(key="bewaar_knop_GM0034").click().run()
    assert not at.exception
    with app_db.lezen() as s:
        assert s.scalar(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == oud.ronde.id)) == "Deelnemer 1"
        assert s.scalar(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == bijna.ronde.id)) == "Bea Bijna"
        assert s.scalar(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == open_ronde.ronde.id)) == "Otto Open"
    assert "**Nu aan de beurt** (0)" in " ".join(m.value for m in at.markdown)


def test_beheer__deleting_a_round_asks_a_confirmation_that_names_it(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, als: Callable[..., None]
) -> None:
    weg = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Fien", datum=dt.date(2026, 5, 4))
    blijft = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Bas", datum=dt.date(2026, 6, 1))
    ken_toe(app_db, "baas@almere.nl", "GM0034", "beheerder")
    als("baas@almere.nl", "Baas")
    at = open_app(BEHEER)
    keuze = at.selectbox(key="ronde_weg_GM0034")
    assert keuze.value is None
    keuze.set_value(weg.ronde.id).run()
    assert not at.exception
    bevestig = at.checkbox(key=f"ronde_weg_zeker_{weg.ronde.id}")
    assert (
        zichtbare_tekst(bevestig.label)
        == f"Ja, verwijder scanronde {weg.ronde.id} van Almere van 04-05-2026 met alle gegevens"
    )
    assert at.button(key=f"ronde_weg_knop_{weg.ronde.id}").disabled
    bevestig.check().run()
    at.button(key=f"ronde_weg_knop_{weg.ronde.id}").click().run()
    assert not at.exception
    with app_db.lezen() as s:
        assert s.get(RondeRij, weg.ronde.id) is None
        assert s.get(RondeRij, blijft.ronde.id) is not None
    assert at.selectbox(key="ronde_weg_GM0034").value is None
