"""AppTest of the guards against floods and foreign hosts (issue 13, cases 3 and 4).

- a full round refuses the next joiner on Start in Dutch, and Workshop tells the facilitator;
- wrong join codes, personal links, presenter links and beheer links are slowed down per
  browser session after a few failures ("Te veel pogingen; ..."), without checking the guess;
- a page asked for under a foreign Host name gives nothing: no beheer rights, no cookie.

The throttle's rules themselves (windows, addresses, waits) are unit-tested with an injected clock
in tests/unit/test_afremmen.py; here only that each page asks it, before it checks a guess.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import start
from scan.ui import afremmen, afscherming, identiteit
from scoring.models import Vragenlijst

pytestmark = pytest.mark.apptest
WORKSHOP = "scan/ui/paginas/workshop.py"
SCHERM = "scan/ui/paginas/scherm.py"
TE_VEEL = "Te veel pogingen; probeer het over"


def _meedoen(at: AppTest, code: str, naam: str) -> AppTest:
    at.text_input[0].input(code)
    at.text_input[1].input(naam)
    at.button(key="FormSubmitter:meedoen-Meedoen").click()
    return at.run()


def _vul(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> None:
    for i in range(start.MAX_DEELNEMERS - 1):
        start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=f"Deelnemer {i:02d}")


def test_full_round__the_joiner_gets_dutch_and_the_facilitator_a_notice(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    _vul(app_db, vragenlijst, ronde)
    at = _meedoen(open_app(), ronde.ronde.code, "Nummer Eenenzestig")
    assert not at.exception
    assert f"er doen al {start.MAX_DEELNEMERS} mensen mee" in at.error[0].value
    assert "d" not in at.query_params
    werkplaats = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not werkplaats.exception
    assert any(
        f"De scanronde is vol ({start.MAX_DEELNEMERS} deelnemers); 1 aanmelding(en) geweigerd" in w.value
        for w in werkplaats.warning
    )


def test_nearly_full_round__the_facilitator_sees_the_places_left(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie
) -> None:
    for i in range(start.MAX_DEELNEMERS - 4):
        start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam=f"Deelnemer {i:02d}")
    werkplaats = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert any("Nog 3 plaatsen" in i.value for i in werkplaats.info)


def test_wrong_join_codes__are_slowed_after_five_and_a_right_one_then_waits_too(
    open_app: Callable[..., AppTest], app_db: Database, ronde: Sessie
) -> None:
    at = open_app()
    for _ in range(afremmen.VRIJ_PER_SESSIE):
        at = _meedoen(at, "ZZZZ-ZZZZ", "Gokker")
        assert "Er is geen scanronde met code" in at.error[0].value
    at = _meedoen(at, ronde.ronde.code, "Gokker")
    assert not at.exception
    assert TE_VEEL in at.error[0].value, "refused before the code is even looked up"
    assert start.bezetting(app_db, ronde.ronde.id)[0] == 1
    # Another browser (session) is not slowed down by these failures.
    ander = _meedoen(open_app(), ronde.ronde.code, "Collega")
    assert not ander.error and "token" in ander.session_state


def test_wrong_personal_links__are_slowed_after_five(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app()
    for i in range(afremmen.VRIJ_PER_SESSIE):
        at.query_params["d"] = f"geraden{i}"
        at.run()
        assert any("link" in w.value for w in at.warning)
    at.query_params["d"] = ronde.deelnemer.token
    at.run()
    assert not at.exception
    assert any(TE_VEEL in w.value for w in at.warning)
    assert "token" not in at.session_state


def test_wrong_presenter_links__are_slowed_after_five(open_app: Callable[..., AppTest]) -> None:
    at = open_app(SCHERM, scherm="geraden")
    for i in range(afremmen.VRIJ_PER_SESSIE):
        at.query_params["scherm"] = f"geraden{i}"
        at.run()
    assert any(TE_VEEL in w.value for w in at.warning)


def test_wrong_beheer_links__are_slowed_after_five_and_the_right_one_then_waits(
    open_app: Callable[..., AppTest], beheer_geheim: str
) -> None:
    at = open_app()
    for i in range(afremmen.VRIJ_PER_SESSIE):
        at.query_params["beheer"] = f"geraden{i}"
        at.run()
    at.query_params["beheer"] = beheer_geheim
    at.run()
    assert not at.exception
    assert any(TE_VEEL in w.value for w in at.warning)
    assert at.session_state["beheer_geldig"] is False
    # A browser without failures gets in with the same link.
    assert open_app(beheer=beheer_geheim).session_state["beheer_geldig"] is True


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8501", "zelfscan.evil.example."])
def test_foreign_host__gets_no_beheer_session_and_no_cookie(
    open_app: Callable[..., AppTest], beheer_geheim: str, monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    monkeypatch.setattr(afscherming, "lees_host", lambda: host)
    monkeypatch.setattr(identiteit, "lees_beheer_cookie", lambda: beheer_geheim)  # even with a valid cookie
    at = open_app(beheer=beheer_geheim)
    assert not at.exception
    assert "niet bereikbaar onder deze naam" in at.error[0].value
    assert "beheer_geldig" not in at.session_state and "beheer_geheim" not in at.session_state
    assert not [h for h in at.get("html") if "zelfscan_beheer" in h.proto.body]
    assert not at.button


@pytest.mark.parametrize("host", ["127.0.0.1:8501", "localhost:8501", "192.168.1.20:8501", "[::1]:8501", None])
def test_own_hosts__get_the_beheer_session(
    open_app: Callable[..., AppTest], beheer_geheim: str, monkeypatch: pytest.MonkeyPatch, host: str | None
) -> None:
    monkeypatch.setattr(afscherming, "lees_host", lambda: host)
    at = open_app(beheer=beheer_geheim)
    assert not at.error
    assert at.session_state["beheer_geldig"] is True


def test_a_configured_name__is_allowed(
    open_app: Callable[..., AppTest], beheer_geheim: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(afscherming, "lees_host", lambda: "zelfscan.gemeente.example")
    monkeypatch.setenv("SCAN_TOEGESTANE_HOSTS", "*.gemeente.example")
    assert open_app(beheer=beheer_geheim).session_state["beheer_geldig"] is True
