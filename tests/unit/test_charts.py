"""Chart specs of reports/charts.py, checked on the Vega-Lite dict (no rendering needed)."""

from __future__ import annotations

import json
import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reports.charts import (
    HUIDIG as HUIDIG_NAAM,
)
from reports.charts import (
    KLEUREN,
    TOEGANKELIJK,
    contrast,
    mengkleur,
    radar,
    radar_spec,
    radar_tabel,
    tekstkleur_op,
    verdeling,
)

ACHT = [
    "Kanaalinzet",
    "Organisatie van interactie",
    "Klantbeeld",
    "Sturing",
    "Medewerkers",
    "Informatievoorziening",
    "Techniek",
    "Samenwerking in de keten",
]
HUIDIG = [10.0, 20.0, 100.0, 0.0, 50.0, 60.0, 70.0, 80.0]
AMBITIE = [50.0, 60.0, 70.0, 80.0, 90.0, 100.0, 40.0, 30.0]


def _layer(spec: dict[str, Any], name: str) -> dict[str, Any]:
    return next(layer for layer in spec["layer"] if layer.get("name") == name)


def _names(spec: dict[str, Any]) -> list[str]:
    return [layer.get("name", "") for layer in spec["layer"]]


def _rows(spec: dict[str, Any], layer: dict[str, Any]) -> list[dict[str, Any]]:
    data = layer["data"]
    rows: list[dict[str, Any]] = data["values"] if "values" in data else spec["datasets"][data["name"]]
    return rows


def _label_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return [row for layer in spec["layer"] if layer["name"].startswith("labels-") for row in _rows(spec, layer)]


def _line(spec: dict[str, Any], reeks: str) -> list[dict[str, Any]]:
    rows = [r for r in _rows(spec, _layer(spec, "lijnen")) if r["Reeks"] == reeks]
    return sorted(rows, key=lambda r: r["volgorde"])


def _dist(row: dict[str, Any]) -> float:
    return math.hypot(row["x"], row["y"])


# --- radar -----------------------------------------------------------------------------------


def test_radar__one_label_per_axis_outside_the_rim() -> None:
    spec = radar(ACHT, HUIDIG, AMBITIE).to_dict()
    labels = _label_rows(spec)
    assert sorted(r["Label"].replace("\n", " ") for r in labels) == sorted(ACHT)
    assert all(_dist(r) > 100 for r in labels)


def test_radar__long_labels_wrap_into_short_lines() -> None:
    labels = {r["Label"].replace("\n", " "): r["Label"] for r in _label_rows(radar(ACHT, HUIDIG).to_dict())}
    assert labels["Samenwerking in de keten"] == "Samenwerking\nin de keten"  # balanced, not greedy
    assert labels["Organisatie van interactie"].count("\n") == 1
    assert labels["Kanaalinzet"] == "Kanaalinzet"
    # A single long word cannot be broken; every other line fits.
    assert all(len(line) <= 18 or " " not in line for label in labels.values() for line in label.split("\n"))


def test_radar__labels_align_away_from_the_centre() -> None:
    spec = radar(ACHT, HUIDIG).to_dict()
    aligns = {
        row["Label"]: layer["mark"]["align"]
        for layer in spec["layer"]
        if layer["name"].startswith("labels-")
        for row in _rows(spec, layer)
    }
    assert aligns["Kanaalinzet"] == "center"  # top
    assert aligns["Klantbeeld"] == "left"  # right-hand side
    assert aligns["Techniek"] == "right"  # left-hand side


def test_radar__multi_line_labels_grow_away_from_the_chart() -> None:
    # Vega draws extra lines below the anchor, so a two-line top label must be anchored higher.
    def top_y(eerste: str) -> float:
        rows = _label_rows(radar([eerste, "b", "c", "d"], [50.0] * 4).to_dict())
        return float(next(r["y"] for r in rows if r["Label"].startswith(eerste.split()[0])))

    assert top_y("Kort") == pytest.approx(112)
    assert top_y("Organisatie van interactie") > 112


def test_radar__huidig_polygon_is_closed() -> None:
    line = _line(radar(ACHT, HUIDIG, AMBITIE).to_dict(), "Huidig")
    assert len(line) == 9
    assert (line[0]["x"], line[0]["y"]) == (line[-1]["x"], line[-1]["y"])
    assert [r["Onderdeel"] for r in line] == [*ACHT, ACHT[0]]


def test_radar__score_100_on_the_rim_and_0_in_the_centre() -> None:
    line = _line(radar(ACHT, HUIDIG).to_dict(), "Huidig")
    assert _dist(line[2]) == pytest.approx(100, abs=1e-4)  # Klantbeeld: 100
    assert _dist(line[3]) == pytest.approx(0, abs=1e-4)  # Sturing: 0
    assert _dist(line[4]) == pytest.approx(50, abs=1e-4)


def test_radar__first_axis_at_the_top_then_clockwise() -> None:
    line = _line(radar(ACHT, [100.0] * 8).to_dict(), "Huidig")
    assert (line[0]["x"], line[0]["y"]) == pytest.approx((0, 100), abs=1e-4)
    assert (line[2]["x"], line[2]["y"]) == pytest.approx((100, 0), abs=1e-4)  # a quarter turn: right
    assert (line[6]["x"], line[6]["y"]) == pytest.approx((-100, 0), abs=1e-4)


def test_radar__grid_rings_at_the_band_boundaries() -> None:
    spec = radar(ACHT, HUIDIG).to_dict()
    raster = _rows(spec, _layer(spec, "raster"))
    rings = {r["lijn"]: _dist(r) for r in raster if r["lijn"].startswith("ring")}
    assert {round(d) for d in rings.values()} == {20, 40, 60, 80, 100}
    assert [r["tekst"] for r in _rows(spec, _layer(spec, "ringlabels"))] == ["20", "40", "60", "80", "100"]
    assert sum(r["lijn"].startswith("spaak") for r in raster) == 2 * 8


def test_radar__ambitie_dashed_with_another_shape_and_colour() -> None:
    spec = radar(ACHT, HUIDIG, AMBITIE).to_dict()
    dash = _layer(spec, "lijnen")["encoding"]["strokeDash"]["scale"]
    shape = _layer(spec, "punten")["encoding"]["shape"]["scale"]
    colour = _layer(spec, "punten")["encoding"]["color"]["scale"]
    assert dash["domain"] == shape["domain"] == colour["domain"] == ["Huidig", "Ambitie"]
    assert dash["range"][0] == [1, 0]  # solid
    assert dash["range"][1][1] > 0  # a real gap: dashed
    assert shape["range"][0] != shape["range"][1]
    assert colour["range"][0] != colour["range"][1]
    assert _layer(spec, "punten")["encoding"]["shape"]["legend"] is not None  # legend shows the shapes


def test_radar__none_is_left_out_and_the_polygon_still_closes() -> None:
    spec = radar(ACHT, [10.0, None, 100.0, 0.0, 50.0, None, 70.0, 80.0]).to_dict()
    line = _line(spec, "Huidig")
    assert len(line) == 7  # 6 scores + closing point
    assert (line[0]["x"], line[0]["y"]) == (line[-1]["x"], line[-1]["y"])
    points = _rows(spec, _layer(spec, "punten"))
    assert {p["Onderdeel"] for p in points} == set(ACHT) - {ACHT[1], ACHT[5]}


def test_radar__first_axis_missing_closes_on_the_first_present_point() -> None:
    line = _line(radar(ACHT, [None, *HUIDIG[1:]]).to_dict(), "Huidig")
    assert line[0]["Onderdeel"] == line[-1]["Onderdeel"] == ACHT[1]


def test_radar__series_without_any_score_is_not_drawn() -> None:
    spec = radar(ACHT, [None] * 8, AMBITIE).to_dict()
    assert _line(spec, "Huidig") == []
    assert "vlak" not in _names(spec)
    assert _layer(spec, "lijnen")["encoding"]["color"]["scale"]["domain"] == ["Ambitie"]
    assert "lijnen" not in _names(radar(ACHT, [None] * 8).to_dict())


def test_radar__without_ambitie_only_huidig() -> None:
    spec = radar(ACHT, HUIDIG).to_dict()
    assert {r["Reeks"] for r in _rows(spec, _layer(spec, "lijnen"))} == {"Huidig"}
    assert "vlak" in _names(spec)


def test_radar__tooltip_shows_axis_series_and_whole_score() -> None:
    spec = radar(ACHT, [62.5, 0.4, *HUIDIG[2:]]).to_dict()
    tooltip = _layer(spec, "punten")["encoding"]["tooltip"]
    assert [t["field"] for t in tooltip] == ["Onderdeel", "Reeks", "Score"]
    scores = {p["Onderdeel"]: p["Score"] for p in _rows(spec, _layer(spec, "punten"))}
    assert (scores[ACHT[0]], scores[ACHT[1]]) == (63, 0)  # half up, like the bands


def test_radar__title_description_font_and_square_size() -> None:
    spec = radar(ACHT, HUIDIG, titel="Bouwstenen", grootte=400, beschrijving="Radar van 8 bouwstenen").to_dict()
    assert spec["title"] == {"text": "Bouwstenen", "aria": False}
    assert spec["description"] == "Radar van 8 bouwstenen"
    assert spec["config"]["font"] == "DejaVu Sans"
    assert spec["config"]["view"]["stroke"] is None
    assert spec["width"] == spec["height"] == 400
    x = _layer(spec, "lijnen")["encoding"]["x"]
    assert x["axis"] is None
    assert x["scale"]["domain"][0] == -x["scale"]["domain"][1] < -_dist(_label_rows(spec)[0])
    assert "title" not in radar(ACHT, HUIDIG).to_dict()


def test_radar__sixteen_axes() -> None:
    assen = [f"Bouwsteen nummer {i}" for i in range(16)]
    spec = radar(assen, [i * 6.0 for i in range(16)], [90.0] * 16).to_dict()
    assert len(_label_rows(spec)) == 16
    assert len(_line(spec, "Huidig")) == len(_line(spec, "Ambitie")) == 17


def test_radar__is_deterministic() -> None:
    assert radar(ACHT, HUIDIG, AMBITIE).to_dict() == radar(ACHT, HUIDIG, AMBITIE).to_dict()


@pytest.mark.parametrize(
    ("assen", "huidig", "ambitie"),
    [
        (ACHT, HUIDIG[:7], None),  # huidig too short
        (ACHT, HUIDIG, AMBITIE[:7]),  # ambitie too short
        (ACHT[:2], HUIDIG[:2], None),  # too few axes
        ([f"as {i}" for i in range(17)], [50.0] * 17, None),  # too many axes
        (ACHT, [101.0, *HUIDIG[1:]], None),  # out of range
    ],
)
def test_radar__invalid_input_raises(assen: list[str], huidig: list[float], ambitie: list[float] | None) -> None:
    with pytest.raises(ValueError):
        radar(assen, huidig, ambitie)


# --- verdeling (heatmap) ---------------------------------------------------------------------

LANG = "1. Klanten kunnen bij elk kanaal terecht met iedere vraag, en krijgen overal hetzelfde antwoord"
STELLINGEN = [LANG, "2. Medewerkers weten wat er speelt", "3. Wij meten tevredenheid"]
VERDELINGEN = [[1, 2, 3, 0, 0], [0, 0, 6, 1, 0], [0, 0, 0, 0, 0]]


def _heatmap(**kwargs: Any) -> dict[str, Any]:
    args: dict[str, Any] = {"weet_niet": [1, 0, 2], "nvt": [0, 1, 0], "consensus": [3, None, None]} | kwargs
    spec: dict[str, Any] = verdeling(STELLINGEN, VERDELINGEN, **args).to_dict()
    return spec


def test_verdeling__one_row_per_stelling_and_seven_columns() -> None:
    spec = _heatmap()
    cells = _rows(spec, _layer(spec, "cellen"))
    y = _layer(spec, "cellen")["encoding"]["y"]
    assert len(y["sort"]) == len({c["Stelling"] for c in cells}) == 3
    assert y["sort"][1:] == STELLINGEN[1:]
    assert _layer(spec, "cellen")["encoding"]["x"]["scale"]["domain"] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "weet niet",
        "n.v.t.",
    ]
    assert len(cells) == 3 * 7


def test_verdeling__counts_are_written_in_the_cells() -> None:
    spec = _heatmap()
    text = _layer(spec, "aantallen")
    assert text["mark"]["type"] == "text"
    assert text["encoding"]["text"]["field"] == "Aantal"
    counts = {(r["Stelling"], r["Antwoord"]): r["Aantal"] for r in _rows(spec, text)}
    assert counts[(STELLINGEN[1], "3")] == 6
    assert counts[(STELLINGEN[2], "weet niet")] == 2
    assert counts[(STELLINGEN[1], "n.v.t.")] == 1


def test_verdeling__long_stelling_is_cut_with_ellipsis_but_whole_in_tooltip() -> None:
    spec = _heatmap()
    first = _rows(spec, _layer(spec, "cellen"))[0]
    assert len(first["Stelling"]) <= 60
    assert first["Stelling"].endswith("…")
    assert LANG.startswith(first["Stelling"][:-1])
    assert first["Tekst"] == LANG
    assert {"field": "Tekst", "title": "Stelling", "type": "nominal"} in _layer(spec, "cellen")["encoding"]["tooltip"]


def test_verdeling__consensus_cell_is_outlined_and_named_in_tooltip() -> None:
    spec = _heatmap()
    outline = _layer(spec, "consensus")
    assert outline["mark"]["stroke"] == "black"
    assert outline["mark"]["strokeWidth"] >= 2
    rows = _rows(spec, outline)
    assert [(r["Stelling"][:10], r["Antwoord"], r["Toelichting"]) for r in rows] == [(LANG[:10], "3", "3 (consensus)")]
    assert "consensus" not in _names(_heatmap(consensus=None))


def test_verdeling__white_for_zero_and_text_colour_follows_the_cell() -> None:
    spec = _heatmap()
    assert _layer(spec, "cellen")["encoding"]["color"] == {"field": "Vulling", "type": "nominal", "scale": None}
    rows = {(r["Stelling"], r["Antwoord"]): r for r in _rows(spec, _layer(spec, "aantallen"))}
    assert rows[(STELLINGEN[1], "3")]["Vulling"] == KLEUREN[HUIDIG_NAAM]  # the highest count: the darkest cell
    assert rows[(STELLINGEN[1], "3")]["Tekstkleur"] == "#ffffff"
    assert rows[(STELLINGEN[2], "1")]["Vulling"] == "#ffffff"  # zero: white cell, black text
    assert rows[(STELLINGEN[2], "1")]["Tekstkleur"] == "#000000"
    assert _layer(spec, "aantallen")["encoding"]["color"] == {"field": "Tekstkleur", "type": "nominal", "scale": None}


@given(aandeel=st.floats(min_value=0, max_value=1, allow_nan=False))
def test_verdeling__every_cell_colour_has_text_of_at_least_4_5_to_1(aandeel: float) -> None:
    """WCAG 1.4.3 over the whole colour scale of the heatmap, not only at its ends."""
    vulling = mengkleur(aandeel, KLEUREN[HUIDIG_NAAM])
    assert contrast(tekstkleur_op(vulling), vulling) >= 4.5


@settings(max_examples=20, deadline=None)
@given(hoogste=st.integers(min_value=1, max_value=200), data=st.data())
def test_verdeling__cells_drawn_have_readable_counts(hoogste: int, data: st.DataObject) -> None:
    aantallen = data.draw(st.lists(st.integers(min_value=0, max_value=hoogste), min_size=5, max_size=5))
    spec: dict[str, Any] = verdeling(["Eén stelling"], [aantallen], [hoogste], [0]).to_dict()
    rows = spec["datasets"][spec["data"]["name"]]  # one dataset for all layers without a consensus
    assert len(rows) == 7
    for r in rows:
        assert contrast(r["Tekstkleur"], r["Vulling"]) >= 4.5


def test_mengkleur__ends_and_refuses_outside_the_scale() -> None:
    assert mengkleur(0, "#1f4e79") == "#ffffff"
    assert mengkleur(1, "#1f4e79") == "#1f4e79"
    with pytest.raises(ValueError):
        mengkleur(1.5, "#1f4e79")


def test_contrast__known_pairs() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#808495", "#ffffff") == pytest.approx(3.72, abs=0.01)  # Streamlit's chart grey


def test_verdeling__readable_on_a_projector() -> None:
    spec = _heatmap(titel="Kanaalinzet")
    encoding = _layer(spec, "cellen")["encoding"]
    assert encoding["x"]["axis"]["labelFontSize"] >= 13
    assert encoding["y"]["axis"]["labelFontSize"] >= 13
    assert _layer(spec, "aantallen")["mark"]["fontSize"] >= 13
    assert spec["title"] == {"text": "Kanaalinzet", "aria": False}
    assert spec["config"]["font"] == "DejaVu Sans"


@pytest.mark.parametrize(
    "kwargs",
    [
        {"weet_niet": [1, 0]},  # one short
        {"consensus": [3, None]},  # one short
        {"consensus": [6, None, None]},  # no such level
        {"nvt": [0, -1, 0]},  # negative count
    ],
)
def test_verdeling__invalid_input_raises(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        _heatmap(**kwargs)


def test_verdeling__needs_five_levels_and_distinct_labels() -> None:
    with pytest.raises(ValueError):
        verdeling(["a"], [[1, 2, 3, 4]], [0], [0])
    with pytest.raises(ValueError):
        verdeling([LANG, LANG + " ook"], [[0] * 5] * 2, [0, 0], [0, 0])


# --- radar_tabel -----------------------------------------------------------------------------


def test_radar_tabel__whole_scores_gap_and_na() -> None:
    tabel = radar_tabel(["a", "b", "c", "d"], [40.5, None, 30.0, 0.4], [60.0, 70.0, None, 100.0])
    assert list(tabel.columns) == ["Onderdeel", "Huidig", "Ambitie", "Nog te gaan"]
    assert all(str(tabel[k].dtype) == "Int64" for k in ["Huidig", "Ambitie", "Nog te gaan"])
    assert tabel["Onderdeel"].tolist() == ["a", "b", "c", "d"]
    assert tabel["Huidig"].tolist() == [41, pd.NA, 30, 0]
    assert tabel["Ambitie"].tolist() == [60, 70, pd.NA, 100]
    assert tabel["Nog te gaan"].tolist() == [19, pd.NA, pd.NA, 100]  # between the shown, rounded scores


def test_radar_tabel__without_ambitie_no_gap() -> None:
    tabel = radar_tabel(["a", "b"], [12.0, float("nan")])
    assert list(tabel.columns) == ["Onderdeel", "Huidig"]
    assert tabel["Huidig"].tolist() == [12, pd.NA]


def test_radar_tabel__mismatched_lengths_raise() -> None:
    with pytest.raises(ValueError):
        radar_tabel(["a", "b"], [1.0], None)


def _met_data_ingevuld(spec: dict[str, Any]) -> dict[str, Any]:
    """The spec with every named dataset put inline, so two specs compare by content only."""
    datasets = spec.pop("datasets", {})
    for laag in spec.get("layer", []):
        naam = laag.get("data", {}).get("name")
        if naam is not None:
            laag["data"] = {"values": datasets[naam]}
    return spec


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(
    n=st.integers(min_value=3, max_value=16),
    data=st.data(),
)
def test_radar_spec__equals_the_altair_chart_for_any_scores(n: int, data: st.DataObject) -> None:
    score = st.one_of(st.none(), st.floats(min_value=0, max_value=100, allow_nan=False))
    assen = [f"Onderdeel {i} met een wat langere naam" for i in range(n)]
    huidig = data.draw(st.lists(score, min_size=n, max_size=n))
    ambitie = data.draw(st.one_of(st.none(), st.lists(score, min_size=n, max_size=n)))
    snel = radar_spec(assen, huidig, ambitie, titel="Titel", beschrijving="Uitleg")
    traag = radar(assen, huidig, ambitie, titel="Titel", beschrijving="Uitleg").to_dict()
    assert json.loads(json.dumps(_met_data_ingevuld(snel))) == json.loads(json.dumps(_met_data_ingevuld(traag)))


def test_radar_spec__does_not_share_state_between_calls() -> None:
    assen = ["a", "b", "c"]
    eerste = radar_spec(assen, [10, 20, 30])
    radar_spec(assen, [90, 90, 90])
    lijnen = next(laag for laag in eerste["layer"] if laag.get("name") == "lijnen")
    assert [r["Score"] for r in lijnen["data"]["values"]] == [10, 20, 30, 10]


# --- contrast and screen readers (WCAG 1.4.3, 1.4.11, 4.1.2) ---------------------------------


def test_series_colours_reach_3_to_1_on_white() -> None:
    for kleur in KLEUREN.values():
        assert contrast(kleur, "#ffffff") >= 3


@pytest.mark.parametrize(
    "spec",
    [
        pytest.param(lambda: radar_spec(ACHT, HUIDIG, AMBITIE, titel="T", beschrijving="B"), id="radar"),
        pytest.param(lambda: _heatmap(titel="Kanaalinzet"), id="verdeling"),
    ],
)
def test_text_in_our_colour_and_no_coordinate_nodes(spec: Any) -> None:
    config = spec()["config"]
    for deel in ("axis", "legend"):
        assert contrast(config[deel]["labelColor"], "#ffffff") >= 4.5
        assert contrast(config[deel]["titleColor"], "#ffffff") >= 4.5
    assert contrast(config["title"]["color"], "#ffffff") >= 4.5
    assert config["aria"] is False and config["mark"]["aria"] is False
    assert spec()["title"]["aria"] is False  # no English "Title text '...'" node
    assert config == config | TOEGANKELIJK


def test_radar__room_beside_it_for_wider_text_spacing() -> None:
    spec = radar_spec(ACHT, HUIDIG)
    assert spec["padding"]["left"] >= 20 and spec["padding"]["right"] >= 20
