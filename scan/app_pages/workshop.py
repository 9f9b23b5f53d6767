"""Workshop (facilitator): join code and QR for the room, who is filling in, bespreekpunten, consensus.

Made to be projected: large type, one thing per block, the progress table refreshes itself
every few seconds so the facilitator never has to press reload in front of the group.
"""

import html
import logging

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from reports import charts
from scan import services, werkgroep_paneel
from scan.database import nu
from scan.services import ConsensusConflict, InvoerFout
from scan.teksten import t
from scan.ui import (
    deelname_link,
    md,
    persoonlijke_link,
    qr_png,
    sessie_of_stop,
    tijd,
    vragenlijst_of_stop,
    zelfde_versie_of_stop,
)

log = logging.getLogger(__name__)
vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)
if not sessie.is_facilitator:
    st.warning(t("workshop.alleen_facilitator"))
    st.stop()
ronde = sessie.ronde
totaal = sum(len(b.stellingen) for b in vl.bouwstenen)
stelling_van = {s.id: (b, i, s) for b in vl.bouwstenen for i, s in enumerate(b.stellingen, start=1)}
niveau_naam = {n.niveau: n.naam.nl for n in vl.schaal.niveaus}

# Projected on a wall, the default type is too small for the back of the room; rem-based
# Streamlit scales with the root font size. Only our own CSS, no user text.
if st.toggle(t("workshop.groot"), value=True, key="workshop_groot"):
    st.html("<style>html { font-size: 20px; }</style>")
st.title(t("workshop.titel", gemeente=md(ronde.gemeente)))
link = deelname_link(sessie)
links, rechts = st.columns([3, 2], vertical_alignment="center")
with links:
    st.markdown(t("workshop.meedoen"))
    # The code comes from our own alphabet (no user text), escaped all the same.
    st.html(
        # One line whatever the screen: a code broken after its dash reads as two codes.
        '<div style="font-size:clamp(2.2rem,5.2vw,6.5rem);font-weight:700;letter-spacing:.06em;'
        f'font-family:monospace;line-height:1.1;white-space:nowrap">{html.escape(ronde.code_leesbaar)}</div>'
    )
    st.markdown(t("workshop.link"))
    st.code(link, language=None)
with rechts:
    st.image(qr_png(link), width=340, caption=t("workshop.qr"))


def _balk(aantal: int, van: int) -> str:
    # A text bar scales with the projector type size (the grid of st.dataframe does not).
    vol = round(10 * aantal / van) if van else 0
    return f"{'█' * vol}{'░' * (10 - vol)} {aantal} / {van}"


@st.fragment(run_every="5s")
def _wie_vult_in() -> None:
    rijen = services.voortgang(db, sessie)
    # A facilitator who only leads the session is not someone the room waits for.
    invullers = [r for r in rijen if r.rol == "deelnemer" or r.beantwoord > 0]
    st.subheader(t("workshop.voortgang.kop", aantal=len(invullers)))
    klaar = sum(1 for r in invullers if r.beantwoord >= totaal)
    st.caption(t("workshop.voortgang.samenvatting", klaar=klaar, aantal=len(invullers), nu=tijd(nu())))
    st.table(
        pd.DataFrame(
            {
                t("workshop.kol.naam"): [r.naam for r in rijen],
                t("workshop.kol.functie"): [r.functie or t(f"rol.{r.rol}") for r in rijen],
                t("workshop.kol.beantwoord"): [_balk(r.beantwoord, totaal) for r in rijen],
                t("workshop.kol.ambities"): [f"{r.ambities} / {len(vl.bouwstenen)}" for r in rijen],
                t("workshop.kol.actief"): [tijd(r.laatst_actief) for r in rijen],
            }
        ),
        hide_index=True,
        border="horizontal",
    )


_wie_vult_in()
resultaat = services.resultaat(db, vl, ronde.id)
afspraken = services.consensus(db, sessie)


def _leg_vast(stelling_id: str, versie: int | None, plek: str) -> None:
    niveau = st.session_state[f"{plek}_cn_{stelling_id}"]
    try:
        info = services.stel_consensus_vast(
            db,
            vl,
            sessie,
            stelling=stelling_id,
            niveau=int(niveau) if niveau is not None else None,
            toelichting=st.session_state[f"{plek}_co_{stelling_id}"],
            verwachte_versie=versie,
        )
    except ConsensusConflict as conflict:
        huidig = conflict.huidig
        melding = (
            t(
                "workshop.conflict",
                door=huidig.vastgesteld_door or "?",
                tijd=tijd(huidig.vastgesteld_op),
                niveau=huidig.niveau,
            )
            if huidig
            else t("workshop.conflict.gewist")
        )
    except InvoerFout as fout:
        melding = str(fout)
    except SQLAlchemyError:
        log.exception("consensus opslaan mislukt")
        melding = t("invullen.fout.database")
    else:
        st.session_state.pop(f"conflict_{stelling_id}", None)
        b, nummer, _ = stelling_van[stelling_id]
        st.toast(
            t("workshop.consensus.opgeslagen", niveau=info.niveau, stelling=f"{b.nummer}.{nummer}")
            if info
            else t("workshop.consensus.gewist"),
            icon=":material/check_circle:",
        )
        return
    # Shown at the stelling and as a toast: the stelling may have moved out of view meanwhile.
    st.session_state[f"conflict_{stelling_id}"] = melding
    st.toast(melding, icon=":material/sync_problem:")


def _stelling(stelling_id: str, open_: bool, plek: str) -> None:
    # A stelling can be on two tabs (bespreekpunt and its bouwsteen); ``plek`` keeps their widgets apart.
    b, nummer, s = stelling_van[stelling_id]
    r = resultaat.stelling(stelling_id)
    afspraak = afspraken.get(stelling_id)
    status = (
        t("workshop.status.consensus", niveau=afspraak.niveau)
        if afspraak
        else t("workshop.status.spreiding", spreiding=r.spreiding if r.spreiding is not None else "–")
    )
    with st.expander(f"{b.nummer}.{nummer} {s.tekst.nl} · {status}", expanded=open_):
        st.caption(md(b.naam.nl))
        kolommen_verdeling = [f"{n} · {niveau_naam[n]}" for n in range(1, 6)] + [
            t("workshop.weet_niet"),
            t("workshop.nvt"),
        ]
        st.table(
            pd.DataFrame([[*r.verdeling, r.weet_niet, r.nvt]], columns=kolommen_verdeling),
            hide_index=True,
            border="horizontal",
        )
        gegeven = [n for n in range(1, 6) if r.verdeling[n - 1]]
        if gegeven:
            st.markdown("\n".join(f"- **{n} · {niveau_naam[n]}**: {md(s.niveaus.bij(n).nl)}" for n in gegeven))
        toelichtingen = services.toelichtingen(db, sessie, stelling_id)
        if toelichtingen:
            st.markdown(t("workshop.toelichtingen"))
            st.markdown("\n".join(f"- ({md(a)}) {md(tekst)}" for a, tekst in toelichtingen))
        if afspraak:
            st.success(
                t(
                    "workshop.consensus.huidig",
                    niveau=afspraak.niveau,
                    naam=niveau_naam[afspraak.niveau],
                    door=md(afspraak.vastgesteld_door or "?"),
                    tijd=tijd(afspraak.vastgesteld_op),
                    waarom=md(afspraak.toelichting or "–"),
                ),
                icon=":material/handshake:",
            )
        if f"conflict_{stelling_id}" in st.session_state:
            st.warning(st.session_state[f"conflict_{stelling_id}"], icon=":material/sync_problem:")
        voorstel = afspraak.niveau if afspraak else (round(r.mediaan) if r.mediaan is not None else None)
        with st.form(f"{plek}_c_{stelling_id}", border=False):
            kolommen = st.columns([3, 4, 2], vertical_alignment="bottom")
            kolommen[0].radio(
                t("workshop.consensus.niveau"),
                [1, 2, 3, 4, 5],
                index=voorstel - 1 if voorstel else None,
                key=f"{plek}_cn_{stelling_id}",
                horizontal=True,
            )
            kolommen[1].text_input(
                t("workshop.consensus.waarom"),
                value=(afspraak.toelichting or "") if afspraak else "",
                key=f"{plek}_co_{stelling_id}",
                max_chars=500,
            )
            kolommen[2].form_submit_button(
                t("workshop.consensus.knop"),
                on_click=_leg_vast,
                args=(stelling_id, afspraak.versie if afspraak else None, plek),
                type="primary",
            )


MAX_OPEN = 12
tab_bespreek, tab_bouwsteen, tab_ambities, tab_deelnemers, tab_links, tab_afronden = st.tabs(
    [
        t("workshop.tab.bespreekpunten", aantal=sum(1 for sid in resultaat.bespreekpunten if sid not in afspraken)),
        t("workshop.tab.bouwsteen"),
        t("werkgroep.tab.ambities"),
        t("werkgroep.tab.deelnemers"),
        t("workshop.tab.links"),
        t("workshop.tab.afronden"),
    ]
)
with tab_bespreek:
    st.markdown(t("workshop.bespreekpunten.uitleg"))
    # Settled ones move to their own list below, so a level just recorded stays in view.
    open_punten = [sid for sid in resultaat.bespreekpunten if sid not in afspraken]
    besproken = [sid for sid in resultaat.bespreekpunten if sid in afspraken]
    if not resultaat.bespreekpunten:
        st.info(t("workshop.bespreekpunten.geen"), icon=":material/check:")
    for i, stelling_id in enumerate(open_punten[:MAX_OPEN]):
        _stelling(stelling_id, open_=i == 0, plek="bp")
    if len(open_punten) > MAX_OPEN:
        st.caption(t("workshop.bespreekpunten.meer", aantal=len(open_punten) - MAX_OPEN))
    if besproken:
        st.subheader(t("workshop.besproken.kop", aantal=len(besproken)))
        for stelling_id in besproken:
            _stelling(stelling_id, open_=False, plek="bp")

with tab_bouwsteen:
    b = vl.bouwsteen(
        st.selectbox(
            t("invullen.bouwsteen"),
            [x.id for x in vl.bouwstenen],
            format_func=lambda i: f"{vl.bouwsteen(i).nummer}. {vl.bouwsteen(i).naam.nl}",
            key="workshop_b",
        )
    )
    eigen = [resultaat.stelling(s.id) for s in b.stellingen]
    st.vega_lite_chart(
        charts.verdeling_spec(
            [f"{i}. {s.tekst.nl}" for i, s in enumerate(b.stellingen, start=1)],
            [r.verdeling for r in eigen],
            [r.weet_niet for r in eigen],
            [r.nvt for r in eigen],
            [r.consensus for r in eigen],
            titel=t("workshop.verdeling.titel", bouwsteen=b.naam.nl),
        ),
        alt=t("workshop.verdeling.alt", bouwsteen=b.naam.nl),
    )
    for s in b.stellingen:
        _stelling(s.id, open_=False, plek="bs")

with tab_links:
    st.markdown(t("workshop.links.uitleg"))
    # Whoever holds a link can change that person's answers, and this screen is projected.
    if st.toggle(t("workshop.links.toon"), key="workshop_links"):
        tokens = services.deelnemer_links(db, sessie)
        for r in services.voortgang(db, sessie):
            st.markdown(f"**{md(r.naam)}** ({t(f'rol.{r.rol}')})")
            st.code(persoonlijke_link(tokens[r.deelnemer_id]), language=None)

with tab_afronden:
    if ronde.status == "afgerond":
        st.success(t("workshop.afgerond"), icon=":material/lock:")
        if st.button(t("workshop.heropenen"), icon=":material/lock_open:"):
            try:
                services.heropen(db, sessie)
            except InvoerFout as fout:
                st.error(str(fout), icon=":material/error:")
            else:
                st.rerun()
    else:
        st.markdown(t("workshop.afronden.uitleg"))
        zeker = st.checkbox(t("workshop.afronden.zeker"), key="workshop_afronden_zeker")
        if st.button(t("workshop.afronden.knop"), type="primary", disabled=not zeker, icon=":material/lock:"):
            try:
                services.rond_af(db, vl, sessie)
            except InvoerFout as fout:
                st.error(str(fout), icon=":material/error:")
            else:
                st.rerun()

with tab_deelnemers:
    werkgroep_paneel.toon_deelnemers(db, vl, sessie)

with tab_ambities:
    werkgroep_paneel.toon_ambities(db, vl, sessie, resultaat)
