"""The goal library is complete: two templates or more per bouwsteen and step, concrete and fillable."""

from __future__ import annotations

import re
from collections import Counter

from scoring.doelen import DoelenBibliotheek
from scoring.models import Vragenlijst
from scoring.smart import MIN_WOORDEN_ACTIE, VAAG


def test_every_bouwsteen_and_step__has_at_least_two_templates(
    vragenlijst: Vragenlijst, bibliotheek: DoelenBibliotheek
) -> None:
    for b in vragenlijst.bouwstenen:
        telling = Counter(s.van for s in bibliotheek.voor(b.id))
        assert all(telling[van] >= 2 for van in range(1, 5)), (b.id, telling)


def test_templates__use_only_the_known_placeholders_and_concrete_actions(bibliotheek: DoelenBibliotheek) -> None:
    for bouwsteen, sjablonen in bibliotheek.per_bouwsteen.items():
        for s in sjablonen:
            assert s.id.startswith(bouwsteen), s.id
            for tekst in (s.actie.nl, s.streefregel.nl, s.titel.nl):
                assert set(re.findall(r"\{[^}]*\}", tekst)) <= {"{gemeente}", "{nulmeting}"}, (s.id, tekst)
            assert len(s.actie.nl.split()) >= MIN_WOORDEN_ACTIE, s.id
            assert not VAAG.search(s.actie.nl), s.id
            assert len(s.titel.nl) <= 80, s.id


def test_indicators__vary_and_name_their_source(bibliotheek: DoelenBibliotheek) -> None:
    alle = [s for sjablonen in bibliotheek.per_bouwsteen.values() for s in sjablonen]
    eenheden = Counter(s.indicator.eenheid for s in alle)
    assert eenheden["%"] < 0.8 * len(alle), eenheden
    assert all(len(s.indicator.bron.nl.split()) >= 2 for s in alle)
