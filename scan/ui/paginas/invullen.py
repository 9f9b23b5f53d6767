"""Invullen: one bouwsteen per page; every choice and note is saved the moment it changes.

Widget values are rebuilt from the database on every run (the database is the source of
truth), except for a value whose save just failed: that one stays on screen with an error,
so nothing the participant did is lost.
"""

import datetime as dt
import logging
from collections.abc import Callable
from functools import partial
from typing import Any

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from scan.fouten import InvoerFout
from scan.services import invullen
from scan.ui.kern import (
    letterlijk,
    persoonlijke_link,
    sessie_of_stop,
    tijd,
    veilig,
    vragenlijst_of_stop,
    zelfde_versie_of_stop,
)
from scan.ui.teksten import t
from scoring.tekst import maximum

log = logging.getLogger(__name__)
vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)

ids = [b.id for b in vl.bouwstenen]
mislukt: dict[str, str] = st.session_state.setdefault("niet_opgeslagen", {})
niveau_naam = {str(n.niveau): n.naam.nl for n in vl.schaal.niveaus}
OPTIES = ["1", "2", "3", "4", "5", "weet_niet", "nvt"]


def _label(waarde: str) -> str:
    if waarde in niveau_naam:
        return f"{waarde} · {niveau_naam[waarde]}"
    return vl.schaal.weet_niet.label.nl if waarde == "weet_niet" else vl.schaal.nvt.label.nl


def _bewaar(sleutel: str, opslaan: Callable[[], dt.datetime], bevestiging: str) -> None:
    """Run one save; on failure keep the value on screen and say so, never a traceback."""
    try:
        moment = opslaan()
    except InvoerFout as fout:
        # Kept as Markdown (shown beside the stelling on the next runs): user text escaped now.
        mislukt[sleutel] = letterlijk(str(fout))
        # Also where the participant is looking: the message beside the stelling can be out of
        # view on a phone, and a click must be confirmed or visibly refused. Streamlit cuts long
        # toasts with an English "view more", so a long message gets a short pointer instead.
        melding = letterlijk(str(fout)) if len(str(fout)) <= 70 else t("invullen.niet_opgeslagen")
        st.toast(melding, icon=":material/error:")
    except SQLAlchemyError:
        log.exception("opslaan mislukt")
        mislukt[sleutel] = t("invullen.fout.database")
        st.toast(t("invullen.niet_opgeslagen"), icon=":material/error:")
    else:
        mislukt.pop(sleutel, None)
        # With the time: a second save of the same stelling within seconds shows a toast of its
        # own instead of one that looks like the previous, still visible, confirmation.
        st.toast(f"{bevestiging} · {tijd(moment)}", icon=":material/check_circle:")


@veilig
def _keuze(stelling_id: str, nummer: int) -> None:
    waarde = st.session_state[f"a_{stelling_id}"]
    if waarde is not None:
        _bewaar(
            f"a_{stelling_id}",
            lambda: invullen.sla_antwoord_op(db, vl, sessie, stelling_id, waarde),
            t("invullen.opgeslagen", nummer=nummer, keuze=_label(waarde)),
        )


@veilig
def _toelichting(stelling_id: str, nummer: int) -> None:
    tekst = st.session_state[f"t_{stelling_id}"]
    _bewaar(
        f"t_{stelling_id}",
        lambda: invullen.sla_toelichting_op(db, vl, sessie, stelling_id, tekst),
        t("invullen.toelichting.opgeslagen", nummer=nummer),
    )


def _als_niveau(waarde: object) -> int:
    # A crafted client can send any label for the radio (issue 13, case 10): refused in Dutch.
    if waarde not in OPTIES[:5]:
        raise InvoerFout(f"Ambitie '{str(waarde)[:20]}' kan niet: kies niveau 1 tot 5.")
    return int(str(waarde))


@veilig
def _ambitie(bouwsteen_id: str) -> None:
    niveau = st.session_state[f"amb_{bouwsteen_id}"]
    if niveau is not None:
        _bewaar(
            f"amb_{bouwsteen_id}",
            lambda: invullen.sla_ambitie_op(db, vl, sessie, bouwsteen_id, _als_niveau(niveau)),
            t("invullen.ambitie.opgeslagen", keuze=_label(niveau)),
        )


@veilig
def _ga(stap: int) -> None:
    huidig = st.session_state.get("invullen_b")
    if huidig not in ids:  # a crafted click without the bouwsteen choice: nothing to move from
        return
    st.session_state["invullen_b"] = ids[min(max(ids.index(huidig) + stap, 0), len(ids) - 1)]


# What this session last put on screen per widget. A widget this session has never drawn (a
# new session: a refresh, a second device, or a browser that reconnected after a server
# restart) takes its value from the browser; if that differs from what is stored, it is a
# click the server saw no callback for, and it is saved below instead of being overwritten.
getoond: dict[str, object] = st.session_state.setdefault("invullen_getoond_waarden", {})


def _uit_database(sleutel: str, opgeslagen: object) -> bool:
    """Put the stored value in the widget's state; False when the widget is new to this session."""
    if sleutel in mislukt:
        return True  # keep what the participant did on screen, beside the error
    if sleutel not in getoond:
        return False
    st.session_state[sleutel] = opgeslagen
    getoond[sleutel] = opgeslagen
    return True


def _na_tekenen(
    sleutel: str, opgeslagen: object, waarde: object, opslaan: Callable[[], dt.datetime], bevestiging: str
) -> None:
    """After a widget new to this session is drawn: save a browser value that differs from the stored one."""
    if sleutel in getoond or sleutel in mislukt:
        return
    getoond[sleutel] = waarde
    if waarde != opgeslagen and waarde is not None and not afgerond:
        log.info("klik zonder callback opgeslagen (nieuwe sessie)", extra={"sleutel": sleutel})
        _bewaar(sleutel, opslaan, bevestiging)


mijn, ambitie_stand = invullen.mijn_stand(db, sessie)
ambities = {b: niveau for b, (niveau, _) in ambitie_stand.items()}
gekozen = {s for s, a in mijn.items() if a.antwoord is not None}
afgerond = sessie.ronde.status == "afgerond"
if afgerond and mislukt:
    # Closed between page load and click: say so once, then show what is stored.
    st.error("  \n".join(sorted(set(mislukt.values()))), icon=":material/lock:")
    mislukt.clear()


def _klaar(b_id: str) -> bool:
    b = vl.bouwsteen(b_id)
    return b.id in ambities and all(s.id in gekozen for s in b.stellingen)


if st.session_state.get("invullen_b") not in ids:
    # A fresh start ("Verder met invullen", a new device) continues where work is left.
    gevraagd = st.query_params.get("b")
    st.session_state["invullen_b"] = gevraagd if gevraagd in ids else next((b for b in ids if not _klaar(b)), ids[0])
bouwsteen = vl.bouwsteen(st.session_state["invullen_b"])
st.query_params["b"] = bouwsteen.id

opgeslagen_antwoord = {s.id: (mijn[s.id].antwoord if s.id in mijn else None) for s in bouwsteen.stellingen}
opgeslagen_tekst = {s.id: ((mijn[s.id].toelichting if s.id in mijn else None) or "") for s in bouwsteen.stellingen}
opgeslagen_ambitie = str(ambities[bouwsteen.id]) if bouwsteen.id in ambities else None
for s in bouwsteen.stellingen:
    _uit_database(f"a_{s.id}", opgeslagen_antwoord[s.id])
    _uit_database(f"t_{s.id}", opgeslagen_tekst[s.id])
_uit_database(f"amb_{bouwsteen.id}", opgeslagen_ambitie)


def _begin(sleutel: str, parameter: str, waarde: object) -> dict[str, Any]:
    """The stored value as the widget's default too, not only as its Session State value.

    Without it a radio's default is its first option, level 1: when the browser rebuilds the
    element (it moved on the page), it starts from that default and sends "1" back, which was
    then saved as if the participant had tapped it (seen in a rehearsal: 17 values became 1).
    Streamlit's log warning about a default beside a Session State value is switched off in
    .streamlit/config.toml for this reason.
    """
    return {parameter: waarde}


def _index(waarde: str | None) -> int | None:
    return OPTIES.index(waarde) if waarde in OPTIES else None


totaal = sum(len(b.stellingen) for b in vl.bouwstenen)
st.caption(
    t(
        "invullen.wie",
        naam=letterlijk(sessie.deelnemer.naam),
        gemeente=letterlijk(sessie.ronde.gemeente),
        code=sessie.ronde.code_leesbaar,
    )
)
st.progress(
    len(gekozen & {s.id for _, s in vl.stellingen()}) / totaal,
    text=t("invullen.voortgang", klaar=len(gekozen), totaal=totaal),
)


def _bouwsteen_label(bouwsteen_id: str) -> str:
    # Static on purpose: Streamlit sends a selectbox's choice back as its label and looks that
    # label up again, so a label with live progress ("· 4/5") fails the moment progress changes.
    b = vl.bouwsteen(bouwsteen_id)
    return f"{b.nummer}. {b.naam.nl}"


kop = st.columns([2, 6, 2], vertical_alignment="bottom")
eerste, laatste = bouwsteen.id == ids[0], bouwsteen.id == ids[-1]
kop[0].button(
    t("invullen.vorige"), on_click=_ga, args=(-1,), icon=":material/arrow_back:", width="stretch", disabled=eerste
)
kop[1].selectbox(
    t("invullen.bouwsteen"), ids, key="invullen_b", format_func=_bouwsteen_label, placeholder=t("algemeen.kies")
)
kop[2].button(
    t("invullen.volgende"), on_click=_ga, args=(1,), icon=":material/arrow_forward:", width="stretch", disabled=laatste
)
beantwoord_hier = sum(1 for s in bouwsteen.stellingen if s.id in gekozen)
st.caption(
    t(
        "invullen.bouwsteen.stand",
        klaar=beantwoord_hier,
        aantal=len(bouwsteen.stellingen),
        ambitie=t("invullen.bouwsteen.ambitie_ja" if bouwsteen.id in ambities else "invullen.bouwsteen.ambitie_nee"),
        open=sum(1 for b in ids if not _klaar(b)),
        bouwstenen=len(ids),
    )
)
# A new bouwsteen starts at its top, also after "Volgende" at the bottom of a long page on a
# phone; Streamlit keeps the scroll position, so a tiny script of ours scrolls the main area. It
# sits in a container that is there on every run: an element that comes and goes would move
# everything below it, and the browser would rebuild those widgets.
with st.container(key="invullen_naar_boven", height=1, border=False):
    if st.session_state.get("invullen_getoond") not in (None, bouwsteen.id):
        st.html(
            f"<script>/* {bouwsteen.nummer} */"
            "document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0);</script>",
            unsafe_allow_javascript=True,
        )
st.session_state["invullen_getoond"] = bouwsteen.id
# A level's description is part of the choice: a tap on it selects the level, not only a tap on
# the short title line (Streamlit puts the caption beside the label, so the label is stretched
# over both). Our own CSS, no user text.
st.html(
    "<style>"
    '[data-testid="stRadio"] div:has(> [data-testid="stRadioOption"]) { position: relative; }'
    '[data-testid="stRadioOption"] { position: static; }'
    '[data-testid="stRadioOption"]::after { content: ""; position: absolute; inset: 0; z-index: 1; cursor: pointer; }'
    # The title line stays on top of the stretched area, so a tap on it lands on the label's own text.
    '[data-testid="stRadioOption"] > div { position: relative; z-index: 2; }'
    "</style>"
)

if afgerond:
    st.info(t("invullen.afgerond"), icon=":material/lock:")
st.header(f"{bouwsteen.nummer}. {letterlijk(bouwsteen.naam.nl)}", divider="blue")
st.markdown(letterlijk(bouwsteen.omschrijving.nl))
st.caption(t("invullen.uitleg"))

for nummer, s in enumerate(bouwsteen.stellingen, start=1):
    with st.container(border=True):
        st.markdown(f"##### {nummer}. {letterlijk(s.tekst.nl)}")
        if s.toelichting:
            st.caption(letterlijk(s.toelichting.nl))
        sleutel = f"a_{s.id}"
        keuze: str | None = st.radio(
            t("invullen.keuze", nummer=nummer),
            OPTIES,
            key=sleutel,
            **_begin(sleutel, "index", _index(opgeslagen_antwoord[s.id])),
            format_func=_label,
            captions=[letterlijk(s.niveaus.bij(n).nl) for n in range(1, 6)]
            + [letterlijk(vl.schaal.weet_niet.uitleg.nl), letterlijk(vl.schaal.nvt.uitleg.nl)],
            on_change=_keuze,
            args=(s.id, nummer),
            disabled=afgerond,
        )
        _na_tekenen(
            sleutel,
            opgeslagen_antwoord[s.id],
            keuze,
            partial(invullen.sla_antwoord_op, db, vl, sessie, s.id, keuze or ""),
            t("invullen.opgeslagen", nummer=nummer, keuze=_label(keuze) if keuze else ""),
        )
        tekst_sleutel = f"t_{s.id}"
        tekst = st.text_area(
            t("invullen.toelichting"),
            key=tekst_sleutel,
            **_begin(tekst_sleutel, "value", opgeslagen_tekst[s.id]),
            max_chars=maximum("toelichting"),
            height=80,
            placeholder=t("invullen.toelichting.hint"),
            on_change=_toelichting,
            args=(s.id, nummer),
            disabled=afgerond,
        )
        _na_tekenen(
            tekst_sleutel,
            opgeslagen_tekst[s.id],
            tekst,
            partial(invullen.sla_toelichting_op, db, vl, sessie, s.id, tekst),
            t("invullen.toelichting.opgeslagen", nummer=nummer),
        )
        for sleutel in (f"a_{s.id}", f"t_{s.id}"):
            if sleutel in mislukt:
                st.error(mislukt[sleutel], icon=":material/error:")
        if s.id in mijn and mijn[s.id].antwoord is not None:
            st.caption(t("invullen.status.opgeslagen", tijd=tijd(mijn[s.id].gewijzigd_op)))
        else:
            st.caption(t("invullen.status.open"))

with st.container(border=True):
    st.markdown(f"#### {t('invullen.ambitie.kop', bouwsteen=letterlijk(bouwsteen.naam.nl))}")
    amb_sleutel = f"amb_{bouwsteen.id}"
    gekozen_ambitie = st.radio(
        t("invullen.ambitie.vraag"),
        ["1", "2", "3", "4", "5"],
        key=amb_sleutel,
        **_begin(amb_sleutel, "index", int(opgeslagen_ambitie) - 1 if opgeslagen_ambitie else None),
        format_func=_label,
        horizontal=True,
        on_change=_ambitie,
        args=(bouwsteen.id,),
        disabled=afgerond,
    )
    _na_tekenen(
        amb_sleutel,
        opgeslagen_ambitie,
        gekozen_ambitie,
        partial(invullen.sla_ambitie_op, db, vl, sessie, bouwsteen.id, int(gekozen_ambitie or 0)),
        t("invullen.ambitie.opgeslagen", keuze=_label(gekozen_ambitie) if gekozen_ambitie else ""),
    )
    if f"amb_{bouwsteen.id}" in mislukt:
        st.error(mislukt[f"amb_{bouwsteen.id}"], icon=":material/error:")
    # A lasting confirmation beside the passing toast, as at every stelling.
    if bouwsteen.id in ambitie_stand:
        st.caption(t("invullen.status.opgeslagen", tijd=tijd(ambitie_stand[bouwsteen.id][1])))
    else:
        st.caption(t("invullen.status.open"))

voet = st.columns([2, 6, 2])
voet[0].button(
    t("invullen.vorige"),
    on_click=_ga,
    args=(-1,),
    key="vorige_onder",
    icon=":material/arrow_back:",
    width="stretch",
    disabled=eerste,
)
if laatste:
    voet[2].page_link("scan/ui/paginas/resultaten.py", label=t("nav.resultaten"), icon=":material/radar:")
else:
    voet[2].button(
        t("invullen.volgende"),
        on_click=_ga,
        args=(1,),
        key="volgende_onder",
        icon=":material/arrow_forward:",
        width="stretch",
    )

with st.expander(t("invullen.link.kop")):
    st.markdown(t("invullen.link.uitleg"))
    st.code(persoonlijke_link(sessie.deelnemer.token), language=None)
