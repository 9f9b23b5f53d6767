"""AppTest of the compliance check (issue 15, point 5): the facilitator records it on Workshop (tab
Wettelijke verplichtingen), a participant reads it on Resultaten, apart from the scores and with the
status in words. Runs on questionnaire 2.0; a round of version 1.0 (which has no check) keeps its own version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import invullen, naleving, resultaten, start, workshop
from scan.services.naleving import NalevingWijziging
from scan.ui.weergave import zichtbare_tekst
from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst
from scoring.models import Vragenlijst
from scoring.versies import laad_versie
from tests.rondes import start_ronde

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"
RESULTATEN = "scan/ui/paginas/resultaten.py"
KNOP = "Nalevingscheck opslaan"


@pytest.fixture
def vl20(monkeypatch: pytest.MonkeyPatch) -> Iterator[Vragenlijst]:
    """Questionnaire 2.0, also for the app under test."""
    monkeypatch.setattr("scoring.loader.DEFAULT_DIR", VRAGENLIJSTEN_DIR / "2.0")
    st.cache_resource.clear()
    yield laad_vragenlijst(VRAGENLIJSTEN_DIR / "2.0")
    st.cache_resource.clear()


@pytest.fixture
def ronde20(app_db: Database, vl20: Vragenlijst) -> Sessie:
    return start_ronde(app_db, vl20, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 12, 7))


@pytest.fixture
def ronde10(app_db: Database) -> Sessie:
    """A round started with published version 1.0, which has no compliance check."""
    return start_ronde(app_db, laad_versie("1.0"), gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 11, 22))


def _tab(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    return next(tab for tab in at.tabs if tab.label == label)


def _opslaan(at: AppTest, ronde: Sessie) -> AppTest:
    return at.button(key=f"FormSubmitter:naleving_{ronde.ronde.id}-{KNOP}").click().run()


def test_workshop__facilitator_records_the_check__saved_per_round(
    open_app: Callable[..., AppTest], app_db: Database, vl20: Vragenlijst, ronde20: Sessie
) -> None:
    at = open_app(WORKSHOP, d=ronde20.deelnemer.token)
    assert not at.exception
    tab = _tab(at, "Wettelijke verplichtingen")
    assert "wettelijke plichten, geen niveaus" in " ".join(m.value for m in tab.markdown)
    radios = {r.key: r for r in tab.radio}
    assert set(radios) == {f"naleving_s_{i.id}" for i in vl20.naleving}
    # n.v.t. only where the duty may not apply; every duty starts as "Niet ingevuld"
    assert radios["naleving_s_ai_transparantie"].options == [
        "Voldoet",
        "Voldoet deels",
        "Voldoet niet",
        "Weet niet",
        "N.v.t.",
        "Niet ingevuld",
    ]
    assert "N.v.t." not in radios["naleving_s_verwerkingsregister"].options
    assert all(r.value == "leeg" for r in radios.values())
    assert any("Grondslag: Awb hoofdstuk 9" in zichtbare_tekst(c.value) for c in tab.caption)

    at.radio(key="naleving_s_verwerkingsregister").set_value("deels")
    at.text_input(key="naleving_n_verwerkingsregister").input("telefonie ontbreekt")
    at.radio(key="naleving_s_ai_transparantie").set_value("nvt")
    _opslaan(at, ronde20)
    assert not at.exception
    assert "2 wettelijke plicht(en) bijgewerkt" in _tab(at, "Wettelijke verplichtingen").success[0].value
    opgeslagen = {r.item: r.antwoord for r in naleving.nalevingscheck(app_db, vl20, ronde20.ronde.id) if r.antwoord}
    assert {k: (v.status, v.notitie, v.gewijzigd_door) for k, v in opgeslagen.items()} == {
        "verwerkingsregister": ("deels", "telefonie ontbreekt", "Fatima"),
        "ai_transparantie": ("nvt", None, "Fatima"),
    }

    # Changed again and cleared, from the same form (against the versions it saved).
    at.radio(key="naleving_s_verwerkingsregister").set_value("voldoet")
    at.radio(key="naleving_s_ai_transparantie").set_value("leeg")
    _opslaan(at, ronde20)
    assert not at.exception
    opgeslagen = {r.item: r.antwoord for r in naleving.nalevingscheck(app_db, vl20, ronde20.ronde.id) if r.antwoord}
    assert list(opgeslagen) == ["verwerkingsregister"] and opgeslagen["verwerkingsregister"].status == "voldoet"
    assert opgeslagen["verwerkingsregister"].versie == 2


def test_workshop__another_facilitator_saved_first__nothing_written_and_the_form_shows_theirs(
    open_app: Callable[..., AppTest], app_db: Database, vl20: Vragenlijst, ronde20: Sessie
) -> None:
    at = open_app(WORKSHOP, d=ronde20.deelnemer.token)
    naleving.leg_vast(app_db, vl20, ronde20, [NalevingWijziging("dpia", "niet", "eerst", None)])
    at.radio(key="naleving_s_dpia").set_value("voldoet")
    at.radio(key="naleving_s_klachtbehandeling").set_value("deels")
    _opslaan(at, ronde20)
    assert not at.exception
    fout = _tab(at, "Wettelijke verplichtingen").error[0].value
    assert "Niet opgeslagen" in fout and "Voldoet niet" in fout
    assert at.radio(key="naleving_s_dpia").value == "niet"
    assert at.radio(key="naleving_s_klachtbehandeling").value == "deels"  # the other edit is kept
    stand = {r.item: r.antwoord for r in naleving.nalevingscheck(app_db, vl20, ronde20.ronde.id) if r.antwoord}
    assert list(stand) == ["dpia"] and stand["dpia"].status == "niet"
    _opslaan(at, ronde20)  # now against what is stored: klachtbehandeling goes in
    assert {r.item for r in naleving.nalevingscheck(app_db, vl20, ronde20.ronde.id) if r.antwoord} == {
        "dpia",
        "klachtbehandeling",
    }


def test_workshop__closed_round__check_is_read_only(
    open_app: Callable[..., AppTest], app_db: Database, vl20: Vragenlijst, ronde20: Sessie
) -> None:
    workshop.rond_af(app_db, vl20, ronde20)
    at = open_app(WORKSHOP, d=ronde20.deelnemer.token)
    assert not at.exception
    assert at.button(key=f"FormSubmitter:naleving_{ronde20.ronde.id}-{KNOP}").disabled
    assert "afgerond" in _tab(at, "Wettelijke verplichtingen").info[0].value


def test_resultaten__participant_reads_the_check_apart_from_the_scores_in_words(
    open_app: Callable[..., AppTest], app_db: Database, vl20: Vragenlijst, ronde20: Sessie
) -> None:
    anna = start.neem_deel(app_db, vl20, code=ronde20.ronde.code, naam="Anna")
    for _, s in vl20.stellingen()[:6]:
        invullen.sla_antwoord_op(app_db, vl20, anna, s.id, "3")
    voor = resultaten.resultaat(app_db, vl20, ronde20.ronde.id)
    naleving.leg_vast(
        app_db,
        vl20,
        ronde20,
        [
            NalevingWijziging("klachtbehandeling", "niet", "<b>te laat</b>", None),
            NalevingWijziging("dpia", "weet_niet", None, None),
        ],
    )
    assert resultaten.resultaat(app_db, vl20, ronde20.ronde.id) == voor  # the scores do not move
    at = open_app(RESULTATEN, d=anna.deelnemer.token)
    assert not at.exception
    assert "Wettelijke verplichtingen (nalevingscheck)" in [h.value for h in at.header]
    tabel = next(t.value for t in at.table if "Wettelijke plicht" in t.value.columns)
    rijen = {zichtbare_tekst(p): i for i, p in enumerate(tabel["Wettelijke plicht"])}
    klacht = rijen[vl20.nalevingsitem("klachtbehandeling").tekst.nl]
    assert zichtbare_tekst(tabel["Status"][klacht]) == "Voldoet niet"
    assert zichtbare_tekst(tabel["Notitie"][klacht]) == "<b>te laat</b>"  # literal, no markup
    assert "9:11" in zichtbare_tekst(tabel["Grondslag"][klacht])
    assert zichtbare_tekst(tabel["Status"][rijen[vl20.nalevingsitem("dpia").tekst.nl]]) == "Weet niet"
    assert (
        zichtbare_tekst(tabel["Status"][rijen[vl20.nalevingsitem("verwerkingsregister").tekst.nl]]) == "Niet ingevuld"
    )
    n = len(vl20.naleving)
    assert f"Voldoet: 0 van de {n} plichten. Niet ingevuld: {n - 2}." in [m.value for m in at.markdown]
    assert not [r for r in at.radio if (r.key or "").startswith("naleving_")]  # read only here


def test_resultaten__version_without_a_check__shows_no_section(
    open_app: Callable[..., AppTest], app_db: Database, ronde10: Sessie
) -> None:
    st.cache_resource.clear()
    at = open_app(RESULTATEN, d=ronde10.deelnemer.token)
    assert not at.exception
    assert "Wettelijke verplichtingen (nalevingscheck)" not in [h.value for h in at.header]


def test_workshop__version_without_a_check__has_no_such_tab(open_app: Callable[..., AppTest], ronde10: Sessie) -> None:
    st.cache_resource.clear()
    at = open_app(WORKSHOP, d=ronde10.deelnemer.token)
    assert not at.exception
    labels = [tab.label for tab in at.tabs]
    assert "Wettelijke verplichtingen" not in labels and "Ambities" in labels and "Afronden" in labels
