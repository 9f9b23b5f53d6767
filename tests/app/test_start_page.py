"""AppTest of Start: join with a code, start a round, resume with a personal link; bad input in Dutch."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select, update
from streamlit.testing.v1 import AppTest

from scan.db.tabellen import DeelnemerRij, RondeRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import start
from scan.ui.weergave import zichtbare_tekst

pytestmark = pytest.mark.apptest


def _meedoen(at: AppTest, code: str | None, naam: str) -> AppTest:
    if code is not None:
        at.text_input[0].input(code)
    at.text_input[1].input(naam)
    at.text_input[2].input("KCC")
    at.button(key="FormSubmitter:meedoen-Meedoen").click()
    return at.run()


def _deelnemers(db: Database, ronde_id: int) -> list[str]:
    with db.lezen() as s:
        return list(s.scalars(select(DeelnemerRij.naam).where(DeelnemerRij.ronde_id == ronde_id)))


def test_start__join_link_with_code__prefills_it_and_joining_opens_invullen(
    open_app: Callable[..., AppTest], ronde: Sessie, app_db: Database
) -> None:
    at = open_app(code=ronde.ronde.code)
    assert at.text_input[0].value == ronde.ronde.code_leesbaar  # as the projector shows it, with its dash
    at = _meedoen(at, None, "Karel Jansen")
    assert not at.exception
    assert at.title[0].value == "1. Kanaalinzet"
    assert _deelnemers(app_db, ronde.ronde.id) == ["Fatima", "Karel Jansen"]
    # The personal link is kept out of the query string (issue 18): the session holds the token
    # and the page's script puts it behind '#' in the address and in a cookie.
    assert "d" not in at.query_params
    token = at.session_state["token"]
    script = " ".join(h.proto.body for h in at.get("html") if "__zelfscanLink" in h.proto.body)
    assert f'"d": "{token}"' in script
    assert start.sessie_voor_token(app_db, token) is not None


@pytest.mark.parametrize(
    ("code", "naam", "melding"),
    [
        ("ZZZZ-ZZZZ", "Karel", "Er is geen scanronde met code 'ZZZZ-ZZZZ'"),
        ("{code}", "   ", "Uw naam is leeg"),
        ("{code}", "fatima", "al iemand mee als 'fatima'"),
    ],
)
def test_start__bad_join_input__gives_a_dutch_message_and_adds_nobody(
    open_app: Callable[..., AppTest], ronde: Sessie, app_db: Database, code: str, naam: str, melding: str
) -> None:
    at = _meedoen(open_app(), code.format(code=ronde.ronde.code), naam)
    assert not at.exception
    assert melding in zichtbare_tekst(at.error[0].value)
    assert _deelnemers(app_db, ronde.ronde.id) == ["Fatima"]
    assert "d" not in at.query_params


def test_start__round_of_an_older_questionnaire__is_refused_with_both_versions(
    open_app: Callable[..., AppTest], ronde: Sessie, app_db: Database
) -> None:
    with app_db.schrijven() as s:
        s.execute(update(RondeRij).where(RondeRij.id == ronde.ronde.id).values(vragenlijst_versie="0.9"))
    at = _meedoen(open_app(), ronde.ronde.code, "Karel")
    assert not at.exception
    assert "vragenlijstversie 0.9" in zichtbare_tekst(at.error[0].value)
    assert _deelnemers(app_db, ronde.ronde.id) == ["Fatima"]


def test_start__new_round__for_a_chosen_gemeente_opens_the_workshop(
    open_app: Callable[..., AppTest], app_db: Database, beheer_geheim: str
) -> None:
    at = open_app(beheer=beheer_geheim)
    at.selectbox[0].set_value("GM0080")
    at.text_input(key="nieuw_naam").input("Fatima Bakker")
    at.button(key="FormSubmitter:nieuw-Scanronde starten").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Workshop Leeuwarden"
    with app_db.lezen() as s:
        assert s.scalar(select(func.count()).select_from(RondeRij).where(RondeRij.gm_code == "GM0080")) == 1


def test_start__new_round_without_gemeente__asks_to_choose_one(
    open_app: Callable[..., AppTest], app_db: Database, beheer_geheim: str
) -> None:
    at = open_app(beheer=beheer_geheim)
    at.text_input(key="nieuw_naam").input("Fatima Bakker")
    at.button(key="FormSubmitter:nieuw-Scanronde starten").click()
    at.run()
    assert not at.exception
    assert "Kies eerst de gemeente" in zichtbare_tekst(at.error[0].value)
    with app_db.lezen() as s:
        assert s.scalar(select(func.count()).select_from(RondeRij)) == 0


def test_start__personal_link__welcomes_back(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(d=ronde.deelnemer.token)
    assert not at.exception
    assert at.header[0].value == "Welkom terug, Fatima"
    assert any(ronde.ronde.code_leesbaar in m.value for m in at.markdown)


def test_start__pasted_personal_link__resumes_and_an_unknown_one_is_refused(
    open_app: Callable[..., AppTest], ronde: Sessie
) -> None:
    at = open_app()
    at.text_input[-1].input("https://zelfscan.example/start?d=verkeerd")
    at.button(key="FormSubmitter:terug-Verder gaan").click()
    at.run()
    assert "hoort bij geen enkele deelnemer" in zichtbare_tekst(at.error[0].value)
    at.text_input[-1].input(f"https://zelfscan.example/?d={ronde.deelnemer.token}")
    at.button(key="FormSubmitter:terug-Verder gaan").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "1. Kanaalinzet"


def test_start__unknown_token_in_the_url__says_the_link_is_unknown(open_app: Callable[..., AppTest]) -> None:
    at = open_app(d="bestaat-niet")
    assert not at.exception
    assert not at.error
    assert "Deze persoonlijke link is onbekend" in at.warning[0].value
    assert "d" not in at.query_params


def test_start__empty_personal_link__asks_to_paste_it(open_app: Callable[..., AppTest]) -> None:
    at = open_app()
    at.button(key="FormSubmitter:terug-Verder gaan").click()
    at.run()
    assert "Plak eerst uw persoonlijke link" in zichtbare_tekst(at.error[0].value)


def test_start__gemeente_list__finds_everyday_names_and_names_without_accents(
    open_app: Callable[..., AppTest], beheer_geheim: str
) -> None:
    opties = open_app(beheer=beheer_geheim).selectbox[0].options
    assert "'s-Hertogenbosch (Noord-Brabant) · Den Bosch, Hertogenbosch" in opties
    assert "'s-Gravenhage (Zuid-Holland) · Den Haag" in opties
    assert "Súdwest-Fryslân (Fryslân) · Sudwest-Fryslan" in opties
    assert "Utrecht (Utrecht)" in opties
