"""AppTest of the pages with hostile text in every field (issue 13, case 1): each user text reaches
Streamlit's Markdown in the form ``letterlijk`` makes of it, and no payload arrives raw.

The Markdown sources are checked here; tests/e2e/test_letterlijk_browser.py checks what Chromium
makes of them.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from scan.db.verbinding import Database
from scan.services import bespreken, invullen, start, workshop
from scan.services import doelen as doelservice
from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst
from tests.rondes import start_ronde
from tests.vijandig import MARKUP
from tests.vijandige_ronde import zaai

pytestmark = pytest.mark.apptest


def _bronnen(at: AppTest) -> str:
    """Every Markdown source the run produced: text elements, alerts, toasts, labels, table cells."""
    delen: list[str] = []
    for soort in (
        "title",
        "header",
        "subheader",
        "markdown",
        "caption",
        "error",
        "warning",
        "info",
        "success",
        "toast",
    ):
        delen += [str(e.value) for e in at.get(soort)]
    for soort in ("expander", "checkbox", "toggle", "radio", "text_input", "button", "selectbox", "tab"):
        delen += [str(getattr(e, "label", "")) for e in at.get(soort)]
    for tabel in at.table:
        waarde = tabel.value
        delen += [str(k) for k in waarde.columns]
        delen += [str(c) for rij in waarde.itertuples(index=False) for c in rij]
    return "\n".join(delen)


def _rauw_afwezig(bronnen: str) -> None:
    """No payload that means something to Markdown arrives as it was typed (its escaped form,
    which contains the raw text after each backslash, is taken out first)."""
    for p in MARKUP:
        for regels in (True, False):
            bronnen = bronnen.replace(letterlijk(p.tekst, regels=regels), "")
    for p in MARKUP:
        rauw = p.tekst.strip()
        if letterlijk(rauw) != rauw and "\n" not in rauw:
            assert rauw not in bronnen, p.naam


def test_pages__hostile_text_in_every_field__reaches_markdown_escaped(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    kamer = zaai(app_db, vragenlijst)
    f, d = kamer.facilitator, kamer.deelnemer
    rijen = workshop.voortgang(app_db, f)
    assert len(rijen) > 15

    at = open_app("scan/ui/paginas/workshop.py", d=f.deelnemer.token)
    assert not at.exception
    bronnen = _bronnen(at)
    for r in rijen:
        assert letterlijk(r.naam, regels=True) in bronnen, r.naam
        if r.functie:
            assert letterlijk(r.functie, regels=True) in bronnen, r.functie
    eerste = vragenlijst.stellingen()[0][1].id
    for _, tekst in workshop.toelichtingen(app_db, vragenlijst, f, eerste):
        assert letterlijk(tekst, regels=True) in bronnen, tekst
    for afspraak in workshop.consensus(app_db, f).values():
        assert letterlijk(afspraak.toelichting or "") in bronnen
    _rauw_afwezig(bronnen)

    at = open_app("scan/ui/paginas/scherm.py", scherm=bespreken.presentatie_token(app_db, f))
    assert not at.exception
    bronnen = _bronnen(at)
    _rauw_afwezig(bronnen)
    # The progress is our own HTML table (its bar hidden from screen readers): names HTML-escaped.
    eigen_html = "\n".join(e.proto.body for e in at.get("html"))
    for r in rijen[1:]:
        assert f"<td>{html.escape(r.naam)}</td>" in eigen_html, r.naam
    for p in MARKUP:
        if html.escape(p.tekst) != p.tekst:
            assert p.tekst not in eigen_html, p.naam

    for sessie in (f, d):
        at = open_app("scan/ui/paginas/doelen.py", d=sessie.deelnemer.token)
        assert not at.exception
        bronnen = _bronnen(at)
        for info in doelservice.doelen(app_db, sessie).values():
            doel = info.doel
            # h3 under a section heading, h2 for an accepted goal in its own tab
            assert any(f"{'#' * n} {letterlijk(doel.titel)}" in bronnen for n in (2, 3))
            assert letterlijk(doel.actie, regels=True) in bronnen
            for veld in (doel.indicator, doel.eenheid, doel.eigenaar):
                assert letterlijk(veld or "") in bronnen
        for terug in doelservice.terugblik(app_db, vragenlijst, sessie):
            assert letterlijk(terug.doel.titel, regels=True) in bronnen
        _rauw_afwezig(bronnen)

        for pagina, plek in (("scan/ui/paginas/start.py", "header"), ("scan/ui/paginas/invullen.py", "caption")):
            at = open_app(pagina, d=sessie.deelnemer.token)
            assert not at.exception
            assert letterlijk(sessie.deelnemer.naam) in " ".join(str(e.value) for e in at.get(plek))
            _rauw_afwezig(_bronnen(at))

        at = open_app("scan/ui/paginas/resultaten.py", d=sessie.deelnemer.token)
        assert not at.exception
        _rauw_afwezig(_bronnen(at))


def test_workshop__consensus_conflict__names_the_other_facilitator_escaped(
    open_app: Callable[..., AppTest], app_db: Database, vragenlijst: Vragenlijst
) -> None:
    naam = "![](http://127.0.0.9:9/t.png) :material/warning: Kop"
    f = start_ronde(app_db, vragenlijst, gm_code="GM0344", facilitator=naam, datum=dt.date(2026, 12, 7))
    anna, bert = (start.neem_deel(app_db, vragenlijst, code=f.ronde.code, naam=n) for n in ("Anna", "Bert"))
    eerste = vragenlijst.stellingen()[0][1].id
    invullen.sla_antwoord_op(app_db, vragenlijst, anna, eerste, "1")
    invullen.sla_antwoord_op(app_db, vragenlijst, bert, eerste, "5")
    at = open_app("scan/ui/paginas/workshop.py", d=f.deelnemer.token)
    # Meanwhile the same stelling is settled elsewhere (here: by the facilitator's other device).
    workshop.stel_consensus_vast(
        app_db, vragenlijst, f, stelling=eerste, niveau=2, toelichting="elders", verwachte_versie=None
    )
    at.radio(key=f"bp_cn_{eerste}").set_value(3)
    at.button(key=f"FormSubmitter:bp_c_{eerste}-Vastleggen").click().run()
    assert not at.exception
    # Both versions are shown at the stelling; who changed it is plain text (st.text), never Markdown.
    assert any(naam in str(e.value) for e in at.text), [str(e.value) for e in at.text]
    assert naam not in _bronnen(at)
