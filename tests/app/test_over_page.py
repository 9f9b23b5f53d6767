"""AppTest of the page Over de scan: the questionnaire overview, and a clear error when it is broken."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from scan.ui.weergave import letterlijk
from scoring.models import Vragenlijst

APP = str(Path(__file__).resolve().parents[2] / "app.py")
pytestmark = pytest.mark.apptest


def _run() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("scan/ui/paginas/over.py")
    at.run()
    return at


def test_over__shows_sixteen_bouwstenen_by_dimensie(vragenlijst: Vragenlijst) -> None:
    st.cache_resource.clear()
    at = _run()
    assert not at.exception
    assert at.title[0].value == "Omnichannel zelfscan"
    koppen = [h.value for h in at.header]
    dimensies = [d.naam.nl for d in vragenlijst.meta.dimensies]
    assert koppen[: len(dimensies)] == dimensies  # h2 under the h1: no h3 subtitle in between
    assert not at.subheader
    tekst = " ".join(m.value for m in at.markdown)
    for b in vragenlijst.bouwstenen:
        assert f"**{b.nummer}. {letterlijk(b.naam.nl)}**" in tekst
        assert letterlijk(b.omschrijving.nl) in tekst
    assert len(at.expander) == 16
    # Sixteen names that say which bouwsteen they open, not sixteen times "5 stellingen bekijken".
    assert len({e.label for e in at.expander}) == 16
    for b in vragenlijst.bouwstenen:
        assert sum(letterlijk(b.naam.nl) in e.label for e in at.expander) == 1
    # every stelling with its five anchors, in questionnaire order
    for _, s in vragenlijst.stellingen():
        assert letterlijk(s.niveaus.n5.nl) in tekst
    assert "niet de officiële omnichannelscan" in at.info[0].value


def test_over__scale_and_bands_are_tables() -> None:
    st.cache_resource.clear()
    at = _run()
    tabellen = [tabel.value for tabel in at.table]
    schaal = next(t for t in tabellen if "Generatie kanaalstrategie" in t.columns)
    assert list(schaal["Niveau"]) == [1, 2, 3, 4, 5]
    banden = next(t for t in tabellen if "Band" in t.columns)
    assert list(banden["Score"]) == ["0–20", "21–40", "41–60", "61–80", "81–100"]


def test_over__broken_questionnaire_shows_dutch_error_not_traceback(
    vragenlijst_kopie: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = vragenlijst_kopie / "bouwstenen/01_kanaalinzet.yaml"
    pad.write_text(
        pad.read_text(encoding="utf-8").replace("dimensie: frontoffice", "dimensie: voorkant"), encoding="utf-8"
    )
    monkeypatch.setattr("scoring.loader.DEFAULT_DIR", vragenlijst_kopie)
    st.cache_resource.clear()
    try:
        at = _run()
    finally:
        st.cache_resource.clear()
    assert not at.exception
    assert "De vragenlijst kan niet geladen worden" in at.error[0].value
    assert "01_kanaalinzet.yaml" in at.code[0].value and "voorkant" in at.code[0].value


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("<b>vet</b>", r"\<b\>vet\</b\>"),
        # A colon followed by a character also gets a word joiner (scan.weergave).
        ("R&D *nadruk* [link](javascript:x)", "R\\&D \\*nadruk\\* \\[link\\]\\(javascript\\:\u2060x\\)"),
        ("1. lijst", r"1\. lijst"),
    ],
)
def test_letterlijk__escapes_markup_so_text_stays_text(tekst: str, verwacht: str) -> None:
    assert letterlijk(tekst) == verwacht
