"""Comparison charts and workbook of reports/vergelijking.py: valid specs, readable marks, safe Excel."""

from __future__ import annotations

import datetime as dt
import io
import math
import struct
from collections.abc import Iterator
from typing import Any

import pytest
import vl_convert
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import load_schema
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from reports.charts import TOEGANKELIJK, contrast
from reports.pdf import FONTS
from reports.vergelijking import (
    MAX_REEKSEN,
    MEDIAAN,
    MIDDEN_HELFT,
    PALET,
    PLAATS_NL,
    STREEPJE,
    TE_WEINIG,
    benchmark_spec,
    heatmap_spec,
    onderdeel_naam,
    overlay_spec,
    vergelijking_excel,
    verschil_spec,
    verschil_tekst,
)
from scoring.models import Vragenlijst
from scoring.vergelijking import Kerncijfers, Soort, Spreiding, benchmark

# Builds PDFs, workbooks or chart images: left out of the quick loop (dev.py test --snel).
pytestmark = pytest.mark.slow

SCHEMA = load_schema()
GEMEENTEN = [
    "Súdwest-Fryslân",
    "Capelle aan den IJssel",
    "’s-Hertogenbosch",
    "Alphen aan den Rijn",
    "Leidschendam-Voorburg",
    "Utrecht",
    "Molenlanden",
    "Noordoostpolder",
    "Sint-Michielsgestel",
    "Ede",
]
LABELS = [f"{g} · {i + 1:02d}-03-2026" for i, g in enumerate(GEMEENTEN)]
FORMULE = '=HYPERLINK("x")'


def _geldig(spec: dict[str, Any]) -> None:
    validate_jsonschema(spec, SCHEMA)  # raises on anything Vega-Lite 6 does not accept


def _lagen(spec: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every unit layer, however deep the layers and concatenations nest."""
    for sleutel in ("layer", "vconcat", "hconcat"):
        for deel in spec.get(sleutel, []):
            yield from _lagen(deel)
    if "mark" in spec:
        yield spec


def _laag(spec: dict[str, Any], naam: str) -> dict[str, Any]:
    # Altair adds a suffix ("_0") to names inside a concatenation.
    return next(laag for laag in _lagen(spec) if laag.get("name", "").rsplit("_", 1)[0] == naam)


def _rijen(spec: dict[str, Any], laag: dict[str, Any]) -> list[dict[str, Any]]:
    data: dict[str, Any] = laag.get("data") or spec["data"]  # Altair lifts data all layers share to the top
    rijen: list[dict[str, Any]] = data["values"] if "values" in data else spec["datasets"][data["name"]]
    return rijen


def _legenda_teksten(spec: dict[str, Any]) -> list[str]:
    return [r["Label"] for r in sorted(_rijen(spec, _laag(spec, "legenda-tekst")), key=lambda r: r["i"])]


@pytest.fixture(scope="module")
def assen(vragenlijst: Vragenlijst) -> list[str]:
    return [b.naam.nl for b in vragenlijst.bouwstenen]


def scores_van(n: int, seed: int) -> list[float | None]:
    # Deterministic, varied scores with now and then a gap.
    return [None if (i * 7 + seed) % 11 == 0 else float((i * 37 + seed * 13) % 101) for i in range(n)]


# --- overlay ---------------------------------------------------------------------------------


def test_overlay__valid_with_one_line_and_legend_entry_per_series(assen: list[str]) -> None:
    reeksen = {label: scores_van(16, i) for i, label in enumerate(LABELS)}
    spec = overlay_spec(assen, reeksen, titel="Tien gemeenten")
    _geldig(spec)
    lijnen = _rijen(spec, _laag(spec, "lijnen"))
    assert list(dict.fromkeys(r["Reeks"] for r in lijnen)) == LABELS
    assert _legenda_teksten(spec) == LABELS


def test_overlay__every_series_has_its_own_dash_and_shape() -> None:
    reeksen = {f"Ronde {i}": [50.0, 60.0, 70.0] for i in range(MAX_REEKSEN)}
    spec = overlay_spec(["a", "b", "c"], reeksen)
    dash = _laag(spec, "lijnen")["encoding"]["strokeDash"]["scale"]
    shape = _laag(spec, "punten")["encoding"]["shape"]["scale"]
    colour = _laag(spec, "punten")["encoding"]["color"]["scale"]
    assert dash["domain"] == shape["domain"] == colour["domain"] == list(reeksen)
    stijlen = list(zip(map(tuple, dash["range"]), shape["range"], colour["range"], strict=True))
    assert len({(d, s) for d, s, _ in stijlen}) == MAX_REEKSEN
    # Any two series share at most one of colour, dash and shape.
    for i, a in enumerate(stijlen):
        for b in stijlen[i + 1 :]:
            assert sum(x == y for x, y in zip(a, b, strict=True)) <= 1
    assert len(set(dash["range"][0])) == 2 and dash["range"][0][1] == 0  # the first series is solid


def test_overlay__none_and_nan_are_left_out_and_an_empty_series_is_not_drawn() -> None:
    spec = overlay_spec(
        ["a", "b", "c", "d"],
        {"Eén": [10.0, None, 30.0, math.nan], "Leeg": [None] * 4, "Twee": [1.0, 2.0, 3.0, 4.0]},
    )
    _geldig(spec)
    punten = _rijen(spec, _laag(spec, "punten"))
    assert sorted((p["Reeks"], p["Onderdeel"]) for p in punten if p["Reeks"] == "Eén") == [("Eén", "a"), ("Eén", "c")]
    assert "Leeg" not in {p["Reeks"] for p in punten}
    assert _legenda_teksten(spec) == ["Eén", "Twee"]
    # The second series keeps the style of its position, though the one before it is not drawn.
    shape = _laag(spec, "punten")["encoding"]["shape"]["scale"]
    assert shape["range"][shape["domain"].index("Twee")] == "diamond"


def test_overlay__remembered_spec_is_handed_out_as_a_copy() -> None:
    eerste = overlay_spec(["a", "b", "c"], {"R": [10.0, math.nan, 30.0]})
    eerste["vconcat"].clear()  # a caller may change its spec without touching the next one
    tweede = overlay_spec(["a", "b", "c"], {"R": [10.0, None, 30.0]})
    assert tweede["vconcat"]
    assert tweede == overlay_spec(["a", "b", "c"], {"R": [10.0, math.nan, 30.0]})


def test_overlay__tooltip_names_series_part_and_whole_score() -> None:
    spec = overlay_spec(["a", "b", "c"], {"R": [48.5, 48.45, 0.0]})
    tooltip = _laag(spec, "punten")["encoding"]["tooltip"]
    assert [t["field"] for t in tooltip] == ["Reeks", "Onderdeel", "Score"]
    assert [p["Score"] for p in _rijen(spec, _laag(spec, "punten"))] == [49, 48, 0]


@pytest.mark.parametrize(
    ("assen", "reeksen"),
    [
        (["a", "b", "c"], {"R": [0.0, 50.0, 100.5]}),
        (["a", "b", "c"], {"R": [-1.0, 50.0, 10.0]}),
        (["a", "b", "c"], {"R": [1.0, 2.0]}),
        (["a", "b"], {"R": [1.0, 2.0]}),
        ([str(i) for i in range(17)], {"R": [1.0] * 17}),
        (["a", "b", "c"], {}),
        (["a", "b", "c"], {f"R{i}": [1.0, 2.0, 3.0] for i in range(MAX_REEKSEN + 1)}),
    ],
)
def test_overlay__bad_input_is_refused(assen: list[str], reeksen: dict[str, list[float]]) -> None:
    with pytest.raises(ValueError):
        overlay_spec(assen, reeksen)


# --- heatmap ---------------------------------------------------------------------------------


def test_heatmap__a_text_in_every_cell_with_a_dash_for_no_score(assen: list[str]) -> None:
    scores: dict[tuple[str, str], float | None] = {
        (a, k): s for j, k in enumerate(LABELS) for a, s in zip(assen, scores_van(16, j), strict=True)
    }
    del scores[assen[0], LABELS[0]]  # a missing pair is no score too
    spec = heatmap_spec(assen, LABELS, scores, titel="Per bouwsteen")
    _geldig(spec)
    teksten = _rijen(spec, _laag(spec, "scores"))
    assert len(teksten) == 16 * 10
    per_cel = {(r["Onderdeel"], r["Ronde"]): r["Tekst"] for r in teksten}
    assert per_cel[assen[0], LABELS[0]] == STREEPJE
    for (a, k), s in scores.items():
        assert per_cel[a, k] == (STREEPJE if s is None else str(math.floor(s + 0.5)))
    x = _laag(spec, "cellen")["encoding"]["x"]
    assert x["scale"]["domain"] == LABELS  # columns in the given order
    assert x["axis"]["labelAngle"] != 0  # long labels angled, not on top of each other


def test_heatmap__colour_by_band_and_text_colour_for_contrast() -> None:
    spec = heatmap_spec(
        ["r"],
        ["a", "b", "c", "d", "e", "f"],
        {("r", "a"): 20.0, ("r", "b"): 20.5, ("r", "c"): 60.0, ("r", "d"): 80.5, ("r", "e"): None, ("r", "f"): 70.0},
    )
    cellen = {r["Ronde"]: r for r in _rijen(spec, _laag(spec, "cellen"))}
    assert [cellen[k]["Band"] for k in "abcdef"] == [
        "Zeer beperkt (0–20)",
        "Beperkt (21–40)",  # 20.5 rounds half up to 21
        "Groeiend (41–60)",
        "Zeer hoog (81–100)",
        "geen score",
        "Hoog (61–80)",
    ]
    # White text only on the two dark bands, where it has the better contrast.
    assert [cellen[k]["Wit"] for k in "abcdef"] == [False, False, False, True, False, True]
    kleur = _laag(spec, "scores")["encoding"]["color"]
    assert kleur["condition"][0]["value"] == "white"


@pytest.mark.parametrize(
    ("rijen", "kolommen", "scores"),
    [
        ([], ["a"], {}),
        (["r", "r"], ["a"], {}),
        (["r"], ["a", "a"], {}),
        (["r"], ["a"], {("x", "a"): 1.0}),
        (["r"], ["a"], {("r", "a"): 101.0}),
    ],
)
def test_heatmap__bad_input_is_refused(
    rijen: list[str], kolommen: list[str], scores: dict[tuple[str, str], float]
) -> None:
    with pytest.raises(ValueError):
        heatmap_spec(rijen, kolommen, scores)


# --- change ----------------------------------------------------------------------------------


def test_verschil_tekst__signed_with_a_real_minus() -> None:
    assert verschil_tekst(40.0, 52.0) == "+12"
    assert verschil_tekst(52.0, 47.0) == "\u22125"
    assert verschil_tekst(50.0, 50.4) == "0"
    assert verschil_tekst(None, 50.0) == STREEPJE
    assert verschil_tekst(48.45, 48.5) == "+1"  # between the whole scores shown: 48 and 49


def test_verschil__dumbbell_per_part_with_change_text() -> None:
    spec = verschil_spec(
        ["Kanaalinzet", "Kanaalregie", "Data", "Strategie"],
        [40.0, 52.0, None, 50.0],
        [52.0, 47.0, 30.0, 50.0],
        label_oud="Ede · 2025",
        label_nieuw="Ede · 2026",
        titel="Verschil",
    )
    _geldig(spec)
    teksten = {r["Onderdeel"]: r["Verschil"] for r in _rijen(spec, _laag(spec, "verschillen"))}
    assert teksten == {"Kanaalinzet": "+12", "Kanaalregie": "\u22125", "Data": STREEPJE, "Strategie": "0"}
    assert all("-" not in t for t in teksten.values())
    assert {r["Onderdeel"] for r in _rijen(spec, _laag(spec, "verbindingen"))} == {
        "Kanaalinzet",
        "Kanaalregie",
        "Strategie",
    }
    punten = _rijen(spec, _laag(spec, "punten"))
    assert sorted(r["Ronde"] for r in punten if r["Onderdeel"] == "Data") == ["Ede · 2026"]
    enc = _laag(spec, "punten")["encoding"]
    assert enc["shape"]["scale"]["range"][0] != enc["shape"]["scale"]["range"][1]
    assert enc["color"]["scale"]["range"][0] != enc["color"]["scale"]["range"][1]
    assert enc["x"]["scale"]["domain"] == [0, 100] and enc["x"]["axis"]["title"] == "Score"


def test_verschil__bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        verschil_spec(["a"], [1.0], [2.0], label_oud="x", label_nieuw="x")
    with pytest.raises(ValueError):
        verschil_spec(["a", "b"], [1.0], [2.0, 3.0], label_oud="x", label_nieuw="y")
    with pytest.raises(ValueError):
        verschil_spec(["a"], [1.0], [200.0], label_oud="x", label_nieuw="y")


# --- benchmark -------------------------------------------------------------------------------

GROEP = Spreiding(n=12, q1=30.0, mediaan=45.0, q3=60.0)


def test_benchmark__bar_tick_point_and_too_little_data() -> None:
    spec = benchmark_spec(
        [("Totaal", 50.0, GROEP), ("Data", 70.0, None), ("Strategie", None, GROEP), ("Leeg", None, None)],
        titel="Benchmark",
        eigen_label="Súdwest-Fryslân",
    )
    _geldig(spec)
    assert {r["Onderdeel"] for r in _rijen(spec, _laag(spec, "middelste-helft"))} == {"Totaal", "Strategie"}
    assert {r["Onderdeel"] for r in _rijen(spec, _laag(spec, "eigen"))} == {"Totaal", "Data"}
    opmerkingen = {r["Onderdeel"]: r["Opmerking"] for r in _rijen(spec, _laag(spec, "opmerkingen"))}
    assert opmerkingen == {"Data": TE_WEINIG, "Leeg": TE_WEINIG}
    assert _legenda_teksten(spec) == [MIDDEN_HELFT, MEDIAAN, "Súdwest-Fryslân"]
    balk = _laag(spec, "middelste-helft")["encoding"]
    assert (balk["x"]["field"], balk["x2"]["field"]) == ("Q1", "Q3")
    assert _laag(spec, "mediaan")["mark"]["type"] == "tick"
    assert _laag(spec, "eigen")["mark"]["shape"] == "diamond"
    # WCAG 1.4.11: the light bar is outlined, and the outline and the own score reach 3:1.
    balk = _laag(spec, "middelste-helft")["mark"]
    assert contrast(balk["stroke"], "#ffffff") >= 3 and balk["strokeWidth"] >= 1
    assert contrast(_laag(spec, "eigen")["mark"]["color"], "#ffffff") >= 3


def test_benchmark__without_any_spread_still_valid() -> None:
    spec = benchmark_spec([("a", 10.0, None), ("b", None, None)])
    _geldig(spec)


def test_benchmark__bad_input_is_refused() -> None:
    with pytest.raises(ValueError):
        benchmark_spec([])
    with pytest.raises(ValueError):
        benchmark_spec([("a", 1.0, None), ("a", 2.0, None)])
    with pytest.raises(ValueError):
        benchmark_spec([("a", 1.0, Spreiding(n=6, q1=50.0, mediaan=40.0, q3=60.0))])
    with pytest.raises(ValueError):
        benchmark_spec([("a", 101.0, None)])


# --- rendering -------------------------------------------------------------------------------


def test_every_chart_renders_to_png(assen: list[str]) -> None:
    vl_convert.register_font_directory(str(FONTS))
    reeksen = {label: scores_van(16, i) for i, label in enumerate(LABELS)}
    specs = [
        overlay_spec(assen, reeksen),
        heatmap_spec(assen, LABELS, {(a, k): reeksen[k][i] for k in LABELS for i, a in enumerate(assen)}),
        verschil_spec(assen, reeksen[LABELS[0]], reeksen[LABELS[1]], label_oud=LABELS[0], label_nieuw=LABELS[1]),
        benchmark_spec([(a, s, None if s is None else GROEP) for a, s in zip(assen, reeksen[LABELS[2]], strict=True)]),
    ]
    for spec in specs:
        png = vl_convert.vegalite_to_png(spec, scale=1, allowed_base_urls=[])
        assert png.startswith(b"\x89PNG")
        breedte, hoogte = struct.unpack(">II", png[16:24])
        assert 300 < breedte <= 1200 and hoogte > 200


# --- Excel -----------------------------------------------------------------------------------

score = st.none() | st.floats(min_value=0, max_value=100, allow_nan=False)


@st.composite
def kerncijfers(draw: st.DrawFn, vl: Vragenlijst) -> Kerncijfers:
    def tabel(ids: list[str]) -> dict[str, float | None]:
        return {i: draw(score) for i in ids}

    bouwstenen = [b.id for b in vl.bouwstenen]
    return Kerncijfers(
        vragenlijst_versie=vl.versie,
        deelnemers=draw(st.integers(0, 40)),
        totaal=draw(score),
        typen=tabel(["kern", "aanvullend"]),
        dimensies=tabel([d.id for d in vl.meta.dimensies]),
        kenmerken=tabel([k.id for k in vl.meta.kenmerken]),
        bouwstenen=tabel(bouwstenen),
        ambities=tabel(bouwstenen),
    )


def _r1(waarde: float | None) -> float | None:
    return None if waarde is None else round(waarde, 1)


def _lees(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


tekst = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30)


@settings(max_examples=25)
@given(data=st.data())
def test_excel__reads_back_the_rounded_scores(vragenlijst: Vragenlijst, data: st.DataObject) -> None:
    labels = data.draw(st.lists(tekst, min_size=1, max_size=4, unique=True))
    rondes = [(label, data.draw(kerncijfers(vragenlijst))) for label in labels]
    wb = _lees(vergelijking_excel(vragenlijst, rondes))
    assert wb.sheetnames == ["Overzicht", "Bouwstenen", "Dimensies"]

    ws = wb["Bouwstenen"]
    assert [c.value for c in ws[1]][4:] == labels  # user labels back as text, exactly
    for r, b in enumerate(vragenlijst.bouwstenen, 2):
        assert ws.cell(r, 1).value == b.nummer
        assert ws.cell(r, 2).value == b.naam.nl
        assert [ws.cell(r, 5 + k).value for k in range(len(rondes))] == [_r1(kc.bouwstenen[b.id]) for _, kc in rondes]

    ws = wb["Dimensies"]
    # Kern first (the headline), the equal-weight total of all sixteen last.
    verwacht: list[tuple[Soort, str]] = [("type", "kern"), ("type", "aanvullend")]
    verwacht += [("dimensie", d.id) for d in vragenlijst.meta.dimensies]
    verwacht += [("totaal", "totaal")]
    assert ws.max_row == 1 + len(verwacht)
    for r, (soort, deel) in enumerate(verwacht, 2):
        assert ws.cell(r, 1).value == onderdeel_naam(vragenlijst, soort, deel)
        assert [ws.cell(r, 2 + k).value for k in range(len(rondes))] == [_r1(kc.score(soort, deel)) for _, kc in rondes]

    overzicht = wb["Overzicht"]
    tabel = [[c.value for c in rij] for rij in overzicht.iter_rows(min_row=7, max_row=6 + len(rondes), max_col=4)]
    assert tabel == [[label, kc.deelnemers, _r1(kc.typen["kern"]), _r1(kc.typen["aanvullend"])] for label, kc in rondes]


def _kc(vl: Vragenlijst, basis: float) -> Kerncijfers:
    def tabel(ids: list[str]) -> dict[str, float | None]:
        return {i: min(100.0, basis + n * 1.25) for n, i in enumerate(ids)}

    bouwstenen = [b.id for b in vl.bouwstenen]
    return Kerncijfers(
        vragenlijst_versie=vl.versie,
        deelnemers=8,
        totaal=basis,
        typen=tabel(["kern", "aanvullend"]),
        dimensies=tabel([d.id for d in vl.meta.dimensies]),
        kenmerken=tabel([k.id for k in vl.meta.kenmerken]),
        bouwstenen=tabel(bouwstenen) | {bouwstenen[3]: None},
        ambities=tabel(bouwstenen),
    )


def test_excel__formula_label_is_text_and_dutch_characters_survive(vragenlijst: Vragenlijst) -> None:
    rondes = [(FORMULE, _kc(vragenlijst, 40)), ("Súdwest-Fryslân · 01-03-2026", _kc(vragenlijst, 50))]
    wb = _lees(vergelijking_excel(vragenlijst, rondes, verschil=(FORMULE, "Súdwest-Fryslân · 01-03-2026")))
    for blad, rij, kolom in (("Overzicht", 7, 1), ("Bouwstenen", 1, 5), ("Dimensies", 1, 2), ("Verschil", 1, 3)):
        cel = wb[blad].cell(rij, kolom)
        assert (cel.value, cel.data_type) == (FORMULE, "s")
        assert cel.quotePrefix  # stays text when someone edits the cell in Excel
    assert wb["Overzicht"].cell(8, 1).value == "Súdwest-Fryslân · 01-03-2026"
    assert wb["Bouwstenen"].cell(1, 6).value == "Súdwest-Fryslân · 01-03-2026"
    # Plain labels get no quote prefix.
    assert not wb["Bouwstenen"].cell(1, 6).quotePrefix


def test_excel__header_bold_frozen_filtered_and_overview_says_what_it_is(vragenlijst: Vragenlijst) -> None:
    rondes = [("Ede · 2025", _kc(vragenlijst, 30)), ("Ede · 2026", _kc(vragenlijst, 42))]
    wb = _lees(vergelijking_excel(vragenlijst, rondes, gemaakt=dt.date(2026, 3, 1), titel="Ede"))
    for naam in ("Bouwstenen", "Dimensies"):
        ws = wb[naam]
        assert ws.freeze_panes == "A2"
        assert all(c.font.bold for c in ws[1])
        assert ws.auto_filter.ref.startswith("A1:")
    ws = wb["Bouwstenen"]
    assert [c.value for c in ws[1]][:4] == ["Nummer", "Bouwsteen", "Dimensie", "Type"]
    assert ws.cell(5, 5).value is None  # bouwsteen 4 has no score: an empty cell
    assert ws.cell(2, 5).number_format == "0.0"
    overzicht = wb["Overzicht"]
    waarden = {overzicht.cell(r, 1).value: overzicht.cell(r, 2).value for r in range(1, 5)}
    assert waarden["Titel"] == "Ede"
    assert waarden["Gemaakt op"] == dt.datetime(2026, 3, 1)
    assert "VNG" in waarden["Let op"] and "niet de officiële" in waarden["Let op"]
    assert overzicht.freeze_panes == "A7"


def test_excel__change_sheet_adds_up(vragenlijst: Vragenlijst) -> None:
    rondes = [("oud", _kc(vragenlijst, 30.04)), ("nieuw", _kc(vragenlijst, 42.16))]
    wb = _lees(vergelijking_excel(vragenlijst, rondes, verschil=("oud", "nieuw")))
    ws = wb["Verschil"]
    assert [c.value for c in ws[1]] == ["Soort", "Onderdeel", "oud", "nieuw", "Verschil (scorepunten)"]
    assert [ws.cell(2, k).value for k in range(1, 6)] == ["kern/aanvullend", "Kernbouwstenen", 30.0, 42.2, 12.2]
    assert [ws.cell(ws.max_row, k).value for k in range(1, 3)] == ["totaal", "Alle 16 bouwstenen, gelijk gewogen"]
    for r in range(2, ws.max_row + 1):
        a, b, d = (ws.cell(r, k).value for k in (3, 4, 5))
        assert d is None if a is None or b is None else d == pytest.approx(b - a)
    assert ws.max_row == 1 + 3 + 5 + 16


@pytest.mark.parametrize("verschil", [("oud", "oud"), ("oud", "onbekend")])
def test_excel__change_needs_two_round_labels(vragenlijst: Vragenlijst, verschil: tuple[str, str]) -> None:
    rondes = [("oud", _kc(vragenlijst, 30)), ("nieuw", _kc(vragenlijst, 42))]
    with pytest.raises(ValueError):
        vergelijking_excel(vragenlijst, rondes, verschil=verschil)
    with pytest.raises(ValueError):
        vergelijking_excel(vragenlijst, [("x", _kc(vragenlijst, 1)), ("x", _kc(vragenlijst, 2))])


def test_excel__benchmark_shows_quartiles_and_place_never_the_members(vragenlijst: Vragenlijst) -> None:
    peers = {f"GM{100 + i:04d}": _kc(vragenlijst, 20.0 + 5 * i) for i in range(8)}
    eigen = _kc(vragenlijst, 80)
    vijf = vragenlijst.bouwstenen[4]
    eigen = eigen.model_copy(update={"bouwstenen": eigen.bouwstenen | {vijf.id: None}})
    bm = benchmark(eigen, "Provincie Fryslân", peers)
    wb = _lees(vergelijking_excel(vragenlijst, [("Ede · 2026", eigen)], benchmark=bm))
    ws = wb["Benchmark"]
    assert (ws.cell(1, 2).value, ws.cell(2, 2).value) == ("Provincie Fryslân", 8)
    assert [c.value for c in ws[5]] == [
        "Soort",
        "Onderdeel",
        "Eigen score",
        "Q1 (25%)",
        "Mediaan",
        "Q3 (75%)",
        "Plaats",
    ]
    rijen = {r[1]: r for r in ws.iter_rows(min_row=6, values_only=True)}
    totaal = rijen["Kernbouwstenen"]
    assert totaal[2] == 80.0 and totaal[6] == PLAATS_NL["boven"]
    assert totaal[3] is not None and totaal[3] <= totaal[4] <= totaal[5]
    assert rijen[onderdeel_naam(vragenlijst, "bouwsteen", vijf.id)][6] == "geen eigen score"
    assert rijen[onderdeel_naam(vragenlijst, "bouwsteen", vragenlijst.bouwstenen[3].id)][6] == TE_WEINIG
    alle = [str(c.value) for blad in wb for rij in blad.iter_rows() for c in rij if c.value is not None]
    assert not any(code in cel for code in peers for cel in alle)


def test_excel__benchmark_with_too_few_gemeenten_says_so(vragenlijst: Vragenlijst) -> None:
    bm = benchmark(_kc(vragenlijst, 50), "Klein", {"GM0001": _kc(vragenlijst, 10)})
    wb = _lees(vergelijking_excel(vragenlijst, [("Ede", _kc(vragenlijst, 50))], benchmark=bm))
    plaatsen = {r[6] for r in wb["Benchmark"].iter_rows(min_row=6, values_only=True)}
    assert plaatsen == {TE_WEINIG}
    assert "Verschil" not in wb.sheetnames


def test_every_series_colour_reaches_3_to_1_on_white_and_stays_apart() -> None:
    assert all(contrast(k, "#ffffff") >= 3 for k in PALET)
    assert len(set(PALET)) == len(PALET)


@pytest.mark.parametrize("maak", ["overlay", "heatmap", "verschil", "benchmark"])
def test_every_comparison_chart_has_our_text_colour_and_no_coordinate_nodes(maak: str) -> None:
    assen = ["Kanaalinzet", "Kanaalregie", "Data"]
    spec = {
        "overlay": lambda: overlay_spec(assen, {"A": [10, 20, 30], "B": [40, 50, 60]}),
        "heatmap": lambda: heatmap_spec(assen, ["A"], {(a, "A"): 50.0 for a in assen}),
        "verschil": lambda: verschil_spec(assen, [10, 20, 30], [40, 50, 60], label_oud="A", label_nieuw="B"),
        "benchmark": lambda: benchmark_spec([(a, 50.0, GROEP) for a in assen]),
    }[maak]()
    assert spec["config"] == spec["config"] | TOEGANKELIJK
