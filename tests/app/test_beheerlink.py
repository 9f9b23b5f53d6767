"""AppTest of single-machine mode's beheer link: no address grants rights, only the secret.

AppTest has no client address, which the app used to take for the machine itself; now such a
browser is a participant at most, and ``?beheer=<secret>`` makes it the beheerder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import beheerlink
from scan.ui import identiteit, links

pytestmark = pytest.mark.apptest
APP = str(Path(__file__).resolve().parents[2] / "app.py")
VERGELIJKEN = "scan/ui/paginas/vergelijken.py"
BEHEER = "scan/ui/paginas/beheer.py"
WORKSHOP = "scan/ui/paginas/workshop.py"


def _kan_starten(at: AppTest) -> bool:
    return any(b.key == "FormSubmitter:nieuw-Scanronde starten" for b in at.button)


def _zijbalk(at: AppTest) -> str:
    return " ".join(c.value for c in at.sidebar.caption)


def _waarschuwingen(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


def test_without_the_secret__no_round_no_vergelijken_no_beheer(open_app: Callable[..., AppTest]) -> None:
    at = open_app()
    assert not at.exception
    assert not _kan_starten(at)
    assert any("browser die de beheerlink heeft geopend" in i.value for i in at.info)
    assert "python -m scan beheerlink" in _zijbalk(at)  # says how to get the link
    assert not any(b.key == "beheer_stop" for b in at.sidebar.button)
    for pagina in (VERGELIJKEN, BEHEER):
        at = open_app(pagina)
        assert not at.exception
        assert "alleen te openen in de browser die de beheerlink heeft geopend" in _waarschuwingen(at)
        assert not at.dataframe and not at.get("multiselect")


def test_with_the_secret__the_browser_is_the_beheerder_and_the_secret_leaves_the_address(
    open_app: Callable[..., AppTest], beheer_geheim: str, app_db: Database
) -> None:
    at = open_app(beheer=beheer_geheim)
    assert not at.exception
    assert "beheer" not in at.query_params
    assert _kan_starten(at)
    assert "Deze browser heeft de beheerlink geopend" in _zijbalk(at)
    # The cookie that keeps the rights across a reload: set once, strict, for the whole app.
    script = " ".join(h.proto.body for h in at.get("html") if "zelfscan_beheer=" in h.proto.body)
    assert (
        f"{identiteit.BEHEER_COOKIE}={beheer_geheim}" in script and "SameSite=Strict" in script and "Path=/" in script
    )
    # Later runs keep the rights without the secret in the address.
    at.selectbox[0].set_value("GM0080")
    at.text_input(key="nieuw_naam").input("Fatima Bakker")
    at.button(key="FormSubmitter:nieuw-Scanronde starten").click()
    at.run()
    assert not at.exception
    assert at.title[0].value == "Workshop Leeuwarden"
    assert "beheer" not in at.query_params
    for pagina in (VERGELIJKEN, BEHEER):
        at = open_app(pagina, beheer=beheer_geheim)
        assert not at.exception
        assert "alleen te openen" not in _waarschuwingen(at)
    assert any("Één-computermodus" in i.value for i in at.info)  # Beheer explains roles wait for sign-in


@pytest.mark.parametrize("fout", ["geraden", "x" * 43])
def test_a_wrong_secret__calm_dutch_refusal_and_no_rights(
    open_app: Callable[..., AppTest], beheer_geheim: str, fout: str
) -> None:
    at = open_app(beheer=fout)
    assert not at.exception
    assert "Deze beheerlink klopt niet" in _waarschuwingen(at)
    assert "beheer" not in at.query_params
    assert not _kan_starten(at)
    assert not any("zelfscan_beheer=" in h.proto.body for h in at.get("html"))
    at.run()  # said once
    assert "klopt niet" not in _waarschuwingen(at)


def test_rotation_ends_the_rights_of_a_browser_that_had_them(
    open_app: Callable[..., AppTest], beheer_geheim: str, app_db: Database
) -> None:
    at = open_app(beheer=beheer_geheim)
    assert _kan_starten(at)
    nieuw = beheerlink.vernieuw(app_db, beheerlink.bestand_voor(app_db.url))  # e.g. the CLI, another process
    at.run()
    assert not at.exception
    assert not _kan_starten(at)
    assert "vervangen door een nieuwe" in _waarschuwingen(at)
    # The old link opened again gives nothing; the new one works.
    assert not _kan_starten(open_app(beheer=beheer_geheim))
    assert _kan_starten(open_app(beheer=nieuw))


def test_a_reload_keeps_the_rights_through_the_cookie_until_rotation_or_stop(
    open_app: Callable[..., AppTest], beheer_geheim: str, app_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    cookie: dict[str, str | None] = {"waarde": beheer_geheim}
    monkeypatch.setattr(identiteit, "lees_beheer_cookie", lambda: cookie["waarde"])
    at = open_app()  # a reload: a new session, only the cookie
    assert not at.exception
    assert _kan_starten(at)
    assert not any("zelfscan_beheer=" in h.proto.body for h in at.get("html"))  # already set
    # Stopping on a shared laptop: the rights end although the browser still sends the cookie,
    # and the cookie is removed.
    next(b for b in at.sidebar.button if b.key == "beheer_stop").click()
    at.run()
    assert not at.exception
    assert not _kan_starten(at)
    assert any("Max-Age=0" in h.proto.body for h in at.get("html"))
    # After a rotation an old cookie gives nothing, says why, and is removed.
    beheerlink.vernieuw(app_db, beheerlink.bestand_voor(app_db.url))
    at = open_app()
    assert not _kan_starten(at)
    assert "vervangen door een nieuwe" in _waarschuwingen(at)
    assert any("Max-Age=0" in h.proto.body for h in at.get("html"))


def test_with_sign_in_configured_the_beheer_link_means_nothing(app_db: Database, beheer_geheim: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32}
    at.query_params[beheerlink.PARAM] = beheer_geheim
    at.run()
    assert not at.exception
    assert "beheer" not in at.query_params
    assert not _kan_starten(at)
    assert any(b.proto.label == "Inloggen" for b in at.sidebar.button)
    assert "computermodus" not in _zijbalk(at)


def test_workshop__links_use_an_address_phones_reach_or_say_how_to_fix_it(
    open_app: Callable[..., AppTest], ronde: Sessie, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SCAN_PUBLIEKE_URL", raising=False)
    monkeypatch.setattr(links, "_lan_adres", lambda: "192.168.1.20")
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    assert at.code[0].value == f"http://192.168.1.20:8501/?code={ronde.ronde.code}"
    assert "Telefoons kunnen" not in _waarschuwingen(at)

    monkeypatch.setattr(links, "_lan_adres", lambda: None)
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert not at.exception
    assert at.code[0].value.startswith("http://localhost:8501/?code=")
    assert "Telefoons kunnen deze link en QR-code niet openen" in _waarschuwingen(at)
    assert "SCAN\\_PUBLIEKE\\_URL" in _waarschuwingen(at) or "SCAN_PUBLIEKE_URL" in _waarschuwingen(at)

    monkeypatch.setenv("SCAN_PUBLIEKE_URL", "https://scan.example.nl")
    at = open_app(WORKSHOP, d=ronde.deelnemer.token)
    assert at.code[0].value == f"https://scan.example.nl/?code={ronde.ronde.code}"
    assert "Telefoons kunnen" not in _waarschuwingen(at)


def test_when_the_check_fails_the_run_has_no_rights_and_the_next_one_has_them_again(
    open_app: Callable[..., AppTest], beheer_geheim: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy.exc import OperationalError

    at = open_app(beheer=beheer_geheim)
    assert _kan_starten(at)

    def _weg(*_: object) -> bool:
        raise OperationalError("select", {}, Exception("database weg"))

    with monkeypatch.context() as m:
        m.setattr(beheerlink, "controleer", _weg)
        at.run()
        assert not at.exception
        assert not _kan_starten(at)  # fail closed
        assert "beheerlink" not in _waarschuwingen(at).lower()  # and no false "replaced" message
        # A reload meanwhile: the cookie that cannot be checked is kept, not removed.
        m.setattr(identiteit, "lees_beheer_cookie", lambda: beheer_geheim)
        herladen = open_app()
        assert not _kan_starten(herladen)
        assert not any("zelfscan_beheer=" in h.proto.body for h in herladen.get("html"))
    at.run()
    assert _kan_starten(at)
