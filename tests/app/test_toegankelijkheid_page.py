"""AppTest of the toegankelijkheidsverklaring: in everyone's menu, the statement from docs/, the
installation's contact shown verbatim."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
VERKLARING = Path(__file__).resolve().parents[2] / "docs" / "toegankelijkheidsverklaring.md"
pytestmark = pytest.mark.apptest


def _run() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("scan/ui/paginas/toegankelijkheid.py")
    at.run()
    return at


def test_verklaring__draws_the_statement_from_docs_with_status_limits_and_how_to_report() -> None:
    at = _run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Toegankelijkheidsverklaring"]
    tekst = "\n".join(m.value for m in at.markdown)
    # The digitoegankelijk.nl model: status, what does not comply and why, how to report, date.
    for kop in ("## Status: voldoet gedeeltelijk", "## Wat (nog) niet voldoet", "## Een probleem melden", "## Datum"):
        assert kop in tekst
    for onderdeel in ("3.1.2", "2.1.4", "4.1.3", "getagd", "HTML"):
        assert onderdeel in tekst
    # Every line of the file is on the page (apart from the marker for the contact).
    for regel in VERKLARING.read_text(encoding="utf-8").splitlines()[1:]:
        if regel.strip() and not regel.startswith("<!--"):
            assert regel in tekst, regel
    assert "<!--" not in tekst


def test_verklaring__shows_the_installations_contact_verbatim(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCAN_TOEGANKELIJKHEID_CONTACT", "KCC *Zeist*, <a href=x>mail</a> toegankelijk@zeist.nl")
    at = _run()
    assert not at.exception
    contact = next(m.value for m in at.markdown if "Contact voor deze installatie" in m.value)
    # Escaped: no emphasis, no link, the text as typed.
    assert "\\*Zeist\\*" in contact and "\\<a href" in contact


def test_verklaring__is_in_the_menu_of_someone_without_a_round() -> None:
    from scan.ui.navigatie import zichtbaar

    assert zichtbaar("toegankelijkheid", None, None)
