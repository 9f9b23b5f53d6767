"""Start page: what the scan is, and the questionnaire overview (bouwstenen by dimensie)."""

import pandas as pd
import streamlit as st

from reports.duiding import band_niveaus
from scan import __version__
from scan.ui.context import vragenlijst_of_stop
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk

vl = vragenlijst_of_stop()
schaal = vl.schaal

st.title(t("app.titel"), anchor=False)
# The subtitle is no section: as a heading it would put "h3" between the h1 and the h2 sections.
st.markdown(f"**{t('app.ondertitel')}**", anchors=False)
st.divider()
st.markdown(t("start.intro"), anchors=False)
st.caption(
    t(
        "start.versie",
        versie=vl.versie,
        bouwstenen=len(vl.bouwstenen),
        stellingen=sum(len(b.stellingen) for b in vl.bouwstenen),
        # The app's version where anyone can read it (a report of a problem names it).
        app=__version__,
    )
)
st.info(vl.meta.disclaimer.nl, icon=":material/info:")

kenmerknamen = {k.id: k.naam.nl for k in vl.meta.kenmerken}
tab_bouwstenen, tab_schaal, tab_kenmerken = st.tabs(
    [t("start.bouwstenen.kop"), t("start.schaal.kop"), t("start.kenmerken.kop")]
)

with tab_bouwstenen:
    st.markdown(t("start.bouwstenen.uitleg"), anchors=False)
    per_dimensie = vl.per_dimensie()
    for dimensie in vl.meta.dimensies:
        leden = per_dimensie[dimensie.id]
        st.header(dimensie.naam.nl, divider="blue", anchor=False)
        st.caption(f"{dimensie.omschrijving.nl} · {t('start.dimensie.aantal', aantal=len(leden))}")
        # Four frontoffice cards in a 2x2 grid rather than four narrow columns: anchor texts stay readable.
        kolommen = st.columns(2 if len(leden) == 4 else max(min(len(leden), 3), 1))
        for i, b in enumerate(leden):
            with kolommen[i % len(kolommen)].container(border=True):
                st.markdown(f"**{b.nummer}. {letterlijk(b.naam.nl)}**", anchors=False)
                if b.type == "kern":
                    st.badge(t("start.type.kern"), color="blue")
                else:
                    st.badge(t(f"start.type.aanvullend.{b.schil}"), color="gray")
                st.markdown(letterlijk(b.omschrijving.nl), anchors=False)
                # Sixteen expanders: each name says which bouwsteen it opens.
                with st.expander(t("start.stellingen", aantal=len(b.stellingen), bouwsteen=letterlijk(b.naam.nl))):
                    for s in b.stellingen:
                        st.markdown(f"**{letterlijk(s.tekst.nl)}**", anchors=False)
                        st.caption(t("start.kenmerken", kenmerken=", ".join(kenmerknamen[k] for k in s.kenmerken)))
                        st.markdown(
                            "\n".join(
                                f"{n.niveau}. *{letterlijk(n.naam.nl)}*: {letterlijk(a.nl)}"
                                for n, a in zip(schaal.niveaus, s.niveaus.alle(), strict=True)
                            ),
                            anchors=False,
                        )

with tab_schaal:
    st.markdown(t("start.schaal.uitleg", weet_niet=schaal.weet_niet.label.nl, nvt=schaal.nvt.label.nl), anchors=False)
    st.table(
        pd.DataFrame(
            {
                t("start.schaal.kol.niveau"): [n.niveau for n in schaal.niveaus],
                t("start.schaal.kol.naam"): [n.naam.nl for n in schaal.niveaus],
                t("start.schaal.kol.generatie"): [n.generatie.nl for n in schaal.niveaus],
                t("start.schaal.kol.definitie"): [n.definitie.nl for n in schaal.niveaus],
            }
        ),
        hide_index=True,
        border="horizontal",
    )
    st.header(t("start.banden.kop"), anchor=False)
    st.markdown(t("start.banden.uitleg"), anchors=False)
    st.table(
        pd.DataFrame(
            {
                t("start.banden.kol.band"): [b.naam.nl for b in schaal.banden],
                t("start.banden.kol.score"): [f"{b.ondergrens}–{b.bovengrens}" for b in schaal.banden],
                t("start.banden.kol.niveau"): [band_niveaus(b) for b in schaal.banden],
                t("start.banden.kol.betekenis"): [b.betekenis.nl for b in schaal.banden],
            }
        ),
        hide_index=True,
        border="horizontal",
    )

with tab_kenmerken:
    st.markdown(t("start.kenmerken.uitleg"), anchors=False)
    tellingen = {k.id: 0 for k in vl.meta.kenmerken}
    for _, s in vl.stellingen():
        for k in s.kenmerken:
            tellingen[k] += 1
    st.table(
        pd.DataFrame(
            {
                t("start.schaal.kol.naam"): [k.naam.nl for k in vl.meta.kenmerken],
                t("start.banden.kol.betekenis"): [k.omschrijving.nl for k in vl.meta.kenmerken],
                t("start.kenmerken.kol.stellingen"): [tellingen[k.id] for k in vl.meta.kenmerken],
            }
        ),
        hide_index=True,
        border="horizontal",
    )

st.caption(letterlijk(vl.meta.bron))
