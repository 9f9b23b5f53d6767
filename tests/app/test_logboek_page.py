"""AppTest of the audit trail (issue 18, item 7): Workshop's tab Logboek for the round's
facilitator (their round only), Beheer's section Logboek for a beheerder's gemeente (nothing of
another gemeente), revoked roles under "Eerdere rollen", user text shown literally."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import beheer, workshop
from scan.services.toegang import Gebruiker
from scan.ui.weergave import letterlijk, zichtbare_tekst
from scoring.models import Vragenlijst
from tests.app.conftest import ken_toe
from tests.rondes import start_ronde

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"
BEHEER = "scan/ui/paginas/beheer.py"
LASTIG = "Karel <b>*Jansen*</b>"


def _tab(at: AppTest, label: str) -> Any:
    return next(tab for tab in at.tabs if tab.label == label)


def _tabellen(element: Any) -> list[Any]:
    """The tables as the reader sees them: every cell is escaped Markdown (``letterlijk``)."""
    return [t.value.map(lambda w: zichtbare_tekst(w) if isinstance(w, str) else w) for t in element.table]


def _logboek_tabel(tabellen: list[Any]) -> Any:
    return next(t for t in tabellen if "Wat" in t.columns)


def test_workshop_tab__the_facilitator_sees_their_rounds_decisions_and_no_other_round(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    eigen = start_ronde(app_db, vragenlijst, gm_code="GM0344", facilitator=LASTIG, datum=dt.date(2026, 11, 22))
    ander = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Ahmed", datum=dt.date(2026, 11, 22))
    b1 = vragenlijst.bouwstenen[0]
    s1 = b1.stellingen[0]
    workshop.stel_consensus_vast(
        app_db, vragenlijst, eigen, stelling=s1.id, niveau=3, toelichting="Notitie", verwachte_versie=None
    )
    workshop.rond_af(app_db, vragenlijst, ander)
    at = open_app(WORKSHOP, d=eigen.deelnemer.token)
    assert not at.exception
    tabel = _logboek_tabel(_tabellen(_tab(at, "Logboek")))
    assert list(tabel["Wat"]) == ["Consensus vastgesteld", "Scanronde gestart"]
    assert list(tabel["Wie"]) == [LASTIG, "Deze computer"]
    # Shown literally: the cell is escaped Markdown, never a bold name or an HTML tag.
    ruw = next(t.value for t in _tab(at, "Logboek").table if "Wat" in t.value.columns)
    assert ruw["Wie"].iloc[0] == letterlijk(LASTIG)
    waarover = tabel["Waarover"].iloc[0]
    # The stelling by its number and the start of its text (a long one cut at a word).
    kop = f"Stelling {b1.nummer}.1: "
    assert waarover.startswith(kop) and " ".join(s1.tekst.nl.split()).startswith(
        waarover[len(kop) :].removesuffix(" …")
    )
    assert list(tabel["Was"]) == ["–", "–"]
    assert tabel["Werd"].iloc[0] == "niveau: 3; onderbouwing: ja"
    assert "Scanronde afgerond" not in list(tabel["Wat"])  # that was Almere's round
    # The download buttons are there, for every line.
    labels = [b.proto.label for b in _tab(at, "Logboek").get("download_button")]
    assert labels == ["Logboek downloaden (CSV)", "Logboek downloaden (Excel)"]


def test_workshop_tab__a_participant_gets_no_workshop_and_no_trail(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    from scan.services import start

    anna = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Anna")
    at = open_app(WORKSHOP, d=anna.deelnemer.token)
    assert not at.exception
    assert not [t for t in at.tabs if t.label == "Logboek"]


def test_beheer__the_gemeentes_trail_and_earlier_roles__nothing_of_another_gemeente(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    als: Callable[..., None],
) -> None:
    utrecht = start_ronde(app_db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 11, 22))
    almere = start_ronde(app_db, vragenlijst, gm_code="GM0034", facilitator="Ahmed", datum=dt.date(2026, 11, 22))
    workshop.rond_af(app_db, vragenlijst, almere)
    workshop.rond_af(app_db, vragenlijst, utrecht)
    bea = Gebruiker(naam="Bea", email="bea@utrecht.nl", rollen={"GM0344": frozenset({"beheerder"})})
    beheer.ken_rol_toe(app_db, bea, "GM0344", "oud@utrecht.nl", "adviseur")
    rol = next(r for r in beheer.rollen_van(app_db, bea, "GM0344") if r.email == "oud@utrecht.nl")
    beheer.trek_rol_in(app_db, bea, rol.id, toegekend_op=rol.toegekend_op)

    ken_toe(app_db, "bea@utrecht.nl", "GM0344", "beheerder")
    als("bea@utrecht.nl", "Bea")
    at = open_app(BEHEER)
    assert not at.exception
    tabellen = _tabellen(at)
    logboek = _logboek_tabel(tabellen)
    # Bea's own first sign-in bound her address (issue 18, item 6): the newest line.
    assert list(logboek["Wat"]) == [
        "Inlogaccount gekoppeld aan het adres",
        "Rol ingetrokken",
        "Rol toegekend",
        "Scanronde afgerond",
        "Scanronde gestart",
    ]
    assert set(logboek["Scanronde"]) == {"–", str(utrecht.ronde.id)}
    assert "Ahmed" not in logboek.to_string()
    eerder = next(t for t in tabellen if "Ingetrokken door" in t.columns)
    assert [(r["E-mailadres"], r["Rol"], r["Ingetrokken door"]) for _, r in eerder.iterrows()] == [
        ("oud@utrecht.nl", "adviseur", "bea@utrecht.nl")
    ]
    assert any(h.value == "Eerdere rollen" for h in at.subheader)

    # Almere's beheerder sees Almere's round, nothing of Utrecht.
    ken_toe(app_db, "bo@almere.nl", "GM0034", "beheerder")
    als("bo@almere.nl", "Bo")
    at = open_app(BEHEER)
    assert not at.exception
    logboek = _logboek_tabel(_tabellen(at))
    assert set(logboek["Scanronde"]) == {"–", str(almere.ronde.id)}  # "–": Bo's sign-in
    assert "utrecht" not in logboek.to_string().lower()
    assert not [t for t in _tabellen(at) if "Ingetrokken door" in t.columns]
