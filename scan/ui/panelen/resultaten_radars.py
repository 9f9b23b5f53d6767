"""Resultaten's radars: current against ambition per group (kern, aanvullend, dimensies,
kenmerken), each with the table behind the chart."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from reports import charts
from reports.duiding import kenmerk_as, samenstelling
from scan.ui.grafieken import grafiek
from scan.ui.teksten import t
from scoring.models import Vragenlijst
from scoring.resultaat import ScanResultaat


def _radar(
    assen: list[str],
    huidig: list[float | None],
    ambitie: list[float | None] | None,
    titel: str,
    extra: tuple[str, list[str]] | None = None,
    *,
    sleutel: str,
) -> None:
    """A radar with its table; ``extra`` is one more column (head, values) after the names."""
    # One more column needs more room beside the radar, still without side scroll.
    links, rechts = st.columns([1, 1] if extra is None else [4, 5], vertical_alignment="center")
    beschrijving = t("resultaten.radar.alt", titel=titel)
    with links:
        # The description stays in the spec (the PDF's PNG comes from the same spec); alt names the
        # chart on screen, as on the other pages.
        grafiek(
            charts.radar_spec(assen, huidig, ambitie, titel=titel, beschrijving=beschrijving),
            sleutel=f"resultaten-{sleutel}",
            alt=beschrijving,
        )
    tabel = charts.radar_tabel(assen, huidig, ambitie)
    if extra is not None:
        tabel.insert(1, extra[0], extra[1])
    # Narrow number columns, so the whole table fits beside the radar on a laptop (no side scroll).
    tekst = {"Onderdeel", extra[0] if extra else ""}
    breed = 64 if extra is None else 52
    smal: dict[str, Any] = {}
    for k in tabel.columns:
        if k in tekst:
            continue
        # A missing score reads "–": the grid draws a missing number as the English "None".
        tabel[k] = [_getal(v) for v in tabel[k]]
        smal[k] = st.column_config.TextColumn(width=breed, alignment="right")
    if extra is not None:  # one more text column: still no side scroll beside the radar
        smal[extra[0]] = st.column_config.TextColumn(width=130)
    rechts.dataframe(tabel, hide_index=True, width="stretch", column_config=smal)


def toon_bouwstenen(vl: Vragenlijst, resultaat: ScanResultaat, soort: str) -> None:
    namen = {b.id: b.naam.nl for b in vl.bouwstenen}
    leden = [b for b in resultaat.bouwstenen if b.type == soort]
    _radar(
        [namen[b.bouwsteen] for b in leden],
        [b.score for b in leden],
        [b.ambitie_score for b in leden],
        t(f"resultaten.tab.{soort}"),
        sleutel=soort,
    )


def toon_dimensies(vl: Vragenlijst, resultaat: ScanResultaat) -> None:
    dimensienamen: dict[str, str] = {d.id: d.naam.nl for d in vl.meta.dimensies}
    _radar(
        [dimensienamen[d.id] for d in resultaat.dimensies],
        [d.score for d in resultaat.dimensies],
        [d.ambitie_score for d in resultaat.dimensies],
        t("resultaten.tab.dimensies"),
        (t("resultaten.kol.samenstelling"), [samenstelling(vl, d.id) for d in resultaat.dimensies]),
        sleutel="dimensies",
    )
    st.caption(t("resultaten.dimensies.uitleg"))


def toon_kenmerken(vl: Vragenlijst, resultaat: ScanResultaat) -> None:
    kenmerknamen = {k.id: k.naam.nl for k in vl.meta.kenmerken}
    _radar(
        [kenmerk_as(kenmerknamen[k.id], k.onderdelen_totaal) for k in resultaat.kenmerken],
        [k.score for k in resultaat.kenmerken],
        None,
        t("resultaten.tab.kenmerken"),
        sleutel="kenmerken",
    )
    st.caption(f"{t('resultaten.kenmerken.uitleg')} {t('resultaten.kenmerken.aantal')}")


def _getal(waarde: Any) -> str:
    return "–" if pd.isna(waarde) else str(int(waarde))
