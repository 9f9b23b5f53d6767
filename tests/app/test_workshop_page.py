"""AppTest of Workshop: code and QR, who fills what, bespreekpunten in order, consensus with conflicts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import bespreken, invullen, start, workshop
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"


@pytest.fixture
def gevulde_ronde(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    """Three participants; they disagree (1, 3, 5) on the first stelling only."""
    for i, naam in enumerate(["Anna", "Bert", "Cem"]):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for j, (_, s) in enumerate(vragenlijst.stellingen()[:10]):
            invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, str(1 + 2 * i) if j == 0 else "3")
        invullen.sla_toelichting_op(app_db, vragenlijst, sessie, vragenlijst.stellingen()[0][1].id, f"Argument {naam}")
    return ronde


def test_workshop__shows_code_link_qr_and_who_filled_what(
    open_app: Callable[..., AppTest], gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    n = len(vragenlijst.stellingen())
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    assert not at.exception
    assert at.title[0].value == "Workshop Utrecht"
    assert any(gevulde_ronde.ronde.code_leesbaar in h.proto.body for h in at.get("html"))
    assert f"/?code={gevulde_ronde.ronde.code}" in at.code[0].value
    assert len(at.get("image")) == 1
    voortgang = at.table[0].value
    assert list(voortgang["Naam"]) == ["Fatima", "Anna", "Bert", "Cem"]
    # Words a screen reader reads as they are, no bar of block characters ("full block" ten times).
    assert list(voortgang["Beantwoord"]) == [f"0 van {n}", f"10 van {n}", f"10 van {n}", f"10 van {n}"]
    # The facilitator who has not answered is not counted among those the room waits for.
    assert at.header[0].value == "Wie vult wat in (3 deelnemers)"


def test_workshop__bespreekpunt__shows_distribution_notes_without_names(
    open_app: Callable[..., AppTest], gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.stellingen()[0][1]
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    assert at.tabs[0].label == "Bespreekpunten"
    assert any("Nog te bespreken: 1**, ca. 3 minuten" in m.value for m in at.markdown)
    blok = at.expander[0]
    assert eerste.tekst.nl in blok.label
    assert "spreiding 4" in blok.label
    verdeling = blok.table[0].value
    assert list(verdeling.iloc[0]) == [1, 0, 1, 0, 1, 0, 0]
    assert verdeling.columns[0] == "1 · Startend"
    tekst = " ".join(m.value for m in blok.markdown)
    assert "Argument Anna" in tekst and "Anna)" not in tekst


def test_workshop__setting_consensus__is_stored_and_shown(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.stellingen()[0][1].id
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    at.radio(key=f"bp_cn_{eerste}").set_value(2)
    at.text_input(key=f"bp_co_{eerste}").input("Alleen het KCC werkt zo")
    at.button(key=f"FormSubmitter:bp_c_{eerste}-Vastleggen").click().run()
    assert not at.exception
    opgeslagen = workshop.consensus(app_db, gevulde_ronde)[eerste]
    assert (opgeslagen.niveau, opgeslagen.toelichting, opgeslagen.vastgesteld_door) == (
        2,
        "Alleen het KCC werkt zo",
        "Fatima",
    )
    assert "Consensus: niveau 2" in at.expander[0].success[0].value
    assert any("Nog te bespreken: 0**" in m.value for m in at.markdown)
    assert at.header[1].value == "Besproken, met consensus (1)"
    assert at.toast[0].value.startswith("Consensus vastgelegd bij stelling 1.1: niveau 2")


def test_workshop__consensus_set_meanwhile_by_another_facilitator__is_a_conflict_not_an_overwrite(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.stellingen()[0][1].id
    tweede = start.neem_deel(app_db, vragenlijst, code=gevulde_ronde.ronde.code, naam="Bas", rol="facilitator")
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)  # Fatima's screen, no consensus yet
    workshop.stel_consensus_vast(
        app_db, vragenlijst, tweede, stelling=eerste, niveau=4, toelichting="Bas zegt 4", verwachte_versie=None
    )
    at.radio(key=f"bp_cn_{eerste}").set_value(2)
    at.button(key=f"FormSubmitter:bp_c_{eerste}-Vastleggen").click().run()
    assert not at.exception
    waarschuwing = " ".join(w.value for w in at.warning)
    assert "Niet vastgelegd: een andere facilitator heeft de consensus" in waarschuwing
    # Both versions as literal text: Fatima's 2 beside Bas's 4, his note, his name.
    teksten = [x.value for x in at.text]
    assert "Bas zegt 4" in teksten
    assert any(x.startswith("2 · ") for x in teksten) and any(x.startswith("4 · ") for x in teksten)
    assert any(x.startswith("gewijzigd door Bas") for x in teksten)
    assert at.toast[0].value.startswith("Niet vastgelegd: iemand anders was u voor")
    assert workshop.consensus(app_db, gevulde_ronde)[eerste].niveau == 4


def test_workshop__per_bouwsteen__has_the_distribution_chart(
    open_app: Callable[..., AppTest], gevulde_ronde: Sessie
) -> None:
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    spec = at.get("vega_lite_chart")[0].proto.spec
    assert "weet niet" in spec and "Antwoorden per stelling" in spec


def test_workshop__personal_links__are_hidden_until_asked(
    open_app: Callable[..., AppTest], gevulde_ronde: Sessie
) -> None:
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    assert not any("#d=" in c.value for c in at.code)
    at.toggle(key="workshop_links").set_value(True).run()
    assert sum("#d=" in c.value for c in at.code) == 4


def test_workshop__a_participant__is_refused_in_dutch(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    karel = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")
    at = open_app(WORKSHOP, d=karel.deelnemer.token)
    assert not at.exception
    assert "voor de facilitator" in at.warning[0].value
    assert not at.title


def test_workshop__closing_fixes_the_answers_and_reopening_frees_them(
    open_app: Callable[..., AppTest], gevulde_ronde: Sessie, app_db: Database, vragenlijst: Vragenlijst
) -> None:
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    knop = next(b for b in at.button if b.proto.label == "Scanronde afronden")
    assert knop.disabled  # only after saying the werkgroep is done
    at.checkbox(key="workshop_afronden_zeker").check()
    at.run()
    next(b for b in at.button if b.proto.label == "Scanronde afronden").click()
    at.run()
    assert not at.exception
    assert any("Deze scanronde is afgerond" in s.value for s in at.success)
    sessie = start.sessie_voor_token(app_db, gevulde_ronde.deelnemer.token)
    assert sessie is not None and sessie.ronde.status == "afgerond"
    invulscherm = open_app("scan/ui/paginas/invullen.py", d=gevulde_ronde.deelnemer.token)
    assert any("afgerond" in i.value for i in invulscherm.info)
    assert all(r.disabled for r in invulscherm.radio)
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    next(b for b in at.button if b.proto.label == "Scanronde heropenen").click()
    at.run()
    sessie = start.sessie_voor_token(app_db, gevulde_ronde.deelnemer.token)
    assert sessie is not None and sessie.ronde.status == "open"


# --- presenter link, agenda, clearing a consensus --------------------------------------------


def test_workshop__presenter_link__shown_opened_and_renewed(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie
) -> None:
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    token = bespreken.presentatie_token(app_db, gevulde_ronde)
    assert any(c.value.endswith(f"/scherm?scherm={token}") for c in at.code)
    knop = at.get("link_button")[0]
    assert knop.proto.label == "Presentatiescherm openen"
    assert knop.proto.url.endswith(f"/scherm?scherm={token}")
    # The presenter link is no personal link.
    assert "d=" not in knop.proto.url
    at.button(key="workshop_scherm_nieuw").click().run()
    assert not at.exception
    nieuw = bespreken.presentatie_token(app_db, gevulde_ronde)
    assert nieuw != token
    assert bespreken.ronde_voor_scherm(app_db, token) is None
    assert any(c.value.endswith(f"/scherm?scherm={nieuw}") for c in at.code)
    assert at.toast[0].value.startswith("Nieuwe presentatielink gemaakt")


def test_workshop__park_and_undo__moves_the_point_and_is_stored(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.stellingen()[0][1].id
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    at.button(key=f"bp_park_{eerste}").click().run()
    assert not at.exception
    assert bespreken.markeringen(app_db, gevulde_ronde.ronde.id) == {eerste: "geparkeerd"}
    assert any(s.value == "Geparkeerd (1)" for s in at.header)
    assert any("Nog te bespreken: 0**" in m.value for m in at.markdown)
    assert "geparkeerd" in at.expander[0].label
    at.button(key=f"bp_terug_{eerste}").click().run()
    assert bespreken.markeringen(app_db, gevulde_ronde.ronde.id) == {}
    assert any("Nog te bespreken: 1**" in m.value for m in at.markdown)
    at.button(key=f"bp_later_{eerste}").click().run()
    assert bespreken.markeringen(app_db, gevulde_ronde.ronde.id) == {eerste: "later"}
    # "later" still counts as left for today.
    assert any("Nog te bespreken: 1**" in m.value for m in at.markdown)


def test_workshop__agenda_order__kern_and_spread_first_and_budget_line(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    kern = next(b for b in vragenlijst.bouwstenen if b.type == "kern")
    aanvullend = next(b for b in vragenlijst.bouwstenen if b.type == "aanvullend")
    smal_kern, breed_kern, breed_aanv = kern.stellingen[0], kern.stellingen[1], aanvullend.stellingen[0]
    for naam, waarden in (("Anna", ("1", "1", "1")), ("Bert", ("3", "5", "5"))):
        sessie = start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=naam)
        for s, w in zip((smal_kern, breed_kern, breed_aanv), waarden, strict=True):
            invullen.sla_antwoord_op(app_db, vragenlijst, sessie, s.id, w)
    bespreken.stel_agenda_in(app_db, ronde, minuten_per_punt=5, budget=10)
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    volgorde = [e.label for e in at.expander[:3]]
    assert volgorde[0].startswith(f"{kern.nummer}.2 ") and volgorde[1].startswith(f"{kern.nummer}.1 ")
    assert volgorde[2].startswith(f"{aanvullend.nummer}.1 ")
    assert any("ca. 15 minuten. Binnen 10 minuten passen er 2" in m.value for m in at.markdown)
    assert any(c.value == "Past niet meer binnen 10 minuten:" for c in at.caption)
    at.number_input(key="workshop_agenda_budget").set_value(15).run()
    assert bespreken.agenda_instelling(app_db, ronde.ronde.id) == (5.0, 15.0)
    assert not any(c.value.startswith("Past niet meer") for c in at.caption)


def test_workshop__consensus_wissen__clears_it(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.stellingen()[0][1].id
    workshop.stel_consensus_vast(
        app_db, vragenlijst, gevulde_ronde, stelling=eerste, niveau=3, toelichting="", verwachte_versie=None
    )
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    assert any(s.value == "Besproken, met consensus (1)" for s in at.header)
    at.button(key=f"bp_cw_{eerste}").click().run()
    assert not at.exception
    assert eerste not in workshop.consensus(app_db, gevulde_ronde)
    assert at.toast[0].value == "Consensus gewist"
    assert any("Nog te bespreken: 1**" in m.value for m in at.markdown)


def test_workshop__consensus_wissen_after_another_change__is_a_conflict(
    open_app: Callable[..., AppTest], app_db: Database, gevulde_ronde: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.stellingen()[0][1].id
    info = workshop.stel_consensus_vast(
        app_db, vragenlijst, gevulde_ronde, stelling=eerste, niveau=3, toelichting="", verwachte_versie=None
    )
    tweede = start.neem_deel(app_db, vragenlijst, code=gevulde_ronde.ronde.code, naam="Bas", rol="facilitator")
    at = open_app(WORKSHOP, d=gevulde_ronde.deelnemer.token)
    assert info is not None
    workshop.stel_consensus_vast(
        app_db, vragenlijst, tweede, stelling=eerste, niveau=4, toelichting="Bas", verwachte_versie=info.versie
    )
    at.button(key=f"bp_cw_{eerste}").click().run()
    assert not at.exception
    assert workshop.consensus(app_db, gevulde_ronde)[eerste].niveau == 4
    assert at.toast[0].value.startswith("Niet vastgelegd: iemand anders was u voor")
    assert "niets: intussen verwijderd of gewist" in [x.value for x in at.text]  # what Fatima tried: clearing
