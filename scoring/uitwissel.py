"""The scan exchange format: one whole scanronde as a versioned JSON document.

Layer: pure domain (``scoring/``). The same model serves the command line (demo, score),
and later the export, import and report builders, so it holds everything of a round:
gemeente, date, participants, answers with notes, ambitions, consensus and goals.
Internal references (a participant id on an answer, duplicate answers) are checked here;
references to the questionnaire (stelling and bouwsteen ids) are checked by
``controleer_tegen_vragenlijst`` because they depend on the questionnaire version.

An answer is a level 1..5 or one of the words ``weet_niet`` and ``nvt``; both words are
valid answers that carry no score. An answer may also be absent (``null``) when a participant
wrote a toelichting before choosing: the note is kept, the stelling counts as open.

Format version 2 (issue 16) adds what a facilitated session (*Samen*) leaves behind: the round's
mode and naming, each participant's discipline, the certainty of an answer, the second votes
after a discussion (``herstemmingen``; the first vote stays in ``antwoorden``) and the parts the
facilitator opened with their reveal times (``samen_stappen``). Version 1 files still read: they
hold none of these and stand for a round in *Eigen tempo*.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    ValidationError,
    model_validator,
)

from scoring.grenzen import (
    AMSTERDAM,
    Datum,
    JsonFout,
    Meetwaarde,
    Tijdstip,
    lees_json,
    ongeldige_waarden,
)
from scoring.messages import vertaal_pydantic_fout
from scoring.models import Vragenlijst
from scoring.samen import Discipline, Modus, Zekerheid

FORMAAT = "omnichannel-zelfscan"
FORMAATVERSIE = 2
"""The version this installation writes."""
FORMAATVERSIES: tuple[int, ...] = (1, 2)
"""The versions it reads: every older version stays importable."""
MAX_UITWISSEL_BYTES = 20 * 1024 * 1024

Ref = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", min_length=1, max_length=80)]
Naam = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
Vrije = Annotated[str, StringConstraints(max_length=4000)]
Niveau = Annotated[StrictInt, Field(ge=1, le=5)]
Bijzonder = Literal["weet_niet", "nvt"]
Antwoordwaarde = Niveau | Bijzonder
NIVEAUS: tuple[str, ...] = ("1", "2", "3", "4", "5")
ANTWOORDEN: tuple[str, ...] = (*NIVEAUS, *get_args(Bijzonder))
"""Every answer as stored and shown: a level 1..5, or weet niet / n.v.t. The one list the
database's CHECK constraint, the service and the answer form share."""
NalevingStatus = Literal["voldoet", "deels", "niet", "weet_niet", "nvt"]
NALEVING_STATUSSEN: tuple[str, ...] = get_args(NalevingStatus)
"""The answers of the compliance check (issue 15, point 5): facts about a legal duty, never a level.
The one list the database's CHECK constraint, the service and the form share."""
Rol = Literal["facilitator", "deelnemer"]
PdcaFase = Literal["plan", "do", "check", "act"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Gemeente(_Model):
    gm_code: Annotated[str, StringConstraints(pattern=r"^GM\d{4}$")]
    naam: Naam


class Deelnemer(_Model):
    id: Ref
    naam: Naam
    rol: Rol = "deelnemer"
    functie: Annotated[str, StringConstraints(max_length=120)] | None = None
    discipline: Discipline | None = Field(
        None, description="the discipline the participant chose (formaatversie 2); absent: read from the function"
    )


class Antwoord(_Model):
    """One participant's answer to one stelling."""

    deelnemer: Ref
    stelling: Ref
    antwoord: Antwoordwaarde | None = Field(None, description="null: only a toelichting, no choice yet")
    toelichting: Vrije | None = None
    gewijzigd: Tijdstip | None = None
    zekerheid: Zekerheid | None = Field(None, description="how sure the participant is (formaatversie 2)")


class Herstemming(_Model):
    """A participant's second vote on a stelling after its discussion (*Samen*, formaatversie 2).
    The first vote stays in ``antwoorden``; the latest vote is the one that scores."""

    deelnemer: Ref
    stelling: Ref
    antwoord: Antwoordwaarde
    gewijzigd: Tijdstip | None = None


class SamenStap(_Model):
    """A part the facilitator opened for the room (*Samen*, formaatversie 2): a bouwsteen or one
    stelling, a first vote or a re-vote, when it opened, was revealed and its timer (re)started."""

    volgnummer: Annotated[StrictInt, Field(ge=1, le=100_000)]
    bouwsteen: Ref | None = None
    stelling: Ref | None = None
    herstemming: StrictBool = False
    geopend_op: Tijdstip
    onthuld_op: Tijdstip | None = None
    timer_vanaf: Tijdstip | None = None

    @model_validator(mode="after")
    def _een_deel(self) -> SamenStap:
        if (self.bouwsteen is None) == (self.stelling is None):
            raise ValueError("een onderdeel is een bouwsteen of een stelling, niet allebei of geen van beide")
        if self.herstemming and self.stelling is None:
            raise ValueError("een herstemming gaat over één stelling")
        return self


class Ambitie(_Model):
    """The level a bouwsteen should reach. ``deelnemer`` None means agreed by the werkgroep."""

    bouwsteen: Ref
    niveau: Niveau
    deelnemer: Ref | None = None
    toelichting: Vrije | None = None


class Consensus(_Model):
    """The level the werkgroep agreed for a stelling after discussion, and why."""

    stelling: Ref
    niveau: Niveau
    toelichting: Vrije | None = None
    vastgesteld_op: Tijdstip | None = None
    vastgesteld_door: Naam | None = None


class Notitie(_Model):
    bouwsteen: Ref | None = None
    tekst: Annotated[str, StringConstraints(min_length=1, max_length=4000)]


class Doel(_Model):
    """An improvement goal of the round; filled in by the goals feature."""

    id: Ref
    bouwsteen: Ref
    titel: Naam
    actie: Vrije
    indicator: Vrije | None = None
    eenheid: Annotated[str, StringConstraints(max_length=40)] | None = None
    nulmeting: Meetwaarde | None = None
    nulmeting_uiterlijk: Datum | None = Field(
        None,
        description="an indicator not measured yet: the date by which the baseline will be measured "
        "(only when nulmeting is empty)",
    )
    streefwaarde: Meetwaarde | None = None
    bron: Vrije | None = None
    eigenaar: Vrije | None = None
    deadline: Datum | None = None
    status: PdcaFase = "plan"
    sjabloon: Ref | None = None
    notities: Vrije | None = None
    richting: Literal["hoger", "lager"] | None = Field(None, description="hoger: a higher indicator value is better")
    draagvlak: Vrije | None = Field(None, description="who supports the goal (the A of SMART)")

    @model_validator(mode="after")
    def _nulmeting_of_datum(self) -> Doel:
        if self.nulmeting is not None and self.nulmeting_uiterlijk is not None:
            raise ValueError("een doel heeft een nulmeting of een datum waarop die volgt, niet allebei")
        return self


class Naleving(_Model):
    """The werkgroep's answer to one item of the compliance check: one per item per round."""

    item: Ref
    status: NalevingStatus
    notitie: Annotated[str, StringConstraints(max_length=500)] | None = None


class Scanronde(_Model):
    id: Ref
    datum: Datum
    omschrijving: Vrije | None = None
    status: Literal["open", "afgerond"] = "open"
    modus: Modus = Field("eigen_tempo", description="eigen_tempo or samen (formaatversie 2)")
    op_naam: StrictBool = Field(False, description="the facilitator's view may show names (formaatversie 2)")


class VragenlijstRef(_Model):
    id: Ref
    versie: Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]


class Scan(_Model):
    """A whole scanronde in the exchange format."""

    formaat: Literal["omnichannel-zelfscan"] = "omnichannel-zelfscan"
    formaatversie: Literal[1, 2] = 2
    vragenlijst: VragenlijstRef
    gemeente: Gemeente
    scanronde: Scanronde
    fictief: bool = Field(False, description="true for generated demonstration data")
    deelnemers: Annotated[list[Deelnemer], Field(max_length=200)]
    antwoorden: Annotated[list[Antwoord], Field(max_length=200 * 200)] = []
    ambities: Annotated[list[Ambitie], Field(max_length=200 * 40)] = []
    consensus: Annotated[list[Consensus], Field(max_length=400)] = []
    notities: Annotated[list[Notitie], Field(max_length=1000)] = []
    doelen: Annotated[list[Doel], Field(max_length=100)] = []
    naleving: Annotated[list[Naleving], Field(max_length=100)] = Field(
        [], description="the compliance check of the round (legal duties, not scored); absent in older files"
    )
    herstemmingen: Annotated[list[Herstemming], Field(max_length=200 * 200)] = Field(
        [], description="second votes after a discussion (formaatversie 2)"
    )
    samen_stappen: Annotated[list[SamenStap], Field(max_length=10_000)] = Field(
        [], description="the parts of a facilitated session, in order (formaatversie 2)"
    )

    @model_validator(mode="after")
    def _verwijzingen(self) -> Scan:
        ids = [d.id for d in self.deelnemers]
        dubbel = sorted({i for i in ids if ids.count(i) > 1})
        if dubbel:
            raise ValueError(f"deelnemer-id dubbel: {', '.join(dubbel)}")
        namen = [d.naam.casefold() for d in self.deelnemers]
        dubbele_namen = sorted({d.naam for d in self.deelnemers if namen.count(d.naam.casefold()) > 1})
        if dubbele_namen:
            raise ValueError(f"deelnemernaam dubbel: {', '.join(dubbele_namen)}")
        bekend = set(ids)
        gezien: set[tuple[str, str]] = set()
        for i, a in enumerate(self.antwoorden):
            if a.deelnemer not in bekend:
                raise ValueError(f"antwoorden[{i}]: onbekende deelnemer '{a.deelnemer}'")
            if (a.deelnemer, a.stelling) in gezien:
                raise ValueError(
                    f"antwoorden[{i}]: deelnemer '{a.deelnemer}' beantwoordt stelling '{a.stelling}' twee keer"
                )
            gezien.add((a.deelnemer, a.stelling))
        ambities: set[tuple[str | None, str]] = set()
        for i, amb in enumerate(self.ambities):
            if amb.deelnemer is not None and amb.deelnemer not in bekend:
                raise ValueError(f"ambities[{i}]: onbekende deelnemer '{amb.deelnemer}'")
            if (amb.deelnemer, amb.bouwsteen) in ambities:
                raise ValueError(f"ambities[{i}]: ambitie voor '{amb.bouwsteen}' staat dubbel")
            ambities.add((amb.deelnemer, amb.bouwsteen))
        stellingen = [c.stelling for c in self.consensus]
        if len(set(stellingen)) != len(stellingen):
            raise ValueError("consensus: een stelling heeft meer dan één vastgesteld niveau")
        doel_ids = [d.id for d in self.doelen]
        if len(set(doel_ids)) != len(doel_ids):
            raise ValueError("doelen: een doel-id komt dubbel voor")
        items = [n.item for n in self.naleving]
        if len(set(items)) != len(items):
            raise ValueError("naleving: een nalevingsitem heeft meer dan één antwoord")
        self._samen(bekend)
        return self

    def _samen(self, bekend: set[str]) -> None:
        """The fields of formaatversie 2: only in version 2, and consistent among themselves."""
        if self.formaatversie < 2 and (nieuw := _velden_van_versie_2(self)):
            raise ValueError(f"formaatversie 1 kent {', '.join(nieuw)} niet; zet formaatversie op 2")
        nummers = [s.volgnummer for s in self.samen_stappen]
        if len(set(nummers)) != len(nummers):
            raise ValueError("samen_stappen: een volgnummer komt dubbel voor")
        herstemd = [s.stelling for s in self.samen_stappen if s.herstemming]
        if dubbel := sorted({s for s in herstemd if s is not None and herstemd.count(s) > 1}):
            raise ValueError(f"samen_stappen: over stelling {', '.join(dubbel)} is meer dan één keer opnieuw gestemd")
        gezien: set[tuple[str, str]] = set()
        for i, h in enumerate(self.herstemmingen):
            if h.deelnemer not in bekend:
                raise ValueError(f"herstemmingen[{i}]: onbekende deelnemer '{h.deelnemer}'")
            if (h.deelnemer, h.stelling) in gezien:
                raise ValueError(
                    f"herstemmingen[{i}]: deelnemer '{h.deelnemer}' stemt twee keer opnieuw over stelling '{h.stelling}'"
                )
            gezien.add((h.deelnemer, h.stelling))
            if h.stelling not in herstemd:
                raise ValueError(f"herstemmingen[{i}]: stelling '{h.stelling}' heeft geen herstemming in samen_stappen")


def _velden_van_versie_2(scan: Scan) -> list[str]:
    """The fields of formaatversie 2 that ``scan`` fills."""
    uit = []
    if scan.scanronde.modus != "eigen_tempo" or scan.scanronde.op_naam:
        uit.append("scanronde.modus/op_naam")
    if any(d.discipline is not None for d in scan.deelnemers):
        uit.append("deelnemers.discipline")
    if any(a.zekerheid is not None for a in scan.antwoorden):
        uit.append("antwoorden.zekerheid")
    if scan.herstemmingen:
        uit.append("herstemmingen")
    if scan.samen_stappen:
        uit.append("samen_stappen")
    return uit


class UitwisselFout(Exception):
    """A scan file that cannot be read; ``problemen`` are Dutch lines naming where."""

    def __init__(self, problemen: list[str]) -> None:
        self.problemen = problemen
        super().__init__("\n".join(problemen))


def lees_scan_bytes(data: bytes, bron: str = "bestand") -> Scan:
    """Parse and validate an exchange file's bytes; raises ``UitwisselFout`` in Dutch."""
    if len(data) > MAX_UITWISSEL_BYTES:
        raise UitwisselFout(
            [f"{bron}: bestand is te groot ({len(data)} bytes); de grens is {MAX_UITWISSEL_BYTES} bytes"]
        )
    if not data.strip():
        raise UitwisselFout([f"{bron}: bestand is leeg"])
    try:
        tekst = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UitwisselFout([f"{bron}: geen geldige UTF-8-tekst (fout bij byte {exc.start})"]) from None
    try:
        # Depth bounded before parsing; NaN, Infinity and huge integers become markers (grenzen).
        ruw, met_markeringen = lees_json(tekst)
    except JsonFout as exc:
        raise UitwisselFout([f"{bron}:{exc.regel}:{exc.kolom}: {exc.melding}"]) from None
    if not isinstance(ruw, dict):
        raise UitwisselFout([f"{bron}: verwacht een JSON-object met de velden van een scan"])
    if ruw.get("formaat") != FORMAAT:
        raise UitwisselFout(
            [f"{bron}: dit is geen scanbestand van de omnichannel zelfscan (veld 'formaat' ontbreekt of klopt niet)"]
        )
    if type(ruw.get("formaatversie")) is not int or ruw.get("formaatversie") not in FORMAATVERSIES:
        raise UitwisselFout([f"{bron}: {versie_niet_ondersteund(ruw.get('formaatversie'))}"])
    return valideer_scan(ruw, bron, met_markeringen=met_markeringen)


def versie_niet_ondersteund(versie: object) -> str:
    """The refusal of a format version this installation cannot read (JSON and Excel alike)."""
    leesbaar = " en ".join(map(str, FORMAATVERSIES))
    return f"formaatversie {versie!r} wordt niet ondersteund; deze versie leest formaatversie {leesbaar}"


MAX_MELDINGEN = 50
"""Problems listed for one file; a file with thousands of bad answers gets a count for the rest."""


def valideer_scan(ruw: Any, bron: str = "bestand", *, met_markeringen: bool = True) -> Scan:
    """Parsed exchange data as a ``Scan``, or ``UitwisselFout`` with one located Dutch line per problem.

    The one validation of a scan's content: the JSON reader calls it on the file, ``controleer``
    on a ``Scan`` built in code (``model_copy`` skips validation), so the preview and the import
    refuse exactly the same. ``met_markeringen``: whether ``lees_json`` left ``Ongeldig`` markers.
    """
    markeringen = ongeldige_waarden(ruw) if met_markeringen else []
    gevonden = [
        (pad, _plaats(pad, ruw, f"{waarde!r} is geen toegestaan getal (alleen gewone getallen)"))
        for pad, waarde in markeringen
    ]
    bekend = {pad for pad, _ in markeringen}
    try:
        scan = Scan.model_validate(ruw)
    except ValidationError as exc:
        gezien: set[tuple[int | str, ...]] = set()
        for err in exc.errors(include_url=False):
            # Union members ("constrained-int", "literal[...]") each report; one line per field is enough.
            loc = tuple(s for s in err["loc"] if isinstance(s, int) or _VELDNAAM.fullmatch(s))
            if loc in gezien or any(loc == pad[: len(loc)] for pad in bekend):  # a marker named it already
                continue
            gezien.add(loc)
            gevonden.append((loc, _plaats(loc, ruw, err)))
    else:
        if not gevonden:
            return scan
    # In the order of the format and the file, whether JSON or the model found the problem.
    problemen = [f"{bron}: {tekst}" for _, tekst in sorted(gevonden, key=lambda g: _volgorde(g[0]))]
    if len(problemen) > MAX_MELDINGEN:
        problemen[MAX_MELDINGEN:] = [f"{bron}: … en nog {len(problemen) - MAX_MELDINGEN} meldingen"]
    raise UitwisselFout(problemen)


def _volgorde(loc: tuple[int | str, ...]) -> tuple[int, int]:
    """Sort key: the scan's field, then the item's place in its list (a stable sort keeps the rest)."""
    velden = list(Scan.model_fields)
    eerste = velden.index(str(loc[0])) if loc and loc[0] in velden else len(velden)  # whole-scan checks last
    return eerste, loc[1] if len(loc) > 1 and isinstance(loc[1], int) else -1


_ITEMS = {
    "deelnemers": ("deelnemer", ("naam", "id")),
    "antwoorden": ("antwoord", ("deelnemer", "stelling")),
    "ambities": ("ambitie", ("bouwsteen", "deelnemer")),
    "consensus": ("consensus", ("stelling",)),
    "notities": ("notitie", ("bouwsteen",)),
    "doelen": ("doel", ("titel", "id")),
    "naleving": ("nalevingsitem", ("item",)),
    "herstemmingen": ("herstemming", ("deelnemer", "stelling")),
    "samen_stappen": ("onderdeel", ("bouwsteen", "stelling")),
}
_VELDNAAM = re.compile(r"(?!(?:int|str|float|bool|date|datetime|none)$)[a-z_]+")
_LIJSTPLEK = re.compile(r"\b(" + "|".join(_ITEMS) + r")\[(\d+)\]")


def _kort(waarde: object) -> str:
    """A value from the file, short and on one line: newlines and invisible characters as escapes."""
    tekst = str(waarde)
    tekst = tekst if len(tekst) <= 40 else tekst[:37] + "..."
    return "".join(t if t.isprintable() else repr(t)[1:-1] for t in tekst)


def _item(ruw: Any, lijst: str, nummer: int) -> str:
    """'antwoord 4 (deelnemer 'd03', stelling 'k1_2')': an item named by position and what identifies it."""
    naam, sleutels = _ITEMS[lijst]
    try:
        item = ruw[lijst][nummer]
    except (KeyError, IndexError, TypeError):
        item = None
    kenmerken = [f"{s} '{_kort(item[s])}'" for s in sleutels if isinstance(item, dict) and isinstance(item.get(s), str)]
    return f"{naam} {nummer + 1}" + (f" ({', '.join(kenmerken[:2])})" if kenmerken else "")


def _plaats(loc: tuple[int | str, ...], ruw: Any, fout: Any) -> str:
    """A problem at ``loc`` in Dutch, the item named as a person reads it: "antwoord 4 (deelnemer
    'd03', stelling 'k1_2'), veld antwoord: waarde 7 is te groot; maximaal 5". ``fout`` is a
    pydantic error dict or a finished message."""
    if len(loc) >= 2 and loc[0] in _ITEMS and isinstance(loc[1], int):
        plek, rest = _item(ruw, str(loc[0]), loc[1]), loc[2:]
    elif len(loc) >= 2:
        plek, rest = str(loc[0]), loc[1:]
    else:
        plek, rest = "", loc
    if isinstance(fout, str):
        wat = f"veld {'.'.join(map(str, rest))}: {fout}" if rest else fout
    else:
        wat = vertaal_pydantic_fout(fout, rest)
        if rest and fout["type"] not in {"missing", "extra_forbidden"}:
            wat = f"veld {wat}"
        # The scan's own checks name list positions ("antwoorden[3]"); name the item instead.
        wat = _LIJSTPLEK.sub(lambda m: _item(ruw, m[1], int(m[2])), wat)
    return f"{plek}, {wat}" if plek and rest else f"{plek}: {wat}" if plek else wat


def lees_scan(path: Path | str) -> Scan:
    """Read an exchange file from disk; raises ``UitwisselFout`` with a Dutch message."""
    p = Path(path)
    try:
        grootte = p.stat().st_size
        if grootte > MAX_UITWISSEL_BYTES:
            # Refuse before reading, so an oversized file never enters memory.
            raise UitwisselFout(
                [f"{p}: bestand is te groot ({grootte} bytes); de grens is {MAX_UITWISSEL_BYTES} bytes"]
            )
        data = p.read_bytes()
    except OSError as exc:
        raise UitwisselFout([f"{p}: bestand kan niet gelezen worden ({exc.strerror})"]) from None
    return lees_scan_bytes(data, str(p))


def schrijf_scan(scan: Scan) -> str:
    """The exchange file as JSON text (UTF-8, readable, stable key order)."""
    return scan.model_dump_json(indent=2, exclude_none=True) + "\n"


def controleer_scan(scan: Scan, vragenlijst: Vragenlijst) -> list[str]:
    """Every problem of ``scan`` that needs no database, in Dutch; empty when it fits.

    The preview and the import both run this (through ``scan.uitwisseling.controleer_import``).
    The scan is validated again, because a ``Scan`` changed in code (``model_copy``) skips its
    own checks: a value that passed here can be converted, stored and printed.
    """
    try:
        valideer_scan(scan.model_dump(), "scan", met_markeringen=False)
    except UitwisselFout as fout:
        return fout.problemen
    return controleer_tegen_vragenlijst(scan, vragenlijst)


def controleer_tegen_vragenlijst(scan: Scan, vragenlijst: Vragenlijst) -> list[str]:
    """References from the scan to the questionnaire that do not resolve, in Dutch."""
    problemen: list[str] = []
    if scan.vragenlijst.id != vragenlijst.meta.id:
        problemen.append(f"de scan hoort bij vragenlijst '{scan.vragenlijst.id}', niet bij '{vragenlijst.meta.id}'")
    if scan.vragenlijst.versie != vragenlijst.versie:
        problemen.append(
            f"de scan is ingevuld met vragenlijstversie {scan.vragenlijst.versie}; deze installatie heeft versie {vragenlijst.versie}"
        )
    stellingen = {s.id for _, s in vragenlijst.stellingen()}
    bouwstenen = {b.id for b in vragenlijst.bouwstenen}
    for i, a in enumerate(scan.antwoorden):
        if a.stelling not in stellingen:
            problemen.append(f"antwoorden[{i}]: onbekende stelling '{a.stelling}'")
    for i, c in enumerate(scan.consensus):
        if c.stelling not in stellingen:
            problemen.append(f"consensus[{i}]: onbekende stelling '{c.stelling}'")
    verwijzingen = [("ambities", i, a.bouwsteen) for i, a in enumerate(scan.ambities)]
    verwijzingen += [("doelen", i, d.bouwsteen) for i, d in enumerate(scan.doelen)]
    problemen.extend(
        f"{veld}[{i}]: onbekende bouwsteen '{bouwsteen}'"
        for veld, i, bouwsteen in verwijzingen
        if bouwsteen not in bouwstenen
    )
    for i, n in enumerate(scan.notities):
        if n.bouwsteen is not None and n.bouwsteen not in bouwstenen:
            problemen.append(f"notities[{i}]: onbekende bouwsteen '{n.bouwsteen}'")
    for i, h in enumerate(scan.herstemmingen):
        if h.stelling not in stellingen:
            problemen.append(f"herstemmingen[{i}]: onbekende stelling '{h.stelling}'")
    for i, st in enumerate(scan.samen_stappen):
        if st.stelling is not None and st.stelling not in stellingen:
            problemen.append(f"samen_stappen[{i}]: onbekende stelling '{st.stelling}'")
        if st.bouwsteen is not None and st.bouwsteen not in bouwstenen:
            problemen.append(f"samen_stappen[{i}]: onbekende bouwsteen '{st.bouwsteen}'")
    problemen.extend(controleer_naleving(scan, vragenlijst))
    return problemen


def controleer_naleving(scan: Scan, vragenlijst: Vragenlijst) -> list[str]:
    """The compliance answers that do not fit the questionnaire: an unknown item, or n.v.t. on a
    duty that always applies."""
    items = {i.id: i for i in vragenlijst.naleving}
    problemen: list[str] = []
    for i, n in enumerate(scan.naleving):
        item = items.get(n.item)
        if item is None:
            problemen.append(f"naleving[{i}]: onbekend nalevingsitem '{n.item}'")
        elif n.status == "nvt" and not item.nvt_mogelijk:
            problemen.append(f"naleving[{i}]: n.v.t. kan niet bij '{n.item}'; deze plicht geldt voor elke gemeente")
    return problemen


def json_schema() -> dict[str, Any]:
    """JSON Schema of the exchange format, for editors and other tools."""
    schema = Scan.model_json_schema()
    schema["$id"] = f"https://omnichannel-zelfscan.invalid/schema/scan-v{FORMAATVERSIE}.json"
    schema["title"] = (
        f"Omnichannel zelfscan: uitwisselbestand van een scanronde (formaatversie {FORMAATVERSIE}; "
        "leest ook formaatversie 1)"
    )
    return schema


def als_utc(moment: dt.datetime | None) -> dt.datetime | None:
    """An aware UTC time; a time without zone is read as Dutch local time (where scans happen)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=AMSTERDAM)
    return moment.astimezone(dt.UTC)


def canoniek(scan: Scan) -> Scan:
    """The same scan in one fixed order and with UTC times, so two scans compare by content.

    Participants, notes and goals keep the order of the file (it carries meaning: who joined
    first, the order of a discussion); answers, ambitions, consensus and second votes are
    sorted, the session's parts by number. An answer with neither a choice nor a note says
    nothing and is left out. The format version is the current one: a version 1 file holds
    nothing version 2 cannot say, so the same round read from either compares equal.
    """
    volgorde = {d.id: i for i, d in enumerate(scan.deelnemers)}
    return scan.model_copy(
        update={
            "formaatversie": FORMAATVERSIE,
            "antwoorden": sorted(
                (
                    a.model_copy(update={"gewijzigd": als_utc(a.gewijzigd)})
                    for a in scan.antwoorden
                    if a.antwoord is not None or a.toelichting
                ),
                key=lambda a: (volgorde[a.deelnemer], a.stelling),
            ),
            "ambities": sorted(
                scan.ambities,
                key=lambda a: (-1 if a.deelnemer is None else volgorde[a.deelnemer], a.bouwsteen),
            ),
            "consensus": sorted(
                (c.model_copy(update={"vastgesteld_op": als_utc(c.vastgesteld_op)}) for c in scan.consensus),
                key=lambda c: c.stelling,
            ),
            "naleving": sorted(scan.naleving, key=lambda n: n.item),
            "herstemmingen": sorted(
                (h.model_copy(update={"gewijzigd": als_utc(h.gewijzigd)}) for h in scan.herstemmingen),
                key=lambda h: (volgorde[h.deelnemer], h.stelling),
            ),
            "samen_stappen": sorted(
                (
                    st.model_copy(
                        update={
                            "geopend_op": als_utc(st.geopend_op),
                            "onthuld_op": als_utc(st.onthuld_op),
                            "timer_vanaf": als_utc(st.timer_vanaf),
                        }
                    )
                    for st in scan.samen_stappen
                ),
                key=lambda st: st.volgnummer,
            ),
        }
    )


def zonder_verborgen(scan: Scan, verborgen: set[str], herstemming: bool) -> Scan:
    """``scan`` as a shared view may show it while a part of a *Samen* session is blind
    (``scoring.samen.verborgen_stellingen``): during a first vote the open part's answers are left
    out (with their notes and certainty), during a re-vote its second votes, so the stelling
    shows its first vote as before the re-vote. The rule of ``scoring.samen.blind``, on a scan."""
    if not verborgen:
        return scan
    herstemmingen = [h for h in scan.herstemmingen if h.stelling not in verborgen]
    if herstemming:
        return scan.model_copy(update={"herstemmingen": herstemmingen})
    antwoorden = [a for a in scan.antwoorden if a.stelling not in verborgen]
    return scan.model_copy(update={"antwoorden": antwoorden, "herstemmingen": herstemmingen})


def laatste_antwoorden(scan: Scan) -> list[Antwoord]:
    """The answers that score: each person's latest vote, the second where they gave one
    (the rule of ``scoring.samen.laatste_stemmen``, which the database's reads follow too). An answer's
    note and certainty stay with it; a second vote without a first becomes an answer of its own."""
    if not scan.herstemmingen:
        return list(scan.antwoorden)
    tweede = {(h.deelnemer, h.stelling): h.antwoord for h in scan.herstemmingen}
    uit = [
        a.model_copy(update={"antwoord": tweede[(a.deelnemer, a.stelling)]})
        if (a.deelnemer, a.stelling) in tweede
        else a
        for a in scan.antwoorden
    ]
    gegeven = {(a.deelnemer, a.stelling) for a in scan.antwoorden}
    uit += [
        Antwoord(deelnemer=h.deelnemer, stelling=h.stelling, antwoord=h.antwoord, gewijzigd=h.gewijzigd)
        for h in scan.herstemmingen
        if (h.deelnemer, h.stelling) not in gegeven
    ]
    return uit
