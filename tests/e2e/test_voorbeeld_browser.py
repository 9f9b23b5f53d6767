"""End to end in a real browser: "Voorbeeld bekijken" (issue 19, item 7).

A newcomer on an empty installation opens the example in one click, lands on its Resultaten, and
removes it again; later, with a real round on the installation, the beheerder, whose browser sits
in that real round, opens the example and stays in it (the page's link script used to reload such a
browser back into the round whose personal link was still in the address).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import pytest

from .conftest import Server, word_beheerder

pytestmark = pytest.mark.slow
VOORBEELD = "VOORBEELD – verzonnen gegevens"


def _pagina(browser: Any) -> Any:
    pagina = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL").new_page()
    pagina.set_default_timeout(60_000)
    return pagina


def test_a_newcomer_opens_the_example_in_one_click_and_removes_it(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    pagina = _pagina(browser)
    pagina.goto(server.url)
    pagina.get_by_role("button", name="Voorbeeld bekijken").click()
    pagina.get_by_text(VOORBEELD).wait_for()
    pagina.get_by_role("heading", name="Resultaten Voorbeeldgemeente").wait_for()
    pagina.wait_for_url(lambda url: "/resultaten#d=" in url)  # the personal link of its facilitator
    screenshot(pagina, "voorbeeld_1_resultaten")
    pagina.get_by_role("link", name="Start (voorbeeld verwijderen)").click()
    pagina.get_by_text("Ja, verwijder het voorbeeld met alles erin").click()
    pagina.get_by_role("button", name="Voorbeeld verwijderen").click()
    pagina.get_by_text("Het voorbeeld is verwijderd.").wait_for()
    # The next click is calm: no "unknown link" for the round that just went.
    veld = pagina.get_by_label("Deelnamecode")
    veld.fill("ABCD")
    veld.press("Enter")
    time.sleep(2)
    assert pagina.get_by_text("persoonlijke link is onbekend").count() == 0
    pagina.get_by_role("button", name="Voorbeeld bekijken").wait_for()


def test_a_beheerder_in_a_real_round_opens_the_example_and_stays_there(
    server: Server, browser: Any, screenshot: Callable[[Any, str], object]
) -> None:
    pagina = _pagina(browser)
    word_beheerder(pagina, server)
    pagina.get_by_role("tab", name="Nieuwe scanronde starten").click()
    pagina.get_by_role("tabpanel").get_by_role("combobox").first.click()
    pagina.keyboard.type("Utrecht (Utrecht)")
    pagina.keyboard.press("Enter")
    pagina.get_by_role("tabpanel").get_by_label("Uw naam").fill("Fatima")
    pagina.get_by_role("button", name="Scanronde starten").click()
    pagina.get_by_role("heading", name="Workshop Utrecht").wait_for()
    pagina.wait_for_url(lambda url: "#d=" in url)
    eigen = pagina.url.split("#d=", 1)[1]
    pagina.get_by_role("link", name="Start").first.click()
    knop = pagina.get_by_role("button", name="Voorbeeld bekijken")  # below the tabs, now real rounds exist
    knop.scroll_into_view_if_needed()
    knop.click()
    pagina.get_by_role("heading", name="Resultaten Voorbeeldgemeente").wait_for()
    time.sleep(3)  # long enough for the link script's reload, which used to land back in Utrecht
    assert pagina.get_by_role("heading", name="Resultaten Voorbeeldgemeente").count() == 1
    assert eigen not in pagina.url
    screenshot(pagina, "voorbeeld_2_beheerder")
