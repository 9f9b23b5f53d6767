"""Charts and the Excel workbook of a comparison: several rounds side by side, change, benchmark.

Layer ``reports/``: may import altair, pandas, openpyxl and ``scoring``; no streamlit, no
sqlalchemy. An adviser compares up to twenty rounds (``scoring.vergelijking.MAX_VERGELIJKEN``),
the change between two rounds of one gemeente, and a round against the anonymous spread of
its peers. Every function is pure: same input, same spec or workbook (``gemaakt`` fixes the date).

The geometry of the radar is the one of ``reports.charts``, so a comparison looks like the
result page. Meaning never rests on colour alone: series differ in dash and point shape too,
heatmap cells carry their score as text, and the two rounds of a change differ in shape.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import math
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache, partial
from typing import Any

import altair as alt
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from reports.charts import (
    AMBITIE,
    KLEUREN,
    MAX_ASSEN,
    MIN_ASSEN,
    TOEGANKELIJK,
    aslabels,
    contrast,
    radar_rand,
    raster_spec,
    reeks_rijen,
    scores_van,
    xy_punten,
)
from reports.duiding import KERN_NAAM, NIET_VERGELIJKBAAR, PLAATS_TEKST, SCHIL_NAAM, onderdeel_naam
from reports.exports import Cel, Soort, zet_cel
from scoring.afronding import heel
from scoring.loader import standaard_schaal
from scoring.models import Schaal, Vragenlijst
from scoring.tijd import vandaag
from scoring.vergelijking import MAX_VERGELIJKEN, MIN_GROEP, Benchmark, Kerncijfers, Ontwikkeling, Spreiding
from scoring.vergelijking import Soort as Onderdeelsoort

MAX_REEKSEN = MAX_VERGELIJKEN
"""Series on one overlay radar: the limit of rounds on one comparison."""
# Okabe–Ito without its yellow, which a thin line on white does not show, and with its orange and
# sky blue (2.3:1 on white) swapped for an ochre and a violet that reach 3:1 (WCAG 1.4.11) and stay
# apart from the vermillion and the blue. Colour, shape and dash cycle with pairwise coprime
# lengths (7, 6, 5): two of twenty series share at most one of the three.
PALET = ("#0072B2", "#9a6a00", "#009E73", "#D55E00", "#CC79A7", "#6a3d9a", "#000000")
VORMEN = ("circle", "square", "diamond", "triangle-up", "cross", "triangle-down")
STREPEN: tuple[list[int], ...] = ([1, 0], [6, 3], [2, 2], [10, 3, 2, 3], [4, 2, 1, 2])
# One colour per score band of the scale (questionnaires/schaal.yaml), light to dark; the bands
# themselves (names and bounds) are read from the loaded scale, never repeated here.
BANDKLEUREN = ("#eff3ff", "#c6dbef", "#6baed6", "#2171b5", "#08306b")
GEEN_SCORE, STREEPJE, MIN = "geen score", "–", "\u2212"
TE_WEINIG = "te weinig gegevens"
MIDDEN_HELFT, MEDIAAN = "middelste helft van de groep", "mediaan"
PLAATS_NL = PLAATS_TEKST
_FONT = "DejaVu Sans"  # the font vl-convert is given in reports.pdf, so PNGs are deterministic
_TEKST, _DONKER = "#1a1a1a", "#1f4e79"
# The own score in the ambitie orange; the light bar of the middle half gets a dark outline, as
# the bar itself is only 1.75:1 on white (WCAG 1.4.11 asks 3:1 for the graphic).
_OUD_KLEUR, _EIGEN_KLEUR, _BALK_KLEUR, _BALK_RAND = "#8c8c8c", KLEUREN[AMBITIE], "#9ecae1", "#4a6f8f"
_VERBINDING = "#8a8a8a"  # 3.5:1, the line between the old and the new score
_RIJ = 26  # px per row of the row charts: room for a 12 px label and a point of size 100
_SCHAAL_0_100 = alt.Scale(domain=[0, 100], nice=False)
_AS_0_100 = alt.Axis(title="Score", values=[0, 20, 40, 60, 80, 100], grid=True, gridColor="#e6e6e6")


# --- shared ----------------------------------------------------------------------------------


def _score(naam: str, waarde: float | None) -> float | None:
    return scores_van(naam, [waarde], 1)[0]


def _uniek(wat: str, namen: Sequence[str]) -> None:
    # A nominal axis merges equal labels into one row, which would silently hide data.
    if len(set(namen)) != len(namen):
        raise ValueError(f"{wat} must be unique: they name the rows or columns")


def _af(chart: Any, titel: str, beschrijving: str = "", **extra: Any) -> dict[str, Any]:
    if titel:
        chart = chart.properties(title=alt.Title(titel, anchor="start", aria=False))  # see charts._afwerking
    if beschrijving:
        chart = chart.properties(description=beschrijving)
    if extra:
        chart = chart.properties(**extra)
    spec: dict[str, Any] = chart.configure(font=_FONT, **TOEGANKELIJK).configure_view(stroke=None).to_dict()
    return spec


def _tekenbreedte(tekst: str, grootte: int) -> float:
    # DejaVu Sans averages about 0.6 em per character; erring wide keeps neighbours apart.
    return len(tekst) * grootte * 0.58


Symbool = tuple[Callable[[alt.Chart], alt.Chart], list[dict[str, Any]]]
"""One layer of legend symbols: what puts the mark on a chart (colour, shape, no x/y), and its
rows, each naming its entry ``i`` and an ``x`` (and ``x2``) within 0..28 px of that entry."""


def _legenda(teksten: Sequence[str], symbolen: Sequence[Symbool], breedte: int, raster: bool) -> alt.LayerChart:
    """Legend entries in rows, in pixels, each with the same marks as the chart it explains.

    Vega-Lite's legend draws one symbol per entry and cannot show a dash and a point shape at
    once, nor a bar beside a tick, so the legend is a small chart of its own. ``raster`` gives
    every entry the width of the widest, so many entries line up in columns; otherwise each
    takes what its text needs and a few short entries share one line.
    """
    nodig = [min(breedte, 40 + math.ceil(_tekenbreedte(t, 11)) + 14) for t in teksten]
    if raster:
        nodig = [max(nodig)] * len(nodig)
    plekken, dx, regel = [], 0, 0
    for w in nodig:
        if dx and dx + w > breedte:
            dx, regel = 0, regel + 1
        plekken.append((dx, regel * 18 + 9))
        dx += w
    hoogte = (regel + 1) * 18
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, breedte], nice=False), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[hoogte, 0], nice=False), axis=None)

    def plaats(r: dict[str, Any]) -> dict[str, Any]:
        dx, dy = plekken[r["i"]]
        return r | {k: r[k] + dx for k in ("x", "x2") if k in r} | {"y": dy}

    lagen = [
        teken(alt.Chart(pd.DataFrame([plaats(r) for r in rijen]), name=f"legenda-{j}")).encode(x=x, y=y)
        for j, (teken, rijen) in enumerate(symbolen)
    ]
    labels = pd.DataFrame([plaats({"i": i, "Label": t, "x": 36}) for i, t in enumerate(teksten)])
    # A text wider than estimated is cut with an ellipsis rather than run into its neighbour.
    lagen.append(
        alt.Chart(labels, name="legenda-tekst")
        .mark_text(align="left", baseline="middle", fontSize=11, color=_TEKST, limit=max(nodig) - 44)
        .encode(x=x, y=y, text="Label:N")
    )
    return alt.LayerChart(layer=lagen).properties(width=breedte, height=hoogte)


# --- overlay radar ---------------------------------------------------------------------------


def _stijl(i: int) -> tuple[str, list[int], str]:
    return PALET[i % len(PALET)], STREPEN[i % len(STREPEN)], VORMEN[i % len(VORMEN)]


def overlay_spec(
    assen: Sequence[str],
    reeksen: Mapping[str, Sequence[float | None]],
    *,
    titel: str = "",
    grootte: int = 420,
) -> dict[str, Any]:
    """A radar of up to twenty series (gemeenten or rounds), one polygon each, as a Vega-Lite dict.

    ``reeksen`` maps a label to one score 0..100 (or None/NaN: no score, point left out) per
    axis. A series keeps the colour, dash and shape of its position, even when another series
    has no score at all and is not drawn; the legend below the radar shows all three.
    """
    n = len(assen)
    if not MIN_ASSEN <= n <= MAX_ASSEN:
        raise ValueError(f"a radar needs {MIN_ASSEN} to {MAX_ASSEN} axes, got {n}")
    if not 1 <= len(reeksen) <= MAX_REEKSEN:
        raise ValueError(f"an overlay shows 1 to {MAX_REEKSEN} series, got {len(reeksen)}")
    # Checked (NaN made None) before the cache, so equal input always finds the same entry.
    gecontroleerd = tuple((naam, tuple(scores_van(naam, scores, n))) for naam, scores in reeksen.items())
    return copy.deepcopy(_overlay(tuple(assen), gecontroleerd, titel, grootte))


@lru_cache(maxsize=64)
def _overlay(
    assen: tuple[str, ...], reeksen: tuple[tuple[str, tuple[float | None, ...]], ...], titel: str, grootte: int
) -> dict[str, Any]:
    # Building the Altair objects of twenty series takes about half a second; a page that reruns
    # on every click shows the same comparison again, so the finished dict is remembered.
    n = len(assen)
    gecontroleerd = {naam: list(scores) for naam, scores in reeksen}
    stijl = {naam: _stijl(i) for i, naam in enumerate(gecontroleerd)}
    rijen = reeks_rijen(assen, gecontroleerd)
    getekend = list(dict.fromkeys(r["Reeks"] for r in rijen))
    x, y = xy_punten()

    def kanaal(soort: Any, k: int) -> Any:
        return soort("Reeks:N", scale=alt.Scale(domain=getekend, range=[stijl[r][k] for r in getekend]), legend=None)

    lagen = raster_spec(n)
    if rijen:
        lijnen = pd.DataFrame(rijen)
        tooltip = [alt.Tooltip("Reeks:N"), alt.Tooltip("Onderdeel:N"), alt.Tooltip("Score:Q", format="d")]
        lagen += [
            alt.Chart(lijnen, name="lijnen")
            .mark_line(strokeWidth=1.5, opacity=0.9)
            .encode(x=x, y=y, color=kanaal(alt.Color, 0), strokeDash=kanaal(alt.StrokeDash, 1), order="volgorde:Q"),
            alt.Chart(lijnen[~lijnen["sluit"]], name="punten")
            .mark_point(filled=True, size=28, opacity=1)
            .encode(x=x, y=y, color=kanaal(alt.Color, 0), shape=kanaal(alt.Shape, 2), tooltip=tooltip),
        ]
    lagen += aslabels(assen, grootte)
    radar = alt.LayerChart(layer=lagen).properties(width=grootte, height=grootte)
    if not getekend:
        return _af(radar, titel, padding=radar_rand())

    def lijn(c: alt.Chart) -> alt.Chart:
        kanalen = {"color": kanaal(alt.Color, 0), "strokeDash": kanaal(alt.StrokeDash, 1), "detail": "Reeks:N"}
        uit: alt.Chart = c.mark_line(strokeWidth=1.5).encode(**kanalen)
        return uit

    def punt(c: alt.Chart) -> alt.Chart:
        uit: alt.Chart = c.mark_point(filled=True, size=28, opacity=1)
        return uit.encode(color=kanaal(alt.Color, 0), shape=kanaal(alt.Shape, 2))

    symbolen: list[Symbool] = [
        (lijn, [{"i": i, "Reeks": r, "x": px} for i, r in enumerate(getekend) for px in (0, 28)]),
        (punt, [{"i": i, "Reeks": r, "x": 14} for i, r in enumerate(getekend)]),
    ]
    legenda = _legenda(getekend, symbolen, grootte, raster=True)
    return _af(alt.vconcat(radar, legenda, spacing=12), titel, padding=radar_rand())


# --- heatmap ---------------------------------------------------------------------------------


def _wit_beter(achtergrond: str) -> bool:
    """Whether white text has more WCAG contrast on ``achtergrond`` than the dark text colour."""
    return contrast("#ffffff", achtergrond) > contrast(_TEKST, achtergrond)


def _band(schaal: Schaal, score: float) -> int:
    """The index of the band ``score`` falls in, rounded as ``Schaal.band_voor`` rounds."""
    return schaal.banden.index(schaal.band_voor(score))


def heatmap_spec(
    rijen: Sequence[str],
    kolommen: Sequence[str],
    scores: Mapping[tuple[str, str], float | None],
    *,
    titel: str = "",
    schaal: Schaal | None = None,
) -> dict[str, Any]:
    """A table of coloured cells: a row per part (bouwsteen), a column per gemeente or round.

    The cell colour is the score band of ``schaal`` (the questionnaire's; the published scale
    when not given), the whole score is written in every cell ("–" when
    there is none, also for a pair missing from ``scores``). Sixteen rows and ten columns fit
    a page 1200 px wide; from thirteen columns on the cells get narrower.
    """
    if not rijen or not kolommen:
        raise ValueError("a heatmap needs at least one row and one column")
    _uniek("row labels", rijen)
    _uniek("column labels", kolommen)
    bekend_r, bekend_k = set(rijen), set(kolommen)
    if onbekend := [k for k in scores if k[0] not in bekend_r or k[1] not in bekend_k]:
        raise ValueError(f"scores for unknown rows or columns: {onbekend[:3]}")
    schaal = schaal or standaard_schaal()
    if len(schaal.banden) > len(BANDKLEUREN):
        raise ValueError(f"{len(schaal.banden)} score bands, but colours for only {len(BANDKLEUREN)}")
    namen = [f"{b.naam.nl} ({b.ondergrens}–{b.bovengrens})" for b in schaal.banden]
    cellen: list[dict[str, Any]] = []
    for rij in rijen:
        for kolom in kolommen:
            s = _score(f"{rij} / {kolom}", scores.get((rij, kolom)))
            b = None if s is None else _band(schaal, s)
            cellen.append(
                {
                    "Onderdeel": rij,
                    "Ronde": kolom,
                    "Score": None if s is None else heel(s),
                    "Tekst": STREEPJE if s is None else str(heel(s)),
                    "Band": GEEN_SCORE if b is None else namen[b],
                    "Wit": b is not None and _wit_beter(BANDKLEUREN[b]),
                }
            )
    domein, bereik = list(namen), list(BANDKLEUREN[: len(namen)])
    if any(c["Band"] == GEEN_SCORE for c in cellen):
        domein.append(GEEN_SCORE)
        bereik.append("#ffffff")
    # Narrower columns for many rounds, so twenty still fit beside the longest bouwsteen name.
    stap = 60 if len(kolommen) <= 12 else 44
    rand: dict[str, Any] = {"title": None, "domain": False, "ticks": False, "labelFontSize": 12}
    x = alt.X(
        "Ronde:N",
        sort=list(kolommen),
        scale=alt.Scale(domain=list(kolommen)),
        # Every round's label is shown: Vega's overlap removal would silently drop every other one.
        axis=alt.Axis(orient="top", labelAngle=-55, labelAlign="left", labelLimit=280, labelOverlap=False, **rand),
    )
    y = alt.Y(
        "Onderdeel:N", sort=list(rijen), scale=alt.Scale(domain=list(rijen)), axis=alt.Axis(labelLimit=320, **rand)
    )
    tooltip = [
        alt.Tooltip("Onderdeel:N"),
        alt.Tooltip("Ronde:N"),
        alt.Tooltip("Tekst:N", title="Score"),
        alt.Tooltip("Band:N", title="Scoreband"),
    ]
    kleur = alt.Color(
        "Band:N",
        scale=alt.Scale(domain=domein, range=bereik),
        # Three per line, so the legend never runs wider than a narrow heatmap of a few rounds.
        legend=alt.Legend(
            title="Scoreband", orient="bottom", direction="horizontal", columns=3, symbolStrokeColor="#767676"
        ),
    )
    tekstkleur = alt.when(alt.datum.Wit).then(alt.value("white")).otherwise(alt.value(_TEKST))
    data = pd.DataFrame(cellen)
    chart = alt.LayerChart(
        layer=[
            alt.Chart(data, name="cellen")
            .mark_rect(stroke="white", strokeWidth=2)
            .encode(x=x, y=y, color=kleur, tooltip=tooltip),
            alt.Chart(data, name="scores")
            .mark_text(fontSize=12)
            .encode(x=x, y=y, text="Tekst:N", color=tekstkleur, tooltip=tooltip),
        ]
    ).properties(width=alt.Step(stap), height=alt.Step(28))
    return _af(chart, titel)


# --- change between two rounds ---------------------------------------------------------------


def verschil_tekst(oud: float | None, nieuw: float | None) -> str:
    """The change as "+12", "−5" (a real minus), "0", or "–" when a score is missing.

    Taken between the whole scores shown, so the figures on screen always add up.
    """
    if oud is None or nieuw is None:
        return STREEPJE
    d = heel(nieuw) - heel(oud)
    return f"+{d}" if d > 0 else (f"{MIN}{-d}" if d < 0 else "0")


def verschil_spec(
    assen: Sequence[str],
    oud: Sequence[float | None],
    nieuw: Sequence[float | None],
    *,
    label_oud: str,
    label_nieuw: str,
    titel: str = "",
) -> dict[str, Any]:
    """A dumbbell per part: the old and the new score on one line, the change written beside it."""
    n = len(assen)
    if n == 0:
        raise ValueError("need at least one part")
    if label_oud == label_nieuw:
        raise ValueError("the two rounds need different labels: the legend tells them apart")
    _uniek("part labels", assen)
    a, b = scores_van(label_oud, oud, n), scores_van(label_nieuw, nieuw, n)
    punten = [
        {"Onderdeel": as_, "Ronde": label, "Score": s, "Heel": heel(s)}
        for as_, sa, sb in zip(assen, a, b, strict=True)
        for label, s in ((label_oud, sa), (label_nieuw, sb))
        if s is not None
    ]
    lijnen = [
        {"Onderdeel": as_, "van": min(sa, sb), "tot": max(sa, sb)}
        for as_, sa, sb in zip(assen, a, b, strict=True)
        if sa is not None and sb is not None
    ]
    teksten = [{"Onderdeel": as_, "Verschil": verschil_tekst(sa, sb)} for as_, sa, sb in zip(assen, a, b, strict=True)]
    y = alt.Y("Onderdeel:N", sort=list(assen), scale=alt.Scale(domain=list(assen)), title=None)
    y_as = y.axis(labelLimit=320, labelFontSize=12, domain=False, ticks=False)
    rondes = [label_oud, label_nieuw]
    legenda = alt.Legend(title=None, orient="bottom", labelFontSize=12, labelLimit=300)
    kleur = alt.Color("Ronde:N", scale=alt.Scale(domain=rondes, range=[_OUD_KLEUR, _DONKER]), legend=legenda)
    vorm = alt.Shape("Ronde:N", scale=alt.Scale(domain=rondes, range=["circle", "diamond"]), legend=legenda)
    tooltip = [alt.Tooltip("Onderdeel:N"), alt.Tooltip("Ronde:N"), alt.Tooltip("Heel:Q", title="Score", format="d")]
    lagen: list[alt.Chart] = []
    if lijnen:
        lagen.append(
            alt.Chart(pd.DataFrame(lijnen), name="verbindingen")
            .mark_rule(color=_VERBINDING, strokeWidth=2)
            .encode(x=alt.X("van:Q", scale=_SCHAAL_0_100, axis=_AS_0_100), x2="tot:Q", y=y_as)
        )
    lagen.append(
        alt.Chart(pd.DataFrame(punten, columns=["Onderdeel", "Ronde", "Score", "Heel"]), name="punten")
        .mark_point(filled=True, size=100, opacity=1)
        .encode(
            x=alt.X("Score:Q", scale=_SCHAAL_0_100, axis=_AS_0_100), y=y_as, color=kleur, shape=vorm, tooltip=tooltip
        )
    )
    hoogte = alt.Step(_RIJ)
    links = alt.LayerChart(layer=lagen).properties(width=400, height=hoogte)
    rechts = (
        alt.Chart(
            pd.DataFrame(teksten),
            name="verschillen",
            title=alt.Title("Verschil", fontSize=12, fontWeight="bold", aria=False),
        )
        .mark_text(align="right", fontSize=12, fontWeight="bold", color=_TEKST)
        .encode(y=y.axis(None), text="Verschil:N", x=alt.value(46))
        .properties(width=50, height=hoogte)
    )
    return _af(alt.hconcat(links, rechts, spacing=8), titel)


# --- benchmark -------------------------------------------------------------------------------


def benchmark_spec(
    posities: Sequence[tuple[str, float | None, Spreiding | None]],
    *,
    titel: str = "",
    eigen_label: str = "Eigen score",
) -> dict[str, Any]:
    """A row per part: the middle half of the group as a bar, its median as a tick, the own score as a point.

    ``posities`` holds (label, own score, spread of the group); a spread of None ("te weinig
    gegevens") shows the own score only. The legend below names the three marks in words.
    """
    if not posities:
        raise ValueError("need at least one part")
    labels = [p[0] for p in posities]
    _uniek("part labels", labels)
    eigen, groep, opmerkingen = [], [], []
    for label, score, spreiding in posities:
        s = _score(label, score)
        if s is not None:
            eigen.append({"Onderdeel": label, "Score": s, "Heel": heel(s)})
        if spreiding is None:
            opmerkingen.append({"Onderdeel": label, "Opmerking": TE_WEINIG})
            continue
        q1, mediaan, q3 = (_score(label, w) for w in (spreiding.q1, spreiding.mediaan, spreiding.q3))
        if q1 is None or mediaan is None or q3 is None or not q1 <= mediaan <= q3:
            raise ValueError(f"{label}: need numbers q1 <= mediaan <= q3")
        groep.append({"Onderdeel": label, "Q1": q1, "Mediaan": mediaan, "Q3": q3})
        groep[-1] |= {"Q1 (heel)": heel(spreiding.q1), "Mediaan (heel)": heel(spreiding.mediaan)}
        groep[-1] |= {"Q3 (heel)": heel(spreiding.q3), "Gemeenten": spreiding.n}
    y = alt.Y("Onderdeel:N", sort=labels, scale=alt.Scale(domain=labels), title=None)
    y_as = y.axis(labelLimit=320, labelFontSize=12, domain=False, ticks=False)
    x_groep = alt.X("Q1:Q", scale=_SCHAAL_0_100, axis=_AS_0_100)
    tooltip_groep = [
        alt.Tooltip("Onderdeel:N"),
        alt.Tooltip("Q1 (heel):Q", title="Q1 (25%)"),
        alt.Tooltip("Mediaan (heel):Q", title="Mediaan"),
        alt.Tooltip("Q3 (heel):Q", title="Q3 (75%)"),
        alt.Tooltip("Gemeenten:Q"),
    ]
    lagen: list[alt.Chart] = []
    if groep:
        data = pd.DataFrame(groep)
        lagen += [
            alt.Chart(data, name="middelste-helft")
            .mark_bar(height=14, color=_BALK_KLEUR, stroke=_BALK_RAND, strokeWidth=1.5)
            .encode(x=x_groep, x2="Q3:Q", y=y_as, tooltip=tooltip_groep),
            alt.Chart(data, name="mediaan")
            .mark_tick(thickness=3, size=22, color=_DONKER)
            .encode(x=alt.X("Mediaan:Q", scale=_SCHAAL_0_100, axis=_AS_0_100), y=y_as, tooltip=tooltip_groep),
        ]
    # Always a layer with every row, so the axis and its labels exist even without any data.
    lagen.append(
        alt.Chart(pd.DataFrame(eigen, columns=["Onderdeel", "Score", "Heel"]), name="eigen")
        .mark_point(shape="diamond", filled=True, size=110, color=_EIGEN_KLEUR, opacity=1)
        .encode(
            x=alt.X("Score:Q", scale=_SCHAAL_0_100, axis=_AS_0_100),
            y=y_as,
            tooltip=[alt.Tooltip("Onderdeel:N"), alt.Tooltip("Heel:Q", title=eigen_label, format="d")],
        )
    )
    hoogte = alt.Step(_RIJ)
    hoofd = alt.LayerChart(layer=lagen).properties(width=400, height=hoogte)
    delen: list[Any] = [hoofd]
    if opmerkingen:
        delen.append(
            alt.Chart(pd.DataFrame(opmerkingen), name="opmerkingen")
            .mark_text(align="left", fontSize=11, fontStyle="italic", color="#5a5a5a")
            .encode(y=y.axis(None), text="Opmerking:N", x=alt.value(4))
            .properties(width=_tekenbreedte(TE_WEINIG, 11) + 8, height=hoogte)
        )
    rij = alt.hconcat(*delen, spacing=8) if len(delen) > 1 else hoofd

    def balk(c: alt.Chart) -> alt.Chart:
        uit: alt.Chart = c.mark_bar(height=12, color=_BALK_KLEUR, stroke=_BALK_RAND, strokeWidth=1.5).encode(x2="x2:Q")
        return uit

    streep = partial(alt.Chart.mark_tick, thickness=3, size=18, color=_DONKER)
    ruit = partial(alt.Chart.mark_point, shape="diamond", filled=True, size=110, color=_EIGEN_KLEUR, opacity=1)
    symbolen: list[Symbool] = [(balk, [{"i": 0, "x": 0, "x2": 28}]), (streep, [{"i": 1, "x": 14}])]
    symbolen.append((ruit, [{"i": 2, "x": 14}]))
    legenda = _legenda([MIDDEN_HELFT, MEDIAAN, eigen_label], symbolen, 520, raster=False)
    return _af(alt.vconcat(rij, legenda, spacing=14), titel)


# --- Excel -----------------------------------------------------------------------------------

_GEVAARLIJK = ("=", "+", "-", "@", "\t", "\r")
_SOORT_NL: dict[Onderdeelsoort, str] = {
    "totaal": "totaal",
    "type": "kern/aanvullend",
    "dimensie": "dimensie",
    "bouwsteen": "bouwsteen",
}
_TITEL = Font(bold=True, size=14)
_VERSCHIL_FORMAAT = "+0.0;-0.0;0.0"  # a sign on every change, also the rises


def _onderdelen(vragenlijst: Vragenlijst) -> list[tuple[Onderdeelsoort, str]]:
    # The questionnaire's order, not a round's: rounds of another version may lack or add parts.
    uit: list[tuple[Onderdeelsoort, str]] = [("type", "kern"), ("type", "aanvullend")]
    uit += [("dimensie", d.id) for d in vragenlijst.meta.dimensies]
    return [*uit, *(("bouwsteen", b.id) for b in vragenlijst.bouwstenen), ("totaal", "totaal")]


def _r1(waarde: float | None) -> float | None:
    return None if waarde is None or math.isnan(waarde) else round(waarde, 1)


def _cel(ws: Worksheet, rij: int, kol: int, waarde: Cel, soort: Soort = "tekst", vet: bool = False) -> None:
    zet_cel(ws, rij, kol, waarde, soort, vet)
    if isinstance(waarde, str) and waarde.startswith(_GEVAARLIJK):
        # Already a string cell; the quote prefix also keeps it text when someone edits the cell.
        ws.cell(row=rij, column=kol).quotePrefix = True


def _tabel(
    ws: Worksheet, koppen: Sequence[str], rijen: Sequence[Sequence[Cel]], soorten: Sequence[Soort], kop: int = 1
) -> None:
    """A table with its header in row ``kop``: bold, frozen and filterable as in reports.exports."""
    for k, tekst in enumerate(koppen, 1):
        _cel(ws, kop, k, tekst, vet=True)
    for r, rij in enumerate(rijen, kop + 1):
        for k, (waarde, soort) in enumerate(zip(rij, soorten, strict=True), 1):
            _cel(ws, r, k, waarde, soort)
    # Frozen below the header: the lines above a table (title, group) stay in view as well.
    ws.freeze_panes = f"A{kop + 1}"
    ws.auto_filter.ref = f"A{kop}:{get_column_letter(len(koppen))}{kop + len(rijen)}"
    for k, tekst in enumerate(koppen):
        lengte = max([len(tekst), 6, *(len(str(r[k])) for r in rijen if r[k] is not None)])
        ws.column_dimensions[get_column_letter(k + 1)].width = min(lengte + 2, 50)


def _kopjes(ws: Worksheet, regels: Sequence[tuple[str, Cel, Soort]]) -> None:
    for r, (sleutel, waarde, soort) in enumerate(regels, 1):
        _cel(ws, r, 1, sleutel, vet=True)
        _cel(ws, r, 2, waarde, soort)


def _overzicht(
    ws: Worksheet, vl: Vragenlijst, rondes: Sequence[tuple[str, Kerncijfers]], titel: str, gemaakt: dt.date
) -> None:
    _kopjes(
        ws,
        [
            ("Titel", titel, "tekst"),
            ("Gemaakt op", gemaakt, "datum"),
            ("Vragenlijst", f"{vl.meta.titel.nl}, versie {vl.versie}", "tekst"),
            ("Let op", vl.meta.disclaimer.nl, "tekst"),
        ],
    )
    ws.cell(row=1, column=2).font = _TITEL
    rijen: list[list[Cel]] = [
        [lbl, k.deelnemers, _r1(k.typen.get("kern")), _r1(k.typen.get("aanvullend")), k.vragenlijst_versie]
        for lbl, k in rondes
    ]
    koppen = ["Ronde", "Deelnemers", f"{KERN_NAAM} (0–100)", f"{SCHIL_NAAM} (0–100)", "Vragenlijstversie"]
    _tabel(ws, koppen, rijen, ["tekst", "heel", "getal1", "getal1", "tekst"], kop=6)
    ws.cell(row=len(rijen) + 8, column=1).value = NIET_VERGELIJKBAAR


def _benchmark(ws: Worksheet, vl: Vragenlijst, bm: Benchmark) -> None:
    uitleg = (
        f"Q1, mediaan en Q3 beschrijven de groep; de middelste helft ligt tussen Q1 en Q3. Alleen vanaf {MIN_GROEP} "
        "gemeenten met een score staat er een spreiding; welke gemeenten in de groep zitten, wordt niet getoond."
    )
    _kopjes(
        ws,
        [
            ("Groep", bm.groep, "tekst"),
            ("Gemeenten in de groep", bm.gemeenten, "heel"),
            ("Toelichting", uitleg, "tekst"),
        ],
    )
    rijen: list[list[Cel]] = []
    for p in bm.posities:
        g = p.groep
        plaats = TE_WEINIG if g is None else (PLAATS_NL[p.plaats] if p.plaats else "geen eigen score")
        rijen.append([_SOORT_NL[p.soort], onderdeel_naam(vl, p.soort, p.onderdeel), _r1(p.eigen)])
        rijen[-1] += [None, None, None] if g is None else [_r1(g.q1), _r1(g.mediaan), _r1(g.q3)]
        rijen[-1].append(plaats)
    koppen = ["Soort", "Onderdeel", "Eigen score", "Q1 (25%)", "Mediaan", "Q3 (75%)", "Plaats"]
    _tabel(ws, koppen, rijen, ["tekst", "tekst", "getal1", "getal1", "getal1", "getal1", "tekst"], kop=5)
    ws.column_dimensions["A"].width = 22


def vergelijking_excel(
    vragenlijst: Vragenlijst,
    rondes: Sequence[tuple[str, Kerncijfers]],
    *,
    benchmark: Benchmark | None = None,
    verschil: tuple[str, str] | None = None,
    ontwikkeling: Ontwikkeling | None = None,
    titel: str = "Vergelijking",
    gemaakt: dt.date | None = None,
) -> bytes:
    """The comparison as an .xlsx workbook: overview, bouwstenen, dimensies, change and benchmark.

    ``rondes`` holds (label, key figures), labels unique; ``verschil`` names two of them (old,
    new) for a sheet with the change, which follows ``ontwikkeling`` where given (across
    questionnaire versions: no difference where the parts are not comparable, and a remark
    column); ``benchmark`` adds the group's quartiles, never its
    members. Scores are numbers rounded to one decimal, a missing score an empty cell.
    ``gemaakt`` is the date written as "Gemaakt op" (today when None).
    """
    labels = [label for label, _ in rondes]
    if not rondes:
        raise ValueError("need at least one round")
    _uniek("round labels", labels)
    if verschil is not None and (verschil[0] == verschil[1] or not set(verschil) <= set(labels)):
        raise ValueError(f"verschil must name two different round labels, got {verschil!r}")
    wb = Workbook()
    assert isinstance(wb.active, Worksheet)
    wb.active.title = "Overzicht"
    _overzicht(wb.active, vragenlijst, rondes, titel, gemaakt or vandaag())

    dimensies = {d.id: d.naam.nl for d in vragenlijst.meta.dimensies}
    ronde_soorten: list[Soort] = ["getal1"] * len(rondes)
    bouwstenen: list[list[Cel]] = [
        [b.nummer, b.naam.nl, dimensies[b.dimensie], b.type, *(_r1(k.bouwstenen.get(b.id)) for _, k in rondes)]
        for b in vragenlijst.bouwstenen
    ]
    _tabel(
        wb.create_sheet("Bouwstenen"),
        ["Nummer", "Bouwsteen", "Dimensie", "Type", *labels],
        bouwstenen,
        ["heel", "tekst", "tekst", "tekst", *ronde_soorten],
    )
    delen = [o for o in _onderdelen(vragenlijst) if o[0] != "bouwsteen"]
    groepen: list[list[Cel]] = [
        [onderdeel_naam(vragenlijst, s, o), *(_r1(k.score(s, o)) for _, k in rondes)] for s, o in delen
    ]
    _tabel(wb.create_sheet("Dimensies"), ["Onderdeel", *labels], groepen, ["tekst", *ronde_soorten])

    if verschil is not None:
        oud, nieuw = (dict(rondes)[label] for label in verschil)
        rijen: list[list[Cel]] = []
        over_versies = ontwikkeling is not None and ontwikkeling.over_versies
        for s, o in _onderdelen(vragenlijst):
            a, b = _r1(oud.score(s, o)), _r1(nieuw.score(s, o))
            mag = ontwikkeling is None or ontwikkeling.vergelijkbaar.get((s, o), False)
            # Between the rounded scores, so the three columns always add up.
            rijen.append([_SOORT_NL[s], onderdeel_naam(vragenlijst, s, o), a, b])
            rijen[-1].append(None if a is None or b is None or not mag else round(b - a, 1))
            if over_versies and ontwikkeling is not None:
                rijen[-1].append(ontwikkeling.notities.get((s, o), ""))
        ws = wb.create_sheet("Verschil")
        koppen = ["Soort", "Onderdeel", verschil[0], verschil[1], "Verschil (scorepunten)"]
        soorten: list[Soort] = ["tekst", "tekst", "getal1", "getal1", "getal1"]
        if over_versies:
            koppen.append("Opmerking (andere vragenlijstversie)")
            soorten.append("tekst")
        _tabel(ws, koppen, rijen, soorten)
        for r in range(2, len(rijen) + 2):
            ws.cell(row=r, column=5).number_format = _VERSCHIL_FORMAAT
    if benchmark is not None:
        _benchmark(wb.create_sheet("Benchmark"), vragenlijst, benchmark)

    wb.properties.creator = "Omnichannel zelfscan"
    wb.properties.title = titel
    uit = io.BytesIO()
    wb.save(uit)
    return uit.getvalue()
