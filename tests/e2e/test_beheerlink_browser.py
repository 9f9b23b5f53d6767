"""End to end in a real browser: the beheer link of single-machine mode, opened over the network.

No address is trusted: a browser on 127.0.0.1 without the link has no rights, the browser that
opened the link keeps them across a reload, and the links it hands out reach phones.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import pytest

from scan.services.adressen import lan_adres

from .conftest import Server

pytestmark = pytest.mark.slow


def _lan_url(server: Server) -> str:
    lan = lan_adres()
    if lan is None:
        pytest.skip("Geen netwerkadres op deze machine")
    return f"http://{lan}:{urlsplit(server.url).port}"


def test_the_beheer_link_over_the_network_gives_rights_loopback_alone_does_not(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    lan_url = _lan_url(server)
    facilitator = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    pagina = facilitator.new_page()
    pagina.set_default_timeout(30_000)
    pagina.goto(f"{lan_url}/?beheer={server.beheer_geheim}")
    stoppen = pagina.get_by_role("button", name="Beheer in deze browser stoppen")
    stoppen.wait_for()
    # The secret leaves the address bar, so a projected screen does not show it.
    pagina.wait_for_url(lambda url: "beheer=" not in url)
    pagina.get_by_text("Deze browser heeft de beheerlink geopend").wait_for()
    pagina.get_by_role("tab", name="Nieuwe scanronde starten").click()
    pagina.get_by_role("button", name="Scanronde starten").wait_for()
    screenshot(pagina, "beheerlink_1_beheerder")
    # A reload: the cookie keeps the rights, the address still holds no secret.
    pagina.wait_for_function("document.cookie.includes('zelfscan_beheer=')")
    pagina.reload()
    stoppen.wait_for()
    assert server.beheer_geheim not in pagina.url

    # Another browser on the machine itself, without the link: a participant at most.
    gast = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    lokaal = gast.new_page()
    lokaal.set_default_timeout(30_000)
    lokaal.goto(server.url)  # http://127.0.0.1:<port>
    lokaal.get_by_text("python -m scan beheerlink").first.wait_for()
    lokaal.get_by_role("tab", name="Nieuwe scanronde starten").click()
    lokaal.get_by_text("browser die de beheerlink heeft geopend").first.wait_for()
    assert lokaal.get_by_role("button", name="Scanronde starten").count() == 0
    assert lokaal.get_by_role("button", name="Beheer in deze browser stoppen").count() == 0
    screenshot(lokaal, "beheerlink_2_zonder_link")

    # A wrong secret: a calm Dutch refusal, no rights.
    lokaal.goto(f"{server.url}/?beheer=geraden")
    lokaal.get_by_text("Deze beheerlink klopt niet").wait_for()
    assert lokaal.get_by_role("button", name="Beheer in deze browser stoppen").count() == 0
    assert re.search(r"beheer=", lokaal.url) is None
    gast.close()
    facilitator.close()
