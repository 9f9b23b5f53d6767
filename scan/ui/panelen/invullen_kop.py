"""Invullen's head: who fills in, the progress, the bouwsteen choice with Vorige/Volgende, and
the page's own scroll script and CSS."""

from __future__ import annotations

from typing import Literal

import streamlit as st

from scan.leesmodellen import MijnVoortgang, Sessie
from scan.services import invullen
from scan.ui.delen import deel
from scan.ui.panelen.invullen_opslaan import VOORTGANG, Opslag, ga
from scan.ui.teksten import t
from scan.ui.toegankelijk import paginatitel, richt_op_kop
from scan.ui.weergave import letterlijk
from scoring.models import Bouwsteen


def toon_kop(o: Opslag, bouwsteen: Bouwsteen, stand: MijnVoortgang) -> None:
    vl = o.vl
    ids = list(stand.bouwstenen)
    wie(o.sessie)
    toon_voortgang(o, bouwsteen.id, stand, "balk")

    def bouwsteen_label(bouwsteen_id: str) -> str:
        # Static on purpose: Streamlit sends a selectbox's choice back as its label and looks that
        # label up again, so a label with live progress ("· 4/5") fails the moment progress changes.
        b = vl.bouwsteen(bouwsteen_id)
        return f"{b.nummer}. {b.naam.nl}"

    kop = st.columns([2, 6, 2], vertical_alignment="bottom")
    kop[0].button(
        t("invullen.vorige"),
        on_click=ga,
        args=(vl, -1),
        icon=":material/arrow_back:",
        width="stretch",
        disabled=bouwsteen.id == ids[0],
    )
    kop[1].selectbox(
        t("invullen.bouwsteen"), ids, key="invullen_b", format_func=bouwsteen_label, placeholder=t("algemeen.kies")
    )
    kop[2].button(
        t("invullen.volgende"),
        on_click=ga,
        args=(vl, 1),
        icon=":material/arrow_forward:",
        width="stretch",
        disabled=bouwsteen.id == ids[-1],
    )
    toon_voortgang(o, bouwsteen.id, stand, "stand")
    naar_boven(bouwsteen.id, kop_tekst(bouwsteen))
    stijl()


def toon_voortgang(o: Opslag, bouwsteen_id: str, stand: MijnVoortgang, plek: Literal["balk", "stand"]) -> None:
    """The progress bar (``balk``) or the bouwsteen's stand below the choice (``stand``): two call
    sites of one part (``VOORTGANG``), which a click that changes the progress reruns with itself
    (``Opslag.voortgang_na``). On its own reruns it reads what is stored again."""
    pagina_run = True

    @deel(VOORTGANG)
    def _voortgang() -> None:
        nonlocal pagina_run
        eigen_run, pagina_run = not pagina_run, False
        nu = stand
        if eigen_run:
            antwoorden, ambities = o.stand()
            nu = invullen.voortgang(o.vl, antwoorden, ambities)
        if plek == "balk":
            st.progress(nu.beantwoord / nu.totaal, text=t("invullen.voortgang", klaar=nu.beantwoord, totaal=nu.totaal))
            return
        hier = nu.bouwstenen[bouwsteen_id]
        st.caption(
            t(
                "invullen.bouwsteen.stand",
                klaar=hier.beantwoord,
                aantal=hier.aantal,
                ambitie=t("invullen.bouwsteen.ambitie_ja" if hier.ambitie else "invullen.bouwsteen.ambitie_nee"),
                open=nu.open,
                bouwstenen=len(nu.bouwstenen),
            )
        )

    _voortgang()


def kop_tekst(bouwsteen: Bouwsteen) -> str:
    """The bouwsteen's h1 as plain text (the browser title and the focus script compare it)."""
    return f"{bouwsteen.nummer}. {bouwsteen.naam.nl}"


def toon_h1(bouwsteen: Bouwsteen) -> None:
    """The page's one h1: the bouwsteen (WCAG 1.3.1); its browser title says the same (2.4.2)."""
    paginatitel(t("nav.invullen"), kop_tekst(bouwsteen))
    st.title(f"{bouwsteen.nummer}. {letterlijk(bouwsteen.naam.nl)}", anchor=False)


def wie(sessie: Sessie) -> None:
    """Who fills in, in which round (the participant's name as text, never markup)."""
    st.caption(
        t(
            "invullen.wie",
            naam=letterlijk(sessie.deelnemer.naam),
            gemeente=letterlijk(sessie.ronde.gemeente),
            code=sessie.ronde.code_leesbaar,
        )
    )


def naar_boven(merk: object, kop: str | None) -> None:
    """Scroll the main area to its top, and move focus to the new h1 (``kop``, plain text), when
    ``merk`` (the bouwsteen, or the part the room works on) differs from the last run's.

    A new bouwsteen starts at its top, also after "Volgende" at the bottom of a long page on a
    phone; Streamlit keeps the scroll position, so a tiny script of ours scrolls the main area. It
    sits in a container that is there on every run: an element that comes and goes would move
    everything below it, and the browser would rebuild those widgets. Focus would otherwise drop
    to ``<body>`` (the button that had it is gone or disabled), and a screen reader would not
    hear that the bouwsteen changed (scan.ui.toegankelijk)."""
    with st.container(key="invullen_naar_boven", height=1, border=False):
        if st.session_state.get("invullen_getoond") not in (None, merk):
            st.html(
                f"<script>/* {merk} */document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0);</script>",
                unsafe_allow_javascript=True,
            )
            richt_op_kop(kop)
    st.session_state["invullen_getoond"] = merk


def stijl() -> None:
    """A level's description is part of the choice: a tap on it selects the level, not only a tap
    on the short title line (Streamlit puts the caption beside the label, so the label is
    stretched over both). Our own CSS, no user text."""
    st.html(
        "<style>"
        '[data-testid="stRadio"] div:has(> [data-testid="stRadioOption"]) { position: relative; }'
        '[data-testid="stRadioOption"] { position: static; }'
        '[data-testid="stRadioOption"]::after { content: ""; position: absolute; inset: 0; z-index: 1; cursor: pointer; }'
        # The title line stays on top of the stretched area, so a tap on it lands on the label's own text.
        '[data-testid="stRadioOption"] > div { position: relative; z-index: 2; }'
        # The h1 is the bouwsteen, each stelling and the ambition an h2 (WCAG 1.3.1), drawn at the
        # sizes they had as smaller headings: a long stelling at h2 size would fill a phone.
        '[data-testid="stMain"] h1 { font-size: 2rem; }'
        '[class*="st-key-stelling_"] h2, .st-key-ambitie h2, .st-key-herstemming h2'
        " { font-size: 1.125rem; font-weight: 600; padding: 0.25rem 0 0.5rem; }"
        "</style>"
    )
