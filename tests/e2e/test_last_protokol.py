"""The load generator's client on a real server (issue 20, item 3), no browser.

- On a small app with fragments: a widget drawn inside ``st.fragment`` is changed with that
  fragment's id and reruns only the fragment; the states of the page's other widgets go along
  (a fragment run still sees the value chosen outside it); a fragment with ``run_every`` is rerun
  on the client's timer, as the browser does; an error toast is a failed click.
- On the app itself: phones join a round by its code and answer, a facilitator keeps Workshop
  open with its live parts refreshing, and every click counted as confirmed is in the database.
"""

from __future__ import annotations

import asyncio
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

from bench.last import Einde, Facilitator, belast, beoordeel, controleer, deelnemer, maak_rondes, verdeel
from bench.stroom import FRAGMENT_KLAAR, KLAAR, Sessie, tekst
from tests.e2e.conftest import Server

pytestmark = pytest.mark.slow

KLEIN = """
import streamlit as st

st.session_state["volledig"] = st.session_state.get("volledig", 0) + 1
st.title("Klein")
st.radio("Buiten", ["x", "y"], key="buiten")

@st.fragment
def deel():
    keuze = st.radio("Keuze", ["a", "b", "c"], index=None, key="keuze")
    if keuze == "c":
        st.toast("Niet opgeslagen: c")
    elif keuze:
        st.toast(f"Opgeslagen: {keuze} buiten={st.session_state.buiten} volledig={st.session_state.volledig}")

deel()

@st.fragment(run_every=0.5)
def tik():
    st.session_state["tik"] = st.session_state.get("tik", 0) + 1
    st.caption(f"tik {st.session_state.tik}")

tik()
"""


def _poort(plus: int) -> int:
    basis = int(os.environ.get("E2E_POORT") or 0)
    if basis:
        return basis + plus
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def klein(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    map_ = tmp_path_factory.mktemp("klein")
    (map_ / "klein.py").write_text(KLEIN, encoding="utf-8")
    poort = _poort(5)
    log = (map_ / "streamlit.log").open("wb")
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "klein.py",
            "--server.headless",
            "true",
            "--server.port",
            str(poort),
        ],
        cwd=map_,
        env={**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    basis = f"http://127.0.0.1:{poort}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{basis}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail((map_ / "streamlit.log").read_text(errors="replace")[-3000:])
        yield basis
    finally:
        proces.terminate()
        proces.wait(timeout=20)
        log.close()


def test_a_widget_in_a_fragment_reruns_its_fragment_with_the_whole_pages_states(klein: str) -> None:
    async def _scenario() -> None:
        s = Sessie(klein)
        await s.verbind()
        try:
            await s.run(pagina="", query="")
            buiten = s.widget("radio", sleutel="buiten")
            keuze = s.widget("radio", sleutel="keuze")
            assert buiten.fragment_id == ""
            assert keuze.fragment_id, "the radio inside st.fragment was drawn by a fragment's delta"
            # The browser's first value of a radio: its default option.
            assert s.widgets[buiten.proto.id].string_value == "x"
            assert set(s.timers.values()) == {0.5}, "run_every arrives as an auto_rerun with its interval"

            await s.run([tekst(buiten.proto.id, "y")])  # outside any fragment: a full run

            s.vergeet()
            vanaf = await s.stuur([tekst(keuze.proto.id, "a")], fragment_id=keuze.fragment_id)
            verwacht = "Opgeslagen: a"
            await s.wacht(vanaf, lambda g: beoordeel(g, verwacht)[0])
            gebeurtenissen = s.gebeurtenissen(vanaf)
            assert beoordeel(gebeurtenissen, verwacht) == (True, None)
            toast = next(g.tekst for g in gebeurtenissen if g.soort == "toast")
            # Only the fragment ran (the page's counter stayed at two full runs), and it saw the
            # value chosen outside it: the client sent the whole page's widget states.
            assert toast == "Opgeslagen: a buiten=y volledig=2"
            assert not any(g.soort == "klaar" and g.tekst == str(KLAAR) for g in gebeurtenissen)

            s.vergeet()
            vanaf = await s.stuur([tekst(keuze.proto.id, "c")], fragment_id=keuze.fragment_id)
            await s.wacht(vanaf, lambda g: beoordeel(g, verwacht)[0])
            _, fout = beoordeel(s.gebeurtenissen(vanaf), verwacht)
            assert fout == "toast: Niet opgeslagen: c"

            # The timer keeps rerunning the ticking fragment, each time a fragment run.
            s.vergeet()
            voor = s.auto_reruns
            await asyncio.sleep(2.0)
            assert s.auto_reruns >= voor + 3
            assert any(g.soort == "klaar" and g.tekst == str(FRAGMENT_KLAAR) for g in s.gebeurtenissen())
            assert s.auto_tijden
            assert s.widgets[buiten.proto.id].string_value == "y", "a fragment run keeps the other widgets' states"
            assert not s.fouten
        finally:
            await s.sluit()

    asyncio.run(_scenario())


def test_phones_join_by_code_and_every_confirmed_click_is_stored(server: Server) -> None:
    rondes = maak_rondes(server.database_url, 1)
    mensen = verdeel(3, rondes)
    facilitator = Facilitator(rondes[0].facilitator_token)
    uitslag = asyncio.run(belast(server.url, mensen, [facilitator], tempo=1.0, duur=14.0, instroom=1.0))

    for d in mensen:
        assert d.fout is None, d.fout
        assert d.meedoen is not None
        assert d.token, "the personal link is shown on Invullen"
    kliks = uitslag.kliks("antwoord")
    assert len(kliks) >= 15
    assert [k.fout for k in kliks if k.duur is None] == []
    # The facilitator's live parts refreshed on the server's timers, without an exception.
    assert facilitator.fout is None, facilitator.fout
    assert facilitator.sessie is not None
    assert facilitator.sessie.auto_tijden
    assert not facilitator.sessie.fouten
    # The phones' own timer ran too (Invullen follows the facilitator every second); each full
    # run restarts it, as in the browser, so at a click a second it fires now and then.
    assert sum(d.sessie.auto_reruns for d in mensen if d.sessie is not None) >= 1

    controle = controleer(server.database_url, mensen)
    assert controle.bevestigd == sum(len(d.verstuurd) for d in mensen)
    assert controle.opgeslagen == controle.bevestigd, controle.afwijkend
    assert controle.ongevraagd == 0
    assert controle.zonder_token == 0


def test_a_stop_moved_forward_ends_every_person(server: Server) -> None:
    """The scale run ends its people by moving one shared moment (bench/schaal.py)."""
    rondes = maak_rondes(server.database_url, 1)
    mensen = verdeel(1, rondes)

    async def _scenario() -> float:
        einde = Einde(time.perf_counter() + 3600)
        taak = asyncio.create_task(
            deelnemer(server.url, mensen[0], tempo=1.0, spreiding=0.5, stop=einde, rng=random.Random(1), timeout=30)
        )
        await asyncio.sleep(5)
        einde.moment = time.perf_counter()
        begin = time.perf_counter()
        await asyncio.wait_for(taak, 10)
        return time.perf_counter() - begin

    assert asyncio.run(_scenario()) < 5
    assert mensen[0].kliks
    assert mensen[0].fout is None
