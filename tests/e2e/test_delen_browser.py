"""A click on a stelling reruns that stelling, not the page (issue 20, ``scan.ui.delen``), and a
phone still sees and hears everything a whole-page rerun gave it.

Read from the wire: the browser's WebSocket frames are ``ForwardMsg`` protobufs, so the test
knows whether a click's run was a part's own (``FINISHED_FRAGMENT_RUN_SUCCESSFULLY``) or the
page's, and what it sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from scan.db.openen import open_database
from scan.services import invullen, start
from scoring.models import Vragenlijst
from tests.rondes import start_ronde

from .conftest import Server

pytestmark = pytest.mark.slow


class Draad:
    """The ForwardMsgs the page received, in order."""

    def __init__(self, pagina: Any) -> None:
        self.berichten: list[ForwardMsg] = []
        pagina.on("websocket", lambda ws: ws.on("framereceived", self._ontvang))

    def _ontvang(self, data: object) -> None:
        if isinstance(data, bytes):
            bericht = ForwardMsg()
            bericht.ParseFromString(data)
            self.berichten.append(bericht)

    def afloop(self) -> list[int]:
        return [b.script_finished for b in self.berichten if b.WhichOneof("type") == "script_finished"]

    def wacht_op_einde(self, pagina: Any, vanaf: int) -> list[int]:
        """The ends of the runs after message ``vanaf``, once a run has ended there."""
        for _ in range(150):
            einden = [b.script_finished for b in self.berichten[vanaf:] if b.WhichOneof("type") == "script_finished"]
            if einden:
                pagina.wait_for_timeout(300)  # a keyed rerun may follow the click's own
                return [b.script_finished for b in self.berichten[vanaf:] if b.WhichOneof("type") == "script_finished"]
            pagina.wait_for_timeout(100)
        pytest.fail("geen einde van een run na de klik")


def test_a_click_reruns_its_stelling__progress_toast_and_live_region_follow(
    server: Server, browser: Any, vragenlijst: Vragenlijst
) -> None:
    db = open_database(server.database_url)
    facilitator = start_ronde(db, vragenlijst, gm_code="GM0080", facilitator="Fatima", datum=dt.date(2026, 11, 22))
    karel = start.neem_deel(db, vragenlijst, code=facilitator.ronde.code, naam="Karel")
    b = vragenlijst.bouwstenen[0]
    totaal = sum(len(x.stellingen) for x in vragenlijst.bouwstenen)
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="nl-NL"
    )
    pagina = context.new_page()
    pagina.set_default_timeout(30_000)
    draad = Draad(pagina)
    pagina.goto(f"{server.url}/invullen?d={karel.deelnemer.token}&b={b.id}")
    pagina.get_by_role("heading", name=f"1. {b.naam.nl}").wait_for()
    radios = pagina.locator('[data-testid="stRadio"]')
    radios.nth(len(b.stellingen)).wait_for()  # the ambition: the whole page is there
    pagina.locator("[data-testid=stApp][data-test-script-state=notRunning]").wait_for()
    pagina.get_by_text(f"0 van {totaal} stellingen beantwoord").wait_for()

    # A first answer: the stelling and the progress rerun, not the page.
    vanaf = len(draad.berichten)
    radios.nth(0).get_by_text("3 · Samenhangend").click()
    pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: stelling 1, 3").wait_for()
    pagina.get_by_text(f"1 van {totaal} stellingen beantwoord").wait_for()
    # (the click's own run of the stelling ends early for the one that adds the progress)
    einden = draad.wacht_op_einde(pagina, vanaf)
    assert ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY in einden
    assert ForwardMsg.FINISHED_SUCCESSFULLY not in einden
    # The screen reader hears it too (the part sends the live region's words itself).
    pagina.locator("#zelfscan-status", has_text="Opgeslagen: stelling 1").wait_for(state="attached")

    # A changed answer: only its stelling; the progress stays.
    vanaf = len(draad.berichten)
    radios.nth(0).get_by_text("4 · Gestuurd").click()
    pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: stelling 1, 4").wait_for()
    assert set(draad.wacht_op_einde(pagina, vanaf)) == {ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
    # What was sent: stelling 1 again, not the rest of the bouwsteen (widget ids carry their keys).
    verzonden = "\n".join(str(m) for m in draad.berichten[vanaf:])
    assert f"a_{b.stellingen[0].id}" in verzonden
    assert f"a_{b.stellingen[1].id}" not in verzonden
    assert pagina.get_by_text(f"1 van {totaal} stellingen beantwoord").count() == 1

    # The other stellingen, the ambition and the way on are all still there and work.
    radios.nth(1).get_by_text("Weet niet").click()
    pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: stelling 2").wait_for()
    pagina.get_by_text(f"2 van {totaal} stellingen beantwoord").wait_for()
    radios.nth(len(b.stellingen)).get_by_text("4 · Gestuurd").click()
    pagina.locator('[data-testid="stToast"]', has_text="Opgeslagen: ambitie 4").wait_for()
    pagina.get_by_text("ambitie gekozen").first.wait_for()
    assert pagina.locator("[data-testid=stException]").count() == 0

    # Stored, and shown again after a reload (a new session: the page draws it all).
    opgeslagen = invullen.mijn_antwoorden(db, karel)
    assert opgeslagen[b.stellingen[0].id].antwoord == "4"
    assert opgeslagen[b.stellingen[1].id].antwoord == "weet_niet"
    pagina.reload()
    pagina.get_by_text(f"2 van {totaal} stellingen beantwoord").wait_for()
    assert "4 · Gestuurd" in radios.nth(0).locator("label", has=pagina.locator("input:checked")).inner_text()

    # Volgende still moves to the next bouwsteen (a page run).
    pagina.get_by_role("button", name="Volgende").last.click()
    pagina.get_by_role("heading", name=f"2. {vragenlijst.bouwstenen[1].naam.nl}").wait_for()
    context.close()
    db.sluit()
    # No element drawn from a part's callback: Streamlit would warn on every click.
    assert server.logbestand is not None
    assert "A fragment rerun was triggered with a callback" not in server.logbestand.read_text(errors="replace")
