"""Sign-in end to end (issue 18, item 6): a real OpenID Connect provider (``oidc-provider-mock``,
in this process), the app with ``st.login`` configured for it, and chromium signing in.

Two gemeenten, Utrecht and Amsterdam, each with a round and a facilitator. Each facilitator signs
in and tries to reach the other's round through every page and parameter; an account that claims
an address the provider does not vouch for, an account at a second provider whose issuer the
installation does not allow, and a second account with an address bound already get no roles.

The app runs with its own ``secrets.toml`` (``--secrets.files``) in a temporary folder: two
providers, ``[auth]`` (allowed: ``[toegang] issuers``) and ``[auth.vreemd]`` (not allowed).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from scan.db.openen import open_database
from scan.db.tabellen import RolRij
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import ROOT, vrije_poort

pytestmark = pytest.mark.slow

AMSTERDAM_RONDE = "Ronde Amsterdam Q7X (niet voor Utrecht)"
UTRECHT_RONDE = "Ronde Utrecht K3M (niet voor Amsterdam)"

GEBRUIKERS: dict[str, dict[str, object]] = {
    # sub -> claims; the provider adds sub, and iss is its own address.
    "fien-utrecht": {"email": "fien@utrecht.nl", "email_verified": True, "name": "Fien Utrecht"},
    "aad-amsterdam": {"email": "aad@amsterdam.nl", "email_verified": True, "name": "Aad Amsterdam"},
    # Claims Amsterdam's address, but the provider does not vouch for it.
    "onbevestigd": {"email": "aad@amsterdam.nl", "email_verified": False, "name": "Niet Bevestigd"},
    # A second account with Utrecht's verified address (a renamed or re-created account).
    "tweede-fien": {"email": "fien@utrecht.nl", "email_verified": True, "name": "Tweede Fien"},
}


@dataclass
class Opstelling:
    url: str
    database_url: str
    ronde_utrecht: int
    ronde_amsterdam: int
    issuer: str
    cookie_secret: str


def _provider(poort: int) -> Iterator[str]:
    import werkzeug.serving
    from oidc_provider_mock import User, app

    server = werkzeug.serving.make_server(
        "127.0.0.1",
        poort,
        app(user_claims=[User(sub=s, claims=c) for s, c in GEBRUIKERS.items()]),
        threaded=True,
    )
    draad = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    draad.start()
    try:
        yield f"http://127.0.0.1:{poort}"
    finally:
        server.shutdown()
        draad.join(timeout=10)


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    yield from _provider(int(os.environ.get("E2E_OIDC_POORT") or 0) or vrije_poort())


@pytest.fixture(scope="module")
def vreemde_provider() -> Iterator[str]:
    yield from _provider(vrije_poort())


@pytest.fixture(scope="module")
def opstelling(
    tmp_path_factory: pytest.TempPathFactory, provider: str, vreemde_provider: str, vragenlijst: Vragenlijst
) -> Iterator[Opstelling]:
    map_ = tmp_path_factory.mktemp("inloggen")
    database_url = f"sqlite:///{map_ / 'zelfscan.db'}"
    db = open_database(database_url)
    try:
        utrecht = start_ronde(
            db, vragenlijst, gm_code="GM0344", facilitator="F", datum=dt.date(2026, 3, 4), omschrijving=UTRECHT_RONDE
        )
        amsterdam = start_ronde(
            db, vragenlijst, gm_code="GM0363", facilitator="A", datum=dt.date(2026, 3, 5), omschrijving=AMSTERDAM_RONDE
        )
        with db.schrijven() as s:
            s.add(RolRij(email="fien@utrecht.nl", gm_code="GM0344", rol="beheerder", toegekend_door="test"))
            s.add(RolRij(email="aad@amsterdam.nl", gm_code="GM0363", rol="facilitator", toegekend_door="test"))
    finally:
        db.sluit()
    poort = int(os.environ.get("E2E_POORT") or 0) or vrije_poort()
    # localhost, not 127.0.0.1: the identity cookie's origin is the redirect_uri's, and the
    # browser must use the same one.
    basis = f"http://localhost:{poort}"
    geheimen = map_ / "secrets.toml"
    cookie_secret = secrets.token_hex(32)
    geheimen.write_text(
        f"""
[auth]
redirect_uri = "{basis}/oauth2callback"
cookie_secret = "{cookie_secret}"
client_id = "zelfscan-test"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{provider}/.well-known/openid-configuration"

[auth.vreemd]
client_id = "zelfscan-test"
client_secret = "{secrets.token_hex(16)}"
server_metadata_url = "{vreemde_provider}/.well-known/openid-configuration"

[toegang]
issuers = ["{provider}"]
""",
        encoding="utf-8",
    )
    omgeving = {
        **os.environ,
        "DATABASE_URL": database_url,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "SCAN_BEHEERDERS": "",
        "SCAN_TOEGESTANE_ISSUERS": "",
    }
    logbestand = map_ / "streamlit.log"
    log = logbestand.open("wb")
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(poort),
            "--secrets.files",
            str(geheimen),
        ],
        cwd=ROOT,
        env=omgeving,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{basis}/_stcore/health", timeout=1) as antwoord:
                    if antwoord.read() == b"ok":
                        break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail(f"Streamlit-server start niet: {logbestand.read_text(errors='replace')[-4000:]!r}")
        yield Opstelling(basis, database_url, utrecht.ronde.id, amsterdam.ronde.id, provider, cookie_secret)
    finally:
        proces.terminate()
        proces.wait(timeout=20)
        log.close()
        # The server's log names no address claimed and no token (gemeen.md: never log tokens).
        tekst = logbestand.read_text(errors="replace")
        assert "aad@amsterdam.nl" not in tekst and "fien@utrecht.nl" not in tekst, tekst[-2000:]


def _log_in(browser: Any, opstelling: Opstelling, sub: str, provider: str | None = None) -> Any:
    """A fresh browser that signs in at the provider as ``sub``."""
    context = browser.new_context(viewport={"width": 1280, "height": 1000}, locale="nl-NL")
    pagina = context.new_page()
    pagina.set_default_timeout(30_000)
    if provider is None:
        pagina.goto(opstelling.url)
        pagina.get_by_role("button", name="Inloggen").first.click()
    else:  # what st.login("vreemd") opens: the provider's name in a token signed with the cookie secret
        from streamlit import auth_util

        echt = auth_util.get_signing_secret
        auth_util.get_signing_secret = lambda: opstelling.cookie_secret  # type: ignore[assignment]
        try:
            token = auth_util.encode_provider_token(provider)
        finally:
            auth_util.get_signing_secret = echt  # type: ignore[assignment]
        pagina.goto(f"{opstelling.url}/auth/login?provider={token}")
    pagina.get_by_role("button", name=sub, exact=True).click()
    pagina.wait_for_url(f"{opstelling.url}/**")
    return pagina


def _tekst(pagina: Any, basis: str, pad: str, wacht_op: str) -> str:
    """The page at ``pad`` once ``wacht_op`` shows and Streamlit has finished the run."""
    pagina.goto(basis + pad)
    pagina.get_by_text(wacht_op, exact=False).first.wait_for()
    pagina.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for(state="attached")
    return str(pagina.locator("body").inner_text())


NIETS_VAN = "bestaat niet, of u heeft geen rol bij de gemeente van die scanronde"


def _probeer_alles(pagina: Any, opstelling: Opstelling, eigen: int, ander: int, verboden: list[str]) -> list[str]:
    """Every page, with the other round's id in every parameter; returns what each showed."""
    gezien = []
    for pad, wacht_op in [
        ("/", "Uitloggen"),
        (f"/?ronde={ander}", "Uitloggen"),
        (f"/vergelijken?ronde={ander}", NIETS_VAN),
        (f"/vergelijken?ronde={eigen}&ronde={ander}", NIETS_VAN),
        (f"/resultaten?ronde={ander}", "Uitloggen"),
        (f"/doelen?ronde={ander}", "Uitloggen"),
        (f"/workshop?ronde={ander}", "Uitloggen"),
        (f"/beheer?ronde={ander}", "Uitloggen"),
        # The presenter view hides the sidebar (it is projected): its own words instead.
        (f"/scherm?ronde={ander}", "Dit is het presentatiescherm van een workshop"),
    ]:
        tekst = _tekst(pagina, opstelling.url, pad, wacht_op)
        for woord in verboden:
            assert woord not in tekst, (pad, woord)
        gezien.append(tekst)
    return gezien


def test_two_gemeenten_cannot_reach_each_others_rounds(
    opstelling: Opstelling, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    utrecht = _log_in(browser, opstelling, "fien-utrecht")
    utrecht.get_by_text("Ingelogd als").first.wait_for()
    # Her own round is hers: the Start list names it, Vergelijken shows it, Beheer is hers.
    start = _tekst(utrecht, opstelling.url, "/", "Ingelogd als")
    assert "beheerder: Utrecht" in start and "Amsterdam" not in start
    eigen = _tekst(utrecht, opstelling.url, f"/vergelijken?ronde={opstelling.ronde_utrecht}", "Vergelijken")
    assert NIETS_VAN not in eigen
    beheer = _tekst(utrecht, opstelling.url, "/beheer", "Inlogaccounts")
    # Her sign-in bound her address; the panel shows the binding, and lets her release it.
    assert "fien@\u2060utrecht.nl" in beheer and "Koppeling losmaken" in beheer
    utrecht.get_by_text("Inlogaccounts").scroll_into_view_if_needed()
    screenshot(utrecht, "inloggen_utrecht_beheer")
    _probeer_alles(utrecht, opstelling, opstelling.ronde_utrecht, opstelling.ronde_amsterdam, ["Amsterdam", "Q7X"])
    utrecht.context.close()

    amsterdam = _log_in(browser, opstelling, "aad-amsterdam")
    amsterdam.get_by_text("Ingelogd als").first.wait_for()
    start = _tekst(amsterdam, opstelling.url, "/", "Ingelogd als")
    assert "facilitator: Amsterdam" in start
    teksten = _probeer_alles(
        amsterdam, opstelling, opstelling.ronde_amsterdam, opstelling.ronde_utrecht, ["Utrecht", "K3M"]
    )
    # A facilitator is no beheerder: Beheer offers no gemeente at all.
    assert "U bent van geen enkele gemeente beheerder." in teksten[-2]
    amsterdam.context.close()


def _geweigerd(pagina: Any, opstelling: Opstelling, melding: str) -> None:
    """A signed-in account without roles: the reason on every page, and nothing of either gemeente."""
    pagina.get_by_text(melding).first.wait_for()
    for pad in (
        "/",
        f"/vergelijken?ronde={opstelling.ronde_amsterdam}",
        "/beheer",
        f"/vergelijken?ronde={opstelling.ronde_utrecht}",
    ):
        tekst = _tekst(pagina, opstelling.url, pad, melding)
        for woord in ("Q7X", "K3M", "Ingelogd als", "beheerder: ", "facilitator: "):
            assert woord not in tekst, (pad, woord)


def test_an_unverified_address_gets_no_roles(
    opstelling: Opstelling, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    pagina = _log_in(browser, opstelling, "onbevestigd")
    _geweigerd(pagina, opstelling, "bevestigt niet dat het e-mailadres aad@\u2060amsterdam.nl van u is")
    screenshot(pagina, "inloggen_onbevestigd")
    pagina.context.close()


def test_a_foreign_issuer_gets_no_roles(
    opstelling: Opstelling, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    # Same person, same verified address, but signed in at a provider the installation does not allow.
    pagina = _log_in(browser, opstelling, "aad-amsterdam", provider="vreemd")
    _geweigerd(pagina, opstelling, "die deze installatie niet toelaat")
    screenshot(pagina, "inloggen_vreemde_issuer")
    pagina.context.close()


def test_a_second_account_with_a_bound_address_gets_no_roles(
    opstelling: Opstelling, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    eerste = _log_in(browser, opstelling, "fien-utrecht")  # binds fien@utrecht.nl (if no test did yet)
    eerste.get_by_text("Ingelogd als").first.wait_for()
    eerste.context.close()
    pagina = _log_in(browser, opstelling, "tweede-fien")
    _geweigerd(pagina, opstelling, "hoort in deze app bij een ander account")
    screenshot(pagina, "inloggen_gebonden")
    pagina.context.close()
    # The refusal is in Utrecht's audit trail, with the accounts and no token.
    db = open_database(opstelling.database_url)
    try:
        with db.inzage() as werk:
            regels = werk.logboek.van_gemeenten(frozenset({"GM0344"}))
            binding = werk.identiteiten.lees("fien@utrecht.nl")
    finally:
        db.sluit()
    assert binding is not None and (binding.issuer, binding.subject) == (opstelling.issuer, "fien-utrecht")
    geweigerd = [r for r in regels if r.handeling == "identiteit.geweigerd"]
    assert geweigerd and geweigerd[0].na == {"issuer": opstelling.issuer, "subject": "tweede-fien", "reden": "gebonden"}
    assert geweigerd[0].voor == {"issuer": opstelling.issuer, "subject": "fien-utrecht"}
