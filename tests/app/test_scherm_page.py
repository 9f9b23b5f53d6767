"""AppTest of the Presentatiescherm (/scherm?scherm=<token>): read-only, no personal link, live state."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, start
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
SCHERM = "scan/ui/paginas/scherm.py"
SCHRIJVENDE_WIDGETS = (
    "button",
    "form_submit_button",
    "radio",
    "text_input",
    "text_area",
    "number_input",
    "checkbox",
    "toggle",
    "selectbox",
    "multiselect",
    "segmented_control",
    "slider",
    "select_slider",
    "date_input",
    "file_uploader",
)


@pytest.fixture
def gevulde_ronde(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    """Three participants who disagree (1, 3, 5) on the first stelling and agree on nine more."""
    for i, naam in enumerate(["Anna", "Bert", "Cem <b>"]):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for j, (_, s) in enumerate(vragenlijst.stellingen()[:10]):
            invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, str(1 + 2 * i) if j == 0 else "3")
    return ronde


def _tekst(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def _html(at: AppTest) -> str:
    """What the page drew with st.html (our own markup: the progress table, the hidden h1)."""
    return "\n".join(e.proto.body for e in at.get("html"))


def test_scherm__without_token__explains_in_dutch(open_app: Callable[..., AppTest]) -> None:
    at = open_app(SCHERM)
    assert not at.exception
    assert "presentatiescherm van een workshop" in at.info[0].value


def test_scherm__unknown_token__calm_dutch_message(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(SCHERM, scherm="bestaat-niet")
    assert not at.exception
    assert "werkt niet (meer)" in at.info[0].value
    assert not at.markdown or "Ingevuld" not in _tekst(at)


def test_scherm__valid_token__shows_progress_and_agenda_without_widgets_or_personal_link(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    token = bespreken.presentatie_token(app_db, gevulde_ronde)
    # Opened with the facilitator's personal link pasted into the address as well: it is dropped.
    at = open_app(SCHERM, scherm=token, d=gevulde_ronde.deelnemer.token)
    assert not at.exception
    tekst = _tekst(at)
    assert "Workshop Utrecht" in tekst
    assert "Ingevuld · 0 van 3 klaar" in tekst
    tabel = _html(at)
    assert "<td>Anna</td>" in tabel and f"10 van {len(vragenlijst.stellingen())}" in tabel
    assert "Cem &lt;b&gt;" in tabel and "<b>" not in tabel  # user text escaped, never markup
    # The block bar is for the eye only: hidden from screen readers, the count is text.
    zonder_balken = re.sub(r'<span aria-hidden="true">[█░]{10}</span>', "", tabel)
    assert zonder_balken != tabel and not set("█░") & set(zonder_balken)
    assert '<h1 class="zelfscan-sr-only">Presentatiescherm van de workshop Utrecht</h1>' in tabel
    eerste = vragenlijst.stellingen()[0][1]
    assert "Nog te bespreken: **1**" in tekst
    assert "Nu bespreken: stelling 1.1" in tekst
    # The distribution of the point to discuss: one person per level 1, 3 and 5, with the anchors.
    for n in (1, 3, 5):
        assert f"| 1 | {n} · " in tekst
    assert "| 1 | 2 · " not in tekst
    assert eerste.niveaus.bij(3).nl[:20] in tekst.replace("\\", "")
    for soort in SCHRIJVENDE_WIDGETS:
        # The one exception writes nothing: pausing the view's own refresh (WCAG 2.2.2).
        assert [w.key for w in at.get(soort)] == (["scherm_verversen"] if soort == "toggle" else []), soort
    # The fixture opens the start page first, which signs Fatima in from ?d= (a session that
    # knows her token, as when someone navigates there): the presenter page still neither uses
    # it nor puts it back into the address bar.
    assert at.session_state["token"] == gevulde_ronde.deelnemer.token
    assert "d" not in at.query_params
    assert at.query_params["scherm"] == token


def test_scherm__renewed_token__old_link_shows_nothing(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie
) -> None:
    oud = bespreken.presentatie_token(app_db, gevulde_ronde)
    bespreken.vernieuw_presentatie_token(app_db, gevulde_ronde)
    at = open_app(SCHERM, scherm=oud)
    assert not at.exception
    assert "werkt niet (meer)" in at.info[0].value
    assert "Anna" not in _tekst(at)


def test_scherm__join_block__big_while_joining_then_one_line_once_everyone_answered(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    token = bespreken.presentatie_token(app_db, gevulde_ronde)
    code = gevulde_ronde.ronde.code_leesbaar
    # Everyone has answered something: the join block is one small line with the code.
    at = open_app(SCHERM, scherm=token)
    assert not at.get("image")
    assert f"Doe mee met code **{code}**" in _tekst(at)
    # A latecomer who has not answered yet: big code and QR again.
    start.neem_deel(app_db, vragenlijst, code=gevulde_ronde.ronde.code, naam="Dirk")
    at = open_app(SCHERM, scherm=token)
    assert len(at.get("image")) == 1
    assert any(code in h.proto.body for h in at.get("html"))
    assert f"/?code={gevulde_ronde.ronde.code}" in at.code[0].value


def test_scherm__no_bespreekpunten__says_so(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    token = bespreken.presentatie_token(app_db, ronde)
    at = open_app(SCHERM, scherm=token)
    assert not at.exception
    assert "Nog geen bespreekpunten" in _tekst(at)
    assert "Nog niemand binnen" in _tekst(at)


def test_scherm__parked_top_point__moves_off_and_marks_are_counted(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    token = bespreken.presentatie_token(app_db, gevulde_ronde)
    bespreken.markeer(app_db, vragenlijst, gevulde_ronde, vragenlijst.stellingen()[0][1].id, "geparkeerd")
    at = open_app(SCHERM, scherm=token)
    tekst = _tekst(at)
    assert "Nog te bespreken: **0**" in tekst
    assert "geparkeerd 1" in tekst
    assert "Alle bespreekpunten zijn besproken of geparkeerd" in tekst
