"""Identities that cannot be spoofed, on the pages (issue 18, item 6): the refusal a signed-in
account without roles sees, sign-in switched off by an unsafe cookie secret, and Beheer's panel
that releases a binding. The identity is stood in for (AppTest cannot sign in); the real sign-in
runs in tests/e2e/test_inloggen_browser.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.ui import identiteit
from tests.app.conftest import ISSUER, ken_toe

APP = str(Path(__file__).resolve().parents[2] / "app.py")
VOORBEELD = "vervang-door-een-lange-willekeurige-tekst"


def _zonder_opmaak(tekst: str) -> str:
    """Text as read: without letterlijk's Markdown escapes and word joiners."""
    return tekst.replace("\\", "").replace("\u2060", "")


@pytest.mark.parametrize("secret", [VOORBEELD, "x" * 31])
def test_an_unsafe_cookie_secret_switches_sign_in_off(secret: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.secrets["auth"] = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": secret}
    at.run()
    assert not at.exception
    knoppen = [b.proto.label for b in at.button] + [b.proto.label for b in at.sidebar.button]
    assert "Inloggen" not in knoppen
    fouten = " ".join(e.value for e in at.error)
    assert "Inloggen staat uit" in fouten and "cookie_secret" in fouten
    # Not even the sidebar offers it, and no page treats anyone as signed in.
    assert "Ingelogd als" not in " ".join(m.value for m in at.sidebar.markdown)
    at.switch_page("scan/ui/paginas/beheer.py")
    at.run()
    assert not at.exception
    assert "Inloggen staat uit" in " ".join(e.value for e in at.error)
    assert not any("Log in;" in w.value for w in at.warning)


def _ingelogd(monkeypatch: pytest.MonkeyPatch, email: str, subject: str, weigering: str | None = None) -> None:
    wie = identiteit.Identiteit(
        "login",
        email=None if weigering else email,
        naam="Iemand",
        ingelogd=True,
        issuer=ISSUER,
        subject=subject,
        weigering=weigering,  # type: ignore[arg-type]
        geclaimd=email,
    )
    monkeypatch.setattr(identiteit, "lees_identiteit", lambda: wie)


def test_a_second_account_with_a_bound_address_is_told_why_and_gets_nothing(
    app_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ken_toe(app_db, "fien@utrecht.nl", "GM0344", "beheerder")
    with app_db.werk() as werk:
        werk.identiteiten.bind("fien@utrecht.nl", ISSUER, "eerste")
    _ingelogd(monkeypatch, "fien@utrecht.nl", "tweede")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    melding = _zonder_opmaak(" ".join(e.value for e in at.error))
    assert "hoort in deze app bij een ander account" in melding and "fien@" in melding
    assert any(b.proto.label == "Uitloggen" for b in at.sidebar.button)
    assert not any(b.proto.label == "Inloggen" for b in at.sidebar.button)
    at.switch_page("scan/ui/paginas/beheer.py")
    at.run()
    assert "dit account geeft geen toegang" in " ".join(w.value for w in at.warning)
    assert not any("Rollen bij" in h.value for h in at.header)
    with app_db.inzage() as werk:
        regels = werk.logboek.van_gemeenten(frozenset({"GM0344"}))
    # Written once for this browser session, though the pages ran twice.
    assert [r.handeling for r in regels] == ["identiteit.geweigerd"]


@pytest.mark.parametrize(
    ("weigering", "tekst"),
    [("issuer", "niet toelaat"), ("onbevestigd", "bevestigt niet"), ("geen_subject", "geen vaste account-id")],
)
def test_claims_refusals_are_explained(monkeypatch: pytest.MonkeyPatch, weigering: str, tekst: str) -> None:
    _ingelogd(monkeypatch, "fien@utrecht.nl", "x", weigering)
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    assert not at.exception
    assert tekst in " ".join(e.value for e in at.error)


def test_beheer_releases_a_binding(app_db: Database, als: Callable[..., None]) -> None:
    ken_toe(app_db, "beheer@utrecht.nl", "GM0344", "beheerder")
    ken_toe(app_db, "jan@utrecht.nl", "GM0344", "facilitator")
    ken_toe(app_db, "twee@utrecht.nl", "GM0344", "adviseur")
    ken_toe(app_db, "twee@utrecht.nl", "GM0363", "adviseur")
    with app_db.werk() as werk:
        werk.identiteiten.bind("jan@utrecht.nl", ISSUER, "oud-account")
        werk.identiteiten.bind("twee@utrecht.nl", ISSUER, "twee")
        werk.identiteiten.bind("a@amsterdam.nl", ISSUER, "a")
    als("beheer@utrecht.nl", "Beheer Utrecht")
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("scan/ui/paginas/beheer.py")
    at.run()
    assert not at.exception
    assert any(h.value == "Inlogaccounts" for h in at.header)
    tekst = _zonder_opmaak(" ".join(m.value for m in at.markdown))
    # Her own binding (made by this sign-in), Jan's and the one with roles in two gemeenten; not Amsterdam's.
    assert "beheer@" in tekst and "jan@" in tekst and "twee@" in tekst and "a@amsterdam" not in tekst
    assert "Alleen een beheerder van alle gemeenten" in " ".join(c.value for c in at.caption)
    knoppen = [b for b in at.button if b.proto.label == "Koppeling losmaken"]
    assert len(knoppen) == 2  # beheer@ and jan@, not twee@
    next(b for b in knoppen if b.key == "losmaken_jan@utrecht.nl").click()
    at.run()
    assert not at.exception
    with app_db.inzage() as werk:
        assert werk.identiteiten.lees("jan@utrecht.nl") is None
        assert werk.identiteiten.lees("twee@utrecht.nl") is not None
        regels = werk.logboek.van_gemeenten(frozenset({"GM0344"}))
    los = [r for r in regels if r.handeling == "identiteit.losgemaakt"]
    assert [(r.wie, r.onderwerp) for r in los] == [("beheer@utrecht.nl", "jan@utrecht.nl")]
