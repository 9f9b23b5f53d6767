"""Published questionnaire versions stay loadable and unchanged (issue 15, DESIGN.md decisions).

A content change to a published version must fail here: its fingerprint (over the parsed data
of every YAML file in its folder) no longer matches ``questionnaires/versies.yaml``. The fix is
a new version, not a new fingerprint.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scoring.doelen import controleer_doelen
from scoring.loader import VRAGENLIJSTEN_DIR, VragenlijstFout
from scoring.versies import catalogus, inhoud_vingerafdruk, laad_versie, lees_versies, map_van

GEPUBLICEERD = catalogus().versies


@pytest.mark.parametrize("versie", GEPUBLICEERD, ids=lambda v: v.versie)
def test_a_published_version__still_has_its_recorded_content(versie) -> None:
    gevonden = inhoud_vingerafdruk(map_van(versie.versie))
    assert gevonden == versie.vingerafdruk, (
        f"De inhoud van gepubliceerde vragenlijstversie {versie.versie} is veranderd. Een gepubliceerde "
        "versie verandert nooit: maak een nieuwe versie (nieuwe map, nieuw nummer in vragenlijst.yaml, "
        "overgangsbestanden) en publiceer die in questionnaires/versies.yaml."
    )


@pytest.mark.parametrize("versie", GEPUBLICEERD, ids=lambda v: v.versie)
def test_a_published_version__loads_with_its_goal_library_and_says_its_own_number(versie) -> None:
    vragenlijst = laad_versie(versie.versie)
    assert vragenlijst.versie == versie.versie
    bibliotheek, problemen = controleer_doelen(vragenlijst, map_van(versie.versie))
    assert bibliotheek is not None, "\n".join(map(str, problemen))


def test_the_default_version__is_published() -> None:
    assert catalogus().standaard in catalogus().namen()


def test_changing_one_anchor__changes_the_fingerprint_but_a_comment_does_not(tmp_path: Path) -> None:
    kopie = tmp_path / "1.0"
    shutil.copytree(VRAGENLIJSTEN_DIR / "1.0", kopie)
    voor = inhoud_vingerafdruk(kopie)
    pad = kopie / "bouwstenen" / "01_kanaalinzet.yaml"
    tekst = pad.read_text(encoding="utf-8")
    pad.write_text("# alleen een opmerking erbij\n" + tekst, encoding="utf-8")
    assert inhoud_vingerafdruk(kopie) == voor
    pad.write_text(tekst.replace("niemand heeft een overzicht", "niemand heeft nog een overzicht", 1), encoding="utf-8")
    assert inhoud_vingerafdruk(kopie) != voor


def test_an_unknown_version__is_refused_in_dutch() -> None:
    with pytest.raises(VragenlijstFout, match=r"vragenlijstversie '0\.9' is niet gepubliceerd"):
        laad_versie("0.9")


def test_a_catalogue_whose_default_is_not_published__is_refused_with_its_place(tmp_path: Path) -> None:
    shutil.copytree(VRAGENLIJSTEN_DIR / "1.0", tmp_path / "1.0")
    tekst = (VRAGENLIJSTEN_DIR / "versies.yaml").read_text(encoding="utf-8")
    (tmp_path / "versies.yaml").write_text(tekst.replace('standaard: "', 'standaard: "9', 1), encoding="utf-8")
    with pytest.raises(VragenlijstFout, match=r"versies.yaml:\d+:\d+: standaardversie '9"):
        lees_versies(tmp_path)
