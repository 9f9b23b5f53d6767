"""Invullen in a facilitated session (*Samen*, issue 16): the phone shows only the part the
facilitator opened, blind until the reveal, and follows the facilitator within two seconds.

States of the phone: nothing open yet ("Wacht op de facilitator"); a part open (its stellingen,
changeable until the reveal; "Klaar: wacht op de facilitator" once all are answered); the part
revealed (the participant's own answers read-only, "kijk mee op het scherm"); a re-vote of one
stelling (the first choice read-only beside a fresh choice, the block "Herstemming").

Every run reads the state from the database (``samen.telefoon``), so a phone that reloads or
reconnects lands on the current part again. A fragment polls one cheap signal every second and
reruns the page only when the mode, the part or its reveal changed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import streamlit as st

from scan.services import samen
from scan.services.samen import Telefoon, Volgsignaal
from scan.ui.foutgrens import met_foutgrens
from scan.ui.panelen import invullen_opslaan as opslaan
from scan.ui.panelen.invullen_kop import kop_tekst, naar_boven, stijl, toon_h1, wie
from scan.ui.panelen.invullen_opslaan import Opslag
from scan.ui.panelen.invullen_stellingen import OPTIES, begin, toon_ambitie, toon_stelling
from scan.ui.teksten import t
from scan.ui.toegankelijk import kondig_aan, paginatitel
from scan.ui.weergave import letterlijk
from scoring.models import Bouwsteen, Stelling
from scoring.samen import Stap

if TYPE_CHECKING:
    from scan.db.verbinding import Database  # a type only: panels reach the database through services

VOLG_SECONDEN = 1
"""How often a phone in *Samen* asks whether the facilitator moved on (a read shared by the room,
``samen.SIGNAAL_GELDIG``; the page reruns only on a change)."""
VOLG_SECONDEN_EIGEN_TEMPO = 5
"""The same in *Eigen tempo*, where only a switch to *Samen* is waited for. Each poll is a run on
the server for every connected phone, whatever it draws (Streamlit handles the page's widget
states; measured about 3 ms of CPU per phone per poll, issue 20), so a room that fills in at its
own pace costs a fifth of the one-second poll; the switch to *Samen* reaches the phones within
about five seconds, while the facilitator announces it in the room."""
LOSLATEN_SECONDEN = 0.3
"""Time for the browser to leave a note's field (and send the note) before the page follows."""
_LAAT_VELD_LOS = (
    "<script>const veld = document.activeElement;if (veld && veld.tagName === 'TEXTAREA') { veld.blur(); }</script>"
)


def toon_naamgeving(op_naam: bool) -> None:
    """Whether the facilitator sees names beside answers, said before the participant answers."""
    if op_naam:
        st.caption(t("telefoon.naam.op_naam"))
    else:
        st.caption(t("telefoon.naam.anoniem"))


def volg(db: Database, ronde_id: int, getekend: Volgsignaal) -> None:
    """Follow the facilitator: every second one cheap read; a full rerun only when the mode, the
    part or its reveal differs from what this page was drawn with. It draws nothing."""

    @st.fragment(run_every=VOLG_SECONDEN if getekend[0] == "samen" else VOLG_SECONDEN_EIGEN_TEMPO)
    @met_foutgrens
    def _volg() -> None:
        if st.session_state.pop("invullen_net_gelezen", False):
            return  # drawn with the page, which has just read the state: no second query per click
        nu = samen.telefoon_signaal(db, ronde_id)
        if nu is None or nu == getekend:
            return
        if nu[:2] != getekend[:2]:
            # Another part (or mode): a note being typed is committed first. The browser saves a
            # note when its field is left, so the field is left, and the rerun that follows
            # carries the note (and saves it) although its stelling leaves the screen. Not on a
            # reveal: the stellingen stay where they are and the browser keeps the text and the
            # focus through the rerun. Our own script, no user text.
            st.html(_LAAT_VELD_LOS, unsafe_allow_javascript=True)
            time.sleep(LOSLATEN_SECONDEN)
        st.rerun(scope="app")

    st.session_state["invullen_net_gelezen"] = True
    _volg()


def _sleutels(s: Stelling) -> set[str]:
    return {f"a_{s.id}", f"z_{s.id}", f"t_{s.id}"}


def _melding_elders(berichten: list[str]) -> None:
    """Failed saves of widgets no longer on screen (the room moved on): said once, at the top."""
    if berichten:
        st.error("  \n".join(berichten), icon=":material/error:")
        kondig_aan(" ".join(berichten), fout=True)


def _nu_regel(stap: Stap, bouwsteen: Bouwsteen, nummer: int) -> str:
    naam = letterlijk(bouwsteen.naam.nl)
    if stap.herstemming:
        return t("telefoon.nu.herstemming", stelling=nummer, nummer=bouwsteen.nummer, naam=naam)
    if stap.stelling is not None:
        return t("telefoon.nu.stelling", stelling=nummer, nummer=bouwsteen.nummer, naam=naam)
    return t("telefoon.nu.bouwsteen", nummer=bouwsteen.nummer, naam=naam)


def _status(onthuld: bool, klaar: bool, herstemming: bool) -> None:
    if onthuld:
        st.info(t("telefoon.herstemming.onthuld" if herstemming else "telefoon.onthuld"), icon=":material/co_present:")
    elif klaar:
        st.success(
            t("telefoon.herstemming.klaar" if herstemming else "telefoon.klaar"), icon=":material/hourglass_top:"
        )
    elif not herstemming:  # a re-vote says it in its own block
        st.caption(t("telefoon.blind"))


def toon_samen(o: Opslag, tel: Telefoon) -> None:
    """The whole page body in *Samen* mode."""
    stap = tel.deel.stap
    wie(o.sessie)
    toon_naamgeving(tel.deel.op_naam)
    delen = samen.deel_stellingen(o.vl, stap) if stap is not None else []
    # Focus follows the room to the new part's h1 (the bouwsteen, or the wait heading).
    naar_boven(f"samen-{stap.volgnummer if stap else 0}", kop_tekst(delen[0][0]) if delen else t("telefoon.wacht.kop"))
    stijl()
    if stap is None or not delen:
        _melding_elders(o.alleen(set()))
        paginatitel(t("nav.invullen"), t("telefoon.wacht.kop"))
        st.title(t("telefoon.wacht.kop"), anchor=False)
        st.info(t("telefoon.wacht.uitleg"), icon=":material/hourglass_empty:")
        return
    if stap.herstemming:
        _toon_herstemming(o, tel, stap, *delen[0])
    else:
        _toon_deel(o, tel, stap, delen)


def _toon_deel(o: Opslag, tel: Telefoon, stap: Stap, delen: list[tuple[Bouwsteen, int, Stelling]]) -> None:
    """A first vote on a bouwsteen or one stelling: only its stellingen, blind until the reveal."""
    bouwsteen = delen[0][0]
    heel = stap.bouwsteen is not None
    getoond: set[str] = set().union(*(_sleutels(s) for _, _, s in delen))
    bewerkbaar = {f"t_{s.id}" for _, _, s in delen}
    if not stap.onthuld:
        bewerkbaar |= {k for _, _, s in delen if s.id not in tel.herstemd for k in _sleutels(s)}
    if heel:
        getoond.add(f"amb_{bouwsteen.id}")
        bewerkbaar.add(f"amb_{bouwsteen.id}")
    _melding_elders(o.alleen(getoond))
    o.sluit(getoond - bewerkbaar)
    mijn = tel.antwoorden
    for _, _, s in delen:
        o.uit_database(f"a_{s.id}", mijn[s.id].antwoord if s.id in mijn else None)
        o.uit_database(f"t_{s.id}", (mijn[s.id].toelichting if s.id in mijn else None) or "")
    opgeslagen_ambitie = str(tel.ambities[bouwsteen.id][0]) if bouwsteen.id in tel.ambities else None
    if heel:
        o.uit_database(f"amb_{bouwsteen.id}", opgeslagen_ambitie)

    toon_h1(bouwsteen)
    # One container whatever it holds: the stellingen below keep their place when the part is
    # revealed, so the browser keeps a note being typed (an element that comes and goes above
    # them would make it rebuild their widgets, and typed-but-unsaved text would be lost).
    with st.container():
        st.info(_nu_regel(stap, bouwsteen, delen[0][1]), icon=":material/groups:")
        beantwoord = sum(1 for _, _, s in delen if s.id in tel.herstemd or (s.id in mijn and mijn[s.id].antwoord))
        _status(stap.onthuld, beantwoord == len(delen), herstemming=False)
        if len(delen) > 1:
            st.caption(t("telefoon.voortgang", klaar=beantwoord, aantal=len(delen)))
        if not stap.onthuld:
            if heel:
                st.markdown(letterlijk(bouwsteen.omschrijving.nl), anchors=False)
            st.info(t("niveau.regel"), icon=":material/rule:")
    for _, nummer, s in delen:
        toon_stelling(
            o,
            s,
            nummer,
            mijn.get(s.id),
            dicht=stap.onthuld or s.id in tel.herstemd,
            herstemd=s.id in tel.herstemd,
            tweede=tel.deel.herstemmingen.get(s.id),
        )
    if heel:
        toon_ambitie(o, bouwsteen, opgeslagen_ambitie, tel.ambities[bouwsteen.id][1] if opgeslagen_ambitie else None)


def _toon_herstemming(o: Opslag, tel: Telefoon, stap: Stap, bouwsteen: Bouwsteen, nummer: int, s: Stelling) -> None:
    """A re-vote of one stelling: the first choice read-only, a fresh choice for the second vote."""
    sleutel = f"h_{s.id}"
    _melding_elders(o.alleen({sleutel}))
    if stap.onthuld:
        o.sluit({sleutel})
    tweede = tel.deel.herstemmingen.get(s.id)
    o.uit_database(sleutel, tweede)
    eerste = tel.antwoorden[s.id].antwoord if s.id in tel.antwoorden else None

    toon_h1(bouwsteen)
    with st.container():  # one element whatever it holds (see _toon_deel)
        st.info(_nu_regel(stap, bouwsteen, nummer), icon=":material/groups:")
        _status(stap.onthuld, tweede is not None, herstemming=True)
    with st.container(border=True, key="herstemming"):
        st.markdown(f"## {t('telefoon.herstemming.kop')} · {nummer}. {letterlijk(s.tekst.nl)}", anchors=False)
        if s.toelichting:
            st.caption(letterlijk(s.toelichting.nl))
        st.markdown(
            t("telefoon.herstemming.eerste", keuze=o.als_tekst(eerste))
            if eerste
            else t("telefoon.herstemming.eerste_geen"),
            anchors=False,
        )
        if not stap.onthuld:
            st.caption(t("telefoon.herstemming.uitleg"))
        gekozen = st.radio(
            # Raw questionnaire text as the group's aria-label (see invullen_stellingen.keuze_naam).
            t("telefoon.herstemming.keuze", nummer=nummer, stelling=" ".join(s.tekst.nl.split())),
            OPTIES,
            key=sleutel,
            **begin("index", OPTIES.index(tweede) if tweede in OPTIES else None),
            format_func=o.als_tekst,
            captions=[letterlijk(s.niveaus.bij(n).nl) for n in range(1, 6)]
            + [letterlijk(o.vl.schaal.weet_niet.uitleg.nl), letterlijk(o.vl.schaal.nvt.uitleg.nl)],
            on_change=opslaan.herstemming,
            args=(o, s.id, nummer),
            disabled=o.afgerond or stap.onthuld,
            label_visibility="collapsed",
        )
        o.na_tekenen(
            sleutel,
            tweede,
            gekozen,
            opslaan.herstemming_opslaan(o, s.id, gekozen or ""),
            t("telefoon.herstemming.opgeslagen", nummer=nummer, keuze=o.als_tekst(gekozen) if gekozen else ""),
        )
        if melding := o.melding(sleutel):
            st.error(melding, icon=":material/error:")
        if tweede is not None:
            st.caption(t("telefoon.herstemming.status", keuze=o.als_tekst(tweede)))
        else:
            st.caption(t("invullen.status.open"))
