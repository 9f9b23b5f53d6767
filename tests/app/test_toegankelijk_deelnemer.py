"""AppTest of what assistive technology gets on Start and Invullen (issue 17): one h1 and h2s
below it, radio groups named by their stelling, a title per page, every save and error in the
app's own live region, and focus to the new h1 after a page change.

The script that sets ``lang``, writes the live region and moves focus runs in the browser
(tests/e2e/test_toetsenbord_browser.py); here the data it is sent is read from its ``st.html``
element (``scan.ui.toegankelijk``)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.leesmodellen import Sessie
from scan.services import start
from scoring.models import Vragenlijst
from tests.samen_ronde import samen_ronde

pytestmark = pytest.mark.apptest
INVULLEN = "scan/ui/paginas/invullen.py"


@pytest.fixture
def karel(app_db: Database, vragenlijst: Vragenlijst, ronde: Sessie) -> Sessie:
    return start.neem_deel(app_db, vragenlijst, code=ronde.ronde.code, naam="Karel")


@pytest.fixture
def titels(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every browser title the app sets, in order (AppTest does not keep the page config)."""
    gezet: list[str] = []
    echt = st.set_page_config

    def _zet(*args: Any, **kwargs: Any) -> None:
        if kwargs.get("page_title"):
            gezet.append(kwargs["page_title"])
        echt(*args, **kwargs)

    monkeypatch.setattr(st, "set_page_config", _zet)
    return gezet


def _script(at: AppTest) -> dict[str, Any]:
    """The data of this run's accessibility script (the last st.html with its JSON)."""
    for element in reversed(at.get("html")):
        gevonden = re.search(r"const data = (\{.*?\});\n", element.proto.body)
        if gevonden:
            data: dict[str, Any] = json.loads(gevonden.group(1))
            return data
    raise AssertionError("geen toegankelijkheidsscript op de pagina")


def _berichten(at: AppTest, *, fout: bool = False) -> list[str]:
    return [tekst for _, tekst, is_fout in _script(at)["berichten"] if is_fout == fout]


def test_invullen__one_h1_then_h2s__radio_groups_named_by_their_stelling(
    open_app: Callable[..., AppTest], karel: Sessie, vragenlijst: Vragenlijst, titels: list[str]
) -> None:
    bouwsteen = vragenlijst.bouwstenen[0]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert not at.exception
    assert [h.value for h in at.title] == [f"1. {bouwsteen.naam.nl}"]
    assert not at.header and not at.subheader
    koppen = [m.value for m in at.markdown if m.value.startswith("#")]
    assert len(koppen) == len(bouwsteen.stellingen) + 1
    assert all(k.startswith("## ") for k in koppen), koppen
    for nummer, stelling in enumerate(bouwsteen.stellingen, start=1):
        radio = at.radio(key=f"a_{stelling.id}")
        assert radio.label == f"Stelling {nummer}: {' '.join(stelling.tekst.nl.split())}"
        assert radio.proto.label_visibility.value == radio.proto.label_visibility.COLLAPSED
    ambitie = at.radio(key=f"amb_{bouwsteen.id}")
    assert ambitie.label.startswith(f"Ambitie voor {bouwsteen.naam.nl}: ")
    # Status captions carry no icon (read aloud by its English name).
    assert not [c.value for c in at.caption if ":material/" in c.value]
    assert titels[-1] == f"Invullen – 1. {bouwsteen.naam.nl} – Omnichannel zelfscan"


def test_invullen__a_save__is_written_to_the_live_region_with_the_toast(
    open_app: Callable[..., AppTest], karel: Sessie, vragenlijst: Vragenlijst
) -> None:
    eerste = vragenlijst.bouwstenen[0].stellingen[0]
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert _berichten(at) == []
    at.radio(key=f"a_{eerste.id}").set_value("4").run()
    assert not at.exception
    (toast,) = [t.value for t in at.toast]
    assert _berichten(at) == [toast]  # the same words as the toast, time included
    assert toast.startswith("Opgeslagen: stelling 1, 4 · Gestuurd · ")
    at.radio(key=f"amb_{vragenlijst.bouwstenen[0].id}").set_value("3").run()
    assert _berichten(at)[-1].startswith("Opgeslagen: ambitie 3 · ")
    # Numbered per session, so the browser says each one once.
    nummers = [n for n, _, _ in _script(at)["berichten"]]
    assert nummers == sorted(set(nummers))


def test_invullen__next__asks_focus_on_the_new_bouwsteen_h1_and_retitles_the_page(
    open_app: Callable[..., AppTest], karel: Sessie, vragenlijst: Vragenlijst, titels: list[str]
) -> None:
    at = open_app(INVULLEN, d=karel.deelnemer.token)
    assert _script(at)["focus"] is None  # opened by its link: nothing moved
    at.button[1].click().run()  # Volgende (top)
    tweede = vragenlijst.bouwstenen[1]
    assert _script(at)["focus"][1] == f"2. {tweede.naam.nl}"
    assert titels[-1] == f"Invullen – 2. {tweede.naam.nl} – Omnichannel zelfscan"
    at.selectbox(key="invullen_b").set_value(vragenlijst.bouwstenen[4].id).run()
    assert _script(at)["focus"][1] == f"5. {vragenlijst.bouwstenen[4].naam.nl}"


def test_start__joining__moves_focus_to_the_next_page_h1_and_a_refusal_is_an_alert(
    open_app: Callable[..., AppTest], ronde: Sessie, titels: list[str]
) -> None:
    at = open_app()
    assert titels[-1] == "Start – Omnichannel zelfscan"
    assert [h.value for h in at.title] == ["Omnichannel zelfscan"]
    at.text_input[0].input("ZZZZ-ZZZZ")
    at.text_input[1].input("Karel")
    at.button[0].click().run()
    assert not at.exception
    (melding,) = _berichten(at, fout=True)
    assert "Er is geen scanronde met code 'ZZZZ-ZZZZ'" in melding
    assert "\\" not in melding  # plain text: no Markdown escapes read aloud
    assert _script(at)["focus"] is None

    at.text_input[0].input(ronde.ronde.code_leesbaar)
    at.button[0].click().run()
    assert not at.exception
    assert at.title[0].value == "1. Kanaalinzet"
    assert _script(at)["focus"][1] is None  # the new page's h1, whichever it is


def test_start__welcome_back__is_an_h2_under_the_page_h1(open_app: Callable[..., AppTest], ronde: Sessie) -> None:
    at = open_app(d=ronde.deelnemer.token)
    assert [h.value for h in at.title] == ["Omnichannel zelfscan"]
    assert [h.value for h in at.header] == ["Welkom terug, Fatima"]
    assert not at.subheader


def test_samen__the_phone_has_one_h1_and_the_re_vote_group_names_its_stelling(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    _, deelnemers = samen_ronde(app_db, vragenlijst)
    at = open_app(INVULLEN, d=deelnemers[0].deelnemer.token)
    assert not at.exception
    assert len(at.title) == 1
    assert not at.header
    for radio in at.radio:
        assert re.match(r"^(Stelling \d+: |Ambitie voor |Uw keuze na de bespreking, stelling \d+: )\S", radio.label)
