"""Spreadsheet files of a scan round: Excel (.xlsx) out and back in, CSV out.

Layer: ``reports/`` (stdlib, pydantic, openpyxl and ``scoring`` only; no streamlit, no sqlalchemy).
An adviser opens the Excel workbook to read results and answers; the same workbook can be
imported again and gives back the scan (``canoniek`` of both is equal), so it is a second
exchange format next to JSON. CSV is an export only, for Dutch Excel (``;``, decimal comma).

Every table is built once (``scores_van``, ``_antwoorden``, ...) and written by both the Excel and
the CSV writer, so the two never disagree. User text never becomes a formula: Excel cells are
forced to string type, CSV cells that start like a formula get a ``'`` (CWE-1236). An uploaded
workbook is checked as a zip (size, macros, zip bomb) before openpyxl parses any XML.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any, Literal, cast, get_args

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import ValidationError

from reports.duiding import (
    DISCIPLINE_NAAM,
    KERN_NAAM,
    SCHIL_NAAM,
    TOTAAL_NAAM,
    UITKOMST_NAAM,
    herstemzin,
    samen_beeld,
    samenstelling,
    type_groep,
)
from scoring.grenzen import AMSTERDAM
from scoring.messages import vertaal_pydantic_fout
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat
from scoring.samen import discipline_van
from scoring.uitwissel import (
    FORMAAT,
    FORMAATVERSIES,
    MAX_UITWISSEL_BYTES,
    Scan,
    UitwisselFout,
    lees_scan_bytes,
    versie_niet_ondersteund,
)

Cel = str | int | float | dt.date | None
Soort = Literal["tekst", "lang", "heel", "getal1", "getal2", "getal", "datum", "moment", "niveau", "antwoord", "janee"]

MAX_UITGEPAKT = 100 * 2**20
"""Total uncompressed size of a workbook; a 200-participant export is a few MiB."""
MAX_VERHOUDING = 200
"""Compression ratio above which a zip member over 1 MiB is treated as a zip bomb."""
MAX_RIJEN = 50_000
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_MACRO = "bestanden met macro's (.xlsm) worden niet geaccepteerd; sla het op als .xlsx"
_VET, _OMLOOP = Font(bold=True), Alignment(wrap_text=True, vertical="top")
_FORMAAT = {"heel": "0", "niveau": "0", "getal1": "0.0", "getal2": "0.00", "datum": "dd-mm-yyyy"}
_WEET_NIET, _NVT = "weet niet", "n.v.t."


@dataclass(frozen=True)
class Kolom:
    kop: str
    soort: Soort  # decides number format and wrapping in Excel, and how the reader parses the cell
    veld: str | None  # exchange-format field the reader takes from this column; None: for people only
    optioneel: bool = False  # added later: a workbook exported before it has no such column and stays valid


def _kolommen(spec: str) -> tuple[Kolom, ...]:
    """Columns from "Kop:soort:veld; ..." (soort defaults to tekst; "veld?" marks a column that older
    workbooks lack): one line per table stays readable."""
    uit = []
    for deel in spec.split(";"):
        kop, soort, veld = (*deel.strip().split(":"), "", "")[:3]
        assert (soort or "tekst") in get_args(Soort), soort
        uit.append(Kolom(kop, cast(Soort, soort or "tekst"), veld.rstrip("?") or None, veld.endswith("?")))
    return tuple(uit)


SCORES = _kolommen(
    "Nummer:heel; Bouwsteen; Type; Dimensie; Score (0–100):getal1; Niveau (1–5):getal2; Band; Ambitie (score):getal1;"
    "Gap (scorepunten):getal1; Dekking (%):getal1; Bespreekpunten:heel; Gemiddelde spreiding:getal2"
)
STELLINGEN = _kolommen(
    "Bouwsteen; Stelling-id; Stelling:lang; Niveau 1:heel; Niveau 2:heel; Niveau 3:heel; Niveau 4:heel; Niveau 5:heel;"
    "Weet niet:heel; N.v.t.:heel; Mediaan:getal1; Spreiding:heel; Consensus:heel; Bespreekpunt"
)
DEELNEMERS = _kolommen(
    "Id:tekst:id; Naam:tekst:naam; Rol:tekst:rol; Functie:tekst:functie; Gekozen discipline:tekst:discipline?;"
    "Discipline"
)
ANTWOORDEN = _kolommen(
    "Deelnemer-id:tekst:deelnemer; Deelnemer; Bouwsteen; Stelling-id:tekst:stelling; Stelling:lang;"
    "Antwoord:antwoord:antwoord; Toelichting:lang:toelichting; Gewijzigd:moment:gewijzigd; Zekerheid:tekst:zekerheid?"
)
# A facilitated session (issue 16, formaatversie 2): the second votes with the first beside them,
# the parts the facilitator opened, and (for people only) what the discussion changed.
HERSTEMMINGEN = _kolommen(
    "Deelnemer-id:tekst:deelnemer; Deelnemer; Bouwsteen; Stelling-id:tekst:stelling; Stelling:lang;"
    "Eerste stem:antwoord; Tweede stem:antwoord:antwoord; Gewijzigd:moment:gewijzigd"
)
ONDERDELEN = _kolommen(
    "Volgnummer:heel:volgnummer; Bouwsteen-id:tekst:bouwsteen; Stelling-id:tekst:stelling; Onderdeel:lang;"
    "Herstemming:janee:herstemming; Geopend op:moment:geopend_op; Onthuld op:moment:onthuld_op;"
    "Timer vanaf:moment:timer_vanaf"
)
BESPREKING = _kolommen(
    "Bouwsteen; Stelling-id; Stelling:lang; Niveaus voor; Spreiding voor:heel; Niveaus na; Spreiding na:heel; Uitkomst"
)
AMBITIES = _kolommen(
    "Bouwsteen-id:tekst:bouwsteen; Bouwsteen; Deelnemer-id:tekst:deelnemer; Deelnemer; Niveau:niveau:niveau;"
    "Toelichting:lang:toelichting"
)
CONSENSUS = _kolommen(
    "Stelling-id:tekst:stelling; Stelling:lang; Niveau:niveau:niveau; Toelichting:lang:toelichting;"
    "Vastgesteld door:tekst:vastgesteld_door; Vastgesteld op:moment:vastgesteld_op"
)
NOTITIES = _kolommen("Bouwsteen-id:tekst:bouwsteen; Tekst:lang:tekst")
DOELEN = _kolommen(
    "Id:tekst:id; Bouwsteen-id:tekst:bouwsteen; Titel:tekst:titel; Actie:lang:actie; Indicator:lang:indicator;"
    "Eenheid:tekst:eenheid; Nulmeting:getal:nulmeting; Nulmeting volgt uiterlijk:datum:nulmeting_uiterlijk?;"
    "Streefwaarde:getal:streefwaarde; Richting:tekst:richting;"
    "Bron:lang:bron; Eigenaar:tekst:eigenaar; Draagvlak:lang:draagvlak; Deadline:datum:deadline;"
    "Status:tekst:status; Sjabloon:tekst:sjabloon; Notities:lang:notities"
)
NALEVING = _kolommen("Item-id:tekst:item; Wettelijke plicht:lang; Status:tekst:status; Notitie:lang:notitie")
# Sheets holding the scan's lists, read back by ``lees_excel``: (scan field, sheet, columns).
TERUG = (
    ("deelnemers", "Deelnemers", DEELNEMERS),
    ("antwoorden", "Antwoorden", ANTWOORDEN),
    ("ambities", "Ambities", AMBITIES),
    ("consensus", "Consensus", CONSENSUS),
    ("notities", "Notities", NOTITIES),
    ("doelen", "Doelen", DOELEN),
    ("naleving", "Naleving", NALEVING),
    ("herstemmingen", "Herstemmingen", HERSTEMMINGEN),
    ("samen_stappen", "Onderdelen", ONDERDELEN),
)
OPTIONELE_BLADEN = frozenset({"Naleving", "Herstemmingen", "Onderdelen"})
"""Sheets added later (the compliance check, issue 15; a facilitated session, issue 16): a workbook
exported before has none and stays valid."""
# Key/value rows of "Overzicht": the key, its kind and its path in the scan.
OVERZICHT = _kolommen(
    "formaat::formaat; formaatversie:heel:formaatversie; vragenlijst::vragenlijst.id; vragenlijstversie::vragenlijst.versie;"
    "gm_code::gemeente.gm_code; gemeente::gemeente.naam; scanronde::scanronde.id; datum:datum:scanronde.datum;"
    "omschrijving:lang:scanronde.omschrijving; status::scanronde.status; fictief:janee:fictief;"
    "modus::scanronde.modus; op_naam:janee:scanronde.op_naam"
)


@dataclass(frozen=True)
class Tabel:
    blad: str
    kolommen: tuple[Kolom, ...]
    rijen: list[list[Cel]]


# --- the tables: one function each, shared by the Excel and CSV writers -----------------------


def _r(waarde: float | None, decimalen: int) -> float | None:
    return None if waarde is None else round(waarde, decimalen)


def _moment(moment: dt.datetime | None) -> str | None:
    # Text, not an Excel date: those have no zone and keep milliseconds at best. Dutch local time
    # with its offset reads naturally and is exactly the same instant.
    if moment is None:
        return None
    return (moment.astimezone(AMSTERDAM) if moment.tzinfo else moment).isoformat(sep=" ")


def _stellingteksten(vl: Vragenlijst) -> dict[str, tuple[str, str]]:
    """(bouwsteen name, stelling text) by stelling id."""
    return {s.id: (b.naam.nl, s.tekst.nl) for b, s in vl.stellingen()}


def scores_van(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    dimensies: dict[str, str] = {d.id: d.naam.nl for d in vl.meta.dimensies}
    banden = {b.id: b.naam.nl for b in vl.schaal.banden}
    rijen: list[list[Cel]] = []
    for r in res.bouwstenen:
        b = vl.bouwsteen(r.bouwsteen)
        rijen.append([b.nummer, b.naam.nl, r.type, dimensies[r.dimensie], _r(r.score, 1), _r(r.niveau, 2)])
        rijen[-1] += [banden.get(r.band or ""), _r(r.ambitie_score, 1), _r(r.gap_score, 1), round(r.dekking * 100, 1)]
        rijen[-1] += [r.bespreekpunten, _r(r.gemiddelde_spreiding, 2)]
    return Tabel("Scores", SCORES, rijen)


def _stellingen(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    teksten = _stellingteksten(vl)
    rijen: list[list[Cel]] = []
    for r in res.stellingen:
        bouwsteen, tekst = teksten[r.stelling]
        rijen.append([bouwsteen, r.stelling, tekst, *r.verdeling, r.weet_niet, r.nvt, r.mediaan, r.spreiding])
        rijen[-1] += [r.consensus, "ja" if r.bespreekpunt else "nee"]
    return Tabel("Stellingen", STELLINGEN, rijen)


def _antwoorden(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    teksten, wie = _stellingteksten(vl), {d.id: d.naam for d in scan.deelnemers}
    weergave = {"weet_niet": _WEET_NIET, "nvt": _NVT}
    rijen: list[list[Cel]] = []
    for a in scan.antwoorden:
        bouwsteen, tekst = teksten.get(a.stelling, (None, None))
        antwoord = weergave[a.antwoord] if isinstance(a.antwoord, str) else a.antwoord
        rijen.append([a.deelnemer, wie.get(a.deelnemer), bouwsteen, a.stelling, tekst, antwoord, a.toelichting])
        rijen[-1] += [_moment(a.gewijzigd), a.zekerheid]
    return Tabel("Antwoorden", ANTWOORDEN, rijen)


def _ambities(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    bouwstenen, wie = {b.id: b.naam.nl for b in vl.bouwstenen}, {d.id: d.naam for d in scan.deelnemers}
    rijen: list[list[Cel]] = []
    for a in scan.ambities:
        door = wie.get(a.deelnemer) if a.deelnemer else "vastgesteld door de werkgroep"
        rijen.append([a.bouwsteen, bouwstenen.get(a.bouwsteen), a.deelnemer, door, a.niveau, a.toelichting])
    return Tabel("Ambities", AMBITIES, rijen)


def _consensus(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    teksten = _stellingteksten(vl)
    rijen: list[list[Cel]] = []
    for c in scan.consensus:
        tekst = teksten.get(c.stelling, (None, None))[1]
        rijen.append([c.stelling, tekst, c.niveau, c.toelichting, c.vastgesteld_door, _moment(c.vastgesteld_op)])
    return Tabel("Consensus", CONSENSUS, rijen)


def _deelnemers(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    rijen: list[list[Cel]] = [
        [d.id, d.naam, d.rol, d.functie, d.discipline, DISCIPLINE_NAAM[discipline_van(d.functie, d.discipline)]]
        for d in scan.deelnemers
    ]
    return Tabel("Deelnemers", DEELNEMERS, rijen)


def _antwoordcel(antwoord: int | str | None) -> Cel:
    return {"weet_niet": _WEET_NIET, "nvt": _NVT}.get(antwoord, antwoord) if isinstance(antwoord, str) else antwoord


def _herstemmingen(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    teksten, wie = _stellingteksten(vl), {d.id: d.naam for d in scan.deelnemers}
    eerste = {(a.deelnemer, a.stelling): a.antwoord for a in scan.antwoorden}
    rijen: list[list[Cel]] = []
    for h in scan.herstemmingen:
        bouwsteen, tekst = teksten.get(h.stelling, (None, None))
        rijen.append([h.deelnemer, wie.get(h.deelnemer), bouwsteen, h.stelling, tekst])
        rijen[-1] += [
            _antwoordcel(eerste.get((h.deelnemer, h.stelling))),
            _antwoordcel(h.antwoord),
            _moment(h.gewijzigd),
        ]
    return Tabel("Herstemmingen", HERSTEMMINGEN, rijen)


def _onderdelen(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    teksten, bouwstenen = _stellingteksten(vl), {b.id: b.naam.nl for b in vl.bouwstenen}
    rijen: list[list[Cel]] = []
    for st in scan.samen_stappen:
        wat = bouwstenen.get(st.bouwsteen or "") if st.stelling is None else teksten.get(st.stelling, (None, None))[1]
        rijen.append([st.volgnummer, st.bouwsteen, st.stelling, wat, "ja" if st.herstemming else "nee"])
        rijen[-1] += [_moment(st.geopend_op), _moment(st.onthuld_op), _moment(st.timer_vanaf)]
    return Tabel("Onderdelen", ONDERDELEN, rijen)


def _bespreking(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    """Per re-voted stelling the levels and spread before and after the discussion (not read back)."""
    teksten = _stellingteksten(vl)
    rijen: list[list[Cel]] = []
    for v in samen_beeld(vl, scan).herstemmingen.stellingen:
        bouwsteen, tekst = teksten.get(v.stelling, (None, None))
        rijen.append([bouwsteen, v.stelling, tekst, " ".join(map(str, v.voor)) or None, v.spreiding_voor])
        rijen[-1] += [" ".join(map(str, v.na)) or None, v.spreiding_na, UITKOMST_NAAM.get(v.uitkomst or "")]
    return Tabel("Bespreking", BESPREKING, rijen)


def _samen(scan: Scan) -> bool:
    """Whether the workbook gets the sheets of a facilitated session."""
    return scan.scanronde.modus == "samen" or bool(scan.herstemmingen or scan.samen_stappen)


def _velden(blad: str, kolommen: tuple[Kolom, ...], lijst: str) -> Callable[[Vragenlijst, Scan, ScanResultaat], Tabel]:
    """A table whose columns are all plain fields of the scan's items (participants, notes, goals)."""

    def tabel(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
        return Tabel(blad, kolommen, [[getattr(i, k.veld or "") for k in kolommen] for i in getattr(scan, lijst)])

    return tabel


def _naleving(vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> Tabel:
    teksten = {i.id: i.tekst.nl for i in vl.naleving}
    return Tabel("Naleving", NALEVING, [[n.item, teksten.get(n.item), n.status, n.notitie] for n in scan.naleving])


_notities = _velden("Notities", NOTITIES, "notities")
_doelen = _velden("Doelen", DOELEN, "doelen")
_TABELLEN = (
    scores_van,
    _stellingen,
    _deelnemers,
    _antwoorden,
    _ambities,
    _consensus,
    _notities,
    _doelen,
    _naleving,
    _herstemmingen,
    _bespreking,
    _onderdelen,
)
_SAMEN_TABELLEN = (_herstemmingen, _bespreking, _onderdelen)

# --- Excel out -------------------------------------------------------------------------------

# XML cannot hold most control characters and turns CR into LF. Excel's own escape (ST_Xstring:
# _xHHHH_, a literal "_x0041_" written as "_x005F_x0041_") keeps them and Excel shows the text
# as it was; openpyxl does not apply it, so this module does, both ways.
_XML_ONVEILIG = re.compile("_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_TERUG = re.compile("_x([0-9A-Fa-f]{4})_")


def _naar_xml(tekst: str) -> str:
    return _XML_ONVEILIG.sub(lambda m: f"_x{ord(m.group()):04X}_", tekst)


def _uit_xml(tekst: str) -> str:
    return _XML_TERUG.sub(lambda m: chr(int(m.group(1), 16)), tekst)


def zet_cel(ws: Worksheet, rij: int, kol: int, waarde: Cel, soort: Soort = "tekst", vet: bool = False) -> None:
    if waarde is None:
        return
    if isinstance(waarde, float) and not math.isfinite(waarde):
        return  # no valid scan holds NaN or infinity (scoring.grenzen); a file never shows "nan"
    if isinstance(waarde, float) and float(f"{waarde:.16g}") != waarde:
        waarde = repr(waarde)  # openpyxl writes 16 digits; text keeps the exact value
    cel = ws.cell(row=rij, column=kol, value=_naar_xml(waarde) if isinstance(waarde, str) else waarde)
    if isinstance(waarde, str):
        cel.data_type = "s"  # openpyxl makes "=..." a formula; user text must stay text
        if soort == "lang":
            cel.alignment = _OMLOOP
    elif soort in _FORMAAT:
        cel.number_format = _FORMAAT[soort]
    if vet:
        cel.font = _VET


def _kopregel(ws: Worksheet, koppen: Sequence[str], rijen: int) -> None:
    for i, kop in enumerate(koppen, 1):
        zet_cel(ws, 1, i, kop, vet=True)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(koppen))}{rijen + 1}"


def _schrijf_tabel(ws: Worksheet, tabel: Tabel) -> None:
    _kopregel(ws, [k.kop for k in tabel.kolommen], len(tabel.rijen))
    for r, rij in enumerate(tabel.rijen, 2):
        for k, (kolom, waarde) in enumerate(zip(tabel.kolommen, rij, strict=True), 1):
            zet_cel(ws, r, k, waarde, kolom.soort)
    for k, kolom in enumerate(tabel.kolommen):
        # Width from the longest line in the first rows; long text wraps instead of running on.
        regels = [regel for r in tabel.rijen[:200] if r[k] is not None for regel in str(r[k]).split("\n")]
        lengte = max([len(kolom.kop), *map(len, regels)])
        ws.column_dimensions[get_column_letter(k + 1)].width = min(lengte + 2, 60 if kolom.soort == "lang" else 40)


def _schrijf_overzicht(ws: Worksheet, vl: Vragenlijst, scan: Scan, res: ScanResultaat) -> None:
    _kopregel(ws, ["Sleutel", "Waarde"], len(OVERZICHT))
    for r, k in enumerate(OVERZICHT, 2):
        waarde: Any = scan
        for stap in (k.veld or "").split("."):
            waarde = getattr(waarde, stap)
        zet_cel(ws, r, 1, k.kop)
        zet_cel(ws, r, 2, ("ja" if waarde else "nee") if isinstance(waarde, bool) else waarde, k.soort)
    # For people only: the reader stops at the empty row above this block.
    r = len(OVERZICHT) + 3
    banden = {b.id: b.naam.nl for b in vl.schaal.banden}
    dimensies: dict[str, str] = {d.id: d.naam.nl for d in vl.meta.dimensies}
    for i, kop in enumerate(["Scores (ter informatie; worden bij inlezen overgeslagen)", "Score (0–100)", "Band"], 1):
        zet_cel(ws, r, i, kop, vet=True)
    # The kern score first, the schil beside it, the plain mean of all sixteen labelled as such.
    rijen = [
        (type_groep(res, "kern"), KERN_NAAM),
        (type_groep(res, "aanvullend"), SCHIL_NAAM),
        (res.totaal, TOTAAL_NAAM),
        *((d, f"{dimensies[d.id]} ({samenstelling(vl, d.id)})") for d in res.dimensies),
    ]
    for groep, naam in rijen:
        r += 1
        zet_cel(ws, r, 1, naam)
        zet_cel(ws, r, 2, _r(groep.score, 1), "getal1")
        zet_cel(ws, r, 3, banden.get(groep.band or ""))
    if zin := herstemzin(samen_beeld(vl, scan).herstemmingen):
        zet_cel(ws, r + 2, 1, "Wat de bespreking veranderde", vet=True)
        zet_cel(ws, r + 3, 1, zin, "lang")
    for kolom, breedte in (("A", 48), ("B", 60), ("C", 16)):
        ws.column_dimensions[kolom].width = breedte


def naar_excel(vl: Vragenlijst, scan: Scan, resultaat: ScanResultaat) -> bytes:
    """The whole round as an .xlsx workbook; ``lees_excel`` reads it back to an equal scan."""
    wb = Workbook()
    assert isinstance(wb.active, Worksheet)
    wb.active.title = "Overzicht"
    _schrijf_overzicht(wb.active, vl, scan, resultaat)
    for maak in _TABELLEN:
        if maak is _naleving and not (vl.naleving or scan.naleving):
            continue  # a version without a compliance check (1.0) keeps the workbook it always had
        if maak in _SAMEN_TABELLEN and not _samen(scan):
            continue  # a round in its own pace keeps the workbook it always had
        tabel = maak(vl, scan, resultaat)
        _schrijf_tabel(wb.create_sheet(tabel.blad), tabel)
    wb.properties.creator = "Omnichannel zelfscan"
    wb.properties.title = f"Zelfscan {scan.gemeente.naam} {scan.scanronde.datum.isoformat()}"
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


# --- CSV out ---------------------------------------------------------------------------------


def csv_cel(waarde: Cel) -> str:
    """One cell as CSV text: a decimal comma, a date as JJJJ-MM-DD, and text that a spreadsheet could
    read as a formula neutralised with a leading quote (also used by a participant's own data file)."""
    if waarde is None:
        return ""
    if isinstance(waarde, float):
        # No valid scan holds NaN or infinity (scoring.grenzen); a file never shows "nan" or "inf".
        return repr(waarde).replace(".", ",") if math.isfinite(waarde) else ""
    if isinstance(waarde, int | dt.date):
        return str(waarde)  # a date as JJJJ-MM-DD, which Dutch Excel reads as a date
    # Only text is neutralised: a number like -3 is data, text starting with "-" may be a formula.
    return "'" + waarde if waarde.startswith(("=", "+", "-", "@", "\t", "\r")) else waarde


def csv_tabellen(vl: Vragenlijst, scan: Scan, resultaat: ScanResultaat) -> dict[str, bytes]:
    """Scores, stellingen, answers and goals as CSV for Dutch Excel (``;``, decimal comma, BOM)."""
    tabellen = {"scores": scores_van, "stellingen": _stellingen, "antwoorden": _antwoorden, "doelen": _doelen}
    return {naam: _csv(maak(vl, scan, resultaat)) for naam, maak in tabellen.items()}


def _csv(tabel: Tabel) -> bytes:
    buf = io.StringIO()
    schrijver = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    schrijver.writerow([k.kop for k in tabel.kolommen])
    schrijver.writerows([csv_cel(w) for w in rij] for rij in tabel.rijen)
    # The BOM makes Excel read UTF-8 (else "FryslÃ¢n"); "replace" only hits unpaired surrogates.
    return buf.getvalue().encode("utf-8-sig", errors="replace")


def tabel_csv(koppen: Sequence[str], rijen: Sequence[Sequence[Cel]]) -> bytes:
    """Any table (a header row and rows of cells) as CSV by the same rules as the round's tables:
    ``;``, decimal comma, BOM, text Excel would read as a formula neutralised."""
    return _csv(Tabel(blad="", kolommen=tuple(Kolom(k, "tekst", None) for k in koppen), rijen=[list(r) for r in rijen]))


def tabel_excel(blad: str, koppen: Sequence[str], rijen: Sequence[Sequence[Cel]]) -> bytes:
    """Any table as a one-sheet .xlsx workbook, by the same cell rules as ``naar_excel`` (text stays text)."""
    wb = Workbook()
    assert isinstance(wb.active, Worksheet)
    wb.active.title = blad[:31]
    _schrijf_tabel(
        wb.active,
        Tabel(blad=blad, kolommen=tuple(Kolom(k, "lang", None) for k in koppen), rijen=[list(r) for r in rijen]),
    )
    wb.properties.creator = "Omnichannel zelfscan"
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()


def csv_zip(vl: Vragenlijst, scan: Scan, resultaat: ScanResultaat) -> bytes:
    """The four CSV tables in one zip (``scores.csv`` ...), nothing else."""
    datum = scan.scanronde.datum
    stempel = (datum.year, datum.month, datum.day, 0, 0, 0) if datum.year >= 1980 else (1980, 1, 1, 0, 0, 0)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for naam, inhoud in csv_tabellen(vl, scan, resultaat).items():
            info = zipfile.ZipInfo(f"{naam}.csv", date_time=stempel)  # the round's date: same scan, same zip
            info.external_attr = 0o644 << 16
            z.writestr(info, inhoud, compress_type=zipfile.ZIP_DEFLATED)
    return buf.getvalue()


# --- Excel in --------------------------------------------------------------------------------


class _CelFout(Exception):
    """A cell that cannot be read; the message says why, the caller says where."""


def _fout(bron: str, *regels: str) -> UitwisselFout:
    return UitwisselFout([f"{bron}: {r}" for r in regels])


def _toon(waarde: object) -> str:
    tekst = str(int(waarde)) if isinstance(waarde, float) and waarde.is_integer() else str(waarde)
    return f"'{tekst if len(tekst) <= 40 else tekst[:37] + '...'}'"


def _tekst(waarde: object) -> object:
    if isinstance(waarde, str):
        return _uit_xml(waarde)
    if isinstance(waarde, int | float) and not isinstance(waarde, bool) and float(waarde).is_integer():
        return str(int(waarde))  # an id that Excel turned into a number
    return waarde  # anything else: pydantic names the wrong type in Dutch


def _getal(waarde: object) -> float | None:
    if waarde is None or (isinstance(waarde, int | float) and not isinstance(waarde, bool)):
        try:
            return None if waarde is None else float(waarde)
        except OverflowError:  # an integer cell beyond 10^308; the range check would refuse it anyway
            raise _CelFout("een getal van honderden cijfers is te groot") from None
    try:
        return float(_uit_xml(str(waarde)).strip().replace(",", "."))  # also with a Dutch decimal comma
    except ValueError:
        raise _CelFout(f"{_toon(waarde)} is geen getal") from None


def _heel(waarde: object, van: float = -math.inf, tot: float = math.inf, wat: str = "geen geheel getal") -> int | None:
    try:
        getal = _getal(waarde)
    except _CelFout:
        getal = math.nan
    if getal is not None and not (getal.is_integer() and van <= getal <= tot):
        raise _CelFout(f"{_toon(waarde)} is {wat}")
    return None if getal is None else int(getal)


def _antwoord(waarde: object) -> int | str | None:
    woord = waarde.strip().casefold() if isinstance(waarde, str) else ""
    if woord in {_WEET_NIET, "weet_niet"}:
        return "weet_niet"
    if woord in {_NVT, "nvt", "n.v.t"}:
        return "nvt"
    return _heel(waarde, 1, 5, f"geen niveau 1–5, '{_WEET_NIET}' of '{_NVT}'")


def _datum(waarde: object) -> dt.date | None:
    if isinstance(waarde, dt.datetime) and waarde.time() == dt.time():
        return waarde.date()  # a date cell
    if waarde is None or (isinstance(waarde, dt.date) and not isinstance(waarde, dt.datetime)):
        return waarde
    try:
        return dt.date.fromisoformat(str(waarde).strip())
    except ValueError:
        raise _CelFout(f"{_toon(waarde)} is geen datum (JJJJ-MM-DD)") from None


def _tijdstip(waarde: object) -> dt.datetime | None:
    if waarde is None or isinstance(waarde, dt.datetime):
        return waarde
    try:
        return dt.datetime.fromisoformat(_uit_xml(str(waarde)).strip())
    except ValueError:
        raise _CelFout(f"{_toon(waarde)} is geen datum en tijd (JJJJ-MM-DD UU:MM:SS+01:00)") from None


def _janee(waarde: object) -> object:
    woord = _uit_xml(waarde).strip().casefold() if isinstance(waarde, str) else None
    if woord in {"ja", "nee"}:
        return woord == "ja"
    return waarde if waarde is None or isinstance(waarde, bool) else _tekst(waarde)  # pydantic names the rest


_LEZERS: dict[str, Callable[[object], object]] = {"heel": _heel, "getal": _getal, "datum": _datum, "janee": _janee}
_LEZERS |= {"niveau": lambda w: _heel(w, 1, 5, "geen niveau 1–5"), "antwoord": _antwoord, "moment": _tijdstip}


def _controleer_zip(data: bytes, bron: str) -> None:
    """Refuse what openpyxl should never parse: too big, no workbook, macros, a zip bomb."""
    if len(data) > MAX_UITWISSEL_BYTES:
        raise _fout(bron, f"bestand is te groot ({len(data)} bytes); de grens is {MAX_UITWISSEL_BYTES} bytes")
    if not data:
        raise _fout(bron, "bestand is leeg")
    if not data.startswith(_ZIP):
        raise _fout(bron, "geen Excel-bestand (.xlsx)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            delen = {d.filename.lower(): d for d in z.infolist()}
            if len(delen) > 10_000 or sum(d.file_size for d in delen.values()) > MAX_UITGEPAKT:
                raise _fout(bron, f"uitgepakt is het bestand groter dan {MAX_UITGEPAKT // 2**20} MiB (zip-bom?)")
            # zipfile stops reading a member at its declared size, so these sizes bound the real ones.
            if any(d.file_size > 2**20 and d.file_size > MAX_VERHOUDING * d.compress_size for d in delen.values()):
                raise _fout(bron, "het bestand is extreem sterk gecomprimeerd (zip-bom?) en wordt niet gelezen")
            soorten = delen.get("[content_types].xml")
            if soorten is None or "xl/workbook.xml" not in delen or soorten.file_size > 2**20:
                raise _fout(bron, "dit zip-bestand is geen Excel-werkmap (.xlsx)")
            if any(n.endswith("vbaproject.bin") for n in delen) or b"macroEnabled" in z.read(soorten):
                raise _fout(bron, _MACRO)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError):
        raise _fout(bron, "het Excel-bestand is beschadigd of onvolledig (afgekapt?); sla het opnieuw op") from None


def _lees_overzicht(ws: Any, problemen: list[str]) -> dict[str, Any]:
    soorten = {k.kop: (tuple((k.veld or "").split(".")), k.soort) for k in OVERZICHT}
    ruw: dict[str, Any] = {}
    for nr, (sleutel, waarde) in enumerate(ws.iter_rows(min_row=2, max_col=2, values_only=True), 2):
        if sleutel is None or not str(sleutel).strip():
            break  # the score block below the empty row is for people only
        if str(sleutel).strip() not in soorten:
            problemen.append(f"Overzicht, rij {nr}: onbekende sleutel {_toon(sleutel)}")
            continue
        pad, soort = soorten[str(sleutel).strip()]
        try:
            gelezen = _LEZERS.get(soort, _tekst)(waarde)
        except _CelFout as exc:
            problemen.append(f"Overzicht, rij {nr}, kolom Waarde: {exc}")
            continue
        doel = ruw
        for stap in pad[:-1]:
            doel = doel.setdefault(stap, {})
        if gelezen is not None:
            doel[pad[-1]] = gelezen
    return ruw


def _lees_lijst(ws: Any, blad: str, kolommen: tuple[Kolom, ...], problemen: list[str]) -> tuple[list[Any], list[int]]:
    kop = next(ws.iter_rows(min_row=1, max_row=1, values_only=True), ())
    posities: dict[str, int] = {}
    for i, w in enumerate(kop):
        posities.setdefault(str(w).strip().casefold(), i)
    te_lezen = [(k, posities.get(k.kop.casefold(), -1)) for k in kolommen if k.veld]
    if missend := [k.kop for k, i in te_lezen if i < 0 and not k.optioneel]:
        problemen.append(f"{blad}, rij 1: kolom {', '.join(missend)} ontbreekt in de kopregel")
        return [], []
    te_lezen = [(k, i) for k, i in te_lezen if i >= 0]
    items: list[Any] = []
    rijnummers: list[int] = []
    # Only up to the last column needed: a sheet that claims 16,384 columns costs nothing then.
    for nr, rij in enumerate(ws.iter_rows(min_row=2, max_col=max(i for _, i in te_lezen) + 1, values_only=True), 2):
        if all(w is None for w in rij):
            continue
        if len(items) >= MAX_RIJEN:
            problemen.append(f"{blad}: meer dan {MAX_RIJEN} rijen; dit is geen export van één scanronde")
            break
        item: dict[str, object] = {}
        for k, i in te_lezen:
            try:
                gelezen = _LEZERS.get(k.soort, _tekst)(rij[i] if i < len(rij) else None)
            except _CelFout as exc:
                problemen.append(f"{blad}, rij {nr}, kolom {k.kop}: {exc}")
                continue
            if gelezen is not None:
                item[k.veld or ""] = gelezen
        items.append(item)
        rijnummers.append(nr)
    return items, rijnummers


_LIJSTPLEK = re.compile(r"\b(" + "|".join(s for s, _, _ in TERUG) + r")\[(\d+)\]")


def _plaats(err: Any, rijen: dict[str, list[int]]) -> str:
    """A pydantic error named by sheet, row and column instead of by field path."""
    loc = [s for s in err["loc"] if not (isinstance(s, str) and s.startswith("function-"))]
    bladen = {s: (blad, kolommen) for s, blad, kolommen in TERUG}
    if len(loc) >= 3 and str(loc[0]) in bladen and isinstance(loc[1], int):
        blad, kolommen = bladen[str(loc[0])]
        kop = next((k.kop for k in kolommen if k.veld == loc[2]), str(loc[2]))
        plek = f"{blad}, rij {rijen[str(loc[0])][loc[1]]}"
        if err["type"] == "missing":
            return f"{plek}, kolom {kop}: is leeg, maar verplicht"
        return f"{plek}, kolom {vertaal_pydantic_fout(err, [kop])}"
    for k in OVERZICHT:
        if ".".join(map(str, loc)) == k.veld and err["type"] == "missing":
            return f"Overzicht: sleutel '{k.kop}' ontbreekt of is leeg"
        if ".".join(map(str, loc)) == k.veld:
            return f"Overzicht, sleutel {vertaal_pydantic_fout(err, [k.kop])}"
    # The scan's own checks name list positions ("antwoorden[3]"); name the sheet row instead.
    return _LIJSTPLEK.sub(lambda m: f"{bladen[m[1]][0]}, rij {rijen[m[1]][int(m[2])]}", vertaal_pydantic_fout(err, loc))


def lees_excel(data: bytes, bron: str = "bestand") -> Scan:
    """A workbook made by ``naar_excel`` back as a ``Scan``; raises ``UitwisselFout`` in Dutch."""
    _controleer_zip(data, bron)
    problemen: list[str] = []
    rijen: dict[str, list[int]] = {}
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file; the user needs one answer
        raise _fout(bron, f"het Excel-bestand kan niet gelezen worden ({type(exc).__name__})") from None
    try:
        verplicht = ("Overzicht", *(b for _, b, _ in TERUG if b not in OPTIONELE_BLADEN))
        if ontbrekend := [b for b in verplicht if b not in wb.sheetnames]:
            raise _fout(bron, *(f"blad '{b}' ontbreekt; is dit een Excel-export van de zelfscan?" for b in ontbrekend))
        ruw = _lees_overzicht(wb["Overzicht"], problemen)
        if ruw.get("formaat") != FORMAAT:
            raise _fout(
                bron, "geen scanbestand van de omnichannel zelfscan (Overzicht: 'formaat' ontbreekt of klopt niet)"
            )
        if ruw.get("formaatversie") not in FORMAATVERSIES:
            raise _fout(bron, versie_niet_ondersteund(ruw.get("formaatversie")))
        for lijst, blad, kolommen in TERUG:
            if blad in wb.sheetnames:
                ruw[lijst], rijen[lijst] = _lees_lijst(wb[blad], blad, kolommen, problemen)
    except UitwisselFout:
        raise
    except Exception as exc:  # read-only sheets are parsed lazily: XML errors surface only here
        raise _fout(bron, f"het Excel-bestand kan niet gelezen worden ({type(exc).__name__})") from None
    finally:
        wb.close()
    if problemen:
        raise _fout(bron, *problemen[:30], *([f"… en nog {len(problemen) - 30} meldingen"] if problemen[30:] else []))
    for doel in ruw["doelen"]:
        doel.setdefault("actie", "")  # a required text that may be empty, and an empty cell reads as None
    try:
        return Scan.model_validate(ruw)
    except ValidationError as exc:
        raise _fout(bron, *(_plaats(err, rijen) for err in exc.errors(include_url=False))) from None


def lees_bestand(data: bytes, naam: str) -> Scan:
    """An uploaded scan file, JSON or Excel, recognised by its content; refusals in Dutch."""
    soort = PurePath(naam).suffix.lower()
    weiger = {
        ".xlsm": _MACRO,
        ".xls": "dit is de oude Excel-indeling (.xls); sla het op als .xlsx",
        ".csv": "CSV is alleen een export; importeer het JSON- of Excel-bestand",
    }
    if soort in weiger:
        raise _fout(naam, weiger[soort])
    if soort not in {".json", ".xlsx", ""}:
        raise _fout(naam, f"bestandstype '{soort}' wordt niet ondersteund; kies een JSON- of Excel-bestand (.xlsx)")
    if data.startswith(_ZIP):
        return lees_excel(data, naam)
    if data.startswith(_OLE):  # an old .xls, but also a password-protected .xlsx
        raise _fout(naam, "oud (.xls) of met een wachtwoord beveiligd Excel-bestand; sla het op als .xlsx")
    return lees_scan_bytes(data, naam)
