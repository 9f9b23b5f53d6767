"""AppTest of the personal link without a query string (issue 18, item 5): the token reaches the
server only as the cookie the page's script set from ``#d=``; old ``?d=`` links still work and
leave the address at once; a void token is removed from cookie and address."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.leesmodellen import Sessie
from scan.ui import linkgeheim

pytestmark = pytest.mark.apptest

INVULLEN = "scan/ui/paginas/invullen.py"


def _script(at: AppTest) -> dict[str, object]:
    """The data the run handed to the page's link script."""
    body = next(h.proto.body for h in at.get("html") if "__zelfscanLink" in h.proto.body)
    gevonden = re.search(r"const data = (\{.*?\});", body)
    assert gevonden is not None
    return json.loads(gevonden.group(1))  # type: ignore[no-any-return]


def test_a_cookie_from_the_fragment__is_the_participant(
    open_app: Callable[..., AppTest], ronde: Sessie, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkgeheim, "token_uit_cookie", lambda: ronde.deelnemer.token)
    at = open_app(INVULLEN)
    assert not at.exception
    assert at.session_state["token"] == ronde.deelnemer.token
    assert at.title[0].value == "1. Kanaalinzet"
    data = _script(at)
    assert data["d"] == ronde.deelnemer.token and data["wis"] is False
    assert "d" not in at.query_params


def test_an_old_query_link__works_and_leaves_the_address(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(INVULLEN, d=ronde.deelnemer.token)
    assert not at.exception
    assert at.title[0].value == "1. Kanaalinzet"
    assert "d" not in at.query_params
    assert _script(at)["d"] == ronde.deelnemer.token


@pytest.mark.parametrize("token", ["Bestaatniet_0123456789abcdefghijkl", "x"])
def test_a_void_cookie__calm_message_and_the_script_removes_it(
    open_app: Callable[..., AppTest], ronde: Sessie, monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setattr(linkgeheim, "token_uit_cookie", lambda: token)
    at = open_app(INVULLEN)
    assert not at.exception
    assert "token" not in at.session_state
    assert any("persoonlijke link is onbekend" in w.value for w in at.warning)
    data = _script(at)
    assert data["d"] is None and data["wis"] is True


def test_the_presenter_view__never_puts_a_personal_link_in_its_address(
    open_app: Callable[..., AppTest], ronde: Sessie, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkgeheim, "token_uit_cookie", lambda: ronde.deelnemer.token)
    at = open_app(scherm="iets")
    assert not at.exception
    data = _script(at)
    assert data["scherm"] is True and data["d"] is None
