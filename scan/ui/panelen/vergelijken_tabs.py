"""The four tabs of the page Vergelijken: radar, heatmap, development and benchmark.

Layer: ``scan/ui`` (Streamlit). Every chart has its table; the rules (which rounds, which parts,
the minimum group) come from ``scan.services.vergelijken`` and ``scoring.vergelijking``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from reports import vergelijking as rapport
from reports.duiding import PLAATS_TEKST, benchmark_zin, onderdeel_naam
from scan.fouten import InvoerFout
from scan.leesmodellen import RondeKort
from scan.services import vergelijken
from scan.ui.grafieken import bewaarde_spec, grafiek
from scan.ui.opmaak import letterlijke_tabel
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.afronding import heel
from scoring.models import Vragenlijst
from scoring.vergelijking import MIN_GROEP, Benchmark, Kerncijfers, Ontwikkeling, Soort, onderdelen

Reeksen = Sequence[tuple[str, Kerncijfers]]


def _heel(score: float | None) -> int | None:
    return None if score is None else heel(score)


def _naam(vl: Vragenlijst, soort: Soort, onderdeel: str) -> str:
    return onderdeel_naam(vl, soort, onderdeel)


def _tabel(vl: Vragenlijst, reeksen: Reeksen, delen: Sequence[tuple[Soort, str]]) -> pd.DataFrame:
    kolommen: dict[str, list[str] | list[int | None]] = {
        t("vergelijken.kol.onderdeel"): [_naam(vl, s, o) for s, o in delen]
    }
    for label, k in reeksen:
        kolommen[label] = [_heel(k.score(s, o)) for s, o in delen]
    return pd.DataFrame(kolommen)


def radar(vl: Vragenlijst, reeksen: Reeksen) -> None:
    groepen: dict[str, list[tuple[Soort, str]]] = {
        "kern": [("bouwsteen", b.id) for b in vl.bouwstenen if b.type == "kern"],
        "aanvullend": [("bouwsteen", b.id) for b in vl.bouwstenen if b.type != "kern"],
        "dimensies": [("dimensie", d.id) for d in vl.meta.dimensies],
    }
    # Radio buttons rather than a segmented control: its labels were clipped under the user's
    # own text spacing (WCAG 1.4.12) and its selected text had 4.47:1.
    groep = st.radio(
        t("vergelijken.radar.groep"),
        list(groepen),
        index=0,
        format_func=lambda g: t(f"vergelijken.radar.{g}"),
        key="vergelijken_radargroep",
        horizontal=True,
    )
    delen = groepen[groep]
    # The table below rather than beside: one column per round does not fit beside a radar.
    grafiek(
        bewaarde_spec(
            rapport.overlay_spec,
            [_naam(vl, s, o).split(". ", 1)[-1] for s, o in delen],
            {label: [k.score(s, o) for s, o in delen] for label, k in reeksen},
            titel=t(f"vergelijken.radar.{groep}"),
        ),
        sleutel="vergelijken-radar",
        alt=t("vergelijken.radar.alt"),
    )
    # st.table renders names and column headers (round labels: gemeente names) as Markdown.
    st.table(letterlijke_tabel(_tabel(vl, reeksen, delen), kolomnamen=True), hide_index=True)


def heatmap(vl: Vragenlijst, reeksen: Reeksen) -> None:
    bouwstenen: list[tuple[Soort, str]] = [("bouwsteen", b.id) for b in vl.bouwstenen]
    grafiek(
        bewaarde_spec(
            rapport.heatmap_spec,
            [_naam(vl, s, o) for s, o in bouwstenen],
            [label for label, _ in reeksen],
            {(_naam(vl, s, o), label): k.score(s, o) for s, o in bouwstenen for label, k in reeksen},
            titel=t("vergelijken.heatmap.titel"),
            schaal=vl.schaal,
        ),
        sleutel="vergelijken-heatmap",
        alt=t("vergelijken.heatmap.alt"),
        passen="schuivend",
    )
    with st.expander(t("vergelijken.tabel")):
        st.dataframe(_tabel(vl, reeksen, onderdelen(reeksen[0][1])), hide_index=True)


def ontwikkeling(
    vl: Vragenlijst,
    per_id: dict[int, RondeKort],
    gekozen: Sequence[int],
    cijfers: dict[int, Kerncijfers],
    labels: dict[int, str],
) -> tuple[str, str, Ontwikkeling] | None:
    """The change between the two latest chosen rounds of a gemeente; their labels and the change, or None."""
    paren = vergelijken.ontwikkelingen(list(per_id.values()), gekozen)
    if not paren:
        st.info(t("vergelijken.ontwikkeling.geen"))
        return None
    gm = st.selectbox(
        t("vergelijken.ontwikkeling.gemeente"),
        list(paren),
        format_func=lambda c: per_id[paren[c][0]].gemeente,
        key="vergelijken_ontw",
        placeholder=t("algemeen.kies"),
    )
    oud_id, nieuw_id = paren[gm]
    oud, nieuw = cijfers[oud_id], cijfers[nieuw_id]
    ont = vergelijken.ontwikkeling(vl, oud, nieuw)
    if ont.over_versies:
        st.info(t("vergelijken.ontwikkeling.versies", oud=ont.versies[0], nieuw=ont.versies[1]), icon=":material/info:")
    delen: list[tuple[Soort, str]] = [("bouwsteen", b.id) for b in vl.bouwstenen]
    grafiek(
        bewaarde_spec(
            rapport.verschil_spec,
            [_naam(vl, s, o) for s, o in delen],
            # Where the versions measure something else, only the newer score is drawn: no bar
            # suggests a change that is a change of questions.
            [oud.score(s, o) if ont.vergelijkbaar.get((s, o)) else None for s, o in delen],
            [nieuw.score(s, o) for s, o in delen],
            label_oud=labels[oud_id],
            label_nieuw=labels[nieuw_id],
            titel=t("vergelijken.ontwikkeling.titel", gemeente=per_id[nieuw_id].gemeente),
        ),
        sleutel="vergelijken-ontwikkeling",
        alt=t("vergelijken.ontwikkeling.alt"),
    )
    verschillen = ont.verschillen
    tabel = {
        t("vergelijken.kol.onderdeel"): [_naam(vl, s, o) for s, o in verschillen],
        labels[oud_id]: [_heel(oud.score(s, o)) for s, o in verschillen],
        labels[nieuw_id]: [_heel(nieuw.score(s, o)) for s, o in verschillen],
        # Difference of the whole numbers shown, as in the chart, so each row adds up.
        t("vergelijken.kol.verschil"): [
            None if v is None else heel(nieuw.score(s, o) or 0) - heel(oud.score(s, o) or 0)
            for (s, o), v in verschillen.items()
        ],
    }
    if ont.over_versies:
        tabel[t("vergelijken.kol.opmerking")] = [ont.notities.get(deel, "") for deel in verschillen]
    st.dataframe(pd.DataFrame(tabel), hide_index=True)
    return labels[oud_id], labels[nieuw_id], ont


def benchmark(
    vl: Vragenlijst,
    benchmark_voor: Callable[[int, vergelijken.Groepering], Benchmark],
    per_id: dict[int, RondeKort],
    gekozen: Sequence[int],
    labels: dict[int, str],
) -> Benchmark | None:
    """A chosen round against its peers (``benchmark_voor(ronde_id, groepering)``, the person's
    checked use case); the benchmark shown, or None."""
    st.markdown(t("vergelijken.benchmark.uitleg", minimum=MIN_GROEP), anchors=False)
    kolom_ronde, kolom_groep = st.columns([3, 2])
    ronde_id = kolom_ronde.selectbox(
        t("vergelijken.benchmark.ronde"),
        gekozen,
        format_func=lambda i: labels[i],
        key="vergelijken_bm_ronde",
        placeholder=t("algemeen.kies"),
    )
    groepering = kolom_groep.radio(
        t("vergelijken.benchmark.groep"),
        vergelijken.GROEPERINGEN,
        format_func=lambda g: t(f"vergelijken.benchmark.{g}"),
        horizontal=True,
        key="vergelijken_bm_groep",
    )
    try:
        uitkomst = benchmark_voor(ronde_id, groepering)
    except InvoerFout as fout:
        st.info(letterlijk(str(fout)), icon=":material/visibility_off:")
        return None
    gemeente = per_id[ronde_id].gemeente
    st.markdown(f"**{letterlijk(benchmark_zin(gemeente, uitkomst))}**", anchors=False)
    if not uitkomst.voldoende:
        return uitkomst
    posities = vergelijken.benchmark_rijen(uitkomst)
    grafiek(
        bewaarde_spec(
            rapport.benchmark_spec,
            [(_naam(vl, p.soort, p.onderdeel), p.eigen, p.groep) for p in posities],
            titel=t("vergelijken.benchmark.titel", groep=uitkomst.groep),
            eigen_label=gemeente,
        ),
        sleutel="vergelijken-benchmark",
        alt=t("vergelijken.benchmark.alt"),
    )
    st.dataframe(
        pd.DataFrame(
            {
                t("vergelijken.kol.onderdeel"): [_naam(vl, p.soort, p.onderdeel) for p in posities],
                t("vergelijken.kol.eigen"): [_heel(p.eigen) for p in posities],
                "Q1": [None if p.groep is None else heel(p.groep.q1) for p in posities],
                t("vergelijken.kol.mediaan"): [None if p.groep is None else heel(p.groep.mediaan) for p in posities],
                "Q3": [None if p.groep is None else heel(p.groep.q3) for p in posities],
                t("vergelijken.kol.plaats"): [
                    PLAATS_TEKST[p.plaats] if p.plaats else t("vergelijken.te_weinig") for p in posities
                ],
            }
        ),
        hide_index=True,
    )
    return uitkomst
