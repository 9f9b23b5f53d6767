"""Doelen: the cards of the goals (SMART letters, measurement, heading), one-click decisions, PDCA.

Layer: ``scan/ui`` (Streamlit). Only the round's facilitator decides (accept, reject, edit,
withdraw, undo, delete, PDCA); the cards show participants only what they may use, and the
service refuses the rest anyway. One-click buttons bind the version shown to their callback.
"""

from __future__ import annotations

from typing import cast

import streamlit as st

from reports.duiding import PDCA_NAAM
from scan.leesmodellen import DoelInfo
from scan.services import doelen as doelservice
from scan.services.doelen import toon_getal
from scan.ui.foutgrens import veilig
from scan.ui.opmaak import tijd
from scan.ui.panelen.doelen_conflict import datum, gewijzigd
from scan.ui.panelen.doelen_formulier import formulier
from scan.ui.panelen.doelen_staat import DoelenScherm, basis, gezien, v, voer_uit
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.smart import SmartUitslag
from scoring.tekst import maximum
from scoring.uitwissel import Doel, PdcaFase


def _getal(waarde: float | None) -> str:
    # Exact and without an exponent, as the field shows it ("1e+12" would read as text).
    return "–" if waarde is None else toon_getal(waarde)


def letters(uitslag: SmartUitslag) -> None:
    kolommen = st.columns(5)
    for kolom, oordeel in zip(kolommen, uitslag.oordelen, strict=True):
        # A tick or a cross that a screen reader names in the page's language, and the verdict in
        # words: a Material icon in Markdown is read by its English name ("cancel icon").
        teken = "✓" if oordeel.geslaagd else "✗"
        stand = t("doelen.letter.goed") if oordeel.geslaagd else t("doelen.letter.mist")
        kolom.markdown(f"{teken} **{oordeel.letter}** · {letterlijk(oordeel.naam)}: {stand}", anchors=False)
        if not oordeel.geslaagd:
            kolom.caption(letterlijk(oordeel.reden))


def meting(d: Doel) -> None:
    velden = {
        "indicator": letterlijk(d.indicator or "–"),
        "streef": _getal(d.streefwaarde),
        "eenheid": letterlijk(d.eenheid or ""),
        "deadline": datum(d.deadline),
        "eigenaar": letterlijk(d.eigenaar or "–"),
    }
    if d.nulmeting is None and d.nulmeting_uiterlijk is not None:
        st.markdown(t("doelen.meting_volgt", datum=datum(d.nulmeting_uiterlijk), **velden), anchors=False)
    else:
        st.markdown(t("doelen.meting", nul=_getal(d.nulmeting), **velden), anchors=False)


def kop(scherm: DoelenScherm, d: Doel, info: DoelInfo | None, wat: str, niveau: int = 3) -> None:
    """The card's heading: h3 under a section heading (h2), h2 where a tab has no section."""
    st.markdown(f"{'#' * niveau} {letterlijk(d.titel)}", anchors=False)
    delen = [letterlijk(scherm.namen.get(d.bouwsteen, d.bouwsteen)), wat]
    if info is not None:
        delen.append(t("doelen.gewijzigd", door=letterlijk(info.gewijzigd_door or "?"), tijd=tijd(info.gewijzigd_op)))
    st.caption(" · ".join(delen))


def verwijderen(scherm: DoelenScherm, info: DoelInfo) -> None:
    """Delete, behind a confirmation in a popover (facilitator only)."""
    with st.popover(t("doelen.knop.verwijderen"), icon=":material/delete:", key=f"pop_weg_{info.sleutel}"):
        st.markdown(t("doelen.verwijderen.vraag", titel=letterlijk(info.doel.titel)), anchors=False)
        # The version shown is bound to the click now, not read again when the click arrives.
        st.button(
            t("doelen.knop.verwijderen_zeker"),
            type="primary",
            key=f"weg_{info.sleutel}_{info.versie}",
            on_click=klik,
            args=(scherm, "verwijder", info),
        )


@veilig
def klik(scherm: DoelenScherm, wat: str, info: DoelInfo) -> None:
    """A one-click decision (withdraw, undo a rejection, delete) on the version ``info`` shown."""
    db, sessie = scherm.db, scherm.sessie
    if wat == "verwijder":
        voer_uit(
            scherm,
            info.sleutel,
            lambda b, _: doelservice.verwijder(db, sessie, b) if b else None,
            info,
            geladen=info.doel,
            mijn=None,
            mijn_besluit="verwijderd",
            gelukt=t("doelen.verwijderd", titel=letterlijk(info.doel.titel)),
            icoon=":material/delete:",
        )
        return
    actie = doelservice.trek_in if wat == "trek_in" else doelservice.herstel
    voer_uit(
        scherm,
        info.sleutel,
        lambda b, _: actie(db, sessie, b) if b else None,
        info,
        geladen=info.doel,
        mijn=info.doel,
        mijn_besluit="voorgesteld",
        gelukt=t("doelen.ingetrokken" if wat == "trek_in" else "doelen.hersteld", titel=letterlijk(info.doel.titel)),
        icoon=":material/undo:",
    )


def voorgesteld(scherm: DoelenScherm, info: DoelInfo) -> None:
    """A participant's proposal; the facilitator edits, accepts, rejects or deletes it."""
    with st.container(border=True, key=f"kaart_{info.sleutel}"):
        kop(scherm, info.doel, None, t("doelen.voorgesteld_door", naam=letterlijk(info.gewijzigd_door or "?")))
        st.markdown(letterlijk(info.doel.actie, regels=True), anchors=False)
        meting(info.doel)
        letters(scherm.toets(info.doel))
        if scherm.beslist:
            gewijzigd(scherm, info.sleutel, info)
            with st.expander(t("doelen.bewerken"), key=f"exp_voorgesteld_{info.sleutel}"):
                formulier(scherm, info.sleutel, info.doel, info.versie, ("accepteren", "afwijzen"))
            verwijderen(scherm, info)


def afgewezen(scherm: DoelenScherm, info: DoelInfo) -> None:
    with st.container(border=True, key=f"kaart_{info.sleutel}"):
        a, b, c = st.columns([4, 3, 2], vertical_alignment="center")
        a.markdown(
            f"**{letterlijk(info.doel.titel)}**  \n"
            + t("doelen.afgewezen_door", door=letterlijk(info.gewijzigd_door or "?"), tijd=tijd(info.gewijzigd_op)),
            anchors=False,
        )
        if scherm.beslist:
            with b:
                st.button(
                    t("doelen.knop.herstellen"),
                    icon=":material/undo:",
                    key=f"herstel_{info.sleutel}_{info.versie}",
                    on_click=klik,
                    args=(scherm, "herstel", info),
                )
            with c:
                verwijderen(scherm, info)


def _zet_fase(scherm: DoelenScherm, gezien_als: DoelInfo | None, doel: Doel | None) -> DoelInfo | None:
    """The PDCA phase and note of ``doel``, against ``gezien_als``. A goal deleted meanwhile has no
    phase to set (the conflict panel offers no "keep mine" then)."""
    if gezien_als is None or doel is None:
        return None
    return doelservice.zet_status(scherm.db, scherm.vl, scherm.sessie, gezien_als, doel.status, doel.notities or "")


@veilig
def _verstuur_fase(scherm: DoelenScherm, sleutel: str, pk: str, versie: int | None, doel: Doel) -> None:
    """The PDCA form's phase and note, saved against the version the form was loaded from."""
    fase = cast(PdcaFase, st.session_state[f"status_{pk}"])
    notitie = str(st.session_state.get(f"pnot_{pk}") or "").strip()
    voer_uit(
        scherm,
        sleutel,
        lambda b, d: _zet_fase(scherm, b, d),
        basis(sleutel, versie, doel),
        geladen=doel,
        mijn=doel.model_copy(update={"status": fase, "notities": notitie or None}),
        mijn_besluit="geaccepteerd",
        gelukt=t("doelen.status_bijgewerkt", titel=letterlijk(doel.titel)),
        icoon=":material/check_circle:",
    )


def vastgesteld(scherm: DoelenScherm, info: DoelInfo) -> None:
    """An accepted goal; the facilitator moves its PDCA phase on, edits, withdraws or deletes it."""
    d = info.doel
    with st.container(border=True, key=f"kaart_{info.sleutel}"):
        kop(scherm, d, info, PDCA_NAAM[d.status], niveau=2)
        st.markdown(letterlijk(d.actie, regels=True), anchors=False)
        meting(d)
        letters(scherm.toets(d))
        if not scherm.sessie.is_facilitator:
            return
        gewijzigd(scherm, info.sleutel, info)
        # The PDCA phase moves on after the workshop too, also when the round is closed. The
        # form shows, and is saved against, the version it was loaded from (``gezien``).
        versie, gezien_doel = gezien(scherm, "pdca", info.sleutel, info.versie, d, proef="status")
        pk = f"{info.sleutel}_{v(versie)}"
        with st.form(f"pdca_{info.sleutel}", border=False):
            a, b, c = st.columns([3, 5, 2], vertical_alignment="bottom")
            a.selectbox(
                t("doelen.veld.status"),
                list(PDCA_NAAM),
                index=list(PDCA_NAAM).index(gezien_doel.status),
                format_func=lambda f: PDCA_NAAM[f],
                key=f"status_{pk}",
                placeholder=t("algemeen.kies"),
            )
            b.text_input(
                t("doelen.veld.notities"), gezien_doel.notities or "", max_chars=maximum("notities"), key=f"pnot_{pk}"
            )
            # A callback with the loaded version bound now: it runs even if the goal was
            # withdrawn meanwhile and this form is not drawn again.
            c.form_submit_button(
                t("doelen.knop.status"),
                key=f"pdca_knop_{pk}",
                on_click=_verstuur_fase,
                args=(scherm, info.sleutel, pk, versie, gezien_doel),
            )
        if not scherm.beslist:
            return
        with st.expander(t("doelen.aanpassen"), key=f"exp_vast_{info.sleutel}"):
            formulier(scherm, info.sleutel, d, info.versie, ("opslaan",))
        with st.container(horizontal=True):
            st.button(
                t("doelen.knop.intrekken"),
                icon=":material/undo:",
                key=f"intrek_{info.sleutel}_{info.versie}",
                on_click=klik,
                args=(scherm, "trek_in", info),
            )
            verwijderen(scherm, info)
