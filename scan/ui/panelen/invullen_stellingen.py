"""Invullen's body: the stellingen of one bouwsteen with their levels and notes, its ambition,
and the way on at the bottom."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from scan.leesmodellen import MijnAntwoord
from scan.services import invullen
from scan.ui.delen import deel, meld_in_deel, toon_toasts
from scan.ui.navigatie import pad
from scan.ui.opmaak import tijd
from scan.ui.panelen import invullen_opslaan as opslaan
from scan.ui.panelen.invullen_opslaan import Opslag
from scan.ui.teksten import t
from scan.ui.weergave import letterlijk
from scoring.models import Bouwsteen, Stelling
from scoring.samen import ZEKERHEDEN
from scoring.tekst import maximum
from scoring.uitwissel import ANTWOORDEN

OPTIES = list(ANTWOORDEN)
NIVEAUS = OPTIES[:5]


def begin(parameter: str, waarde: object) -> dict[str, Any]:
    """The stored value as the widget's default too, not only as its Session State value.

    Without it a radio's default is its first option, level 1: when the browser rebuilds the
    element (it moved on the page), it starts from that default and sends "1" back, which was
    then saved as if the participant had tapped it (seen in a rehearsal: 17 values became 1).
    Streamlit's log warning about a default beside a Session State value is switched off in
    .streamlit/config.toml for this reason.
    """
    return {parameter: waarde}


def keuze_naam(nummer: int, stelling: str) -> str:
    """The accessible name of a stelling's radio group: the stelling itself (WCAG 2.4.6), not
    only its number. The label is collapsed (the heading above shows the text once).

    The questionnaire's own text goes in raw, not through ``letterlijk``: Streamlit uses the
    label string as the group's ``aria-label``, where escapes would be read out as backslashes.
    It is our published text (like every ``.nl`` language map), and the collapsed label is not shown."""
    return t("invullen.keuze", nummer=nummer, stelling=" ".join(stelling.split()))


def toon_stelling(
    o: Opslag,
    s: Stelling,
    nummer: int,
    mijn: MijnAntwoord | None,
    *,
    dicht: bool = False,
    herstemd: bool = False,
    tweede: str | None = None,
) -> None:
    """One stelling: its levels (saved on change), how sure the participant is, a note (saved on
    change), and its status.

    ``dicht``: the level and the certainty are shown, not changeable (a revealed part, a re-voted
    stelling); the note stays open. ``herstemd``: the room re-voted the stelling after its
    discussion, ``tweede`` is this participant's second vote (the one that counts)."""
    vl = o.vl
    opgeslagen_antwoord = mijn.antwoord if mijn else None
    opgeslagen_tekst = (mijn.toelichting if mijn else None) or ""
    with st.container(border=True, key=f"stelling_{s.id}"):
        # An h2 under the bouwsteen's h1 (WCAG 1.3.1), drawn at a stelling's size (page CSS).
        st.markdown(f"## {nummer}. {letterlijk(s.tekst.nl)}", anchors=False)
        if s.toelichting:
            st.caption(letterlijk(s.toelichting.nl))
        sleutel = f"a_{s.id}"
        keuze: str | None = st.radio(
            keuze_naam(nummer, s.tekst.nl),
            OPTIES,
            key=sleutel,
            **begin("index", OPTIES.index(opgeslagen_antwoord) if opgeslagen_antwoord in OPTIES else None),
            format_func=o.als_tekst,
            captions=[letterlijk(s.niveaus.bij(n).nl) for n in range(1, 6)]
            + [letterlijk(vl.schaal.weet_niet.uitleg.nl), letterlijk(vl.schaal.nvt.uitleg.nl)],
            on_change=opslaan.keuze,
            args=(o, s.id, nummer),
            disabled=o.afgerond or dicht,
            label_visibility="collapsed",
        )
        o.na_tekenen(
            sleutel,
            opgeslagen_antwoord,
            keuze,
            partial(invullen.sla_antwoord_op, o.db, vl, o.sessie, s.id, keuze or ""),
            t("invullen.opgeslagen", nummer=nummer, keuze=o.als_tekst(keuze) if keuze else ""),
        )
        if herstemd:
            st.caption(
                t("telefoon.herstemd", keuze=o.als_tekst(tweede)) if tweede else t("telefoon.herstemd.geen"),
            )
        if opgeslagen_antwoord in NIVEAUS:
            toon_zekerheid(o, s.id, nummer, mijn, dicht=dicht)
        tekst_sleutel = f"t_{s.id}"
        tekst = st.text_area(
            t("invullen.toelichting"),
            key=tekst_sleutel,
            **begin("value", opgeslagen_tekst),
            max_chars=maximum("toelichting"),
            height=80,
            placeholder=t("invullen.toelichting.hint"),
            on_change=opslaan.toelichting,
            args=(o, s.id, nummer),
            disabled=o.afgerond,
        )
        o.na_tekenen(
            tekst_sleutel,
            opgeslagen_tekst,
            tekst,
            partial(invullen.sla_toelichting_op, o.db, vl, o.sessie, s.id, tekst),
            t("invullen.toelichting.opgeslagen", nummer=nummer),
        )
        for sleutel in (f"a_{s.id}", f"z_{s.id}", f"t_{s.id}"):
            if melding := o.melding(sleutel):
                st.error(melding, icon=":material/error:")
        if mijn is not None and mijn.antwoord is not None:
            st.caption(t("invullen.status.opgeslagen", tijd=tijd(mijn.gewijzigd_op)))
        elif mijn is not None and mijn.toelichting:
            # A note on a stelling not yet answered needs its own lasting confirmation: a second
            # save of the same note repeats the toast's text, and the browser may not show it anew.
            st.caption(t("invullen.status.alleen_toelichting", tijd=tijd(mijn.gewijzigd_op)))
        else:
            st.caption(t("invullen.status.open"))


def toon_stelling_als_deel(
    o: Opslag,
    s: Stelling,
    nummer: int,
    mijn: MijnAntwoord | None,
    *,
    herstemd: bool,
    tweede: str | None,
) -> None:
    """*Eigen tempo*: one stelling as a part that reruns on its own (``scan.ui.delen``), so a
    click reruns this stelling and its save, not the page (issue 20).

    On the page's run it is drawn with what the page read; on its own reruns it reads what is
    stored again (another device of this participant may have changed it) and puts that in its
    widgets, as the page does for all of them."""
    pagina_run = True

    @deel(opslaan.stelling_deel(s.id))
    def _stelling() -> None:
        nonlocal pagina_run
        eigen_run, pagina_run = not pagina_run, False
        nu = mijn
        if eigen_run:
            toon_toasts()
            nu = o.antwoord(s.id)
            zet_uit_database(o, s, nu, herstemd=herstemd)
        toon_stelling(o, s, nummer, nu, dicht=herstemd, herstemd=herstemd, tweede=tweede)
        if eigen_run:
            toon_toasts()
        meld_in_deel(s.id, eigen_run=eigen_run)

    _stelling()


def zet_uit_database(o: Opslag, s: Stelling, mijn: MijnAntwoord | None, *, herstemd: bool) -> None:
    """Before a stelling is drawn: its widgets show what is stored (``Opslag.uit_database``)."""
    o.uit_database(f"a_{s.id}", mijn.antwoord if mijn else None)
    o.uit_database(f"t_{s.id}", (mijn.toelichting if mijn else None) or "")
    if herstemd:
        # Re-voted after its discussion: the first vote is locked (a refused click is said beside it).
        o.sluit({f"a_{s.id}", f"z_{s.id}"})


def toon_zekerheid(o: Opslag, stelling_id: str, nummer: int, mijn: MijnAntwoord | None, *, dicht: bool) -> None:
    """How sure the participant is of the level chosen: optional, one tap, a second tap on the
    same choice takes it away (issue 16)."""
    sleutel = f"z_{stelling_id}"
    opgeslagen = mijn.zekerheid if mijn else None
    o.uit_database(sleutel, opgeslagen)
    gekozen = st.segmented_control(
        t("telefoon.zekerheid.vraag"),
        ZEKERHEDEN,
        key=sleutel,
        default=opgeslagen,
        format_func=lambda z: t(f"telefoon.zekerheid.{z}"),
        on_change=opslaan.zekerheid,
        args=(o, stelling_id, nummer),
        disabled=o.afgerond or dicht,
    )
    o.na_tekenen(
        sleutel,
        opgeslagen,
        gekozen,
        opslaan.zekerheid_opslaan(o, stelling_id, gekozen),
        t("telefoon.zekerheid.opgeslagen", nummer=nummer),
    )


def toon_ambitie(o: Opslag, bouwsteen: Bouwsteen, opgeslagen: str | None, moment: Any) -> None:
    """The participant's ambition for the bouwsteen (levels 1 to 5), saved on change."""
    with st.container(border=True, key="ambitie"):
        st.markdown(f"## {t('invullen.ambitie.kop', bouwsteen=letterlijk(bouwsteen.naam.nl))}", anchors=False)
        st.markdown(t("invullen.ambitie.vraag"), anchors=False)
        amb_sleutel = f"amb_{bouwsteen.id}"
        gekozen = st.radio(
            # The name says which bouwsteen (the question above says "deze bouwsteen"); raw, as
            # in keuze_naam: the questionnaire's own text, used as aria-label.
            t("invullen.ambitie.keuze", bouwsteen=bouwsteen.naam.nl),
            OPTIES[:5],
            key=amb_sleutel,
            **begin("index", int(opgeslagen) - 1 if opgeslagen else None),
            format_func=o.als_tekst,
            horizontal=True,
            on_change=opslaan.ambitie,
            args=(o, bouwsteen.id),
            disabled=o.afgerond,
            label_visibility="collapsed",
        )
        o.na_tekenen(
            amb_sleutel,
            opgeslagen,
            gekozen,
            partial(invullen.sla_ambitie_op, o.db, o.vl, o.sessie, bouwsteen.id, int(gekozen or 0)),
            t("invullen.ambitie.opgeslagen", keuze=o.als_tekst(gekozen) if gekozen else ""),
        )
        if amb_sleutel in o.mislukt:
            st.error(o.mislukt[amb_sleutel], icon=":material/error:")
        # A lasting confirmation beside the passing toast, as at every stelling.
        if moment is not None:
            st.caption(t("invullen.status.opgeslagen", tijd=tijd(moment)))
        else:
            st.caption(t("invullen.status.open"))


def toon_ambitie_als_deel(o: Opslag, bouwsteen: Bouwsteen, opgeslagen: str | None, moment: Any) -> None:
    """*Eigen tempo*: the ambition as a part that reruns on its own, like a stelling."""
    pagina_run = True

    @deel(opslaan.AMBITIE_DEEL)
    def _ambitie() -> None:
        nonlocal pagina_run
        eigen_run, pagina_run = not pagina_run, False
        nu, wanneer = opgeslagen, moment
        if eigen_run:
            toon_toasts()
            ambities = o.stand()[1]
            nu, wanneer = (
                (str(ambities[bouwsteen.id][0]), ambities[bouwsteen.id][1])
                if bouwsteen.id in ambities
                else (None, None)
            )
            o.uit_database(f"amb_{bouwsteen.id}", nu)
        toon_ambitie(o, bouwsteen, nu, wanneer)
        if eigen_run:
            toon_toasts()
        meld_in_deel("ambitie", eigen_run=eigen_run)

    _ambitie()


def toon_voet(o: Opslag, eerste: bool, laatste: bool) -> None:
    voet = st.columns([2, 6, 2])
    voet[0].button(
        t("invullen.vorige"),
        on_click=opslaan.ga,
        args=(o.vl, -1),
        key="vorige_onder",
        icon=":material/arrow_back:",
        width="stretch",
        disabled=eerste,
    )
    if laatste:
        voet[2].page_link(pad("resultaten"), label=t("nav.resultaten"), icon=":material/radar:")
    else:
        voet[2].button(
            t("invullen.volgende"),
            on_click=opslaan.ga,
            args=(o.vl, 1),
            key="volgende_onder",
            icon=":material/arrow_forward:",
            width="stretch",
        )
