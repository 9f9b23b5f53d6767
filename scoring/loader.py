"""Load and validate the questionnaire YAML files, reporting every problem with its location.

Layer: pure domain (``scoring/``): stdlib, pyyaml and pydantic only.

Why not plain ``yaml.safe_load``: it silently keeps the last of two duplicate keys, expands
alias bombs, and loses line numbers, so a pydantic error could only say *what* is wrong, not
*where*. This module parses with PyYAML's safe C parser (pure-Python fallback), refuses
anchors and aliases, checks keys itself while converting nodes to Python data, and maps
every pydantic error location back to the YAML node it came from. The result is a list of
``Probleem`` objects printed as ``path:line:column: wat er mis is`` in Dutch. Nesting deeper
than ``scoring.grenzen.MAX_DIEPTE`` is refused while reading the events, before composing.

One bad file never hides the others: each file is read and validated on its own, and the
cross-file checks (duplicate ids, counts per type, unknown kenmerken) run over the files
that did validate.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from scoring.grenzen import MAX_DIEPTE
from scoring.messages import vertaal_pydantic_fout, vertaal_yaml_fout
from scoring.models import (
    BOUWSTENEN_PER_TYPE,
    Bouwsteen,
    NalevingBestand,
    NalevingItem,
    Schaal,
    Vragenlijst,
    VragenlijstMeta,
)

MAX_BESTAND_BYTES = 256 * 1024
MAX_BOUWSTEEN_BESTANDEN = 64
VRAGENLIJSTEN_DIR = Path(__file__).resolve().parent.parent / "questionnaires"
"""The folder that holds every published questionnaire version, one subfolder per version."""

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True, order=True)
class Probleem:
    """One located problem; ``regel`` and ``kolom`` are 1-based, or None for a whole file."""

    pad: str
    regel: int | None
    kolom: int | None
    melding: str

    def __str__(self) -> str:
        if self.regel is None:
            return f"{self.pad}: {self.melding}"
        return f"{self.pad}:{self.regel}:{self.kolom}: {self.melding}"


class VragenlijstFout(Exception):
    """Raised when a questionnaire folder has problems; carries all of them."""

    def __init__(self, problemen: list[Probleem]) -> None:
        self.problemen = sorted(problemen)
        super().__init__("\n".join(str(p) for p in self.problemen))


@dataclass
class _Bron:
    """A parsed YAML file: its data and the node tree that locates every value."""

    pad: str
    data: Any
    node: yaml.Node
    tekst: str


def markeer(pad: str, mark: Any, melding: str) -> Probleem:
    if mark is None:
        return Probleem(pad, None, None, melding)
    return Probleem(pad, mark.line + 1, mark.column + 1, melding)


def _lees_tekst(path: Path, pad: str) -> tuple[str | None, list[Probleem]]:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Probleem(pad, None, None, f"bestand kan niet gelezen worden ({exc.strerror})")]
    if size > MAX_BESTAND_BYTES:
        return None, [
            Probleem(
                pad,
                None,
                None,
                f"bestand is te groot ({size} bytes); de grens is {MAX_BESTAND_BYTES} bytes",
            )
        ]
    raw = path.read_bytes()
    try:
        tekst = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        voor = raw[: exc.start]
        regel = voor.count(b"\n") + 1
        kolom = exc.start - (voor.rfind(b"\n") + 1) + 1
        return None, [Probleem(pad, regel, kolom, "bestand is geen geldige UTF-8-tekst (sla het op als UTF-8)")]
    return tekst, []


def _naar_python(node: yaml.Node, pad: str, problemen: list[Probleem], constructor: Any) -> Any:
    """Convert a composed node to plain data, reporting duplicate and non-text keys."""
    if isinstance(node, yaml.MappingNode):
        uit: dict[str, Any] = {}
        eerst: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problemen.append(markeer(pad, key_node.start_mark, "een sleutel moet een eenvoudige naam zijn"))
                continue
            key = str(constructor.construct_object(key_node))
            if key in eerst:
                vorige = eerst[key].start_mark
                problemen.append(
                    markeer(
                        pad,
                        key_node.start_mark,
                        f"sleutel '{key}' staat dubbel (eerder op regel {vorige.line + 1}); "
                        "verwijder of hernoem één van beide",
                    )
                )
                continue
            eerst[key] = key_node
            uit[key] = _naar_python(value_node, pad, problemen, constructor)
        return uit
    if isinstance(node, yaml.SequenceNode):
        return [_naar_python(n, pad, problemen, constructor) for n in node.value]
    return constructor.construct_object(node)


def lees_yaml(path: Path, pad: str | None = None) -> tuple[_Bron | None, list[Probleem]]:
    """Parse one YAML file safely. Returns the data with its node tree, or the problems."""
    pad = pad or str(path)
    tekst, problemen = _lees_tekst(path, pad)
    if tekst is None:
        return None, problemen
    try:
        # First pass over the events: anchors, aliases and explicit tags are refused before anything is
        # composed, so an alias bomb is never expanded. Nesting is counted here too and the pass stops
        # at the first level beyond MAX_DIEPTE: composing (recursive, in C with the C loader) never sees
        # a deep file, so 100,000 levels give a located message instead of a crash.
        diepte = 0
        for event in yaml.parse(tekst, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                diepte += 1
                if diepte > MAX_DIEPTE:
                    problemen.append(
                        markeer(
                            pad,
                            event.start_mark,
                            f"te diep genest: meer dan {MAX_DIEPTE} niveaus van lijsten en velden "
                            "(een vragenlijst heeft er hoogstens 5); controleer de haakjes en de inspringing",
                        )
                    )
                    return None, problemen
            elif isinstance(event, yaml.CollectionEndEvent):
                diepte -= 1
            if isinstance(event, yaml.AliasEvent):
                problemen.append(
                    markeer(
                        pad,
                        event.start_mark,
                        f"verwijzing '*{getattr(event, 'anchor', '')}' is niet toegestaan; schrijf de tekst uit",
                    )
                )
            elif anker := getattr(event, "anchor", None):
                problemen.append(
                    markeer(pad, event.start_mark, f"anker '&{anker}' is niet toegestaan; schrijf de tekst uit")
                )
            if tag := getattr(event, "tag", None):
                # Explicit tags (!!python/..., !!binary, !custom) are never needed in a questionnaire.
                problemen.append(
                    markeer(pad, event.start_mark, f"tag '{tag}' is niet toegestaan; tags zijn niet nodig")
                )
        if problemen:
            return None, problemen
        node = yaml.compose(tekst, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        return None, [markeer(pad, mark, vertaal_yaml_fout(exc))]
    except yaml.YAMLError as exc:
        return None, [Probleem(pad, None, None, f"YAML-fout: {exc}")]
    if node is None:
        return None, [Probleem(pad, 1, 1, "bestand is leeg")]
    if not isinstance(node, yaml.MappingNode):
        return None, [
            markeer(
                pad,
                node.start_mark,
                "het bestand moet met velden (sleutel: waarde) beginnen, niet met een lijst of losse tekst",
            )
        ]
    constructor = yaml.SafeLoader("")
    try:
        data = _naar_python(node, pad, problemen, constructor)
    except yaml.constructor.ConstructorError as exc:
        return None, [markeer(pad, exc.problem_mark, vertaal_yaml_fout(exc))]
    if problemen:
        return None, problemen
    return _Bron(pad, data, node, tekst), []


def _node_bij(node: yaml.Node, loc: Iterable[int | str], sleutel_zelf: bool) -> yaml.Node:
    """Follow a pydantic error location down the node tree as far as it exists."""
    huidig = node
    stappen = list(loc)
    for i, stap in enumerate(stappen):
        if isinstance(huidig, yaml.MappingNode):
            volgende = None
            for key_node, value_node in huidig.value:
                if str(key_node.value) == str(stap):
                    laatste = i == len(stappen) - 1
                    volgende = key_node if (laatste and sleutel_zelf) else value_node
                    break
            if volgende is None:
                return huidig
            huidig = volgende
        elif isinstance(huidig, yaml.SequenceNode) and isinstance(stap, int):
            if 0 <= stap < len(huidig.value):
                huidig = huidig.value[stap]
            else:
                return huidig
        else:
            return huidig
    return huidig


def valideer(bron: _Bron, model: type[M]) -> tuple[M | None, list[Probleem]]:
    """Validate parsed data against a model; each error is located at its YAML node."""
    try:
        return model.model_validate(bron.data, strict=True), []
    except ValidationError as exc:
        problemen = []
        for err in exc.errors(include_url=False):
            loc = [s for s in err["loc"] if not (isinstance(s, str) and s.startswith("function-"))]
            node = _node_bij(bron.node, loc, sleutel_zelf=err["type"] == "extra_forbidden")
            problemen.append(markeer(bron.pad, node.start_mark, vertaal_pydantic_fout(err, loc)))
        return None, problemen


def lees_model(path: Path, pad: str, model: type[M], problemen: list[Probleem]) -> tuple[M | None, _Bron | None]:
    """Read one YAML file and validate it against ``model``; every problem is added to ``problemen``.

    Returns the object and its parsed source (to locate later cross-check messages), or None
    where the file could not be read or did not validate."""
    bron, fouten = lees_yaml(path, pad)
    problemen.extend(fouten)
    if bron is None:
        return None, None
    obj, fouten = valideer(bron, model)
    problemen.extend(fouten)
    return obj, bron


def locatie_van(bron: _Bron, *loc: int | str) -> yaml.Node:
    return _node_bij(bron.node, loc, sleutel_zelf=False)


def relatief(path: Path, basis: Path) -> str:
    try:
        return str(path.relative_to(basis.parent))
    except ValueError:
        return str(path)


def controleer_vragenlijst(directory: Path | str | None = None) -> tuple[Vragenlijst | None, list[Probleem]]:
    """Read a questionnaire folder. Returns the questionnaire, or None and every problem found."""
    basis = Path(directory) if directory is not None else DEFAULT_DIR
    problemen: list[Probleem] = []
    if not basis.is_dir():
        return None, [Probleem(str(basis), None, None, "map met vragenlijsten bestaat niet")]

    hasher = hashlib.sha256()

    def laad(path: Path, model: type[M]) -> tuple[M | None, _Bron | None]:
        pad = relatief(path, basis)
        if not path.is_file():
            problemen.append(Probleem(pad, None, None, "bestand ontbreekt"))
            return None, None
        obj, bron = lees_model(path, pad, model, problemen)
        if bron is not None:
            hasher.update(pad.encode() + b"\0" + bron.tekst.encode())
        return obj, bron

    meta, _ = laad(basis / "vragenlijst.yaml", VragenlijstMeta)
    schaal, _ = laad(basis / "schaal.yaml", Schaal)

    map_bouwstenen = basis / "bouwstenen"
    bestanden = sorted(map_bouwstenen.glob("*.yaml")) if map_bouwstenen.is_dir() else []
    if not bestanden:
        problemen.append(
            Probleem(relatief(map_bouwstenen, basis), None, None, "geen bouwsteenbestanden (*.yaml) gevonden")
        )
    if len(bestanden) > MAX_BOUWSTEEN_BESTANDEN:
        problemen.append(
            Probleem(relatief(map_bouwstenen, basis), None, None, f"te veel bestanden ({len(bestanden)}); verwacht 16")
        )
        bestanden = bestanden[:MAX_BOUWSTEEN_BESTANDEN]
    geladen: list[tuple[Bouwsteen, _Bron]] = []
    for path in bestanden:
        bouwsteen, bron = laad(path, Bouwsteen)
        if bouwsteen is not None and bron is not None:
            geladen.append((bouwsteen, bron))

    problemen.extend(_kruiscontroles(geladen, meta, alle_bestanden_geldig=len(geladen) == len(bestanden)))

    # The compliance check (issue 15, point 5): optional, so a version without it (1.0) keeps its
    # fingerprint; when present it is read, located and hashed as every other file.
    naleving: tuple[NalevingItem, ...] = ()
    if (basis / NALEVING_BESTAND).is_file():
        bestand, bron = laad(basis / NALEVING_BESTAND, NalevingBestand)
        if bestand is not None and bron is not None:
            bouwstenen_ids = {b.id for b, _ in geladen} if len(geladen) == len(bestanden) else None
            problemen.extend(_controleer_naleving(bestand, bron, bouwstenen_ids))
            naleving = tuple(bestand.items)

    if problemen or meta is None or schaal is None:
        return None, sorted(problemen)
    bouwstenen = tuple(sorted((b for b, _ in geladen), key=lambda b: b.nummer))
    vragenlijst = Vragenlijst(
        meta=meta, schaal=schaal, bouwstenen=bouwstenen, naleving=naleving, vingerafdruk=hasher.hexdigest()
    )
    return vragenlijst, []


NALEVING_BESTAND = "naleving.yaml"


def _controleer_naleving(bestand: NalevingBestand, bron: _Bron, bouwstenen: set[str] | None) -> list[Probleem]:
    """Checks of the compliance check that the model cannot make alone: unique item ids, and a
    ``bouwsteen`` that exists (only when every bouwsteen file loaded: ``bouwstenen`` None)."""
    problemen: list[Probleem] = []
    eerst: dict[str, int] = {}
    for i, item in enumerate(bestand.items):
        if item.id in eerst:
            node = locatie_van(bron, "items", i, "id")
            vorige = locatie_van(bron, "items", eerst[item.id], "id").start_mark.line + 1
            problemen.append(
                markeer(
                    bron.pad, node.start_mark, f"nalevingsitem-id '{item.id}' staat dubbel (eerder op regel {vorige})"
                )
            )
        else:
            eerst[item.id] = i
        if bouwstenen is not None and item.bouwsteen is not None and item.bouwsteen not in bouwstenen:
            node = locatie_van(bron, "items", i, "bouwsteen")
            problemen.append(markeer(bron.pad, node.start_mark, f"onbekende bouwsteen '{item.bouwsteen}'"))
    return problemen


def _kruiscontroles(
    geladen: list[tuple[Bouwsteen, _Bron]], meta: VragenlijstMeta | None, alle_bestanden_geldig: bool
) -> list[Probleem]:
    """Checks that span files: unique ids and numbers, known kenmerken, eight of each type."""
    problemen: list[Probleem] = []
    gezien: dict[tuple[str, object], str] = {}
    gebruikte_kenmerken: set[str] = set()
    kenmerken = {k.id for k in meta.kenmerken} if meta else None

    def uniek(soort: str, waarde: object, bron: _Bron, loc: tuple[int | str, ...], melding: str) -> None:
        """Report ``waarde`` when it was used before (in this file or another); remember the first file."""
        eerder = gezien.get((soort, waarde))
        if eerder is None:
            gezien[(soort, waarde)] = bron.pad
        else:
            problemen.append(markeer(bron.pad, locatie_van(bron, *loc).start_mark, f"{melding} {eerder}"))

    for b, bron in geladen:
        uniek("bouwsteen", b.id, bron, ("id",), f"bouwsteen-id '{b.id}' komt ook voor in")
        uniek("nummer", b.nummer, bron, ("nummer",), f"nummer {b.nummer} wordt ook gebruikt in")
        for i, s in enumerate(b.stellingen):
            uniek("stelling", s.id, bron, ("stellingen", i, "id"), f"stelling-id '{s.id}' komt ook voor in")
            for j, k in enumerate(s.kenmerken):
                gebruikte_kenmerken.add(k)
                if kenmerken is not None and k not in kenmerken:
                    node = locatie_van(bron, "stellingen", i, "kenmerken", j)
                    bekend = ", ".join(sorted(kenmerken))
                    problemen.append(
                        markeer(bron.pad, node.start_mark, f"onbekend kenmerk '{k}'; bekend zijn: {bekend}")
                    )
    if not alle_bestanden_geldig:
        # Counts over a partial set would only repeat the file errors above in other words.
        return problemen
    for soort, naam in (("kern", "kernbouwstenen"), ("aanvullend", "aanvullende bouwstenen")):
        aantal = sum(1 for b, _ in geladen if b.type == soort)
        if aantal != BOUWSTENEN_PER_TYPE:
            problemen.append(
                Probleem("bouwstenen", None, None, f"verwacht {BOUWSTENEN_PER_TYPE} {naam}, gevonden {aantal}")
            )
    if kenmerken is not None and geladen:
        problemen.extend(
            Probleem("bouwstenen", None, None, f"kenmerk '{k}' hoort bij geen enkele stelling")
            for k in sorted(kenmerken - gebruikte_kenmerken)
        )
    return problemen


def laad_vragenlijst(directory: Path | str | None = None) -> Vragenlijst:
    """Load the questionnaire or raise ``VragenlijstFout`` listing every problem."""
    vragenlijst, problemen = controleer_vragenlijst(directory)
    if vragenlijst is None:
        raise VragenlijstFout(problemen)
    return vragenlijst


def _standaard_map() -> Path:
    # The folder of the version new rounds use, named by 'standaard' in questionnaires/versies.yaml
    # (scoring.versies checks that file whole; here only the one key is needed, read just as safely).
    bron, _ = lees_yaml(VRAGENLIJSTEN_DIR / "versies.yaml")
    versie = bron.data.get("standaard") if bron is not None and isinstance(bron.data, dict) else None
    return VRAGENLIJSTEN_DIR / (versie if isinstance(versie, str) and "/" not in versie else "onbekend")


DEFAULT_DIR = _standaard_map()
"""The folder of the default version: what a new round, the demo and ``laad_vragenlijst()`` use."""


@functools.cache
def standaard_schaal() -> Schaal:
    """The answer scale of the default version (``questionnaires/<versie>/schaal.yaml``), loaded
    and checked once: the one source of the score bands for code that has no questionnaire at
    hand (the comparison heatmap); everything with a questionnaire uses ``vragenlijst.schaal``."""
    return laad_vragenlijst().schaal
