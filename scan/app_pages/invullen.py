"""Invullen: one bouwsteen per page; every choice and note is saved the moment it changes.

Widget values are rebuilt from the database on every run (the database is the source of
truth), except for a value whose save just failed: that one stays on screen with an error,
so nothing the participant did is lost.
"""

import logging

import streamlit as st
import streamlit.components.v1 as components
from sqlalchemy.exc import SQLAlchemyError

from scan import services
from scan.services import InvoerFout
from scan.teksten import t
from scan.ui import md, persoonlijke_link, sessie_of_stop, tijd, vragenlijst_of_stop, zelfde_versie_of_stop

log = logging.getLogger(__name__)
vl = vragenlijst_of_stop()
db, sessie = sessie_of_stop()
zelfde_versie_of_stop(sessie, vl)

ids = [b.id for b in vl.bouwstenen]
if st.session_state.get("invullen_b") not in ids:
    st.session_state["invullen_b"] = st.query_params.get("b") if st.query_params.get("b") in ids else ids[0]
bouwsteen = vl.bouwsteen(st.session_state["invullen_b"])
st.query_params["b"] = bouwsteen.id
mislukt: dict[str, str] = st.session_state.setdefault("niet_opgeslagen", {})
niveau_naam = {str(n.niveau): n.naam.nl for n in vl.schaal.niveaus}
OPTIES = ["1", "2", "3", "4", "5", "weet_niet", "nvt"]


def _label(waarde: str) -> str:
    if waarde in niveau_naam:
        return f"{waarde} · {niveau_naam[waarde]}"
    return vl.schaal.weet_niet.label.nl if waarde == "weet_niet" else vl.schaal.nvt.label.nl


def _bewaar(sleutel: str, opslaan: object, bevestiging: str) -> None:
    """Run one save; on failure keep the value on screen and say so, never a traceback."""
    try:
        opslaan()  # type: ignore[operator]
    except InvoerFout as fout:
        mislukt[sleutel] = str(fout)
    except SQLAlchemyError:
        log.exception("opslaan mislukt")
        mislukt[sleutel] = t("invullen.fout.database")
    else:
        mislukt.pop(sleutel, None)
        st.toast(bevestiging, icon=":material/check_circle:")


def _keuze(stelling_id: str, nummer: int) -> None:
    waarde = st.session_state[f"a_{stelling_id}"]
    if waarde is not None:
        _bewaar(
            f"a_{stelling_id}",
            lambda: services.sla_antwoord_op(db, vl, sessie, stelling_id, waarde),
            t("invullen.opgeslagen", nummer=nummer, keuze=_label(waarde)),
        )


def _toelichting(stelling_id: str, nummer: int) -> None:
    tekst = st.session_state[f"t_{stelling_id}"]
    _bewaar(
        f"t_{stelling_id}",
        lambda: services.sla_toelichting_op(db, vl, sessie, stelling_id, tekst),
        t("invullen.toelichting.opgeslagen", nummer=nummer),
    )


def _ambitie(bouwsteen_id: str) -> None:
    niveau = st.session_state[f"amb_{bouwsteen_id}"]
    if niveau is not None:
        _bewaar(
            f"amb_{bouwsteen_id}",
            lambda: services.sla_ambitie_op(db, vl, sessie, bouwsteen_id, int(niveau)),
            t("invullen.ambitie.opgeslagen", keuze=_label(niveau)),
        )


def _ga(stap: int) -> None:
    st.session_state["invullen_b"] = ids[min(max(ids.index(st.session_state["invullen_b"]) + stap, 0), len(ids) - 1)]


mijn = services.mijn_antwoorden(db, sessie)
ambities = services.mijn_ambities(db, sessie)
gekozen = {s for s, a in mijn.items() if a.antwoord is not None}
for s in bouwsteen.stellingen:
    if f"a_{s.id}" not in mislukt:
        st.session_state[f"a_{s.id}"] = mijn[s.id].antwoord if s.id in mijn else None
    if f"t_{s.id}" not in mislukt:
        st.session_state[f"t_{s.id}"] = (mijn[s.id].toelichting if s.id in mijn else None) or ""
if f"amb_{bouwsteen.id}" not in mislukt:
    eigen = ambities.get(bouwsteen.id)
    st.session_state[f"amb_{bouwsteen.id}"] = str(eigen) if eigen else None

totaal = sum(len(b.stellingen) for b in vl.bouwstenen)
st.caption(
    t(
        "invullen.wie",
        naam=md(sessie.deelnemer.naam),
        gemeente=md(sessie.ronde.gemeente),
        code=sessie.ronde.code_leesbaar,
    )
)
st.progress(
    len(gekozen & {s.id for _, s in vl.stellingen()}) / totaal,
    text=t("invullen.voortgang", klaar=len(gekozen), totaal=totaal),
)


def _bouwsteen_label(bouwsteen_id: str) -> str:
    b = vl.bouwsteen(bouwsteen_id)
    klaar = sum(1 for s in b.stellingen if s.id in gekozen)
    teken = " ✓" if klaar == len(b.stellingen) and b.id in ambities else ""
    return f"{b.nummer}. {b.naam.nl} · {klaar}/{len(b.stellingen)}{teken}"


kop = st.columns([2, 6, 2], vertical_alignment="bottom")
eerste, laatste = bouwsteen.id == ids[0], bouwsteen.id == ids[-1]
kop[0].button(
    t("invullen.vorige"), on_click=_ga, args=(-1,), icon=":material/arrow_back:", width="stretch", disabled=eerste
)
kop[1].selectbox(t("invullen.bouwsteen"), ids, key="invullen_b", format_func=_bouwsteen_label)
kop[2].button(
    t("invullen.volgende"), on_click=_ga, args=(1,), icon=":material/arrow_forward:", width="stretch", disabled=laatste
)
if st.session_state.get("invullen_getoond") not in (None, bouwsteen.id):
    # A new bouwsteen starts at its top, also after "Volgende" at the bottom of a long page on a
    # phone; Streamlit keeps the scroll position, so a tiny script of ours scrolls the main area.
    components.html(
        "<script>window.parent.document.querySelector('[data-testid=\"stMain\"]').scrollTo(0, 0);</script>",
        height=0,
    )
st.session_state["invullen_getoond"] = bouwsteen.id

afgerond = sessie.ronde.status == "afgerond"
if afgerond:
    st.info(t("invullen.afgerond"), icon=":material/lock:")
st.header(f"{bouwsteen.nummer}. {md(bouwsteen.naam.nl)}", divider="blue")
st.markdown(md(bouwsteen.omschrijving.nl))
st.caption(t("invullen.uitleg"))

for nummer, s in enumerate(bouwsteen.stellingen, start=1):
    with st.container(border=True):
        st.markdown(f"##### {nummer}. {md(s.tekst.nl)}")
        if s.toelichting:
            st.caption(md(s.toelichting.nl))
        st.radio(
            t("invullen.keuze", nummer=nummer),
            OPTIES,
            key=f"a_{s.id}",
            format_func=_label,
            captions=[md(s.niveaus.bij(n).nl) for n in range(1, 6)]
            + [md(vl.schaal.weet_niet.uitleg.nl), md(vl.schaal.nvt.uitleg.nl)],
            on_change=_keuze,
            args=(s.id, nummer),
            disabled=afgerond,
        )
        st.text_area(
            t("invullen.toelichting"),
            key=f"t_{s.id}",
            max_chars=services.MAX_TOELICHTING,
            height=80,
            placeholder=t("invullen.toelichting.hint"),
            on_change=_toelichting,
            args=(s.id, nummer),
            disabled=afgerond,
        )
        for sleutel in (f"a_{s.id}", f"t_{s.id}"):
            if sleutel in mislukt:
                st.error(mislukt[sleutel], icon=":material/error:")
        if s.id in mijn and mijn[s.id].antwoord is not None:
            st.caption(t("invullen.status.opgeslagen", tijd=tijd(mijn[s.id].gewijzigd_op)))
        else:
            st.caption(t("invullen.status.open"))

with st.container(border=True):
    st.markdown(f"#### {t('invullen.ambitie.kop', bouwsteen=md(bouwsteen.naam.nl))}")
    st.radio(
        t("invullen.ambitie.vraag"),
        ["1", "2", "3", "4", "5"],
        key=f"amb_{bouwsteen.id}",
        format_func=_label,
        horizontal=True,
        on_change=_ambitie,
        args=(bouwsteen.id,),
        disabled=afgerond,
    )
    if f"amb_{bouwsteen.id}" in mislukt:
        st.error(mislukt[f"amb_{bouwsteen.id}"], icon=":material/error:")

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
    voet[2].page_link("scan/app_pages/resultaten.py", label=t("nav.resultaten"), icon=":material/radar:")
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
