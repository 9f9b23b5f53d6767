"""Every compliance check of a published questionnaire version is complete and kept apart from the
maturity scan (issue 15, point 5): each duty has a legal basis with a date, a source, and Dutch
text only; where n.v.t. is allowed the explanation says when; no duty shares an id with a stelling."""

from __future__ import annotations

import re

import pytest

from scoring.loader import VRAGENLIJSTEN_DIR, laad_vragenlijst

MET_CHECK = sorted(p.parent.name for p in VRAGENLIJSTEN_DIR.glob("*/naleving.yaml"))
DATUM = re.compile(r"\b\d{1,2}-\d{1,2}-\d{4}\b")


def test_at_least_version_2_has_a_check() -> None:
    assert "2.0" in MET_CHECK


@pytest.mark.parametrize("versie", MET_CHECK)
def test_every_duty__basis_with_date_source_dutch_and_apart_from_the_stellingen(versie: str) -> None:
    vl = laad_vragenlijst(VRAGENLIJSTEN_DIR / versie)
    stellingen = {s.id for _, s in vl.stellingen()} | {b.id for b in vl.bouwstenen}
    for item in vl.naleving:
        waar = f"{versie}/naleving.yaml, {item.id}"
        assert DATUM.search(item.grondslag), f"{waar}: grondslag noemt geen datum (d-m-jjjj)"
        assert item.bron.strip(), waar
        assert item.tekst.en is None and item.toelichting.en is None, f"{waar}: alleen Nederlands"
        assert len(item.tekst.nl.split()) <= 25, f"{waar}: tekst langer dan 25 woorden"
        assert item.id not in stellingen, f"{waar}: id ook gebruikt door een stelling of bouwsteen"
        if item.nvt_mogelijk:
            assert "n.v.t." in item.toelichting.nl, f"{waar}: zeg in de toelichting wanneer n.v.t. past"
