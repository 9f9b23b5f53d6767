"""Fixtures for AppTest: the app on its own SQLite file, and rounds to open it with."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.openen import open_database
from scan.db.tabellen import RolRij
from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import beheerlink
from scan.ui import identiteit
from scoring.models import Vragenlijst
from tests.conftest import sqlite_kopie
from tests.rondes import start_ronde

APP = str(Path(__file__).resolve().parents[2] / "app.py")


@pytest.fixture(autouse=True)
def app_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The database the app under test uses (its engines are cached per URL, so per test)."""
    url = sqlite_kopie(tmp_path / "app.db")
    monkeypatch.setenv("DATABASE_URL", url)
    db = open_database(url)
    try:
        yield db
    finally:
        db.sluit()


@pytest.fixture
def ronde(app_db: Database, vragenlijst: Vragenlijst) -> Sessie:
    """A fresh round of Utrecht; the returned session is its facilitator."""
    return start_ronde(
        app_db, vragenlijst, gm_code="GM0344", facilitator="Fatima", datum=dt.date(2026, 11, 22), omschrijving="Test"
    )


@pytest.fixture
def beheer_geheim(app_db: Database) -> str:
    """The beheer secret of the app's database (single-machine mode): open the app with
    ``open_app(beheer=beheer_geheim)`` to be the beheerder, as the printed beheer link makes one."""
    return beheerlink.vernieuw(app_db, beheerlink.bestand_voor(app_db.url))


@pytest.fixture
def open_app() -> Callable[..., AppTest]:
    """Run the app as a browser would open a URL: with query parameters, on a page.

    Without ``beheer=<secret>`` (fixture ``beheer_geheim``) or a stand-in identity (``als``),
    the browser has no rights beyond a participant's, whatever its address."""

    def _open(pagina: str | None = None, **query: str) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30)
        for k, v in query.items():
            at.query_params[k] = v
        at.run()
        if pagina is not None:
            at.switch_page(pagina)
            for k, v in query.items():
                at.query_params[k] = v
            at.run()
        return at

    return _open


ISSUER = "https://login.test.invalid/tenant/v2.0"
"""The issuer of the stand-in accounts of ``als``."""


@pytest.fixture
def als(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Stand in for who the browser is: signed in as ``email`` (login mode), signed out, or in
    single-machine mode a browser with (``lokaal=True``) or without the beheer link. Without it
    the real identity is read: single-machine mode, and beheerder only with ``beheer=<secret>``."""

    def _als(email: str | None = None, naam: str | None = None, *, modus: str = "login", lokaal: bool = False) -> None:
        # A signed-in stand-in is one account per address at one allowed issuer, so the binding
        # of addresses to accounts (scan.services.identiteiten) runs as for a real sign-in.
        ingelogd = modus == "login" and email is not None
        wie = identiteit.Identiteit(
            modus,  # type: ignore[arg-type]
            email=email,
            naam=naam,
            lokaal=lokaal,
            ingelogd=ingelogd,
            issuer=ISSUER if ingelogd else None,
            subject=f"sub-{email}" if ingelogd else None,
            geclaimd=email,
        )
        monkeypatch.setattr(identiteit, "lees_identiteit", lambda: wie)

    return _als


def ken_toe(db: Database, email: str, gm_code: str, *rollen: str) -> None:
    """Give ``email`` roles in ``gm_code`` straight in the database (as a beheerder would)."""
    with db.schrijven() as s:
        for rol in rollen:
            s.add(RolRij(email=email, gm_code=gm_code, rol=rol, toegekend_door="test"))


def kerncijfers(at: AppTest) -> list[tuple[str, str, str]]:
    """Resultaten's key figures as (label, value, note), read from their description lists."""
    uit = []
    for element in at.get("html"):
        for dl in re.findall(r"<dl[^>]*>(.*?)</dl>", element.proto.body):
            label = re.search(r"<dt>(.*?)</dt>", dl)
            waarden = re.findall(r"<dd[^>]*>(.*?)</dd>", dl)
            if label and waarden:
                uit.append((html.unescape(label.group(1)), *(html.unescape(w) for w in waarden), "")[:3])
    return [(a, b, c) for a, b, c in uit]
