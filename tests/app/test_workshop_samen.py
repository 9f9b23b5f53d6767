"""AppTest of the Workshop page's Samen block (issue 16): mode and naming, open, reveal, re-vote,
timer, the refusals in the services' words, names only in a named round, the session plan, the
discipline view, and the way into the presenter view with its keys."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, samen, start
from scan.services.samen import OP_NAAM_TE_LAAT
from scan.ui.weergave import zichtbare_tekst
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"


@pytest.fixture
def kamer(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> list[Sessie]:
    """Fatima's round with three participants who have not answered yet."""
    return [
        start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam, functie=functie)
        for naam, functie in (("Anna", "Teamleider KCC"), ("Bert", "KCC-medewerker"), ("Cem", "Informatieadviseur"))
    ]


def _stem(db: Database, vl: Vragenlijst, sessie: Sessie, stellingen: list[str], niveau: int) -> None:
    for s in stellingen:
        invullen.sla_antwoord_op(db, vl, sessie, s, str(niveau))


def _eerste_bouwsteen(vl: Vragenlijst) -> list[str]:
    return [s.id for s in vl.bouwstenen[0].stellingen]


def _tekst(at: AppTest) -> str:
    return "\n".join(
        [m.value for m in at.markdown] + [c.value for c in at.caption] + [x.value for x in [*at.error, *at.warning]]
    )


def _open(open_app: Callable[..., AppTest], ronde: Sessie) -> AppTest:
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    return at


def test_eigen_tempo__block_is_one_line_with_the_switches(
    open_app: Callable[..., AppTest], ronde: Sessie, kamer: list[Sessie]
) -> None:
    at = _open(open_app, ronde)
    assert at.radio(key="samen_modus").value == "eigen_tempo"
    assert at.toggle(key="samen_op_naam").value is False
    assert "Anoniem: u ziet wie al geantwoord heeft" in _tekst(at)
    # No controls of a Samen session while the round runs at its own pace.
    assert not [b for b in at.button if b.key and b.key.startswith("samen_")]


def test_switch_to_samen__stored_and_the_controls_appear(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    at = _open(open_app, ronde)
    at.radio(key="samen_modus").set_value("samen").run()
    assert not at.exception
    assert samen.mijn_deel(app_db, ronde).modus == "samen"
    assert "Nog geen onderdeel geopend" in at.info[0].value
    assert at.button(key="samen_onthul").disabled
    assert not at.button(key="samen_volgende").disabled
    # Back to Eigen tempo: stored, and the controls go.
    at.radio(key="samen_modus").set_value("eigen_tempo").run()
    assert samen.mijn_deel(app_db, ronde).modus == "eigen_tempo"


def test_next_then_blind__who_answered_by_name_but_no_distribution(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = _open(open_app, ronde)
    at.button(key="samen_volgende").click().run()
    assert not at.exception
    stap = samen.mijn_deel(app_db, ronde).stap
    assert stap is not None and stap.bouwsteen == vragenlijst.bouwstenen[0].id and not stap.onthuld
    _stem(app_db, vragenlijst, kamer[0], _eerste_bouwsteen(vragenlijst), 1)
    _stem(app_db, vragenlijst, kamer[1], _eerste_bouwsteen(vragenlijst), 5)
    at.run()
    tekst = _tekst(at)
    assert "**2 van 3** hebben geantwoord · nog bezig: Cem" in tekst
    assert "Blind: de antwoorden blijven verborgen" in tekst
    assert "Timer: 0:" in tekst
    # Blind: nothing of how anyone answered, not in a table, not by name.
    # (The Samen block's distribution table starts with the column "Stelling"; the tabs below are
    # blind through the service.)
    assert not any("Stelling" in t.value.columns for t in at.table)


def test_reveal__distribution_per_stelling_without_names_in_an_anonymous_round(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    samen.volgende(app_db, vragenlijst, ronde)
    for sessie, niveau in zip(kamer, (1, 3, 5), strict=True):
        _stem(app_db, vragenlijst, sessie, _eerste_bouwsteen(vragenlijst), niveau)
    at = _open(open_app, ronde)
    at.button(key="samen_onthul").click().run()
    assert not at.exception
    assert samen.mijn_deel(app_db, ronde).stap.onthuld  # type: ignore[union-attr]
    verdeling = at.table[0].value
    assert list(verdeling.columns[1:6]) == [
        "1 · Startend",
        "2 · Basis",
        "3 · Samenhangend",
        "4 · Gestuurd",
        "5 · Voorbeeld",
    ]
    assert list(verdeling.iloc[0].iloc[1:6]) == [1, 0, 1, 0, 1]
    assert "Wie (op naam)" not in verdeling.columns
    assert "Anna" not in verdeling.to_string()
    # The first stelling is a bespreekpunt: the re-vote key names it.
    assert at.button(key="samen_herstem").label.startswith("Herstemming 1.")
    assert at.button(key="samen_onthul").disabled


def test_named_round__names_beside_answers_after_the_reveal(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = _open(open_app, ronde)
    at.toggle(key="samen_op_naam").set_value(True).run()
    assert samen.mijn_deel(app_db, ronde).op_naam
    assert "Op naam: u ziet namen bij de antwoorden" in _tekst(at)
    samen.volgende(app_db, vragenlijst, ronde)
    _stem(app_db, vragenlijst, kamer[0], _eerste_bouwsteen(vragenlijst), 2)
    at.run()
    # Before the reveal: still nothing of the answer, named round or not.
    assert not any("Wie (op naam)" in t.value.columns for t in at.table)
    samen.onthul(app_db, ronde)
    at.run()
    verdeling = at.table[0].value
    assert zichtbare_tekst(verdeling["Wie (op naam)"].iloc[0]) == "Anna: 2"


def test_named_after_the_first_answer__refused_in_the_services_words(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    samen.volgende(app_db, vragenlijst, ronde)
    _stem(app_db, vragenlijst, kamer[0], _eerste_bouwsteen(vragenlijst)[:1], 2)
    at = _open(open_app, ronde)
    at.toggle(key="samen_op_naam").set_value(True).run()
    assert not at.exception
    assert zichtbare_tekst(at.error[0].value) == OP_NAAM_TE_LAAT
    assert at.toggle(key="samen_op_naam").value is False
    assert not samen.mijn_deel(app_db, ronde).op_naam


def test_revote__first_beside_second_and_the_outcome(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    samen.volgende(app_db, vragenlijst, ronde)
    stellingen = _eerste_bouwsteen(vragenlijst)
    for sessie, niveau in zip(kamer, (1, 3, 5), strict=True):
        _stem(app_db, vragenlijst, sessie, stellingen, niveau)
    samen.onthul(app_db, ronde)
    at = _open(open_app, ronde)
    punt = at.button(key="samen_herstem")
    punt.click().run()
    assert not at.exception
    stap = samen.mijn_deel(app_db, ronde).stap
    assert stap is not None and stap.herstemming and stap.stelling in stellingen
    assert "**0 van 3** hebben opnieuw gestemd" in _tekst(at)
    for sessie, niveau in zip(kamer, (3, 3, 4), strict=True):
        samen.sla_herstemming_op(app_db, vragenlijst, sessie, stap.stelling, str(niveau))  # type: ignore[arg-type]
    at.button(key="samen_onthul").click().run()
    tabel = at.table[0].value
    assert tabel["Eerste stem"].iloc[0] == "1×1 · 3×1 · 5×1"
    assert list(tabel.iloc[0].iloc[2:7]) == [0, 0, 2, 1, 0]
    assert "Samengekomen: spreiding 4 → 1" in at.success[0].value
    # A re-voted stelling is no longer offered for a re-vote; the key moves on to the next
    # bespreekpunt of the same bouwsteen (every stelling here was 1, 3, 5 apart).
    tekst = next(x.tekst.nl for _, x in vragenlijst.stellingen() if x.id == stap.stelling)
    opties = at.selectbox(key="samen_herstem_keuze").options
    assert opties and not any(tekst[:60] in o for o in opties)
    volgende = at.button(key="samen_herstem")
    assert not volgende.disabled and volgende.label != punt.label
    assert volgende.label.startswith("Herstemming 1.")
    at.button(key="samen_herstemming").click().run()
    assert "Kies eerst een stelling" in at.error[0].value


def test_last_bouwsteen__next_is_refused_visibly(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    samen.open_deel(app_db, vragenlijst, ronde, bouwsteen=vragenlijst.bouwstenen[-1].id)
    at = _open(open_app, ronde)
    at.button(key="samen_volgende").click().run()
    assert not at.exception
    assert "Dit was de laatste bouwsteen" in at.error[0].value


def test_open_a_chosen_stelling_and_restart_the_timer(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = _open(open_app, ronde)
    gekozen = vragenlijst.bouwstenen[2].stellingen[1].id
    at.selectbox(key="samen_stelling_keuze").set_value(gekozen)
    at.button(key="samen_stelling").click().run()
    stap = samen.mijn_deel(app_db, ronde).stap
    assert stap is not None and stap.stelling == gekozen and not stap.herstemming
    at.button(key="samen_timer").click().run()
    assert not at.exception
    assert samen.mijn_deel(app_db, ronde).stap.timer_vanaf is not None  # type: ignore[union-attr]
    # A bouwsteen by choice.
    at.selectbox(key="samen_bouwsteen_keuze").set_value(vragenlijst.bouwstenen[5].id)
    at.button(key="samen_bouwsteen").click().run()
    assert samen.mijn_deel(app_db, ronde).stap.bouwsteen == vragenlijst.bouwstenen[5].id  # type: ignore[union-attr]


def test_participant__gets_no_workshop_and_no_controls(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = open_app(WORKSHOP, d=kamer[0].deelnemer.token)
    assert not at.exception
    assert "voor de facilitator" in at.warning[0].value
    assert not [r for r in at.radio if r.key == "samen_modus"]
    assert not [b for b in at.button if b.key and b.key.startswith("samen_")]


def test_session_plan__warns_when_it_runs_over(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = _open(open_app, ronde)
    assert "Nog niet ingesteld: het plan rekent met 180 minuten" in _tekst(at)
    at.number_input(key="samen_duur").set_value(60).run()
    assert not at.exception
    assert bespreken.duur_uit(None) is None
    plan = bespreken.sessieplan(app_db, vragenlijst, ronde.ronde.id)
    assert plan.ingesteld and plan.plan.duur == 60 and plan.plan.over > 0
    assert any("Het plan loopt" in w.value and "over de 60 minuten" in w.value for w in at.warning)


def test_part_over_its_planned_minutes__warned(
    open_app: Callable[..., AppTest],
    app_db: Database,
    vragenlijst: Vragenlijst,
    ronde: Sessie,
    kamer: list[Sessie],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    stap = samen.volgende(app_db, vragenlijst, ronde)
    from scan.ui.panelen import workshop_samen

    monkeypatch.setattr(workshop_samen, "nu", lambda: stap.geopend_op + __import__("datetime").timedelta(hours=1))
    at = _open(open_app, ronde)
    assert any("loopt" in w.value and "over de geplande tijd" in w.value for w in at.warning)


def test_disciplines__groups_of_two_or_more_and_who_sees_it_differently(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    cem2 = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Dana", functie="ICT-architect")
    stellingen = _eerste_bouwsteen(vragenlijst)
    for sessie, niveau in zip([*kamer, cem2], (1, 1, 4, 4), strict=True):
        _stem(app_db, vragenlijst, sessie, stellingen, niveau)
    at = _open(open_app, ronde)
    tab = next(t for t in at.tabs if t.label == "Disciplines")
    tabel = tab.table[0].value
    rij = tabel.iloc[0]
    assert zichtbare_tekst(rij["Groepen (personen): gemiddeld niveau"]) == "KCC (2): 1 · ICT (2): 4"
    assert rij["Ziet het anders?"] == "ja, een niveau of meer"
    assert "Anna" not in tabel.to_string()


def test_presenter_mode__projector_view_with_the_keys_in_this_browser_session(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie, kamer: list[Sessie]
) -> None:
    samen.zet_modus(app_db, ronde, "samen")
    at = _open(open_app, ronde)
    at.button(key="samen_presenteren").click().run()
    assert not at.exception
    assert "d" not in at.query_params and at.query_params["scherm"] == bespreken.presentatie_token(app_db, ronde)
    assert at.button(key="presentator_volgende")
    # AppTest reruns the page it was pointed at last; a browser stays on the presenter view.
    at.switch_page("scan/ui/paginas/scherm.py")
    at.query_params.pop("d", None)
    at.button(key="presentator_volgende").click().run()
    assert not at.exception
    stap = samen.mijn_deel(app_db, ronde).stap
    assert stap is not None and stap.bouwsteen == vragenlijst.bouwstenen[0].id
    assert at.button(key="presentator_volgende").proto.shortcut
    # Keys off (WCAG 2.1.4): the buttons stay, without a shortcut.
    at.toggle(key="presentator_sneltoetsen").set_value(False).run()
    assert not at.button(key="presentator_onthul").proto.shortcut
