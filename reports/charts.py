"""Altair chart specs of the scan: the one place that decides how a chart looks.

Layer ``reports/``: may import altair, pandas and ``scoring``; no streamlit, no sqlalchemy.
The same spec is shown on screen (``st.altair_chart``) and rendered to PNG for the PDF
(vl-convert), so every function here is pure and deterministic: same input, same spec.
Meaning never rests on colour alone: series differ in dash and point shape, and heatmap
cells carry their count as text.
"""

from __future__ import annotations

import copy
import math
import textwrap
from collections.abc import Sequence
from functools import lru_cache
from typing import Any, Literal

import altair as alt
import pandas as pd

from scoring.afronding import heel

HUIDIG, AMBITIE = "Huidig", "Ambitie"
NOG_TE_GAAN = "Nog te gaan"
# Dark blue and orange stay distinct for the common forms of colour blindness and in grey print;
# both reach 3:1 against white (WCAG 1.4.11): #1f4e79 8.7:1, #b35c00 4.7:1.
KLEUREN = {HUIDIG: "#1f4e79", AMBITIE: "#b35c00"}
_STREEP = {HUIDIG: [1, 0], AMBITIE: [6, 4]}
_VORM = {HUIDIG: "circle", AMBITIE: "diamond"}
RINGEN = (20, 40, 60, 80, 100)  # the band boundaries, so a reader sees in which band a point lies
MIN_ASSEN, MAX_ASSEN = 3, 16
_LABEL_R = 112  # outside ring 100 and its ring label, so labels never sit on the polygon
_DOMEIN = 170  # room for most labels; Vega's default "pad" autosize grows the canvas for longer ones
_WRAP, _REGEL = 18, 14  # characters per axis-label line; line height in px
_FONT = "DejaVu Sans"  # a font vl-convert has everywhere, so the PNG in the PDF is deterministic
_GRIJS, _TEKST = "#d0d0d0", "#1a1a1a"
KOLOMMEN = ("1", "2", "3", "4", "5", "weet niet", "n.v.t.")
_STELLING_MAX = 60
_ZWART, _WIT = "#000000", "#ffffff"
_RAND = 28  # px beside a radar: axis labels widened by user text spacing (WCAG 1.4.12) stay inside
TOEGANKELIJK: dict[str, Any] = {
    # Streamlit's chart theme draws axis and legend text in #808495 (3.7:1 on white); our own
    # colour wins over the theme and is the one vl-convert uses for the PDF.
    "axis": {"labelColor": _TEKST, "titleColor": _TEKST},
    "legend": {"labelColor": _TEKST, "titleColor": _TEKST},
    "title": {"color": _TEKST},
    # Without this every mark and axis is a node with raw coordinates and English role names
    # ("x: 27.2; y: 27.2; ..."); the chart's Dutch text alternative and its table say it all.
    "aria": False,
    "mark": {"aria": False},
}
"""Chart config for contrast and screen readers, shared by every spec (screen and PDF)."""

Align = Literal["left", "center", "right"]
Baseline = Literal["top", "middle", "bottom"]


def scores_van(naam: str, waarden: Sequence[float | None], n: int) -> list[float | None]:
    if len(waarden) != n:
        raise ValueError(f"{naam}: {len(waarden)} scores for {n} axes")
    uit: list[float | None] = []
    for w in waarden:
        if w is None or math.isnan(w):  # NaN is how pandas says "no score"
            uit.append(None)
        elif 0 <= w <= 100:
            uit.append(float(w))
        else:
            raise ValueError(f"{naam}: score {w} is outside 0..100")
    return uit


def _pos(i: int, n: int, r: float) -> dict[str, float]:
    hoek = 2 * math.pi * i / n  # 0 at the top, clockwise: the reading order of a radar
    return {"x": round(r * math.sin(hoek), 6), "y": round(r * math.cos(hoek), 6)}


def xy_punten() -> tuple[alt.X, alt.Y]:
    # One fixed, symmetric domain on both axes keeps the radar round and equal between charts.
    schaal = alt.Scale(domain=[-_DOMEIN, _DOMEIN], nice=False)
    return alt.X("x:Q", scale=schaal, axis=None), alt.Y("y:Q", scale=schaal, axis=None)


def _afwerking(chart: alt.LayerChart, titel: str, beschrijving: str = "") -> alt.LayerChart:
    if titel:
        # aria off on the title itself (the config's does not reach it): the chart's text
        # alternative names it, and Vega would add an English "Title text '...'".
        chart = chart.properties(title=alt.Title(titel, aria=False))
    if beschrijving:
        chart = chart.properties(description=beschrijving)
    af: alt.LayerChart = chart.configure(font=_FONT, **TOEGANKELIJK).configure_view(stroke=None)
    return af


def _luminantie(kleur: str) -> float:
    def kanaal(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (kanaal(int(kleur[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours ``#rrggbb`` (1 to 21)."""
    licht, donker = sorted((_luminantie(a), _luminantie(b)), reverse=True)
    return (licht + 0.05) / (donker + 0.05)


def tekstkleur_op(achtergrond: str) -> str:
    """Black or white, whichever contrasts more with ``achtergrond``: one of them always reaches
    4.58:1, so text on any cell colour meets WCAG 1.4.3 (a softer dark grey would leave a band
    of mid tones where neither reaches 4.5)."""
    return _WIT if contrast(_WIT, achtergrond) > contrast(_ZWART, achtergrond) else _ZWART


def mengkleur(aandeel: float, donker: str) -> str:
    """The colour at ``aandeel`` (0..1) between white and ``donker``, as Vega's rgb interpolation
    would draw it; computed here so the text colour is chosen on the colour actually shown."""
    if not 0 <= aandeel <= 1:
        raise ValueError(f"share {aandeel} is outside 0..1")
    wit = (255, 255, 255)
    doel = [int(donker[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(w + (d - w) * aandeel):02x}" for w, d in zip(wit, doel, strict=True))


def raster_spec(n: int) -> list[alt.Chart]:
    x, y = xy_punten()
    ringen: list[dict[str, Any]] = [
        {"lijn": f"ring {r}", "volgorde": k, **_pos(k % n, n, r)} for r in RINGEN for k in range(n + 1)
    ]
    spaken = [{"lijn": f"spaak {i}", "volgorde": k, **_pos(i, n, 100 * k)} for i in range(n) for k in (0, 1)]
    # Between the first two spokes rather than on the top one, where the first axis label sits.
    ringlabels = pd.DataFrame([{"tekst": str(r), **_pos(1, 2 * n, r)} for r in RINGEN])
    return [
        alt.Chart(pd.DataFrame(ringen + spaken), name="raster")
        .mark_line(stroke=_GRIJS, strokeWidth=1)
        .encode(x=x, y=y, detail="lijn:N", order="volgorde:Q"),
        alt.Chart(ringlabels, name="ringlabels")
        .mark_text(align="left", baseline="bottom", dx=3, fontSize=10, color="#6e6e6e")
        .encode(x=x, y=y, text="tekst:N"),
    ]


def reeks_rijen(assen: Sequence[str], reeksen: dict[str, list[float | None]]) -> list[dict[str, Any]]:
    n = len(assen)
    rijen: list[dict[str, Any]] = []
    for naam, scores in reeksen.items():
        aanwezig = [(i, s) for i, s in enumerate(scores) if s is not None]
        # The first point is repeated at the end: a line mark does not close a polygon by itself.
        for k, (i, s) in enumerate(aanwezig + aanwezig[:1]):
            rij = {"Reeks": naam, "Onderdeel": assen[i], "Score": heel(s), "volgorde": k, "sluit": k == len(aanwezig)}
            rijen.append(rij | _pos(i, n, s))
    return rijen


# The layers that carry scores, and which of the series rows each one draws.
_REEKS_LAGEN: dict[str, Any] = {
    "vlak": lambda r: r["Reeks"] == HUIDIG,
    "lijnen": lambda r: True,
    "punten": lambda r: not r["sluit"],
}


def _reeksen(assen: Sequence[str], reeksen: dict[str, list[float | None]]) -> list[alt.Chart]:
    x, y = xy_punten()
    rijen = reeks_rijen(assen, reeksen)
    if not rijen:
        return []
    lijnen = pd.DataFrame(rijen)
    domein = list(dict.fromkeys(lijnen["Reeks"]))  # only the series drawn, so the legend names no ghost

    def schaal(waarden: dict[str, Any]) -> alt.Scale:
        return alt.Scale(domain=domein, range=[waarden[r] for r in domein])

    legenda = alt.Legend(title=None, orient="bottom")
    kleur = alt.Color("Reeks:N", scale=schaal(KLEUREN), legend=legenda)
    streep = alt.StrokeDash("Reeks:N", scale=schaal(_STREEP), legend=None)
    vorm = alt.Shape("Reeks:N", scale=schaal(_VORM), legend=legenda)  # merges with colour into one legend
    tooltip = [alt.Tooltip("Onderdeel:N"), alt.Tooltip("Reeks:N"), alt.Tooltip("Score:Q", format="d")]
    # A line mark with a fill paints the closed polygon: the light area of the current situation.
    vlak = (
        alt.Chart(lijnen[lijnen["Reeks"] == HUIDIG], name="vlak")
        .mark_line(fill=KLEUREN[HUIDIG], fillOpacity=0.12, strokeOpacity=0)
        .encode(x=x, y=y, order="volgorde:Q")
    )
    return ([vlak] if HUIDIG in domein else []) + [
        alt.Chart(lijnen, name="lijnen")
        .mark_line(strokeWidth=2)
        .encode(x=x, y=y, color=kleur, strokeDash=streep, order="volgorde:Q"),
        alt.Chart(lijnen[~lijnen["sluit"]], name="punten")
        .mark_point(filled=True, size=70, opacity=1)
        .encode(x=x, y=y, color=kleur, shape=vorm, tooltip=tooltip),
    ]


def _regels(tekst: str, breedte: int) -> list[str]:
    # As few lines as greedy wrapping needs, but as narrow as possible: even lines stay clear of neighbours.
    gretig = textwrap.wrap(tekst, breedte, break_long_words=False) or [tekst]
    for w in range(1, breedte):
        regels = textwrap.wrap(tekst, w, break_long_words=False)
        if 0 < len(regels) <= len(gretig):
            return regels
    return gretig


def aslabels(assen: Sequence[str], grootte: int) -> list[alt.Chart]:
    n, (x, y) = len(assen), xy_punten()
    eenheid = 2 * _DOMEIN / grootte  # data units per pixel
    groepen: dict[tuple[Align, Baseline], list[dict[str, Any]]] = {}
    for i, as_ in enumerate(assen):
        richting = _pos(i, n, 1)
        # Text grows away from the centre: left-aligned on the right half, right-aligned on the left.
        align: Align = "center" if abs(richting["x"]) < 0.05 else ("left" if richting["x"] > 0 else "right")
        baseline: Baseline = "bottom" if richting["y"] > 0.5 else ("top" if richting["y"] < -0.5 else "middle")
        # A centred label has neighbours on both sides, so it gets narrower lines.
        regels = _regels(as_, _WRAP - 4 if align == "center" else _WRAP)
        # Vega puts the first line at the anchor and the rest below it; shift the anchor up so the
        # block is centred (middle) or ends at the anchor (bottom) and stays off the chart.
        pos = _pos(i, n, _LABEL_R)
        pos["y"] += (len(regels) - 1) * _REGEL * eenheid * {"top": 0, "middle": 0.5, "bottom": 1}[baseline]
        groepen.setdefault((align, baseline), []).append({"Label": "\n".join(regels)} | pos)
    # Vega-Lite cannot encode align per datum, so each alignment gets its own text layer.
    return [
        alt.Chart(pd.DataFrame(rijen), name=f"labels-{align}-{baseline}")
        .mark_text(align=align, baseline=baseline, lineBreak="\n", lineHeight=_REGEL, fontSize=12, color=_TEKST)
        .encode(x=x, y=y, text="Label:N")
        for (align, baseline), rijen in sorted(groepen.items())
    ]


def radar(
    assen: Sequence[str],
    huidig: Sequence[float | None],
    ambitie: Sequence[float | None] | None = None,
    *,
    titel: str = "",
    grootte: int = 360,
    beschrijving: str = "",
) -> alt.LayerChart:
    """A radar chart of scores 0..100, one spoke per axis, drawn in Cartesian x/y.

    Vega-Lite has no polar line, so positions are computed here. A missing score (None) leaves
    its point out and the polygon closes over the rest; a series without any score is not drawn.
    """
    reeksen = _controleer(assen, huidig, ambitie)
    lagen = raster_spec(len(assen)) + _reeksen(assen, reeksen) + aslabels(assen, grootte)
    return _afwerking(_vlak(lagen, grootte), titel, beschrijving)


def _vlak(lagen: list[alt.Chart], grootte: int) -> alt.LayerChart:
    return alt.LayerChart(layer=lagen).properties(width=grootte, height=grootte, padding=radar_rand())


def radar_rand() -> dict[str, int]:
    """Padding beside a radar, so axis labels do not run off the canvas when a reader widens
    letter and word spacing (WCAG 1.4.12): the canvas is sized to the text as Vega measured it."""
    return {"left": _RAND, "right": _RAND, "top": 5, "bottom": 5}


def _controleer(
    assen: Sequence[str], huidig: Sequence[float | None], ambitie: Sequence[float | None] | None
) -> dict[str, list[float | None]]:
    n = len(assen)
    if not MIN_ASSEN <= n <= MAX_ASSEN:
        raise ValueError(f"a radar needs {MIN_ASSEN} to {MAX_ASSEN} axes, got {n}")
    reeksen = {HUIDIG: scores_van(HUIDIG, huidig, n)}
    if ambitie is not None:
        reeksen[AMBITIE] = scores_van(AMBITIE, ambitie, n)
    return reeksen


@lru_cache(maxsize=128)
def _radar_sjabloon(
    assen: tuple[str, ...], aanwezig: tuple[str, ...], titel: str, grootte: int, beschrijving: str
) -> dict[str, Any]:
    # Any scores will do: only the layout (axes, labels, which series exist) is kept.
    reeksen: dict[str, list[float | None]] = {r: [50.0] * len(assen) for r in aanwezig}
    lagen = raster_spec(len(assen)) + _reeksen(assen, reeksen) + aslabels(assen, grootte)
    chart = _afwerking(_vlak(lagen, grootte), titel, beschrijving)
    spec: dict[str, Any] = chart.to_dict()
    return spec


def radar_spec(
    assen: Sequence[str],
    huidig: Sequence[float | None],
    ambitie: Sequence[float | None] | None = None,
    *,
    titel: str = "",
    grootte: int = 360,
    beschrijving: str = "",
) -> dict[str, Any]:
    """The chart of ``radar`` as a Vega-Lite dict, fast enough to redraw on every click.

    Building Altair objects costs about 100 ms per radar (schema copies on every encode); the
    layout only depends on the axes and the series shown, so it is built once, validated, and
    reused with the scores put in. A test keeps this equal to ``radar(...).to_dict()``.
    """
    reeksen = _controleer(assen, huidig, ambitie)
    rijen = reeks_rijen(assen, reeksen)
    aanwezig = tuple(dict.fromkeys(r["Reeks"] for r in rijen))
    spec = copy.deepcopy(_radar_sjabloon(tuple(assen), aanwezig, titel, grootte, beschrijving))
    for laag in spec["layer"]:
        kies = _REEKS_LAGEN.get(laag.get("name", ""))
        if kies is not None:
            laag["data"] = {"values": [r for r in rijen if kies(r)]}
    gebruikt = {laag["data"]["name"] for laag in spec["layer"] if "name" in laag.get("data", {})}
    spec["datasets"] = {k: v for k, v in spec.get("datasets", {}).items() if k in gebruikt}
    return spec


def _kort(tekst: str) -> str:
    return tekst if len(tekst) <= _STELLING_MAX else tekst[: _STELLING_MAX - 1].rstrip() + "…"


def verdeling(
    stellingen: Sequence[str],
    verdelingen: Sequence[Sequence[int]],
    weet_niet: Sequence[int],
    nvt: Sequence[int],
    consensus: Sequence[int | None] | None = None,
    *,
    titel: str = "",
    breedte: int = 520,
) -> alt.LayerChart:
    """A heatmap of answers for the workshop screen: one row per stelling, a column per answer.

    ``verdelingen[i]`` holds the counts of levels 1..5; ``consensus[i]`` the agreed level, if any.
    The full stelling text is in the tooltip; the row label is cut at 60 characters.
    """
    n = len(stellingen)
    consensus = [None] * n if consensus is None else consensus
    if n == 0 or not len(verdelingen) == len(weet_niet) == len(nvt) == len(consensus) == n:
        raise ValueError("need at least one stelling and as many distributions, weet_niet, nvt and consensus values")
    namen = [_kort(s) for s in stellingen]
    if len(set(namen)) != n:
        raise ValueError("short stelling labels must be unique: they name the rows")
    rijen: list[dict[str, Any]] = []
    for naam, tekst, niveaus, wn, na, c in zip(namen, stellingen, verdelingen, weet_niet, nvt, consensus, strict=True):
        if len(niveaus) != 5 or (c is not None and c not in range(1, 6)):
            raise ValueError(f"{naam}: need 5 level counts and a consensus level 1..5 or None")
        for kolom, aantal in zip(KOLOMMEN, [*niveaus, wn, na], strict=True):
            if aantal < 0:
                raise ValueError(f"{naam}: negative count {aantal}")
            rijen.append(
                {"Stelling": naam, "Tekst": tekst, "Antwoord": kolom, "Aantal": aantal, "Consensus": kolom == str(c)}
            )
    cellen = pd.DataFrame(rijen)
    cellen["Toelichting"] = cellen["Antwoord"].where(~cellen["Consensus"], cellen["Antwoord"] + " (consensus)")
    hoogste = max(int(cellen["Aantal"].max()), 1)
    cellen["Vulling"] = [mengkleur(a / hoogste, KLEUREN[HUIDIG]) for a in cellen["Aantal"]]
    cellen["Tekstkleur"] = [tekstkleur_op(v) for v in cellen["Vulling"]]

    rand: dict[str, Any] = {"title": None, "labelFontSize": 14, "domain": False, "ticks": False}
    x = alt.X("Antwoord:N", scale=alt.Scale(domain=list(KOLOMMEN)), axis=alt.Axis(orient="top", labelAngle=0, **rand))
    y = alt.Y("Stelling:N", sort=namen, axis=alt.Axis(labelLimit=640, **rand))
    tooltip = [
        alt.Tooltip("Tekst:N", title="Stelling"),
        alt.Tooltip("Toelichting:N", title="Antwoord"),
        alt.Tooltip("Aantal:Q", title="Deelnemers"),
    ]
    lagen = [
        alt.Chart(cellen, name="cellen")
        .mark_rect(stroke=_GRIJS, strokeWidth=1)
        .encode(x=x, y=y, color=alt.Color("Vulling:N", scale=None), tooltip=tooltip),
        alt.Chart(cellen, name="aantallen")
        .mark_text(fontSize=16, fontWeight="bold")
        .encode(x=x, y=y, text="Aantal:Q", color=alt.Color("Tekstkleur:N", scale=None), tooltip=tooltip),
    ]
    if cellen["Consensus"].any():
        lagen.append(
            alt.Chart(cellen[cellen["Consensus"]], name="consensus")
            .mark_rect(fillOpacity=0, stroke="black", strokeWidth=3)
            .encode(x=x, y=y, tooltip=tooltip)
        )
    return _afwerking(alt.LayerChart(layer=lagen).properties(width=breedte, height=alt.Step(40)), titel)


@lru_cache(maxsize=256)
def _verdeling_dict(
    stellingen: tuple[str, ...],
    verdelingen: tuple[tuple[int, ...], ...],
    weet_niet: tuple[int, ...],
    nvt: tuple[int, ...],
    consensus: tuple[int | None, ...] | None,
    titel: str,
    breedte: int,
) -> dict[str, Any]:
    spec: dict[str, Any] = verdeling(
        stellingen, verdelingen, weet_niet, nvt, consensus, titel=titel, breedte=breedte
    ).to_dict()
    return spec


def verdeling_spec(
    stellingen: Sequence[str],
    verdelingen: Sequence[Sequence[int]],
    weet_niet: Sequence[int],
    nvt: Sequence[int],
    consensus: Sequence[int | None] | None = None,
    *,
    titel: str = "",
    breedte: int = 520,
) -> dict[str, Any]:
    """The chart of ``verdeling`` as a Vega-Lite dict, remembered per distinct input.

    The workshop screen redraws on every consensus and every refresh, while the answers of a
    bouwsteen change far less often; a cached spec spares the ~100 ms of building it again.
    """
    return copy.deepcopy(
        _verdeling_dict(
            tuple(stellingen),
            tuple(tuple(v) for v in verdelingen),
            tuple(weet_niet),
            tuple(nvt),
            None if consensus is None else tuple(consensus),
            titel,
            breedte,
        )
    )


def radar_tabel(
    assen: Sequence[str], huidig: Sequence[float | None], ambitie: Sequence[float | None] | None = None
) -> pd.DataFrame:
    """The table beside a radar: whole scores, missing ones as NA, and the gap ambitie - huidig
    ("Nog te gaan": the product speaks Dutch, also in a column head).

    The gap is taken between the rounded scores, so the columns shown always add up.
    """
    n = len(assen)

    def kolom(naam: str, scores: Sequence[float | None]) -> pd.Series[Any]:
        return pd.Series([pd.NA if s is None else heel(s) for s in scores_van(naam, scores, n)], dtype="Int64")

    tabel = pd.DataFrame({"Onderdeel": list(assen), HUIDIG: kolom(HUIDIG, huidig)})
    if ambitie is not None:
        tabel[AMBITIE] = kolom(AMBITIE, ambitie)
        tabel[NOG_TE_GAAN] = tabel[AMBITIE] - tabel[HUIDIG]
    return tabel
