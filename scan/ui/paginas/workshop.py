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
from scan.db.tabellen import nu
from scan.fouten import InvoerFout
from scan.leesmodellen import ConsensusInfo
from scan.services import bespreken, resultaten, start, workshop
from scan.services.workshop import ConsensusConflict
from scan.ui import werkgroep_paneel
from scan.ui.conflictweergave import keuzeknoppen, toon_versies
from scan.ui.kern import (
    deelname_link,
    letterlijk,
    letterlijke_tabel,
    met_foutgrens,
    persoonlijke_link,
    presentatie_link,
    qr_png,
    sessie_of_stop,
    tijd,
    toon_adres_hint,
    veilig,
    vragenlijst_of_stop,
    zelfde_versie_of_stop,
)
from scan.ui.teksten import t
from scan.ui.weergave import zichtbare_tekst
from scoring import agenda as agenda_regels
from scoring.agenda import Markering
from scoring.resultaat import ScanResultaat
from scoring.tekst import maximum

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
with st.container(horizontal=True):
    groot = st.toggle(t("workshop.groot"), value=True, key="workshop_groot")
    # WCAG 2.2.2: content that updates itself can be paused. Off: the live parts stand still
    # until switched on again (the toggle's change reruns the page, so the fragments below are
    # defined anew with or without their interval).
    st.toggle(t("workshop.verversen"), value=True, key="workshop_verversen", help=t("workshop.verversen.uitleg"))
if groot:
    st.html("<style>html { font-size: 20px; }</style>")


def _elke(interval: str) -> str | None:
    """The refresh interval of a live part, or none while the facilitator paused refreshing."""
    return interval if st.session_state.get("workshop_verversen", True) else None


st.title(t("workshop.titel", gemeente=letterlijk(ronde.gemeente)))
if melding_bovenaan := st.session_state.pop("workshop_melding", None):
    st.warning(melding_bovenaan, icon=":material/error:")


def _meld_fout(tekst: str) -> None:
    """A refusal as a toast; a long one (Streamlit cuts it with an English "view more") is shown
    at the top of the page instead, and the toast points there. ``tekst`` is Markdown: a service's
    message goes in as ``letterlijk(str(fout))``."""
    if len(zichtbare_tekst(tekst)) <= 70:
        st.toast(tekst, icon=":material/error:")
    else:
        st.session_state["workshop_melding"] = tekst
        st.toast(t("workshop.zie_melding"), icon=":material/error:")


link = deelname_link(sessie)
toon_adres_hint()
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
    st.image(
        qr_png(link), width=340, caption=t("workshop.qr"), alt=t("workshop.qr.alt", code=ronde.code_leesbaar, link=link)
    )


@veilig
def _vernieuw_scherm() -> None:
    try:
        bespreken.vernieuw_presentatie_token(db, sessie)
    except InvoerFout as fout:
        _meld_fout(letterlijk(str(fout)))
    else:
        st.toast(t("workshop.scherm.vernieuwd"), icon=":material/check_circle:")


# The projector gets a view of its own: this page's address carries the facilitator's personal
# link, the presenter link only shows.
with st.container(border=True):
    st.markdown(f"**{t('workshop.scherm.kop')}**")
    st.caption(t("workshop.scherm.uitleg"))
    try:
        scherm_link: str | None = presentatie_link(bespreken.presentatie_token(db, sessie))
    except InvoerFout as fout:
        st.error(letterlijk(str(fout)), icon=":material/error:")
        scherm_link = None
    if scherm_link:
        with st.container(horizontal=True, vertical_alignment="center"):
            st.link_button(t("workshop.scherm.openen"), scherm_link, icon=":material/co_present:", type="primary")
            st.button(
                t("workshop.scherm.vernieuwen"),
                help=t("workshop.scherm.vernieuwen.uitleg"),
                on_click=_vernieuw_scherm,
                icon=":material/autorenew:",
                key="workshop_scherm_nieuw",
            )
        st.code(scherm_link, language=None)


def _balk(aantal: int, van: int) -> str:
    # A text bar scales with the projector type size (the grid of st.dataframe does not).
    vol = round(10 * aantal / van) if van else 0
    return f"{'█' * vol}{'░' * (10 - vol)} {aantal} / {van}"


def _bezetting() -> None:
    """A full round (or one nearly full) is said to the facilitator: joiners beyond the maximum
    are refused on their phones, and the room should know why (issue 13, case 3)."""
    aantal, geweigerd = start.bezetting(db, ronde.id)
    if aantal >= start.MAX_DEELNEMERS:
        st.warning(t("workshop.vol", maximum=start.MAX_DEELNEMERS, geweigerd=geweigerd), icon=":material/group_off:")
    elif aantal >= start.MAX_DEELNEMERS - 10:
        st.info(t("workshop.bijna_vol", over=start.MAX_DEELNEMERS - aantal, maximum=start.MAX_DEELNEMERS))


@st.fragment(run_every=_elke("5s"))
@met_foutgrens
def _wie_vult_in() -> None:
    rijen = workshop.voortgang(db, sessie)
    _bezetting()
    # A facilitator who only leads the session is not someone the room waits for.
    invullers = [r for r in rijen if r.rol == "deelnemer" or r.beantwoord > 0]
    st.subheader(t("workshop.voortgang.kop", aantal=len(invullers)))
    klaar = sum(1 for r in invullers if r.beantwoord >= totaal)
    st.caption(t("workshop.voortgang.samenvatting", klaar=klaar, aantal=len(invullers), nu=tijd(nu())))
    st.table(
        # st.table renders its cells as Markdown: names and functions go through letterlijk.
        letterlijke_tabel(
            pd.DataFrame(
                {
                    t("workshop.kol.naam"): [r.naam for r in rijen],
                    t("workshop.kol.functie"): [r.functie or t(f"rol.{r.rol}") for r in rijen],
                    t("workshop.kol.beantwoord"): [_balk(r.beantwoord, totaal) for r in rijen],
                    t("workshop.kol.ambities"): [f"{r.ambities} / {len(vl.bouwstenen)}" for r in rijen],
                    t("workshop.kol.actief"): [tijd(r.laatst_actief) for r in rijen],
                }
            )
        ),
        hide_index=True,
        border="horizontal",
    )


_wie_vult_in()
resultaat = resultaten.resultaat(db, vl, ronde.id)
afspraken = workshop.consensus(db, sessie)


PLEKKEN = ("bp", "bs")
"""Where a stelling's consensus form can be: the bespreekpunten and the bouwsteen tab."""


def _gezien(plek: str, stelling_id: str, versie: int | None) -> int | None:
    """The consensus version this form was loaded from (issue 13, case 6).

    Set when the form's widgets are drawn afresh and moved on only by this user's own save or
    their choice in a conflict, never by the live rerun that finds a newer stored version: a
    save is checked against it, so another facilitator's change is never overwritten unseen.
    """
    gezien: dict[str, int | None] = st.session_state.setdefault(f"workshop_gezien_{ronde.id}", {})
    if f"{plek}_cn_{stelling_id}" not in st.session_state or f"{plek}_{stelling_id}" not in gezien:
        gezien[f"{plek}_{stelling_id}"] = versie
    return gezien[f"{plek}_{stelling_id}"]


def _toon_in_formulieren(stelling_id: str, info: ConsensusInfo | None) -> None:
    """Every drawn form of this stelling shows ``info`` (its level and note) and is saved against it."""
    gezien: dict[str, int | None] = st.session_state.setdefault(f"workshop_gezien_{ronde.id}", {})
    for p in PLEKKEN:
        gezien[f"{p}_{stelling_id}"] = info.versie if info else None
        if f"{p}_cn_{stelling_id}" in st.session_state:  # drawn: set what it shows; else it starts afresh
            st.session_state[f"{p}_cn_{stelling_id}"] = info.niveau if info else None
            st.session_state[f"{p}_co_{stelling_id}"] = (info.toelichting or "") if info else ""  # widgetwaarde


@veilig
def _leg_vast(stelling_id: str, versie: int | None, plek: str) -> None:
    """Record the form's level and note, against ``versie``: the version its form was loaded from,
    bound to the button when it was drawn."""
    niveau = st.session_state[f"{plek}_cn_{stelling_id}"]
    _bewaar(
        stelling_id,
        int(niveau) if niveau is not None else None,
        st.session_state[f"{plek}_co_{stelling_id}"],
        versie,
        plek,
    )


def _bewaar(stelling_id: str, niveau: int | None, toelichting: str, versie: int | None, plek: str) -> None:
    try:
        info = workshop.stel_consensus_vast(
            db,
            vl,
            sessie,
            stelling=stelling_id,
            niveau=niveau,
            toelichting=toelichting,
            verwachte_versie=versie,
        )
    except ConsensusConflict as conflict:
        # Nothing overwritten; both versions are shown at the stelling and the form keeps the input.
        st.session_state[f"conflict_{ronde.id}_{stelling_id}"] = (niveau, toelichting, conflict.huidig, plek)
        st.session_state.pop(f"fout_{ronde.id}_{stelling_id}", None)
        st.toast(t("conflict.zie_stelling"), icon=":material/sync_problem:")
        return
    except InvoerFout as fout:
        melding = letterlijk(str(fout))
    except SQLAlchemyError:
        log.exception("consensus opslaan mislukt")
        melding = t("invullen.fout.database")
    else:
        st.session_state.pop(f"conflict_{ronde.id}_{stelling_id}", None)
        st.session_state.pop(f"fout_{ronde.id}_{stelling_id}", None)
        _toon_in_formulieren(stelling_id, info)
        b, nummer, _ = stelling_van[stelling_id]
        st.toast(
            t("workshop.consensus.opgeslagen", niveau=info.niveau, stelling=f"{b.nummer}.{nummer}")
            if info
            else t("workshop.consensus.gewist"),
            icon=":material/check_circle:",
        )
        return
    # Shown at the stelling and as a short toast: the stelling may have moved out of view meanwhile.
    st.session_state[f"fout_{ronde.id}_{stelling_id}"] = melding
    st.toast(melding if len(melding) <= 70 else t("workshop.zie_stelling"), icon=":material/error:")


@veilig
def _houd_mijn(stelling_id: str) -> None:
    """Keep one's own level and note: saved explicitly over the version now stored (shown beside it)."""
    conflict = st.session_state.pop(f"conflict_{ronde.id}_{stelling_id}", None)
    if conflict is None:
        return
    niveau, toelichting, huidig, plek = conflict
    _bewaar(stelling_id, niveau, toelichting, huidig.versie if huidig else None, plek)


@veilig
def _neem_opgeslagen(stelling_id: str) -> None:
    conflict = st.session_state.pop(f"conflict_{ronde.id}_{stelling_id}", None)
    if conflict is not None:
        _toon_in_formulieren(stelling_id, conflict[2])


def _toon_conflict(stelling_id: str, plek: str) -> None:
    """Both versions of a consensus someone else changed first, with the two ways on."""
    niveau, toelichting, huidig, _ = st.session_state[f"conflict_{ronde.id}_{stelling_id}"]

    def als_tekst(n: int | None) -> str:
        return f"{n} · {niveau_naam[n]}" if n is not None else t("conflict.weg")

    toon_versies(
        t("conflict.consensus"),
        [
            (t("conflict.veld.niveau"), als_tekst(niveau), als_tekst(huidig.niveau) if huidig else ""),
            (t("conflict.veld.waarom"), toelichting, (huidig.toelichting or "") if huidig else ""),
        ],
        door=huidig.vastgesteld_door if huidig else None,
        op=huidig.vastgesteld_op if huidig else None,
        weg=huidig is None,
        sleutel=f"{plek}_consensus_{stelling_id}",
    )
    keuzeknoppen(
        f"{plek}_conflict_mijn_{stelling_id}",
        f"{plek}_conflict_opgeslagen_{stelling_id}",
        houd_mijn=_houd_mijn,
        neem_opgeslagen=_neem_opgeslagen,
        args=(stelling_id,),
    )


@veilig
def _wis_consensus(stelling_id: str, versie: int, plek: str) -> None:
    # Clearing is recording "no level" with the version shown beside the button: the same
    # conflict handling. The form keeps its input (a refused clear must not wipe it).
    _bewaar(stelling_id, None, "", versie, plek)


@veilig
def _markeer(stelling_id: str, markering: Markering | None) -> None:
    try:
        bespreken.markeer(db, vl, sessie, stelling_id, markering)
    except InvoerFout as fout:
        _meld_fout(letterlijk(str(fout)))
    except SQLAlchemyError:
        log.exception("agenda bijwerken mislukt")
        _meld_fout(t("invullen.fout.database"))
    else:
        b, nummer, _ = stelling_van[stelling_id]
        st.toast(t("workshop.agenda.opgeslagen", stelling=f"{b.nummer}.{nummer}"), icon=":material/check_circle:")


def _stelling(
    stelling_id: str,
    open_: bool,
    plek: str,
    resultaat_: ScanResultaat | None = None,
    afspraken_: dict[str, ConsensusInfo] | None = None,
    markering: Markering | None = None,
    agenda: bool = False,
) -> None:
    # A stelling can be on two tabs (bespreekpunt and its bouwsteen); ``plek`` keeps their widgets apart.
    # The live bespreekpunten pass the result of their own rerun; the other tabs use the page's.
    b, nummer, s = stelling_van[stelling_id]
    r = (resultaat if resultaat_ is None else resultaat_).stelling(stelling_id)
    afspraak = (afspraken if afspraken_ is None else afspraken_).get(stelling_id)
    status = (
        t("workshop.status.consensus", niveau=afspraak.niveau)
        if afspraak
        else t("workshop.status.spreiding", spreiding=r.spreiding if r.spreiding is not None else "–")
    )
    if markering:
        status += f" · {t(f'workshop.agenda.gemarkeerd.{markering}')}"
    # Keyed: the label changes with live answers, the facilitator's open or closed stays.
    with st.expander(f"{b.nummer}.{nummer} {s.tekst.nl} · {status}", expanded=open_, key=f"{plek}_x_{stelling_id}"):
        st.caption(letterlijk(b.naam.nl))
        if agenda and not afspraak:
            knoppen = st.container(horizontal=True)
            if markering is None:
                knoppen.button(
                    t("workshop.agenda.later"),
                    key=f"{plek}_later_{stelling_id}",
                    on_click=_markeer,
                    args=(stelling_id, "later"),
                    icon=":material/schedule:",
                )
                knoppen.button(
                    t("workshop.agenda.parkeren"),
                    key=f"{plek}_park_{stelling_id}",
                    on_click=_markeer,
                    args=(stelling_id, "geparkeerd"),
                    icon=":material/local_parking:",
                )
            else:
                knoppen.button(
                    t("workshop.agenda.terug"),
                    key=f"{plek}_terug_{stelling_id}",
                    on_click=_markeer,
                    args=(stelling_id, None),
                    icon=":material/undo:",
                )
        kolommen_verdeling = [f"{n} · {niveau_naam[n]}" for n in range(1, 6)] + [
            t("workshop.weet_niet"),
            t("workshop.nvt"),
        ]
        st.table(
            letterlijke_tabel(pd.DataFrame([[*r.verdeling, r.weet_niet, r.nvt]], columns=kolommen_verdeling)),
            hide_index=True,
            border="horizontal",
        )
        gegeven = [n for n in range(1, 6) if r.verdeling[n - 1]]
        if gegeven:
            st.markdown("\n".join(f"- **{n} · {niveau_naam[n]}**: {letterlijk(s.niveaus.bij(n).nl)}" for n in gegeven))
        toelichtingen = workshop.toelichtingen(db, sessie, stelling_id)
        if toelichtingen:
            st.markdown(t("workshop.toelichtingen"))
            # One list item per note; a note's own lines stay inside its item (hard breaks).
            st.markdown(
                "\n".join(f"- ({letterlijk(a)}) {letterlijk(tekst, regels=True)}" for a, tekst in toelichtingen)
            )
        if afspraak:
            st.success(
                t(
                    "workshop.consensus.huidig",
                    niveau=afspraak.niveau,
                    naam=niveau_naam[afspraak.niveau],
                    door=letterlijk(afspraak.vastgesteld_door or "?"),
                    tijd=tijd(afspraak.vastgesteld_op),
                    waarom=letterlijk(afspraak.toelichting or "–"),
                ),
                icon=":material/handshake:",
            )
            st.button(
                t("workshop.consensus.wissen"),
                key=f"{plek}_cw_{stelling_id}",
                on_click=_wis_consensus,
                args=(stelling_id, afspraak.versie, plek),
                icon=":material/backspace:",
            )
        if f"conflict_{ronde.id}_{stelling_id}" in st.session_state:
            _toon_conflict(stelling_id, plek)
        if fout := st.session_state.get(f"fout_{ronde.id}_{stelling_id}"):
            st.warning(fout, icon=":material/error:")
        voorstel = afspraak.niveau if afspraak else (round(r.mediaan) if r.mediaan is not None else None)
        gezien = _gezien(plek, stelling_id, afspraak.versie if afspraak else None)
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
                max_chars=maximum("onderbouwing"),
            )
            kolommen[2].form_submit_button(
                t("workshop.consensus.knop"),
                on_click=_leg_vast,
                # Bound now: the version this form was loaded from, not what a later rerun reads.
                args=(stelling_id, gezien, plek),
                type="primary",
            )


MAX_OPEN = 12
tab_bespreek, tab_bouwsteen, tab_ambities, tab_deelnemers, tab_links, tab_afronden = st.tabs(
    [
        # No live count in the label: a label that changes resets which tab is open.
        t("workshop.tab.bespreekpunten.vast"),
        t("workshop.tab.bouwsteen"),
        t("werkgroep.tab.ambities"),
        t("werkgroep.tab.deelnemers"),
        t("workshop.tab.links"),
        t("workshop.tab.afronden"),
    ]
)


def _getal(waarde: float) -> str:
    return f"{waarde:g}".replace(".", ",")


@veilig
def _agenda_instellen() -> None:
    try:
        bespreken.stel_agenda_in(
            db,
            sessie,
            minuten_per_punt=st.session_state["workshop_agenda_minuten"],
            budget=st.session_state["workshop_agenda_budget"],
        )
    except InvoerFout as fout:
        _meld_fout(letterlijk(str(fout)))


@st.fragment(run_every=_elke("4s"))
@met_foutgrens
def _bespreekpunten() -> None:
    # Live like the progress table: each rerun reads the round again, only this fragment reruns.
    resultaat_nu = resultaten.resultaat(db, vl, ronde.id)
    afspraken_nu = workshop.consensus(db, sessie)
    minuten, budget = bespreken.agenda_instelling(db, ronde.id)
    lijst = agenda_regels.punten(resultaat_nu, bespreken.markeringen(db, ronde.id))
    a = agenda_regels.agenda(lijst, minuten_per_punt=minuten, budget_minuten=budget)
    st.markdown(t("workshop.bespreekpunten.uitleg"))
    kolommen = st.columns([2, 2, 3], vertical_alignment="bottom")
    kolommen[0].number_input(
        t("workshop.agenda.minuten"),
        min_value=1,
        max_value=60,
        step=1,
        value=round(minuten),
        key="workshop_agenda_minuten",
        on_change=_agenda_instellen,
    )
    kolommen[1].number_input(
        t("workshop.agenda.budget"),
        min_value=0,
        max_value=480,
        step=5,
        value=round(budget),
        key="workshop_agenda_budget",
        on_change=_agenda_instellen,
    )
    if not lijst:
        st.info(t("workshop.bespreekpunten.geen"), icon=":material/check:")
        return
    st.markdown(
        t(
            "workshop.agenda.stand",
            resterend=a.resterend,
            minuten=_getal(a.minuten),
            budget=_getal(budget),
            past=a.past,
            besproken=len(a.besproken),
            geparkeerd=a.geparkeerd,
        )
    )
    st.caption(t("workshop.agenda.volgorde"))
    te_doen = [p for p in a.volgorde if p.markering != "geparkeerd"]
    for i, p in enumerate(te_doen[:MAX_OPEN]):
        if i == a.past:
            st.caption(t("workshop.agenda.buiten_budget", budget=_getal(budget)))
        _stelling(p.stelling, i == 0, "bp", resultaat_nu, afspraken_nu, p.markering, agenda=True)
    if len(te_doen) > MAX_OPEN:
        st.caption(t("workshop.bespreekpunten.meer", aantal=len(te_doen) - MAX_OPEN))
    geparkeerd = [p for p in a.volgorde if p.markering == "geparkeerd"]
    if geparkeerd:
        st.subheader(t("workshop.agenda.geparkeerd.kop", aantal=len(geparkeerd)))
        for p in geparkeerd:
            _stelling(p.stelling, False, "bp", resultaat_nu, afspraken_nu, p.markering, agenda=True)
    # Settled ones move to their own list, so a level just recorded stays in view.
    if a.besproken:
        st.subheader(t("workshop.besproken.kop", aantal=len(a.besproken)))
        for p in a.besproken:
            _stelling(p.stelling, False, "bp", resultaat_nu, afspraken_nu)


with tab_bespreek:
    _bespreekpunten()

with tab_bouwsteen:
    b = vl.bouwsteen(
        st.selectbox(
            t("invullen.bouwsteen"),
            [x.id for x in vl.bouwstenen],
            format_func=lambda i: f"{vl.bouwsteen(i).nummer}. {vl.bouwsteen(i).naam.nl}",
            key="workshop_b",
            placeholder=t("algemeen.kies"),
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
        tokens = workshop.deelnemer_links(db, sessie)
        for r in workshop.voortgang(db, sessie):
            st.markdown(f"**{letterlijk(r.naam)}** ({t(f'rol.{r.rol}')})")
            st.code(persoonlijke_link(tokens[r.deelnemer_id]), language=None)

with tab_afronden:
    if ronde.status == "afgerond":
        st.success(t("workshop.afgerond"), icon=":material/lock:")
        if st.button(t("workshop.heropenen"), icon=":material/lock_open:"):
            try:
                workshop.heropen(db, sessie)
            except InvoerFout as fout:
                st.error(letterlijk(str(fout)), icon=":material/error:")
            else:
                st.rerun()
    else:
        st.markdown(t("workshop.afronden.uitleg"))
        zeker = st.checkbox(t("workshop.afronden.zeker"), key="workshop_afronden_zeker")
        if st.button(t("workshop.afronden.knop"), type="primary", disabled=not zeker, icon=":material/lock:"):
            try:
                workshop.rond_af(db, vl, sessie)
            except InvoerFout as fout:
                st.error(letterlijk(str(fout)), icon=":material/error:")
            else:
                st.rerun()

with tab_deelnemers:
    werkgroep_paneel.toon_deelnemers(db, vl, sessie)

with tab_ambities:
    werkgroep_paneel.toon_ambities(db, vl, sessie, resultaat)
