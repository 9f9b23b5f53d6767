"""The PDF reports: a 2-4 page handout for management and the full verbeterrapport.

Layer: ``reports/`` (scoring models in, PDF bytes out; no streamlit, no database). Both are
built from one exchange-format ``Scan`` and its ``ScanResultaat``, so the PDF says exactly
what the screen and the exports say. Charts are the screen's Vega-Lite specs
(``reports.charts``) rendered to PNG by vl-convert, without a browser.

User text (names, notes, goals) is data, never markup: reportlab's ``Paragraph`` parses an
XML-like language (``<img src=...>`` even opens local files), so every piece of text from a
user or a file passes through ``_tekst`` (escape, then line breaks) and nothing else builds
markup from it. The font is the vendored DejaVu Sans, embedded as a subset, so "Súdwest-
Fryslân", "’s-Hertogenbosch", "€" and "≥" print; characters it lacks (emoji) are left out
rather than printed as boxes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import logging
import re
import struct
import threading
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from xml.sax.saxutils import escape

import vl_convert
from PIL import Image as PILImage
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    LayoutError,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from reports import charts
from reports.duiding import (
    CONSENSUS_BLIJFT,
    DISCIPLINE_UITLEG,
    GEEN_DISCIPLINEVERSCHIL,
    KERN_NAAM,
    NIET_VERGELIJKBAAR,
    PDCA_NAAM,
    PLAATS_TEKST,
    SCHIL_NAAM,
    UITKOMST_NAAM,
    band_niveaus,
    benchmark_zin,
    datum_nl,
    getal,
    gokzin,
    groepen_tekst,
    herstemzin,
    kenmerk_as,
    kernzin,
    onderdeel_naam,
    samen_beeld,
    samenstelling,
    spreiding_tekst,
    telling_tekst,
    type_groep,
    uitersten,
    uitschieterzin,
    volgende_stap,
)
from scoring import tijd
from scoring.afronding import heel
from scoring.models import Vragenlijst
from scoring.resultaat import BouwsteenResultaat, GroepResultaat, ScanResultaat, StellingResultaat
from scoring.samen import UITKOMSTEN
from scoring.uitwissel import Doel, Scan
from scoring.vergelijking import Benchmark, Positie

log = logging.getLogger(__name__)
Soort = Literal["handout", "volledig"]
FONTS = Path(__file__).resolve().parent / "fonts"
_FONT, _VET, _SCHUIN = "DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"
BLAUW = colors.HexColor("#1f4e79")
_LICHT = colors.HexColor("#eef3f8")
_LIJN = colors.HexColor("#c8d3df")
_GRIJS = colors.HexColor("#5a5a5a")
BREEDTE = A4[0] - 36 * mm
HANDOUT_DOELEN = 5
"""Goals shown in full in the handout; more would push it past four pages (the rest is named)."""
PNG_SCHAAL = 2  # about 230 dpi at the 110 mm a radar gets: sharp in print, fast to render
# Images go into the file as binary streams: the ASCII85 text encoding is pure Python in
# reportlab 5 (90 ms per handout, measured) and makes the file a quarter larger for nothing.
rl_config.useA85 = 0


# --- fonts, styles, text ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """Register the fonts once per process; the code points the font can draw."""
    for naam, bestand in (
        (_FONT, "DejaVuSans.ttf"),
        (_VET, "DejaVuSans-Bold.ttf"),
        (_SCHUIN, "DejaVuSans-Oblique.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(naam, str(FONTS / bestand)))
    pdfmetrics.registerFontFamily(_FONT, normal=_FONT, bold=_VET, italic=_SCHUIN, boldItalic=_VET)
    # The same font in the chart PNGs, whatever the machine has installed.
    vl_convert.register_font_directory(str(FONTS))
    face = TTFont(_FONT, str(FONTS / "DejaVuSans.ttf")).face
    return frozenset(face.charToGlyph)


def _stijl(naam: str, **opties: Any) -> ParagraphStyle:
    basis: dict[str, Any] = {"fontName": _FONT, "fontSize": 9.5, "leading": 13, "alignment": TA_LEFT}
    return ParagraphStyle(naam, **(basis | opties))


_S = {
    "titel": _stijl("titel", fontName=_VET, fontSize=20, leading=25, textColor=BLAUW, spaceAfter=2 * mm),
    "sub": _stijl("sub", fontSize=10.5, leading=14, textColor=_GRIJS, spaceAfter=5 * mm),
    "kern": _stijl("kern", fontName=_VET, fontSize=13, leading=18, textColor=colors.black),
    "h1": _stijl("h1", fontName=_VET, fontSize=14, leading=18, textColor=BLAUW, spaceBefore=5 * mm, spaceAfter=2 * mm),
    "h2": _stijl(
        "h2", fontName=_VET, fontSize=11.5, leading=15, textColor=BLAUW, spaceBefore=4 * mm, spaceAfter=1.5 * mm
    ),
    "tekst": _stijl("tekst", spaceAfter=1.5 * mm),
    "klein": _stijl("klein", fontSize=8.5, leading=11, textColor=_GRIJS),
    "cel": _stijl("cel", fontSize=9, leading=11.5),
    "celvet": _stijl("celvet", fontName=_VET, fontSize=9, leading=11.5),
    "kop": _stijl("kop", fontName=_VET, fontSize=9, leading=11.5, textColor=colors.white),
    "kopm": _stijl("kopm", fontName=_VET, fontSize=8.5, leading=11, textColor=colors.white, alignment=TA_CENTER),
    "celm": _stijl("celm", fontSize=8.5, leading=11, alignment=TA_CENTER),
    "celwit": _stijl("celwit", fontName=_VET, fontSize=8.5, leading=11, alignment=TA_CENTER, textColor=colors.white),
    "cijfer": _stijl("cijfer", fontName=_VET, fontSize=18, leading=22, textColor=BLAUW),
}


_LEGE_REGELS = re.compile(r"\n\s*\n")


def _regels(tekst: str) -> str:
    """Text as printed: invisible format characters out, line breaks as ``\n``, and at most one
    blank line in a row (4,000 empty lines once filled a hundred pages)."""
    tekst = "".join(c for c in tekst if unicodedata.category(c) != "Cf")
    return _LEGE_REGELS.sub("\n\n", tekst.replace("\r\n", "\n").replace("\r", "\n"))


def _schoon(tekst: str) -> str:
    bekend = _glyphs()
    # Outside the Basic Multilingual Plane reportlab writes an invalid ToUnicode entry (pypdf:
    # "odd-length hex string"), so DejaVu's few emoji are left out too.
    return "".join(c for c in tekst if (ord(c) in bekend and ord(c) <= 0xFFFF) or c in "\n\t")


def _tekst(tekst: str) -> str:
    """User or file text as safe Paragraph markup: escaped, unknown glyphs out, line breaks kept."""
    return escape(_schoon(_regels(tekst))).replace("\n", "<br/>")


_TAGS = {"b": ("<b>", "</b>"), "i": ("<i>", "</i>"), "grijs": ('<font color="#5a5a5a">', "</font>")}


def _p(stijl: str, *delen: str | tuple[str, str]) -> Paragraph:
    """A paragraph from plain text parts; ("b", text) is bold, ("i", text) italic, ("grijs", text) grey.

    Never raw markup: only these fixed tags are written, around escaped text.
    """
    markup = []
    for deel in delen:
        if isinstance(deel, tuple):
            open_, sluit = _TAGS[deel[0]]
            markup.append(f"{open_}{_tekst(deel[1])}{sluit}")
        else:
            markup.append(_tekst(deel))
    return Paragraph("".join(markup), _S[stijl])


def _score(waarde: float | None) -> str:
    return "–" if waarde is None else str(heel(waarde))


def _niveau(waarde: float | None) -> str:
    return "–" if waarde is None else getal(waarde)


# --- charts ----------------------------------------------------------------------------------


def png_afmeting(png: bytes) -> tuple[int, int]:
    breedte, hoogte = struct.unpack(">II", png[16:24])  # the IHDR chunk of every PNG
    return breedte, hoogte


class _Beeld:
    """One rendered chart: its PNG, and (made on first use) the image streams the PDF embeds."""

    def __init__(self, sleutel: str, png: bytes) -> None:
        self.naam = sleutel[:32]
        self.png = png
        self.breedte, self.hoogte = png_afmeting(png)
        self._stromen: tuple[bytes, bytes | None] | None = None

    def stromen(self) -> tuple[bytes, bytes | None]:
        """The pixels as reportlab would write them (zlib RGB, and the alpha only when a pixel is
        not opaque), decoded and compressed once per chart instead of once per PDF: that took
        30 ms per radar on every download (issue 20, item 5)."""
        if self._stromen is None:
            with PILImage.open(io.BytesIO(self.png)) as beeld:
                beeld.load()
                alfa = beeld.getchannel("A") if beeld.mode in ("RGBA", "LA") else None
                masker = None if alfa is None or alfa.getextrema() == (255, 255) else zlib.compress(alfa.tobytes())
                self._stromen = (zlib.compress(beeld.convert("RGB").tobytes()), masker)
        return self._stromen

    @property
    def grootte(self) -> int:
        return len(self.png) * 2  # the PNG and, about as large, its streams


class _Grafiek(Flowable):
    """A chart image drawn from its prepared streams: what ``Image`` and ``Canvas.drawImage`` do
    for a PNG, without decoding and compressing it again for every report."""

    def __init__(self, beeld: _Beeld, breedte: float) -> None:
        super().__init__()
        self.beeld = beeld
        self.hAlign = "CENTER"  # as platypus' Image
        self.drawWidth, self.drawHeight = breedte, breedte * beeld.hoogte / beeld.breedte

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        # reportlab's private canvas state, used as Canvas.drawImage uses it (reportlab is pinned;
        # tests/unit/test_pdf.py compares the embedded pixels with the chart's PNG).
        canvas: Any = self.canv
        naam = _xobject(canvas, self.beeld)
        canvas._currentPageHasImages = 1  # as Canvas.drawImage does
        canvas.saveState()
        canvas.scale(self.drawWidth, self.drawHeight)
        canvas._code.append(f"/{canvas._doc.getXObjectName(naam)} Do")
        canvas.restoreState()
        canvas._formsinuse.append(naam)


def _beeld_object(naam: str, beeld: _Beeld, stroom: bytes, kleuren: str) -> Any:
    obj: Any = pdfdoc.PDFImageXObject(naam)
    obj.width, obj.height, obj.bitsPerComponent, obj.colorSpace = beeld.breedte, beeld.hoogte, 8, kleuren
    obj._filters = ("FlateDecode",)
    obj.streamContent, obj.mask = stroom, None
    return obj


def _xobject(canvas: Any, beeld: _Beeld) -> str:
    """Put the chart into the document once (as ``Canvas.drawImage`` registers an image); its name."""
    doc = canvas._doc
    naam = beeld.naam
    if doc.idToObject.get(doc.getXObjectName(naam)) is None:
        rgb, alfa = beeld.stromen()
        obj = _beeld_object(naam, beeld, rgb, "DeviceRGB")
        canvas._setXObjects(obj)
        doc.Reference(obj, doc.getXObjectName(naam))
        doc.addForm(naam, obj)
        if alfa is not None:
            masker = _beeld_object(f"{naam}m", beeld, alfa, "DeviceGray")
            masker._decode = [0, 1]
            canvas._setXObjects(masker)
            obj.smask = doc.Reference(masker, doc.getXObjectName(masker.name))
    return naam


def _grafiek(spec: dict[str, Any], breedte: float) -> Flowable:
    return _Grafiek(_beeld(spec), breedte)


def radar_spec(
    assen: Sequence[str], huidig: Sequence[float | None], ambitie: Sequence[float | None], titel: str
) -> dict[str, Any]:
    """The screen's radar spec as the reports draw it: without the ambitie series when none is set."""
    heeft_ambitie = any(a is not None for a in ambitie)
    return charts.radar_spec(list(assen), list(huidig), list(ambitie) if heeft_ambitie else None, titel=titel)


GRAFIEKEN_BYTES = 32 * 1024 * 1024
"""What the process keeps of rendered charts (about 50 radars): a round state's charts, asked
again for the other report or a second download, are not rendered again."""
_grafieken: OrderedDict[str, _Beeld] = OrderedDict()
_grafieken_slot = threading.Lock()


def _beeld(spec: dict[str, Any]) -> _Beeld:
    # The spec holds every score and label the chart shows, so its content is the round state:
    # an answer that changes a score changes the key; one that does not, reuses the image.
    sleutel = hashlib.sha256(f"{PNG_SCHAAL}:{json.dumps(spec, sort_keys=True)}".encode()).hexdigest()
    with _grafieken_slot:
        beeld = _grafieken.get(sleutel)
        if beeld is not None:
            _grafieken.move_to_end(sleutel)
            return beeld
    _glyphs()
    # Outside the lock: two sessions may render the same chart at once, which costs time, never a wrong image.
    beeld = _Beeld(sleutel, vl_convert.vegalite_to_png(spec, scale=PNG_SCHAAL, allowed_base_urls=[]))
    with _grafieken_slot:
        _grafieken[sleutel] = beeld
        totaal = sum(b.grootte for b in _grafieken.values())
        while totaal > GRAFIEKEN_BYTES and len(_grafieken) > 1:
            totaal -= _grafieken.popitem(last=False)[1].grootte
    return beeld


def grafiek_png(spec: dict[str, Any]) -> bytes:
    """The chart as PNG, rendered once per chart content and process (a bounded cache)."""
    return _beeld(spec).png


_KLEIN: dict[str, Any] = {
    "data": {"values": [{"x": 1}]},
    "mark": {"type": "text", "text": "0", "font": "DejaVu Sans"},
    "config": {"aria": False},
}


def opwarmen(vl: Vragenlijst | None = None) -> None:
    """Pay at start, once per process, what the first report would pay: the fonts, the start of
    vl-convert's JavaScript engine (0.4 s), the radar layouts of ``vl``'s handout (0.2 s each,
    Altair validating the spec) and one radar drawn with made-up scores, which readies the
    engine's compiled code for radars (the first handout then takes 40% less). No chart is
    kept: the first report still renders its own.

    vl-convert holds the GIL while it converts, so this stalls the process's other threads for
    about 0.7 s in all; run it where that does no harm (scan/ui/rapporten.py).
    """
    _glyphs()
    vl_convert.vegalite_to_png(_KLEIN, scale=1, allowed_base_urls=[])
    if vl is None:
        return
    for soort, titel in RADAR_TYPEN:
        namen = [b.naam.nl for b in vl.bouwstenen if b.type == soort]
        waarden = [50.0] * len(namen)
        for ambitie in (waarden, [None] * len(namen)):
            spec = radar_spec(namen, waarden, ambitie, titel)
    vl_convert.vegalite_to_png(spec, scale=PNG_SCHAAL, allowed_base_urls=[])


def _radar(
    c: Rapportcontext,
    assen: Sequence[str],
    huidig: Sequence[float | None],
    ambitie: Sequence[float | None],
    titel: str,
    breedte: float = 110 * mm,
) -> Flowable:
    return _grafiek(radar_spec(assen, huidig, ambitie, titel), breedte)


# --- tables ------------------------------------------------------------------------------------


def _tabelstijl(opdrachten: list[tuple[Any, ...]]) -> TableStyle:
    # A table sets its cell font on the canvas even for paragraph cells; Helvetica would end up
    # in the file as an unembedded font, so the cells get DejaVu too.
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), _FONT), *opdrachten])


_SPLITS_MIN = 35
"""Points (three lines of a cell) a row keeps on each side when it breaks across pages."""
_HOGE_RIJ = 250.0
"""Points (about a third of a page): a row at least this tall may break across pages."""


class _Tabel(Table):
    """A table whose tall rows break across pages; ordinary rows move to the next page whole.

    ReportLab raises LayoutError for a row taller than a page (one long goal once broke both
    reports for the whole round). Its ``splitInRow`` would also cut short rows at every page
    end, so it is switched on only when the row that does not fit is a tall one.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)  # type: ignore[attr-defined]  # reportlab's own sizing
        hoogtes: list[float] = self._rowHeights  # type: ignore[attr-defined]
        eerste = hoogtes[1] if len(hoogtes) > 1 else 0.0  # the first row under the repeated header
        self.splitInRow = _SPLITS_MIN if eerste >= _HOGE_RIJ else 0
        return super().split(availWidth, availHeight)


def _tabel(
    kop: Sequence[str],
    rijen: Sequence[Sequence[Flowable | str]],
    breedtes: Sequence[float],
    extra: Iterable[tuple[Any, ...]] = (),
    midden_vanaf: int | None = None,
    splitsen: bool = False,
) -> Table:
    """A table with a blue header row; text cells become paragraphs, centred from ``midden_vanaf``.

    ``splitsen``: a row may break across pages (for rows of user text). ReportLab raises
    LayoutError for a row taller than a page otherwise, which once broke the whole report.
    """
    midden = len(kop) if midden_vanaf is None else midden_vanaf
    cellen: list[list[Flowable | str]] = [[_p("kop" if i < midden else "kopm", k) for i, k in enumerate(kop)]]
    cellen += [
        [(_p("cel" if i < midden else "celm", c) if isinstance(c, str) else c) for i, c in enumerate(rij)]
        for rij in rijen
    ]
    soort = _Tabel if splitsen else Table
    tabel = soort(cellen, colWidths=list(breedtes), repeatRows=1, hAlign="LEFT")
    tabel.setStyle(
        _tabelstijl(
            [
                ("BACKGROUND", (0, 0), (-1, 0), BLAUW),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 1), (-1, -1), 0.4, _LIJN),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, _LICHT]),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                *extra,
            ]
        )
    )
    return tabel


INGEKORT = "… (ingekort, volledige tekst in {waar})"
_HANDOUT_KORT: dict[str, tuple[int, int]] = {
    # field: (characters, lines) the handout's goal table shows; the rest is in the full report.
    "titel": (120, 2),
    "actie": (600, 8),
    "indicator": (240, 4),
    "eigenaar": (120, 3),
}
_VOLLEDIG_REGELS = 40
"""Lines of one text a table cell of the full report shows: "regel" 650 times would otherwise
fill ten pages of a narrow column; prose of the longest action (4,000 characters) stays whole."""
_NOOD_KORT = (1200, 20)
"""What any user text in a table gets when a report could not be built with it in full."""


def ingekort(tekst: str, tekens: int, regels: int, waar: str) -> str:
    """``tekst`` as printed, cut to ``tekens`` characters and ``regels`` lines with a visible note."""
    tekst = _regels(tekst).strip("\n")
    lijnen = tekst.split("\n")
    if len(tekst) <= tekens and len(lijnen) <= regels:
        return tekst
    kort = "\n".join(lijnen[:regels])[:tekens]
    spatie = kort.rfind(" ", int(tekens * 0.8))
    if len(kort) == tekens and spatie > 0:
        kort = kort[:spatie]  # end at a word when one ends near the cut
    return f"{kort.rstrip()} {INGEKORT.format(waar=waar)}"


class Rapportcontext:
    """Names and lookups of one report, computed once."""

    def __init__(
        self,
        vl: Vragenlijst,
        scan: Scan,
        resultaat: ScanResultaat,
        vandaag: dt.date,
        benchmark: Benchmark | None = None,
    ) -> None:
        self.vl, self.scan, self.resultaat, self.vandaag = vl, scan, resultaat, vandaag
        self.benchmark = benchmark
        self.bouwsteen = {b.id: b for b in vl.bouwstenen}
        self.band = {b.id: b.naam.nl for b in vl.schaal.banden}
        self.dimensie: dict[str, str] = {d.id: d.naam.nl for d in vl.meta.dimensies}
        self.kenmerk = {k.id: k.naam.nl for k in vl.meta.kenmerken}
        self.gemeente = scan.gemeente.naam
        self.samen = samen_beeld(vl, scan)
        self.soort: Soort = "volledig"
        self.nood = False
        """Set when the report failed with its text in full: every user text in a table is shortened."""

    def kort(self, tekst: str, veld: str) -> str:
        """User text for a table cell: in full, or shortened with a note where this report needs it."""
        if self.nood:
            return ingekort(tekst, *_NOOD_KORT, waar="de Excel-export")
        if self.soort == "handout" and veld in _HANDOUT_KORT:
            return ingekort(tekst, *_HANDOUT_KORT[veld], waar="het verbeterrapport")
        return ingekort(tekst, len(tekst), _VOLLEDIG_REGELS, waar="de Excel-export")

    def naam(self, bouwsteen: str) -> str:
        b = self.bouwsteen[bouwsteen]
        return f"{b.nummer}. {b.naam.nl}"

    def bandnaam(self, band: str | None) -> str:
        return self.band.get(band or "", "–")


# --- the parts -----------------------------------------------------------------------------


def _kop(c: Rapportcontext, soort: Soort, compact: bool = False) -> list[Flowable]:
    titel = "Managementsamenvatting" if soort == "handout" else "Verbeterrapport"
    sub = f"{titel} van de scanronde van {datum_nl(c.scan.scanronde.datum)} · {c.resultaat.deelnemers} deelnemers"
    delen: list[Flowable] = [_p("titel", f"Omnichannel zelfscan {c.gemeente}"), _p("sub", sub)]
    functies = list(dict.fromkeys(d.functie for d in c.scan.deelnemers if d.functie))
    if functies and not compact:
        meer = f" en {len(functies) - 6} andere functies" if len(functies) > 6 else ""
        delen.append(_p("klein", "Werkgroep: ", ", ".join(functies[:6]) + meer + "."))
        delen.append(Spacer(1, 3 * mm))
    if c.scan.fictief:
        delen.insert(1, _p("celvet", "FICTIEVE GEGEVENS – alleen voor demonstratie"))
    return delen


def schaalzin(vl: Vragenlijst) -> str:
    banden = " · ".join(f"{b.ondergrens}–{b.bovengrens} {b.naam.nl.lower()}" for b in vl.schaal.banden)
    return (
        "Scores lopen van 0 (niveau 1 op alle stellingen) tot 100 (niveau 5): per stelling kiest de werkgroep "
        f"één van vijf beschreven niveaus. De ambitie is het niveau dat de werkgroep wil bereiken. Banden: {banden}."
    )


def _samenvatting(c: Rapportcontext, compact: bool = False) -> list[Flowable]:
    r = c.resultaat
    zinnen: list[Flowable] = [_p("kern", kernzin(c.vl, r, c.gemeente))]
    if tweede := uitschieterzin(c.vl, r):
        zinnen += [Spacer(1, 1.5 * mm), _p("tekst", tweede)]
    kader = Table([[zinnen]], colWidths=[BREEDTE])
    kader.setStyle(
        _tabelstijl(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _LICHT),
                ("LINEBEFORE", (0, 0), (0, -1), 3, BLAUW),
                ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ]
        )
    )
    # The headline: the kern score, and beside it, never merged, the schil score; the total of
    # all sixteen is no headline (docs/methode.md). The plain sentence on comparability goes with it.
    kern, schil = type_groep(r, "kern"), type_groep(r, "aanvullend")
    kop = Table(
        [
            [_p("klein", KERN_NAAM), _p("klein", SCHIL_NAAM)],
            [_p("cijfer", f"{_score(kern.score)} / 100"), _p("cijfer", f"{_score(schil.score)} / 100")],
            [
                _p("klein", f"band {c.bandnaam(kern.band).lower()}"),
                _p("klein", f"band {c.bandnaam(schil.band).lower()}"),
            ],
        ],
        colWidths=[BREEDTE / 2] * 2,
    )
    kop.setStyle(_tabelstijl([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    cijfers = [
        ("Deelnemers", str(r.deelnemers), "vulden stellingen in"),
        ("Ingevuld", f"{r.dekking:.0%}".replace(".", ","), "van alle mogelijke antwoorden"),
        (
            "Verschil van inzicht",
            str(len(r.bespreekpunten)),
            f"van {len(r.stellingen)} stellingen: 2 of meer niveaus uiteen",
        ),
    ]
    blok = Table(
        [
            [_p("klein", k) for k, _, _ in cijfers],
            [_p("cijfer", w) for _, w, _ in cijfers],
            [_p("klein", u) for *_, u in cijfers],
        ],
        colWidths=[BREEDTE / 3] * 3,
    )
    blok.setStyle(_tabelstijl([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1)]))
    betekenis = {b.id: b.betekenis.nl for b in c.vl.schaal.banden}.get(kern.band or "")
    uitleg = (
        [_p("klein", f"{KERN_NAAM}, band {c.bandnaam(kern.band)}: {betekenis}")] if betekenis and not compact else []
    )
    schaal = _p("klein", schaalzin(c.vl))
    return [
        kader,
        Spacer(1, 4 * mm),
        kop,
        _p("cel", NIET_VERGELIJKBAAR),
        Spacer(1, 3 * mm),
        blok,
        Spacer(1, 1 * mm),
        # Right under the count of bespreekpunten: what the discussion did with them (issue 16).
        *_herstemzin(c),
        *uitleg,
        schaal,
        Spacer(1, 2 * mm),
    ]


def _uitersten(c: Rapportcontext) -> list[Flowable]:
    sterk, zwak = uitersten(c.resultaat)

    def cellen(leden: list[BouwsteenResultaat], i: int) -> list[Flowable | str]:
        if i >= len(leden):
            return ["", ""]
        b = leden[i]
        return [_p("celvet", c.naam(b.bouwsteen)), f"{_score(b.score)} · {c.bandnaam(b.band).lower()}"]

    rijen = [cellen(sterk, i) + cellen(zwak, i) for i in range(max(len(sterk), len(zwak)))]
    naam, score = BREEDTE * 0.33, BREEDTE * 0.17
    kop = ["Het sterkst", "Score", "Het zwakst", "Score"]
    lijn = [("LINEBEFORE", (2, 0), (2, -1), 1.2, colors.white)]
    return [_p("h1", "Sterk en zwak"), _tabel(kop, rijen, [naam, score] * 2, lijn)]


DIMENSIE_UITLEG = (
    "Een dimensie is het gemiddelde van haar bouwstenen, kern en aanvullend even zwaar. Vier van de vijf dimensies "
    "bestaan voor twee derde uit aanvullende bouwstenen: lees ze niet als de score van het KCC alleen."
)


def _groepen(
    c: Rapportcontext,
    titel: str,
    groepen: Sequence[GroepResultaat],
    namen: dict[str, str],
    soort: str,
    uitleg: str = "",
) -> list[Flowable]:
    dimensies = groepen is c.resultaat.dimensies
    rijen = [
        [
            namen[g.id],
            *([samenstelling(c.vl, g.id)] if dimensies else []),
            _score(g.score),
            c.bandnaam(g.band),
            _score(g.ambitie_score),
            f"{g.onderdelen_gescoord}/{g.onderdelen_totaal}",
        ]
        for g in groepen
    ]
    if dimensies:
        # Per dimension which bouwstenen it holds: four of five are two thirds aanvullend,
        # so nobody reads a dimension score as the KCC's own.
        breedtes = [BREEDTE * f for f in (0.2, 0.27, 0.1, 0.17, 0.13, 0.13)]
        kop = [soort, "Bouwstenen", "Score", "Band", "Ambitie", "Gescoord"]
        midden = 2
    else:
        breedtes = [BREEDTE * f for f in (0.40, 0.12, 0.24, 0.12, 0.12)]
        kop = [soort, "Score", "Band", "Ambitie", "Aantal"]
        midden = 1
    delen: list[Flowable] = [_p("h1", titel), _tabel(kop, rijen, breedtes, midden_vanaf=midden)]
    if uitleg:
        delen.append(_p("klein", uitleg))
    return delen


def _benchmark(c: Rapportcontext, alle_bouwstenen: bool) -> list[Flowable]:
    """Where the gemeente stands among its peers (only when it opted in; group figures only)."""
    bm = c.benchmark
    if bm is None:
        return []
    delen: list[Flowable] = [_p("h1", "Vergelijking met andere gemeenten"), _p("tekst", benchmark_zin(c.gemeente, bm))]
    if not bm.voldoende:
        return delen
    soorten = ("type", "dimensie", "bouwsteen") if alle_bouwstenen else ("type", "dimensie")

    def naam(p: Positie) -> str:
        if p.soort == "type":
            return {"kern": KERN_NAAM, "aanvullend": SCHIL_NAAM}.get(p.onderdeel, p.onderdeel)
        if p.soort == "dimensie":
            return f"{onderdeel_naam(c.vl, p.soort, p.onderdeel)} ({samenstelling(c.vl, p.onderdeel)})"
        return onderdeel_naam(c.vl, p.soort, p.onderdeel)

    rijen = [
        [
            naam(p),
            _score(p.eigen),
            _score(p.groep.q1) if p.groep else "–",
            _score(p.groep.mediaan) if p.groep else "–",
            _score(p.groep.q3) if p.groep else "–",
            PLAATS_TEKST[p.plaats] if p.plaats else "te weinig gegevens",
        ]
        for p in bm.posities
        if p.soort in soorten
    ]
    breedtes = [BREEDTE * f for f in (0.30, 0.10, 0.08, 0.12, 0.08, 0.32)]
    kop = ["Onderdeel", "Eigen", "Q1", "Mediaan", "Q3", "Plaats"]
    uitleg = (
        f"Anoniem: de spreiding van de laatste afgeronde scan van {bm.gemeenten} deelnemende gemeenten "
        f"({bm.groep}); Q1 tot Q3 is de middelste helft. Welke gemeenten meedoen, wordt niet getoond."
    )
    return [*delen, _tabel(kop, rijen, breedtes, midden_vanaf=1), _p("klein", uitleg)]


RADAR_BREEDTE = 96 * mm


def _radar_tabel(
    soort: str, assen: Sequence[str], huidig: Sequence[float | None], ambitie: Sequence[float | None]
) -> Table:
    """The numbers of one radar as a table: nothing the chart shows exists only in the image."""
    heeft_ambitie = any(a is not None for a in ambitie)
    kop = [soort, "Score", *(["Ambitie"] if heeft_ambitie else [])]
    rijen: list[list[Flowable | str]] = [
        [naam, _score(h), *([_score(a)] if heeft_ambitie else [])]
        for naam, h, a in zip(assen, huidig, ambitie, strict=True)
    ]
    rest = BREEDTE - RADAR_BREEDTE - 3 * mm
    getallen = [17.5 * mm] * (len(kop) - 1)
    return _tabel(kop, rijen, [rest - sum(getallen), *getallen], midden_vanaf=1)


def _radar_met_tabel(
    c: Rapportcontext,
    soort: str,
    assen: Sequence[str],
    huidig: Sequence[float | None],
    ambitie: Sequence[float | None],
    titel: str,
) -> Table:
    beeld = _radar(c, assen, huidig, ambitie, titel, RADAR_BREEDTE)
    naast = Table(
        [[beeld, _radar_tabel(soort, assen, huidig, ambitie)]],
        colWidths=[RADAR_BREEDTE + 3 * mm, BREEDTE - RADAR_BREEDTE - 3 * mm],
        hAlign="LEFT",
    )
    naast.setStyle(
        _tabelstijl(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return naast


def _radars(c: Rapportcontext, ook_groepen: bool) -> list[Flowable]:
    r = c.resultaat
    delen: list[Flowable] = [_p("h1", RADARS_TITEL)]
    delen.append(_p("klein", RADARS_UITLEG))
    for soort, titel in RADAR_TYPEN:
        leden = [b for b in r.bouwstenen if b.type == soort]
        namen = [c.bouwsteen[b.bouwsteen].naam.nl for b in leden]
        beeld = _radar_met_tabel(
            c, "Bouwsteen", namen, [b.score for b in leden], [b.ambitie_score for b in leden], titel
        )
        delen.append(KeepTogether([Spacer(1, 3 * mm), beeld]))
    if not ook_groepen:
        return delen
    for titel, groepen, namen_van, soort in (
        ("Dimensies", r.dimensies, c.dimensie, "Dimensie"),
        ("Kenmerken van omnichannel", r.kenmerken, c.kenmerk, "Kenmerk"),
    ):
        assen = [namen_van[g.id] for g in groepen]
        if groepen is r.kenmerken:  # how many stellingen carry each kenmerk: 4 is not 28
            assen = [kenmerk_as(a, g.onderdelen_totaal) for a, g in zip(assen, groepen, strict=True)]
        beeld = _radar_met_tabel(c, soort, assen, [g.score for g in groepen], [g.ambitie_score for g in groepen], titel)
        uitleg: list[Flowable] = []
        if groepen is r.kenmerken:
            uitleg.append(_p("klein", KENMERKEN_UITLEG))
        delen.append(KeepTogether([Spacer(1, 3 * mm), beeld, *uitleg]))
    return delen


RADARS_TITEL = "Radarbeelden: huidig en ambitie"
RADARS_UITLEG = (
    "Doorgetrokken lijn: huidige score; gestreepte lijn: ambitie. De ringen staan op 20, 40, 60, 80 en 100: "
    "de grenzen tussen de banden. Naast elk beeld dezelfde getallen in een tabel."
)
RADAR_TYPEN = (("kern", "Kernbouwstenen"), ("aanvullend", "Aanvullende bouwstenen"))
KENMERKEN_UITLEG = (
    "De acht kenmerken van een omnichannel aanpak uit de VNG-handreiking (§ 3.1.1). Elke stelling hoort "
    "bij één tot drie kenmerken; een kenmerk is het gemiddelde van zijn stellingen en heeft geen eigen "
    "ambitie. Tussen haakjes: op hoeveel stellingen het kenmerk rust; hoe minder, hoe onzekerder."
)


def _doel_rij(c: Rapportcontext, d: Doel, uitgebreid: bool) -> list[Flowable | str]:
    wat: list[Flowable] = [
        _p("celvet", c.kort(d.titel, "titel"), ("grijs", f" · {c.naam(d.bouwsteen)}")),
        _p("cel", c.kort(d.actie, "actie")),
    ]
    if uitgebreid and d.notities:
        wat.append(_p("klein", c.kort(d.notities, "notities")))
    meting = "–"
    if d.indicator:
        eenheid = f"\u00a0{d.eenheid}" if d.eenheid else ""  # no line break between number and unit
        if d.nulmeting is not None:
            van = f"{getal(d.nulmeting, 2)}{eenheid}"
        elif d.nulmeting_uiterlijk is not None:
            van = f"nulmeting volgt, uiterlijk {d.nulmeting_uiterlijk.strftime('%d-%m-%Y')}"
        else:
            van = "nulmeting volgt"
        naar = f"{getal(d.streefwaarde, 2)}{eenheid}" if d.streefwaarde is not None else "streefwaarde volgt"
        meting = f"{c.kort(d.indicator, 'indicator')}: {van} → {naar}"
    indicator: list[Flowable] = [_p("cel", meting)]
    if uitgebreid and d.bron:
        indicator.append(_p("klein", "Bron: ", c.kort(d.bron, "bron")))
    wie: list[Flowable] = [_p("cel", c.kort(d.eigenaar, "eigenaar") if d.eigenaar else "–")]
    if uitgebreid and d.draagvlak:
        wie.append(_p("klein", "Draagvlak: ", c.kort(d.draagvlak, "draagvlak")))
    wanneer = [_p("cel", datum_nl(d.deadline) if d.deadline else "–"), _p("klein", PDCA_NAAM[d.status])]
    return [wat, indicator, wie, wanneer]  # type: ignore[list-item]  # a list of flowables is a valid cell


def _doelen(c: Rapportcontext, doelen: Sequence[Doel], uitgebreid: bool, titel: str = "SMART-doelen") -> list[Flowable]:
    if not doelen:
        return [_p("h1", titel), _p("tekst", "Er zijn in deze scanronde nog geen doelen vastgesteld.")]
    # The owner's column holds a long Dutch function on one line ("Kwaliteitsmedewerker",
    # "Informatiemanager"; at 20 % ReportLab split it as "Informatiemanage r"), the indicator's
    # a number glued to its unit ("40 terugbelverzoeken"); the action's column gives way.
    breedtes = [BREEDTE * f for f in (0.37, 0.24, 0.24, 0.15)]
    rijen = [_doel_rij(c, d, uitgebreid) for d in doelen]
    return [
        _p("h1", titel),
        _tabel(["Doel en actie", "Indicator: nu → streef", "Eigenaar", "Deadline"], rijen, breedtes, splitsen=True),
    ]


def _volgende_stap(c: Rapportcontext) -> list[Flowable]:
    stap = volgende_stap(c.vl, c.scan, c.resultaat, c.vandaag)
    return [
        KeepTogether(
            [
                _p("h1", "Volgende stap"),
                _p("tekst", ("b", f"Fase: {stap.fase}. "), stap.wat),
                _p("tekst", ("b", "Gevraagd van het MT: "), stap.gevraagd),
            ]
        )
    ]


def _verantwoording(c: Rapportcontext) -> Flowable:
    return _p(
        "klein",
        f"Gemaakt op {datum_nl(c.vandaag)} met de omnichannel zelfscan (vragenlijst {c.scan.vragenlijst.versie}). ",
        c.vl.meta.disclaimer.nl,
    )


# --- issue 15: nalevingscheck ---------------------------------------------------------------

NALEVING_STATUS = {
    "voldoet": "Voldoet",
    "deels": "Voldoet deels",
    "niet": "Voldoet niet",
    "weet_niet": "Weet niet",
    "nvt": "N.v.t.",
}
NIET_INGEVULD = "Niet ingevuld"
NALEVING_UITLEG = (
    "Dit zijn wettelijke plichten, geen volwassenheidsniveaus: een gemeente die een plicht niet nakomt, is niet "
    "'startend' maar voldoet niet aan de wet. De werkgroep stelde per plicht samen vast of de gemeente voldoet. "
    "Deze antwoorden tellen in geen enkele score van dit rapport mee."
)


def _naleving(c: Rapportcontext, uitgebreid: bool) -> list[Flowable]:
    """The compliance check apart from the scores (issue 15, point 5): each duty with its status in
    words; the full report adds the legal basis and the note. Nothing for a version without a check."""
    if not c.vl.naleving:
        return []
    antwoorden = {n.item: n for n in c.scan.naleving}
    voldoet = sum(1 for i in c.vl.naleving if (a := antwoorden.get(i.id)) and a.status == "voldoet")
    open_ = sum(1 for i in c.vl.naleving if i.id not in antwoorden)
    if not uitgebreid:
        # The handout: management reads sentences, not a table; the duties by short name per status.
        per_status: dict[str, list[str]] = {}
        for item in c.vl.naleving:
            antwoord = antwoorden.get(item.id)
            per_status.setdefault(NALEVING_STATUS[antwoord.status] if antwoord else NIET_INGEVULD, []).append(
                item.naam.nl
            )
        volgorde = [*NALEVING_STATUS.values(), NIET_INGEVULD]
        regels = [f"{status}: {', '.join(per_status[status])}." for status in volgorde if status in per_status]
        return [
            CondPageBreak(35 * mm),
            _p("h1", "Wettelijke verplichtingen"),
            _p("klein", NALEVING_UITLEG),
            _p("tekst", " ".join(regels)),
        ]
    rijen: list[list[Flowable | str]] = []
    for item in c.vl.naleving:
        antwoord = antwoorden.get(item.id)
        status = NALEVING_STATUS[antwoord.status] if antwoord else NIET_INGEVULD
        plicht: list[Flowable] = [
            _p("cel", f"{item.naam.nl}. {item.tekst.nl}"),
            _p("klein", "Grondslag: ", item.grondslag),
        ]
        notitie = c.kort(antwoord.notitie, "notitie") if antwoord and antwoord.notitie else "–"
        rijen.append([plicht, status, notitie])  # type: ignore[list-item]  # a list of flowables is a valid cell
    kop = ["Wettelijke plicht en grondslag", "Status", "Notitie"]
    breedtes = (0.6, 0.15, 0.25)
    return [
        CondPageBreak(50 * mm),
        _p("h1", "Wettelijke verplichtingen"),
        _p("tekst", NALEVING_UITLEG),
        _p("tekst", f"Voldoet: {voldoet} van de {len(c.vl.naleving)} plichten. Niet ingevuld: {open_}."),
        _tabel(kop, rijen, [BREEDTE * f for f in breedtes], splitsen=True),
    ]


# --- issue 16: what a facilitated session leaves behind ----------------------------------------

HERSTEM_UITLEG = (
    "Over deze bespreekpunten stemde de werkgroep na de bespreking opnieuw, blind. Per stelling de niveaus van de "
    "eerste en de tweede stem: laagste–hoogste, met tussen haakjes de spreiding (hoogste min laagste). "
    "Samengekomen: na de bespreking liggen alle niveaus binnen één niveau; verder uiteen: de spreiding werd groter. "
    "De scores in dit rapport rekenen met de tweede stem."
)
GOK_UITLEG = (
    "Stellingen waar minstens de helft van wie zei hoe zeker hij was, gokte of 'weet niet' antwoordde (minstens "
    "twee mensen). Hier helpt informatie van buiten de werkgroep meer dan een bespreking."
)
GEEN_GOK = "Op geen stelling gokt de werkgroep: wie zei hoe zeker hij was, was overwegend zeker of dacht het."


def _herstemzin(c: Rapportcontext) -> list[Flowable]:
    """The one sentence for management, only after re-votes (in both summaries, under the count
    of bespreekpunten)."""
    zin = herstemzin(c.samen.herstemmingen)
    return [_p("tekst", ("b", zin))] if zin else []


def stelling_label(c: Rapportcontext, stelling: str) -> str:
    for b in c.vl.bouwstenen:
        for i, s in enumerate(b.stellingen, start=1):
            if s.id == stelling:
                return f"{b.nummer}.{i} {s.tekst.nl}"
    return stelling


def _samen(c: Rapportcontext) -> list[Flowable]:
    """The full report's evidence beside the werkgroep's decisions: before and after each re-vote
    per stelling and per bouwsteen, where disciplines see a bouwsteen differently (groups of at
    least two), and where the werkgroep guesses."""
    beeld = c.samen
    delen: list[Flowable] = []
    herstemd = beeld.herstemmingen.stellingen
    if herstemd:
        rijen: list[list[Flowable | str]] = [
            [
                stelling_label(c, v.stelling),
                spreiding_tekst(v.voor, v.spreiding_voor),
                spreiding_tekst(v.na, v.spreiding_na),
                UITKOMST_NAAM.get(v.uitkomst or "", "–"),
            ]
            for v in herstemd
        ]
        bouwstenen = beeld.herstemmingen.bouwstenen()
        per_bouwsteen: list[list[Flowable | str]] = [
            [
                c.naam(b),
                str(sum(1 for v in herstemd if v.bouwsteen == b)),
                *(str(beeld.herstemmingen.telling(b)[u]) for u in UITKOMSTEN),
            ]
            for b in bouwstenen
        ]
        delen += [
            CondPageBreak(60 * mm),
            _p("h1", "Wat de bespreking veranderde"),
            *_herstemzin(c),
            _p("klein", HERSTEM_UITLEG),
            Spacer(1, 1.5 * mm),
            _tabel(
                ["Stelling", "Voor", "Na", "Uitkomst"],
                rijen,
                [BREEDTE * f for f in (0.58, 0.12, 0.12, 0.18)],
                midden_vanaf=1,
            ),
            _p("h2", "Per bouwsteen"),
            _p("klein", f"Alle opnieuw gestemde bespreekpunten: {telling_tekst(beeld.herstemmingen.telling())}."),
            Spacer(1, 1.5 * mm),
            _tabel(
                ["Bouwsteen", "Opnieuw gestemd", *(UITKOMST_NAAM[u].capitalize() for u in UITKOMSTEN)],
                per_bouwsteen,
                [BREEDTE * f for f in (0.3, 0.14, 0.2, 0.18, 0.18)],
                midden_vanaf=1,
            ),
            Spacer(1, 1.5 * mm),
            _p("tekst", CONSENSUS_BLIJFT),
        ]
    if any(len(d.groepen) >= 2 for d in beeld.disciplines):
        anders = beeld.anders()
        delen += [
            CondPageBreak(40 * mm),
            _p("h1", "Waar de disciplines het anders zien"),
            _p("klein", DISCIPLINE_UITLEG),
        ]
        if anders:
            delen += [
                Spacer(1, 1.5 * mm),
                _tabel(
                    ["Bouwsteen", "Groepen (aantal personen): gemiddeld niveau", "Verschil"],
                    [[c.naam(d.bouwsteen), groepen_tekst(d), getal(d.verschil or 0)] for d in anders],
                    [BREEDTE * f for f in (0.32, 0.56, 0.12)],
                    midden_vanaf=2,
                ),
            ]
        else:
            delen.append(_p("tekst", GEEN_DISCIPLINEVERSCHIL))
    if any(z.opgegeven for z in beeld.zekerheid.values()):
        gokt = beeld.gokt_op()
        delen += [CondPageBreak(40 * mm), _p("h1", "Waar de werkgroep gokt"), _p("klein", GOK_UITLEG)]
        if gokt:
            delen += [
                Spacer(1, 1.5 * mm),
                _tabel(
                    ["Stelling", "Zekerheid"],
                    [[stelling_label(c, s), gokzin(beeld.zekerheid[s])] for s in gokt],
                    [BREEDTE * f for f in (0.7, 0.3)],
                ),
            ]
        else:
            delen.append(_p("tekst", GEEN_GOK))
    # The next section's heading never stays alone at the foot of a page.
    return [*delen, CondPageBreak(40 * mm)] if delen else []


# --- the full report only --------------------------------------------------------------------

_HEAT = [colors.HexColor(k) for k in ("#ffffff", "#dde7f1", "#b4c9de", "#7fa0c0", "#4a77a0", "#1f4e79")]


def contrast(a: colors.Color, b: colors.Color) -> float:
    """The WCAG contrast ratio of two ReportLab colours (1 to 21): the charts' one formula."""
    return charts.contrast("#" + a.hexval()[2:], "#" + b.hexval()[2:])


def tekst_op(achtergrond: colors.Color) -> colors.Color:
    """Black or white, whichever contrasts more with ``achtergrond`` (``charts.tekstkleur_op``).

    Chosen from the cell's own colour, not from its share of the maximum: a threshold on the
    share once left black on #4a77a0 (4.44:1) for cells at 0.70-0.72 of the highest count.
    """
    return colors.HexColor(charts.tekstkleur_op("#" + achtergrond.hexval()[2:]))


def heatkleur(n: int, hoogste: int) -> colors.Color:
    """The shading of a count cell: darker for more of the werkgroep."""
    return _HEAT[min(5, round(5 * n / max(hoogste, 1)))]


VERDELING_KOP = ["Stelling", "1", "2", "3", "4", "5", "wn", "nvt", "Med", "Spr", "Vast"]


def _verdeling_tabel(c: Rapportcontext, bouwsteen: str, stellingen: Sequence[StellingResultaat]) -> Table:
    """Per stelling a row with its text across the table, then a row with its counts.

    The text has a row of its own so that it does not wrap in a narrow column beside the
    counts: a tall text cell next to one-line number cells made text extraction (and with it
    reading tools for this untagged PDF) read the header, the texts and the counts out of order.
    """
    hoogste = max([max(s.verdeling) for s in stellingen] + [1])
    rijen: list[list[Flowable | str]] = []
    extra: list[tuple[Any, ...]] = []
    teksten = {s.id: s.tekst.nl for s in c.bouwsteen[bouwsteen].stellingen}
    for i, s in enumerate(stellingen, start=1):
        label = f"{i}. {teksten[s.stelling]}" + (" ◆" if s.bespreekpunt else "")
        tekstrij, telrij = 2 * i - 1, 2 * i
        rijen.append([_p("celvet" if s.bespreekpunt else "cel", label), *[""] * 10])
        achter = _LICHT if i % 2 == 0 else colors.white
        extra += [
            ("SPAN", (0, tekstrij), (-1, tekstrij)),
            ("BACKGROUND", (0, tekstrij), (-1, telrij), achter),
            # The text and its counts are one stelling: no rule between them.
            ("LINEBELOW", (0, tekstrij), (-1, tekstrij), 0.6, achter),
            ("BOTTOMPADDING", (0, tekstrij), (-1, tekstrij), 0),
        ]
        tellingen: list[Flowable | str] = []
        for k, n in enumerate(s.verdeling):
            kleur = heatkleur(n, hoogste)
            extra.append(("BACKGROUND", (1 + k, telrij), (1 + k, telrij), kleur))
            stijl = "celwit" if tekst_op(kleur) == colors.white else "celm"
            tellingen.append(_p(stijl, str(n) if n else ""))
        rijen.append(
            [
                _p("klein", f"Stelling {i}"),
                *tellingen,
                str(s.weet_niet or ""),
                str(s.nvt or ""),
                _niveau(s.mediaan),
                "–" if s.spreiding is None else str(s.spreiding),
                "–" if s.consensus is None else str(s.consensus),
            ]
        )
    smal = 9.5 * mm
    breedtes = [BREEDTE - 10 * smal, *[smal] * 10]
    extra += [("LEFTPADDING", (1, 0), (-1, -1), 1), ("RIGHTPADDING", (1, 0), (-1, -1), 1)]
    # Row shading comes per stelling (text and counts together), so the alternating rows are off.
    extra.insert(0, ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white]))
    return _tabel(VERDELING_KOP, rijen, breedtes, extra, midden_vanaf=1)


def _bouwsteen(c: Rapportcontext, b: BouwsteenResultaat, toelichtingen: dict[str, list[str]]) -> list[Flowable]:
    model = c.bouwsteen[b.bouwsteen]
    stellingen = [c.resultaat.stelling(s.id) for s in model.stellingen]
    kop = _p("h2", c.naam(b.bouwsteen))
    ambitie = "–" if b.ambitie is None else f"{_score(b.ambitie_score)} (niveau {getal(b.ambitie)})"
    spreiding = "–" if b.gemiddelde_spreiding is None else getal(b.gemiddelde_spreiding)
    cijfers = (
        f"Score {_score(b.score)} ({c.bandnaam(b.band)}; gemiddeld niveau {_niveau(b.niveau)}) · ambitie {ambitie}"
        f" · {'kern' if b.type == 'kern' else 'aanvullend'}, {c.dimensie[b.dimensie]} · ingevuld {b.dekking:.0%}"
        f" · gemiddelde spreiding {spreiding} · bespreekpunten {b.bespreekpunten}"
    )
    delen: list[Flowable] = [
        KeepTogether(
            [kop, _p("klein", model.omschrijving.nl), Spacer(1, 1.5 * mm), _p("cel", cijfers), Spacer(1, 2 * mm)]
        ),
        _verdeling_tabel(c, b.bouwsteen, stellingen),
        Spacer(1, 1.5 * mm),
    ]
    nummers = {s.id: i for i, s in enumerate(model.stellingen, start=1)}
    afspraken = [a for a in c.scan.consensus if a.stelling in nummers]
    if afspraken:
        delen.append(_p("celvet", "Vastgesteld na bespreking"))
        for a in sorted(afspraken, key=lambda a: nummers[a.stelling]):
            door = f" ({a.vastgesteld_door})" if a.vastgesteld_door else ""
            delen.append(
                _p(
                    "cel",
                    f"Stelling {nummers[a.stelling]}: niveau {a.niveau}{door}. ",
                    a.toelichting or "Geen toelichting.",
                )
            )
    notities = [(nummers[s], t) for s, lijst in toelichtingen.items() if s in nummers for t in lijst]
    if notities:
        delen.append(_p("celvet", "Toelichtingen van deelnemers (zonder naam)"))
        delen += [_p("cel", f"Stelling {n}: ", t) for n, t in sorted(notities, key=lambda x: x[0])]
    eigen = [n.tekst for n in c.scan.notities if n.bouwsteen == b.bouwsteen]
    delen += [_p("cel", ("b", "Notitie: "), tekst) for tekst in eigen]
    doelen = [d for d in c.scan.doelen if d.bouwsteen == b.bouwsteen]
    if doelen:
        delen.append(_p("celvet", "Doelen voor deze bouwsteen: " + "; ".join(d.titel for d in doelen)))
    return delen


def _deelnemers(c: Rapportcontext) -> list[Flowable]:
    rijen = [
        [c.kort(d.naam, "naam"), c.kort(d.functie, "functie") if d.functie else "–", d.rol] for d in c.scan.deelnemers
    ]
    breedtes = [BREEDTE * f for f in (0.4, 0.4, 0.2)]
    return [_p("h1", "De werkgroep"), _tabel(["Naam", "Functie", "Rol"], rijen, breedtes, splitsen=True)]


METHODE_ALINEAS = (
    "Elke deelnemer plaatst elke stelling op één van vijf niveaus door de vijf beschrijvingen te lezen: "
    "hij kiest het hoogste niveau waarvan alles klopt. Hij kan ook weet niet of n.v.t. kiezen; die tellen "
    "nergens mee. Een niveau wordt een score met score = (niveau − 1) / 4 × 100, dus niveau 1 = 0 en "
    "niveau 5 = 100.",
    "Het niveau van een stelling is het door de werkgroep vastgestelde niveau als dat er is, anders het "
    "gemiddelde van de gegeven niveaus. Een bouwsteen is het gemiddelde van zijn stellingen; een dimensie "
    "en de groepen kern en aanvullend zijn het gemiddelde van hun bouwstenen met een score; een "
    "kenmerk is het gemiddelde van de stellingen die erbij horen. Een stelling is een bespreekpunt als "
    "deelnemers twee of meer niveaus uit elkaar liggen (spreiding ≥ 2). De ambitie is de vastgestelde "
    "ambitie van de werkgroep, anders de mediaan van de persoonlijke ambities.",
    "De score van de acht kernbouwstenen staat voorop. De handreiking noemt de aanvullende bouwstenen "
    "(organisatie en overheid) vooral indirect van belang; hun score staat daarom apart, ernaast. Een "
    "gemiddelde van alle zestien bouwstenen staat alleen in de exports. "
    + NIET_VERGELIJKBAAR
    + " De grenzen van de banden komen van de VNG-omnichannelscan; de stellingen, de weging en de "
    "betekenis van de banden zijn van deze zelfscan.",
    "De volgende stap en de voorgestelde doelen beginnen bij dezelfde bouwsteen: de grootste afstand tot de "
    "ambitie, kernbouwstenen zwaarder dan aanvullende, en eerst de bouwsteen waar een andere op rust. "
    "Welke bouwsteen op welke rust, is onze aanname, niet uit de handreiking.",
)
"""The method appendix of the full report, in the PDF and the HTML version alike."""
BANDEN_UITLEG = (
    "De score wordt voor de band op een heel getal afgerond. Een band is dus een bereik van het gemiddelde "
    "niveau: 20,5 (niveau 1,82) hoort al bij de tweede band."
)
VERDELING_UITLEG = (
    "Per stelling: hoeveel deelnemers elk niveau 1–5 kozen (donkerder = meer), weet niet (wn), niet van "
    "toepassing (nvt), de mediaan (Med), de spreiding (Spr: hoogste min laagste gekozen niveau) en het "
    "door de werkgroep vastgestelde niveau (Vast). Vet met ◆: bespreekpunt, deelnemers lagen 2 of meer "
    "niveaus uiteen. De score van een bouwsteen rekent met het gemiddelde niveau van zijn stellingen."
)


def _methode(c: Rapportcontext) -> list[Flowable]:
    kop = _p("h1", "Bijlage: methode")
    niveaus: list[list[Flowable | str]] = [
        [str(n.niveau), n.naam.nl, [_p("cel", n.definitie.nl), _p("klein", n.generatie.nl)]]  # type: ignore[list-item]
        for n in c.vl.schaal.niveaus
    ]
    banden = [
        [b.naam.nl, f"{b.ondergrens}–{b.bovengrens}", band_niveaus(b), b.betekenis.nl] for b in c.vl.schaal.banden
    ]
    return [
        PageBreak(),
        kop,
        _p("tekst", c.vl.meta.bron),
        *[_p("tekst", alinea) for alinea in METHODE_ALINEAS],
        _p("h2", "De vijf niveaus"),
        _tabel(["Niveau", "Naam", "Betekenis"], niveaus, [BREEDTE * f for f in (0.1, 0.2, 0.7)]),
        _p("h2", "De banden van de score"),
        _p("klein", BANDEN_UITLEG),
        _tabel(
            ["Band", "Score", "Gemiddeld niveau", "Betekenis"], banden, [BREEDTE * f for f in (0.16, 0.1, 0.2, 0.54)]
        ),
    ]


# --- document ----------------------------------------------------------------------------------


class _Document(SimpleDocTemplate):
    """Every h1 and h2 heading becomes a PDF bookmark (h2 nested under the h1 before it)."""

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's hook name
        if not isinstance(flowable, Paragraph) or flowable.style.name not in _BOOKMARK:
            return
        sleutel = f"b{id(flowable)}"
        self.canv.bookmarkPage(sleutel)
        self.canv.addOutlineEntry(flowable.getPlainText(), sleutel, level=_BOOKMARK[flowable.style.name], closed=True)


_BOOKMARK = {"h1": 0, "h2": 1}


def _genummerd(voet: str) -> Callable[..., Canvas]:
    """A canvas that writes "pagina X van Y" once it knows Y (pages are held until save).

    Bookmarks are held with their page too: a destination made while the pages are held would
    point to the first page (the accessibility audit found all 30 of the full report there), so
    each page's bookmarks and outline entries are registered when that page is written out.
    The outline panel opens with the file, and viewers show the title instead of the file name.
    """

    class _Canvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Not Helvetica: a standard-14 font in the file would drop "â" or "€" if anything used it.
            super().__init__(*args, **(kwargs | {"initialFontName": _FONT}))
            self._paginas: list[dict[str, Any]] = []
            self._bladwijzers: list[Callable[[], object]] = []

        def bookmarkPage(self, key: str, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
            self._bladwijzers.append(lambda: Canvas.bookmarkPage(self, key, *args, **kwargs))

        def addOutlineEntry(self, *args: Any, **kwargs: Any) -> None:
            self._bladwijzers.append(lambda: Canvas.addOutlineEntry(self, *args, **kwargs))

        def showPage(self) -> None:
            self._paginas.append(dict(self.__dict__))
            self._bladwijzers = []
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset

        def save(self) -> None:
            totaal = len(self._paginas)
            for staat in self._paginas:
                self.__dict__.update(staat)
                for bladwijzer in staat["_bladwijzers"]:
                    bladwijzer()
                self.setFont(_FONT, 7.5)
                self.setFillColor(_GRIJS)
                self.drawString(18 * mm, 10 * mm, voet)
                self.drawRightString(A4[0] - 18 * mm, 10 * mm, f"pagina {self.getPageNumber()} van {totaal}")
                super().showPage()
            self.showOutline()
            self.setViewerPreference("DisplayDocTitle", "true")
            super().save()

    return _Canvas


def toelichtingen_per_stelling(scan: Scan) -> dict[str, list[str]]:
    uit: dict[str, list[str]] = {}
    for a in scan.antwoorden:
        if a.toelichting and a.toelichting.strip():
            uit.setdefault(a.stelling, []).append(a.toelichting.strip())
    return uit


HANDOUT_PAGINAS = 4
# Tried in this order until the handout fits: fewer goals in full, then without the extra lines.
_PASVORMEN = [(HANDOUT_DOELEN, False), (HANDOUT_DOELEN, True), *((n, True) for n in range(HANDOUT_DOELEN - 1, -1, -1))]


def _verhaal(
    c: Rapportcontext, soort: Soort, doelen_max: int = HANDOUT_DOELEN, compact: bool = False
) -> list[Flowable]:
    scan, resultaat = c.scan, c.resultaat
    verhaal: list[Flowable] = [*_kop(c, soort, compact), _p("h1", "Samenvatting")]
    if resultaat.totaal.score is None:
        return [
            *verhaal,
            _p("tekst", kernzin(c.vl, resultaat, c.gemeente)),
            *_volgende_stap(c),
            # Without answers the check is most likely empty too: a page of "niet ingevuld" helps no-one.
            *(_naleving(c, uitgebreid=soort != "handout") if c.scan.naleving else []),
            Spacer(1, 6 * mm),
            _verantwoording(c),
        ]
    if soort == "handout":
        doelen = scan.doelen[:doelen_max]
        # What management acts on comes first and runs on from the summary (the next step, the
        # goals, the legal duties, the benchmark); the radars, which need a page of their own, last.
        verhaal += [
            *_samenvatting(c, compact),
            *_uitersten(c),
            *_groepen(c, "Dimensies", resultaat.dimensies, c.dimensie, "Dimensie", DIMENSIE_UITLEG),
            *_volgende_stap(c),
            *_doelen(c, doelen, uitgebreid=False),
        ]
        if len(scan.doelen) > len(doelen):
            rest = len(scan.doelen) - len(doelen)
            verhaal.append(_p("klein", f"En nog {rest} doel(en): zie het volledige verbeterrapport."))
        verhaal += [
            *_naleving(c, uitgebreid=False),
            *_benchmark(c, alle_bouwstenen=False),
            PageBreak(),
            *_radars(c, ook_groepen=False),
        ]
        return [*verhaal, Spacer(1, 6 * mm), _verantwoording(c)]
    verhaal += [
        *_samenvatting(c),
        *_uitersten(c),
        *_volgende_stap(c),
        *_groepen(c, "Dimensies", resultaat.dimensies, c.dimensie, "Dimensie", DIMENSIE_UITLEG),
        *_groepen(
            c,
            "Kern en aanvullend, apart",
            resultaat.typen,
            {"kern": KERN_NAAM, "aanvullend": SCHIL_NAAM},
            "Bouwstenen",
            NIET_VERGELIJKBAAR,
        ),
        *_benchmark(c, alle_bouwstenen=True),
        PageBreak(),
        *_radars(c, ook_groepen=True),
        PageBreak(),
        *_deelnemers(c),
        *_samen(c),
        *_doelen(c, scan.doelen, uitgebreid=True, titel="Alle SMART-doelen"),
    ]
    algemeen = [n.tekst for n in scan.notities if n.bouwsteen is None]
    if algemeen:
        verhaal += [_p("h1", "Notities"), *[_p("tekst", t) for t in algemeen]]
    verhaal += _naleving(c, uitgebreid=True)
    verhaal += [
        PageBreak(),
        _p("h1", "Per bouwsteen"),
        _p("klein", VERDELING_UITLEG),
    ]
    toelichtingen = toelichtingen_per_stelling(scan)
    for b in resultaat.bouwstenen:
        verhaal += [CondPageBreak(60 * mm), *_bouwsteen(c, b, toelichtingen)]
    return [*verhaal, *_methode(c), Spacer(1, 6 * mm), _verantwoording(c)]


def _bouw(c: Rapportcontext, soort: Soort, verhaal: list[Flowable]) -> tuple[bytes, int]:
    titel = "Managementsamenvatting" if soort == "handout" else "Verbeterrapport"
    datum = datum_nl(c.scan.scanronde.datum)
    buf = io.BytesIO()
    doc = _Document(
        buf,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=_schoon(f"Omnichannel zelfscan {c.gemeente} – {titel.lower()} {datum}"),
        author="Omnichannel zelfscan",
        subject=_schoon(f"{titel} van de omnichannel zelfscan van {c.gemeente}"),
        creator="Omnichannel zelfscan (gebaseerd op de VNG-handreiking Omnichannel aanpak)",
        lang="nl-NL",
    )
    voet = _schoon(f"Omnichannel zelfscan · {c.gemeente} · {titel.lower()} · {datum}")
    doc.build(verhaal, canvasmaker=_genummerd(voet))
    return buf.getvalue(), doc.page


def rapport(
    soort: Soort,
    vl: Vragenlijst,
    scan: Scan,
    resultaat: ScanResultaat,
    *,
    vandaag: dt.date | None = None,
    benchmark: Benchmark | None = None,
) -> bytes:
    """The handout (``soort="handout"``, at most four pages) or the full verbeterrapport as PDF bytes.

    Long names, many functions or long goals can push the handout past four pages; then it is
    built again with fewer goals in full (the rest is named) until it fits. ``benchmark`` is the
    gemeente's position among its peers, given only when the gemeente opted in.
    """
    _glyphs()
    c = Rapportcontext(vl, scan, resultaat, vandaag or tijd.vandaag(), benchmark)
    c.soort = soort
    try:
        return _bouw_passend(c, soort)
    except LayoutError as fout:
        # Rows of user text split across pages and the handout shortens its goals, so this is
        # not expected; if some text still cannot be laid out, the report comes anyway, with
        # every user text in a table shortened and a note where the full text is. Logged without
        # ReportLab's message: it quotes the start of the flowable, a note or a name (issue 18).
        log.warning(
            "rapport %s paste niet met volledige teksten (%s); opnieuw met ingekorte teksten",
            soort,
            type(fout).__name__,
        )
        c.nood = True
        return _bouw_passend(c, soort)


def _bouw_passend(c: Rapportcontext, soort: Soort) -> bytes:
    if soort != "handout":
        return _bouw(c, soort, _verhaal(c, soort))[0]
    for doelen_max, compact in _PASVORMEN:
        pdf, paginas = _bouw(c, soort, _verhaal(c, soort, doelen_max, compact))
        if paginas <= HANDOUT_PAGINAS:
            break
    return pdf


def handout(
    vl: Vragenlijst,
    scan: Scan,
    resultaat: ScanResultaat,
    *,
    vandaag: dt.date | None = None,
    benchmark: Benchmark | None = None,
) -> bytes:
    return rapport("handout", vl, scan, resultaat, vandaag=vandaag, benchmark=benchmark)


def verbeterrapport(
    vl: Vragenlijst,
    scan: Scan,
    resultaat: ScanResultaat,
    *,
    vandaag: dt.date | None = None,
    benchmark: Benchmark | None = None,
) -> bytes:
    return rapport("volledig", vl, scan, resultaat, vandaag=vandaag, benchmark=benchmark)
