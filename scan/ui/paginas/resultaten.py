"""Resultaten: radars of current against ambition, with the table behind every chart, and agreement."""

import pandas as pd
import streamlit as st

from reports import charts
from reports.duiding import benchmark_zin, getal, kernzin
from scan.services import resultaten, vergelijken
from scan.ui.kern import letterlijk, sessie_of_stop, vragenlijst_of_stop, zelfde_versie_of_stop
from scan.ui.rapporten import toon_downloads
from scan.ui.teksten import t
from scoring.afronding import heel

vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)
resultaat = resultaten.resultaat(db, vl, sessie.ronde.id)
banden = {b.id: b.naam.nl for b in vl.schaal.banden}
namen = {b.id: b.naam.nl for b in vl.bouwstenen}

st.title(t("resultaten.titel", gemeente=letterlijk(sessie.ronde.gemeente)))
st.caption(t("resultaten.ronde", code=sessie.ronde.code_leesbaar, datum=sessie.ronde.datum.strftime("%d-%m-%Y")))
if resultaat.totaal.score is None:
    st.info(t("resultaten.leeg"), icon=":material/hourglass_empty:")
    st.stop()

st.markdown(f"### {letterlijk(kernzin(vl, resultaat, sessie.ronde.gemeente))}")
cijfers = st.columns(4)
cijfers[0].metric(
    t("resultaten.totaal"),
    f"{heel(resultaat.totaal.score)} / 100",
    banden[resultaat.totaal.band or ""],
    delta_color="off",
    delta_arrow="off",
)
cijfers[1].metric(t("resultaten.deelnemers"), resultaat.deelnemers)
cijfers[2].metric(t("resultaten.dekking"), f"{resultaat.dekking:.0%}")
cijfers[3].metric(t("resultaten.bespreekpunten"), len(resultaat.bespreekpunten))
# Only for a gemeente that opted in to the anonymous benchmark; the details are on Vergelijken.
if (positie := vergelijken.benchmark_positie(db, vl, sessie.ronde.id)) is not None:
    st.info(letterlijk(benchmark_zin(sessie.ronde.gemeente, positie)), icon=":material/leaderboard:")


def _radar(assen: list[str], huidig: list[float | None], ambitie: list[float | None] | None, titel: str) -> None:
    links, rechts = st.columns([1, 1], vertical_alignment="center")
    links.vega_lite_chart(
        charts.radar_spec(assen, huidig, ambitie, titel=titel, beschrijving=t("resultaten.radar.alt", titel=titel))
    )
    tabel = charts.radar_tabel(assen, huidig, ambitie)
    # Narrow number columns, so the whole table fits beside the radar on a laptop (no side scroll).
    smal = {k: st.column_config.NumberColumn(width=64) for k in tabel.columns if k != "Onderdeel"}
    rechts.dataframe(tabel, hide_index=True, width="stretch", column_config=smal)


tabs = st.tabs(
    [
        t("resultaten.tab.kern"),
        t("resultaten.tab.aanvullend"),
        t("resultaten.tab.dimensies"),
        t("resultaten.tab.kenmerken"),
        t("resultaten.tab.eensgezind"),
    ]
)
for tab, soort in zip(tabs[:2], ("kern", "aanvullend"), strict=True):
    with tab:
        leden = [b for b in resultaat.bouwstenen if b.type == soort]
        _radar(
            [namen[b.bouwsteen] for b in leden],
            [b.score for b in leden],
            [b.ambitie_score for b in leden],
            t(f"resultaten.tab.{soort}"),
        )
with tabs[2]:
    dimensienamen: dict[str, str] = {d.id: d.naam.nl for d in vl.meta.dimensies}
    _radar(
        [dimensienamen[d.id] for d in resultaat.dimensies],
        [d.score for d in resultaat.dimensies],
        [d.ambitie_score for d in resultaat.dimensies],
        t("resultaten.tab.dimensies"),
    )
with tabs[3]:
    kenmerknamen = {k.id: k.naam.nl for k in vl.meta.kenmerken}
    _radar(
        [kenmerknamen[k.id] for k in resultaat.kenmerken],
        [k.score for k in resultaat.kenmerken],
        None,
        t("resultaten.tab.kenmerken"),
    )
    st.caption(t("resultaten.kenmerken.uitleg"))
with tabs[4]:
    st.markdown(t("resultaten.eensgezind.uitleg"))
    st.dataframe(
        pd.DataFrame(
            {
                t("resultaten.kol.bouwsteen"): [namen[b.bouwsteen] for b in resultaat.bouwstenen],
                t("resultaten.kol.score"): pd.array(
                    [None if b.score is None else heel(b.score) for b in resultaat.bouwstenen], dtype="Int64"
                ),
                t("resultaten.kol.bespreekpunten"): [b.bespreekpunten for b in resultaat.bouwstenen],
                # Text with a decimal comma: a number column would show "2.4" on an English browser.
                t("resultaten.kol.spreiding"): [
                    "–" if b.gemiddelde_spreiding is None else getal(b.gemiddelde_spreiding)
                    for b in resultaat.bouwstenen
                ],
                t("resultaten.kol.dekking"): [f"{b.dekking:.0%}" for b in resultaat.bouwstenen],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    nummer = {s.id: f"{b.nummer}.{i}" for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
    stelling_tekst = {s.id: f"**{nummer[s.id]}** {letterlijk(s.tekst.nl)}" for _, s in vl.stellingen()}
    eens = [s for s in resultaat.stellingen if s.aantal_scores >= 2 and (s.spreiding or 0) == 0]
    links, rechts = st.columns(2)
    with links:
        st.subheader(t("resultaten.oneens.kop", aantal=len(resultaat.bespreekpunten)))
        regels = []
        for sid in resultaat.bespreekpunten:
            r = resultaat.stelling(sid)
            status = t("resultaten.oneens.regel", laag=r.minimum, hoog=r.maximum)
            if r.consensus is not None:
                status += t("resultaten.oneens.consensus", niveau=r.consensus)
            regels.append(f"- {stelling_tekst[sid]} ({status})")
        st.markdown("\n".join(regels) or t("resultaten.geen"))
    with rechts:
        st.subheader(t("resultaten.eens.kop", aantal=len(eens)))
        st.markdown(
            "\n".join(f"- {stelling_tekst[s.stelling]} (niveau {s.minimum})" for s in eens) or t("resultaten.geen")
        )

st.divider()
st.page_link("scan/ui/paginas/doelen.py", label=t("resultaten.naar_doelen"), icon=":material/flag:")
toon_downloads(db, vl, sessie)
