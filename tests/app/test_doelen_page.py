"""AppTest of Doelen: suggestions with why and SMART letters; accept only when SMART; own goals; PDCA."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan import doelen as doelservice
from scan import services
from scan.database import Database
from scan.repository import Sessie
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
DOELEN = "scan/app_pages/doelen.py"


@pytest.fixture
def gescoorde_ronde(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    karel = services.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    for b, s in vragenlijst.stellingen():
        services.sla_antwoord_op(app_db, vragenlijst, karel, s.id, "1" if b.id == "kanaalregie" else "3")
    return ronde


def test_doelen__suggestions_show_why_and_five_smart_letters(
    open_app: Callable[..., AppTest], gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    assert not at.exception
    assert at.title[0].value == "Verbeterdoelen Utrecht"
    assert at.tabs[0].label == "Voorstellen (5)"
    tekst = " ".join(m.value for m in at.markdown)
    assert "Utrecht staat op 1,0: dit is de stap van niveau 1 naar 2" in tekst.replace("\\", "")
    assert tekst.count("**S** · Specifiek") >= 5


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
    form_id = next(b for b in at.button if b.label == "Accepteren").form_id
    sleutel = form_id.removeprefix("f_")
    nummers = [n for n in at.number_input if n.form_id == form_id]
    nummers[0].set_value(40.0)
    nummers[1].set_value(55.0)
    draagvlak = next(i for i in at.text_input if i.form_id == form_id and i.label.startswith("Draagvlak"))
    draagvlak.input("MT en wethouder dienstverlening")
    next(b for b in at.button if b.label == "Accepteren" and b.form_id == form_id).click().run()
    assert not at.exception, at.exception
    opgeslagen = doelservice.doelen(app_db, gescoorde_ronde)
    assert opgeslagen[sleutel].besluit == "geaccepteerd"
    assert opgeslagen[sleutel].doel.nulmeting == 40.0
    assert at.tabs[1].label == "Vastgestelde doelen (1)"
    status = next(s for s in at.selectbox if s.label == "PDCA-fase")
    status.set_value("do")
    next(b for b in at.button if b.label == "Bijwerken").click().run()
    assert doelservice.doelen(app_db, gescoorde_ronde)[sleutel].doel.status == "do"


def test_doelen__reject__removes_the_suggestion(
    open_app: Callable[..., AppTest], app_db: Database, gescoorde_ronde: Sessie
) -> None:
    at = open_app(DOELEN, d=gescoorde_ronde.deelnemer.token)
    form_id = next(b for b in at.button if b.label == "Afwijzen").form_id
    next(b for b in at.button if b.label == "Afwijzen" and b.form_id == form_id).click().run()
    assert not at.exception
    afgewezen = doelservice.doelen(app_db, gescoorde_ronde)[form_id.removeprefix("f_")]
    assert afgewezen.besluit == "afgewezen"
    assert form_id not in {b.form_id for b in at.button}
