"""The full verbeterrapport as one accessible HTML file: the conforming alternative to the PDF.

Layer: ``reports/`` (scoring models in, HTML text out; no streamlit, no database). ReportLab's
open-source edition cannot write a tagged PDF, so screen-reader users get this file instead: the
same sections in the same order as the PDF (its bookmarks are the headings here), the same
sentences (``reports.duiding`` and the text constants of ``reports.pdf``), the same numbers from
the same ``ScanResultaat``, and each radar as an image with a text alternative and a table of
its numbers beside it. One self-contained file: inline CSS, images as data URIs, no script.

User text (names, notes, goals) is data, never markup: every value passes through ``_e``
(``html.escape``) and nothing else builds markup from it.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import re
from collections.abc import Iterable, Sequence

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
    samenstelling,
    spreiding_tekst,
    telling_tekst,
    type_groep,
    uitersten,
    uitschieterzin,
    volgende_stap,
)
from reports.pdf import (
    BANDEN_UITLEG,
    DIMENSIE_UITLEG,
    GEEN_GOK,
    GOK_UITLEG,
    HERSTEM_UITLEG,
    KENMERKEN_UITLEG,
    METHODE_ALINEAS,
    NALEVING_STATUS,
    NALEVING_UITLEG,
    NIET_INGEVULD,
    PNG_SCHAAL,
    RADAR_TYPEN,
    RADARS_TITEL,
    Rapportcontext,
    grafiek_png,
    heatkleur,
    png_afmeting,
    radar_spec,
    schaalzin,
    stelling_label,
    tekst_op,
    toelichtingen_per_stelling,
)
from scoring import tijd
from scoring.afronding import heel
from scoring.models import Vragenlijst
from scoring.resultaat import BouwsteenResultaat, GroepResultaat, ScanResultaat
from scoring.samen import UITKOMSTEN
from scoring.uitwissel import Doel, Scan
from scoring.vergelijking import Benchmark, Positie

Cel = str
"""A cell's content as escaped HTML (``_e`` of text, or markup built here from escaped parts)."""


def _e(tekst: object) -> str:
    """Text as HTML: escaped, line breaks kept. The one door for user and file text."""
    schoon = str(tekst).replace("\r\n", "\n").replace("\r", "\n")
    return html.escape(schoon, quote=True).replace("\n", "<br>")


def _score(waarde: float | None) -> str:
    return "–" if waarde is None else str(heel(waarde))


def _niveau(waarde: float | None) -> str:
    return "–" if waarde is None else getal(waarde)


def _anker(tekst: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", tekst.casefold()).strip("-") or "deel"


class _Html:
    """The report's parts as they are written, with one id per heading for the contents list."""

    def __init__(self) -> None:
        self.delen: list[str] = []
        self.inhoud: list[tuple[int, str, str]] = []
        self._ids: set[str] = set()

    def kop(self, niveau: int, tekst: str) -> None:
        anker = _anker(tekst)
        while anker in self._ids:
            anker += "-2"
        self._ids.add(anker)
        self.inhoud.append((niveau, anker, tekst))
        self.delen.append(f'<h{niveau} id="{anker}">{_e(tekst)}</h{niveau}>')

    def p(self, tekst: str, klasse: str = "") -> None:
        attr = f' class="{klasse}"' if klasse else ""
        self.delen.append(f"<p{attr}>{_e(tekst)}</p>")

    def ruw(self, markup: str) -> None:
        """Markup built in this module from escaped parts."""
        self.delen.append(markup)

    def tabel(
        self,
        onderschrift: str,
        kop: Sequence[str],
        rijen: Iterable[Sequence[Cel]],
        *,
        rijkop: bool = True,
        getallen_vanaf: int | None = None,
        klasse: str = "",
    ) -> None:
        """A table with a caption and column headers; the first cell of a row is its row header.

        Cells are escaped HTML already (``_e``). The table scrolls in a box of its own on a
        narrow screen (WCAG 1.4.10); the box is focusable so a keyboard can scroll it too.
        """
        self.delen.append(tabel(onderschrift, kop, rijen, rijkop=rijkop, getallen_vanaf=getallen_vanaf, klasse=klasse))


_GETAL = ' class="getal"'


def tabel(
    onderschrift: str,
    kop: Sequence[str],
    rijen: Iterable[Sequence[Cel]],
    *,
    rijkop: bool = True,
    getallen_vanaf: int | None = None,
    klasse: str = "",
) -> str:
    vanaf = len(kop) if getallen_vanaf is None else getallen_vanaf
    # A header starting with "<" is markup of this module (a constant), anything else is text.
    kolommen = "".join(
        f'<th scope="col"{_GETAL if i >= vanaf else ""}>{k if k.startswith("<") else _e(k)}</th>'
        for i, k in enumerate(kop)
    )
    regels = []
    for rij in rijen:
        cellen = []
        for i, cel in enumerate(rij):
            getal_ = _GETAL if i >= vanaf and not cel.startswith("<") else ""
            if i == 0 and rijkop:
                cellen.append(f'<th scope="row">{cel}</th>')
            elif cel.startswith("<td"):
                cellen.append(cel)  # a cell with its own attributes (shading)
            else:
                cellen.append(f"<td{getal_}>{cel}</td>")
        regels.append(f"<tr>{''.join(cellen)}</tr>")
    klas = f' class="{klasse}"' if klasse else ""
    return (
        f'<div class="tabelvak" role="region" tabindex="0" aria-label="{_e(onderschrift)}">'
        f"<table{klas}><caption>{_e(onderschrift)}</caption>"
        f"<thead><tr>{kolommen}</tr></thead><tbody>{''.join(regels)}</tbody></table></div>"
    )


# --- the parts, in the order of the PDF (reports.pdf._verhaal, soort "volledig") ----------------


def _kop(c: Rapportcontext, h: _Html) -> None:
    h.ruw('<header class="kop">')
    h.kop(1, f"Omnichannel zelfscan {c.gemeente}")
    if c.scan.fictief:
        h.p("FICTIEVE GEGEVENS – alleen voor demonstratie", "fictief")
    h.p(
        f"Verbeterrapport van de scanronde van {datum_nl(c.scan.scanronde.datum)} · "
        f"{c.resultaat.deelnemers} deelnemers",
        "sub",
    )
    functies = list(dict.fromkeys(d.functie for d in c.scan.deelnemers if d.functie))
    if functies:
        meer = f" en {len(functies) - 6} andere functies" if len(functies) > 6 else ""
        h.p("Werkgroep: " + ", ".join(functies[:6]) + meer + ".", "klein")
    h.ruw("</header>")


def _samenvatting(c: Rapportcontext, h: _Html) -> None:
    r = c.resultaat
    tweede = uitschieterzin(c.vl, r)
    h.ruw(
        f'<div class="kader"><p class="kern">{_e(kernzin(c.vl, r, c.gemeente))}</p>'
        + (f"<p>{_e(tweede)}</p>" if tweede else "")
        + "</div>"
    )
    kern, schil = type_groep(r, "kern"), type_groep(r, "aanvullend")
    cijfers = [
        (KERN_NAAM, f"{_score(kern.score)} / 100", f"band {c.bandnaam(kern.band).lower()}"),
        (SCHIL_NAAM, f"{_score(schil.score)} / 100", f"band {c.bandnaam(schil.band).lower()}"),
        ("Deelnemers", str(r.deelnemers), "vulden stellingen in"),
        ("Ingevuld", f"{r.dekking:.0%}".replace(".", ","), "van alle mogelijke antwoorden"),
        (
            "Verschil van inzicht",
            str(len(r.bespreekpunten)),
            f"van {len(r.stellingen)} stellingen: 2 of meer niveaus uiteen",
        ),
    ]
    # A list of terms and values reads in order (the PDF's tiles read as a row of labels, then values).
    h.ruw(
        '<dl class="cijfers">'
        + "".join(
            f'<div><dt>{_e(k)}</dt><dd><span class="cijfer">{_e(w)}</span> <span class="klein">{_e(u)}</span></dd></div>'
            for k, w, u in cijfers
        )
        + "</dl>"
    )
    h.p(NIET_VERGELIJKBAAR)
    if zin := herstemzin(c.samen.herstemmingen):
        h.ruw(f"<p><strong>{_e(zin)}</strong></p>")
    betekenis = {b.id: b.betekenis.nl for b in c.vl.schaal.banden}.get(kern.band or "")
    if betekenis:
        h.p(f"{KERN_NAAM}, band {c.bandnaam(kern.band)}: {betekenis}", "klein")
    h.p(schaalzin(c.vl), "klein")


def _uitersten(c: Rapportcontext, h: _Html) -> None:
    sterk, zwak = uitersten(c.resultaat)
    h.kop(2, "Sterk en zwak")
    h.ruw('<div class="naast">')
    for titel, leden in (("Het sterkst", sterk), ("Het zwakst", zwak)):
        h.tabel(
            titel,
            ["Bouwsteen", "Score", "Band"],
            [[_e(c.naam(b.bouwsteen)), _score(b.score), _e(c.bandnaam(b.band).lower())] for b in leden],
            getallen_vanaf=1,
        )
    h.ruw("</div>")


def _volgende_stap(c: Rapportcontext, h: _Html) -> None:
    stap = volgende_stap(c.vl, c.scan, c.resultaat, c.vandaag)
    h.kop(2, "Volgende stap")
    h.ruw(f"<p><strong>{_e(f'Fase: {stap.fase}.')}</strong> {_e(stap.wat)}</p>")
    h.ruw(f"<p><strong>Gevraagd van het MT:</strong> {_e(stap.gevraagd)}</p>")


def _groepen(
    c: Rapportcontext,
    h: _Html,
    titel: str,
    groepen: Sequence[GroepResultaat],
    namen: dict[str, str],
    soort: str,
    uitleg: str,
) -> None:
    dimensies = groepen is c.resultaat.dimensies
    h.kop(2, titel)
    kop = [soort, *(["Bouwstenen"] if dimensies else []), "Score", "Band", "Ambitie"]
    kop.append("Gescoord" if dimensies else "Aantal")
    rijen = [
        [
            _e(namen[g.id]),
            *([_e(samenstelling(c.vl, g.id))] if dimensies else []),
            _score(g.score),
            _e(c.bandnaam(g.band)),
            _score(g.ambitie_score),
            f"{g.onderdelen_gescoord}/{g.onderdelen_totaal}",
        ]
        for g in groepen
    ]
    h.tabel(titel, kop, rijen, getallen_vanaf=2 if dimensies else 1)
    h.p(uitleg, "klein")


def _benchmark(c: Rapportcontext, h: _Html) -> None:
    bm = c.benchmark
    if bm is None:
        return
    h.kop(2, "Vergelijking met andere gemeenten")
    h.p(benchmark_zin(c.gemeente, bm))
    if not bm.voldoende:
        return

    def naam(p: Positie) -> str:
        if p.soort == "type":
            return {"kern": KERN_NAAM, "aanvullend": SCHIL_NAAM}.get(p.onderdeel, p.onderdeel)
        if p.soort == "dimensie":
            return f"{onderdeel_naam(c.vl, p.soort, p.onderdeel)} ({samenstelling(c.vl, p.onderdeel)})"
        return onderdeel_naam(c.vl, p.soort, p.onderdeel)

    rijen = [
        [
            _e(naam(p)),
            _score(p.eigen),
            _score(p.groep.q1) if p.groep else "–",
            _score(p.groep.mediaan) if p.groep else "–",
            _score(p.groep.q3) if p.groep else "–",
            _e(PLAATS_TEKST[p.plaats] if p.plaats else "te weinig gegevens"),
        ]
        for p in bm.posities
        if p.soort in ("type", "dimensie", "bouwsteen")
    ]
    h.tabel(
        "Positie tussen vergelijkbare gemeenten",
        ["Onderdeel", "Eigen", "Q1", "Mediaan", "Q3", "Plaats"],
        rijen,
        getallen_vanaf=1,
    )
    h.p(
        f"Anoniem: de spreiding van de laatste afgeronde scan van {bm.gemeenten} deelnemende gemeenten "
        f"({bm.groep}); Q1 tot Q3 is de middelste helft. Welke gemeenten meedoen, wordt niet getoond.",
        "klein",
    )


def radar_alt(titel: str, soort: str, assen: Sequence[str], huidig: Sequence[float | None], ambitie: bool) -> str:
    """The text alternative of a radar: what it shows, its extremes, and where its numbers are."""
    gescoord = [(a, s) for a, s in zip(assen, huidig, strict=True) if s is not None]
    reeksen = "de huidige score (doorgetrokken lijn) en de ambitie (gestreepte lijn)" if ambitie else "de huidige score"
    zin = f"Radarbeeld {titel}: {reeksen} per {soort.lower()} ({len(assen)} assen), op een schaal van 0 tot 100."
    if gescoord:
        hoog = max(gescoord, key=lambda x: x[1])
        laag = min(gescoord, key=lambda x: x[1])
        zin += f" Hoogste score: {hoog[0]} ({_score(hoog[1])}); laagste: {laag[0]} ({_score(laag[1])})."
    else:
        zin += " Er is nog geen score."
    return zin + " Alle getallen staan in de tabel ernaast."


def _radar(
    c: Rapportcontext,
    h: _Html,
    titel: str,
    soort: str,
    assen: Sequence[str],
    huidig: Sequence[float | None],
    ambitie: Sequence[float | None],
) -> None:
    heeft_ambitie = any(a is not None for a in ambitie)
    png = grafiek_png(radar_spec(assen, huidig, ambitie, titel))
    bron = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    alt = radar_alt(titel, soort, assen, huidig, heeft_ambitie)
    kop = [soort, "Score", *(["Ambitie"] if heeft_ambitie else [])]
    rijen = [
        [_e(a), _score(s), *([_score(m)] if heeft_ambitie else [])]
        for a, s, m in zip(assen, huidig, ambitie, strict=True)
    ]
    # Shown at the chart's own size (the PNG has twice the pixels, for sharp print and zoom).
    breedte, hoogte = (maat // PNG_SCHAAL for maat in png_afmeting(png))
    h.ruw(f'<figure class="radar"><img src="{bron}" alt="{_e(alt)}" width="{breedte}" height="{hoogte}"></figure>')
    h.tabel(f"{titel}: score{' en ambitie' if heeft_ambitie else ''}", kop, rijen, getallen_vanaf=1)


def _radars(c: Rapportcontext, h: _Html) -> None:
    r = c.resultaat
    h.kop(2, RADARS_TITEL)
    h.p(
        "Doorgetrokken lijn: huidige score; gestreepte lijn: ambitie. De ringen staan op 20, 40, 60, 80 en 100: "
        "de grenzen tussen de banden. Naast elk beeld dezelfde getallen in een tabel.",
        "klein",
    )
    for soort, titel in RADAR_TYPEN:
        leden = [b for b in r.bouwstenen if b.type == soort]
        h.ruw('<div class="naast">')
        _radar(
            c,
            h,
            titel,
            "Bouwsteen",
            [c.bouwsteen[b.bouwsteen].naam.nl for b in leden],
            [b.score for b in leden],
            [b.ambitie_score for b in leden],
        )
        h.ruw("</div>")
    for titel, groepen, namen_van, soort in (
        ("Dimensies", r.dimensies, c.dimensie, "Dimensie"),
        ("Kenmerken van omnichannel", r.kenmerken, c.kenmerk, "Kenmerk"),
    ):
        assen = [namen_van[g.id] for g in groepen]
        if groepen is r.kenmerken:
            assen = [kenmerk_as(a, g.onderdelen_totaal) for a, g in zip(assen, groepen, strict=True)]
        h.ruw('<div class="naast">')
        _radar(c, h, titel, soort, assen, [g.score for g in groepen], [g.ambitie_score for g in groepen])
        h.ruw("</div>")
        if groepen is r.kenmerken:
            h.p(KENMERKEN_UITLEG, "klein")


def _deelnemers(c: Rapportcontext, h: _Html) -> None:
    h.kop(2, "De werkgroep")
    rijen = [
        [_e(c.kort(d.naam, "naam")), _e(c.kort(d.functie, "functie")) if d.functie else "–", _e(d.rol)]
        for d in c.scan.deelnemers
    ]
    h.tabel("De werkgroep", ["Naam", "Functie", "Rol"], rijen)


def _samen(c: Rapportcontext, h: _Html) -> None:
    beeld = c.samen
    herstemd = beeld.herstemmingen.stellingen
    if herstemd:
        h.kop(2, "Wat de bespreking veranderde")
        if zin := herstemzin(beeld.herstemmingen):
            h.ruw(f"<p><strong>{_e(zin)}</strong></p>")
        h.p(HERSTEM_UITLEG, "klein")
        h.tabel(
            "Eerste en tweede stem per stelling",
            ["Stelling", "Voor", "Na", "Uitkomst"],
            [
                [
                    _e(stelling_label(c, v.stelling)),
                    _e(spreiding_tekst(v.voor, v.spreiding_voor)),
                    _e(spreiding_tekst(v.na, v.spreiding_na)),
                    _e(UITKOMST_NAAM.get(v.uitkomst or "", "–")),
                ]
                for v in herstemd
            ],
            getallen_vanaf=1,
        )
        h.kop(3, "Per bouwsteen")
        h.p(f"Alle opnieuw gestemde bespreekpunten: {telling_tekst(beeld.herstemmingen.telling())}.", "klein")
        h.tabel(
            "Opnieuw gestemd per bouwsteen",
            ["Bouwsteen", "Opnieuw gestemd", *(UITKOMST_NAAM[u].capitalize() for u in UITKOMSTEN)],
            [
                [
                    _e(c.naam(b)),
                    str(sum(1 for v in herstemd if v.bouwsteen == b)),
                    *(str(beeld.herstemmingen.telling(b)[u]) for u in UITKOMSTEN),
                ]
                for b in beeld.herstemmingen.bouwstenen()
            ],
            getallen_vanaf=1,
        )
        h.p(CONSENSUS_BLIJFT)
    if any(len(d.groepen) >= 2 for d in beeld.disciplines):
        h.kop(2, "Waar de disciplines het anders zien")
        h.p(DISCIPLINE_UITLEG, "klein")
        anders = beeld.anders()
        if anders:
            h.tabel(
                "Verschil tussen disciplines per bouwsteen",
                ["Bouwsteen", "Groepen (aantal personen): gemiddeld niveau", "Verschil"],
                [[_e(c.naam(d.bouwsteen)), _e(groepen_tekst(d)), getal(d.verschil or 0)] for d in anders],
                getallen_vanaf=2,
            )
        else:
            h.p(GEEN_DISCIPLINEVERSCHIL)
    if any(z.opgegeven for z in beeld.zekerheid.values()):
        h.kop(2, "Waar de werkgroep gokt")
        h.p(GOK_UITLEG, "klein")
        gokt = beeld.gokt_op()
        if gokt:
            h.tabel(
                "Stellingen waar de werkgroep gokt",
                ["Stelling", "Zekerheid"],
                [[_e(stelling_label(c, s)), _e(gokzin(beeld.zekerheid[s]))] for s in gokt],
            )
        else:
            h.p(GEEN_GOK)


def _doel_rij(c: Rapportcontext, d: Doel) -> list[Cel]:
    wat = (
        f"<strong>{_e(c.kort(d.titel, 'titel'))}</strong> · {_e(c.naam(d.bouwsteen))}<br>{_e(c.kort(d.actie, 'actie'))}"
    )
    if d.notities:
        wat += f'<br><span class="klein">{_e(c.kort(d.notities, "notities"))}</span>'
    meting = "–"
    if d.indicator:
        eenheid = f"\u00a0{d.eenheid}" if d.eenheid else ""
        if d.nulmeting is not None:
            van = f"{getal(d.nulmeting, 2)}{eenheid}"
        elif d.nulmeting_uiterlijk is not None:
            van = f"nulmeting volgt, uiterlijk {d.nulmeting_uiterlijk.strftime('%d-%m-%Y')}"
        else:
            van = "nulmeting volgt"
        naar = f"{getal(d.streefwaarde, 2)}{eenheid}" if d.streefwaarde is not None else "streefwaarde volgt"
        meting = f"{c.kort(d.indicator, 'indicator')}: {van} → {naar}"
    indicator = _e(meting)
    if d.bron:
        indicator += f'<br><span class="klein">Bron: {_e(c.kort(d.bron, "bron"))}</span>'
    wie = _e(c.kort(d.eigenaar, "eigenaar")) if d.eigenaar else "–"
    if d.draagvlak:
        wie += f'<br><span class="klein">Draagvlak: {_e(c.kort(d.draagvlak, "draagvlak"))}</span>'
    wanneer = (
        f'{_e(datum_nl(d.deadline) if d.deadline else "–")}<br><span class="klein">{_e(PDCA_NAAM[d.status])}</span>'
    )
    return [wat, indicator, wie, wanneer]


def _doelen(c: Rapportcontext, h: _Html) -> None:
    h.kop(2, "Alle SMART-doelen")
    if not c.scan.doelen:
        h.p("Er zijn in deze scanronde nog geen doelen vastgesteld.")
        return
    h.tabel(
        "Alle SMART-doelen",
        ["Doel en actie", "Indicator: nu → streef", "Eigenaar", "Deadline"],
        [_doel_rij(c, d) for d in c.scan.doelen],
    )


def _naleving(c: Rapportcontext, h: _Html) -> None:
    if not c.vl.naleving:
        return
    antwoorden = {n.item: n for n in c.scan.naleving}
    voldoet = sum(1 for i in c.vl.naleving if (a := antwoorden.get(i.id)) and a.status == "voldoet")
    open_ = sum(1 for i in c.vl.naleving if i.id not in antwoorden)
    h.kop(2, "Wettelijke verplichtingen")
    h.p(NALEVING_UITLEG)
    h.p(f"Voldoet: {voldoet} van de {len(c.vl.naleving)} plichten. Niet ingevuld: {open_}.")
    rijen = []
    for item in c.vl.naleving:
        antwoord = antwoorden.get(item.id)
        status = NALEVING_STATUS[antwoord.status] if antwoord else NIET_INGEVULD
        plicht = (
            f'{_e(f"{item.naam.nl}. {item.tekst.nl}")}<br><span class="klein">Grondslag: {_e(item.grondslag)}</span>'
        )
        notitie = _e(c.kort(antwoord.notitie, "notitie")) if antwoord and antwoord.notitie else "–"
        rijen.append([plicht, _e(status), notitie])
    h.tabel("Wettelijke verplichtingen", ["Wettelijke plicht en grondslag", "Status", "Notitie"], rijen)


VERDELING_UITLEG = (
    "Per stelling: hoeveel deelnemers elk niveau 1–5 kozen (donkerder = meer; het aantal staat er altijd als "
    "getal in), weet niet, niet van toepassing, de mediaan, de spreiding (hoogste min laagste gekozen niveau) "
    "en het door de werkgroep vastgestelde niveau. Vet met ◆: bespreekpunt, deelnemers lagen 2 of meer niveaus "
    "uiteen. De score van een bouwsteen rekent met het gemiddelde niveau van zijn stellingen."
)
"""The PDF's explanation (``reports.pdf.VERDELING_UITLEG``) for this table's column names, written out."""
# The levels show as 1-5 (as in the PDF) and are read as "Niveau 1" ... by a screen reader.
_VERDELING_KOP = ["Stelling", *(f'<span class="sr">Niveau </span>{n}' for n in range(1, 6)), "Weet niet", "N.v.t."]
_VERDELING_KOP += ["Mediaan", "Spreiding", "Vastgesteld"]


def _telcel(n: int, hoogste: int) -> Cel:
    # The same shading as the PDF, with the text colour chosen by contrast; the count is the digit.
    achter = heatkleur(n, hoogste)
    voor = tekst_op(achter)
    return (
        f'<td class="getal telling" style="background:#{achter.hexval()[2:]};color:#{voor.hexval()[2:]}">'
        f"{n if n else ''}</td>"
    )


def _bouwsteen(c: Rapportcontext, h: _Html, b: BouwsteenResultaat, toelichtingen: dict[str, list[str]]) -> None:
    model = c.bouwsteen[b.bouwsteen]
    stellingen = [c.resultaat.stelling(s.id) for s in model.stellingen]
    h.kop(3, c.naam(b.bouwsteen))
    h.p(model.omschrijving.nl, "klein")
    ambitie = "–" if b.ambitie is None else f"{_score(b.ambitie_score)} (niveau {getal(b.ambitie)})"
    spreiding = "–" if b.gemiddelde_spreiding is None else getal(b.gemiddelde_spreiding)
    h.p(
        f"Score {_score(b.score)} ({c.bandnaam(b.band)}; gemiddeld niveau {_niveau(b.niveau)}) · ambitie {ambitie}"
        f" · {'kern' if b.type == 'kern' else 'aanvullend'}, {c.dimensie[b.dimensie]} · ingevuld {b.dekking:.0%}"
        f" · gemiddelde spreiding {spreiding} · bespreekpunten {b.bespreekpunten}"
    )
    hoogste = max([max(s.verdeling) for s in stellingen] + [1])
    teksten = {s.id: s.tekst.nl for s in model.stellingen}
    rijen = []
    for i, s in enumerate(stellingen, start=1):
        label = _e(f"{i}. {teksten[s.stelling]}")
        if s.bespreekpunt:
            label = f"<strong>{label} ◆ (bespreekpunt)</strong>"
        rijen.append(
            [
                label,
                *(_telcel(n, hoogste) for n in s.verdeling),
                str(s.weet_niet or ""),
                str(s.nvt or ""),
                _niveau(s.mediaan),
                "–" if s.spreiding is None else str(s.spreiding),
                "–" if s.consensus is None else str(s.consensus),
            ]
        )
    h.tabel(
        f"Verdeling van de antwoorden: {c.naam(b.bouwsteen)}",
        _VERDELING_KOP,
        rijen,
        getallen_vanaf=1,
        klasse="verdeling",
    )
    nummers = {s.id: i for i, s in enumerate(model.stellingen, start=1)}
    afspraken = sorted((a for a in c.scan.consensus if a.stelling in nummers), key=lambda a: nummers[a.stelling])
    if afspraken:
        h.ruw("<p><strong>Vastgesteld na bespreking</strong></p><ul>")
        for a in afspraken:
            door = f" ({a.vastgesteld_door})" if a.vastgesteld_door else ""
            h.ruw(
                f"<li>{_e(f'Stelling {nummers[a.stelling]}: niveau {a.niveau}{door}. ')}"
                f"{_e(a.toelichting or 'Geen toelichting.')}</li>"
            )
        h.ruw("</ul>")
    notities = sorted(
        ((nummers[s], t) for s, lijst in toelichtingen.items() if s in nummers for t in lijst), key=lambda x: x[0]
    )
    if notities:
        h.ruw("<p><strong>Toelichtingen van deelnemers (zonder naam)</strong></p><ul>")
        h.ruw("".join(f"<li>{_e(f'Stelling {n}: ')}{_e(t)}</li>" for n, t in notities))
        h.ruw("</ul>")
    for n in c.scan.notities:
        if n.bouwsteen == b.bouwsteen:
            h.ruw(f"<p><strong>Notitie:</strong> {_e(n.tekst)}</p>")
    doelen = [d for d in c.scan.doelen if d.bouwsteen == b.bouwsteen]
    if doelen:
        h.ruw(f"<p><strong>{_e('Doelen voor deze bouwsteen: ' + '; '.join(d.titel for d in doelen))}</strong></p>")


def _methode(c: Rapportcontext, h: _Html) -> None:
    h.kop(2, "Bijlage: methode")
    h.p(c.vl.meta.bron)
    for alinea in METHODE_ALINEAS:
        h.p(alinea)
    h.kop(3, "De vijf niveaus")
    h.tabel(
        "De vijf niveaus",
        ["Niveau", "Naam", "Betekenis"],
        [
            [str(n.niveau), _e(n.naam.nl), f'{_e(n.definitie.nl)}<br><span class="klein">{_e(n.generatie.nl)}</span>']
            for n in c.vl.schaal.niveaus
        ],
    )
    h.kop(3, "De banden van de score")
    h.p(BANDEN_UITLEG, "klein")
    h.tabel(
        "De banden van de score",
        ["Band", "Score", "Gemiddeld niveau", "Betekenis"],
        [
            [_e(b.naam.nl), f"{b.ondergrens}–{b.bovengrens}", _e(band_niveaus(b)), _e(b.betekenis.nl)]
            for b in c.vl.schaal.banden
        ],
    )


def _verantwoording(c: Rapportcontext, h: _Html) -> None:
    h.ruw(
        '<footer class="klein"><p>'
        + _e(
            f"Gemaakt op {datum_nl(c.vandaag)} met de omnichannel zelfscan (vragenlijst {c.scan.vragenlijst.versie}). "
        )
        + _e(c.vl.meta.disclaimer.nl)
        + "</p></footer>"
    )


def _verhaal(c: Rapportcontext) -> _Html:
    h = _Html()
    _kop(c, h)
    h.kop(2, "Samenvatting")
    if c.resultaat.totaal.score is None:
        h.p(kernzin(c.vl, c.resultaat, c.gemeente))
        _volgende_stap(c, h)
        if c.scan.naleving:
            _naleving(c, h)
        _verantwoording(c, h)
        return h
    _samenvatting(c, h)
    _uitersten(c, h)
    _volgende_stap(c, h)
    _groepen(c, h, "Dimensies", c.resultaat.dimensies, c.dimensie, "Dimensie", DIMENSIE_UITLEG)
    _groepen(
        c,
        h,
        "Kern en aanvullend, apart",
        c.resultaat.typen,
        {"kern": KERN_NAAM, "aanvullend": SCHIL_NAAM},
        "Bouwstenen",
        NIET_VERGELIJKBAAR,
    )
    _benchmark(c, h)
    _radars(c, h)
    _deelnemers(c, h)
    _samen(c, h)
    _doelen(c, h)
    algemeen = [n.tekst for n in c.scan.notities if n.bouwsteen is None]
    if algemeen:
        h.kop(2, "Notities")
        for tekst in algemeen:
            h.p(tekst)
    _naleving(c, h)
    h.kop(2, "Per bouwsteen")
    h.p(VERDELING_UITLEG, "klein")
    toelichtingen = toelichtingen_per_stelling(c.scan)
    for b in c.resultaat.bouwstenen:
        _bouwsteen(c, h, b, toelichtingen)
    _methode(c, h)
    _verantwoording(c, h)
    return h


_CSS = """
:root{--tekst:#1a1a1a;--blauw:#1f4e79;--licht:#eef3f8;--lijn:#8a9bb0;--grijs:#595959}
*{box-sizing:border-box}
html{font-family:"DejaVu Sans",Verdana,Arial,sans-serif;line-height:1.5;color:var(--tekst);background:#fff}
body{margin:0;padding:1rem;font-size:1rem}
main{max-width:62rem;margin:0 auto}
h1,h2,h3{color:var(--blauw);line-height:1.25}
h1{font-size:1.8rem;margin:.5rem 0}
h2{font-size:1.4rem;margin:2rem 0 .5rem;border-top:2px solid var(--blauw);padding-top:.75rem}
h3{font-size:1.15rem;margin:1.5rem 0 .4rem}
p,li{max-width:48rem;overflow-wrap:anywhere}
.sub{font-size:1.1rem;color:var(--grijs);margin-top:0}
.klein{font-size:.9rem;color:var(--grijs)}
.fictief{font-weight:bold}
.kader{background:var(--licht);border-left:.3rem solid var(--blauw);padding:.5rem 1rem;margin:1rem 0}
.kern{font-size:1.15rem;font-weight:bold}
.cijfers{display:flex;flex-wrap:wrap;gap:.5rem 2rem;margin:1rem 0}
.cijfers div{min-width:10rem;flex:1 1 10rem}
.cijfers dt{font-size:.9rem;color:var(--grijs)}
.cijfers dd{margin:0}
.cijfer{font-size:1.6rem;font-weight:bold;color:var(--blauw)}
.naast{display:flex;flex-wrap:wrap;gap:1rem 2rem;align-items:flex-start}
.naast>*{flex:1 1 18rem;min-width:0}
figure{margin:0}
figure img{max-width:100%;height:auto;display:block}
figcaption{font-weight:bold}
.tabelvak{position:relative;max-width:100%;overflow-x:auto;margin:.5rem 0 1rem}
.tabelvak:focus-visible{outline:3px solid var(--blauw);outline-offset:2px}
table{border-collapse:collapse;font-size:.95rem;min-width:16rem}
caption{text-align:left;font-weight:bold;padding:.25rem 0;color:var(--tekst)}
th,td{padding:.3rem .5rem;border-bottom:1px solid var(--lijn);text-align:left;vertical-align:top}
thead th{background:var(--blauw);color:#fff}
tbody th{font-weight:normal}
tbody tr:nth-child(even){background:var(--licht)}
.getal{text-align:right;font-variant-numeric:tabular-nums}
.verdeling{width:100%}
.verdeling th[scope=row]{min-width:14rem}
.verdeling .getal{text-align:center}
.verdeling .telling{min-width:2.5rem}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
nav ol{padding-left:1.25rem}
nav li{max-width:none}
a{color:var(--blauw)}
a:focus-visible{outline:3px solid var(--blauw);outline-offset:2px}
footer{margin-top:2rem;border-top:1px solid var(--lijn)}
@media print{
 body{padding:0;font-size:10pt}
 nav{display:none}
 .tabelvak{overflow:visible}
 h2{break-before:auto;break-after:avoid}
 h3{break-after:avoid}
 tr,figure,.kader{break-inside:avoid}
 thead{display:table-header-group}
 .verdeling .telling{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 a{color:inherit;text-decoration:none}
}
"""


def _inhoud(h: _Html) -> str:
    """A contents list of the h2 sections (the PDF's bookmark panel)."""
    regels = "".join(f'<li><a href="#{anker}">{_e(tekst)}</a></li>' for niveau, anker, tekst in h.inhoud if niveau == 2)
    return f'<nav aria-label="Inhoud van het rapport"><ol>{regels}</ol></nav>'


def html_rapport(
    vl: Vragenlijst,
    scan: Scan,
    resultaat: ScanResultaat,
    *,
    vandaag: dt.date | None = None,
    benchmark: Benchmark | None = None,
) -> str:
    """The full verbeterrapport as one self-contained, accessible HTML page (``lang="nl"``)."""
    c = Rapportcontext(vl, scan, resultaat, vandaag or tijd.vandaag(), benchmark)
    h = _verhaal(c)
    titel = f"Omnichannel zelfscan {c.gemeente} – verbeterrapport {datum_nl(scan.scanronde.datum)}"
    eind_kop = h.delen.index("</header>") + 1  # the contents list comes right after the header
    return (
        '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(titel)}</title>\n"
        '<meta name="generator" content="Omnichannel zelfscan (gebaseerd op de VNG-handreiking Omnichannel aanpak)">\n'
        f"<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(h.delen[:eind_kop])
        + _inhoud(h)
        + "\n".join(h.delen[eind_kop:])
        + "\n</main>\n</body>\n</html>\n"
    )
