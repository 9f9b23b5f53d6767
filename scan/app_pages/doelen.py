"""Doelen: suggested SMART goals with why, accept / edit / reject, own goals, PDCA per goal.

A goal is accepted only when all five SMART letters pass; each letter says what is missing,
so the werkgroep fills in its own baseline, target and support and owns the result.
"""

import datetime as dt
import logging

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from reports.duiding import PDCA_NAAM
from scan import doelen as doelservice
from scan import services
from scan.doelen import DoelConflict
from scan.rapporten import toon_downloads
from scan.services import InvoerFout
from scan.teksten import t
from scan.ui import bibliotheek_of_stop, md, sessie_of_stop, tijd, vragenlijst_of_stop, zelfde_versie_of_stop
from scoring.smart import SmartUitslag, toets
from scoring.suggesties import plus_maanden
from scoring.uitwissel import Doel

log = logging.getLogger(__name__)
vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)
bib = bibliotheek_of_stop(vl)
vandaag = dt.date.today()
namen = {b.id: f"{b.nummer}. {b.naam.nl}" for b in vl.bouwstenen}
resultaat = services.resultaat(db, vl, sessie.ronde.id)
resultaat_niveau = {b.bouwsteen: b.niveau for b in resultaat.bouwstenen}
PDCA = PDCA_NAAM

st.title(t("doelen.titel", gemeente=md(sessie.ronde.gemeente)))
st.markdown(t("doelen.intro"))
if melding := st.session_state.pop("doelen_melding", None):
    st.warning(melding, icon=":material/sync_problem:")


def _letters(uitslag: SmartUitslag) -> None:
    kolommen = st.columns(5)
    for kolom, oordeel in zip(kolommen, uitslag.oordelen, strict=True):
        teken = ":material/check_circle:" if oordeel.geslaagd else ":material/cancel:"
        kolom.markdown(f"{teken} **{oordeel.letter}** · {oordeel.naam}")
        if not oordeel.geslaagd:
            kolom.caption(md(oordeel.reden))


def _formulier(sleutel: str, doel: Doel, versie: int | None, knoppen: tuple[str, ...]) -> None:
    """The fields of a goal in a form; the chosen button's action runs with the values entered."""
    with st.form(f"f_{sleutel}", border=False):
        if doel.sjabloon is None:
            bouwsteen = st.selectbox(
                t("doelen.veld.bouwsteen"),
                list(namen),
                index=list(namen).index(doel.bouwsteen),
                format_func=lambda b: namen[b],
            )
        else:
            bouwsteen = doel.bouwsteen
        titel = st.text_input(t("doelen.veld.titel"), doel.titel, max_chars=120)
        actie = st.text_area(t("doelen.veld.actie"), doel.actie, max_chars=4000, height=90)
        a, b, c = st.columns([3, 1, 1])
        indicator = a.text_input(t("doelen.veld.indicator"), doel.indicator or "", max_chars=400)
        eenheid = b.text_input(t("doelen.veld.eenheid"), doel.eenheid or "", max_chars=40)
        richting = c.selectbox(
            t("doelen.veld.richting"),
            ["hoger", "lager"],
            index=0 if doel.richting != "lager" else 1,
            format_func=lambda r: t(f"doelen.richting.{r}"),
        )
        a, b, c = st.columns(3)
        nulmeting = a.number_input(t("doelen.veld.nulmeting"), value=doel.nulmeting, placeholder=t("doelen.nog_meten"))
        streefwaarde = b.number_input(t("doelen.veld.streefwaarde"), value=doel.streefwaarde)
        deadline = c.date_input(
            t("doelen.veld.deadline"), doel.deadline or plus_maanden(vandaag, 12), format="DD-MM-YYYY"
        )
        bron = st.text_input(t("doelen.veld.bron"), doel.bron or "", max_chars=400)
        a, b = st.columns(2)
        eigenaar = a.text_input(t("doelen.veld.eigenaar"), doel.eigenaar or "", max_chars=200)
        draagvlak = b.text_input(
            t("doelen.veld.draagvlak"), doel.draagvlak or "", max_chars=200, placeholder=t("doelen.draagvlak.hint")
        )
        notities = st.text_input(t("doelen.veld.notities"), doel.notities or "", max_chars=1000)
        gekozen = [
            (knop, st.form_submit_button(t(f"doelen.knop.{knop}"), type="primary" if i == 0 else "secondary"))
            for i, knop in enumerate(knoppen)
        ]
    actie_knop = next((knop for knop, geklikt in gekozen if geklikt), None)
    if actie_knop is None:
        return
    try:
        nieuw = doel.model_copy(
            update={
                "bouwsteen": bouwsteen,
                "titel": titel.strip() or doel.titel,
                "actie": actie.strip(),
                "indicator": indicator.strip() or None,
                "eenheid": eenheid.strip() or None,
                "richting": richting,
                "nulmeting": nulmeting,
                "streefwaarde": streefwaarde,
                "deadline": deadline,
                "bron": bron.strip() or None,
                "eigenaar": eigenaar.strip() or None,
                "draagvlak": draagvlak.strip() or None,
                "notities": notities.strip() or None,
            }
        )
        nieuw = Doel.model_validate(nieuw.model_dump())
        if actie_knop == "afwijzen":
            doelservice.bewaar(db, vl, sessie, nieuw, besluit="afgewezen", verwachte_versie=versie)
            st.toast(t("doelen.afgewezen", titel=nieuw.titel), icon=":material/block:")
        else:
            uitslag = _toets(nieuw)
            if not uitslag.geslaagd:
                fouten = [f"**{o.letter}** {md(o.reden)}" for o in uitslag.oordelen if not o.geslaagd]
                st.error(t("doelen.niet_smart") + "\n\n" + "\n\n".join(fouten), icon=":material/error:")
                return
            doelservice.bewaar(db, vl, sessie, nieuw, besluit="geaccepteerd", verwachte_versie=versie)
            st.toast(t("doelen.opgeslagen", titel=nieuw.titel), icon=":material/check_circle:")
            if sleutel == st.session_state.get("doelen_eigen_sleutel"):
                st.session_state.pop("doelen_eigen_sleutel")  # the next own goal gets a new key
    except DoelConflict as conflict:
        wie = conflict.huidig.gewijzigd_door if conflict.huidig else "?"
        st.session_state["doelen_melding"] = t("doelen.conflict", door=wie)
    except InvoerFout as fout:
        st.error(str(fout), icon=":material/error:")
        return
    except SQLAlchemyError:
        log.exception("doel opslaan mislukt")
        st.error(t("invullen.fout.database"), icon=":material/error:")
        return
    except ValueError as fout:
        st.error(t("doelen.ongeldig", fout=str(fout).splitlines()[0]), icon=":material/error:")
        return
    st.rerun()


def _getal(waarde: float | None) -> str:
    return "–" if waarde is None else f"{waarde:g}".replace(".", ",")


def _toets(doel: Doel) -> SmartUitslag:
    sjabloon = next((s for s in bib.voor(doel.bouwsteen) if s.id == doel.sjabloon), None)
    return toets(
        doel,
        vandaag=vandaag,
        niveau=resultaat_niveau.get(doel.bouwsteen),
        stap_van=sjabloon.van if sjabloon else None,
        horizon=sjabloon.horizon_maanden if sjabloon else None,
    )


opgeslagen = doelservice.doelen(db, sessie)
voorstellen = doelservice.suggesties(db, vl, bib, sessie, vandaag=vandaag, resultaat=resultaat)

terug = doelservice.terugblik(db, vl, sessie)
if terug:
    st.subheader(t("doelen.terugblik.kop"))
    st.table(
        pd.DataFrame(
            {
                t("doelen.kol.ronde"): [r.ronde_datum.strftime("%d-%m-%Y") for r in terug],
                t("doelen.kol.doel"): [r.doel.titel for r in terug],
                t("doelen.kol.bouwsteen"): [namen[r.doel.bouwsteen] for r in terug],
                t("doelen.kol.toen"): [f"{r.niveau_toen:.1f}" if r.niveau_toen else "–" for r in terug],
                t("doelen.kol.nu"): [f"{r.niveau_nu:.1f}" if r.niveau_nu else "–" for r in terug],
            }
        ),
        hide_index=True,
        border="horizontal",
    )

tab_voorstel, tab_vast, tab_eigen = st.tabs(
    [
        t("doelen.tab.voorstellen", aantal=len(voorstellen)),
        t("doelen.tab.vastgesteld", aantal=sum(1 for d in opgeslagen.values() if d.besluit == "geaccepteerd")),
        t("doelen.tab.eigen"),
    ]
)
with tab_voorstel:
    if not voorstellen:
        st.info(t("doelen.geen_voorstellen"), icon=":material/info:")
    for v in voorstellen:
        with st.container(border=True):
            st.markdown(f"#### {md(v.doel.titel)}")
            st.caption(f"{md(namen[v.bouwsteen])} · " + t("doelen.stap", van=v.stap_van, naar=v.stap_van + 1))
            st.markdown(t("doelen.waarom") + "\n" + "\n".join(f"- {md(r)}" for r in v.redenen))
            if v.twijfel:
                st.warning(md(v.twijfel), icon=":material/forum:")
            _letters(v.smart)
            with st.expander(t("doelen.bewerken"), expanded=False):
                _formulier(v.sjabloon, v.doel, None, ("accepteren", "afwijzen"))

with tab_vast:
    vastgesteld = [d for d in opgeslagen.values() if d.besluit == "geaccepteerd"]
    if not vastgesteld:
        st.info(t("doelen.nog_geen"), icon=":material/info:")
    for info in vastgesteld:
        d = info.doel
        with st.container(border=True):
            st.markdown(f"#### {md(d.titel)}")
            st.caption(
                f"{md(namen[d.bouwsteen])} · {PDCA[d.status]} · "
                + t("doelen.gewijzigd", door=md(info.gewijzigd_door or "?"), tijd=tijd(info.gewijzigd_op))
            )
            st.markdown(md(d.actie))
            st.markdown(
                t(
                    "doelen.meting",
                    indicator=md(d.indicator or "–"),
                    nul=_getal(d.nulmeting),
                    streef=_getal(d.streefwaarde),
                    eenheid=md(d.eenheid or ""),
                    deadline=d.deadline.strftime("%d-%m-%Y") if d.deadline else "–",
                    eigenaar=md(d.eigenaar or "–"),
                )
            )
            _letters(_toets(d))
            with st.form(f"pdca_{info.sleutel}", border=False):
                a, b, c = st.columns([3, 5, 2], vertical_alignment="bottom")
                status = a.selectbox(
                    t("doelen.veld.status"), list(PDCA), index=list(PDCA).index(d.status), format_func=lambda f: PDCA[f]
                )
                notitie = b.text_input(t("doelen.veld.notities"), d.notities or "", max_chars=1000)
                if c.form_submit_button(t("doelen.knop.status")):
                    try:
                        doelservice.zet_status(db, vl, sessie, info, status, notitie)  # type: ignore[arg-type]
                    except DoelConflict as conflict:
                        wie = conflict.huidig.gewijzigd_door if conflict.huidig else "?"
                        st.session_state["doelen_melding"] = t("doelen.conflict", door=wie)
                    st.rerun()
            with st.expander(t("doelen.aanpassen")):
                _formulier(info.sleutel, d, info.versie, ("opslaan",))
    afgewezen = [d for d in opgeslagen.values() if d.besluit == "afgewezen"]
    if afgewezen:
        st.caption(t("doelen.afgewezen_lijst", titels=", ".join(md(d.doel.titel) for d in afgewezen)))

with tab_eigen:
    st.markdown(t("doelen.eigen.uitleg"))
    sleutel = st.session_state.setdefault("doelen_eigen_sleutel", doelservice.nieuwe_sleutel())
    leeg = Doel(id=sleutel, bouwsteen=vl.bouwstenen[0].id, titel=t("doelen.eigen.titel"), actie="")
    _formulier(sleutel, leeg, None, ("accepteren",))

st.divider()
toon_downloads(db, vl, sessie)
