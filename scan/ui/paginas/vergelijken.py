"""Vergelijken (advisers, facilitators, beheerders): rounds side by side, over time, and against peers.

Only rounds the person may see can be chosen; rounds asked for in the address (``?ronde=12``)
that are not theirs are refused with the reason, never shown. Every chart has its table.
"""

import datetime as dt
from collections import Counter

import pandas as pd
import streamlit as st

from reports import vergelijking as rapport
from reports.duiding import PLAATS_TEKST, benchmark_zin, onderdeel_naam
from scan.fouten import InvoerFout
from scan.services import vergelijken
from scan.ui.kern import database, gebruiker_of_stop, letterlijk, letterlijke_tabel, vragenlijst_of_stop
from scan.ui.teksten import t
from scoring.afronding import heel
from scoring.vergelijking import Kerncijfers, Soort, onderdelen, verschil

vl = vragenlijst_of_stop()
db = database()
gebruiker = gebruiker_of_stop(db)

st.title(t("vergelijken.titel"))
st.markdown(t("vergelijken.intro"))
rondes = vergelijken.zichtbare_rondes(db, gebruiker)
if not rondes:
    st.info(t("vergelijken.geen_rondes"))
    st.stop()
per_id = {r.id: r for r in rondes}

# Rounds named in the address (a shared link) that this person may not see are refused by the
# service with the same words as a round that does not exist (no gemeente named: trying ids
# must not reveal who owns them); the rest of the link still works.
# A hand-made link may name a round twice, or more than fit on one comparison: the first count.
gevraagd = list(dict.fromkeys(int(w) for w in st.query_params.get_all("ronde") if w.isdigit()))
gevraagd = gevraagd[: vergelijken.MAX_VERGELIJKEN]
vreemd = [i for i in gevraagd if i not in per_id]
if vreemd:
    try:
        vergelijken.kerncijfers_van(db, vl, gebruiker, vreemd)
    except InvoerFout as fout:
        st.error(letterlijk(str(fout)), icon=":material/block:")
if "vergelijken_rondes" not in st.session_state:
    nieuwste: dict[str, int] = {}
    for r in rondes:  # newest first per gemeente
        nieuwste.setdefault(r.gm_code, r.id)
    st.session_state["vergelijken_rondes"] = [i for i in gevraagd if i in per_id] or list(nieuwste.values())[:5]

gekozen: list[int] = st.multiselect(
    t("vergelijken.kies"),
    options=list(per_id),
    # Only what cannot change while the page is open: Streamlit sends a choice back as its label,
    # so a label with a status fails when a round is closed meanwhile.
    format_func=lambda i: per_id[i].label,
    max_selections=vergelijken.MAX_VERGELIJKEN,
    select_all=False,  # its "Select all" / "Select 12 matches" is English and at most 20 may be chosen anyway
    key="vergelijken_rondes",
    placeholder=t("vergelijken.kies.zoek"),
)
st.query_params["ronde"] = [str(i) for i in gekozen]
st.caption(t("vergelijken.kies.uitleg", aantal=len(rondes)))
if not gekozen:
    st.info(t("vergelijken.niets_gekozen"))
    st.stop()

try:
    cijfers = vergelijken.kerncijfers_van(db, vl, gebruiker, gekozen)
except InvoerFout as fout:
    st.error(letterlijk(str(fout)), icon=":material/error:")
    st.stop()
# Two rounds of one gemeente on one day get their number; decided over all rounds, not the chosen
# ones, so a label never changes while the page is open (a selectbox below uses these labels).
dubbel = {lbl for lbl, n in Counter(r.label for r in rondes).items() if n > 1}
labels = {i: f"{per_id[i].label} ({i})" if per_id[i].label in dubbel else per_id[i].label for i in gekozen}
reeksen: list[tuple[str, Kerncijfers]] = [(labels[i], cijfers[i]) for i in gekozen]


def _naam(soort: Soort, onderdeel: str) -> str:
    return onderdeel_naam(vl, soort, onderdeel)


def _tabel(delen: list[tuple[Soort, str]]) -> pd.DataFrame:
    kolommen: dict[str, list[str] | list[int | None]] = {
        t("vergelijken.kol.onderdeel"): [_naam(s, o) for s, o in delen]
    }
    for label, k in reeksen:
        kolommen[label] = [None if k.score(s, o) is None else heel(k.score(s, o) or 0) for s, o in delen]
    return pd.DataFrame(kolommen)


tab_radar, tab_heatmap, tab_ontwikkeling, tab_benchmark = st.tabs(
    [
        t("vergelijken.tab.radar"),
        t("vergelijken.tab.heatmap"),
        t("vergelijken.tab.ontwikkeling"),
        t("vergelijken.tab.benchmark"),
    ]
)

with tab_radar:
    GROEPEN: dict[str, list[tuple[Soort, str]]] = {
        "kern": [("bouwsteen", b.id) for b in vl.bouwstenen if b.type == "kern"],
        "aanvullend": [("bouwsteen", b.id) for b in vl.bouwstenen if b.type != "kern"],
        "dimensies": [("dimensie", d.id) for d in vl.meta.dimensies],
    }
    groep = (
        st.segmented_control(
            t("vergelijken.radar.groep"),
            list(GROEPEN),
            default="kern",
            format_func=lambda g: t(f"vergelijken.radar.{g}"),
            key="vergelijken_radargroep",
        )
        or "kern"
    )
    delen = GROEPEN[groep]
    # The table below rather than beside: one column per round does not fit beside a radar.
    st.vega_lite_chart(
        rapport.overlay_spec(
            [_naam(s, o).split(". ", 1)[-1] for s, o in delen],
            {label: [k.score(s, o) for s, o in delen] for label, k in reeksen},
            titel=t(f"vergelijken.radar.{groep}"),
        ),
        alt=t("vergelijken.radar.alt"),
    )
    # st.table renders names and column headers (round labels: gemeente names) as Markdown.
    st.table(letterlijke_tabel(_tabel(delen), kolomnamen=True), hide_index=True)

with tab_heatmap:
    bouwstenen: list[tuple[Soort, str]] = [("bouwsteen", b.id) for b in vl.bouwstenen]
    st.vega_lite_chart(
        rapport.heatmap_spec(
            [_naam(s, o) for s, o in bouwstenen],
            [label for label, _ in reeksen],
            {(_naam(s, o), label): k.score(s, o) for s, o in bouwstenen for label, k in reeksen},
            titel=t("vergelijken.heatmap.titel"),
        ),
        alt=t("vergelijken.heatmap.alt"),
    )
    with st.expander(t("vergelijken.tabel")):
        st.dataframe(_tabel(onderdelen(reeksen[0][1])), hide_index=True)

verschil_labels: tuple[str, str] | None = None
with tab_ontwikkeling:
    per_gemeente: dict[str, list[int]] = {}
    for i in gekozen:
        per_gemeente.setdefault(per_id[i].gm_code, []).append(i)
    meerdere = {gm: ids for gm, ids in per_gemeente.items() if len(ids) >= 2}
    if not meerdere:
        st.info(t("vergelijken.ontwikkeling.geen"))
    else:
        gm = st.selectbox(
            t("vergelijken.ontwikkeling.gemeente"),
            list(meerdere),
            format_func=lambda c: per_id[meerdere[c][0]].gemeente,
            key="vergelijken_ontw",
            placeholder=t("algemeen.kies"),
        )
        oud_id, nieuw_id = sorted(meerdere[gm], key=lambda i: (per_id[i].datum, i))[-2:]
        oud, nieuw = cijfers[oud_id], cijfers[nieuw_id]
        verschil_labels = (labels[oud_id], labels[nieuw_id])
        delen_v: list[tuple[Soort, str]] = [("bouwsteen", b.id) for b in vl.bouwstenen]
        st.vega_lite_chart(
            rapport.verschil_spec(
                [_naam(s, o) for s, o in delen_v],
                [oud.score(s, o) for s, o in delen_v],
                [nieuw.score(s, o) for s, o in delen_v],
                label_oud=labels[oud_id],
                label_nieuw=labels[nieuw_id],
                titel=t("vergelijken.ontwikkeling.titel", gemeente=per_id[nieuw_id].gemeente),
            ),
            alt=t("vergelijken.ontwikkeling.alt"),
        )
        verschillen = verschil(oud, nieuw)
        st.dataframe(
            pd.DataFrame(
                {
                    t("vergelijken.kol.onderdeel"): [_naam(s, o) for s, o in verschillen],
                    labels[oud_id]: [
                        None if oud.score(s, o) is None else heel(oud.score(s, o) or 0) for s, o in verschillen
                    ],
                    labels[nieuw_id]: [
                        None if nieuw.score(s, o) is None else heel(nieuw.score(s, o) or 0) for s, o in verschillen
                    ],
                    # Difference of the whole numbers shown, as in the chart, so each row adds up.
                    t("vergelijken.kol.verschil"): [
                        None if v is None else heel(nieuw.score(s, o) or 0) - heel(oud.score(s, o) or 0)
                        for (s, o), v in verschillen.items()
                    ],
                }
            ),
            hide_index=True,
        )

benchmark = None
with tab_benchmark:
    st.markdown(t("vergelijken.benchmark.uitleg", minimum=5))
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
        benchmark = vergelijken.benchmark_voor(db, vl, gebruiker, ronde_id, groepering)
    except InvoerFout as fout:
        st.info(letterlijk(str(fout)), icon=":material/visibility_off:")
    else:
        st.markdown(f"**{letterlijk(benchmark_zin(per_id[ronde_id].gemeente, benchmark))}**")
        if benchmark.voldoende:
            posities = [p for p in benchmark.posities if p.soort in ("totaal", "dimensie", "bouwsteen")]
            st.vega_lite_chart(
                rapport.benchmark_spec(
                    [(_naam(p.soort, p.onderdeel), p.eigen, p.groep) for p in posities],
                    titel=t("vergelijken.benchmark.titel", groep=benchmark.groep),
                    eigen_label=per_id[ronde_id].gemeente,
                ),
                alt=t("vergelijken.benchmark.alt"),
            )
            st.dataframe(
                pd.DataFrame(
                    {
                        t("vergelijken.kol.onderdeel"): [_naam(p.soort, p.onderdeel) for p in posities],
                        t("vergelijken.kol.eigen"): [None if p.eigen is None else heel(p.eigen) for p in posities],
                        "Q1": [None if p.groep is None else heel(p.groep.q1) for p in posities],
                        t("vergelijken.kol.mediaan"): [
                            None if p.groep is None else heel(p.groep.mediaan) for p in posities
                        ],
                        "Q3": [None if p.groep is None else heel(p.groep.q3) for p in posities],
                        t("vergelijken.kol.plaats"): [
                            PLAATS_TEKST[p.plaats] if p.plaats else t("vergelijken.te_weinig") for p in posities
                        ],
                    }
                ),
                hide_index=True,
            )

st.download_button(
    t("vergelijken.excel"),
    data=lambda: rapport.vergelijking_excel(
        vl, reeksen, benchmark=benchmark, verschil=verschil_labels, titel=t("vergelijken.titel")
    ),
    file_name=f"zelfscan-vergelijking-{dt.date.today():%Y-%m-%d}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    on_click="ignore",
    icon=":material/table_view:",
)
st.caption(t("vergelijken.excel.uitleg"))
