"""Published questionnaire versions, their fingerprints, and the mapping between two versions.

Layer: pure domain (``scoring/``): stdlib, pyyaml and pydantic only.

A questionnaire version, once published, stays loadable (DESIGN.md): ``questionnaires/<versie>/``
holds its head file, scale, bouwstenen and goal library, and ``questionnaires/versies.yaml`` lists
every published version with a fingerprint of its content. The fingerprint is taken over the
parsed YAML data, not the bytes, so a comment or a line break does not count as a change, but a
changed anchor, goal or level name does; the contract tests fail when a published version's
content no longer matches its recorded fingerprint, which is how "a content change without a
version bump" is caught.

Rounds keep their version. Two rounds of different versions are compared through an explicit
mapping (``questionnaires/<naar>/van_<van>/NN_<bouwsteen>.yaml``): per stelling what became of
it (zelfde, herschreven, gesplitst, samengevoegd, nieuw, vervallen), and per bouwsteen whether its
score still measures the same thing. Only then is a difference between the two rounds shown.
"""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from scoring.loader import (
    VRAGENLIJSTEN_DIR,
    Probleem,
    VragenlijstFout,
    controleer_vragenlijst,
    lees_model,
    lees_yaml,
    locatie_van,
    markeer,
    relatief,
    valideer,
)
from scoring.models import Frozen, Id, Tekst, Vragenlijst

Versie = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
VERSIES_BESTAND = "versies.yaml"


class GepubliceerdeVersie(Frozen):
    versie: Versie
    vingerafdruk: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    gepubliceerd: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")]
    """The date the version was published (ISO), for the About page and the method."""


class Versies(Frozen):
    """The catalogue of published versions and the one new rounds use."""

    standaard: Versie
    versies: Annotated[list[GepubliceerdeVersie], Field(min_length=1, max_length=50)]

    def namen(self) -> tuple[str, ...]:
        return tuple(v.versie for v in self.versies)


def _canoniek(data: object) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def inhoud_vingerafdruk(map_: Path) -> str:
    """sha256 over the parsed data of every YAML file in a version folder, keyed by relative path.

    Raises ``VragenlijstFout`` if a file cannot be read: an unreadable version has no fingerprint.
    """
    hasher = hashlib.sha256()
    problemen: list[Probleem] = []
    for path in sorted(map_.rglob("*.yaml")):
        pad = path.relative_to(map_).as_posix()
        bron, fouten = lees_yaml(path, relatief(path, map_))
        problemen.extend(fouten)
        if bron is not None:
            hasher.update(pad.encode() + b"\0" + _canoniek(bron.data) + b"\0")
    if problemen:
        raise VragenlijstFout(problemen)
    return hasher.hexdigest()


def lees_versies(basis: Path = VRAGENLIJSTEN_DIR) -> Versies:
    """``questionnaires/versies.yaml``, checked: the default is published and each version has a folder."""
    path = basis / VERSIES_BESTAND
    pad = relatief(path, basis)
    bron, problemen = lees_yaml(path, pad)
    if bron is None:
        raise VragenlijstFout(problemen)
    versies, problemen = valideer(bron, Versies)
    if versies is None:
        raise VragenlijstFout(problemen)
    namen = versies.namen()
    if len(set(namen)) != len(namen):
        problemen.append(markeer(pad, locatie_van(bron, "versies").start_mark, "een versie staat dubbel in de lijst"))
    if versies.standaard not in namen:
        problemen.append(
            markeer(
                pad,
                locatie_van(bron, "standaard").start_mark,
                f"standaardversie '{versies.standaard}' staat niet bij de gepubliceerde versies",
            )
        )
    for i, v in enumerate(versies.versies):
        if not (basis / v.versie).is_dir():
            problemen.append(
                markeer(
                    pad,
                    locatie_van(bron, "versies", i, "versie").start_mark,
                    f"map voor versie '{v.versie}' ontbreekt ({v.versie}/)",
                )
            )
    if problemen:
        raise VragenlijstFout(problemen)
    return versies


@functools.cache
def catalogus() -> Versies:
    """The installation's published versions (read once per process)."""
    return lees_versies()


def standaard_versie() -> str:
    return catalogus().standaard


def map_van(versie: str, basis: Path = VRAGENLIJSTEN_DIR) -> Path:
    return basis / versie


@functools.cache
def laad_versie(versie: str) -> Vragenlijst:
    """A published version, loaded and checked once per process; ``VragenlijstFout`` in Dutch otherwise."""
    if versie not in catalogus().namen():
        bekend = ", ".join(catalogus().namen())
        raise VragenlijstFout(
            [
                Probleem(
                    VERSIES_BESTAND,
                    None,
                    None,
                    f"vragenlijstversie '{versie}' is niet gepubliceerd in deze installatie (bekend: {bekend})",
                )
            ]
        )
    vragenlijst, problemen = controleer_vragenlijst(map_van(versie))
    if vragenlijst is None:
        raise VragenlijstFout(problemen)
    return vragenlijst


# --- mapping between two versions --------------------------------------------------------------

Soort = Literal["zelfde", "herschreven", "gesplitst", "samengevoegd", "nieuw", "vervallen"]


class Stap(Frozen):
    """What became of one or more stellingen of the older version."""

    soort: Soort
    van: Annotated[list[Id], Field(max_length=6)]
    naar: Annotated[list[Id], Field(max_length=6)]
    notitie: Tekst | None = None


class OvergangBestand(Frozen):
    """The mapping of one bouwsteen from the older to the newer version."""

    bouwsteen: Id
    vergelijkbaar: Literal["ja", "nee"]
    notitie: Tekst
    stellingen: Annotated[list[Stap], Field(min_length=1, max_length=30)]


class Overgang(Frozen):
    """The checked mapping from version ``van`` to version ``naar``."""

    van: str
    naar: str
    bouwstenen: dict[str, OvergangBestand]

    def vergelijkbaar(self, bouwsteen: str) -> bool:
        bestand = self.bouwstenen.get(bouwsteen)
        return bestand is not None and bestand.vergelijkbaar == "ja"

    def notitie(self, bouwsteen: str) -> str:
        bestand = self.bouwstenen.get(bouwsteen)
        return bestand.notitie.nl if bestand else ""


_VORM: dict[str, tuple[tuple[int, int | None], tuple[int, int | None]]] = {
    # soort: ((min, max) stellingen in 'van', (min, max) in 'naar'); None = no maximum
    "zelfde": ((1, 1), (1, 1)),
    "herschreven": ((1, 1), (1, 1)),
    "gesplitst": ((1, 1), (1, None)),  # with one 'naar': the other part went to another bouwsteen (notitie)
    "samengevoegd": ((1, None), (1, 1)),
    "nieuw": ((0, 0), (1, 1)),
    "vervallen": ((1, None), (0, 0)),
}


def _past(aantal: int, grenzen: tuple[int, int | None]) -> bool:
    laag, hoog = grenzen
    return aantal >= laag and (hoog is None or aantal <= hoog)


def controleer_overgang(
    oud: Vragenlijst, nieuw: Vragenlijst, basis: Path = VRAGENLIJSTEN_DIR
) -> tuple[Overgang | None, list[Probleem]]:
    """Read ``<nieuw>/van_<oud>/*.yaml``; the mapping, or None and every located problem."""
    map_ = map_van(nieuw.versie, basis) / f"van_{oud.versie}"
    bestanden = sorted(map_.glob("*.yaml")) if map_.is_dir() else []
    if not bestanden:
        return None, [Probleem(relatief(map_, basis), None, None, "geen overgangsbestanden (*.yaml) gevonden")]
    oude_ids = {s.id for _, s in oud.stellingen()}
    nieuwe_ids = {s.id for _, s in nieuw.stellingen()}
    bouwstenen = {b.id for b in nieuw.bouwstenen}
    problemen: list[Probleem] = []
    per_bouwsteen: dict[str, OvergangBestand] = {}
    van_gezien: dict[str, str] = {}
    naar_gezien: dict[str, str] = {}
    samengevoegd_naar: dict[str, bool] = {}
    for path in bestanden:
        pad = relatief(path, basis)
        bestand, bron = lees_model(path, pad, OvergangBestand, problemen)
        if bestand is None or bron is None:
            continue
        if bestand.bouwsteen not in bouwstenen or bestand.bouwsteen in per_bouwsteen:
            waarom = "onbekende bouwsteen" if bestand.bouwsteen not in bouwstenen else "tweede bestand voor bouwsteen"
            problemen.append(markeer(pad, locatie_van(bron, "bouwsteen").start_mark, f"{waarom} '{bestand.bouwsteen}'"))
            continue
        per_bouwsteen[bestand.bouwsteen] = bestand
        for i, stap in enumerate(bestand.stellingen):
            plek = locatie_van(bron, "stellingen", i).start_mark
            (van_grens, naar_grens) = _VORM[stap.soort]
            if not (_past(len(stap.van), van_grens) and _past(len(stap.naar), naar_grens)):
                problemen.append(
                    markeer(
                        pad,
                        plek,
                        f"soort '{stap.soort}' past niet bij {len(stap.van)} 'van' en {len(stap.naar)} 'naar'",
                    )
                )
            if stap.soort == "vervallen" and stap.notitie is None:
                problemen.append(
                    markeer(pad, plek, "een vervallen stelling heeft een notitie: waar is het onderwerp gebleven?")
                )
            for veld, ids, bekend, gezien, versie in (
                ("van", stap.van, oude_ids, van_gezien, oud.versie),
                ("naar", stap.naar, nieuwe_ids, naar_gezien, nieuw.versie),
            ):
                for j, sid in enumerate(ids):
                    waar = locatie_van(bron, "stellingen", i, veld, j).start_mark
                    if sid not in bekend:
                        problemen.append(markeer(pad, waar, f"stelling '{sid}' bestaat niet in versie {versie}"))
                    elif veld == "naar" and (stap.soort == "samengevoegd" or samengevoegd_naar.get(sid, False)):
                        # Stellingen of several bouwstenen merged into one: each bouwsteen's file
                        # names its own part, so a new stelling may be named more than once, as
                        # long as all but one of those entries are merges into it.
                        if stap.soort != "samengevoegd":
                            samengevoegd_naar[sid] = False
                        elif sid not in gezien:
                            samengevoegd_naar[sid] = True
                        gezien.setdefault(sid, pad)
                    elif sid in gezien:
                        problemen.append(markeer(pad, waar, f"stelling '{sid}' staat al in {gezien[sid]}"))
                    else:
                        gezien[sid] = pad
    if not problemen:
        rel = relatief(map_, basis)
        problemen += [
            Probleem(rel, None, None, f"geen overgangsbestand voor bouwsteen '{b}'")
            for b in sorted(bouwstenen - per_bouwsteen.keys())
        ]
        problemen += [
            Probleem(rel, None, None, f"stelling '{s}' van versie {oud.versie} komt in geen enkele overgang voor")
            for s in sorted(oude_ids - van_gezien.keys())
        ]
        problemen += [
            Probleem(rel, None, None, f"stelling '{s}' van versie {nieuw.versie} komt in geen enkele overgang voor")
            for s in sorted(nieuwe_ids - naar_gezien.keys())
        ]
    if problemen:
        return None, sorted(problemen)
    return Overgang(van=oud.versie, naar=nieuw.versie, bouwstenen=per_bouwsteen), []


@functools.cache
def laad_overgang(van: str, naar: str) -> Overgang | None:
    """The checked mapping between two published versions (either order), or None if there is none."""
    if van == naar:
        return None
    oud, nieuw = sorted((van, naar), key=lambda v: tuple(int(d) for d in v.split(".")))
    overgang, problemen = controleer_overgang(laad_versie(oud), laad_versie(nieuw))
    if overgang is None and (map_van(nieuw) / f"van_{oud}").is_dir():
        raise VragenlijstFout(problemen)
    return overgang
