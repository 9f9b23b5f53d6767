"""A report that did not fit is logged without ReportLab's message, which quotes the start of the
flowable that did not fit: a note or a name (issue 18, item 5)."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from reportlab.platypus.doctemplate import LayoutError

from reports import pdf
from scan.demo.fictief import maak_demo
from scan.gemeenten import zoek_gemeente
from scoring.engine import bereken_scan
from scoring.models import Vragenlijst


def test_a_layout_error__is_logged_without_the_text_that_did_not_fit(
    vragenlijst: Vragenlijst, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = maak_demo(vragenlijst, zoek_gemeente("Utrecht"), 3, dt.date(2026, 12, 7), seed=5)
    echt = pdf._bouw_passend
    pogingen: list[bool] = []

    def eerst_te_groot(c: pdf.Rapportcontext, soort: pdf.Soort) -> bytes:
        pogingen.append(c.nood)
        if not c.nood:
            raise LayoutError("Flowable <Paragraph at 0x1>Geheime notitie van Jan de Vries too large on page 3")
        return echt(c, soort)

    monkeypatch.setattr(pdf, "_bouw_passend", eerst_te_groot)
    caplog.set_level(logging.DEBUG)
    inhoud = pdf.rapport("volledig", vragenlijst, scan, bereken_scan(vragenlijst, scan))
    assert inhoud.startswith(b"%PDF") and pogingen == [False, True]
    geschreven = "\n".join(logging.Formatter().format(r) for r in caplog.records)
    assert "paste niet" in geschreven and "LayoutError" in geschreven
    assert "Jan de Vries" not in geschreven and "Geheime notitie" not in geschreven
